//! The `explain` listing: one formula per output element.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::{para, render_lines, width, wrap};
use super::{Draw, THEME, Theme};
use crate::views::{Explain, Item};
use ratatui::style::Style;

impl Explain {
    fn lines(&self, w: u16, theme: &Theme) -> Vec<Line<'static>> {
        let w = usize::from(w);
        let mut out = vec![Line::styled(self.title.clone(), theme.title)];
        for n in &self.notes {
            out.extend(hang(n, w, theme.note));
        }
        for s in &self.sections {
            out.push(Line::default());
            if !s.heading.is_empty() {
                out.push(Line::styled(s.heading.clone(), theme.header));
            }
            for it in &s.items {
                item_lines(it, w, theme, &mut out);
                if it.skipped_after > 0 {
                    out.push(Line::styled(
                        match it.skipped_after {
                            1 => "  … 1 element not shown …".to_string(),
                            k => format!("  … {k} elements not shown …"),
                        },
                        theme.note,
                    ));
                }
            }
        }
        out
    }
}

/// A note wrapped with a two-column hanging indent.
fn hang(text: &str, w: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, w, 2)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

pub(super) fn item_lines(it: &Item, w: usize, theme: &Theme, out: &mut Vec<Line<'static>>) {
    let first = format!("{} = {}", it.lhs, it.symbolic);
    let pad = " ".repeat(width(&it.lhs) + 1);
    if !it.label.is_empty() && width(&first) + 2 + width(&it.label) <= w {
        let gap = w - width(&first) - width(&it.label);
        out.push(Line::from(vec![
            Span::styled(first, theme.value),
            Span::raw(" ".repeat(gap)),
            Span::styled(it.label.clone(), theme.scheme),
        ]));
    } else {
        out.push(Line::styled(first, theme.value));
        if !it.label.is_empty() {
            out.push(Line::styled(format!("{pad}  {}", it.label), theme.scheme));
        }
    }
    if let Some(d) = &it.distances {
        out.extend(para(
            Span::raw(format!("{pad}  ")),
            &format!("with {d}"),
            w,
            theme.note,
        ));
    }
    let value = Span::styled(
        it.value_text.clone(),
        if it.origin.is_some() {
            theme.warning
        } else {
            theme.gradient
        },
    );
    let whole = format!("{pad}= {} = {}", it.substituted, it.value_text);
    if width(&whole) <= w {
        out.push(Line::from(vec![
            Span::styled(format!("{pad}= {} = ", it.substituted), theme.value),
            value,
        ]));
    } else {
        for l in wrap(
            &format!("= {}", it.substituted),
            w.saturating_sub(pad.len()),
            2,
        ) {
            out.push(Line::styled(format!("{pad}{l}"), theme.value));
        }
        out.push(Line::from(vec![Span::raw(format!("{pad}= ")), value]));
    }
    if let Some(o) = &it.origin {
        out.extend(para(
            Span::styled(format!("{pad}← "), theme.warning),
            &format!("{} {o}", it.value_text),
            w,
            theme.warning,
        ));
    }
}

line_view!(Explain);
