//! The configuration file from the outside: what a good file changes, how a bad one is reported
//! (every problem at file:line:column, never a panic), and that `bilateral config` prints a file
//! that reads back as the defaults.

mod common;
use common::{fixture, text};

use std::path::Path;
use std::process::Output;

/// Runs the binary with the configuration folder `dir`.
fn with_config(dir: &Path, args: &[&str]) -> Output {
    common::command(args)
        .env("BILATERAL_CONFIG_DIR", dir)
        .output()
        .expect("the binary runs")
}

fn write_config(dir: &Path, text: &str) {
    std::fs::write(dir.join("config.toml"), text).expect("config written");
}

#[test]
fn a_good_file_sets_the_data_and_leaves_out_the_builtin_dataset() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("good.json"), dir.path().join("mine.json")).unwrap();
    write_config(
        dir.path(),
        "# my settings\ntheme = \"light\"\ndata = [\"mine.json\"]\nbuiltin = false\n\
         hyperlinks = false\nopener = \"true\"\n\n[keys]\ncopy = \"c\"\nsearch = [\"s\", \"/\"]\n",
    );
    let config_only = with_config(dir.path(), &["list"]);
    assert!(
        config_only.status.success(),
        "{}",
        text(&config_only.stderr)
    );
    let from_file = text(&config_only.stdout);
    let direct = common::bilateral(&[
        "list",
        "--no-builtin",
        "--data",
        &common::fixture_arg("good.json"),
    ]);
    assert_eq!(
        from_file,
        text(&direct.stdout),
        "the configured data, relative to the file, without the built-in dataset"
    );
    // --data replaces the configured data; the file still leaves out the built-in dataset.
    let other = with_config(
        dir.path(),
        &["list", "--data", &common::fixture_arg("deep-time.json")],
    );
    assert!(other.status.success(), "{}", text(&other.stderr));
    assert!(!text(&other.stdout).contains("misri"), "no built-in events");
    assert_ne!(text(&other.stdout), from_file);
    let checked = with_config(dir.path(), &["config"]);
    assert!(checked.status.success());
    assert!(text(&checked.stderr).contains("config.toml is valid"));
}

#[test]
fn every_problem_is_reported_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write_config(
        dir.path(),
        "them = \"light\"\ntheme = \"neon\"\nbuiltin = \"yes\"\n[keys]\nserch = \"s\"\n\
         copy = \"Hyper-c\"\nopen = \"Ctrl-c\"\n[colours]\n",
    );
    let o = with_config(dir.path(), &["list"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "nothing ran");
    let err = text(&o.stderr);
    let file = dir.path().join("config.toml").display().to_string();
    for want in [
        format!("{file}:1:1: unknown setting `them`; did you mean `theme`?"),
        format!("{file}:2:9: theme: unknown theme `neon`; choose dark, light or high-contrast"),
        format!("{file}:3:11: builtin: expected true or false, found a string"),
        format!(
            "{file}:5:1: keys.serch: no browser action is called `serch`; did you mean `search`?"
        ),
        format!("{file}:6:8: keys.copy: `Hyper-c` is not a key"),
        format!("{file}:7:1: keys.open: Ctrl-C is kept for “quit, whatever is open”"),
        format!("{file}:8:2: unknown setting `colours`"),
        "bilateral: 7 problems in the configuration file".to_string(),
    ] {
        assert!(err.contains(&want), "missing {want:?} in:\n{err}");
    }
    // `bilateral config` still shows the path and the defaults, and lists the problems.
    let shown = with_config(dir.path(), &["config"]);
    assert_eq!(shown.status.code(), Some(1));
    assert!(text(&shown.stdout).starts_with(&format!("# bilateral configuration: {file}")));
    assert!(text(&shown.stderr).contains(":1:1: unknown setting `them`"));
}

#[test]
fn broken_files_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml").display().to_string();
    for (bytes, want) in [
        (&b"theme = \"dark\n"[..], ":1:14: invalid basic string"),
        (b"[keys\n", ":1:"),
        (b"theme = 'dark'\ntheme = 'light'\n", ":2:1: duplicate key"),
        (b"data = \"\xff\"\n", ":1:9: file is not valid UTF-8"),
        (b"keys = 3\n", ":1:8: keys: expected a table"),
    ] {
        std::fs::write(dir.path().join("config.toml"), bytes).unwrap();
        let o = with_config(dir.path(), &["show", "misri-visit"]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("{file}{want}")),
            "{want:?} in:\n{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // A folder where the file should be is reported too.
    std::fs::remove_file(dir.path().join("config.toml")).unwrap();
    std::fs::create_dir(dir.path().join("config.toml")).unwrap();
    let o = with_config(dir.path(), &["list"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("is a folder"));
}

#[test]
fn the_printed_default_reads_back_as_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let printed = with_config(dir.path(), &["config"]);
    assert!(printed.status.success());
    assert!(text(&printed.stderr).contains("does not exist yet"));
    let default = text(&printed.stdout);
    for setting in [
        "# theme = ",
        "# data = ",
        "# builtin = ",
        "# hyperlinks = ",
        "# opener = ",
    ] {
        assert!(default.contains(setting), "{setting}");
    }
    assert!(default.contains("# copy = \"y\""), "{default}");
    write_config(dir.path(), &default);
    let listed = with_config(dir.path(), &["list"]);
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    assert_eq!(listed.stdout, common::bilateral(&["list"]).stdout);
    let again = with_config(dir.path(), &["config"]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    let path = with_config(dir.path(), &["config", "--path"]);
    assert_eq!(
        text(&path.stdout).trim(),
        dir.path().join("config.toml").display().to_string()
    );
}

#[cfg(target_os = "linux")]
#[test]
fn xdg_config_home_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let o = common::command(&["config", "--path"])
        .env_remove("BILATERAL_CONFIG_DIR")
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(
        text(&o.stdout).trim(),
        dir.path()
            .join("bilateral/config.toml")
            .display()
            .to_string()
    );
}
