//! The `import`, `export` and `list` subcommands as a user runs them.

mod common;
use common::{bilateral as run, fixture, text};

use std::path::Path;

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn list_shows_every_event_of_a_timelinejs_file() {
    for (file, count) in [
        ("timelinejs/women_in_computing.json", 10),
        ("timelinejs/women_in_computing.csv", 10),
        ("timelinejs/marktwain.json", 17),
    ] {
        let out = run(&["list", "--no-builtin", "--data", path_str(&fixture(file))]);
        assert!(out.status.success(), "{file}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert_eq!(stdout.lines().count(), count, "{file}:\n{stdout}");
    }
    let out = run(&[
        "list",
        "--no-builtin",
        "--data",
        path_str(&fixture("timelinejs/women_in_computing.csv")),
    ]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("10 Dec 1815 – 27 Nov 1852"));
    assert!(stdout.contains("Jul 1943 – 1946"));
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("1951 ") && l.contains("Rózsa Péter"))
    );
}

#[test]
fn import_writes_native_json_and_lists_what_it_drops() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("native.json");
    let src = fixture("timelinejs/marktwain.json");
    let out = run(&["import", path_str(&src), "--out", path_str(&out_path)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("warning: "));
    assert!(stderr.contains("the map location is not carried over"));
    assert!(stderr.contains("bilateral: imported 17 events and 0 eras"));
    assert!(out.stdout.is_empty());
    // The result is a native file that loads on its own.
    let list = run(&["list", "--no-builtin", "--data", path_str(&out_path)]);
    assert!(list.status.success(), "{}", text(&list.stderr));
    assert_eq!(text(&list.stdout).lines().count(), 17);
    // It will not be overwritten by accident.
    let again = run(&["import", path_str(&src), "--out", path_str(&out_path)]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already exists; pass --force"));
    let forced = run(&[
        "import",
        path_str(&src),
        "--out",
        path_str(&out_path),
        "--force",
    ]);
    assert!(forced.status.success());
}

#[test]
fn import_reports_bad_dates_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "Year,Month,Day,Headline\n2025,2,30,Not a day\n").unwrap();
    let out_path = dir.path().join("out.json");
    let out = run(&["import", path_str(&bad), "--out", path_str(&out_path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains(&format!(
            "{}:2:8: row 2, Day: 2025-02-30 is not a real calendar date",
            bad.display()
        )),
        "{}",
        text(&out.stderr)
    );
    assert!(!out_path.exists());
}

#[test]
fn export_filters_and_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let deep = fixture("deep-time.json");
    // Native JSON of a filtered selection reloads as those events.
    let json = dir.path().join("people.json");
    let out = run(&[
        "export",
        "--no-builtin",
        "--data",
        path_str(&deep),
        "--format",
        "json",
        "--query",
        "group:people",
        "--until",
        "1000",
        "--out",
        path_str(&json),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list = run(&["list", "--no-builtin", "--data", path_str(&json)]);
    let ids: Vec<String> = text(&list.stdout)
        .lines()
        .map(|l| {
            l.rsplit_once('(')
                .unwrap()
                .1
                .trim_end_matches(')')
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["writing", "giza", "hijra"]);
    // TimelineJS to stdout.
    let out = run(&[
        "export",
        "--no-builtin",
        "--data",
        path_str(&deep),
        "--format",
        "timelinejs",
    ]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("\"start_date\""));
    // iCalendar: events without a day are named on stderr.
    let out = run(&[
        "export",
        "--no-builtin",
        "--data",
        path_str(&deep),
        "--format",
        "ics",
    ]);
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text(&out.stderr).contains("left out `big-bang`"));
    // Nothing to export is an error, not an empty file.
    let out = run(&[
        "export",
        "--no-builtin",
        "--data",
        path_str(&deep),
        "--format",
        "json",
        "--query",
        "zzzzqqq",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}
