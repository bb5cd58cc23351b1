//! The `compare` table: samples on their rows, diffs on the rows between.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text::{left, para, render_lines, right, width};
use super::{Draw, THEME, Theme};
use crate::views::{Block, Compare, Status, num, shape_text};

/// Cross-sections longer than this print their first 3 and last element.
const MAX_SECTION: usize = 5;

fn cell(v: &[f64]) -> String {
    if v.len() == 1 {
        return num(v[0]);
    }
    let items: Vec<String> = if v.len() > MAX_SECTION {
        let mut s: Vec<String> = v[..3].iter().map(|&x| num(x)).collect();
        s.push("…".into());
        s.push(num(v[v.len() - 1]));
        s
    } else {
        v.iter().map(|&x| num(x)).collect()
    };
    format!("[{}]", items.join(" "))
}

impl Compare {
    fn lines(&self, width: u16, theme: &Theme) -> Vec<Line<'static>> {
        let w = usize::from(width);
        let mut out = Vec::new();
        let f_meta = format!("f {} {}", shape_text(&self.shape), self.dtype.name());
        if self.shape.len() == 1 {
            let b = &self.blocks[0];
            let head = format!(
                "{f_meta} → diff {} {}, gradient {} {}",
                shape_text(&b.diff_shape),
                b.diff_dtype.name(),
                shape_text(&self.shape),
                b.grad_dtype.name()
            );
            out.extend(para(
                Span::styled("compare  ", theme.title),
                &head,
                w,
                theme.title,
            ));
        } else {
            out.extend(para(
                Span::styled("compare  ", theme.title),
                &f_meta,
                w,
                theme.title,
            ));
        }
        if self.shape.len() > 1 {
            out.push(Line::styled(
                format!("edge_order = {}", self.edge_order),
                theme.note,
            ));
        }
        for b in &self.blocks {
            if self.shape.len() > 1 {
                out.push(Line::default());
                let g = if b.tuple {
                    format!("gradient[{}]", b.component)
                } else {
                    "gradient".into()
                };
                let head = format!(
                    "axis {}: diff {} {}, {g} {} {}",
                    b.axis,
                    shape_text(&b.diff_shape),
                    b.diff_dtype.name(),
                    shape_text(&self.shape),
                    b.grad_dtype.name()
                );
                out.extend(para(Span::raw(""), &head, w, theme.title));
            }
            let spacing = if self.shape.len() == 1 {
                format!("edge_order = {}, {}", self.edge_order, b.spacing.describe())
            } else {
                b.spacing.describe()
            };
            out.extend(para(Span::raw(""), &spacing, w, theme.note));
            out.push(Line::default());
            out.extend(table(b, self.shape.len(), w, theme));
            out.push(Line::default());
            out.push(Line::styled("identities", theme.header));
            for id in &b.identities {
                let (mark, style, why) = match &id.status {
                    Status::Holds(s) => ("✓ holds          ", theme.holds, s),
                    Status::Fails(s) => ("✗ does not hold  ", theme.fails, s),
                    Status::NotApplicable(s) => ("– not applicable ", theme.not_applicable, s),
                };
                out.extend(para(
                    Span::styled(format!("  {mark}"), style),
                    &id.statement,
                    w,
                    theme.value,
                ));
                if !why.is_empty() {
                    out.extend(para(Span::raw(" ".repeat(19)), why, w, theme.note));
                }
            }
        }
        out
    }
}

