//! The layers' one-way rule, checked on the source tree so it stays true.
//!
//! `core ← formats ← store ← tui ← cli`: a module may name its own layer and the ones below it,
//! never one above. The core names no terminal, command-line or filesystem crate or API. And no two
//! modules import each other, directly or through others.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: [&str; 5] = ["core", "formats", "store", "tui", "cli"];

/// Crates and APIs the core must not name: terminals, the command line, the filesystem.
const FORBIDDEN_IN_CORE: [&str; 10] = [
    "ratatui",
    "crossterm",
    "clap",
    "std::fs",
    "notify",
    "tempfile",
    "signal_hook",
    "std::process",
    "std::env",
    "include_str!",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a source file: `src/core/model/date.rs` → `core::model::date`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts.join("::")
}

/// Every path after `prefix` (`crate::` or `super::`) named in `text`, as its segments (up to the first `{`, `*` or
/// anything else that is not an identifier followed by `::`, plus that last identifier).
fn paths_after(text: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices(prefix) {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let mut rest = &text[i + prefix.len()..];
        let mut segments = Vec::new();
        loop {
            let len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if len == 0 {
                break;
            }
            segments.push(rest[..len].to_string());
            match rest[len..].strip_prefix("::") {
                Some(r) => rest = r,
                None => break,
            }
        }
        // `a::{b, c::d}` names `a::b` and `a::c::d`.
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let end = group
                .find(|c| {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => return true,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    false
                })
                .unwrap_or(group.len());
            for item in group[..end].split(',') {
                let item = item.trim().replace('\n', "");
                let mut full = segments.clone();
                full.extend(
                    item.split("::")
                        .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
                        .take_while(|s| {
                            !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_')
                        }),
                );
                out.push(full);
            }
        }
        if !segments.is_empty() {
            out.push(segments);
        }
    }
    out
}

/// Every `super::a::…` path, as its segments after `super`.
fn super_paths(text: &str) -> Vec<Vec<String>> {
    paths_after(text, "super::")
}

/// Every `crate::a::b::…` path named in `text`, as its segments.
fn crate_paths(text: &str) -> Vec<Vec<String>> {
    paths_after(text, "crate::")
}

/// Source text without line comments, so a `//!` doc naming another layer is not an import.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn layer_rank(module: &str) -> Option<usize> {
    let top = module.split("::").next()?;
    LAYERS.iter().position(|l| *l == top)
}

struct Tree {
    /// module path → code
    modules: BTreeMap<String, String>,
}

fn tree() -> Tree {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).expect("source is readable");
            (module_of(&src, f), code_of(&text))
        })
        .collect();
    Tree { modules }
}

impl Tree {
    /// The module a path names: its longest prefix that is a module of the tree.
    fn resolve(&self, segments: &[String]) -> Option<String> {
        (1..=segments.len())
            .rev()
            .map(|n| segments[..n].join("::"))
            .find(|m| self.modules.contains_key(m))
    }

    fn edges(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (module, code) in &self.modules {
            let targets = edges.entry(module.clone()).or_default();
            let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
            let supers = super_paths(code).into_iter().map(|mut p| {
                if !parent.is_empty() {
                    let mut full: Vec<String> = parent.split("::").map(String::from).collect();
                    full.append(&mut p);
                    p = full;
                }
                p
            });
            for path in crate_paths(code).into_iter().chain(supers) {
                if let Some(target) = self.resolve(&path) {
                    // A module naming its own parent's re-exports or itself is not an edge.
                    if &target != module && !module.starts_with(&format!("{target}::")) {
                        targets.insert(target);
                    }
                }
            }
        }
        edges
    }
}

#[test]
fn src_is_made_of_the_five_layers() {
    let tree = tree();
    for module in tree.modules.keys() {
        assert!(
            module.is_empty() || module == "main" || layer_rank(module).is_some(),
            "`{module}` is outside the layers (core, formats, store, tui, cli)"
        );
    }
}

#[test]
fn no_module_imports_a_higher_layer() {
    let tree = tree();
    let mut wrong = Vec::new();
    for (module, targets) in tree.edges() {
        let Some(rank) = layer_rank(&module) else {
            continue;
        };
        for target in targets {
            if layer_rank(&target).is_some_and(|t| t > rank) {
                wrong.push(format!("{module} → {target}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_core_names_no_terminal_cli_or_filesystem_api() {
    let tree = tree();
    let mut wrong = Vec::new();
    for (module, code) in tree.modules.iter().filter(|(m, _)| m.starts_with("core")) {
        for name in FORBIDDEN_IN_CORE {
            if code.contains(name) {
                wrong.push(format!("{module} names {name}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_import_cycles_between_modules() {
    let edges = tree().edges();
    // Depth-first search for a back edge; report the cycle it closes.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        cycles: &mut Vec<String>,
    ) {
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let from = stack.iter().position(|s| s == next).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    cycles.push(cycle.join(" → "));
                }
                Some(_) => {}
                None => visit(next, edges, state, stack, cycles),
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
    }
    let mut state = BTreeMap::new();
    let mut cycles = Vec::new();
    for node in edges.keys() {
        if !state.contains_key(node.as_str()) {
            visit(node, &edges, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_checker_sees_imports() {
    // The rule is only worth something if the scanner finds real imports.
    let edges = tree().edges();
    let cli = edges.get("cli").expect("cli/mod.rs is scanned");
    assert!(cli.iter().any(|t| t.starts_with("store")), "{cli:?}");
    let reader = edges.get("formats::native::read").expect("scanned");
    assert!(reader.contains("core::model"), "{reader:?}");
    let paths = crate_paths("use crate::tui::browse::{keys, view as ui};");
    assert!(
        paths.contains(&vec!["tui".into(), "browse".into(), "keys".into()]),
        "{paths:?}"
    );
    assert!(
        paths.contains(&vec!["tui".into(), "browse".into(), "view".into()]),
        "{paths:?}"
    );
}
