//! End to end: the real binary in tmux, driven with keys as a person would.
//!
//! Each test runs its own tmux server (`-L` with a unique socket) and kills it on drop, so a failing
//! test never leaves a server behind.

mod common;
use common::fixture_arg as fixture;

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static NEXT: AtomicUsize = AtomicUsize::new(0);

struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    /// Starts `bilateral ARGS` in a fresh tmux server at `width`×`height`; its exit code is written
    /// to a file when it ends.
    fn start(args: &str, width: u16, height: u16) -> Tmux {
        let dir = tempfile::tempdir().expect("temp dir");
        // The app's pid, its exit code and the terminal modes after it ends go to files.
        let command = format!(
            "sh -c 'echo $$ > {d}/pid; exec {bin} {args}'; echo $? > {d}/status; stty -a > {d}/stty; sleep 30",
            d = dir.path().display(),
            bin = env!("CARGO_BIN_EXE_bilateral"),
        );
        Tmux::with_command(dir, &command, width, height)
    }

    fn with_command(dir: tempfile::TempDir, command: &str, width: u16, height: u16) -> Tmux {
        let socket = format!(
            "bilateral-e2e-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let tmux = Tmux { socket, dir };
        tmux.run(&[
            "new-session",
            "-d",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            command,
        ]);
        tmux
    }

    fn file(&self, name: &str) -> String {
        let path: PathBuf = self.dir.path().join(name);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(s) = std::fs::read_to_string(&path)
                && !s.is_empty()
            {
                return s;
            }
            assert!(Instant::now() < deadline, "{name} was never written");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn format(&self, f: &str) -> String {
        self.run(&["display-message", "-p", "-t", "0", f])
            .trim()
            .to_string()
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs (install it: apt-get install tmux)");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "0", k]);
        }
    }

    fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "0", "-l", text]);
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0"])
    }

    /// Waits until the screen satisfies `ok`, or fails showing the last screen.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn exit_code(&self) -> Option<i32> {
        self.file("status").trim().parse().ok()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

#[test]
fn browse_search_jump_help_resize_quit() {
    let t = Tmux::start("", 120, 40);
    t.wait("the timeline, opened at the as-of date", |s| {
        s.contains("showing 122 of 122")
            && s.contains("── as of 28 May 2025 ──")
            && s.contains("▶ 27 or 28 May 2025")
    });

    t.keys(&["/"]);
    t.text("goyal");
    // Wait for the whole frame: tmux can be captured while a frame is half written.
    let s = t.wait("only Goyal's trip, with its detail", |s| {
        s.contains("/goyal")
            && s.contains("showing 1 of 122")
            && s.contains("▶ c. 17–22 May 2025")
            && s.contains("Id       goyal-us-trip")
    });
    assert!(
        !s.contains("Prime Minister Modi"),
        "nothing else is listed:\n{s}"
    );

    t.keys(&["Escape"]);
    t.wait("the search cleared", |s| s.contains("showing 122 of 122"));

    for (typed, jumped) in [
        ("today", "Jumped to 28 May 2025"),
        ("may 1961", "Jumped to May 1961"),
    ] {
        t.keys(&["t"]);
        t.wait("the date prompt", |s| s.contains("Go to date"));
        t.text(typed);
        t.keys(&["Enter"]);
        t.wait(typed, |s| s.contains(jumped) && !s.contains("Go to date"));
    }

    t.keys(&["t"]);
    t.wait("the date prompt", |s| s.contains("Go to date"));
    t.text("2025-02");
    t.keys(&["Enter"]);
    t.wait("the jump, with the event's detail", |s| {
        s.contains("Jumped to Feb 2025")
            && s.contains("▶ 12–13 Feb 2025")
            && s.contains("Id       modi-visit")
    });

    t.keys(&["?"]);
    t.wait("the help", |s| s.contains("Keys — any key closes"));
    t.keys(&["Escape"]);
    t.wait("the help closed", |s| !s.contains("Keys — any key closes"));

    t.run(&["resize-window", "-t", "0", "-x", "60", "-y", "20"]);
    let s = t.wait("the narrow layout", |s| {
        s.lines().next().is_some_and(|l| l.chars().count() <= 60)
            && s.contains("┌ Detail")
            && s.contains("Timeline")
    });
    let list_row = s.lines().position(|l| l.contains("Timeline")).unwrap();
    let detail_row = s.lines().position(|l| l.contains("┌ Detail")).unwrap();
    assert!(
        detail_row > list_row,
        "detail below the list when narrow:\n{s}"
    );

    t.run(&["resize-window", "-t", "0", "-x", "20", "-y", "5"]);
    t.wait("the too-small notice", |s| s.contains("too small"));
    t.run(&["resize-window", "-t", "0", "-x", "120", "-y", "40"]);
    t.wait("the wide layout again", |s| {
        s.contains("showing 122 of 122")
    });

    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));
}

