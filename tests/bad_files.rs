//! Every kind of bad file gets a clear message naming the file, exit code 1, and no partial load.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn validate(path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bilateral"))
        .arg("validate")
        .arg(path)
        .output()
        .expect("binary runs")
}

/// Runs `validate` and checks it failed with exit 1 and `want` on stderr, naming the file.
fn assert_rejected(path: &Path, want: &str) {
    let o = validate(path);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{}: {err}", path.display());
    assert!(
        err.contains(want),
        "{}: want {want:?}, got:\n{err}",
        path.display()
    );
    assert!(
        err.contains(&path.display().to_string()),
        "names the file: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(o.stdout.is_empty(), "nothing printed as if loaded");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn malformed_json_and_wrong_types() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "m.json",
        b"{\"title\": \"x\", \"events\": [ {\"id\": \"a\",, } ] }",
    );
    assert_rejected(&p, "m.json:1:39: key must be a string");
    let p = write(
        dir.path(),
        "t.json",
        br#"{"title": ["x"], "events": "none"}"#,
    );
    assert_rejected(&p, "t.json:1:11: title: expected a string, found an array");
    assert_rejected(&p, "t.json:1:28: events: expected an array, found a string");
}

#[test]
fn invalid_utf8_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "u.json",
        b"{\n  \"title\": \"caf\xe9\",\n  \"events\": []\n}",
    );
    assert_rejected(&p, "u.json:2:16: file is not valid UTF-8");
}

#[test]
fn lone_surrogates_are_rejected_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "s.json",
        br#"{"title": "x", "events": [{"id": "a", "title": "half \ud800 a pair", "start": "2025"}]}"#,
    );
    assert_rejected(&p, "s.json:1:48: events[0] (a).title:");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
    let p = write(dir.path(), "d.json", deep.as_bytes());
    assert_rejected(
        &p,
        "d.json:1:1: invalid type: sequence, expected a JSON object",
    );
    let nested = format!(
        r#"{{"title": "x", "events": [{{"id": "a", "title": "t", "start": "2025", "details": {}{}}}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let p = write(dir.path(), "n.json", nested.as_bytes());
    assert_rejected(
        &p,
        "n.json:1:81: events[0] (a).details: expected a string, found an array",
    );
}

#[test]
fn empty_files() {
    let dir = tempfile::tempdir().unwrap();
    assert_rejected(&write(dir.path(), "e.json", b""), "e.json: file is empty");
    assert_rejected(
        &write(dir.path(), "w.json", b" \n\t\n"),
        "w.json: file is empty",
    );
}

#[test]
fn unreadable_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    write(&locked, "a.json", b"{}");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads anything; run as nobody so the permission check is real.
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        c.arg(env!("CARGO_BIN_EXE_bilateral"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_bilateral"))
    };
    let o = cmd.arg("validate").arg(&locked).output().expect("runs");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{}: cannot list folder: permission denied",
            locked.display()
        )),
        "{err}"
    );
}

#[test]
fn a_file_that_vanishes() {
    let dir = tempfile::tempdir().unwrap();
    // Listed in the folder, gone when read: a link to a file that no longer exists.
    let target = write(dir.path(), "was-here.txt", b"{}");
    std::os::unix::fs::symlink(&target, dir.path().join("gone.json")).unwrap();
    std::fs::remove_file(&target).unwrap();
    let gone = dir.path().join("gone.json");
    let o = validate(dir.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains(&format!(
            "{}: cannot read: no such file or folder",
            gone.display()
        )),
        "{err}"
    );
    assert_rejected(
        &dir.path().join("never.json"),
        "never.json: cannot read: no such file or folder",
    );
}

#[test]
fn huge_files() {
    let dir = tempfile::tempdir().unwrap();
    // 200 MB of zero bytes: read, refused at the first byte, quickly.
    let p = dir.path().join("zeros.json");
    std::fs::File::create(&p)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    assert_rejected(&p, "zeros.json:1:1: expected value");
    // Past the size limit, refused before reading (a sparse file takes no disk).
    let p = dir.path().join("big.json");
    std::fs::File::create(&p).unwrap().set_len(2 << 30).unwrap();
    assert_rejected(&p, "big.json: file is 2048 MiB; the limit is 1024 MiB");
}
