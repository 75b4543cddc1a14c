//! The briefing note: its Markdown against a snapshot, the JSON export reloading to the same
//! events, and `e` in the browser writing atomically without replacing a file unasked.

mod common;
use common::bilateral;

use bilateral::tui::browse::app::{Action, ExportOutcome, Mode};
use bilateral::tui::runtime::{Effect, briefing_path, write_briefing};

#[test]
fn markdown_note_from_may_matches_the_dataset() {
    let o = bilateral(&["export", "--format", "markdown", "--from", "2025-05"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let note = String::from_utf8(o.stdout).unwrap();
    insta::assert_snapshot!("briefing_from_2025_05", note);
    // Spot checks a reader relies on, independent of the snapshot.
    assert!(note.contains(
        "- **27–29 May 2025** — Foreign Secretary Vikram Misri visits the United States"
    ));
    assert!(note.contains("- **c. 17–22 May 2025** — Commerce Minister Piyush Goyal"));
    // Nothing known to end before May is under "What happened"; the coming window's countdown
    // is approximate.
    let happened = &note[..note.find("## Coming up").unwrap()];
    for early in ["Apr 2025", "Feb 2025", "**2025**"] {
        assert!(!happened.contains(early), "{early} under What happened");
    }
    assert!(note.contains("(expected, within about 4 weeks as of 28 May 2025)"));
    assert!(note.contains("- **9 Jul 2025** — Deadline: the pause on the 26% tariff ends (scheduled, in 42 days as of 28 May 2025)"));
    let coming = note.find("## Coming up").unwrap();
    assert!(
        note.find("9 Jul 2025").unwrap() > coming,
        "deadlines are under Coming up"
    );
    assert!(
        !note.contains("Feb 2025"),
        "--from 2025-05 leaves February out"
    );
    assert!(
        note.contains("events from May 2025"),
        "the selection in words"
    );
    assert!(
        !note.contains("from:") && !note.contains('`'),
        "no query syntax"
    );
}

#[test]
fn a_later_as_of_moves_the_deadline_under_what_happened() {
    let o = bilateral(&[
        "export",
        "--format",
        "markdown",
        "--from",
        "2025-05",
        "--as-of",
        "2025-07-20",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let note = String::from_utf8(o.stdout).unwrap();
    insta::assert_snapshot!("briefing_from_2025_05_as_of_2025_07_20", note);
    let coming = note.find("## Coming up").unwrap();
    let deadline = note.find("9 Jul 2025** — Deadline").unwrap();
    assert!(deadline < coming, "the 9 July deadline happened by 20 July");
    assert!(note[..coming].contains("(was scheduled; the data does not record the outcome)"));
    assert!(note.starts_with("# Briefing: India–US relations\n\nAs of 20 Jul 2025"));
    assert!(note.contains("**Bottom line:**"));
    // Each source document once, however many events and quotes cite it.
    let sources = &note[note.find("## Sources").unwrap()..];
    let titles: Vec<&str> = sources
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .map(|l| l.split_once(". ").map_or(l, |(_, t)| t))
        .collect();
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), titles.len(), "{titles:?}");
    assert!(sources.contains("   > “"), "quotes beneath their document");
    assert!(
        !note.contains("from:") && !note.contains('`'),
        "no query syntax"
    );
    // The same note for an email.
    let o = bilateral(&[
        "export",
        "--format",
        "text",
        "--from",
        "2025-05",
        "--as-of",
        "2025-07-20",
    ]);
    let plain = String::from_utf8(o.stdout).unwrap();
    assert!(plain.starts_with("Briefing: India–US relations\n====="));
    assert!(!plain.contains("**") && !plain.contains("\\["));
}

#[test]
fn json_export_reloads_to_the_same_events() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export.json");
    let o = bilateral(&["export", "--format", "json", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let again = common::load(vec![out.clone()], false);
    let original = common::builtin();
    assert_eq!(again.events, original.events);
    assert_eq!(again.as_of, original.as_of);
    // Not replaced without --force.
    let o = bilateral(&["export", "--format", "json", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists; pass --force"));
}

#[test]
fn e_in_the_browser_writes_and_asks_before_replacing() {
    let mut app = common::builtin_app(120, 40);
    app.update(Action::SetQuery("tag:tariffs".into()));
    let Effect::Export(note) = app.update(Action::Export) else {
        panic!("e asks the runtime to write the note");
    };
    assert!(!note.force, "the first write does not replace a file");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(briefing_path(&note.stem, note.as_of));
    assert_eq!(
        briefing_path(&note.stem, note.as_of).to_str(),
        Some("briefing-india-us-relations-tag-tariffs-as-of-2025-05-28.md"),
        "the name says what and when"
    );

    // What the runtime does: write, then report back.
    let outcome = write_briefing(&path, &note.text, note.force);
    assert_eq!(outcome, ExportOutcome::Written(path.clone()));
    app.update(Action::Exported(outcome));
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("Briefing written to")
    );
    let note = std::fs::read_to_string(&path).unwrap();
    assert!(note.contains("tagged “tariffs”"), "{note}");
    assert_eq!(note.matches("\n- **").count(), 3, "{note}");

    // Again: the file exists, so the browser asks; "n" keeps it.
    let outcome = runtime_writes(app.update(Action::Export), &path);
    assert_eq!(outcome, ExportOutcome::Exists(path.clone()));
    app.update(Action::Exported(outcome));
    assert_eq!(app.mode, Mode::Confirm);
    assert_eq!(app.update(Action::Cancel), Effect::None, "nothing to write");
    assert_eq!(app.mode, Mode::Browse);

    // "y" replaces it.
    app.update(Action::SetQuery(String::new()));
    let outcome = runtime_writes(app.update(Action::Export), &path);
    app.update(Action::Exported(outcome));
    let yes = app.update(Action::Accept);
    assert!(
        matches!(&yes, Effect::Export(note) if note.force),
        "{yes:?}"
    );
    let outcome = runtime_writes(yes, &path);
    app.update(Action::Exported(outcome));
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(
        std::fs::read_to_string(&path)
            .unwrap()
            .matches("\n- **")
            .count(),
        13 + 109
    );
}

/// The runtime's part of an export, into `path` rather than the working folder.
fn runtime_writes(effect: Effect, path: &std::path::Path) -> ExportOutcome {
    let Effect::Export(note) = effect else {
        panic!("expected an export, got {effect:?}");
    };
    write_briefing(path, &note.text, note.force)
}

#[test]
fn markdown_in_titles_is_shown_not_applied() {
    use bilateral::core::model::{Date, Event};
    let e = Event::new(
        "a",
        "Talks ~~cancelled~~ *resumed*",
        Date::parse("2025-05-01").unwrap(),
    );
    let note = bilateral::formats::markdown::markdown("Trade ~~war~~", None, "", &[&e]);
    assert!(
        note.starts_with("# Briefing: Trade \\~\\~war\\~\\~\n"),
        "{note}"
    );
    assert!(
        note.contains("Talks \\~\\~cancelled\\~\\~ \\*resumed\\*"),
        "{note}"
    );
}
