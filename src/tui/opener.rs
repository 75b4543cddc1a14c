//! Opening a source, for the runtime: a checked URL, or a source file found beside the data, with
//! the configured program or the system's opener (`xdg-open` and the like, as the `open` crate
//! knows them per platform). Always a program with arguments, never a shell command line, so
//! nothing in a link is ever read by a shell.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::core::link::Target;

/// How sources are opened.
#[derive(Debug, Clone, Default)]
pub struct Opener {
    /// A program and its first arguments; the target is added last. `None`: the system's.
    pub program: Option<Vec<String>>,
    /// Folders a relative source file is looked for in, in order (the working folder, the
    /// folders of the data files).
    pub bases: Vec<PathBuf>,
}

impl Opener {
    /// Starts opening `target`; says with what, or why it could not.
    pub fn open(&self, target: &Target) -> Result<String, String> {
        let argument = match target {
            Target::Url(url) => url.clone(),
            Target::File(path) => self.find(path)?.display().to_string(),
        };
        let commands = match &self.program {
            Some(argv) => {
                let (program, args) = argv.split_first().ok_or("the opener names no program")?;
                let mut command = Command::new(program);
                command.args(args).arg(&argument);
                vec![command]
            }
            None => open::commands(&argument),
        };
        let mut tried = Vec::new();
        for mut command in commands {
            let name = command.get_program().to_string_lossy().into_owned();
            // The opener must not draw over the screen or wait for input meant for the browser.
            command
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            match command.spawn() {
                Ok(mut child) => {
                    // Reaped in the background: openers hand over to a browser and exit, and no
                    // one should wait for that.
                    std::thread::spawn(move || child.wait());
                    return Ok(format!("Opening {argument} with {name}"));
                }
                Err(e) => tried.push(format!("{name}: {e}")),
            }
        }
        Err(format!(
            "no program could open {argument} ({}); set `opener` in the configuration",
            tried.join("; ")
        ))
    }

    /// A source file: as written if absolute, else the first base folder holding it. Found
    /// paths are absolute, so none can be taken for an option by the opener.
    fn find(&self, written: &str) -> Result<PathBuf, String> {
        let path = Path::new(written);
        let candidates: Vec<PathBuf> = if path.is_absolute() {
            vec![path.to_path_buf()]
        } else {
            self.bases.iter().map(|b| b.join(path)).collect()
        };
        candidates
            .into_iter()
            .find(|p| p.exists())
            .map(|p| std::path::absolute(&p).unwrap_or(p))
            .ok_or_else(|| format!("cannot find the source file {written}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_configured_program_gets_the_target_as_one_argument() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("args");
        let script = dir.path().join("opener.sh");
        std::fs::write(
            &script,
            format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > {}\n", out.display()),
        )
        .unwrap();
        let opener = Opener {
            program: Some(vec!["sh".into(), script.display().to_string()]),
            bases: vec![dir.path().to_path_buf()],
        };
        let url = "https://example.com/a;b&c=$(reboot)";
        let said = opener.open(&Target::Url(url.into())).unwrap();
        assert!(said.starts_with("Opening https://example.com/"), "{said}");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !out.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert_eq!(std::fs::read_to_string(&out).unwrap(), format!("{url}\n"));
    }

    #[test]
    fn source_files_are_found_beside_the_data_or_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "n").unwrap();
        let opener = Opener {
            program: Some(vec!["true".into()]),
            bases: vec![PathBuf::from("/nonexistent"), dir.path().to_path_buf()],
        };
        assert_eq!(
            opener.find("notes.txt").unwrap(),
            dir.path().join("notes.txt")
        );
        let e = opener
            .open(&Target::File("missing.txt".into()))
            .unwrap_err();
        assert_eq!(e, "cannot find the source file missing.txt");
        let bad = Opener {
            program: Some(vec!["/no/such/opener".into()]),
            bases: Vec::new(),
        };
        let e = bad
            .open(&Target::Url("https://example.com/".into()))
            .unwrap_err();
        assert!(e.starts_with("no program could open"), "{e}");
    }
}
