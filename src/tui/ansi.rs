//! An off-screen ratatui [`Buffer`] as text: SGR escape codes only where the
//! style changes, a reset at each line end, wide glyphs' hidden cells
//! skipped, trailing blanks trimmed.

use std::fmt::Write;

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use super::cellview::{StyledLine, Tone};

/// How much colour the output may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorMode {
    /// No escape codes at all (transcripts, pipes, `NO_COLOR`, `TERM=dumb`).
    Plain,
    Ansi16,
    Ansi256,
    TrueColor,
}

impl ColorMode {
    /// The mode for stdout: plain unless it is a terminal, `NO_COLOR` is
    /// unset and `TERM` is not `dumb`; true colour when `COLORTERM` says so,
    /// 256 colours for `*256color` terminals, else 16.
    pub fn detect(is_terminal: bool) -> ColorMode {
        let var = |k: &str| std::env::var(k).unwrap_or_default();
        ColorMode::from_env(
            is_terminal,
            std::env::var_os("NO_COLOR").is_some(),
            &var("TERM"),
            &var("COLORTERM"),
        )
    }

    /// [`ColorMode::detect`] with the environment passed in.
    pub fn from_env(is_terminal: bool, no_color: bool, term: &str, colorterm: &str) -> ColorMode {
        if !is_terminal || no_color || term == "dumb" {
            ColorMode::Plain
        } else if colorterm == "truecolor" || colorterm == "24bit" {
            ColorMode::TrueColor
        } else if term.contains("256") {
            ColorMode::Ansi256
        } else {
            ColorMode::Ansi16
        }
    }
}

type Style3 = (Color, Color, Modifier);

/// Row `y` of the buffer up to its last cell that shows (trailing blanks
/// trimmed as [`buffer_to_text`] trims them).
fn row_cells(buf: &Buffer, y: u16, mode: ColorMode) -> Vec<&Cell> {
    let area = buf.area;
    let mut cells: Vec<&Cell> = (area.left()..area.right()).map(|x| &buf[(x, y)]).collect();
    let end = cells
        .iter()
        .rposition(|c| c.symbol() != " " || visible_blank(c, mode))
        .map_or(0, |i| i + 1);
    cells.truncate(end);
    cells
}

/// The buffer as one [`StyledLine`] per row: runs of equally styled cells
/// as [`Tone::Styled`] pieces, so that [`super::cell_text`] draws exactly
/// what [`buffer_to_text`] writes.
pub fn buffer_lines(buf: &Buffer, mode: ColorMode) -> Vec<StyledLine> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut line: StyledLine = Vec::new();
            let mut skip = 0;
            for cell in row_cells(buf, y, mode) {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if cell.diff_option == CellDiffOption::Skip {
                    continue;
                }
                let style = Style::new()
                    .fg(cell.fg)
                    .bg(cell.bg)
                    .add_modifier(cell.modifier);
                match line.last_mut() {
                    Some((Tone::Styled(s), text)) if *s == style => text.push_str(cell.symbol()),
                    _ => line.push((Tone::Styled(style), cell.symbol().to_string())),
                }
                skip = Span::raw(cell.symbol()).width().saturating_sub(1);
            }
            line
        })
        .collect()
}

/// The buffer as lines of text (`\n`-terminated), coloured per `mode`.
pub fn buffer_to_text(buf: &Buffer, mode: ColorMode) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let cells = row_cells(buf, y, mode);
        let mut current: Style3 = (Color::Reset, Color::Reset, Modifier::empty());
        let mut skip = 0;
        for cell in &cells {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if cell.diff_option == CellDiffOption::Skip {
                continue;
            }
            let style = (cell.fg, cell.bg, cell.modifier);
            if mode != ColorMode::Plain && style != current {
                out.push_str(&sgr(style, mode));
                current = style;
            }
            out.push_str(cell.symbol());
            skip = Span::raw(cell.symbol()).width().saturating_sub(1);
        }
        if current != (Color::Reset, Color::Reset, Modifier::empty()) {
            out.push_str("\x1b[0m");
        }
        out.push('\n');
    }
    out
}

/// A blank that still shows (a coloured background, reversed, underlined).
fn visible_blank(c: &Cell, mode: ColorMode) -> bool {
    mode != ColorMode::Plain
        && (c.bg != Color::Reset
            || c.modifier
                .intersects(Modifier::REVERSED | Modifier::UNDERLINED | Modifier::CROSSED_OUT))
}

/// A full SGR sequence for the style: reset, then its attributes.
fn sgr((fg, bg, m): Style3, mode: ColorMode) -> String {
    let mut codes = vec!["0".to_string()];
    for (bit, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(bit) {
            codes.push(code.into());
        }
    }
    codes.extend(color_code(fg, false, mode));
    codes.extend(color_code(bg, true, mode));
    let mut s = String::from("\x1b[");
    let _ = write!(s, "{}m", codes.join(";"));
    s
}

