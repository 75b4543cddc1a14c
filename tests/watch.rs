//! Live reload: a watched file edited into an invalid state and back.

use std::sync::mpsc;
use std::time::Duration;

use bilateral::store::load::{self, Options};
use bilateral::store::watch;
use bilateral::tui::browse::app::{Action, App};
use bilateral::tui::browse::view as ui;
use bilateral::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn timeline_json(titles: &[&str]) -> String {
    let events: Vec<String> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                r#"{{"id": "e{i}", "title": "{t}", "start": "2025-05-{:02}"}}"#,
                i + 1
            )
        })
        .collect();
    format!(
        "{{\"title\": \"Watched\", \"events\": [\n{}\n]}}\n",
        events.join(",\n")
    )
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal.draw(|f| ui::draw(f, app, &Theme::dark())).unwrap();
    terminal.backend().to_string()
}

#[test]
fn invalid_edit_keeps_the_old_data_and_the_fix_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watched.json");
    std::fs::write(&path, timeline_json(&["First", "Second"])).unwrap();
    let options = Options {
        builtin: false,
        paths: vec![path.clone()],
        ..Default::default()
    };
    let mut app = App::new(load::load(&options).unwrap(), None);
    app.update(Action::Resize(120, 30));
    app.update(Action::Down);
    assert_eq!(&*app.selected_event().unwrap().id, "e1");

    let (tx, rx) = mpsc::channel();
    let _watcher = watch::watch(options, move |r| {
        let _ = tx.send(r);
    })
    .unwrap();

    // A broken save: a date that does not exist.
    std::fs::write(
        &path,
        timeline_json(&["First", "Second"]).replace("2025-05-02", "2025-02-30"),
    )
    .unwrap();
    let result = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the change is noticed");
    assert!(result.is_err());
    app.update(Action::Reloaded(Box::new(result)));
    assert_eq!(app.hits.len(), 2, "the last good data stays");
    let shown = screen(&app);
    assert!(shown.contains("Reload failed"), "{shown}");
    assert!(
        shown.contains("watched.json:3:"),
        "file:line:column shown:\n{shown}"
    );
    app.update(Action::Down);
    assert!(
        screen(&app).contains("Reload failed"),
        "the error stays until fixed"
    );

    // The fix, saved the way editors do: a new file renamed over the old one.
    let tmp = dir.path().join(".watched.json.tmp");
    std::fs::write(&tmp, timeline_json(&["First", "Second", "Third"])).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    let result = loop {
        let r = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the fix is noticed");
        if r.is_ok() {
            break r;
        }
    };
    app.update(Action::Reloaded(Box::new(result)));
    assert_eq!(app.hits.len(), 3);
    assert_eq!(
        &*app.selected_event().unwrap().id,
        "e1",
        "the same event stays selected"
    );
    let shown = screen(&app);
    assert!(!shown.contains("Reload failed"), "{shown}");
    assert!(shown.contains("Third"), "{shown}");
}

#[test]
fn a_failed_reload_replaces_the_last_reload_message_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watched.json");
    std::fs::write(&path, timeline_json(&["First"])).unwrap();
    let options = Options {
        builtin: false,
        paths: vec![path.clone()],
        ..Options::default()
    };
    let mut app = App::new(load::load(&options).unwrap(), None);
    app.update(Action::Resize(120, 30));

    std::fs::write(&path, timeline_json(&["First", "Second"])).unwrap();
    app.update(Action::Reloaded(Box::new(load::load(&options))));
    assert!(screen(&app).contains("Reloaded: 2 events"));

    std::fs::write(&path, "{ broken").unwrap();
    app.update(Action::Reloaded(Box::new(load::load(&options))));
    // No key pressed in between.
    let shown = screen(&app);
    assert!(shown.contains("Reload failed"), "{shown}");
    assert!(!shown.contains("Reloaded: 2 events"), "{shown}");
}
