//! A matplotlib figure (`plt.show()`) in the terminal: its axes one under
//! the other, each drawn with the classroom drawings — lines, markers,
//! bars and arrows as a braille chart (`plot`), images as a heat map —
//! with the axes' title, labels and the figure's title as text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::plot::chart;
use super::text::render_lines;
use super::{Draw, Theme};
use crate::mpl::{Artist, Axes, Figure, Scale};
use crate::views::{Heatmap, Plot, Series};

/// One block of the drawing.
enum Part {
    Text(Vec<Line<'static>>),
    /// A chart and the axes' limits it is drawn within.
    Plot(Plot, ([f64; 2], [f64; 2])),
    Heatmap(Heatmap),
}

impl Part {
    fn draw(&self) -> Option<&dyn Draw> {
        match self {
            Part::Text(_) => None,
            Part::Plot(p, _) => Some(p),
            Part::Heatmap(h) => Some(h),
        }
    }

    fn height(&self, width: u16) -> u16 {
        match self {
            Part::Text(lines) => lines.len() as u16,
            _ => self.draw().map_or(0, |d| d.height(width)),
        }
    }
}

/// `log10` of the values on a log axis (non-positive values drop out, as
/// matplotlib masks them).
fn scaled(v: &[f64], scale: Scale) -> Vec<f64> {
    match scale {
        Scale::Linear => v.to_vec(),
        Scale::Log => v
            .iter()
            .map(|&x| if x > 0.0 { x.log10() } else { f64::NAN })
            .collect(),
    }
}

/// The series a chart of `ax`'s line-like artists shows. As in matplotlib,
/// only an axes whose `legend()` was called has a legend, listing the
/// artists with a label (not starting with `_`).
fn series(ax: &Axes) -> Vec<Series> {
    let ((x0, x1), (y0, y1)) = ax.limits();
    let mut out = Vec::new();
    let name = |label: Option<&str>| match label {
        Some(l) if ax.legend && !l.starts_with('_') => l.to_string(),
        _ => String::new(),
    };
    for a in &ax.artists {
        let (label, x, y) = match a {
            Artist::Line(l) => (name(l.label.as_deref()), l.x.clone(), l.y.clone()),
            Artist::Scatter(s) => (name(s.label.as_deref()), s.x.clone(), s.y.clone()),
            Artist::Bar(b) => {
                // Each bar as an up-and-down stroke from 0.
                let (mut x, mut y) = (Vec::new(), Vec::new());
                for (&c, &h) in b.x.iter().zip(&b.height) {
                    x.extend([c, c, c, f64::NAN]);
                    y.extend([0.0, h, 0.0, f64::NAN]);
                }
                (name(b.label.as_deref()), x, y)
            }
            Artist::HLine(h) if h.vertical => {
                (name(h.label.as_deref()), vec![h.at, h.at], vec![y0, y1])
            }
            Artist::HLine(h) => (name(h.label.as_deref()), vec![x0, x1], vec![h.at, h.at]),
            Artist::Quiver(q) => {
                // Arrows scaled so the longest spans most of a grid step.
                let longest =
                    q.u.iter()
                        .zip(&q.v)
                        .map(|(u, v)| u.hypot(*v))
                        .filter(|m| m.is_finite())
                        .fold(0.0, f64::max);
                let step = ((x1 - x0).abs().max((y1 - y0).abs())
                    / (q.x.len() as f64).sqrt().max(1.0))
                .max(f64::MIN_POSITIVE);
                let k = if longest > 0.0 {
                    0.9 * step / longest
                } else {
                    0.0
                };
                let (mut x, mut y) = (Vec::new(), Vec::new());
                for i in 0..q.x.len() {
                    x.extend([q.x[i], q.x[i] + k * q.u[i], f64::NAN]);
                    y.extend([q.y[i], q.y[i] + k * q.v[i], f64::NAN]);
                }
                (String::new(), x, y)
            }
            Artist::Image(_) => continue,
        };
        out.push(Series {
            label,
            x: scaled(&x, ax.xscale),
            y: scaled(&y, ax.yscale),
        });
    }
    out
}

/// The axes' limits (`xlim`/`ylim` where set, else the data's with
/// matplotlib's margins) in drawing coordinates: log10 on a log axis,
/// ascending (the terminal chart cannot flip an axis), never empty.
fn bounds(ax: &Axes) -> ([f64; 2], [f64; 2]) {
    let (x, y) = ax.limits();
    let one = |(a, b): (f64, f64), scale: Scale| {
        let s = scaled(&[a, b], scale);
        let (lo, hi) = (s[0].min(s[1]), s[0].max(s[1]));
        if !(lo.is_finite() && hi.is_finite()) {
            [0.0, 1.0]
        } else if lo == hi {
            let d = lo.abs().max(1.0) * 0.05;
            [lo - d, hi + d]
        } else {
            [lo, hi]
        }
    };
    (one(x, ax.xscale), one(y, ax.yscale))
}

/// An image artist's values as a heat map (RGB(A) as grey levels).
fn image(ax: &Axes, title: &str) -> Option<Heatmap> {
    let img = ax.artists.iter().rev().find_map(|a| match a {
        Artist::Image(i) => Some(i),
        _ => None,
    })?;
    let (rows, cols) = (img.shape[0], img.shape[1]);
    let data = match img.shape.get(2) {
        None => img.data.clone(),
        Some(&c) => img
            .data
            .chunks(c)
            .map(|p| (p[0] + p[1] + p[2]) / 3.0)
            .collect(),
    };
    Some(Heatmap {
        title: title.to_string(),
        rows,
        cols,
        data,
    })
}

fn axis_note(ax: &Axes) -> Option<String> {
    let part = |what: &str, label: &str, scale: Scale| {
        let log = if scale == Scale::Log { " (log10)" } else { "" };
        (!label.is_empty() || !log.is_empty()).then(|| format!("{what}: {label}{log}"))
    };
    let parts: Vec<String> = [
        part("x", &ax.xlabel, ax.xscale),
        part("y", &ax.ylabel, ax.yscale),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join("   "))
}

fn parts(fig: &Figure, theme: &Theme) -> Vec<Part> {
    let mut out = Vec::new();
    if !fig.suptitle.is_empty() {
        out.push(Part::Text(vec![Line::styled(
            fig.suptitle.clone(),
            theme.title,
        )]));
    }
    for (k, ax) in fig.axes.iter().enumerate() {
        if fig.axes.len() > 1 {
            let (r, c) = (k / fig.ncols.max(1), k % fig.ncols.max(1));
            out.push(Part::Text(vec![Line::styled(
                format!("[axes {}, {}]", r + 1, c + 1),
                theme.note,
            )]));
        }
        let series = series(ax);
        let picture = image(ax, &ax.title);
        if let Some(h) = picture {
            out.push(Part::Heatmap(h));
        }
        if !series.is_empty() || ax.artists.is_empty() {
            if series.is_empty() {
                let mut lines = Vec::new();
                if !ax.title.is_empty() {
                    lines.push(Line::styled(ax.title.clone(), theme.title));
                }
                lines.push(Line::styled("(empty axes)", theme.note));
                out.push(Part::Text(lines));
            } else {
                let title = if ax.artists.iter().any(|a| matches!(a, Artist::Image(_))) {
                    String::new()
                } else {
                    ax.title.clone()
                };
                out.push(Part::Plot(Plot { title, series }, bounds(ax)));
            }
        }
        if let Some(note) = axis_note(ax) {
            out.push(Part::Text(vec![Line::styled(note, theme.note)]));
        }
    }
    if out.is_empty() {
        out.push(Part::Text(vec![Line::styled("(empty figure)", theme.note)]));
    }
    out
}

impl Draw for Figure {
    fn height(&self, width: u16) -> u16 {
        parts(self, &super::THEME)
            .iter()
            .map(|p| p.height(width))
            .sum()
    }

    fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let mut y = area.y;
        for part in parts(self, theme) {
            let h = part.height(area.width).min(area.bottom().saturating_sub(y));
            let sub = Rect::new(area.x, y, area.width, h);
            match &part {
                Part::Text(lines) => render_lines(lines.clone(), sub, buf),
                Part::Plot(plot, bounds) => chart(plot, Some(*bounds), sub, buf, theme),
                other => {
                    if let Some(d) = other.draw() {
                        d.render(sub, buf, theme);
                    }
                }
            }
            y += h;
        }
    }
}
