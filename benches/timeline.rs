//! `cargo bench --bench timeline`: speed and memory at 1k, 10k, 100k and 1M events.
//!
//! Prints one machine-readable line per measurement:
//! `bench <what> events=<n> key=value ...`. Each size runs in two child processes, so that each
//! peak memory (`rss_mb`, the process's high-water mark) is its own: the first parses the file
//! and writes the load cache (`phase=cold`), the second starts from the cache as a later run would
//! (`phase=warm`) and times searching, typing and drawing. Set `BENCH_SIZES=1000,10000` to run
//! fewer sizes. When `fzf` is installed, whole-process `bilateral search` (without and with the
//! cache) is timed against `fzf --filter` on the same records as text lines, in the same run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use bilateral::core::generate::{self, Spec};
use bilateral::core::search::{Query, SearchIndex};
use bilateral::store::load::{self, Options};
use bilateral::tui::browse::app::{Action, App};
use bilateral::tui::browse::view as ui;
use bilateral::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

// The same allocator as the binary, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: u64 = 42;
const QUERIES: &[&str] = &[
    "goyal",
    "misri kessler",
    "'semiconductors",
    "tag:energy from:2000",
    "^barack",
    "nuclear | climate",
    "zzzzqx",
];
const TYPED: &str = "misri kessler";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    for (flag, phase) in [("--cold", cold as fn(usize, &Path)), ("--warm", warm)] {
        if let Some(i) = args.iter().position(|a| a == flag) {
            let n: usize = args.get(i + 1).and_then(|s| s.parse().ok()).expect("size");
            let dir = PathBuf::from(args.get(i + 2).expect("folder"));
            phase(n, &dir);
            return;
        }
    }
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000, 1_000_000]);
    startup();
    let exe = std::env::current_exe().expect("bench binary");
    for n in sizes {
        let dir = std::env::temp_dir().join(format!("bilateral-bench-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        generate_file(n, &dir);
        for phase in ["--cold", "--warm"] {
            let status = Command::new(&exe)
                .args([phase, &n.to_string()])
                .arg(&dir)
                .status()
                .expect("child");
            assert!(status.success(), "size {n} {phase} failed");
        }
        compare_with_fzf(n, &dir);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

fn data_file(dir: &Path) -> PathBuf {
    dir.join("events.json")
}

fn cache_dir(dir: &Path) -> PathBuf {
    dir.join("cache")
}

fn file_mb(dir: &Path) -> f64 {
    std::fs::metadata(data_file(dir)).map_or(0, |m| m.len()) as f64 / (1 << 20) as f64
}

fn generate_file(n: usize, dir: &Path) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(data_file(dir)).expect("create"));
    generate::write(
        Spec {
            events: n,
            seed: SEED,
        },
        &mut out,
    )
    .expect("generate");
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// How many times to repeat a load at this size.
fn load_runs(n: usize) -> usize {
    if n >= 100_000 { 3 } else { 10 }
}

/// The first run on a file: parse it and keep it in the load cache, as `bilateral` does; then
/// the parse alone, without the cache.
fn cold(n: usize, dir: &Path) {
    let cached = Options {
        paths: vec![data_file(dir)],
        cache: Some(cache_dir(dir)),
        ..Options::default()
    };
    let t = Instant::now();
    let mut notices = Vec::new();
    let timeline = load::load_noting(&cached, &mut notices).expect("generated data loads");
    let first = t.elapsed();
    assert!(notices.is_empty(), "{notices:?}");
    drop(timeline);
    let rss = rss_mb();
    let uncached = Options {
        cache: None,
        ..cached
    };
    let mut samples = Vec::new();
    for _ in 0..load_runs(n) {
        let t = Instant::now();
        let timeline = load::load(&uncached).expect("generated data loads");
        samples.push(t.elapsed());
        drop(timeline);
    }
    let (p50, _, max) = stats(samples);
    let file_mb = file_mb(dir);
    println!(
        "bench load events={n} cache=cold ms={:.1} (parse, validate, sort, write the cache)",
        ms(first)
    );
    println!(
        "bench load events={n} cache=off ms_p50={p50:.1} ms_max={max:.1} file_mb={file_mb:.1}"
    );
    println!(
        "bench memory events={n} phase=cold rss_mb={rss:.1} file_mb={file_mb:.1} ratio={:.2}",
        rss / file_mb.max(0.001)
    );
}

/// p50 and max, in milliseconds.
fn stats(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| ms(samples[((samples.len() - 1) as f64 * q).round() as usize]);
    (
        at(0.5),
        at(0.99),
        ms(*samples.last().unwrap_or(&Duration::ZERO)),
    )
}

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn render(app: &App, terminal: &mut Terminal<TestBackend>, theme: &Theme) {
    terminal.draw(|f| ui::draw(f, app, theme)).expect("draw");
}

/// Built-in dataset: load, build the browser state, draw the first frame.
fn startup() {
    let theme = Theme::dark();
    let mut samples = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let timeline = load::load(&Options {
            builtin: true,
            paths: vec![],
            ..Default::default()
        })
        .expect("built-in");
        let mut app = App::new(timeline, None);
        app.update(Action::Resize(200, 60));
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
        render(&app, &mut terminal, &theme);
        samples.push(t.elapsed());
    }
    let (p50, _, max) = stats(samples);
    println!("bench startup builtin ms_p50={p50:.2} ms_max={max:.2}");
}

/// A later run: load from the cache (as the cold phase left it), draw the first frame, then
/// search, type and scroll.
fn warm(n: usize, dir: &Path) {
    let file_mb = file_mb(dir);
    let options = Options {
        paths: vec![data_file(dir)],
        cache: Some(cache_dir(dir)),
        ..Options::default()
    };
    let theme = Theme::dark();
    // Start to first frame, as the browser starts: load, prepare the browser, draw.
    let mut samples = Vec::new();
    let mut first_frames = Vec::new();
    let mut timeline = None;
    for _ in 0..load_runs(n) {
        drop(timeline.take());
        let t = Instant::now();
        let mut notices = Vec::new();
        let loaded = load::load_noting(&options, &mut notices).expect("generated data loads");
        assert!(notices.is_empty(), "{notices:?}");
        samples.push(t.elapsed());
        let mut app = App::new(loaded, None);
        app.update(Action::Resize(200, 60));
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
        render(&app, &mut terminal, &theme);
        first_frames.push(t.elapsed());
        timeline = Some(app.timeline);
    }
    let timeline = timeline.expect("loaded");
    // `ms_first` is the run a user waits for: a new process, whose memory is all fresh (the
    // kernel zeroes every page on first touch). Later runs in the same process reuse memory.
    let first = ms(samples[0]);
    let (p50, _, max) = stats(samples);
    println!(
        "bench load events={n} cache=warm ms_first={first:.1} ms_p50={p50:.1} ms_max={max:.1} file_mb={file_mb:.1}"
    );
    let first = ms(first_frames[0]);
    let (p50, _, max) = stats(first_frames);
    println!(
        "bench first_frame events={n} cache=warm ms_first={first:.1} ms_p50={p50:.1} ms_max={max:.1}"
    );

    // Search: every query, full ranked result (the browser) and top 50 (the CLI).
    let t = Instant::now();
    let index = SearchIndex::new(&timeline.events);
    println!(
        "bench index events={n} ms={:.1}",
        t.elapsed().as_secs_f64() * 1000.0
    );
    for q in QUERIES {
        let query = Query::parse(q);
        let reps = if n >= 1_000_000 { 3 } else { 10 };
        let mut full = Vec::new();
        let mut top = Vec::new();
        let mut found = 0;
        for _ in 0..reps {
            let t = Instant::now();
            found = index.search(&timeline.events, &query).len();
            full.push(t.elapsed());
            let t = Instant::now();
            std::hint::black_box(index.top(&timeline.events, &query, 50));
            top.push(t.elapsed());
        }
        let (p50, _, max) = stats(full);
        let (tp50, _, _) = stats(top);
        println!(
            "bench search events={n} query={q:?} hits={found} ms_p50={p50:.2} ms_max={max:.2} top50_ms_p50={tp50:.2}"
        );
    }
    // The browser has its own index: this one is the benchmark's, not the program's memory.
    drop(index);

    // Keystroke to frame: type a query one character at a time into the browser's state machine,
    // each followed by one frame at 200×60.
    let mut app = App::new(timeline, None);
    app.update(Action::Resize(200, 60));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    render(&app, &mut terminal, &theme);
    // `keys`: key to first frame; `blocks`: every stretch the UI is busy (a keystroke or a search
    // slice, each with its frame); `complete`: key to complete results.
    let mut keys = Vec::new();
    let mut blocks = Vec::new();
    let mut complete = Vec::new();
    let mut type_key = |app: &mut App, action: Action| {
        let t = Instant::now();
        app.update(action);
        render(app, &mut terminal, &theme);
        keys.push(t.elapsed());
        blocks.push(t.elapsed());
        while app.searching() {
            let s = Instant::now();
            app.update(Action::SearchStep);
            render(app, &mut terminal, &theme);
            blocks.push(s.elapsed());
        }
        complete.push(t.elapsed());
    };
    for _ in 0..if n >= 1_000_000 { 1 } else { 3 } {
        app.update(Action::OpenSearch);
        for c in TYPED.chars() {
            type_key(&mut app, Action::Input(c));
        }
        for _ in TYPED.chars() {
            type_key(&mut app, Action::Backspace);
        }
        app.update(Action::Cancel);
        while app.searching() {
            app.update(Action::SearchStep);
        }
    }
    let (p50, p99, max) = stats(keys);
    let (_, block_p99, block_max) = stats(blocks);
    let (c50, _, cmax) = stats(complete);
    println!(
        "bench keystroke events={n} ms_p50={p50:.2} ms_p99={p99:.2} ms_max={max:.2} ui_block_p99={block_p99:.2} ui_block_max={block_max:.2} complete_ms_p50={c50:.1} complete_ms_max={cmax:.1}"
    );

    // Frame with no input, and a scroll step.
    let mut frames = Vec::new();
    for i in 0..200 {
        let t = Instant::now();
        if i % 2 == 0 {
            app.update(Action::Down);
        }
        render(&app, &mut terminal, &theme);
        frames.push(t.elapsed());
    }
    let (p50, p99, max) = stats(frames);
    println!("bench frame events={n} ms_p50={p50:.3} ms_p99={p99:.3} ms_max={max:.3}");
    println!(
        "bench memory events={n} phase=warm rss_mb={:.1} file_mb={file_mb:.1} ratio={:.2}",
        rss_mb(),
        rss_mb() / file_mb.max(0.001)
    );
    drop(app);
}

/// The `bilateral` binary built beside this benchmark (`cargo build --release`), wherever the
/// target folder is.
fn binary() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("bilateral")))
        .filter(|p| p.exists())
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/bilateral")
        })
}

