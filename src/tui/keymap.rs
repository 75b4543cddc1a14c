//! Key tables: each screen has one const table of bindings (chords, what they become, in which
//! modes, their help line and their footer hint), and its key lookup, its `?` help and its footer
//! are all built from that table here, so the three cannot disagree.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

/// A key or pointer gesture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chord {
    /// This key, whatever modifiers are held (Shift is part of an upper-case letter).
    Key(KeyCode),
    /// This letter with Control held.
    Ctrl(char),
    /// This key with Shift held.
    Shift(KeyCode),
    /// Any character typed without Control: text for an editor.
    Text,
    /// Any other key: used only when nothing more specific in the mode matches.
    AnyKey,
    /// A mouse button pressed.
    Click,
    WheelUp,
    WheelDown,
}

impl Chord {
    /// How specifically this chord matches `event`, if it does: a chord with a modifier beats the
    /// bare key, which beats any text, which beats any key. Lookup takes the most specific match,
    /// so the order of a table never decides what a key means.
    fn matches(self, event: &Event) -> Option<u8> {
        match (self, event) {
            (Chord::Click, Event::Mouse(m)) => {
                matches!(m.kind, MouseEventKind::Down(_)).then_some(3)
            }
            (Chord::WheelUp, Event::Mouse(m)) => (m.kind == MouseEventKind::ScrollUp).then_some(3),
            (Chord::WheelDown, Event::Mouse(m)) => {
                (m.kind == MouseEventKind::ScrollDown).then_some(3)
            }
            (_, Event::Key(key)) if key.kind != KeyEventKind::Release => self.matches_key(key),
            _ => None,
        }
    }

    fn matches_key(self, key: &KeyEvent) -> Option<u8> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        match self {
            Chord::Ctrl(c) => (ctrl && key.code == KeyCode::Char(c)).then_some(3),
            Chord::Shift(code) => (shift && key.code == code).then_some(3),
            Chord::Key(code) => (key.code == code).then_some(2),
            Chord::Text => matches!(key.code, KeyCode::Char(_) if !ctrl).then_some(1),
            Chord::AnyKey => Some(0),
            Chord::Click | Chord::WheelUp | Chord::WheelDown => None,
        }
    }
}

/// What a chord becomes.
#[derive(Debug, Clone)]
pub enum Bound<A: 'static> {
    Do(A),
    /// The typed character (for [`Chord::Text`]).
    Typed(fn(char) -> A),
    /// The pointer's column and row (for mouse chords).
    At(fn(u16, u16) -> A),
}

/// A line of the `?` help: in `group`, `keys` does `what`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Help {
    pub group: &'static str,
    pub keys: &'static str,
    pub what: &'static str,
}

/// A footer hint: `key` does `what`; hints are shown by `order`, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub order: u8,
    pub key: &'static str,
    pub what: &'static str,
}

/// One row of a key table.
#[derive(Debug, Clone)]
pub struct Binding<A: 'static, M: 'static> {
    /// The modes in which the chords mean this.
    pub modes: &'static [M],
    pub chords: &'static [(Chord, Bound<A>)],
    pub help: Option<Help>,
    pub footer: Option<Hint>,
}

/// `c` does `action`: the shorthand the tables are written in.
pub const fn key<A>(c: char, action: A) -> (Chord, Bound<A>) {
    (Chord::Key(KeyCode::Char(c)), Bound::Do(action))
}

/// The key `code` (an arrow, Enter, …) does `action`.
pub const fn code<A>(code: KeyCode, action: A) -> (Chord, Bound<A>) {
    (Chord::Key(code), Bound::Do(action))
}

/// Control and `c` does `action`.
pub const fn ctrl<A>(c: char, action: A) -> (Chord, Bound<A>) {
    (Chord::Ctrl(c), Bound::Do(action))
}

/// A help line.
pub const fn help(group: &'static str, keys: &'static str, what: &'static str) -> Option<Help> {
    Some(Help { group, keys, what })
}

/// A footer hint.
pub const fn hint(order: u8, key: &'static str, what: &'static str) -> Option<Hint> {
    Some(Hint { order, key, what })
}

/// One row as the functions below read it: a table's row, or a row the user rebound.
struct View<'a, A: 'static, M> {
    modes: &'a [M],
    chords: &'a [(Chord, Bound<A>)],
    /// Group, keys and description of the help line.
    help: Option<(&'a str, &'a str, &'a str)>,
    /// Order, keys and description of the footer hint.
    footer: Option<(u8, &'a str, &'a str)>,
}

impl<A, M> Binding<A, M> {
    fn view(&self) -> View<'_, A, M> {
        View {
            modes: self.modes,
            chords: self.chords,
            help: self.help.map(|h| (h.group, h.keys, h.what)),
            footer: self.footer.map(|h| (h.order, h.key, h.what)),
        }
    }
}

