//! Terminal cells as the terminal counts them, where `unicode-width` (which ratatui, textwrap and
//! this program measure with) disagrees.
//!
//! Two disagreements break Indian scripts:
//!
//! - **Spacing marks counted as zero columns.** `unicode-width` gives no column to the spacing
//!   vowel signs that are also `Grapheme_Extend` (Tamil ா U+0BBE, Bengali া U+09BE, Malayalam ാ
//!   U+0D3E, Kannada ೂ U+0CC2, …), while terminals (glibc `wcwidth`, tmux, VTE, xterm) give every
//!   spacing mark (general category Mc) a column of its own. ratatui then reserves one cell for
//!   "டா", the terminal draws two, and the rest of the row is shifted, and characters and spaces
//!   overwritten. ratatui compensates the same kind of disagreement for halfwidth katakana sound
//!   marks in its `cell_width` (its PR #2187); here it is done before measuring: [`for_screen`]
//!   replaces each such mark with a stand-in (a private-use character, one column to
//!   `unicode-width`, and a grapheme of its own) in text about to be laid out, so every width
//!   computed on it (wrapping, truncation, ratatui's layout) is the terminal's. After drawing,
//!   [`settle`] puts the real marks back into their cells.
//!
//! - **Clusters the terminal spreads over several cells.** ratatui keeps a grapheme cluster such as
//!   "मो" (two columns) in one cell and blanks the next; the terminal puts म in one cell and ो in
//!   the next. When a later frame writes a blank over the second cell, ratatui's diff sees blank
//!   over blank and sends nothing, and the old ो stays on screen. [`settle`] therefore splits each
//!   such cluster into the cells the terminal gives it (a character of one column or more starts a
//!   cell; zero-width ones join the cell before), so every cell the terminal holds is a cell
//!   ratatui diffs. The bytes sent for a whole row are the same as before.
//!
//! - **Clusters whose width terminals disagree on.** A zero-width joiner inside a word ("क्‍ष", the
//!   half form) makes tmux (3.3) and kitty draw the letter after it in the joiner's cell, one
//!   column in all, while xterm and VTE give that letter a column of its own. Such a cluster keeps
//!   the columns `unicode-width` gives it (two here), and the [`Reserving`] backend blanks the
//!   reserved columns *before* drawing the cluster and moves the cursor after it, so either kind of
//!   terminal ends with the right cells: the narrower one shows a blank after the cluster, the
//!   wider one covers it. This is what ratatui itself does for emoji with a variation selector
//!   (its commit "draw uncertain-width clusters after their reserved columns"), which the ratatui
//!   in use here does not do yet. The reserved columns are marked so the next frame always sends
//!   them again.
//!
//! Emoji sequences, on whose widths terminals disagree among themselves, are otherwise left as
//! ratatui draws them.

use std::borrow::Cow;
use std::num::NonZeroU16;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Size};
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters `unicode-width` counts as zero columns and terminals draw in one: spacing marks that
/// are also `Grapheme_Extend`, prepended marks and a few letters (checked against glibc's
/// `wcwidth`). Sorted, for a binary search.
const ONE_COLUMN_MARKS: [char; 67] = [
    '\u{0605}',
    '\u{070F}',
    '\u{0890}',
    '\u{0891}',
    '\u{08E2}',
    '\u{09BE}',
    '\u{09D7}',
    '\u{0B3E}',
    '\u{0B57}',
    '\u{0BBE}',
    '\u{0BD7}',
    '\u{0CC0}',
    '\u{0CC2}',
    '\u{0CC7}',
    '\u{0CC8}',
    '\u{0CCA}',
    '\u{0CCB}',
    '\u{0CD5}',
    '\u{0CD6}',
    '\u{0D3E}',
    '\u{0D4E}',
    '\u{0D57}',
    '\u{0DCF}',
    '\u{0DDF}',
    '\u{1715}',
    '\u{1734}',
    '\u{1B35}',
    '\u{1B3B}',
    '\u{1B3D}',
    '\u{1B43}',
    '\u{1B44}',
    '\u{1BAA}',
    '\u{1BF2}',
    '\u{1BF3}',
    '\u{A8FA}',
    '\u{A953}',
    '\u{A9C0}',
    '\u{111C0}',
    '\u{111C2}',
    '\u{111C3}',
    '\u{11235}',
    '\u{1133E}',
    '\u{1134D}',
    '\u{11357}',
    '\u{114B0}',
    '\u{114BD}',
    '\u{115AF}',
    '\u{116B6}',
    '\u{11930}',
    '\u{1193D}',
    '\u{1193F}',
    '\u{11941}',
    '\u{11A84}',
    '\u{11A85}',
    '\u{11A86}',
    '\u{11A87}',
    '\u{11A88}',
    '\u{11A89}',
    '\u{11D46}',
    '\u{1D165}',
    '\u{1D166}',
    '\u{1D16D}',
    '\u{1D16E}',
    '\u{1D16F}',
    '\u{1D170}',
    '\u{1D171}',
    '\u{1D172}',
];

