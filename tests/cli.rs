//! Each command through the real binary: output, exit codes, errors.

mod common;
use common::{bilateral, fixture_arg as fixture};

use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn list_prints_the_timeline_in_order_with_true_precision() {
    let o = bilateral(&["list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    // 13 events from the 2025 report and 109 Office of the Historian records.
    assert_eq!(lines.len(), 13 + 109);
    let find = |id: &str| {
        lines
            .iter()
            .position(|l| l.ends_with(&format!("({id})")))
            .unwrap()
    };
    assert!(lines[find("modi-visit")].starts_with("12–13 Feb 2025 "));
    assert!(lines[find("misri-visit")].starts_with("27–29 May 2025 "));
    assert!(lines[find("goyal-us-trip")].starts_with("c. 17–22 May 2025 "));
    assert!(find("modi-visit") < find("goyal-us-trip"));
    assert!(find("goyal-us-trip") < find("misri-visit"));
    assert!(find("misri-visit") < find("tariff-pause-ends"));
    // Columns line up: every title starts at the same display column.
    let col = |l: &str| {
        unicode_width::UnicodeWidthStr::width(
            &l[..l
                .find("happened")
                .or(l.find("scheduled"))
                .or(l.find("expected"))
                .or(l.find("ongoing"))
                .unwrap()],
        )
    };
    assert!(lines.iter().all(|l| col(l) == col(lines[0])));
}

#[test]
fn list_filters() {
    let out = stdout(&bilateral(&[
        "list", "--from", "2025-05", "--kind", "visit",
    ]));
    let ids: Vec<&str> = out
        .lines()
        .map(|l| l.rsplit('(').next().unwrap().trim_end_matches(')'))
        .collect();
    assert_eq!(
        ids,
        ["goyal-us-trip", "misri-visit", "us-officials-visit-india"]
    );
    let out = stdout(&bilateral(&["list", "--actor", "Piyush Goyal"]));
    assert_eq!(out.lines().count(), 1);
    let out = stdout(&bilateral(&[
        "list", "--tag", "tariffs", "--until", "2025-06",
    ]));
    assert_eq!(out.lines().count(), 2);
}

#[test]
fn list_json_round_trips_through_the_loader() {
    let o = bilateral(&["list", "--json"]);
    assert!(o.status.success());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    std::fs::write(&path, &o.stdout).unwrap();
    let again = bilateral(&[
        "list",
        "--json",
        "--no-builtin",
        "--data",
        path.to_str().unwrap(),
    ]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), stdout(&o));
}

#[test]
fn show_prints_one_event_with_sources() {
    let o = bilateral(&["show", "tariff-pause-ends"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("Date:    9 Jul 2025"));
    assert!(out.contains("scheduled (in 42 days as of 28 May 2025)"));
    assert!(out.contains("India is keen to wrap up trade negotiations before that deadline."));
    assert!(out.contains("seeds/000_56f848f0625d842c.txt"));

    let json = bilateral(&["show", "misri-visit", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["start"], "2025-05-27");
    assert_eq!(v["end"], "2025-05-29");

    let missing = bilateral(&["show", "no-such-event"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no event with id `no-such-event`"));
}

#[test]
fn search_ranks_and_limits() {
    let o = bilateral(&["search", "goyal"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("(goyal-us-trip)"));
    let o = bilateral(&["search", "'trade", "--limit", "3"]);
    assert_eq!(stdout(&o).lines().count(), 3);
    let none = bilateral(&["search", "zzzzqqq"]);
    assert_eq!(none.status.code(), Some(1));
    let json = bilateral(&["search", "kessler", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(!v["events"].as_array().unwrap().is_empty());
}

#[test]
fn validate_reports_every_problem_and_exits_1() {
    let ok = bilateral(&["validate", &fixture("good.json")]);
    assert_eq!(ok.status.code(), Some(0));
    assert!(stdout(&ok).starts_with("ok: 4 events"));

    let bad = bilateral(&[
        "validate",
        &fixture("bad/many-problems.json"),
        &fixture("bad/syntax.json"),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    let err = stderr(&bad);
    for want in [
        "many-problems.json:4:50: events[0] (a).start: expected a string, found a number",
        "many-problems.json:5:54: events[1] (b).start: 2025-02-30 is not a real calendar date",
        "many-problems.json:6:82: events[2] (c).end: end 2025-05-27 is before start 2025-05-29",
        "many-problems.json:7:13: events[3].id: duplicate id `a`",
        "syntax.json:5:3: expected value",
        "8 problems found; nothing was loaded",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
    assert!(!err.contains("panicked"));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(
        bilateral(&["list", "--from", "2025-02-30"]).status.code(),
        Some(2)
    );
    assert_eq!(bilateral(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(bilateral(&["validate"]).status.code(), Some(2));
    for cmd in [
        &["--help"][..],
        &["list", "--help"],
        &["show", "--help"],
        &["search", "--help"],
        &["validate", "--help"],
    ] {
        let o = bilateral(cmd);
        assert_eq!(o.status.code(), Some(0), "{cmd:?}");
        assert!(stdout(&o).contains("Usage:"));
    }
}

#[test]
fn bad_data_stops_any_command() {
    let o = bilateral(&["list", "--data", &fixture("bad/syntax.json")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).is_empty(),
        "nothing is printed from a partial load"
    );
    let o = bilateral(&["list", "--data", "/no/such/file.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/no/such/file.json: cannot read: no such file or folder"));
}

#[test]
fn browser_without_a_terminal_says_so() {
    let o = bilateral(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("needs a terminal"), "{}", stderr(&o));
}

#[test]
fn your_data_replaces_the_builtin_dataset_unless_asked() {
    let good = fixture("good.json");
    let only = bilateral(&["--data", &good, "list"]);
    assert!(only.status.success(), "{}", stderr(&only));
    assert_eq!(stdout(&only).lines().count(), 4, "only the file's events");
    let with = bilateral(&["--data", &good, "--builtin", "list"]);
    assert_eq!(
        stdout(&with).lines().count(),
        4 + 122,
        "--builtin adds it back"
    );
    let scripted = bilateral(&["--no-builtin", "--data", &good, "list"]);
    assert_eq!(
        stdout(&scripted).lines().count(),
        4,
        "--no-builtin still works"
    );
    let both = bilateral(&["--builtin", "--no-builtin", "list"]);
    assert_eq!(both.status.code(), Some(2), "the two contradict each other");
}

#[test]
fn colliding_ids_across_files_are_a_warning_not_a_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("again.json");
    std::fs::copy(common::fixture("good.json"), &copy).unwrap();
    let o = bilateral(&[
        "--data",
        &fixture("good.json"),
        "--data",
        &copy.display().to_string(),
        "list",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 8);
    assert!(stdout(&o).contains("again:later"));
    assert_eq!(stderr(&o).matches("warning: ").count(), 4, "{}", stderr(&o));
}

#[test]
fn show_suggests_close_ids_and_help_wraps() {
    let o = bilateral(&["show", "misri"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("did you mean:") && err.contains("  misri-visit  "),
        "{err}"
    );
    let o = bilateral(&["show", "modi-vist"]);
    assert!(
        stderr(&o)
            .lines()
            .nth(2)
            .is_some_and(|l| l.starts_with("  modi-visit  "))
    );
    let help = bilateral(&["--help"]);
    let text = stdout(&help);
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    assert!(text.contains("NO_COLOR"), "{text}");
}