/// What `event` means in `mode` by `table`, if anything: the most specific matching chord.
pub fn lookup<A: Clone, M: PartialEq>(
    table: &[Binding<A, M>],
    event: &Event,
    mode: &M,
) -> Option<A> {
    lookup_in(table.iter().map(Binding::view), event, mode)
}

fn lookup_in<'a, A: Clone + 'static, M: PartialEq + 'a>(
    rows: impl Iterator<Item = View<'a, A, M>>,
    event: &Event,
    mode: &M,
) -> Option<A> {
    let mut best: Option<(u8, &Bound<A>)> = None;
    for row in rows.filter(|r| r.modes.contains(mode)) {
        for (chord, bound) in row.chords {
            if let Some(rank) = chord.matches(event)
                && best.is_none_or(|(r, _)| rank > r)
            {
                best = Some((rank, bound));
            }
        }
    }
    let (_, bound) = best?;
    Some(match (bound, event) {
        (Bound::Do(a), _) => a.clone(),
        (
            Bound::Typed(f),
            Event::Key(KeyEvent {
                code: KeyCode::Char(c),
                ..
            }),
        ) => f(*c),
        (Bound::At(f), Event::Mouse(m)) => f(m.column, m.row),
        // A table that binds text or a position to a chord that has none: nothing to make.
        _ => return None,
    })
}

/// Lines of a help group: keys and what they do.
pub type HelpLines<'a> = Vec<(&'a str, &'a str)>;

/// The help, by group in the order groups first appear in `table`: each group's lines from the
/// table, then its `notes` (lines about something other than keys, like the search syntax).
pub fn help_groups<A, M>(
    table: &'static [Binding<A, M>],
    notes: &[(&'static str, &'static [(&'static str, &'static str)])],
) -> Vec<(&'static str, HelpLines<'static>)> {
    help_groups_in(table.iter().map(Binding::view), notes)
}

fn help_groups_in<'a, A: 'static, M: 'a>(
    rows: impl Iterator<Item = View<'a, A, M>>,
    notes: &[(&'static str, &'static [(&'static str, &'static str)])],
) -> Vec<(&'a str, HelpLines<'a>)> {
    let mut groups: Vec<(&'a str, HelpLines<'a>)> = Vec::new();
    for (group, keys, what) in rows.filter_map(|r| r.help) {
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, lines)) => lines.push((keys, what)),
            None => groups.push((group, vec![(keys, what)])),
        }
    }
    for (group, lines) in notes {
        match groups.iter_mut().find(|(g, _)| g == group) {
            Some((_, have)) => have.extend(lines.iter().copied()),
            None => groups.push((group, lines.to_vec())),
        }
    }
    groups
}

/// The footer hints for `mode`, in their order.
pub fn footer<A, M: PartialEq>(
    table: &'static [Binding<A, M>],
    mode: &M,
) -> Vec<(&'static str, &'static str)> {
    footer_in(table.iter().map(Binding::view), mode)
}

fn footer_in<'a, A: 'static, M: PartialEq + 'a>(
    rows: impl Iterator<Item = View<'a, A, M>>,
    mode: &M,
) -> Vec<(&'a str, &'a str)> {
    let mut hints: Vec<(u8, &'a str, &'a str)> = rows
        .filter(|r| r.modes.contains(mode) && !r.chords.is_empty())
        .filter_map(|r| r.footer)
        .collect();
    hints.sort_by_key(|(order, _, _)| *order);
    hints
        .into_iter()
        .map(|(_, key, what)| (key, what))
        .collect()
}

/// A synthetic event for each chord, so tests can check every binding is reachable.
pub fn example(chord: Chord) -> Event {
    use crossterm::event::{MouseButton, MouseEvent};
    let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
    let mouse = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 1,
            row: 1,
            modifiers: KeyModifiers::NONE,
        })
    };
    match chord {
        Chord::Key(code) => key(code, KeyModifiers::NONE),
        Chord::Ctrl(c) => key(KeyCode::Char(c), KeyModifiers::CONTROL),
        Chord::Shift(code) => key(code, KeyModifiers::SHIFT),
        Chord::Text => key(KeyCode::Char('x'), KeyModifiers::NONE),
        Chord::AnyKey => key(KeyCode::F(12), KeyModifiers::NONE),
        Chord::Click => mouse(MouseEventKind::Down(MouseButton::Left)),
        Chord::WheelUp => mouse(MouseEventKind::ScrollUp),
        Chord::WheelDown => mouse(MouseEventKind::ScrollDown),
    }
}

