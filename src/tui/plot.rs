//! `plot`: a braille line chart with axes, bounds and a legend.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, LegendPosition, Widget};

use super::text::render_lines;
use super::{Draw, Theme};
use crate::views::{Plot, Scale};

/// Rows of the chart itself (axes and labels included).
const CHART_ROWS: u16 = 18;

/// Each series' marker and the glyph naming it in the legend, so lines are
/// told apart without colour.
const MARKERS: [(Marker, &str); 6] = [
    (Marker::Braille, "⠤"),
    (Marker::Dot, "•"),
    (Marker::Bar, "▄"),
    (Marker::Block, "█"),
    (Marker::HalfBlock, "▀"),
    (Marker::Quadrant, "▖"),
];

/// Axis labels at both ends and the middle: the ends exactly (compactly),
/// the middle rounded to the precision the range warrants (so `1.77e-5`
/// on a [−1, 1] axis reads `0`).
fn labels(b: [f64; 2]) -> Vec<Line<'static>> {
    let mid = (b[0] + b[1]) / 2.0;
    let digits = (2.0 - (b[1] - b[0]).log10().floor()).clamp(0.0, 12.0) as usize;
    let rounded: f64 = format!("{mid:.digits$}").parse().unwrap_or(mid);
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    [
        Scale::label(b[0]),
        Scale::label(rounded),
        Scale::label(b[1]),
    ]
    .into_iter()
    .map(Line::from)
    .collect()
}

impl Draw for Plot {
    fn height(&self, _width: u16) -> u16 {
        CHART_ROWS + u16::from(!self.title.is_empty())
    }

    fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        chart(self, None, area, buf, theme);
    }
}

/// Draws `plot` within `bounds` (`([xmin, xmax], [ymin, ymax])`, e.g. a
/// matplotlib axes' limits; points outside are clipped) or, without them,
/// within its data's bounds. A series with an empty label has no legend
/// entry.
pub(super) fn chart(
    plot: &Plot,
    bounds: Option<([f64; 2], [f64; 2])>,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let mut area = area;
    if !plot.title.is_empty() {
        render_lines(
            vec![Line::styled(plot.title.clone(), theme.title)],
            area,
            buf,
        );
        area.y += 1;
        area.height = area.height.saturating_sub(1);
    }
    // Braille gives two dots per column; decimate to that resolution.
    let columns = usize::from(area.width) * 2;
    let segments: Vec<Vec<Vec<(f64, f64)>>> = (0..plot.series.len())
        .map(|k| plot.segments(k, columns))
        .collect();
    let Some((bx, by)) = bounds.or_else(|| Plot::segment_bounds(&segments)) else {
        let msg = Line::styled("(nothing to plot: no finite points)", theme.note);
        render_lines(vec![msg], area, buf);
        return;
    };
    let mut datasets = Vec::new();
    for (k, (s, segs)) in plot.series.iter().zip(&segments).enumerate() {
        let (marker, glyph) = MARKERS[k % MARKERS.len()];
        let style = theme.series[k % theme.series.len()];
        let mut named = Dataset::default()
            .marker(marker)
            .graph_type(GraphType::Line)
            .style(style);
        if !s.label.is_empty() {
            named = named.name(Span::styled(format!("{glyph} {}", s.label), style));
        }
        match segs.split_first() {
            None => datasets.push(named),
            Some((first, rest)) => {
                datasets.push(named.data(first));
                for seg in rest {
                    datasets.push(
                        Dataset::default()
                            .marker(marker)
                            .graph_type(GraphType::Line)
                            .style(style)
                            .data(seg),
                    );
                }
            }
        }
    }
    Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds(bx)
                .labels(labels(bx))
                .style(theme.axis),
        )
        .y_axis(
            Axis::default()
                .bounds(by)
                .labels(labels(by))
                .style(theme.axis),
        )
        .legend_position(Some(LegendPosition::TopLeft))
        .hidden_legend_constraints((Constraint::Min(0), Constraint::Min(0)))
        .render(area, buf);
}
