//! Reviewing draft events: the review screen's state, the only place it changes, and writing the
//! outcome to a timeline file.
//!
//! Every key becomes a [`ReviewAction`] and [`ReviewState::update`] applies it; rendering
//! (`ui::review`) only reads the state. Writing is the one effect: `update` asks for it by returning
//! [`Effect::Write`], the caller runs [`write_into`] and reports back with
//! [`ReviewAction::Written`], so the state stays free of files and terminals.
//!
//! A reviewer accepts a draft (it becomes an ordinary event, its `draft-` id prefix dropped), edits
//! its title or date first, rejects it, or merges it into an event that overlaps it in time, which
//! gives that event the draft's source. Merge targets are the events of the file being written and
//! the drafts accepted in this session: those are the events a write can change.

use std::collections::HashSet;

use ratatui::layout::Rect;

use crate::core::model::{Date, Event, validate};
use crate::core::sanitize;
pub use crate::store::append::{Plan, ReviewError, WriteReport, write_into};
use crate::tui::browse::app::delete_word;
use crate::tui::review::layout;

/// What a reviewer decided about one draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Pending,
    Accepted,
    Rejected,
    /// Merged into the event with this id.
    Merged(String),
}

/// One draft under review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The draft as edited so far; once accepted, its id is the one it will be written under.
    pub event: Event,
    pub decision: Decision,
    /// Already written to the target file; it can no longer change.
    pub written: bool,
    /// Ids of loaded events that overlap this draft in time and share an actor: likely duplicates.
    pub similar: Vec<String>,
}

/// What has the keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Browse,
    EditTitle,
    EditDate,
    /// Choosing a merge target from `merge_choices`.
    Merge,
    /// The `?` overlay: every key, from the key table.
    Help,
}

/// Everything the reviewer can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewAction {
    Up,
    Down,
    First,
    Last,
    Accept,
    Reject,
    EditTitle,
    EditDate,
    ToggleCirca,
    Merge,
    Write,
    Quit,
    /// `?`: show the keys; any key closes them.
    ToggleHelp,
    /// Text typed into an editor.
    Input(char),
    Backspace,
    ClearInput,
    /// Ctrl-W: delete the word before the cursor.
    DeleteWord,
    /// Enter: confirm an editor or a merge choice.
    Confirm,
    /// Esc: leave an editor or the merge list without change.
    Cancel,
    /// The outcome of an [`Effect::Write`]: a summary, or why it failed.
    Written(Result<WriteReport, String>),
    /// Ctrl-Z: the runtime suspends; the state does not change.
    Suspend,
    /// The terminal's size, so a click can be matched to the draft under it.
    Resize(u16, u16),
    /// A click: on a draft in the list, it selects it.
    Click {
        column: u16,
        row: u16,
    },
    /// The wheel: moves through the drafts (negative: up).
    Scroll(i8),
}

/// Work `update` asks its caller to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write this plan to the target file with [`write_into`].
    Write(Plan),
}

/// A line of feedback until the next action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone)]
pub struct ReviewState {
    /// The drafts file, as named in messages.
    pub file: String,
    /// The file accepted events go to, as named in messages; `None` when none was given.
    pub into: Option<String>,
    pub items: Vec<Item>,
    pub selected: usize,
    pub mode: Mode,
    /// The editor's text.
    pub input: String,
    /// Why the editor's text was refused; the editor stays open.
    pub input_error: Option<String>,
    /// Events of the target file: merge targets.
    pub targets: Vec<Event>,
    /// In `Mode::Merge`, the ids offered, and which one is selected.
    pub merge_choices: Vec<String>,
    pub merge_selected: usize,
    pub message: Option<Message>,
    /// Set by a first `q` with unwritten decisions; a second `q` quits.
    confirm_quit: bool,
    pub should_quit: bool,
    /// The terminal's size, as last told: where the list is, for clicks.
    pub size: Rect,
    /// Every id in use: the target file's, the loaded timelines', and every draft's.
    taken: HashSet<String>,
}

