//! The load cache: a cached load gives exactly what parsing gives, any change to the file is seen,
//! a damaged cache is rebuilt with a notice, and `--no-cache` leaves the cache alone.

mod common;

use std::path::{Path, PathBuf};

use bilateral::core::generate::{self, Spec};
use bilateral::store::load::{self, Options};
use common::text;

/// A generated timeline over the cache's size threshold, with the rarer fields added: text that
/// sanitising changes (kept as `original`), an era, a draft, every date form.
fn big_file(dir: &Path, name: &str, seed: u64) -> PathBuf {
    let mut out = Vec::new();
    generate::write(
        Spec {
            events: 1_000,
            seed,
        },
        &mut out,
    )
    .unwrap();
    let json = String::from_utf8(out).unwrap();
    let extra = r#"{"id": "odd", "title": "Odd \u202e text\u0007", "date": "2025-05-27",
        "summary": "Bell\u0007 here", "actors": ["A\u200bB"]},
        {"id": "window", "title": "Window", "date": "[2025-05-27..2025-05-29]"},
        {"id": "open", "title": "Open", "date": "2025-05-27/..", "status": "expected"},
        {"id": "draft-x", "title": "Drafted", "date": "2025-05", "draft":
            {"expression": "in May", "confidence": 0.6}},
        "#;
    let json = json
        .replacen("\"events\": [", &format!("\"eras\": [{{\"title\": \"Recent\", \"start\": \"2000\", \"end\": \"2025\"}}],\n  \"events\": [{extra}"), 1);
    let path = dir.join(name);
    std::fs::write(&path, json).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() >= bilateral::store::cache::MIN_BYTES);
    path
}

fn options(paths: Vec<PathBuf>, cache: Option<&Path>) -> Options {
    Options {
        paths,
        cache: cache.map(Path::to_path_buf),
        ..Options::default()
    }
}

fn load_noting(options: &Options) -> (bilateral::core::model::Timeline, Vec<String>) {
    let mut notices = Vec::new();
    let t = load::load_noting(options, &mut notices).expect("loads");
    (t, notices)
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn cached_and_uncached_loads_give_the_same_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    // Two files whose ids collide, so the load also qualifies ids and warns.
    let a = big_file(dir.path(), "a.json", 1);
    let b = big_file(dir.path(), "b.json", 2);
    let paths = vec![a, b];
    let fresh = load::load(&options(paths.clone(), None)).unwrap();
    assert!(!fresh.warnings.is_empty(), "the files' ids collide");
    assert!(fresh.events.iter().any(|e| e.original.is_some()));
    assert!(fresh.events.iter().any(|e| e.draft.is_some()));

    let (cold, notices) = load_noting(&options(paths.clone(), Some(&cache)));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(cache_files(&cache).len(), 2, "one cache per file");
    let (warm, notices) = load_noting(&options(paths.clone(), Some(&cache)));
    assert!(notices.is_empty(), "{notices:?}");
    for t in [&cold, &warm] {
        assert_eq!(t.title, fresh.title);
        assert_eq!(t.as_of, fresh.as_of);
        assert_eq!(t.eras, fresh.eras);
        assert_eq!(t.warnings, fresh.warnings);
        assert_eq!(t.events.len(), fresh.events.len());
        for (x, y) in t.events.iter().zip(&fresh.events) {
            assert_eq!(x, y);
        }
        assert_eq!(t, &fresh);
    }
    // A cache is really read on the warm load: damage it and the load says so.
    for f in cache_files(&cache) {
        let mut bytes = std::fs::read(&f).unwrap();
        let at = bytes.len() / 2;
        bytes[at] ^= 0xff;
        std::fs::write(&f, bytes).unwrap();
    }
    let (damaged, notices) = load_noting(&options(paths, Some(&cache)));
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert_eq!(damaged, fresh);
}

#[test]
fn any_change_to_the_file_invalidates_its_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let path = big_file(dir.path(), "t.json", 3);
    let opts = options(vec![path.clone()], Some(&cache));
    let (before, _) = load_noting(&opts);
    assert!(before.find("odd").is_some());

    // Same size, same modification time, one letter different: only the content hash sees it.
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let json = std::fs::read_to_string(&path).unwrap();
    let changed = json.replacen("\"id\": \"odd\"", "\"id\": \"ode\"", 1);
    assert_eq!(changed.len(), json.len());
    std::fs::write(&path, &changed).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let (after, notices) = load_noting(&opts);
    assert!(
        notices.is_empty(),
        "a changed file is no damage: {notices:?}"
    );
    assert!(after.find("odd").is_none());
    assert!(after.find("ode").is_some());
    assert_eq!(
        after,
        load::load(&options(vec![path.clone()], None)).unwrap()
    );

    // A change of size (and time) too.
    std::fs::write(&path, changed.replacen("\"Odd ", "\"Odder ", 1)).unwrap();
    let (again, _) = load_noting(&opts);
    assert!(again.find("ode").unwrap().title.starts_with("Odder"));
    assert_eq!(cache_files(&cache).len(), 1, "the stale cache is replaced");
}

/// The key the cache file for `path` was made with.
fn cached_key(cache: &Path) -> bilateral::formats::cache::Key {
    let [entry] = cache_files(cache).try_into().unwrap();
    let len = std::fs::metadata(&entry).unwrap().len();
    let file = std::fs::File::open(&entry).unwrap();
    bilateral::formats::cache::Reader::open(std::io::BufReader::new(file), len)
        .unwrap()
        .1
}

