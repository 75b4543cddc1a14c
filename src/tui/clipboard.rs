//! Copying text out of the program, for the runtime: always as an OSC 52 sequence written to the
//! terminal (which reaches the local clipboard over SSH, and in tmux with `set-clipboard on`),
//! and also to the system clipboard where there is one (through `arboard`: X11, macOS,
//! Windows). Either one is enough; the report says which worked.

use std::io::Write;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The sequence that asks the terminal to put `text` on its clipboard (`c`). Base64 leaves
/// nothing in it that a terminal could read as another sequence.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", STANDARD.encode(text))
}

/// Where copies go. The system clipboard is opened on the first copy and kept for the rest of
/// the run: on X11 the text stays pasteable only while its owner lives.
#[derive(Default)]
pub struct Clipboard {
    system: Option<Result<arboard::Clipboard, String>>,
}

impl std::fmt::Debug for Clipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &self.system {
            None => "not opened",
            Some(Ok(_)) => "open",
            Some(Err(_)) => "unavailable",
        };
        f.debug_struct("Clipboard").field("system", &state).finish()
    }
}

impl Clipboard {
    /// Copies `text`: the OSC 52 sequence to `terminal`, and the text to the system clipboard.
    /// Returns what became of each.
    pub fn copy(
        &mut self,
        terminal: &mut impl Write,
        text: &str,
    ) -> (Result<(), String>, Result<(), String>) {
        let sent = terminal
            .write_all(osc52(text).as_bytes())
            .and_then(|()| terminal.flush())
            .map_err(|e| e.to_string());
        let system = self
            .system
            .get_or_insert_with(|| arboard::Clipboard::new().map_err(|e| e.to_string()));
        let stored = match system {
            Ok(clipboard) => clipboard.set_text(text).map_err(|e| e.to_string()),
            Err(why) => Err(why.clone()),
        };
        (sent, stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_text_in_base64() {
        assert_eq!(osc52("hello"), "\x1b]52;c;aGVsbG8=\x07");
        // Whatever the text holds, the sequence holds no control but its own.
        let hostile = osc52("a\x1b]0;x\x07\u{9b}b");
        let inner = &hostile[7..hostile.len() - 1];
        assert!(
            inner
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
    }

    #[test]
    fn the_terminal_gets_the_sequence_whatever_the_system_clipboard_does() {
        let mut out = Vec::new();
        let (sent, _system) = Clipboard::default().copy(&mut out, "cite");
        assert_eq!(sent, Ok(()));
        assert_eq!(out, osc52("cite").as_bytes());
    }
}
