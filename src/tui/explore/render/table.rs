//! The 1-D body: the table of samples, gradient and diffs scrolled to the
//! cursor, beside the chart.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::Draw;
use crate::tui::text::{right, width};
use crate::views::{Scheme, Side, num};

use super::super::app::App;
use super::selected;

impl App {
    pub(super) fn render_1d(&self, area: Rect, buf: &mut Buffer) {
        let rows = usize::from(area.height.saturating_sub(1));
        let (header, lines) = self.table_1d(rows);
        let need = std::iter::once(&header)
            .chain(&lines)
            .map(Line::width)
            .max()
            .unwrap_or(0) as u16
            + 1;
        let chart_min = 24;
        let table_w = if area.width >= need + chart_min {
            need.max(area.width * 2 / 5)
        } else {
            area.width
        };
        let [left, rest] =
            Layout::horizontal([Constraint::Length(table_w), Constraint::Fill(1)]).areas(area);
        Paragraph::new(header).render(Rect { height: 1, ..left }, buf);
        let body = Rect {
            y: left.y + 1,
            height: left.height.saturating_sub(1),
            ..left
        };
        Paragraph::new(lines).render(body, buf);
        if rest.width >= chart_min {
            self.plot(rest.width).render(rest, buf, &self.theme);
        }
    }

    /// The header and the `rows` lines of the table in view: one line per
    /// sample with the diff on the line between two samples, as `compare`
    /// prints them, scrolled so the cursor's line stays in view (centred
    /// where possible); `▶` marks the cursor. Only these samples are
    /// formatted.
    fn table_1d(&self, rows: usize) -> (Line<'static>, Vec<Line<'static>>) {
        let t = &self.theme;
        let n = self.f.len();
        let sp = &self.model.sp;
        // Lines: sample i is line 2i, the diff after it line 2i + 1.
        let total = 2 * n - 1;
        let at = 2 * self.cursor[0];
        let top = at.saturating_sub(rows / 2).min(total.saturating_sub(rows));
        let end = (top + rows).min(total);
        let samples = top / 2..end.div_ceil(2).min(n);
        let cells: Vec<[String; 5]> = samples
            .clone()
            .map(|i| {
                [
                    i.to_string(),
                    num(sp.x(i)),
                    num(self.f[[i]]),
                    self.model.d.get([i]).map_or(String::new(), |&d| num(d)),
                    num(self.model.g[[i]]),
                ]
            })
            .collect();
        let head = ["i", "x", "f", "diff", "gradient"];
        let mut cw = self.widths.get();
        for (k, h) in head.iter().enumerate() {
            cw[k] = cw[k].max(width(h));
        }
        for row in &cells {
            for (k, c) in row.iter().enumerate() {
                cw[k] = cw[k].max(width(c));
            }
        }
        self.widths.set(cw);
        let mut header = Line::from(
            head.iter()
                .zip(&cw)
                .map(|(h, &w)| Span::styled(format!("{}  ", right(h, w)), t.header))
                .chain([Span::styled("scheme", t.header)])
                .collect::<Vec<_>>(),
        );
        header.spans.insert(0, Span::raw("  "));
        let mut out = Vec::with_capacity(2 * cells.len());
        for (i, row) in samples.zip(&cells) {
            let here = i == self.cursor[0];
            let st = |s: Style| if here { selected(s) } else { s };
            let side = match i {
                0 => Side::Forward,
                _ if i == n - 1 => Side::Backward,
                _ => Side::Central,
            };
            let label = Scheme {
                side,
                order: if side == Side::Central {
                    2
                } else {
                    self.edge_order.edge_accuracy()
                },
                uniform: sp.uniform.is_some(),
            }
            .short();
            out.push(Line::from(vec![
                Span::styled(if here { "▶ " } else { "  " }, t.title),
                Span::styled(format!("{}  ", right(&row[0], cw[0])), st(t.index)),
                Span::styled(format!("{}  ", right(&row[1], cw[1])), st(t.index)),
                Span::styled(format!("{}  ", right(&row[2], cw[2])), st(t.value)),
                Span::styled(" ".repeat(cw[3] + 2), st(t.value)),
                Span::styled(format!("{}  ", right(&row[4], cw[4])), st(t.gradient)),
                Span::styled(label, st(t.scheme)),
            ]));
            if i + 1 < n {
                let pad = 2 + cw[0] + cw[1] + cw[2] + 6;
                out.push(Line::from(vec![
                    Span::raw(" ".repeat(pad)),
                    Span::styled(right(&row[3], cw[3]), t.diff),
                ]));
            }
        }
        // The first sample's line may be above the view (its diff line is
        // the top one).
        let skip = top - 2 * (top / 2);
        (header, out.into_iter().skip(skip).take(rows).collect())
    }
}
