//! End to end: the real binary in tmux, driven with keys as a person would.
//!
//! Each test runs its own tmux server (`-L` with a unique socket) and kills it on drop, so a failing
//! test never leaves a server behind. Each also has its own configuration and state folders, so
//! neither the tester's settings nor another test's remembered place can change what it sees.

mod common;
use common::fixture_arg as fixture;

use base64::Engine;
use std::path::{Path, PathBuf};
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
        let home = dir.path().to_path_buf();
        Tmux::start_in(dir, &home, args, width, height)
    }

    /// As [`Tmux::start`], with the configuration in `home/config` and the state in
    /// `home/state`, which outlive the session when `home` is not its own folder.
    fn start_with(home: &Path, args: &str, width: u16, height: u16) -> Tmux {
        let dir = tempfile::tempdir().expect("temp dir");
        Tmux::start_in(dir, home, args, width, height)
    }

    fn start_in(dir: tempfile::TempDir, home: &Path, args: &str, width: u16, height: u16) -> Tmux {
        // The app's pid, its exit code and the terminal modes after it ends go to files.
        let command = format!(
            "sh -c 'echo $$ > {d}/pid; exec {bin} {args}'; echo $? > {d}/status; stty -a > {d}/stty; sleep 30",
            d = dir.path().display(),
            bin = env!("CARGO_BIN_EXE_bilateral"),
        );
        Tmux::with_command_in(dir, home, &command, width, height)
    }

    fn with_command(dir: tempfile::TempDir, command: &str, width: u16, height: u16) -> Tmux {
        let home = dir.path().to_path_buf();
        Tmux::with_command_in(dir, &home, command, width, height)
    }

    fn with_command_in(
        dir: tempfile::TempDir,
        home: &Path,
        command: &str,
        width: u16,
        height: u16,
    ) -> Tmux {
        let socket = format!(
            "bilateral-e2e-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let tmux = Tmux { socket, dir };
        let config = format!("BILATERAL_CONFIG_DIR={}", home.join("config").display());
        let state = format!("BILATERAL_STATE_DIR={}", home.join("state").display());
        tmux.run(&[
            "new-session",
            "-d",
            "-e",
            &config,
            "-e",
            &state,
            "-e",
            "BILATERAL_THEME=",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            command,
        ]);
        tmux
    }

    /// Sends everything the program writes to the terminal, escape sequences and all, to a file
    /// from now on; returns the file.
    fn record_output(&self) -> PathBuf {
        let path = self.dir.path().join("output");
        let command = format!("cat >> {}", path.display());
        self.run(&["pipe-pane", "-O", "-t", "0", &command]);
        path
    }

    /// Waits until the recorded output satisfies `ok`; returns it.
    fn wait_output(&self, path: &Path, what: &str, ok: impl Fn(&[u8]) -> bool) -> Vec<u8> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let bytes = std::fs::read(path).unwrap_or_default();
            if ok(&bytes) {
                return bytes;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} in the output:\n{}",
                String::from_utf8_lossy(&bytes).escape_debug()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
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
            && s.contains("Date     c. 17–22 May 2025 · happened")
    });
    assert!(
        !s.contains("Prime Minister Modi"),
        "nothing else is listed:\n{s}"
    );

    t.keys(&["Escape"]);
    t.wait("the search cleared", |s| s.contains("showing 122 of 122"));

    for (typed, jumped) in [
        ("today", "Jumped to 28 May 2025"),
        ("may 2025", "Jumped to May 2025"),
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
            && s.contains("Date     12–13 Feb 2025")
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

/// Writes a configuration file into `home`'s configuration folder.
fn configure(home: &Path, text: &str) {
    let dir = home.join("config");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), text).unwrap();
}

/// Whether `haystack` holds `needle`.
fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_rebound_key_works_and_the_footer_and_help_show_it() {
    let home = tempfile::tempdir().unwrap();
    configure(home.path(), "[keys]\nsearch = \"s\"\nhelp = \"h\"\n");
    let t = Tmux::start_with(home.path(), "", 120, 40);
    t.wait("the footer naming the new keys", |s| {
        s.contains(" s search ") && s.contains(" h help ") && !s.contains(" / search ")
    });
    t.keys(&["s"]);
    t.text("goyal");
    t.wait("the search opened by `s`", |s| {
        s.contains("/goyal") && s.contains("showing 1 of 122")
    });
    t.keys(&["Escape"]);
    t.wait("the search cleared", |s| s.contains("showing 122 of 122"));
    // `/` no longer searches: had it opened the search line, `h` would be typed into it.
    t.keys(&["/", "h"]);
    // Waiting for the whole help, which names the rebound key: tmux can be captured while a
    // frame is half written.
    t.wait("the help opened by `h`, naming `s`", |s| {
        s.contains("Keys — any key closes")
            && s.contains("  s                   search; results update as you type")
    });
    t.keys(&["Escape"]);
    t.wait("the help closed", |s| !s.contains("Keys — any key closes"));
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));
}