/// The first stand-in; the n-th mark of [`ONE_COLUMN_MARKS`] stands in as `STAND_IN + n`. These
/// private-use code points never come from data: the sanitiser shows any it finds as `⟨U+…⟩`.
const STAND_IN: u32 = 0x10_FF00;

fn stand_in(c: char) -> Option<char> {
    let i = ONE_COLUMN_MARKS.binary_search(&c).ok()?;
    char::from_u32(STAND_IN + u32::try_from(i).ok()?)
}

fn mark_of(stand_in: char) -> Option<char> {
    let i = u32::from(stand_in).checked_sub(STAND_IN)?;
    ONE_COLUMN_MARKS.get(usize::try_from(i).ok()?).copied()
}

/// Text about to be laid out on screen, with each mark the terminal gives a column (and
/// `unicode-width` none) replaced by its stand-in, so measuring it measures what the terminal
/// draws. Borrowed, and free, for text without such marks. [`settle`] undoes it after drawing.
pub fn for_screen(text: &str) -> Cow<'_, str> {
    // Every mark is outside ASCII, and most text has none of them.
    if text.is_ascii() || !text.chars().any(|c| stand_in(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| stand_in(c).unwrap_or(c)).collect())
}

/// Columns the terminal gives `text`.
pub fn width(text: &str) -> usize {
    for_screen(text).width()
}