/// What is wrong with a table, for its tests: each chord of each binding, in each of its modes,
/// must look up to that binding's action (else another binding shadows it, and its help line or
/// footer hint would lie), and each mode must have at most one binding per help line.
pub fn problems<A: Clone + PartialEq + std::fmt::Debug, M: PartialEq + std::fmt::Debug>(
    table: &[Binding<A, M>],
) -> Vec<String> {
    let views: Vec<View<A, M>> = table.iter().map(Binding::view).collect();
    problems_in(&views, true)
}

fn problems_in<A: Clone + PartialEq + std::fmt::Debug, M: PartialEq + std::fmt::Debug>(
    views: &[View<A, M>],
    every_row_binds: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    for view in views {
        if every_row_binds && view.chords.is_empty() {
            out.push(format!("{:?} binds no chord", view.help));
        }
        for mode in view.modes {
            for (chord, bound) in view.chords {
                let event = example(*chord);
                let expected = match (bound, &event) {
                    (Bound::Do(a), _) => Some(a.clone()),
                    (Bound::Typed(f), Event::Key(k)) => match k.code {
                        KeyCode::Char(c) => Some(f(c)),
                        _ => None,
                    },
                    (Bound::At(f), Event::Mouse(m)) => Some(f(m.column, m.row)),
                    _ => None,
                };
                let got = lookup_in(views.iter().map(View::copy), &event, mode);
                if expected.is_none() || got != expected {
                    out.push(format!(
                        "{chord:?} in {mode:?} is bound to {expected:?} but looks up to {got:?}"
                    ));
                }
            }
        }
    }
    out
}

impl<'a, A: 'static, M> View<'a, A, M> {
    fn copy(&self) -> View<'a, A, M> {
        View {
            modes: self.modes,
            chords: self.chords,
            help: self.help,
            footer: self.footer,
        }
    }
}

/// A screen's key table as it runs: the const table, with the rows the user's configuration
/// rebound. The lookup, the help and the footer all read it, so a rebound key is shown wherever
/// the key is named.
#[derive(Debug, Clone)]
pub struct Keymap<A: 'static, M: 'static> {
    table: &'static [Binding<A, M>],
    /// By row of `table`: the chords the configuration gave it instead of the table's, and the
    /// labels made from them. Empty when nothing was rebound.
    rebound: Vec<Option<Rebound<A>>>,
}

/// A row's chords, owned.
type Chords<A> = Vec<(Chord, Bound<A>)>;

#[derive(Debug, Clone)]
struct Rebound<A: 'static> {
    chords: Chords<A>,
    /// The help line's keys and the footer hint's key, named from `chords`.
    help_keys: String,
    footer_key: String,
}

/// Why a rebinding was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RebindError {
    #[error("this action has no key of its own to replace")]
    NotRebindable,
    #[error("{0} is kept for “{1}” everywhere and cannot be rebound")]
    Reserved(String, String),
}

impl<A: Clone + PartialEq + std::fmt::Debug, M: PartialEq + std::fmt::Debug> Keymap<A, M> {
    /// The table as written.
    pub const fn new(table: &'static [Binding<A, M>]) -> Keymap<A, M> {
        Keymap {
            table,
            rebound: Vec::new(),
        }
    }

