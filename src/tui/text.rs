//! Views made of styled text lines: drawing them and wrapping prose.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Draws `lines` top-down from the top of `area`, clipping at its width.
pub fn render_lines(lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
    Paragraph::new(lines).render(area, buf);
}

/// Display width of `s` in terminal cells.
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// `text` word-wrapped to `width` cells; continuation lines start with
/// `indent` spaces.
pub fn wrap(text: &str, width: usize, indent: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let cur = lines.last_mut().expect("one line");
        let sep = usize::from(!cur.trim().is_empty());
        if !cur.trim().is_empty() && self::width(cur) + sep + self::width(word) > width {
            lines.push(" ".repeat(indent));
        }
        let cur = lines.last_mut().expect("one line");
        if !cur.trim().is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    lines
}

/// Wrapped prose as lines in one style, the first prefixed by `first`.
pub fn para(first: Span<'static>, text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let indent = self::width(&first.content);
    let avail = width.saturating_sub(indent).max(10);
    wrap(text, avail, 0)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                first.clone()
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![lead, Span::styled(l.trim_start().to_string(), style)])
        })
        .collect()
}

/// Right-aligned `s` in `w` cells.
pub fn right(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

/// Left-aligned `s` in `w` cells.
pub fn left(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_with_hanging_indent() {
        assert_eq!(wrap("aa bb cc dd", 7, 2), vec!["aa bb", "  cc dd"]);
        assert_eq!(wrap("short", 80, 0), vec!["short"]);
    }
}
