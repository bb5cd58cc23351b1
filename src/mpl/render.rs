//! `savefig`: a figure drawn with plotters into PNG or SVG. Log axes are
//! drawn as log10 of the data with `1e{k}` tick labels, images with row 0
//! at the top, colour bars beside their axes.

use std::path::Path;
use std::sync::Once;

use plotters::chart::SeriesAnno;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::series::DashedLineSeries;

use super::figure::{Artist, Axes, Figure, Scale};
use super::style::{Color as MplColor, LineStyle, Marker};
use super::ticks::tick_label;
use super::{Error, Result};

/// The file formats savefig writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Svg,
}

impl ImageFormat {
    /// The format of `path`'s extension (`fig.png`, `fig.svg`).
    ///
    /// # Errors
    /// matplotlib's `ValueError` for other formats.
    pub fn from_path(path: &Path) -> Result<ImageFormat> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("png") | None => Ok(ImageFormat::Png),
            Some("svg") => Ok(ImageFormat::Svg),
            Some(other) => Err(Error::value(format!(
                "Format '{other}' is not supported (supported formats: png, svg)"
            ))),
        }
    }
}

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // DejaVu Sans is matplotlib's default font too.
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            dejavu::sans::regular(),
        );
    });
}

fn rgb(c: MplColor) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

type DrawResult<T, DB> =
    std::result::Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// `plt.savefig(path)` of `fig`, written atomically.
///
/// # Errors
/// An unsupported format; Python's I/O errors.
pub fn savefig(fig: &Figure, path: &Path) -> Result<()> {
    let bytes = render_figure(fig, ImageFormat::from_path(path)?)?;
    Ok(crate::io::write_bytes(path, &bytes)?)
}

/// The figure as PNG bytes or SVG text.
///
/// # Errors
/// A drawing failure (reported as `ValueError`).
pub fn render_figure(fig: &Figure, format: ImageFormat) -> Result<Vec<u8>> {
    register_font();
    let (w, h) = fig.pixel_size();
    let fail = |e: String| Error::value(format!("savefig could not draw the figure: {e}"));
    match format {
        ImageFormat::Png => {
            let mut buf = vec![255u8; (w * h * 3) as usize];
            {
                let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
                draw_figure(&root, fig).map_err(|e| fail(e.to_string()))?;
                root.present().map_err(|e| fail(e.to_string()))?;
            }
            let mut out = Vec::new();
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            let mut writer = enc.write_header().map_err(|e| fail(e.to_string()))?;
            writer
                .write_image_data(&buf)
                .map_err(|e| fail(e.to_string()))?;
            drop(writer);
            Ok(out)
        }
        ImageFormat::Svg => {
            let mut text = String::new();
            {
                let root = SVGBackend::with_string(&mut text, (w, h)).into_drawing_area();
                draw_figure(&root, fig).map_err(|e| fail(e.to_string()))?;
                root.present().map_err(|e| fail(e.to_string()))?;
            }
            Ok(text.into_bytes())
        }
    }
}

fn draw_figure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    fig: &Figure,
) -> DrawResult<(), DB> {
    root.fill(&WHITE)?;
    let area = if fig.suptitle.is_empty() {
        root.clone()
    } else {
        root.titled(&fig.suptitle, ("sans-serif", 20))?
    };
    let cells = area.split_evenly((fig.nrows.max(1), fig.ncols.max(1)));
    for (ax, cell) in fig.axes.iter().zip(cells) {
        draw_axes(&cell, ax)?;
    }
    Ok(())
}

/// Data value → drawn coordinate (log10 on log axes).
fn tx(v: f64, scale: Scale) -> f64 {
    match scale {
        Scale::Linear => v,
        Scale::Log => v.log10(),
    }
}