#[test]
fn a_bad_configuration_is_reported_before_the_screen_opens() {
    let home = tempfile::tempdir().unwrap();
    configure(home.path(), "[keys]\nserch = \"s\"\n");
    let t = Tmux::start_with(home.path(), "", 120, 40);
    assert_eq!(t.exit_code(), Some(1));
    let s = t.screen();
    assert!(
        s.contains("config.toml:2:1: keys.serch: no browser action is called `serch`"),
        "{s}"
    );
}

#[test]
fn copying_a_citation_reaches_tmux_through_osc_52() {
    let t = Tmux::start("", 120, 40);
    t.run(&["set-option", "-g", "set-clipboard", "on"]);
    t.wait("the timeline", |s| s.contains("showing 122 of 122"));
    let output = t.record_output();
    t.keys(&["t"]);
    t.text("2025-05-28");
    t.keys(&["Enter"]);
    t.wait("the Misri visit", |s| {
        s.contains("▶ 27–29 May 2025") && s.contains("Date     27–29 May 2025")
    });
    t.keys(&["y"]);
    t.wait("the report of the copy", |s| {
        s.contains(
            "Copied the citation of “Foreign Secretary Vikram Misri…” as plain text via OSC 52",
        )
    });
    let buffer = t.run(&["show-buffer"]);
    let timeline = common::builtin();
    let event = timeline.find("misri-visit").unwrap();
    let citation = bilateral::formats::citation::plain(event);
    assert_eq!(buffer, citation, "tmux holds the citation");
    assert!(buffer.starts_with("27–29 May 2025 — Foreign Secretary Vikram Misri visits"));
    assert!(buffer.contains("“Foreign Secretary Misri is in the United States"));
    let sequence = format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(&citation)
    );
    t.wait_output(&output, "the OSC 52 sequence", |out| {
        holds(out, sequence.as_bytes())
    });

    t.keys(&["Y"]);
    t.wait("the Markdown copy", |s| s.contains("as Markdown"));
    let buffer = t.run(&["show-buffer"]);
    assert_eq!(buffer, bilateral::formats::citation::markdown(event));
    assert!(
        buffer.starts_with("**27–29 May 2025** — Foreign Secretary"),
        "{buffer}"
    );
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));
}

