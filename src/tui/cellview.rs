//! Notebook cells as text: `In`/`Out` prompts, values, printed text,
//! errors and notes drawn with a `Paragraph` into an off-screen buffer and
//! written out by [`buffer_to_text`]. The REPL prints every cell this way;
//! in [`ColorMode::Plain`] the result is exactly the `run` transcript.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::ansi::{ColorMode, buffer_to_text};

/// What a piece of cell text is, which decides its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// `In [` / `]: ` and the `...:` continuation.
    InPrompt,
    /// The number inside `In [n]`.
    InNumber,
    OutPrompt,
    OutNumber,
    /// An error's text line and message.
    Error,
    /// An error's exception type (`ValueError`).
    ErrorKind,
    Caret,
    /// Greyed help text: cut notices, the banner's second half.
    Note,
    // Source-code tokens, for the echoed input and live highlighting.
    Number,
    Str,
    Keyword,
    Builtin,
    Comment,
    /// A bracket whose partner is under the cursor.
    MatchedBracket,
    /// A piece of a drawn view, in the view's own style (see
    /// [`super::view_lines`]).
    Styled(Style),
}

impl Tone {
    /// IPython's palette in the 16 named colours, so the user's terminal
    /// theme decides the exact shades.
    pub fn style(self) -> Style {
        let s = Style::new();
        match self {
            Tone::Plain => s,
            Tone::InPrompt => s.fg(Color::Green),
            Tone::InNumber => s.fg(Color::LightGreen).add_modifier(Modifier::BOLD),
            Tone::OutPrompt => s.fg(Color::Red),
            Tone::OutNumber => s.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            Tone::Error => s.fg(Color::Red),
            Tone::ErrorKind => s.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            Tone::Caret => s.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            Tone::Note => s.fg(Color::DarkGray),
            Tone::Number => s.fg(Color::Cyan),
            Tone::Str => s.fg(Color::Yellow),
            Tone::Keyword => s.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            Tone::Builtin => s.fg(Color::Blue),
            Tone::Comment => s.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            Tone::MatchedBracket => s.fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            Tone::Styled(style) => style,
        }
    }
}

/// One line of a cell: pieces of text with their tones (no `\n` inside).
pub type StyledLine = Vec<(Tone, String)>;

/// A cell as a widget: its lines hard-wrapped to the area's width, as the
/// terminal would wrap them, so nothing is cut off.
#[derive(Clone, Debug, Default)]
pub struct CellView {
    lines: Vec<StyledLine>,
}

impl CellView {
    pub fn new(lines: Vec<StyledLine>) -> CellView {
        CellView { lines }
    }

    /// The ratatui lines after wrapping at `width` columns.
    fn wrapped(&self, width: u16) -> Vec<Line<'static>> {
        let width = usize::from(width.max(1));
        let mut out = Vec::new();
        for line in &self.lines {
            let mut row: Vec<Span<'static>> = Vec::new();
            let mut used = 0;
            for (tone, text) in line {
                let mut piece = String::new();
                for c in expand_tabs(text, used).chars() {
                    let mut b = [0u8; 4];
                    let w = Span::raw(&*c.encode_utf8(&mut b)).width();
                    if used + w > width && used > 0 {
                        flush(&mut row, &mut piece, *tone);
                        out.push(Line::from(std::mem::take(&mut row)));
                        used = 0;
                    }
                    piece.push(c);
                    used += w;
                }
                flush(&mut row, &mut piece, *tone);
            }
            out.push(Line::from(row));
        }
        out
    }

    /// Rows the cell takes at `width` columns.
    pub fn height(&self, width: u16) -> usize {
        self.wrapped(width).len()
    }
}

fn flush(row: &mut Vec<Span<'static>>, piece: &mut String, tone: Tone) {
    if !piece.is_empty() {
        row.push(Span::styled(std::mem::take(piece), tone.style()));
    }
}

/// Tabs to spaces (stops every 8 columns) and other control characters
/// dropped: a buffer cell holds one printable glyph.
fn expand_tabs(text: &str, start_col: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut col = start_col;
    for c in text.chars() {
        if c == '\t' {
            let n = 8 - col % 8;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else if !c.is_control() {
            out.push(c);
            col += 1;
        }
    }
    out
}

impl Widget for &CellView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Paragraph::new(self.wrapped(area.width)).render(area, buf);
    }
}