#[test]
fn ctrl_c_quits_and_escape_never_does() {
    let t = Tmux::start("", 80, 24);
    t.wait("the timeline", |s| s.contains("showing 122 of 122"));
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), Some(0));

    let t = Tmux::start("", 80, 24);
    t.wait("the timeline", |s| s.contains("showing 122 of 122"));
    let five = ["Escape"; 5];
    // From the list, from a search and from the presentation: Esc backs out, and stays.
    t.keys(&five);
    t.keys(&["/"]);
    t.text("misri");
    t.wait("a search", |s| s.contains("/misri"));
    t.keys(&five);
    t.keys(&["p"]);
    t.wait("the presentation", |s| {
        s.contains("Esc back to the browser")
    });
    t.keys(&five);
    t.keys(&["j"]);
    t.wait("still browsing, search cleared", |s| {
        s.contains("showing 122 of 122") && s.contains("j/k move")
    });
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));
}

#[test]
fn hostile_text_is_shown_not_obeyed() {
    let t = Tmux::start(
        &format!("--no-builtin --data {}", fixture("hostile.json")),
        120,
        40,
    );
    let title_before = t.format("#{pane_title}");
    t.wait("the hostile timeline", |s| {
        s.contains("showing 2 of 2") && s.contains("␛]0;PWNED␇")
    });
    for keys in [&["Tab"][..], &["j"], &["k"], &["J"], &["Tab"], &["j"]] {
        t.keys(keys);
    }
    let s = t.wait("the second event", |s| {
        s.contains("abc⟨U+202E⟩def⟨U+200B⟩ghi")
    });
    assert!(!s.contains('\u{202e}'));
    t.keys(&["k"]);
    t.wait("the first event's detail", |s| {
        s.contains("Clipboard ␛]52;c;aGVsbG8=␇ write") && s.contains("Clear ␛[2J screen")
    });
    assert_eq!(
        t.format("#{pane_title}"),
        title_before,
        "the pane title is unchanged"
    );
    assert_eq!(
        t.run(&["list-buffers"]).trim(),
        "",
        "no clipboard buffer was set"
    );
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let t = Tmux::start("", 80, 24);
        t.wait("the timeline", |s| s.contains("showing 122 of 122"));
        assert_eq!(t.format("#{alternate_on}"), "1");
        let pid = t.file("pid").trim().to_string();
        let kill = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(kill.success());
        assert_eq!(t.exit_code(), Some(code), "SIG{signal}");
        let stty = t.file("stty");
        let words: Vec<&str> = stty
            .split_whitespace()
            .map(|w| w.trim_end_matches(';'))
            .collect();
        assert!(
            words.contains(&"icanon") && words.contains(&"echo"),
            "SIG{signal}: {stty}"
        );
        assert_eq!(t.format("#{alternate_on}"), "0", "alternate screen left");
        assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown");
        assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse released");
    }
}

#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::with_command(dir, "bash --norc --noprofile -i", 80, 24);
    t.wait("a shell", |s| !s.trim().is_empty());
    t.text(env!("CARGO_BIN_EXE_bilateral"));
    t.keys(&["Enter"]);
    t.wait("the timeline", |s| s.contains("showing 122 of 122"));
    t.keys(&["j", "C-z"]);
    t.wait("the shell's job report", |s| s.contains("Stopped"));
    assert_eq!(t.format("#{alternate_on}"), "0");
    t.text("fg");
    t.keys(&["Enter"]);
    t.wait("the timeline again, selection kept", |s| {
        s.contains("showing 122 of 122")
            && s.contains("▶ on or after 28 May 2025")
            && s.contains("Strategic Trade")
    });
    t.keys(&["q"]);
    t.wait("the prompt", |s| {
        s.matches("bash").count() >= 3 && !s.contains("showing 122")
    });
    // `fg` returns the job's exit status.
    t.text("echo EXIT=$?");
    t.keys(&["Enter"]);
    t.wait("a clean exit", |s| s.contains("EXIT=0"));
}