    fn views(&self) -> impl Iterator<Item = View<'_, A, M>> {
        self.table.iter().enumerate().map(|(i, row)| {
            match self.rebound.get(i).and_then(Option::as_ref) {
                None => row.view(),
                Some(r) => View {
                    modes: row.modes,
                    chords: &r.chords,
                    help: row.help.map(|h| (h.group, r.help_keys.as_str(), h.what)),
                    footer: row.footer.map(|h| (h.order, r.footer_key.as_str(), h.what)),
                },
            }
        })
    }

    /// What `event` means in `mode`, if anything: the most specific matching chord.
    pub fn lookup(&self, event: &Event, mode: &M) -> Option<A> {
        lookup_in(self.views(), event, mode)
    }

    /// The help, by group (see [`help_groups`]).
    pub fn help_groups(
        &self,
        notes: &[(&'static str, &'static [(&'static str, &'static str)])],
    ) -> Vec<(&str, HelpLines<'_>)> {
        help_groups_in(self.views(), notes)
    }

    /// The footer hints for `mode`, in their order; a row left with no key has none.
    pub fn footer(&self, mode: &M) -> Vec<(&str, &str)> {
        footer_in(self.views(), mode)
    }

    /// What is wrong with the table as rebound (see [`problems`]); a row whose keys were all
    /// given to other actions binds nothing, and that is not a problem.
    pub fn problems(&self) -> Vec<String> {
        let views: Vec<View<A, M>> = self.views().collect();
        problems_in(&views, self.rebound.is_empty())
    }

    /// The chords that do `action` in the `home` modes and nowhere else, as the table stands.
    pub fn chords_for(&self, home: &[M], action: &A) -> Vec<Chord> {
        self.views()
            .filter(|v| within(v.modes, home))
            .flat_map(|v| v.chords.iter())
            .filter(|(_, b)| matches!(b, Bound::Do(a) if a == action))
            .map(|(c, _)| *c)
            .collect()
    }

    /// Makes exactly `chords` do `action` in the `home` modes, in place of the keys it had there.
    /// Only rows for those modes alone change, so keys that mean the same in every mode (Ctrl-C)
    /// stay, and a chord one of them uses is refused. A chord another action had there is taken
    /// from it.
    pub fn rebind(&mut self, home: &[M], action: &A, chords: &[Chord]) -> Result<(), RebindError> {
        for view in self
            .views()
            .filter(|v| v.modes.iter().any(|m| home.contains(m)) && !within(v.modes, home))
        {
            if let Some((chord, _)) = view.chords.iter().find(|(c, _)| chords.contains(c)) {
                let what = view.help.map_or("another key", |(_, _, what)| what);
                return Err(RebindError::Reserved(chord.label(), what.to_string()));
            }
        }
        let mut placed = None;
        let mut changed: Vec<(usize, Chords<A>)> = Vec::new();
        for (i, view) in self.views().enumerate() {
            if !within(view.modes, home) {
                continue;
            }
            let is_action = |b: &Bound<A>| matches!(b, Bound::Do(a) if a == action);
            let Some(first) = view.chords.iter().position(|(_, b)| is_action(b)) else {
                if view.chords.iter().any(|(c, _)| chords.contains(c)) {
                    let kept = view.chords.iter().filter(|(c, _)| !chords.contains(c));
                    changed.push((i, kept.cloned().collect()));
                }
                continue;
            };
            // The new chords go where the action's first chord was, so its row, help group and
            // footer hint stay; any other row naming the action loses it.
            let mut kept: Chords<A> = Vec::new();
            for (j, (c, b)) in view.chords.iter().enumerate() {
                if j == first && placed.is_none() {
                    kept.extend(chords.iter().map(|c| (*c, Bound::Do(action.clone()))));
                }
                if !is_action(b) && !chords.contains(c) {
                    kept.push((*c, b.clone()));
                }
            }
            placed.get_or_insert(i);
            changed.push((i, kept));
        }
        if placed.is_none() {
            return Err(RebindError::NotRebindable);
        }
        self.rebound.resize_with(self.table.len(), || None);
        for (i, chords) in changed {
            self.rebound[i] = Some(Rebound {
                help_keys: help_label(&chords),
                footer_key: footer_label(&chords),
                chords,
            });
        }
        Ok(())
    }
}

/// Whether `modes` lie within `home`: the modes where keys are commands (not typed text) and
/// may be rebound, as the browser's list and chart both are.
fn within<M: PartialEq>(modes: &[M], home: &[M]) -> bool {
    !modes.is_empty() && modes.iter().all(|m| home.contains(m))
}

/// A rebound row's keys in the help: every chord.
fn help_label<A>(chords: &[(Chord, Bound<A>)]) -> String {
    if chords.is_empty() {
        return "(no key)".to_string();
    }
    let labels: Vec<String> = chords.iter().map(|(c, _)| c.label()).collect();
    labels.join(" ")
}

/// A rebound row's key in the footer: the first chord of each action, as "j/k".
fn footer_label<A: PartialEq>(chords: &[(Chord, Bound<A>)]) -> String {
    let mut firsts: Vec<(&Bound<A>, String)> = Vec::new();
    for (chord, bound) in chords {
        let seen = firsts.iter().any(|(b, _)| match (b, bound) {
            (Bound::Do(x), Bound::Do(y)) => x == y,
            _ => false,
        });
        if !seen {
            firsts.push((bound, chord.label()));
        }
    }
    let labels: Vec<String> = firsts.into_iter().map(|(_, l)| l).collect();
    labels.join("/")
}

