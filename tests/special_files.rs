//! Special files where a timeline is expected: named pipes and devices are refused at once, by every
//! way a file is read (a `--data` file, a file in a `--data` folder, a live reload), instead of
//! blocking forever or reading without end. Each run has a deadline, so a hang fails the test.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use bilateral::store::load::{self, Options};
use bilateral::store::watch;

/// Runs the binary with `args`, killing it and failing the test if it takes longer than `secs`.
fn run_within(secs: u64, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bilateral"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline = Instant::now() + Duration::from_secs(secs);
    while child.try_wait().expect("waiting").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`bilateral {}` hung for {secs} s", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_named_pipe_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("f.json");
    mkfifo(&fifo);
    let arg = fifo.display().to_string();
    for args in [
        vec!["--no-builtin", "--data", &arg, "list"],
        vec!["validate", &arg],
        vec!["import", &arg],
        vec!["ingest", &arg, "--dateline", "2025-05-28"],
    ] {
        let o = run_within(10, &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains(&format!("{arg}: cannot read: it is a named pipe (FIFO)")),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_named_pipe_in_a_folder_is_reported_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.json"),
        r#"{"title": "A", "events": [{"id": "a", "title": "A", "start": "2025"}]}"#,
    )
    .unwrap();
    let fifo = dir.path().join("b.json");
    mkfifo(&fifo);
    let o = run_within(10, &["validate", &dir.path().display().to_string()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{}: cannot read: it is a named pipe",
            fifo.display()
        )),
        "{err}"
    );
}

#[test]
fn devices_are_refused_before_reading_directly_or_through_a_link() {
    let o = run_within(10, &["--no-builtin", "--data", "/dev/zero", "list"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("/dev/zero: cannot read: it is a character device, not a regular file"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let o = run_within(10, &["validate", &dir.path().display().to_string()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{}: cannot read: it is a character device",
            link.display()
        )),
        "{err}"
    );
}

#[test]
fn the_library_reader_refuses_special_files_too() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("f.json");
    mkfifo(&fifo);
    let started = Instant::now();
    assert!(matches!(
        load::read_bytes(&fifo),
        Err(load::ReadError::NotRegular(_))
    ));
    assert!(matches!(
        load::read_bytes(Path::new("/dev/zero")),
        Err(load::ReadError::NotRegular(_))
    ));
    assert!(matches!(
        load::read_bytes(dir.path()),
        Err(load::ReadError::NotRegular("a folder"))
    ));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_watched_file_replaced_by_a_pipe_fails_to_reload_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.json");
    let doc = |title: &str| {
        format!(
            r#"{{"title": "Live", "events": [{{"id": "a", "title": "{title}", "start": "2025"}}]}}"#
        )
    };
    std::fs::write(&path, doc("One")).unwrap();
    let options = Options {
        builtin: false,
        paths: vec![path.clone()],
        ..Options::default()
    };
    let (tx, rx) = mpsc::channel();
    let _watcher = watch::watch(options, move |r| {
        let _ = tx.send(r);
    })
    .unwrap();

    std::fs::remove_file(&path).unwrap();
    mkfifo(&path);
    // The reload thread reports the pipe instead of blocking on it for good.
    let failed = loop {
        let r = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the reload thread answers; it is not stuck on the pipe");
        if let Err(e) = r
            && e.to_string().contains("named pipe")
        {
            break e;
        }
    };
    assert!(failed.to_string().contains("live.json"), "{failed}");

    std::fs::remove_file(&path).unwrap();
    std::fs::write(&path, doc("Two")).unwrap();
    let reloaded = loop {
        let r = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the reload thread still works");
        if let Ok(t) = r {
            break t;
        }
    };
    assert_eq!(&*reloaded.events[0].title, "Two");
}