/// Rows drawn per off-screen buffer, so huge cells need no huge buffer.
const CHUNK_ROWS: usize = 512;

/// The cell drawn at `width` columns, as `\n`-terminated lines of text
/// coloured per `mode`.
pub fn cell_text(lines: &[StyledLine], width: u16, mode: ColorMode) -> String {
    let mut out = String::new();
    for chunk in lines.chunks(CHUNK_ROWS) {
        let view = CellView::new(chunk.to_vec());
        let height = view.height(width);
        let Ok(h) = u16::try_from(height) else {
            // A single logical line taller than 65535 rows: draw it in pieces.
            for line in chunk {
                out.push_str(&cell_text(&split_line(line, width), width, mode));
            }
            continue;
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, width.max(1), h));
        view.render(buf.area, &mut buf);
        out.push_str(&buffer_to_text(&buf, mode));
    }
    out
}

/// A very long line as lines of `width` characters (before wrapping).
fn split_line(line: &StyledLine, width: u16) -> Vec<StyledLine> {
    let mut out = Vec::new();
    for (tone, text) in line {
        let chars: Vec<char> = text.chars().collect();
        for piece in chars.chunks(usize::from(width.max(1))) {
            out.push(vec![(*tone, piece.iter().collect())]);
        }
    }
    out
}

/// Text typed at the prompt (or the prompt itself) with SGR styles and the
/// same display width: one row drawn as wide as the text, trailing blanks
/// kept. Plain text comes back unchanged, as does text the buffer cannot
/// hold cell by cell (tabs, control characters).
pub fn inline_text(pieces: &[(Tone, &str)], mode: ColorMode) -> String {
    let plain: String = pieces.iter().map(|(_, t)| *t).collect();
    if mode == ColorMode::Plain || plain.chars().any(char::is_control) || plain.is_empty() {
        return plain;
    }
    let width = Span::raw(plain.as_str()).width();
    let Ok(w) = u16::try_from(width) else {
        return plain;
    };
    let line = Line::from(
        pieces
            .iter()
            .map(|(tone, t)| Span::styled(t.to_string(), tone.style()))
            .collect::<Vec<_>>(),
    );
    let mut buf = Buffer::empty(Rect::new(0, 0, w.max(1), 1));
    buf.set_line(0, 0, &line, w);
    let mut text = buffer_to_text(&buf, mode);
    text.pop();
    let trimmed = plain.trim_end_matches(' ');
    text.push_str(&plain[trimmed.len()..]);
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::strip_sgr;

    fn l(pieces: &[(Tone, &str)]) -> StyledLine {
        pieces.iter().map(|(t, s)| (*t, s.to_string())).collect()
    }

    #[test]
    fn plain_cells_are_the_text() {
        let lines = vec![
            l(&[
                (Tone::OutPrompt, "Out[1]: "),
                (Tone::Plain, "array([1, 2])"),
            ]),
            vec![],
        ];
        assert_eq!(
            cell_text(&lines, 80, ColorMode::Plain),
            "Out[1]: array([1, 2])\n\n"
        );
    }

    #[test]
    fn long_lines_wrap_at_the_width() {
        let lines = vec![l(&[(Tone::Plain, "abcdefghij")])];
        assert_eq!(cell_text(&lines, 4, ColorMode::Plain), "abcd\nefgh\nij\n");
        let wide = vec![l(&[(Tone::Plain, "ab日本")])];
        assert_eq!(cell_text(&wide, 3, ColorMode::Plain), "ab\n日\n本\n");
    }

    #[test]
    fn tabs_expand_to_stops() {
        let lines = vec![l(&[(Tone::Plain, "a\tb")])];
        assert_eq!(cell_text(&lines, 20, ColorMode::Plain), "a       b\n");
    }

    #[test]
    fn inline_text_keeps_width_and_trailing_spaces() {
        let p = [
            (Tone::InPrompt, "In ["),
            (Tone::InNumber, "3"),
            (Tone::InPrompt, "]: "),
        ];
        assert_eq!(inline_text(&p, ColorMode::Plain), "In [3]: ");
        let styled = inline_text(&p, ColorMode::Ansi16);
        assert!(styled.ends_with("]:\x1b[0m "), "{styled:?}");
        assert_eq!(strip_sgr(&styled), "In [3]: ");
    }
}
