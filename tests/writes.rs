//! Writing files on real special files in a temporary folder: a named pipe, a link to a device, a
//! device node (where this user may make one), a setuid file, a file with two hard links, a
//! folder. Only regular files are written; nothing else is replaced or followed. And a write ended
//! by SIGTERM leaves no temporary file behind.
#![cfg(unix)]

mod common;

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// `bilateral export --out PATH --force` on the built-in dataset, with a deadline.
fn export_to(path: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bilateral"))
        .args(["export", "--format", "json", "--force", "--out"])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("waiting").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("export to {} hung", path.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn refused(o: &Output, want: &str) -> String {
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(want), "want {want:?} in:\n{err}");
    err
}

fn only_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn special_files_and_links_to_devices_are_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let o = export_to(&fifo);
    refused(&o, "pipe.json is a named pipe (FIFO), not a regular file");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );

    for device in ["/dev/full", "/dev/null"] {
        let link = dir.path().join("device.json");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(device, &link).unwrap();
        let o = export_to(&link);
        refused(&o, "device.json is a link to a character device");
        assert_eq!(std::fs::read_link(&link).unwrap(), PathBuf::from(device));
    }

    // A device node of our own, where this user may make one (root may; others skip this part).
    let node = dir.path().join("null-node.json");
    let made = Command::new("mknod")
        .arg(&node)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let o = export_to(&node);
        refused(
            &o,
            "null-node.json is a character device, not a regular file",
        );
        assert!(
            std::fs::symlink_metadata(&node)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    let folder = dir.path().join("folder.json");
    std::fs::create_dir(&folder).unwrap();
    let o = export_to(&folder);
    refused(&o, "folder.json is a folder, not a regular file");

    // Nothing was left behind by any of the refusals.
    assert!(
        only_entries(dir.path())
            .iter()
            .all(|n| !n.ends_with(".tmp")),
        "{:?}",
        only_entries(dir.path())
    );
}

#[test]
fn a_setuid_file_loses_the_bit_and_hard_links_are_not_broken() {
    let dir = tempfile::tempdir().unwrap();
    let setuid = dir.path().join("tool.json");
    std::fs::write(&setuid, "old").unwrap();
    std::fs::set_permissions(&setuid, std::fs::Permissions::from_mode(0o6755)).unwrap();
    let o = export_to(&setuid);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mode = std::fs::metadata(&setuid).unwrap().mode() & 0o7777;
    assert_eq!(mode, 0o755, "setuid and setgid dropped, permissions kept");

    let first = dir.path().join("first.json");
    let second = dir.path().join("second.json");
    std::fs::write(&first, "shared").unwrap();
    std::fs::hard_link(&first, &second).unwrap();
    let o = export_to(&first);
    refused(&o, "first.json has 2 hard links");
    for p in [&first, &second] {
        assert_eq!(std::fs::read_to_string(p).unwrap(), "shared");
    }
    assert_eq!(std::fs::metadata(&first).unwrap().nlink(), 2);
}

#[test]
fn an_os_error_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let o = export_to(&dir.path().join("no/such/folder/out.json"));
    let err = refused(&o, "cannot write");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}

/// SIGTERM while the temporary file is being written: the process ends as SIGTERM ends it, and the
/// temporary file goes with it. The writer is frozen (SIGSTOP) the moment its temporary file
/// appears, so the signal is certain to arrive mid-write.
#[test]
fn sigterm_during_a_write_leaves_no_temporary_file() {
    use notify::Watcher as _;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("big.json");
    let generated = common::bilateral(&["generate", "--events", "8000"]);
    assert!(generated.status.success());
    std::fs::write(&data, &generated.stdout).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("export.json");

    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).unwrap();
    watcher
        .watch(&out_dir, notify::RecursiveMode::NonRecursive)
        .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bilateral"))
        .args(["--no-builtin", "--data"])
        .arg(&data)
        .args(["export", "--format", "json", "--out"])
        .arg(&out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = i32::try_from(child.id()).unwrap();
    let signal = |s| unsafe { libc::kill(pid, s) };
    let deadline = Instant::now() + Duration::from_secs(60);
    let caught = loop {
        let Ok(event) = rx.recv_timeout(Duration::from_millis(50)) else {
            if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
                break false;
            }
            continue;
        };
        let created = event.is_ok_and(|e| {
            e.kind.is_create()
                && e.paths.iter().any(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().ends_with(".tmp"))
                })
        });
        if created {
            signal(libc::SIGSTOP);
            break true;
        }
    };
    assert!(caught, "the export never started its temporary file");
    let temporary: Vec<String> = only_entries(&out_dir);
    assert!(
        temporary.iter().any(|n| n.starts_with(".bilateral-")),
        "frozen mid-write: {temporary:?}"
    );
    signal(libc::SIGTERM);
    signal(libc::SIGCONT);
    let status = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(libc::SIGTERM), "{status:?}");
    assert_eq!(
        only_entries(&out_dir),
        Vec::<String>::new(),
        "no temporary file and no half export"
    );
}