/// Keys by name, for the configuration: what `Chord::parse` reads and `Chord::name` writes.
const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("Down", KeyCode::Down),
    ("Up", KeyCode::Up),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageDown", KeyCode::PageDown),
    ("PageUp", KeyCode::PageUp),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Space", KeyCode::Char(' ')),
];

/// Other spellings people write for the same keys.
const ALIASES: &[(&str, &str)] = &[
    ("PgDn", "PageDown"),
    ("PgUp", "PageUp"),
    ("Escape", "Esc"),
    ("Return", "Enter"),
    ("Del", "Delete"),
    ("Ins", "Insert"),
];

/// Why a key name was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a key; write a character (`y`, `Y`, `?`), a key name (Down, PageUp, Home, Enter, Esc, Tab, Space, F1–F12), `Ctrl-x` or `Shift-Down`"
)]
pub struct KeyNameError(pub String);

impl Chord {
    /// Reads a key as the configuration writes it: `y`, `Y`, `?`, `Down`, `PageUp`, `F5`,
    /// `Space`, `Ctrl-x` (or `C-x`, `Ctrl+x`), `Shift-Down`. Names ignore case; a single
    /// character does not (`Y` is Shift and y).
    pub fn parse(text: &str) -> Result<Chord, KeyNameError> {
        let bad = || KeyNameError(crate::core::sanitize::line(text).into_owned());
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return if c.is_control() || c.is_whitespace() {
                Err(bad())
            } else {
                Ok(Chord::Key(KeyCode::Char(c)))
            };
        }
        let modifier = |prefixes: &[&str]| {
            prefixes.iter().find_map(|p| {
                let head = text.get(..p.len())?;
                head.eq_ignore_ascii_case(p).then(|| &text[p.len()..])
            })
        };
        if let Some(rest) = modifier(&["Ctrl-", "Ctrl+", "Control-", "C-"]) {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphanumeric() => {
                    Ok(Chord::Ctrl(c.to_ascii_lowercase()))
                }
                _ => Err(bad()),
            };
        }
        if let Some(rest) = modifier(&["Shift-", "Shift+", "S-"]) {
            return match Chord::parse(rest)? {
                Chord::Key(code) if !matches!(code, KeyCode::Char(_)) => Ok(Chord::Shift(code)),
                _ => Err(bad()),
            };
        }
        let name = ALIASES
            .iter()
            .find(|(alias, _)| alias.eq_ignore_ascii_case(text))
            .map_or(text, |(_, name)| name);
        if let Some((_, code)) = NAMED_KEYS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            return Ok(Chord::Key(*code));
        }
        if let Some(n) = modifier(&["F"]).and_then(|n| n.parse::<u8>().ok())
            && (1..=24).contains(&n)
        {
            return Ok(Chord::Key(KeyCode::F(n)));
        }
        Err(bad())
    }

    /// The chord as the configuration writes it (what [`Chord::parse`] reads), for keys.
    pub fn name(self) -> Option<String> {
        let code_name = |code: KeyCode| match code {
            KeyCode::Char(' ') => Some("Space".to_string()),
            KeyCode::Char(c) => Some(c.to_string()),
            KeyCode::F(n) => Some(format!("F{n}")),
            code => NAMED_KEYS
                .iter()
                .find(|(_, k)| *k == code)
                .map(|(n, _)| n.to_string()),
        };
        match self {
            Chord::Key(code) => code_name(code),
            Chord::Ctrl(c) => Some(format!("Ctrl-{c}")),
            Chord::Shift(code) => code_name(code).map(|n| format!("Shift-{n}")),
            Chord::Text | Chord::AnyKey | Chord::Click | Chord::WheelUp | Chord::WheelDown => None,
        }
    }

    /// The chord as the help and the footer show it: `j`, `↓`, `PgDn`, `Ctrl-Z`, `Shift+↓`.
    pub fn label(self) -> String {
        let code_label = |code: KeyCode| match code {
            KeyCode::Down => "↓".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            code => Chord::Key(code)
                .name()
                .unwrap_or_else(|| format!("{code:?}")),
        };
        match self {
            Chord::Key(code) => code_label(code),
            Chord::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Chord::Shift(code) => format!("Shift+{}", code_label(code)),
            Chord::Text => "type".to_string(),
            Chord::AnyKey => "any key".to_string(),
            Chord::Click | Chord::WheelUp | Chord::WheelDown => "mouse".to_string(),
        }
    }
}
