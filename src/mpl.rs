//! matplotlib's pyplot model, without an evaluator or a terminal: figures
//! of axes holding artists (lines with format strings, scatter, bars,
//! horizontal lines, images with colour bars, quiver arrows), the pyplot
//! state machine that `plt.*` calls drive, `savefig` to PNG/SVG through
//! plotters, and `imread`/`imsave` with matplotlib's colormap tables.
//!
//! ```
//! use gradlab::mpl::{LineKw, Pyplot};
//! let mut plt = Pyplot::default();
//! let ax = plt.gca();
//! plt.axes_mut(ax).plot(Some(vec![0.0, 1.0, 2.0]), vec![0.0, 1.0, 4.0], Some("o-"), &LineKw::default()).unwrap();
//! plt.axes_mut(ax).set_title("falling");
//! let figures = plt.show();
//! assert_eq!(figures.len(), 1);
//! assert_eq!(figures[0].axes[0].title, "falling");
//! ```
//!
//! Data are plain `Vec<f64>` (with a shape where it matters), so the seam
//! to the array layer is a copy.

mod cmap;
mod cmap_data;
mod figure;
mod image;
mod json;
mod pyplot;
mod render;
mod style;
mod ticks;

pub use cmap::Colormap;
pub use figure::{Artist, Axes, Bar, Figure, HLine, ImageArtist, Line, Quiver, Scale, Scatter};
pub use image::{Image, ImageData, imread, imsave};
pub use pyplot::{AxesId, Close, Pyplot};
pub use render::{ImageFormat, render_figure, savefig};
pub use style::{Color, LineKw, LineStyle, Marker, parse_fmt};
pub use ticks::{log_ticks, nice_ticks, tick_label};

/// The pyplot calls gradlab carries out; anything else is a
/// `NotImplementedError` that lists them ([`not_implemented`]).
pub const SUPPORTED: &[&str] = &[
    "plot",
    "scatter",
    "bar",
    "axhline",
    "axvline",
    "imshow",
    "colorbar",
    "quiver",
    "xlabel",
    "ylabel",
    "title",
    "suptitle",
    "legend",
    "grid",
    "xlim",
    "ylim",
    "xscale",
    "yscale",
    "figure",
    "subplots",
    "subplot",
    "gca",
    "gcf",
    "show",
    "close",
    "savefig",
    "imread",
    "imsave",
    "tight_layout",
];

/// The Python exception class of an [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    ValueError,
    TypeError,
    IndexError,
    NotImplementedError,
    /// A file error, with the class Python's `open` gives it
    /// (`FileNotFoundError`, `PermissionError`, ...): what [`crate::io`]
    /// reports.
    Io(crate::io::IoErrorKind),
}

/// An error as matplotlib raises it.
pub type Error = crate::array::PyError<ErrorKind>;

impl crate::array::ExceptionClass for ErrorKind {
    fn name(self) -> &'static str {
        match self {
            ErrorKind::ValueError => "ValueError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::IndexError => "IndexError",
            ErrorKind::NotImplementedError => "NotImplementedError",
            ErrorKind::Io(kind) => kind.name(),
        }
    }
}

impl Error {
    pub(crate) fn value(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::ValueError, message)
    }
}

/// A file error as the class and message Python's `open` gives it.
impl From<crate::io::Error> for Error {
    fn from(e: crate::io::Error) -> Error {
        Error::new(ErrorKind::Io(e.kind), e.message)
    }
}

/// `NotImplementedError: plt.NAME is not supported by gradlab; supported:
/// ...` for a pyplot call outside [`SUPPORTED`].
pub fn not_implemented(name: &str) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        format!(
            "plt.{name} is not supported by gradlab; supported: {}",
            SUPPORTED.join(", ")
        ),
    )
}

/// The result of matplotlib operations.
pub type Result<T> = std::result::Result<T, Error>;
