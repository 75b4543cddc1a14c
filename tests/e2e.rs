//! End to end: the real binary in tmux, driven with keys as a person would.
//!
//! Each test runs its own tmux server (`-L` with a unique socket) and kills it on drop, so a failing
//! test never leaves a server behind.

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
        let socket = format!(
            "bilateral-e2e-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let status = dir.path().join("status");
        let command = format!(
            "{} {args}; echo $? > {}; sleep 30",
            env!("CARGO_BIN_EXE_bilateral"),
            status.display()
        );
        let tmux = Tmux { socket, dir };
        tmux.run(&[
            "new-session",
            "-d",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            &command,
        ]);
        tmux
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
        let path: PathBuf = self.dir.path().join("status");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(s) = std::fs::read_to_string(&path)
                && let Ok(code) = s.trim().parse()
            {
                return Some(code);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
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
    t.wait("the timeline", |s| {
        s.contains("showing 13 of 13") && s.contains("Prime Minister Modi")
    });

    t.keys(&["/"]);
    t.text("goyal");
    let s = t.wait("only Goyal's trip", |s| s.contains("showing 1 of 13"));
    assert!(s.contains("▶ c. 19–25 May 2025"), "{s}");
    assert!(
        s.contains("Id       goyal-us-trip"),
        "its detail is shown:\n{s}"
    );
    assert!(
        !s.contains("Prime Minister Modi"),
        "nothing else is listed:\n{s}"
    );

    t.keys(&["Escape"]);
    t.wait("the search cleared", |s| s.contains("showing 13 of 13"));

    t.keys(&["t"]);
    t.wait("the date prompt", |s| s.contains("Go to date"));
    t.text("2025-02");
    t.keys(&["Enter"]);
    let s = t.wait("the jump", |s| s.contains("Jumped to Feb 2025"));
    assert!(s.contains("▶ Feb 2025"), "{s}");
    assert!(s.contains("Id       modi-visit"), "{s}");

    t.keys(&["?"]);
    t.wait("the help", |s| s.contains("Keys — any key closes"));
    t.keys(&["Escape"]);
    t.wait("the help closed", |s| !s.contains("Keys — any key closes"));

    t.run(&["resize-window", "-t", "0", "-x", "60", "-y", "20"]);
    let s = t.wait("the narrow layout", |s| {
        s.lines().next().is_some_and(|l| l.chars().count() <= 60) && s.contains("┌ Detail")
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
    t.wait("the wide layout again", |s| s.contains("showing 13 of 13"));

    t.keys(&["q"]);
    assert_eq!(t.exit_code(), Some(0));
}

#[test]
fn ctrl_c_and_escape_quit() {
    let t = Tmux::start("", 80, 24);
    t.wait("the timeline", |s| s.contains("showing 13 of 13"));
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), Some(0));

    let t = Tmux::start("", 80, 24);
    t.wait("the timeline", |s| s.contains("showing 13 of 13"));
    t.keys(&["Escape"]);
    assert_eq!(t.exit_code(), Some(0));
}