fn draw_axes<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ax: &Axes) -> DrawResult<(), DB> {
    let image = ax.colorbar.and_then(|i| match ax.artists.get(i) {
        Some(Artist::Image(im)) => Some(im.clone()),
        _ => None,
    });
    let (plot_area, bar_area) = if image.is_some() {
        let (w, _) = area.dim_in_pixel();
        let (a, b) = area.split_horizontally(w * 85 / 100);
        (a, Some(b))
    } else {
        (area.clone(), None)
    };
    let ((x0, x1), (y0, y1)) = ax.limits();
    let (x0, x1) = (tx(x0, ax.xscale), tx(x1, ax.xscale));
    let (y0, y1) = (tx(y0, ax.yscale), tx(y1, ax.yscale));
    // Images come with y running downwards; draw rows flipped instead.
    let flipped = y0 > y1;
    let (ylo, yhi) = if flipped { (y1, y0) } else { (y0, y1) };
    let fy = move |y: f64| if flipped { ylo + yhi - y } else { y };
    let mut chart = ChartBuilder::on(&plot_area)
        .caption(&ax.title, ("sans-serif", 16))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(x0.min(x1)..x0.max(x1), ylo..yhi)?;
    let label = |v: f64, scale: Scale| match scale {
        Scale::Linear => tick_label(v),
        Scale::Log => format!("1e{}", tick_label(v)),
    };
    let xfmt = |v: &f64| label(*v, ax.xscale);
    let yfmt = |v: &f64| label(fy(*v), ax.yscale);
    let mut mesh = chart.configure_mesh();
    mesh.x_desc(&ax.xlabel)
        .y_desc(&ax.ylabel)
        .x_label_formatter(&xfmt)
        .y_label_formatter(&yfmt)
        .label_style(("sans-serif", 12));
    // matplotlib's grid is one line per major tick, no minor lines.
    mesh.max_light_lines(0).bold_line_style(BLACK.mix(0.15));
    if !ax.grid {
        mesh.disable_mesh();
    }
    mesh.draw()?;
    let (xs, ys) = (ax.xscale, ax.yscale);
    let point = |x: f64, y: f64| (tx(x, xs), fy(tx(y, ys)));
    for artist in &ax.artists {
        let color = artist.color().map(rgb).unwrap_or(BLACK);
        let legend_color = color;
        let anno = match artist {
            Artist::Line(l) => {
                let style = color.stroke_width(l.width.round().max(1.0) as u32);
                let mut last = None;
                for seg in segments(&l.x, &l.y) {
                    let pts: Vec<(f64, f64)> = seg.iter().map(|&(x, y)| point(x, y)).collect();
                    last = Some(match l.style {
                        LineStyle::None => continue,
                        LineStyle::Solid => chart.draw_series(LineSeries::new(pts, style))?,
                        LineStyle::Dashed | LineStyle::DashDot => {
                            chart.draw_series(DashedLineSeries::new(pts, 8, 5, style))?
                        }
                        LineStyle::Dotted => {
                            chart.draw_series(DashedLineSeries::new(pts, 2, 4, style))?
                        }
                    });
                }
                if let Some(m) = l.marker {
                    let pts: Vec<(f64, f64)> =
                        l.x.iter()
                            .zip(&l.y)
                            .filter(|(x, y)| x.is_finite() && y.is_finite())
                            .map(|(&x, &y)| point(x, y))
                            .collect();
                    last = Some(draw_markers(&mut chart, &pts, m, color)?);
                }
                last
            }
            Artist::Scatter(s) => {
                let pts: Vec<(f64, f64)> =
                    s.x.iter()
                        .zip(&s.y)
                        .filter(|(x, y)| x.is_finite() && y.is_finite())
                        .map(|(&x, &y)| point(x, y))
                        .collect();
                Some(draw_markers(&mut chart, &pts, s.marker, color)?)
            }
            Artist::Bar(b) => {
                let rects: Vec<Rectangle<(f64, f64)>> =
                    b.x.iter()
                        .zip(&b.height)
                        .map(|(&x, &h)| {
                            Rectangle::new(
                                [point(x - b.width / 2.0, 0.0), point(x + b.width / 2.0, h)],
                                color.filled(),
                            )
                        })
                        .collect();
                Some(chart.draw_series(rects)?)
            }
            Artist::HLine(h) => {
                let pts = if h.vertical {
                    vec![(tx(h.at, xs), ylo), (tx(h.at, xs), yhi)]
                } else {
                    vec![(x0, fy(tx(h.at, ys))), (x1, fy(tx(h.at, ys)))]
                };
                Some(match h.style {
                    LineStyle::Solid | LineStyle::None => {
                        chart.draw_series(LineSeries::new(pts, color.stroke_width(1)))?
                    }
                    _ => chart.draw_series(DashedLineSeries::new(
                        pts,
                        8,
                        5,
                        color.stroke_width(1),
                    ))?,
                })
            }
            Artist::Image(im) => {
                let (rows, cols) = (im.shape[0], im.shape[1]);
                let ch = im.shape.get(2).copied().unwrap_or(1);
                let rects = (0..rows)
                    .flat_map(|r| (0..cols).map(move |c| (r, c)))
                    .filter_map(|(r, c)| {
                        let k = (r * cols + c) * ch;
                        let fill = if ch == 1 {
                            im.cmap.map(im.data[k], im.vmin, im.vmax).map(rgb)?
                        } else {
                            let px = |i: usize| (im.data[k + i].clamp(0.0, 1.0) * 255.0) as u8;
                            RGBColor(px(0), px(1), px(2))
                        };
                        let (x, y) = (c as f64, fy(r as f64));
                        Some(Rectangle::new(
                            [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
                            fill.filled(),
                        ))
                    });
                chart.draw_series(rects)?;
                None
            }
            Artist::Quiver(q) => {
                let scale = quiver_scale(&q.x, &q.y, &q.u, &q.v);
                let mut paths = Vec::new();
                for i in 0..q.x.len() {
                    let (x, y, u, v) = (q.x[i], q.y[i], q.u[i] * scale, q.v[i] * scale);
                    if !(x.is_finite() && y.is_finite() && u.is_finite() && v.is_finite()) {
                        continue;
                    }
                    let tip = (x + u, y + v);
                    let back = |ang: f64| {
                        let (s, c) = ang.sin_cos();
                        (tip.0 - 0.3 * (u * c - v * s), tip.1 - 0.3 * (u * s + v * c))
                    };
                    paths.push(PathElement::new(
                        vec![point(x, y), point(tip.0, tip.1)],
                        color.stroke_width(1),
                    ));
                    paths.push(PathElement::new(
                        vec![
                            point(back(0.4).0, back(0.4).1),
                            point(tip.0, tip.1),
                            point(back(-0.4).0, back(-0.4).1),
                        ],
                        color.stroke_width(1),
                    ));
                }
                chart.draw_series(paths)?;
                None
            }
        };
        if let (Some(anno), Some(text)) = (anno, artist.label()) {
            anno.label(text).legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], legend_color.stroke_width(2))
            });
        }
    }
    if ax.legend && ax.artists.iter().any(|a| a.label().is_some()) {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK.mix(0.3))
            .label_font(("sans-serif", 12))
            .draw()?;
    }
    if let (Some(im), Some(bar)) = (image, bar_area) {
        let mut cb = ChartBuilder::on(&bar)
            .margin(12)
            .margin_top(40)
            .y_label_area_size(0)
            .right_y_label_area_size(50)
            .x_label_area_size(40)
            .build_cartesian_2d(0.0..1.0, im.vmin.min(im.vmax)..im.vmax.max(im.vmin + 1e-12))?;
        cb.configure_mesh()
            .disable_mesh()
            .disable_x_axis()
            .y_label_formatter(&|v: &f64| tick_label(*v))
            .label_style(("sans-serif", 12))
            .draw()?;
        let span = im.vmax - im.vmin;
        cb.draw_series((0..256).map(|i| {
            let (a, b) = (
                im.vmin + span * i as f64 / 256.0,
                im.vmin + span * (i + 1) as f64 / 256.0,
            );
            Rectangle::new([(0.0, a), (1.0, b)], rgb(im.cmap.entry(i)).filled())
        }))?;
    }
    Ok(())
}