impl ReviewState {
    /// `drafts` to review; `targets`, the events of the file to write (merge targets); `known`,
    /// every loaded event (for duplicate hints and unique ids).
    pub fn new(
        file: impl Into<String>,
        into: Option<String>,
        drafts: Vec<Event>,
        targets: Vec<Event>,
        known: &[Event],
    ) -> ReviewState {
        let mut taken: HashSet<String> = known.iter().map(|e| e.id.to_string()).collect();
        taken.extend(targets.iter().map(|e| e.id.to_string()));
        taken.extend(drafts.iter().map(|e| e.id.to_string()));
        let items = drafts
            .into_iter()
            .map(|event| {
                let similar = similar(&event, known.iter().chain(&targets));
                Item {
                    event,
                    decision: Decision::Pending,
                    written: false,
                    similar,
                }
            })
            .collect();
        // File names are shown in the title and in messages: made safe like event text.
        let safe = |name: String| sanitize::line(&name).into_owned();
        ReviewState {
            file: safe(file.into()),
            into: into.map(safe),
            items,
            selected: 0,
            mode: Mode::Browse,
            input: String::new(),
            input_error: None,
            targets,
            merge_choices: Vec::new(),
            merge_selected: 0,
            message: None,
            confirm_quit: false,
            should_quit: false,
            size: Rect::default(),
            taken,
        }
    }

    pub fn current(&self) -> Option<&Item> {
        self.items.get(self.selected)
    }