#[test]
fn urls_with_escapes_never_reach_the_terminal_raw_nor_the_opener() {
    let home = tempfile::tempdir().unwrap();
    let opened = home.path().join("opened");
    let script = home.path().join("opener.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" >> {}\n", opened.display()),
    )
    .unwrap();
    configure(
        home.path(),
        &format!("opener = [\"sh\", \"{}\"]\n", script.display()),
    );
    let t = Tmux::start_with(
        home.path(),
        &format!("--no-builtin --data {}", fixture("hostile-links.json")),
        120,
        40,
    );
    let title_before = t.format("#{pane_title}");
    t.wait("the timeline", |s| s.contains("showing 2 of 2"));
    let output = t.record_output();
    // The good link first, then the hostile ones, so both are drawn while recording.
    t.keys(&["j"]);
    let s = t.wait("the good link", |s| {
        s.contains("https://example.com/news/report?id=7&lang=en")
    });
    // The hyperlink's escape sequence takes no room: the pane's border is where it belongs.
    let line = s.lines().find(|l| l.contains("report?id=7")).unwrap();
    assert_eq!(line.chars().count(), 120, "{line}");
    assert!(line.ends_with("   │"), "{line}");
    t.keys(&["k"]);
    let s = t.wait("the hostile links, shown as symbols", |s| {
        s.contains("https://example.com/␛]0;PWNED␇/page")
            && s.contains("https://example.com/␛]52;c;aGVsbG8=␇")
            && s.contains("javascript:alert(document.cookie)")
    });
    assert!(
        s.contains("(not a link: only http, https and file links"),
        "{s}"
    );
    t.keys(&["o"]);
    t.wait("the refusal to open", |s| {
        s.contains("Source [1] is not opened: it contains control")
    });
    t.keys(&["j", "o"]);
    t.wait("the good link opening", |s| {
        s.contains("Opening https://example.com/news/report?id=7&lang=en with sh")
    });
    let good = b"\x1b]8;;https://example.com/news/report?id=7&lang=en\x1b\\";
    let out = t.wait_output(&output, "the good link as an OSC 8 hyperlink", |out| {
        holds(out, good)
    });
    for raw in [
        &b"\x1b]0;PWNED"[..],
        b"\x1b]52;c;aGVsbG8=",
        b"\x1b]8;;https://evil",
        b"\x1b]8;;javascript",
        b"\x1b]8;;https://example.com/\x1b",
    ] {
        assert!(
            !holds(&out, raw),
            "{} reached the terminal",
            String::from_utf8_lossy(raw).escape_debug()
        );
    }
    // Every hyperlink the program opened is the good one.
    let opens: Vec<&[u8]> = out
        .windows(5)
        .enumerate()
        .filter(|(_, w)| *w == b"\x1b]8;;")
        .map(|(i, _)| &out[i + 5..])
        .filter(|rest| !rest.starts_with(b"\x1b"))
        .collect();
    assert!(!opens.is_empty());
    for rest in opens {
        assert!(
            rest.starts_with(&good[5..]),
            "{}",
            String::from_utf8_lossy(&rest[..40.min(rest.len())])
        );
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !opened.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        "https://example.com/news/report?id=7&lang=en\n",
        "only the good link was opened"
    );
    assert_eq!(t.format("#{pane_title}"), title_before);
    assert_eq!(
        t.run(&["list-buffers"]).trim(),
        "",
        "no clipboard buffer was set"
    );
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));
}

#[test]
fn restarting_returns_to_the_last_place_and_fresh_does_not() {
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start_with(home.path(), "", 120, 40);
    t.wait("the timeline", |s| s.contains("showing 122 of 122"));
    t.keys(&["/"]);
    t.text("tag:trade");
    t.keys(&["Enter", "G"]);
    t.wait("the last trade event", |s| {
        s.contains("▶ 9 Jul 2025") && s.contains("filter tag:trade")
    });
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));

    let t = Tmux::start_with(home.path(), "", 120, 40);
    t.wait("the same filter and event", |s| {
        s.contains("filter tag:trade")
            && s.contains("▶ 9 Jul 2025")
            && s.contains("Date     9 Jul 2025")
    });
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));

    let t = Tmux::start_with(home.path(), "--fresh", 120, 40);
    t.wait("the as-of event, unfiltered", |s| {
        s.contains("showing 122 of 122")
            && s.contains("▶ 27 or 28 May 2025")
            && !s.contains("filter")
    });
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));

    // What --fresh left is remembered in turn; a damaged file is set aside with a notice.
    let places = home.path().join("state/places");
    let files: Vec<PathBuf> = std::fs::read_dir(&places)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "one place for the one dataset");
    std::fs::write(&files[0], "{not json").unwrap();
    let t = Tmux::start_with(home.path(), "", 120, 40);
    t.wait("the notice, and the as-of event", |s| {
        s.contains("Starting fresh: the remembered place was unreadable")
            && s.contains("▶ 27 or 28 May 2025")
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
        if t.screen().contains("Date     27–29 May 2025") {
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
            && s.contains("Date     27–29 May 2025")
            && !s.contains("Chart ·")
    });
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));
}

#[test]
fn marks_are_kept_for_the_next_run() {
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start_with(home.path(), "", 120, 40);
    t.wait("the timeline", |s| s.contains("showing 122 of 122"));
    t.keys(&["m", "k", "m"]);
    t.wait("two marks", |s| s.contains("2 marked") && s.contains("▶✓"));
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));

    let t = Tmux::start_with(home.path(), "", 120, 40);
    t.wait("the marks again", |s| s.contains("2 marked"));
    t.keys(&["M"]);
    t.wait("only the marked", |s| {
        s.contains("showing 2 of 122") && s.contains("marked only")
    });
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));
}