type Chart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

fn draw_markers<'a, 'b, DB: DrawingBackend + 'a>(
    chart: &'b mut Chart<'a, DB>,
    pts: &[(f64, f64)],
    marker: Marker,
    color: RGBColor,
) -> DrawResult<&'b mut SeriesAnno<'a, DB>, DB> {
    let style = color.filled();
    let size = if matches!(marker, Marker::Point | Marker::Pixel) {
        2
    } else {
        4
    };
    match marker {
        Marker::Square | Marker::Diamond => {
            chart.draw_series(pts.iter().map(|&p| {
                EmptyElement::at(p) + Rectangle::new([(-size, -size), (size, size)], style)
            }))
        }
        Marker::TriangleUp | Marker::TriangleDown => {
            chart.draw_series(pts.iter().map(|&p| TriangleMarker::new(p, size + 1, style)))
        }
        Marker::Plus | Marker::Cross | Marker::Star => chart.draw_series(
            pts.iter()
                .map(|&p| Cross::new(p, size, color.stroke_width(2))),
        ),
        _ => chart.draw_series(pts.iter().map(|&p| Circle::new(p, size, style))),
    }
}

/// Runs of finite points (a NaN breaks a line, as in matplotlib).
fn segments(x: &[f64], y: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mut out = vec![Vec::new()];
    for (&a, &b) in x.iter().zip(y) {
        if a.is_finite() && b.is_finite() {
            if let Some(s) = out.last_mut() {
                s.push((a, b));
            }
        } else if out.last().is_some_and(|s| !s.is_empty()) {
            out.push(Vec::new());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Arrow scale: the longest arrow spans about one grid spacing.
fn quiver_scale(x: &[f64], y: &[f64], u: &[f64], v: &[f64]) -> f64 {
    let span = |a: &[f64]| {
        let lo = a
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(f64::INFINITY, f64::min);
        let hi = a
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(f64::NEG_INFINITY, f64::max);
        if hi > lo { hi - lo } else { 1.0 }
    };
    let n = (x.len() as f64).sqrt().max(1.0);
    let spacing = span(x).max(span(y)) / n;
    let longest = u
        .iter()
        .zip(v)
        .map(|(a, b)| a.hypot(*b))
        .filter(|m| m.is_finite())
        .fold(0.0, f64::max);
    if longest > 0.0 {
        0.9 * spacing / longest
    } else {
        1.0
    }
}