#[test]
fn review_ctrl_z_suspends_and_fg_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("drafts.json");
    let draft = |id: &str, title: &str| {
        format!(
            r#"{{"id": "{id}", "title": "{title}", "start": "2025-05-27",
                "draft": {{"expression": "On Tuesday", "confidence": 0.8}}}}"#
        )
    };
    let doc = format!(
        r#"{{"title": "Drafts", "events": [{}, {}]}}"#,
        draft("draft-a", "First draft"),
        draft("draft-b", "Second draft")
    );
    std::fs::write(&drafts, doc).unwrap();
    let into = dir.path().join("timeline.json");
    let t = Tmux::with_command(dir, "bash --norc --noprofile -i", 100, 30);
    t.wait("a shell", |s| !s.trim().is_empty());
    t.text(&format!(
        "{} review {} --into {}",
        env!("CARGO_BIN_EXE_bilateral"),
        drafts.display(),
        into.display()
    ));
    t.keys(&["Enter"]);
    t.wait("the review", |s| {
        s.contains("Drafts 1/2") && s.contains("2 pending")
    });
    t.keys(&["j", "C-z"]);
    t.wait("the shell's job report", |s| s.contains("Stopped"));
    assert_eq!(t.format("#{alternate_on}"), "0");
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse released");
    t.text("fg");
    t.keys(&["Enter"]);
    t.wait("the review again, selection kept", |s| {
        s.contains("Drafts 2/2") && s.contains("▶· 27 May 2025")
    });
    t.keys(&["q"]);
    t.wait("the prompt", |s| !s.contains("Drafts 2/2"));
    // `fg` returns the job's exit status.
    t.text("echo EXIT=$?");
    t.keys(&["Enter"]);
    t.wait("a clean exit", |s| s.contains("EXIT=0"));
    assert!(!into.exists(), "nothing was decided, so nothing written");
}

#[test]
fn present_and_live_reload_in_the_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("live.json");
    let doc = |n: usize, date: &str| {
        let events: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"id": "e{i}", "title": "Event number {i}", "start": "{date}"}}"#))
            .collect();
        format!(
            "{{\"title\": \"Live\", \"events\": [{}]}}",
            events.join(", ")
        )
    };
    std::fs::write(&file, doc(2, "2025-05-01")).unwrap();
    let t = Tmux::start(
        &format!("--no-builtin --watch --data {}", file.display()),
        100,
        30,
    );
    t.wait("the file's events", |s| s.contains("showing 2 of 2"));

    t.keys(&["j", "p"]);
    t.wait("the second slide", |s| s.contains("2 / 2"));
    t.keys(&["Left"]);
    t.wait("the first slide", |s| s.contains("1 / 2"));
    t.keys(&["Escape"]);
    t.wait("the browser on the same event", |s| {
        s.contains("showing 2 of 2") && s.contains("▶ 1 May 2025")
    });

    std::fs::write(&file, doc(2, "2025-02-30")).unwrap();
    t.wait("the reload error, old data kept", |s| {
        s.contains("Reload failed") && s.contains("showing 2 of 2")
    });
    std::fs::write(&file, doc(3, "2025-05-01")).unwrap();
    t.wait("the fixed data", |s| {
        s.contains("showing 3 of 3") && !s.contains("Reload failed")
    });
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));
}

#[test]
fn chart_zoom_step_and_back_to_the_list() {
    let t = Tmux::start("", 120, 40);
    t.wait("the timeline", |s| s.contains("showing 122 of 122"));
    t.keys(&["c"]);
    t.wait("the chart of everything", |s| {
        s.contains("Chart · 1945–2027 · lanes by group")
            && s.contains("Chiefs of mission")
            && s.contains("c list")
    });
    // Zoom into May 2025, out and back in around the selected event.
    t.keys(&["t"]);
    t.wait("the date prompt", |s| s.contains("Go to date"));
    t.text("may 2025");
    t.keys(&["Enter"]);
    t.wait("May 2025", |s| s.contains("Chart · 1–31 May 2025"));
    t.keys(&["-"]);
    t.wait("zoomed out", |s| !s.contains("Chart · 1–31 May 2025"));
    t.keys(&["+"]);
    t.wait("zoomed in again", |s| s.contains("Chart · 1–31 May 2025"));
    // Step through May in time order to Misri's visit.
    let mut found = false;
    for _ in 0..6 {
        t.keys(&["j"]);
        std::thread::sleep(Duration::from_millis(150));
        if t.screen().contains("Id       misri-visit ") {
            found = true;
            break;
        }
    }
    assert!(found, "never reached Misri's visit:\n{}", t.screen());
    let s = t.wait("its detail and its bar", |s| {
        s.contains("Foreign Secretary Vikram Misri visits the United States")
            && s.contains("Date     27–29 May 2025")
            && s.contains("━")
    });
    assert!(
        s.contains("Chart · 1–31 May 2025"),
        "the chart stayed:\n{s}"
    );
    // Back to the list, on the same event.
    t.keys(&["c"]);
    t.wait("the list on Misri's visit", |s| {
        s.contains("Timeline")
            && s.contains("▶ 27–29 May 2025")
            && s.contains("Id       misri-visit ")
            && !s.contains("Chart ·")
    });
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));
}