fn color_code(c: Color, bg: bool, mode: ColorMode) -> Option<String> {
    let base = if bg { 10 } else { 0 };
    let named = |n: u8| Some((n as u16 + base).to_string());
    match c {
        Color::Reset => None,
        Color::Black => named(30),
        Color::Red => named(31),
        Color::Green => named(32),
        Color::Yellow => named(33),
        Color::Blue => named(34),
        Color::Magenta => named(35),
        Color::Cyan => named(36),
        Color::Gray => named(37),
        Color::DarkGray => named(90),
        Color::LightRed => named(91),
        Color::LightGreen => named(92),
        Color::LightYellow => named(93),
        Color::LightBlue => named(94),
        Color::LightMagenta => named(95),
        Color::LightCyan => named(96),
        Color::White => named(97),
        Color::Indexed(i) => match mode {
            ColorMode::Ansi16 => color_code(ansi16(indexed_rgb(i)), bg, mode),
            _ => Some(format!("{};5;{i}", 38 + base)),
        },
        Color::Rgb(r, g, b) => match mode {
            ColorMode::TrueColor => Some(format!("{};2;{r};{g};{b}", 38 + base)),
            ColorMode::Ansi256 => Some(format!("{};5;{}", 38 + base, ansi256((r, g, b)))),
            _ => color_code(ansi16((r, g, b)), bg, mode),
        },
    }
}

const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// Nearest colour of the xterm 256-colour cube or grey ramp.
pub(crate) fn ansi256((r, g, b): (u8, u8, u8)) -> u8 {
    let near = |v: u8| {
        (0..6)
            .min_by_key(|&i| (i32::from(LEVELS[i]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (near(r), near(g), near(b));
    let cube = (LEVELS[ri], LEVELS[gi], LEVELS[bi]);
    let grey_i = ((i32::from(r) + i32::from(g) + i32::from(b)) / 3 - 8).clamp(0, 238) / 10;
    let grey = (8 + grey_i * 10) as u8;
    if dist((r, g, b), (grey, grey, grey)) < dist((r, g, b), cube) {
        232 + grey_i as u8
    } else {
        16 + 36 * ri as u8 + 6 * gi as u8 + bi as u8
    }
}

fn indexed_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => PALETTE16[i as usize].1,
        16..=231 => {
            let k = i - 16;
            (
                LEVELS[(k / 36) as usize],
                LEVELS[(k / 6 % 6) as usize],
                LEVELS[(k % 6) as usize],
            )
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            (v, v, v)
        }
    }
}

fn dist(a: (u8, u8, u8), b: (u8, u8, u8)) -> i32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

const PALETTE16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// Nearest of the 16 standard terminal colours (xterm's defaults).
fn ansi16(rgb: (u8, u8, u8)) -> Color {
    PALETTE16
        .iter()
        .min_by_key(|(_, c)| dist(rgb, *c))
        .map_or(Color::Reset, |(c, _)| *c)
}

/// The text without SGR escape sequences (tests compare coloured and plain
/// renderings with it).
#[cfg(test)]
pub(crate) fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut esc = false;
    for c in s.chars() {
        match (esc, c) {
            (false, '\x1b') => esc = true,
            (true, 'm') => esc = false,
            (true, _) => {}
            (false, c) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn buf(width: u16, f: impl Fn(&mut Buffer)) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, width, 2));
        f(&mut b);
        b
    }

    #[test]
    fn plain_mode_has_no_escapes_and_trims_blanks() {
        let b = buf(10, |b| {
            b.set_string(0, 0, "ab", Style::new().fg(Color::Red));
        });
        assert_eq!(buffer_to_text(&b, ColorMode::Plain), "ab\n\n");
    }

    #[test]
    fn sgr_only_when_style_changes_and_reset_at_line_end() {
        let b = buf(10, |b| {
            b.set_string(0, 0, "ab", Style::new().fg(Color::Red));
            b.set_string(2, 0, "c", Style::new().fg(Color::Red));
            b.set_string(3, 0, "d", Style::new());
        });
        let t = buffer_to_text(&b, ColorMode::Ansi16);
        assert_eq!(t, "\x1b[0;31mabc\x1b[0md\n\n");
    }

    #[test]
    fn wide_glyphs_hide_the_next_cell() {
        let b = buf(6, |b| {
            b.set_string(0, 0, "日本x", Style::new());
        });
        assert_eq!(buffer_to_text(&b, ColorMode::Plain), "日本x\n\n");
    }

    #[test]
    fn coloured_background_blanks_are_kept() {
        let b = buf(4, |b| {
            b.set_string(0, 0, "  ", Style::new().bg(Color::Rgb(255, 0, 0)));
        });
        assert_eq!(
            buffer_to_text(&b, ColorMode::TrueColor),
            "\x1b[0;48;2;255;0;0m  \x1b[0m\n\n"
        );
        assert_eq!(
            buffer_to_text(&b, ColorMode::Ansi256),
            "\x1b[0;48;5;196m  \x1b[0m\n\n"
        );
        assert_eq!(buffer_to_text(&b, ColorMode::Plain), "\n\n");
    }

    #[test]
    fn colour_modes_from_environment() {
        for (tty, no_color, term, colorterm, want) in [
            (
                false,
                false,
                "xterm-256color",
                "truecolor",
                ColorMode::Plain,
            ),
            (true, true, "xterm-256color", "", ColorMode::Plain),
            (true, false, "dumb", "", ColorMode::Plain),
            (true, false, "xterm", "truecolor", ColorMode::TrueColor),
            (true, false, "xterm-256color", "", ColorMode::Ansi256),
            (true, false, "xterm", "", ColorMode::Ansi16),
        ] {
            assert_eq!(ColorMode::from_env(tty, no_color, term, colorterm), want);
        }
    }

    #[test]
    fn rgb_maps_to_the_nearest_palette_entry() {
        assert_eq!(ansi256((255, 0, 0)), 196);
        assert_eq!(ansi256((128, 128, 128)), 244);
        assert_eq!(ansi16((250, 10, 10)), Color::LightRed);
    }
}
