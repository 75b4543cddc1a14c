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

/// What `event` means in `mode` by `table`, if anything: the most specific matching chord.
pub fn lookup<A: Clone, M: PartialEq>(
    table: &[Binding<A, M>],
    event: &Event,
    mode: &M,
) -> Option<A> {
    let mut best: Option<(u8, &Bound<A>)> = None;
    for binding in table.iter().filter(|b| b.modes.contains(mode)) {
        for (chord, bound) in binding.chords {
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

/// The help, by group in the order groups first appear in `table`: each group's lines from the
/// table, then its `notes` (lines about something other than keys, like the search syntax).
pub fn help_groups<A, M>(
    table: &[Binding<A, M>],
    notes: &[(&'static str, &'static [(&'static str, &'static str)])],
) -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let mut groups: Vec<(&'static str, Vec<(&'static str, &'static str)>)> = Vec::new();
    for h in table.iter().filter_map(|b| b.help) {
        match groups.iter_mut().find(|(g, _)| *g == h.group) {
            Some((_, lines)) => lines.push((h.keys, h.what)),
            None => groups.push((h.group, vec![(h.keys, h.what)])),
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
    table: &[Binding<A, M>],
    mode: &M,
) -> Vec<(&'static str, &'static str)> {
    let mut hints: Vec<Hint> = table
        .iter()
        .filter(|b| b.modes.contains(mode))
        .filter_map(|b| b.footer)
        .collect();
    hints.sort_by_key(|h| h.order);
    hints.into_iter().map(|h| (h.key, h.what)).collect()
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
    let mut out = Vec::new();
    for binding in table {
        if binding.chords.is_empty() {
            out.push(format!("{:?} binds no chord", binding.help));
        }
        for mode in binding.modes {
            for (chord, bound) in binding.chords {
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
                let got = lookup(table, &event, mode);
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