    /// How many drafts have each decision: pending, accepted, merged, rejected.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for item in &self.items {
            match item.decision {
                Decision::Pending => c.0 += 1,
                Decision::Accepted => c.1 += 1,
                Decision::Merged(_) => c.2 += 1,
                Decision::Rejected => c.3 += 1,
            }
        }
        c
    }

    /// Accepted or merged drafts not yet written.
    pub fn unwritten(&self) -> usize {
        self.items
            .iter()
            .filter(|i| {
                !i.written && matches!(i.decision, Decision::Accepted | Decision::Merged(_))
            })
            .count()
    }

    /// An event that a merge can name: a target-file event or an accepted draft.
    pub fn merge_target(&self, id: &str) -> Option<&Event> {
        self.targets.iter().find(|e| &*e.id == id).or_else(|| {
            self.items
                .iter()
                .find(|i| i.decision == Decision::Accepted && &*i.event.id == id)
                .map(|i| &i.event)
        })
    }

    pub fn update(&mut self, action: ReviewAction) -> Option<Effect> {
        if !matches!(action, ReviewAction::Quit) {
            self.confirm_quit = false;
        }
        if !matches!(
            action,
            ReviewAction::Input(_)
                | ReviewAction::Backspace
                | ReviewAction::Resize(..)
                | ReviewAction::Suspend
        ) {
            self.message = None;
        }
        match (&self.mode, action) {
            (_, ReviewAction::Written(result)) => self.written(result),
            (_, ReviewAction::Suspend) => {}
            (_, ReviewAction::Resize(w, h)) => self.size = Rect::new(0, 0, w, h),
            (_, ReviewAction::Quit) => {
                self.mode = Mode::Browse;
                self.quit();
            }
            (Mode::Help, _) => self.mode = Mode::Browse,
            (Mode::Browse, ReviewAction::ToggleHelp) => self.mode = Mode::Help,
            (Mode::EditTitle | Mode::EditDate, ReviewAction::Input(c)) => {
                self.input.push(c);
                self.input_error = None;
            }
            (Mode::EditTitle | Mode::EditDate, ReviewAction::Backspace) => {
                self.input.pop();
                self.input_error = None;
            }
            (Mode::EditTitle | Mode::EditDate, ReviewAction::ClearInput) => self.input.clear(),
            (Mode::EditTitle | Mode::EditDate, ReviewAction::DeleteWord) => {
                delete_word(&mut self.input);
                self.input_error = None;
            }
            (Mode::EditTitle, ReviewAction::Confirm) => self.confirm_title(),
            (Mode::EditDate, ReviewAction::Confirm) => self.confirm_date(),
            (Mode::EditTitle | Mode::EditDate | Mode::Merge, ReviewAction::Cancel) => {
                self.mode = Mode::Browse;
                self.input_error = None;
            }
            (Mode::EditTitle | Mode::EditDate, _) => {}
            (Mode::Merge, ReviewAction::Up) => {
                self.merge_selected = self.merge_selected.saturating_sub(1)
            }
            (Mode::Merge, ReviewAction::Down) => {
                self.merge_selected =
                    (self.merge_selected + 1).min(self.merge_choices.len().saturating_sub(1))
            }
            (Mode::Merge, ReviewAction::Confirm) => self.confirm_merge(),
            (Mode::Merge, _) => {}
            (Mode::Browse, ReviewAction::Up) => self.selected = self.selected.saturating_sub(1),
            (Mode::Browse, ReviewAction::Down) => {
                self.selected = (self.selected + 1).min(self.items.len().saturating_sub(1))
            }
            (Mode::Browse, ReviewAction::First) => self.selected = 0,
            (Mode::Browse, ReviewAction::Last) => {
                self.selected = self.items.len().saturating_sub(1)
            }
            (Mode::Browse, ReviewAction::Click { column, row }) => {
                if let Some(i) = layout::draft_at(self.size, self.selected, column, row)
                    && i < self.items.len()
                {
                    self.selected = i;
                }
            }
            (Mode::Browse, ReviewAction::Scroll(by)) => {
                let last = self.items.len().saturating_sub(1);
                self.selected = self
                    .selected
                    .saturating_add_signed(isize::from(by))
                    .min(last);
            }
            (Mode::Browse, ReviewAction::Accept) => self.decide(Decision::Accepted),
            (Mode::Browse, ReviewAction::Reject) => self.decide(Decision::Rejected),
            (Mode::Browse, ReviewAction::EditTitle) => {
                if let Some(title) = self.editable().map(|e| e.title.clone()) {
                    self.input = title.to_string();
                    self.mode = Mode::EditTitle;
                }
            }
            (Mode::Browse, ReviewAction::EditDate) => {
                if let Some(text) = self.editable().map(date_text) {
                    self.input = text;
                    self.mode = Mode::EditDate;
                }
            }
            (Mode::Browse, ReviewAction::ToggleCirca) => {
                let item = self.editable_index().and_then(|i| self.items.get_mut(i));
                if let Some(item) = item {
                    edit(&mut item.event, |e| e.circa = !e.circa);
                }
            }
            (Mode::Browse, ReviewAction::Merge) => self.open_merge(),
            (Mode::Browse, ReviewAction::Write) => return self.write(),
            (Mode::Browse, ReviewAction::Cancel) => self.quit(),
            (Mode::Browse, _) => {}
        }
        None
    }

    fn say(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }

    /// The selected draft's index, unless it is already written (then it says so).
    fn editable_index(&mut self) -> Option<usize> {
        let item = self.items.get(self.selected)?;
        if item.written {
            let into = self.into.clone().unwrap_or_default();
            self.say(
                format!("Already written to {into}; it can no longer change"),
                true,
            );
            return None;
        }
        Some(self.selected)
    }

    fn editable(&mut self) -> Option<&Event> {
        let i = self.editable_index()?;
        self.items.get(i).map(|item| &item.event)
    }

    fn decide(&mut self, decision: Decision) {
        let Some(i) = self.editable_index() else {
            return;
        };
        if decision != Decision::Accepted && self.is_merge_target(i) {
            self.say(
                "Other drafts are merged into this one; reject or re-decide those first",
                true,
            );
            return;
        }
        if decision == Decision::Accepted && self.items[i].decision != Decision::Accepted {
            let id = self.final_id(&self.items[i].event.id);
            self.taken.insert(id.clone());
            edit(&mut self.items[i].event, |e| e.id = id.into());
        }
        self.items[i].decision = decision;
        self.advance();
    }

    fn is_merge_target(&self, i: usize) -> bool {
        let id = &self.items[i].event.id;
        self.items[i].decision == Decision::Accepted
            && self
                .items
                .iter()
                .any(|other| other.decision == Decision::Merged(id.to_string()))
    }

    /// The id an accepted draft is written under: without `draft-`, and unused.
    fn final_id(&self, draft_id: &str) -> String {
        let base = draft_id.strip_prefix("draft-").unwrap_or(draft_id);
        let mut id = base.to_string();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// Moves to the next draft, so deciding a run of drafts is one key each.
    fn advance(&mut self) {
        if self.selected + 1 < self.items.len() {
            self.selected += 1;
        }
    }

    fn confirm_title(&mut self) {
        let title = self.input.trim().to_string();
        if title.is_empty() {
            self.input_error = Some("a title must not be empty".into());
            return;
        }
        if let Some(item) = self.items.get_mut(self.selected) {
            edit(&mut item.event, |e| e.title = title.into());
        }
        self.mode = Mode::Browse;
    }

    fn confirm_date(&mut self) {
        match parse_range(&self.input) {
            Ok((start, end)) => {
                if let Some(item) = self.items.get_mut(self.selected) {
                    edit(&mut item.event, |e| {
                        e.start = start;
                        e.end = end;
                    });
                }
                self.mode = Mode::Browse;
                self.input_error = None;
            }
            Err(e) => self.input_error = Some(e),
        }
    }

    fn open_merge(&mut self) {
        let Some(i) = self.editable_index() else {
            return;
        };
        if self.is_merge_target(i) {
            self.say(
                "Other drafts are merged into this one; it must stay accepted",
                true,
            );
            return;
        }
        let draft = &self.items[i].event;
        let accepted = self
            .items
            .iter()
            .enumerate()
            .filter(|(j, item)| *j != i && item.decision == Decision::Accepted)
            .map(|(_, item)| &item.event);
        let mut choices: Vec<&Event> = self
            .targets
            .iter()
            .chain(accepted)
            .filter(|e| overlaps(e, draft))
            .collect();
        choices.sort_by(|a, b| a.timeline_cmp(b));
        if choices.is_empty() {
            let text = format!(
                "No event overlapping {} to merge into (events of {} and accepted drafts)",
                draft.date_label(),
                self.into.as_deref().unwrap_or("the --into file")
            );
            self.say(text, true);
            return;
        }
        self.merge_choices = choices.into_iter().map(|e| e.id.to_string()).collect();
        self.merge_selected = 0;
        self.mode = Mode::Merge;
    }

    fn confirm_merge(&mut self) {
        let Some(target) = self.merge_choices.get(self.merge_selected).cloned() else {
            self.mode = Mode::Browse;
            return;
        };
        self.mode = Mode::Browse;
        if let Some(item) = self.items.get_mut(self.selected) {
            item.decision = Decision::Merged(target.clone());
        }
        self.say(format!("Merged into {target}"), false);
        self.advance();
    }

    fn write(&mut self) -> Option<Effect> {
        if self.into.is_none() {
            self.say(
                "No file to write to: start again with `bilateral review FILE --into TIMELINE.json`",
                true,
            );
            return None;
        }
        let plan = self.plan();
        if plan.items.is_empty() {
            self.say(
                "Nothing new to write: accept (a) or merge (m) drafts first",
                true,
            );
            return None;
        }
        Some(Effect::Write(plan))
    }

    /// The unwritten accepted drafts and merges.
    pub fn plan(&self) -> Plan {
        let mut plan = Plan::default();
        for (i, item) in self.items.iter().enumerate() {
            if item.written {
                continue;
            }
            match &item.decision {
                Decision::Accepted => {
                    let mut event = as_written(&item.event);
                    event.draft = None;
                    plan.accepted.push(event);
                    plan.items.push(i);
                }
                Decision::Merged(target) => {
                    for source in as_written(&item.event).sources {
                        plan.merges.push((target.clone(), source));
                    }
                    plan.items.push(i);
                }
                Decision::Pending | Decision::Rejected => {}
            }
        }
        plan
    }

    fn written(&mut self, result: Result<WriteReport, String>) {
        match result {
            Ok(report) => {
                for &i in &report.items {
                    if let Some(item) = self.items.get_mut(i) {
                        item.written = true;
                    }
                }
                let into = self.into.clone().unwrap_or_default();
                self.say(
                    format!(
                        "Wrote {} new event{} and {} merged source{} to {into}",
                        report.appended,
                        plural(report.appended),
                        report.merged,
                        plural(report.merged)
                    ),
                    false,
                );
            }
            Err(e) => self.say(format!("Not written: {e}"), true),
        }
    }

    fn quit(&mut self) {
        let unwritten = self.unwritten();
        if unwritten == 0 || self.confirm_quit {
            self.should_quit = true;
            return;
        }
        self.confirm_quit = true;
        self.say(
            format!(
                "{unwritten} decision{} not written: w writes, q again quits without writing",
                plural(unwritten)
            ),
            true,
        );
    }
}

