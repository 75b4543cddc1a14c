//! The article ingester on the seed article: the events it must propose, its precision and recall
//! against a hand-made list of the article's date expressions, and the `ingest` command end to end.

mod common;
use common::{bilateral_in, root, text};

use bilateral::core::ingest::{self, Article, expressions};
use bilateral::core::model::{Date, Event, Status};
use serde::Deserialize;

const SEED: &str = "seeds/000_56f848f0625d842c.txt";

fn seed_article() -> Article {
    let text = std::fs::read_to_string(root().join(SEED)).unwrap();
    Article::parse(SEED, &text, None).unwrap()
}

fn builtin() -> Vec<Event> {
    common::builtin().events
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// The one draft read from `expression`.
fn drafted<'a>(events: &'a [Event], expression: &str) -> &'a Event {
    let found: Vec<&Event> = events
        .iter()
        .filter(|e| e.draft.as_ref().is_some_and(|d| d.expression == expression))
        .collect();
    assert_eq!(found.len(), 1, "one draft from {expression:?}: {found:#?}");
    found[0]
}

#[test]
fn the_seed_article_proposes_its_events_with_correct_dates() {
    let article = seed_article();
    assert_eq!(article.dateline.to_string(), "2025-05-28");
    let events = ingest::draft_events(&article, &builtin());

    let meeting = drafted(&events, "On Tuesday");
    assert_eq!((meeting.start, meeting.end), (date("2025-05-27"), None));
    assert!(meeting.actors.contains(&"Vikram Misri".into()));
    assert!(meeting.actors.contains(&"Jeffrey Kessler".into()));
    assert_eq!(meeting.status, Some(Status::Happened));

    let visit = drafted(&events, "from May 27 to May 29");
    assert_eq!(
        (visit.start, visit.end),
        (date("2025-05-27"), Some(date("2025-05-29")))
    );
    assert!(visit.actors.contains(&"Vikram Misri".into()));

    let modi = drafted(&events, "in February");
    assert_eq!(
        (modi.start, modi.end, modi.circa),
        (date("2025-02"), None, false)
    );
    assert!(modi.title.contains("Modi"), "{}", modi.title);
    assert!(modi.actors.contains(&"Narendra Modi".into()));

    let deadline = drafted(&events, "until July 9");
    assert_eq!(deadline.start, date("2025-07-09"));
    assert_eq!(deadline.status, Some(Status::Scheduled));
    assert!(deadline.title.starts_with("Deadline"), "{}", deadline.title);

    let goyal = drafted(&events, "last week");
    assert_eq!(
        (goyal.start, goyal.end, goyal.circa),
        (date("2025-05-19"), Some(date("2025-05-25")), true)
    );
    assert!(goyal.actors.contains(&"Piyush Goyal".into()));

    let officials = drafted(&events, "in the coming weeks");
    assert_eq!(officials.status, Some(Status::Expected));
    // One visit on some day of the window, not a stay lasting all of it.
    assert_eq!(officials.extent, bilateral::core::model::Extent::OneDayIn);
    assert_eq!(officials.date_label(), "between 29 May and 25 Jun 2025");
    assert!(officials.start > date("2025-05-28"));
    assert!(officials.title.contains("officials"), "{}", officials.title);

    for e in &events {
        let d = e.draft.as_ref().unwrap();
        for not_a_date in ["2025–26", "26%", "6.2", "30 basis"] {
            assert!(!d.expression.contains(not_a_date), "{e:#?}");
        }
        let quote = e.sources[0].quote.as_deref().unwrap();
        assert!(
            article.text.contains(quote),
            "the quote is verbatim from the article: {quote}"
        );
        assert_eq!(e.sources[0].file.as_deref(), Some(SEED));
        assert_eq!(e.sources[0].published, Some(date("2025-05-28")));
    }
}

#[derive(Deserialize)]
struct Gold {
    dateline: String,
    expressions: Vec<GoldExpression>,
    not_dates: Vec<String>,
}

#[derive(Deserialize)]
struct GoldExpression {
    sentence: String,
    text: String,
    start: String,
    end: Option<String>,
    circa: bool,
    status: String,
}