/// Whole-process `bilateral search`, parsing the file (`--no-cache`) and from the load cache,
/// against `fzf --filter` on the same records as text lines.
fn compare_with_fzf(n: usize, dir: &Path) {
    let file = &data_file(dir);
    let fzf_available = Command::new("fzf")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let bin = binary();
    if !bin.exists() {
        println!(
            "bench cli events={n} skipped=\"build target/release/bilateral first (cargo build --release)\""
        );
        return;
    }
    let lines = dir.join("events.txt");
    {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::fs::File::create(&lines).expect("create"));
        for e in generate::events(Spec {
            events: n,
            seed: SEED,
        }) {
            writeln!(
                out,
                "{}  {}  {}  {}  {}  {}",
                e.date_label(),
                e.title,
                e.kind.unwrap_or_default(),
                e.actors.join(", "),
                e.tags.join(" "),
                e.summary.unwrap_or_default()
            )
            .expect("write");
        }
    }
    for q in ["goyal", "misri kessler", "semiconductors"] {
        let time = |cmd: &mut Command| {
            let mut best = Duration::MAX;
            for _ in 0..if n >= 1_000_000 { 2 } else { 5 } {
                let t = Instant::now();
                let out = cmd.output().expect("run");
                assert!(out.status.success() || out.status.code() == Some(1));
                best = best.min(t.elapsed());
            }
            best.as_secs_f64() * 1000.0
        };
        let search = |cache: bool| {
            let mut c = Command::new(&bin);
            c.args(["search", q, "--no-builtin", "--limit", "50", "--data"])
                .arg(file)
                .env("BILATERAL_CACHE_DIR", cache_dir(dir));
            if !cache {
                c.arg("--no-cache");
            }
            c
        };
        let cold = time(&mut search(false));
        // The cold phase left the cache in place: every run here reads it.
        let warm = time(&mut search(true));
        let theirs = if fzf_available {
            let stdin = || std::fs::File::open(&lines).expect("lines");
            let mut samples = Vec::new();
            for _ in 0..if n >= 1_000_000 { 2 } else { 5 } {
                let t = Instant::now();
                let out = Command::new("fzf")
                    .args(["--filter", q])
                    .stdin(stdin())
                    .output()
                    .expect("fzf");
                std::hint::black_box(out);
                samples.push(t.elapsed());
            }
            format!(
                "{:.1}",
                samples
                    .iter()
                    .min()
                    .unwrap_or(&Duration::ZERO)
                    .as_secs_f64()
                    * 1000.0
            )
        } else {
            "not-installed".to_string()
        };
        println!(
            "bench cli events={n} query={q:?} bilateral_cold_ms={cold:.1} bilateral_warm_ms={warm:.1} fzf_ms={theirs}"
        );
    }
}