/// A span whose text is ready to lay out (see [`for_screen`]); the same span when nothing changes.
pub fn span(span: Span<'_>) -> Span<'_> {
    let owned = match for_screen(&span.content) {
        Cow::Owned(text) => Some(text),
        Cow::Borrowed(_) => None,
    };
    match owned {
        Some(text) => Span::styled(text, span.style),
        None => span,
    }
}

/// A line whose spans are ready to lay out (see [`for_screen`]).
pub fn line(mut line: Line<'_>) -> Line<'_> {
    line.spans = line.spans.into_iter().map(span).collect();
    line
}

/// Columns the terminal gives one character standing in its own cell, or joining the one before
/// (0).
fn char_columns(c: char) -> usize {
    if mark_of(c).is_some() || stand_in(c).is_some() {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// Whether terminals agree among themselves on how `cluster` is laid out: emoji sequences (with
/// variation selectors, skin tones, flags or zero-width joiners between pictographs) they do not.
fn splittable(cluster: &str) -> bool {
    !cluster.chars().any(|c| {
        matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{1F1E6}'..='\u{1F1FF}' | '\u{1F3FB}'..='\u{1F3FF}')
            || (u32::from(c) >= 0x1F000 && u32::from(c) < 0x10_0000)
            || char_columns(c) > 1
    })
}

/// Whether terminals disagree on the width of `cluster`: a zero-width joiner followed by a
/// character that takes a column (tmux and kitty draw that character in the joiner's cell).
fn uncertain(cluster: &str) -> bool {
    let mut after_joiner = false;
    for c in cluster.chars() {
        if after_joiner && char_columns(c) > 0 {
            return true;
        }
        after_joiner = c == '\u{200D}';
    }
    false
}

/// After a frame is drawn, before it is sent: stand-ins become their marks again, and each cluster
/// that ratatui keeps in one cell but the terminal spreads over several is split into those cells,
/// so the diff with the next frame covers every cell the terminal holds.
pub fn settle(buffer: &mut Buffer) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buffer[(x, y)].symbol();
            if symbol.len() <= 1 || symbol.is_ascii() {
                x += 1;
                continue;
            }
            let reserved = symbol.width().max(1);
            let pieces = pieces(symbol);
            let fits = pieces.iter().map(|(_, w)| *w).sum::<usize>() == reserved
                && usize::from(area.right() - x) >= reserved;
            if uncertain(symbol) {
                // Left whole; the columns it reserves are sent again by every next frame.
                for dx in 1..reserved as u16 {
                    if x + dx < area.right() {
                        buffer[(x + dx, y)].set_diff_option(CellDiffOption::Skip);
                    }
                }
                x += reserved as u16;
            } else if pieces.len() > 1 && fits && splittable(symbol) {
                let template = buffer[(x, y)].clone();
                let mut at = x;
                for (piece, w) in pieces {
                    let cell = &mut buffer[(at, y)];
                    *cell = template.clone();
                    cell.set_symbol(&piece);
                    force_width(cell, w);
                    at += w as u16;
                }
                x += reserved as u16;
            } else {
                if symbol.chars().any(|c| mark_of(c).is_some()) {
                    let real: String = symbol.chars().map(|c| mark_of(c).unwrap_or(c)).collect();
                    let cell = &mut buffer[(x, y)];
                    cell.set_symbol(&real);
                    force_width(cell, reserved);
                }
                x += reserved as u16;
            }
        }
    }
}

/// A backend that draws each cluster of [uncertain](uncertain) width after blanking the columns
/// reserved for it, so a terminal that draws it narrower leaves them blank rather than stale, and
/// the cursor is moved after it, so one that draws it wider cannot shift the rest of the row.
#[derive(Debug)]
pub struct Reserving<B> {
    inner: B,
}

impl<B> Reserving<B> {
    pub fn new(inner: B) -> Reserving<B> {
        Reserving { inner }
    }
}

impl<B: Backend> Backend for Reserving<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut cells: Vec<(u16, u16, Cell)> = Vec::new();
        for (x, y, cell) in content {
            let reserved = cell.symbol().width() as u16;
            if reserved > 1 && uncertain(cell.symbol()) {
                let mut blank = cell.clone();
                blank.set_symbol(" ");
                blank.set_diff_option(CellDiffOption::None);
                cells.extend((1..reserved).map(|dx| (x.saturating_add(dx), y, blank.clone())));
            }
            cells.push((x, y, cell.clone()));
        }
        // The backend moves the cursor before any cell that does not follow the one before it:
        // before the cluster (after its blanks) and after it.
        self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

/// A cluster as the terminal's cells: each character of one column or more starts one, with the
/// zero-width characters after it; stand-ins are turned back into their marks.
fn pieces(cluster: &str) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for c in cluster.chars() {
        let columns = char_columns(c);
        let c = mark_of(c).unwrap_or(c);
        match out.last_mut() {
            Some((piece, _)) if columns == 0 => piece.push(c),
            _ => out.push((c.to_string(), columns)),
        }
    }
    out
}