/// The event as its file had it (before sanitising for display), without the copy.
fn as_written(e: &Event) -> Event {
    match &e.original {
        Some(original) => (**original).clone(),
        None => e.clone(),
    }
}

/// Changes an event as written and shows the result sanitised again, so an edit reaches the file
/// and the screen alike (a title typed with a control character is shown safely, written as typed).
fn edit(e: &mut Event, change: impl FnOnce(&mut Event)) {
    let mut written = as_written(e);
    change(&mut written);
    sanitize::event(&mut written);
    *e = written;
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "2025-05-27" or "2025-05-27..2025-05-29", as the date editor shows and reads it.
pub fn date_text(e: &Event) -> String {
    match &e.end {
        Some(end) => format!("{}..{end}", e.start),
        None => e.start.to_string(),
    }
}

/// Reads the date editor: `START` or `START..END`, each as `Date::parse` accepts.
pub fn parse_range(text: &str) -> Result<(Date, Option<Date>), String> {
    let text = text.trim();
    let (start, end) = match text.split_once("..") {
        Some((s, e)) => (s.trim(), Some(e.trim())),
        None => (text, None),
    };
    let start = Date::parse(start).map_err(|e| e.to_string())?;
    let end = match end {
        Some(e) => Some(Date::parse(e).map_err(|e| e.to_string())?),
        None => None,
    };
    if let Some(problem) = validate::span_problem(start, end) {
        return Err(problem);
    }
    match end {
        Some(e) if e == start => Ok((start, None)),
        _ => Ok((start, end)),
    }
}

/// Whether two events share at least one calendar day (or year, for dates beyond the calendar).
pub fn overlaps(a: &Event, b: &Event) -> bool {
    a.start.axis_days() < b.last().axis_days_end() && b.start.axis_days() < a.last().axis_days_end()
}

/// Ids of `events` that overlap `draft` and name one of its actors.
fn similar<'a>(draft: &Event, events: impl Iterator<Item = &'a Event>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in events {
        let shares_actor = e.actors.iter().any(|a| draft.actors.contains(a));
        if e.id != draft.id
            && shares_actor
            && overlaps(e, draft)
            && !out.iter().any(|id| *id == *e.id)
        {
            out.push(e.id.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Source;
    use crate::core::model::{Confidence, Draft, Status};

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn draft(id: &str, start: &str, actor: &str) -> Event {
        let mut e = Event::new(id, format!("Title of {id}"), date(start));
        e.status = Some(Status::Happened);
        e.actors = vec![actor.into()].into();
        e.sources = vec![Source {
            title: "Article a.txt".into(),
            file: Some("a.txt".into()),
            url: None,
            published: Some(date("2025-05-28")),
            quote: Some(format!("Quote for {id}.")),
        }]
        .into();
        e.draft = Some(Box::new(Draft {
            expression: "On Tuesday".into(),
            confidence: Confidence::clamped(0.8),
        }));
        e
    }

    fn state(targets: Vec<Event>) -> ReviewState {
        let drafts = vec![
            draft("draft-a", "2025-05-27", "Vikram Misri"),
            draft("draft-b", "2025-02", "Narendra Modi"),
            draft("draft-c", "2025-05-27", "Jeffrey Kessler"),
        ];
        ReviewState::new("drafts.json", Some("t.json".into()), drafts, targets, &[])
    }

    fn typed(s: &mut ReviewState, text: &str) {
        for c in text.chars() {
            s.update(ReviewAction::Input(c));
        }
    }

    #[test]
    fn deciding_moves_on_and_accepting_drops_the_draft_prefix() {
        let mut s = state(vec![]);
        s.update(ReviewAction::Accept);
        assert_eq!(s.items[0].decision, Decision::Accepted);
        assert_eq!(&*s.items[0].event.id, "a");
        assert_eq!(s.selected, 1);
        s.update(ReviewAction::Reject);
        assert_eq!(s.items[1].decision, Decision::Rejected);
        assert_eq!(s.selected, 2, "the cursor moves to the next draft");
        s.update(ReviewAction::Down);
        assert_eq!(s.selected, 2, "and stops at the last");
        assert_eq!(s.counts(), (1, 1, 0, 1));
    }

    #[test]
    fn editing_the_title_confirms_with_enter_and_cancels_with_esc() {
        let mut s = state(vec![]);
        s.update(ReviewAction::EditTitle);
        assert_eq!(s.mode, Mode::EditTitle);
        assert_eq!(s.input, "Title of draft-a");
        s.update(ReviewAction::ClearInput);
        typed(&mut s, "Misri meets Kessler");
        s.update(ReviewAction::Confirm);
        assert_eq!(s.mode, Mode::Browse);
        assert_eq!(&*s.items[0].event.title, "Misri meets Kessler");
        s.update(ReviewAction::EditTitle);
        typed(&mut s, " and more");
        s.update(ReviewAction::Cancel);
        assert_eq!(&*s.items[0].event.title, "Misri meets Kessler");
        s.update(ReviewAction::EditTitle);
        s.update(ReviewAction::ClearInput);
        s.update(ReviewAction::Confirm);
        assert_eq!(
            s.mode,
            Mode::EditTitle,
            "an empty title keeps the editor open"
        );
        assert!(s.input_error.is_some());
    }

    #[test]
    fn an_invalid_date_keeps_the_editor_with_an_error() {
        let mut s = state(vec![]);
        s.update(ReviewAction::EditDate);
        assert_eq!(s.input, "2025-05-27");
        s.update(ReviewAction::ClearInput);
        typed(&mut s, "2025-02-30");
        s.update(ReviewAction::Confirm);
        assert_eq!(s.mode, Mode::EditDate);
        assert!(
            s.input_error
                .as_deref()
                .unwrap()
                .contains("not a real calendar date")
        );
        s.update(ReviewAction::ClearInput);
        typed(&mut s, "2025-05-29..2025-05-27");
        s.update(ReviewAction::Confirm);
        assert!(s.input_error.as_deref().unwrap().contains("before start"));
        s.update(ReviewAction::ClearInput);
        typed(&mut s, "2025-05-27..2025-05-29");
        s.update(ReviewAction::Confirm);
        assert_eq!(s.mode, Mode::Browse);
        assert_eq!(date_text(&s.items[0].event), "2025-05-27..2025-05-29");
    }

    #[test]
    fn merge_offers_only_overlapping_events_and_records_the_choice() {
        let mut visit = Event::new("misri-visit", "Misri visits", date("2025-05-27"));
        visit.end = Some(date("2025-05-29"));
        let far = Event::new("later", "Later", date("2025-07-09"));
        let mut s = state(vec![visit, far]);
        s.update(ReviewAction::Accept); // draft-a becomes "a", also a merge target
        s.update(ReviewAction::Down); // draft-c
        s.update(ReviewAction::Merge);
        assert_eq!(s.mode, Mode::Merge);
        assert_eq!(s.merge_choices, ["a", "misri-visit"]);
        s.update(ReviewAction::Down);
        s.update(ReviewAction::Confirm);
        assert_eq!(s.items[2].decision, Decision::Merged("misri-visit".into()));
        s.selected = 1; // draft-b, in February: nothing overlaps
        s.update(ReviewAction::Merge);
        assert_eq!(s.mode, Mode::Browse);
        assert!(s.message.as_ref().unwrap().error);
    }

    #[test]
    fn writing_needs_a_file_and_something_to_write() {
        let mut s = ReviewState::new(
            "d.json",
            None,
            vec![draft("draft-a", "2025", "X")],
            vec![],
            &[],
        );
        s.update(ReviewAction::Accept);
        assert_eq!(s.update(ReviewAction::Write), None);
        assert!(s.message.as_ref().unwrap().text.contains("--into"));
        let mut s = state(vec![]);
        assert_eq!(s.update(ReviewAction::Write), None);
        assert!(s.message.as_ref().unwrap().text.contains("Nothing new"));
    }

    #[test]
    fn quitting_with_unwritten_decisions_asks_first() {
        let mut s = state(vec![]);
        s.update(ReviewAction::Accept);
        s.update(ReviewAction::Quit);
        assert!(!s.should_quit);
        assert!(s.message.as_ref().unwrap().text.contains("not written"));
        s.update(ReviewAction::Quit);
        assert!(s.should_quit);
    }

    #[test]
    fn write_appends_accepted_events_and_merges_sources_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("timeline.json");
        let existing = r#"{"title": "Mine", "events": [
            {"id": "misri-visit", "title": "Misri visits", "start": "2025-05-27", "end": "2025-05-29"}
        ]}"#;
        std::fs::write(&path, existing).unwrap();
        let targets = crate::store::load::read_path(&path)
            .unwrap()
            .remove(0)
            .dataset
            .events;
        let mut s = state(targets);
        s.update(ReviewAction::Accept); // a
        s.update(ReviewAction::Reject); // b
        s.update(ReviewAction::Merge); // offers "a" (accepted above), then misri-visit
        s.update(ReviewAction::Down);
        s.update(ReviewAction::Confirm); // c into misri-visit
        let Some(Effect::Write(plan)) = s.update(ReviewAction::Write) else {
            panic!("expected a write");
        };
        let report = write_into(&path, &plan, "unused").unwrap();
        assert_eq!((report.appended, report.merged), (1, 1));
        s.update(ReviewAction::Written(Ok(report)));
        assert_eq!(s.unwritten(), 0);
        assert!(s.items[0].written && s.items[2].written && !s.items[1].written);

        let written = crate::store::load::read_path(&path)
            .unwrap()
            .remove(0)
            .dataset;
        assert_eq!(&*written.title, "Mine");
        let ids: Vec<&str> = written.events.iter().map(|e| e.id.as_ref()).collect();
        assert_eq!(ids, ["misri-visit", "a"]);
        assert!(written.events.iter().all(|e| e.draft.is_none()));
        assert_eq!(
            written.events[0].sources[0].quote.as_deref(),
            Some("Quote for draft-c.")
        );
        // Written drafts cannot change, and writing again has nothing to do.
        s.selected = 0;
        s.update(ReviewAction::Reject);
        assert_eq!(s.items[0].decision, Decision::Accepted);
        assert_eq!(s.update(ReviewAction::Write), None);
    }

    #[test]
    fn write_creates_a_missing_file_and_refuses_a_broken_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.json");
        let mut s = state(vec![]);
        s.update(ReviewAction::Accept);
        let Some(Effect::Write(plan)) = s.update(ReviewAction::Write) else {
            panic!("expected a write");
        };
        write_into(&path, &plan, "Reviewed").unwrap();
        let written = crate::store::load::read_path(&path)
            .unwrap()
            .remove(0)
            .dataset;
        assert_eq!(&*written.title, "Reviewed");
        assert_eq!(written.events.len(), 1);

        std::fs::write(&path, "{ not json").unwrap();
        let err = write_into(&path, &plan, "Reviewed").unwrap_err();
        assert!(matches!(err, ReviewError::Load(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
    }

    #[test]
    fn file_names_are_made_safe_for_the_screen() {
        let s = ReviewState::new(
            "\u{1b}]0;PWNED\u{7}.json",
            Some("\u{1b}[2J.json".into()),
            vec![draft("draft-a", "2025-05-27", "Vikram Misri")],
            vec![],
            &[],
        );
        assert_eq!(s.file, "␛]0;PWNED␇.json");
        assert_eq!(s.into.as_deref(), Some("␛[2J.json"));
    }

    #[test]
    fn a_save_made_while_writing_is_kept_and_the_write_refused() {
        use crate::store::append::{commit, prepare};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("timeline.json");
        let theirs = |title: &str| {
            format!(
                r#"{{"title": "Mine", "events": [{{"id": "t", "title": "{title}", "start": "2025"}}]}}"#
            )
        };
        std::fs::write(&path, theirs("Their first")).unwrap();
        let mut s = state(vec![]);
        s.update(ReviewAction::Accept);
        let Some(Effect::Write(plan)) = s.update(ReviewAction::Write) else {
            panic!("expected a write");
        };
        // Someone saves between the read and the rename, keeping the size (only content differs).
        let prepared = prepare(&path, &plan, "unused").unwrap();
        std::fs::write(&path, theirs("Their later")).unwrap();
        let err = commit(prepared).unwrap_err();
        assert!(
            err.to_string().contains("changed since it was read"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            theirs("Their later")
        );
        s.update(ReviewAction::Written(Err(err.to_string())));
        assert_eq!(s.unwritten(), 1, "the decision waits to be written again");

        // Writing again builds on their save.
        let Some(Effect::Write(plan)) = s.update(ReviewAction::Write) else {
            panic!("expected a write");
        };
        write_into(&path, &plan, "unused").unwrap();
        let written = crate::store::load::read_path(&path)
            .unwrap()
            .remove(0)
            .dataset;
        let titles: Vec<&str> = written.events.iter().map(|e| e.title.as_ref()).collect();
        assert_eq!(titles[0], "Their later");
        assert_eq!(titles.len(), 2);
        // Someone creating the file meanwhile is not overwritten either.
        let fresh = dir.path().join("fresh.json");
        let prepared = prepare(&fresh, &plan, "Reviewed").unwrap();
        std::fs::write(&fresh, theirs("Created meanwhile")).unwrap();
        let err = commit(prepared).unwrap_err();
        assert!(
            err.to_string().contains("changed since it was read"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(&fresh).unwrap(),
            theirs("Created meanwhile")
        );
    }

    #[test]
    fn edits_keep_text_as_written_and_show_it_safely() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = dir.path().join("drafts.json");
        let text = r#"{"title": "d", "events": [{"id": "draft-x", "title": "Talks\u001b[2J", "start": "2025-05-27",
            "draft": {"expression": "On Tuesday", "confidence": 0.8}}]}"#;
        std::fs::write(&drafts, text).unwrap();
        let events = crate::store::load::read_path(&drafts)
            .unwrap()
            .remove(0)
            .dataset
            .events;
        assert!(!events[0].title.contains('\u{1b}'), "shown sanitised");
        let mut s = ReviewState::new("drafts.json", Some("t.json".into()), events, vec![], &[]);
        s.update(ReviewAction::EditDate);
        s.update(ReviewAction::ClearInput);
        typed(&mut s, "2025-05-26");
        s.update(ReviewAction::Confirm);
        s.update(ReviewAction::Accept);
        assert!(!s.items[0].event.title.contains('\u{1b}'));
        let Some(Effect::Write(plan)) = s.update(ReviewAction::Write) else {
            panic!("expected a write");
        };
        let path = dir.path().join("t.json");
        write_into(&path, &plan, "T").unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(
            written.contains(r"Talks\u001b[2J"),
            "written as it was, escaped: {written}"
        );
        assert!(written.contains(r#""start": "2025-05-26""#), "{written}");
        assert!(
            written.contains(r#""id": "x""#) && !written.contains("draft"),
            "{written}"
        );
    }

    #[test]
    fn drafts_that_overlap_a_known_event_with_a_shared_actor_are_flagged() {
        let mut known = Event::new("misri-visit", "Misri visits", date("2025-05-27"));
        known.end = Some(date("2025-05-29"));
        known.actors = vec!["Vikram Misri".into()].into();
        let drafts = vec![
            draft("draft-a", "2025-05-27", "Vikram Misri"),
            draft("draft-c", "2025-05-27", "Jeffrey Kessler"),
        ];
        let s = ReviewState::new("d.json", None, drafts, vec![], &[known]);
        assert_eq!(s.items[0].similar, ["misri-visit"]);
        assert!(s.items[1].similar.is_empty());
    }
}
