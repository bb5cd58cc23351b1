//! A figure as JSON data, for `--json` view events and exports: every
//! axes with its labels, limits and artists (NaN as null).

use serde_json::{Value, json};

use super::figure::{Artist, Axes, Figure, Scale};
use super::style::{LineStyle, Marker};

fn nums(v: &[f64]) -> Value {
    Value::Array(
        v.iter()
            .map(|&x| if x.is_finite() { json!(x) } else { Value::Null })
            .collect(),
    )
}

fn style_name(s: LineStyle) -> &'static str {
    match s {
        LineStyle::Solid => "-",
        LineStyle::Dashed => "--",
        LineStyle::DashDot => "-.",
        LineStyle::Dotted => ":",
        LineStyle::None => "None",
    }
}

fn marker_name(m: Option<Marker>) -> Value {
    let name = match m {
        None => return Value::Null,
        Some(Marker::Point) => ".",
        Some(Marker::Pixel) => ",",
        Some(Marker::Circle) => "o",
        Some(Marker::TriangleDown) => "v",
        Some(Marker::TriangleUp) => "^",
        Some(Marker::Square) => "s",
        Some(Marker::Plus) => "+",
        Some(Marker::Cross) => "x",
        Some(Marker::Diamond) => "D",
        Some(Marker::Star) => "*",
    };
    json!(name)
}

fn artist(a: &Artist) -> Value {
    match a {
        Artist::Line(l) => json!({
            "kind": "line", "x": nums(&l.x), "y": nums(&l.y), "color": l.color.hex(),
            "linestyle": style_name(l.style), "marker": marker_name(l.marker), "label": l.label,
        }),
        Artist::Scatter(s) => json!({
            "kind": "scatter", "x": nums(&s.x), "y": nums(&s.y), "color": s.color.hex(),
            "marker": marker_name(Some(s.marker)), "label": s.label,
        }),
        Artist::Bar(b) => json!({
            "kind": "bar", "x": nums(&b.x), "height": nums(&b.height), "width": b.width,
            "color": b.color.hex(), "label": b.label,
        }),
        Artist::HLine(h) => json!({
            "kind": if h.vertical { "axvline" } else { "axhline" }, "at": h.at,
            "color": h.color.hex(), "linestyle": style_name(h.style), "label": h.label,
        }),
        Artist::Image(im) => json!({
            "kind": "image", "shape": im.shape, "cmap": im.cmap.name, "vmin": im.vmin,
            "vmax": im.vmax, "data": nums(&im.data),
        }),
        Artist::Quiver(q) => json!({
            "kind": "quiver", "x": nums(&q.x), "y": nums(&q.y), "u": nums(&q.u), "v": nums(&q.v),
        }),
    }
}

fn scale(s: Scale) -> &'static str {
    match s {
        Scale::Linear => "linear",
        Scale::Log => "log",
    }
}

fn axes(ax: &Axes) -> Value {
    let ((x0, x1), (y0, y1)) = ax.limits();
    json!({
        "title": ax.title, "xlabel": ax.xlabel, "ylabel": ax.ylabel,
        "xlim": [x0, x1], "ylim": [y0, y1], "xscale": scale(ax.xscale), "yscale": scale(ax.yscale),
        "grid": ax.grid, "legend": ax.legend, "colorbar": ax.colorbar.is_some(),
        "artists": ax.artists.iter().map(artist).collect::<Vec<_>>(),
    })
}

impl Figure {
    /// The figure as JSON: size, grid, and each axes' settings and artists.
    pub fn to_json(&self) -> Value {
        json!({
            "number": self.number, "figsize": [self.figsize.0, self.figsize.1],
            "nrows": self.nrows, "ncols": self.ncols, "suptitle": self.suptitle,
            "axes": self.axes.iter().map(axes).collect::<Vec<_>>(),
        })
    }
}
