//! The shell's side of the command line: completion scripts for each shell, a manual page that
//! renders, and help that lists for each command only the options it takes.

mod common;
use common::{bilateral, text};

use std::process::Command;

const COMMANDS: [&str; 13] = [
    "list",
    "show",
    "search",
    "generate",
    "present",
    "ingest",
    "review",
    "validate",
    "import",
    "export",
    "completions",
    "man",
    "config",
];

#[test]
fn completions_are_generated_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _bilateral"),
        ("zsh", "#compdef bilateral"),
        ("fish", "complete -c bilateral"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[bilateral]"),
    ] {
        let o = bilateral(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", text(&o.stderr));
        let script = text(&o.stdout);
        assert!(script.contains(marker), "{shell}: {marker}");
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} completes {command}");
        }
        assert!(script.contains("no-builtin"), "{shell} completes options");
    }
    assert_eq!(bilateral(&["completions", "tcsh"]).status.code(), Some(2));
}

/// What bash offers after `words` (the last one being completed), from the generated script.
fn bash_completes(words: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("bilateral.bash");
    std::fs::write(&script, bilateral(&["completions", "bash"]).stdout).unwrap();
    let line = words.join(" ");
    let program = format!(
        "source {script}\nCOMP_WORDS=({words})\nCOMP_CWORD={cword}\nCOMP_LINE='{line}'\n\
         COMP_POINT=${{#COMP_LINE}}\n_bilateral bilateral '{current}' '{previous}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script = script.display(),
        words = words
            .iter()
            .map(|w| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(" "),
        cword = words.len() - 1,
        current = words[words.len() - 1],
        previous = words[words.len() - 2],
    );
    let o = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(o.status.success(), "{}", text(&o.stderr));
    text(&o.stdout).lines().map(str::to_string).collect()
}

#[test]
fn the_bash_script_completes_commands_and_their_options() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("bilateral.bash");
    std::fs::write(&script, bilateral(&["completions", "bash"]).stdout).unwrap();
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(syntax.status.success(), "{}", text(&syntax.stderr));

    let mut offered = bash_completes(&["bilateral", "co"]);
    offered.sort();
    assert_eq!(offered, ["completions", "config"]);
    let options = bash_completes(&["bilateral", "import", "--"]);
    assert!(options.contains(&"--out".to_string()), "{options:?}");
    assert!(!options.contains(&"--theme".to_string()), "{options:?}");
    let shells = bash_completes(&["bilateral", "completions", "p"]);
    assert_eq!(shells, ["powershell"]);
}

#[test]
fn the_man_page_renders() {
    let o = bilateral(&["man"]);
    assert!(o.status.success());
    let roff = text(&o.stdout);
    assert!(
        roff.starts_with(".ie \\n(.g .ds Aq"),
        "roff: {}",
        &roff[..80]
    );
    assert!(roff.contains(".TH bilateral 1"), "{roff}");
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("bilateral.1");
    std::fs::write(&page, &o.stdout).unwrap();
    // groff-base comes with man-db; .ci/run installs it where the image lacks it.
    let rendered = Command::new("groff")
        // -k: as `man` does, read the page's UTF-8 through preconv.
        .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
        .arg(&page)
        .output()
        .expect("groff runs (apt-get install groff-base)");
    assert!(rendered.status.success());
    assert_eq!(text(&rendered.stderr), "", "groff has no warnings");
    let rendered = Command::new("groff")
        .args(["-k", "-man", "-Tutf8", "-P-cbou"])
        .arg(&page)
        .output()
        .expect("groff runs");
    let page = text(&rendered.stdout);
    for want in [
        "NAME",
        "bilateral - Browse a cited timeline",
        "SYNOPSIS",
        "DESCRIPTION",
        "TIMELINE OPTIONS",
        "--no-builtin",
        "Commands",
        "bilateral-completions(1)",
        "VERSION",
    ] {
        assert!(page.contains(want), "{want} in:\n{page}");
    }
    // The pages the main one refers to can be written too.
    let o = bilateral(&["man", "--dir", &dir.path().display().to_string()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    for command in COMMANDS {
        let page = dir.path().join(format!("bilateral-{command}.1"));
        assert!(page.exists(), "{}", page.display());
    }
    let list = std::fs::read_to_string(dir.path().join("bilateral-list.1")).unwrap();
    assert!(list.contains("\\-\\-from"), "{list}");
}

#[test]
fn each_command_lists_only_the_options_it_takes() {
    let help = |args: &[&str]| text(&bilateral(args).stdout);
    let top = help(&["--help"]);
    for heading in ["Timeline options:", "Browser options:", "Commands:"] {
        assert!(top.contains(heading), "{heading} in:\n{top}");
    }
    let import = help(&["import", "--help"]);
    for absent in ["--theme", "--watch", "--data", "--fresh", "--as-of"] {
        assert!(
            !import.contains(absent),
            "import --help lists {absent}:\n{import}"
        );
    }
    let list = help(&["list", "--help"]);
    assert!(
        list.contains("Timeline options:") && list.contains("--data"),
        "{list}"
    );
    assert!(
        !list.contains("--theme") && !list.contains("--watch"),
        "{list}"
    );
    let present = help(&["present", "--help"]);
    for option in ["--data", "--theme", "--watch"] {
        assert!(present.contains(option), "present takes {option}");
    }
    let review = help(&["review", "--help"]);
    assert!(
        review.contains("--theme") && !review.contains("--watch"),
        "{review}"
    );
    for command in ["validate", "generate", "completions", "man", "config"] {
        let h = help(&[command, "--help"]);
        assert!(
            !h.contains("--data") && !h.contains("--theme"),
            "{command}:\n{h}"
        );
    }
}

#[test]
fn options_before_a_command_apply_to_it_or_are_refused() {
    let before = bilateral(&[
        "--no-builtin",
        "--data",
        &common::fixture_arg("good.json"),
        "list",
    ]);
    let after = bilateral(&[
        "list",
        "--no-builtin",
        "--data",
        &common::fixture_arg("good.json"),
    ]);
    assert!(before.status.success(), "{}", text(&before.stderr));
    assert_eq!(before.stdout, after.stdout);
    let o = bilateral(&["--theme", "light", "import", "x.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--theme does not apply to `import`"),
        "{}",
        text(&o.stderr)
    );
    let o = bilateral(&["--fresh", "list"]);
    assert_eq!(o.status.code(), Some(2));
}