/// Found-and-correctly-normalised expressions against the hand-made list: precision over what was
/// found, recall over the list. Each listed expression can be claimed once, so proposing the same
/// expression twice (say, from a repeated lede) costs precision.
#[test]
fn precision_and_recall_on_the_seed_article() {
    let path = root().join("tests/fixtures/ingest/seed-expressions.json");
    let gold: Gold = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let article = seed_article();
    assert_eq!(article.dateline.to_string(), gold.dateline);

    let mut found = Vec::new();
    for sentence in article.sentences() {
        for e in expressions::find(&sentence, article.dateline) {
            found.push((sentence.clone(), e));
        }
    }
    let mut claimed = vec![false; gold.expressions.len()];
    let mut correct = 0;
    let mut wrong = Vec::new();
    for (sentence, e) in &found {
        let text = e.text.to_lowercase();
        let listed = gold.expressions.iter().enumerate().find(|(i, g)| {
            let g_text = g.text.to_lowercase();
            !claimed[*i]
                && sentence.contains(&g.sentence)
                && (text.contains(&g_text) || g_text.contains(&text))
        });
        let reading = (
            e.start.to_string(),
            e.end.map(|d| d.to_string()),
            e.circa,
            e.status.as_str().to_string(),
        );
        match listed {
            Some((i, g))
                if reading == (g.start.clone(), g.end.clone(), g.circa, g.status.clone()) =>
            {
                claimed[i] = true;
                correct += 1;
            }
            Some((_, g)) => wrong.push(format!(
                "{:?} read as {reading:?}, listed as {} {:?}",
                e.text, g.start, g.end
            )),
            None => wrong.push(format!("{:?} in {sentence:?} is not in the list", e.text)),
        }
        for not_a_date in &gold.not_dates {
            let at = sentence.find(not_a_date.as_str());
            let overlaps =
                at.is_some_and(|a| a < e.span.end && e.span.start < a + not_a_date.len());
            assert!(
                !overlaps,
                "{:?} overlaps the non-date {not_a_date:?}",
                e.text
            );
        }
    }
    let missed: Vec<&str> = gold
        .expressions
        .iter()
        .zip(&claimed)
        .filter(|(_, c)| !**c)
        .map(|(g, _)| g.text.as_str())
        .collect();
    let precision = correct as f64 / found.len().max(1) as f64;
    let recall = correct as f64 / gold.expressions.len() as f64;
    eprintln!(
        "seed article: {correct} correct of {} found and {} listed: precision {precision:.2}, \
         recall {recall:.2}; wrong: {wrong:?}; missed: {missed:?}",
        found.len(),
        gold.expressions.len()
    );
    assert!(
        precision >= 0.9,
        "precision {precision:.2}; wrong: {wrong:#?}"
    );
    assert!(recall >= 0.9, "recall {recall:.2}; missed: {missed:?}");
}

#[test]
fn ingest_writes_drafts_that_validate_and_load_with_data() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join(SEED);
    let seed = seed.to_str().unwrap();

    let out = bilateral_in(dir.path(), &["ingest", seed, "--out", "drafts.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("bilateral review drafts.json"));

    let out = bilateral_in(dir.path(), &["validate", "drafts.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("ok: 9 events"),
        "{}",
        text(&out.stdout)
    );

    // Drafts load beside the built-in dataset: no id collides.
    let out = bilateral_in(
        dir.path(),
        &[
            "list",
            "--data",
            "drafts.json",
            "--from",
            "2025-05-27",
            "--until",
            "2025-05-27",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("draft-2025-05-27-"),
        "{}",
        text(&out.stdout)
    );

    // Never over an existing file without --force.
    let before = std::fs::read(dir.path().join("drafts.json")).unwrap();
    let out = bilateral_in(dir.path(), &["ingest", seed, "--out", "drafts.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--force"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read(dir.path().join("drafts.json")).unwrap(),
        before
    );
    let out = bilateral_in(
        dir.path(),
        &["ingest", seed, "--out", "drafts.json", "--force"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    // Without --out the drafts go to standard output, in the same form.
    let out = bilateral_in(dir.path(), &["ingest", seed]);
    assert!(out.status.success());
    assert_eq!(
        out.stdout,
        std::fs::read(dir.path().join("drafts.json")).unwrap()
    );
}

#[test]
fn ingest_needs_a_dateline_and_says_how_to_give_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "On Tuesday, the ministers met in Delhi.\n",
    )
    .unwrap();
    let out = bilateral_in(dir.path(), &["ingest", "a.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("no dateline") && err.contains("--dateline"),
        "{err}"
    );

    let out = bilateral_in(dir.path(), &["ingest", "a.txt", "--dateline", "2025-01-02"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json = text(&out.stdout);
    assert!(
        json.contains(r#""start": "2024-12-31""#),
        "Tuesday before Thursday 2 January: {json}"
    );
}

/// Any piece of a real sentence, cut between words or anywhere inside a date expression, reads
/// without panicking and drafts a one-line title.
#[test]
fn truncated_sentences_never_panic() {
    let article = seed_article();
    for sentence in article.sentences() {
        let spans: Vec<_> = expressions::find(&sentence, article.dateline)
            .into_iter()
            .map(|e| e.span)
            .collect();
        let cuts = sentence.char_indices().map(|(i, _)| i).filter(|&i| {
            sentence[i..].starts_with(' ') || spans.iter().any(|s| s.start <= i && i <= s.end)
        });
        for cut in cuts {
            let text = format!("date 2025-01-01 {}", &sentence[..cut]);
            let article = Article::parse("x.txt", &text, None).unwrap();
            for e in ingest::draft_events(&article, &[]) {
                assert!(
                    !e.title.trim().is_empty() && !e.title.contains('\n'),
                    "{e:#?}"
                );
            }
        }
    }
}

/// Datelines at the ends of chrono's calendar are refused with a message (they made the date
/// arithmetic panic, exit 101), and one near the end of year 9999 gives drafts that load.
#[test]
fn datelines_at_the_ends_of_the_calendar_are_refused_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "On Tuesday they met. Last week they met. Next month they meet. In the coming months \
         they will meet again. Yesterday they spoke.",
    )
    .unwrap();
    for edge in ["-262143-01-01", "262142-12-31"] {
        let o = bilateral_in(
            dir.path(),
            &[
                "--no-builtin",
                "ingest",
                "a.txt",
                &format!("--dateline={edge}"),
            ],
        );
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{edge}: {err}");
        assert!(err.contains("not in the years 1 to 9999"), "{err}");
    }
    for edge in ["9999-12-31", "0001-01-01"] {
        let o = bilateral_in(
            dir.path(),
            &[
                "--no-builtin",
                "ingest",
                "a.txt",
                &format!("--dateline={edge}"),
            ],
        );
        assert!(o.status.success(), "{edge}: {}", text(&o.stderr));
    }
}