fn table(b: &Block, ndim: usize, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let (fh, gh) = if ndim == 1 {
        ("f".to_string(), "gradient".to_string())
    } else {
        let sel: Vec<&str> = (0..ndim)
            .map(|d| if d == b.axis { "i" } else { ":" })
            .collect();
        (format!("f[{}]", sel.join(", ")), "gradient".to_string())
    };
    let head = ["i".to_string(), "x".into(), fh, "diff".into(), gh];
    let rows: Vec<[String; 5]> = b
        .rows
        .iter()
        .map(|r| {
            [
                r.i.to_string(),
                num(r.x),
                cell(&r.f),
                r.diff_after.as_deref().map_or(String::new(), cell),
                cell(&r.g),
            ]
        })
        .collect();
    let mut cw: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for r in &rows {
        for (k, c) in r.iter().enumerate() {
            cw[k] = cw[k].max(width(c));
        }
    }
    let long = b
        .rows
        .iter()
        .map(|r| width(&r.scheme.label()))
        .max()
        .unwrap_or(0);
    let short = b
        .rows
        .iter()
        .map(|r| width(&r.scheme.short()))
        .max()
        .unwrap_or(0);
    let t = Table {
        block: b,
        head: &head,
        cells: &rows,
        cw: &cw,
        theme,
    };
    let used = |cols: &[usize]| cols.iter().map(|&k| cw[k] + 2).sum::<usize>();
    let all = [I, X, F, DIFF, GRAD];
    let (mut out, short_labels) = if used(&all) + long <= w {
        (t.part(&all, Some(false)), false)
    } else if used(&all) + short <= w {
        (t.part(&all, Some(true)), true)
    } else {
        // Too wide for one table: the samples and their diffs, then the
        // gradient with its scheme, each keeping the index column.
        let short_labels = used(&[I, GRAD]) + long > w;
        let mut out = t.part(&[I, X, F, DIFF], None);
        out.push(Line::default());
        out.extend(t.part(&[I, GRAD], Some(short_labels)));
        (out, short_labels)
    };
    if short_labels {
        out.extend(para(
            Span::raw(""),
            "scheme: fwd/ctr/bwd = forward/central/backward, 1/2 = order, nu = non-uniform",
            w,
            theme.note,
        ));
    }
    out
}

/// Column indices of the table.
const I: usize = 0;
const X: usize = 1;
const F: usize = 2;
const DIFF: usize = 3;
const GRAD: usize = 4;

/// One block's table: headers, cell texts and column widths.
struct Table<'a> {
    block: &'a Block,
    head: &'a [String; 5],
    cells: &'a [[String; 5]],
    cw: &'a [usize],
    theme: &'a Theme,
}

impl Table<'_> {
    /// The table of columns `cols` (the diff, if among them, on the lines
    /// between samples), with the scheme column last when `scheme` says
    /// whether its labels are short.
    fn part(&self, cols: &[usize], scheme: Option<bool>) -> Vec<Line<'static>> {
        let (theme, cw) = (self.theme, self.cw);
        let styles = [
            theme.index,
            theme.index,
            theme.value,
            theme.diff,
            theme.gradient,
        ];
        let mut header: Vec<Span<'static>> = cols
            .iter()
            .map(|&k| Span::styled(format!("{}  ", right(&self.head[k], cw[k])), theme.header))
            .collect();
        if scheme.is_some() {
            header.push(Span::styled("scheme", theme.header));
        }
        let mut out = vec![Line::from(header)];
        // Where the diff column starts, for the lines between samples.
        let pad: usize = cols
            .iter()
            .take_while(|&&k| k != DIFF)
            .map(|&k| cw[k] + 2)
            .sum();
        for (r, cells) in self.block.rows.iter().zip(self.cells) {
            let mut spans: Vec<Span<'static>> = cols
                .iter()
                .map(|&k| match k {
                    DIFF => Span::raw(" ".repeat(cw[k] + 2)),
                    _ => Span::styled(format!("{}  ", right(&cells[k], cw[k])), styles[k]),
                })
                .collect();
            if let Some(short) = scheme {
                let label = if short {
                    r.scheme.short()
                } else {
                    r.scheme.label()
                };
                spans.push(Span::styled(label, theme.scheme));
            }
            out.push(Line::from(spans));
            if r.diff_after.is_some() && cols.contains(&DIFF) {
                out.push(Line::from(vec![
                    Span::raw(" ".repeat(pad)),
                    Span::styled(right(&cells[DIFF], cw[DIFF]), theme.diff),
                ]));
            }
            if r.skipped_after > 0 {
                out.push(Line::styled(
                    format!(
                        "{}  … {} rows not shown …",
                        left("", cw[I]),
                        r.skipped_after
                    ),
                    theme.note,
                ));
            }
        }
        out
    }
}

line_view!(Compare);