/// Whether `text` is on the screen `row` whole. A letter after a zero-width joiner ("क्‍ष") is
/// drawn by tmux in the joiner's cell, one column less than the cluster reserves, so a blank may
/// follow such a cluster there (see `tui::cells`); nothing else may differ.
fn shown(row: &str, text: &str) -> bool {
    if row.contains(text) {
        return true;
    }
    let clusters: Vec<&str> =
        unicode_segmentation::UnicodeSegmentation::graphemes(text, true).collect();
    let pattern: String = clusters
        .iter()
        .map(|g| {
            let g = regex::escape(g);
            if g.contains('\u{200D}') {
                format!("{g} ?")
            } else {
                g
            }
        })
        .collect();
    regex::Regex::new(&pattern).is_ok_and(|re| re.is_match(row))
}

/// Columns tmux (3.3) gives `row` as it captured it: the terminal's widths (`tui::cells::width`),
/// except that a letter after a zero-width joiner shares the joiner's cell.
fn tmux_width(row: &str) -> usize {
    let chars: Vec<char> = row.chars().collect();
    let merged = chars
        .windows(2)
        .filter(|w| w[0] == '\u{200D}' && bilateral::tui::cells::width(&w[1].to_string()) > 0)
        .count();
    bilateral::tui::cells::width(row) - merged
}

/// The detail pane's text on each of its rows (between its borders), top to bottom.
fn detail_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|l| !l.contains("Detail"))
        .skip(1)
        .take_while(|l| !l.contains('└'))
        .filter_map(|l| l.trim_end().rsplit('│').nth(1).map(str::to_string))
        .collect()
}

/// Indian scripts in a small terminal, as a diplomat's India–US timeline has them: every character
/// where the terminal puts it (spacing vowel signs such as Tamil ா, Bengali া and Malayalam ാ take
/// a column of their own), no cell left over from the previous selection, and the joiners the
/// scripts need kept as joiners.
#[test]
fn indian_scripts_keep_every_character_and_leave_no_stale_cells() {
    let fixture_path = common::fixture("indic.json");
    let text = std::fs::read_to_string(&fixture_path).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let events: Vec<(String, Option<String>)> = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["title"].as_str().unwrap().to_string(),
                e["summary"].as_str().map(str::to_string),
            )
        })
        .collect();
    let t = Tmux::start(
        &format!("--no-builtin --data {}", fixture_path.display()),
        120,
        12,
    );
    t.wait("the timeline", |s| s.contains("showing 8 of 8"));
    let width_of_rows = |s: &str| {
        let widths: Vec<usize> = detail_rows(s).iter().map(|r| tmux_width(r)).collect();
        assert!(
            widths.windows(2).all(|w| w[0] == w[1]),
            "every detail row is as wide as the pane: {widths:?}\n{s}"
        );
    };
    for (i, (title, summary)) in events.iter().enumerate() {
        if i > 0 {
            t.keys(&["j"]);
        }
        let s = t.wait(&format!("the detail of {title}"), |s| {
            detail_rows(s).first().is_some_and(|r| shown(r, title))
        });
        assert!(!s.contains("⟨U+"), "joiners shown as themselves:\n{s}");
        // In the list too, whole (the selected row is the one with ▶).
        let row = s
            .lines()
            .find(|l| l.contains('▶') && l.contains("Jan 2025"))
            .unwrap();
        assert!(shown(row, title), "list row {row:?} lost part of {title}");
        if let Some(summary) = summary {
            assert!(
                detail_rows(&s).iter().any(|r| shown(r, summary)),
                "summary {summary} whole in the detail:\n{s}"
            );
        }
        width_of_rows(&s);
    }
    // On "Short" (the last): nothing of the longer titles and summaries is left in the pane.
    let no_stale = |s: &str| detail_rows(s).iter().all(|r| r.is_ascii());
    let s = t.screen();
    assert!(no_stale(&s), "cells left from earlier events:\n{s}");
    // The same straight from the longest Devanagari title to the shortest.
    t.keys(&["g"]);
    t.wait("the first event", |s| {
        detail_rows(s)
            .first()
            .is_some_and(|r| r.trim_end() == events[0].0)
    });
    t.keys(&["G"]);
    let s = t.wait("the last event", |s| {
        detail_rows(s)
            .first()
            .is_some_and(|r| r.starts_with("Short"))
    });
    assert!(no_stale(&s), "cells left from the first event:\n{s}");
    width_of_rows(&s);
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));
}