#[test]
fn a_file_touched_but_not_changed_keeps_its_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let path = big_file(dir.path(), "t.json", 7);
    let opts = options(vec![path.clone()], Some(&cache));
    let (before, _) = load_noting(&opts);
    let first = cached_key(&cache);
    // A cache with the right key and a telltale title, to see whether the next load reads it.
    let [entry] = cache_files(&cache).try_into().unwrap();
    let mut marked =
        bilateral::formats::native::parse_str("t.json", &std::fs::read_to_string(&path).unwrap())
            .unwrap();
    marked.dataset.title = "From the cache".into();
    let mut out = std::fs::File::create(&entry).unwrap();
    bilateral::formats::cache::write(&mut out, &first, &marked, &|_| {}).unwrap();
    drop(out);
    // New times, same bytes (as `touch`, a copy or a checkout would leave it).
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let (after, notices) = load_noting(&opts);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(&*after.title, "From the cache", "the cache was used");
    assert_eq!(after.events, before.events);
    let renewed = cached_key(&cache);
    assert_eq!(renewed.hash, first.hash, "the same content");
    assert_ne!(
        renewed.modified, first.modified,
        "the key follows the file's new times"
    );
}

#[test]
fn a_truncated_or_foreign_cache_is_rebuilt_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let path = big_file(dir.path(), "t.json", 4);
    let opts = options(vec![path.clone()], Some(&cache));
    let (good, _) = load_noting(&opts);
    let [entry] = cache_files(&cache).try_into().unwrap();
    let whole = std::fs::read(&entry).unwrap();
    for (what, bytes) in [
        ("truncated", whole[..whole.len() / 3].to_vec()),
        ("empty", Vec::new()),
        ("foreign", b"{\"not\": \"a cache\"}".to_vec()),
    ] {
        std::fs::write(&entry, &bytes).unwrap();
        let (t, notices) = load_noting(&opts);
        assert_eq!(t, good, "{what}");
        assert_eq!(notices.len(), 1, "{what}: {notices:?}");
        assert!(notices[0].contains("t.json"), "{}", notices[0]);
        assert_eq!(
            std::fs::read(&entry).unwrap(),
            whole,
            "{what}: the cache is rebuilt"
        );
        let (_, notices) = load_noting(&opts);
        assert!(notices.is_empty(), "{what}: rebuilt once, then used");
    }
}

#[test]
fn the_command_line_uses_the_cache_and_no_cache_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let path = big_file(dir.path(), "t.json", 5);
    let run = |extra: &[&str]| {
        let mut args = vec!["search", "goyal", "--limit", "5", "--data"];
        let p = path.display().to_string();
        args.push(&p);
        args.extend(extra);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_bilateral"))
            .args(&args)
            .env("NO_COLOR", "1")
            .env("BILATERAL_CACHE_DIR", &cache)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        (text(&out.stdout), text(&out.stderr))
    };
    let (uncached, _) = run(&["--no-cache"]);
    assert!(cache_files(&cache).is_empty(), "--no-cache writes nothing");
    let (cold, _) = run(&[]);
    let [entry] = cache_files(&cache).try_into().unwrap();
    let (warm, err) = run(&[]);
    assert_eq!(cold, uncached);
    assert_eq!(warm, uncached);
    assert!(!err.contains("note"), "{err}");

    std::fs::write(&entry, b"garbage").unwrap();
    let (_, err) = run(&["--no-cache"]);
    assert!(
        !err.contains("note"),
        "--no-cache does not even look: {err}"
    );
    let (again, err) = run(&[]);
    assert_eq!(again, uncached);
    assert!(
        err.contains("bilateral: note: the load cache of") && err.contains("rebuilding"),
        "{err}"
    );
}

#[test]
fn a_cache_folder_that_cannot_be_written_is_only_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the folder should be: nothing can be written under it, even by root.
    let cache = dir.path().join("cache");
    std::fs::write(&cache, b"in the way").unwrap();
    let path = big_file(dir.path(), "t.json", 6);
    let (t, notices) = load_noting(&options(vec![path.clone()], Some(&cache)));
    assert_eq!(t, load::load(&options(vec![path], None)).unwrap());
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("could not keep"), "{}", notices[0]);
}

/// A large file is parsed as it is read; one with a mistake near its end is still reported at its
/// place, exactly as the careful reader reports it without the cache, and nothing is cached.
#[test]
fn a_large_file_with_a_late_mistake_is_reported_at_its_place_and_not_cached() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let path = big_file(dir.path(), "late.json", 6);
    let json = std::fs::read_to_string(&path).unwrap();
    let at = json.rfind("\"start\":\"").unwrap() + "\"start\":\"".len();
    let mut bad = json.clone();
    bad.replace_range(at..at + 4, "13th");
    std::fs::write(&path, &bad).unwrap();
    let line = bad[..at].matches('\n').count() + 1;
    let streamed = load::load(&options(vec![path.clone()], Some(&cache))).unwrap_err();
    let whole = load::load(&options(vec![path], None)).unwrap_err();
    assert_eq!(streamed.to_string(), whole.to_string());
    assert!(
        streamed.to_string().contains(&format!("late.json:{line}:")),
        "{streamed}"
    );
    assert!(
        cache_files(&cache).is_empty(),
        "an invalid file is never cached"
    );
}
