//! Figures, axes and the artists they hold, as data: what `plt.*` calls
//! build and what `savefig` and the terminal draw.

mod axis;
mod draw;

use super::cmap::Colormap;
use super::style::{Color, LineStyle, Marker};

/// An axis scale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scale {
    #[default]
    Linear,
    Log,
}

/// A line from `plot`.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub color: Color,
    pub style: LineStyle,
    pub marker: Option<Marker>,
    pub width: f64,
    pub label: Option<String>,
}

/// Points from `scatter`.
#[derive(Clone, Debug, PartialEq)]
pub struct Scatter {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub color: Color,
    pub marker: Marker,
    pub label: Option<String>,
}

/// Bars from `bar`.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub x: Vec<f64>,
    pub height: Vec<f64>,
    pub width: f64,
    pub color: Color,
    pub label: Option<String>,
}

/// A line across the axes from `axhline` (`vertical` for `axvline`).
#[derive(Clone, Debug, PartialEq)]
pub struct HLine {
    pub at: f64,
    pub vertical: bool,
    pub color: Color,
    pub style: LineStyle,
    pub label: Option<String>,
}

/// An image from `imshow`: a 2-D array through a colormap, or RGB(A)
/// pixels as they are.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageArtist {
    /// `[rows, cols]` or `[rows, cols, 3 or 4]`.
    pub shape: Vec<usize>,
    pub data: Vec<f64>,
    pub cmap: Colormap,
    pub vmin: f64,
    pub vmax: f64,
}

/// Arrows from `quiver(X, Y, U, V)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Quiver {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub u: Vec<f64>,
    pub v: Vec<f64>,
    pub color: Color,
}

/// Anything drawn in axes.
#[derive(Clone, Debug, PartialEq)]
pub enum Artist {
    Line(Line),
    Scatter(Scatter),
    Bar(Bar),
    HLine(HLine),
    Image(ImageArtist),
    Quiver(Quiver),
}

impl Artist {
    /// The legend label, when the artist has one (matplotlib skips labels
    /// starting with `_`).
    pub fn label(&self) -> Option<&str> {
        let l = match self {
            Artist::Line(a) => a.label.as_deref(),
            Artist::Scatter(a) => a.label.as_deref(),
            Artist::Bar(a) => a.label.as_deref(),
            Artist::HLine(a) => a.label.as_deref(),
            Artist::Image(_) | Artist::Quiver(_) => None,
        };
        l.filter(|s| !s.starts_with('_'))
    }

    /// The artist's colour (images have none).
    pub fn color(&self) -> Option<Color> {
        Some(match self {
            Artist::Line(a) => a.color,
            Artist::Scatter(a) => a.color,
            Artist::Bar(a) => a.color,
            Artist::HLine(a) => a.color,
            Artist::Quiver(a) => a.color,
            Artist::Image(_) => return None,
        })
    }
}

/// One set of axes: artists, labels and axis settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Axes {
    pub artists: Vec<Artist>,
    pub title: String,
    pub xlabel: String,
    pub ylabel: String,
    pub legend: bool,
    pub grid: bool,
    pub xlim: Option<(f64, f64)>,
    pub ylim: Option<(f64, f64)>,
    pub xscale: Scale,
    pub yscale: Scale,
    /// A colour bar for the image at this artist position.
    pub colorbar: Option<usize>,
    line_cycle: usize,
    patch_cycle: usize,
}

/// A figure: a grid of axes with a size in inches.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// `plt.figure(num)`'s number (1, 2, ...).
    pub number: usize,
    pub figsize: (f64, f64),
    pub dpi: f64,
    pub nrows: usize,
    pub ncols: usize,
    /// Row-major; a slot never used by `subplot` holds empty axes.
    pub axes: Vec<Axes>,
    pub suptitle: String,
}

impl Figure {
    /// A figure with one row and column of (not yet created) axes.
    pub fn new(number: usize, figsize: Option<(f64, f64)>, dpi: Option<f64>) -> Figure {
        Figure {
            number,
            figsize: figsize.unwrap_or((6.4, 4.8)),
            dpi: dpi.unwrap_or(100.0),
            nrows: 1,
            ncols: 1,
            axes: Vec::new(),
            suptitle: String::new(),
        }
    }

    /// The pixel size savefig draws at.
    pub fn pixel_size(&self) -> (u32, u32) {
        let px = |inches: f64| (inches * self.dpi).round().clamp(16.0, 8000.0) as u32;
        (px(self.figsize.0), px(self.figsize.1))
    }
}
