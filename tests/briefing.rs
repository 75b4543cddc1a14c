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
    let path = dir.path().join(briefing_path(note.as_of));
    assert_eq!(
        briefing_path(note.as_of).to_str(),
        Some("bilateral-briefing-2025-05-28.md")
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
    assert!(note.contains("selection: `tag:tariffs`"));
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
        13
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