/// Tells ratatui's diff the cell's width where its own measure of the symbol would differ (a mark
/// alone measures 0 to `unicode-width`).
fn force_width(cell: &mut Cell, columns: usize) {
    let measured = cell.symbol().width();
    if measured != columns
        && let Some(w) = u16::try_from(columns).ok().and_then(NonZeroU16::new)
    {
        cell.set_diff_option(CellDiffOption::ForcedWidth(w));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn the_table_is_sorted_and_every_mark_needs_a_stand_in() {
        assert!(ONE_COLUMN_MARKS.windows(2).all(|w| w[0] < w[1]));
        for c in ONE_COLUMN_MARKS {
            assert_eq!(c.to_string().width(), 0, "{c:?} needs no stand-in");
            let s = stand_in(c).unwrap();
            assert_eq!(s.to_string().width(), 1);
            assert_eq!(mark_of(s), Some(c));
        }
    }

    #[test]
    fn widths_are_the_terminals() {
        // ஸ்டாலின்: ஸ், ட, ா, ல, ி, ன் — six columns in glibc's wcwidth and tmux.
        assert_eq!(width("ஸ்டாலின்"), 6);
        assert_eq!("ஸ்டாலின்".width(), 5, "unicode-width's own count");
        assert_eq!(width("শেখ হাসিনা"), 10);
        assert_eq!(width("പിണറായി വിജയൻ"), 13);
        assert_eq!(width("नरेन्द्र मोदी"), 10);
        assert_eq!(width("plain"), 5);
        assert!(matches!(for_screen("नरेन्द्र"), Cow::Borrowed(_)));
    }

    fn drawn(text: &str, width: u16) -> Buffer {
        let mut buffer = Buffer::empty(Rect::new(0, 0, width, 1));
        buffer.set_string(0, 0, for_screen(text), ratatui::style::Style::new());
        settle(&mut buffer);
        buffer
    }

    fn cells(buffer: &Buffer) -> Vec<String> {
        buffer
            .content()
            .iter()
            .map(|c| c.symbol().to_string())
            .collect()
    }

    #[test]
    fn marks_get_their_own_cells_and_clusters_are_split_as_the_terminal_splits_them() {
        let b = drawn("டா मो न्द्र", 12);
        assert_eq!(
            cells(&b),
            ["ட", "ா", " ", "म", "ो", " ", "न्", "द्", "र", " ", " ", " "]
        );
        // The mark's cell is one column wide to the diff, though a mark alone measures none.
        assert_eq!(
            b.content()[1].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::MIN)
        );
        // A shorter text drawn over it leaves no old piece on screen: each is sent again.
        let next = drawn("ab", 12);
        let changed: Vec<u16> = b.diff(&next).iter().map(|(x, _, _)| *x).collect();
        assert_eq!(changed, [0, 1, 3, 4, 6, 7, 8]);
    }

    #[test]
    fn a_joiner_before_a_letter_keeps_the_cluster_whole_and_its_columns_resent() {
        let b = drawn("क्\u{200D}ष a", 6);
        assert_eq!(b.content()[0].symbol(), "क्\u{200D}ष");
        assert_eq!(b.content()[1].diff_option, CellDiffOption::Skip);
        // The next frame sends that column whatever it holds.
        let next = drawn("ab", 6);
        let changed: Vec<u16> = b.diff(&next).iter().map(|(x, _, _)| *x).collect();
        assert_eq!(changed, [0, 1, 3]);
    }

    #[test]
    fn the_backend_blanks_reserved_columns_before_an_uncertain_cluster() {
        use ratatui::backend::TestBackend;
        struct Recorder(TestBackend, Vec<(u16, String)>);
        impl Backend for Recorder {
            type Error = <TestBackend as Backend>::Error;
            fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
            where
                I: Iterator<Item = (u16, u16, &'a Cell)>,
            {
                for (x, _, c) in content {
                    self.1.push((x, c.symbol().to_string()));
                }
                Ok(())
            }
            fn hide_cursor(&mut self) -> Result<(), Self::Error> {
                self.0.hide_cursor()
            }
            fn show_cursor(&mut self) -> Result<(), Self::Error> {
                self.0.show_cursor()
            }
            fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
                self.0.get_cursor_position()
            }
            fn set_cursor_position<P: Into<Position>>(&mut self, p: P) -> Result<(), Self::Error> {
                self.0.set_cursor_position(p)
            }
            fn clear(&mut self) -> Result<(), Self::Error> {
                self.0.clear()
            }
            fn clear_region(&mut self, t: ClearType) -> Result<(), Self::Error> {
                self.0.clear_region(t)
            }
            fn size(&self) -> Result<Size, Self::Error> {
                self.0.size()
            }
            fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
                self.0.window_size()
            }
            fn flush(&mut self) -> Result<(), Self::Error> {
                Ok(())
            }
        }
        let mut backend = Reserving::new(Recorder(TestBackend::new(6, 1), Vec::new()));
        let b = drawn("क्\u{200D}ष a", 6);
        let blank = Buffer::empty(b.area);
        backend.draw(blank.diff(&b).into_iter()).unwrap();
        let sent: Vec<(u16, &str)> = backend
            .inner
            .1
            .iter()
            .map(|(x, s)| (*x, s.as_str()))
            .collect();
        assert_eq!(sent, [(1, " "), (0, "क्\u{200D}ष"), (3, "a")]);
    }

    #[test]
    fn emoji_sequences_are_left_to_ratatui() {
        let b = drawn("❤️ 🇮🇳", 6);
        assert_eq!(b.content()[0].symbol(), "❤️");
        assert_eq!(b.content()[3].symbol(), "🇮🇳");
    }
}
