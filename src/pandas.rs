//! The part of pandas that gradient tutorials use, printed byte for byte
//! as pandas 2.x prints it (pandas 2.3.3 is the reference; see
//! `tests/fixtures/gen_pandas.py`).
//!
//! A [`DataFrame`] is a list of labelled, typed [`Column`]s sharing one
//! [`Index`]; a [`Series`] is one column with its index and name. Files come
//! in through [`read_csv`] and [`read_excel`] with pandas' dtype inference
//! (int64, float64 with NaN for empty cells, bool, object for text) and go
//! out through [`DataFrame::to_csv`]. Printing follows pandas' default
//! display options at a terminal 80 columns wide: `max_rows=60`,
//! `min_rows=10`, `max_colwidth=50`, `precision=6`.
//!
//! ```
//! use gradlab::pandas::{CsvOptions, read_csv_str};
//! let df = read_csv_str("t,x\n0,0.0\n0.5,1.25\n", &CsvOptions::default()).unwrap();
//! assert_eq!(df.to_string(), "     t     x\n0  0.0  0.00\n1  0.5  1.25");
//! let v = df.column("x").unwrap().diff(1).unwrap();
//! assert_eq!(v.to_string(), "0     NaN\n1    1.25\nName: x, dtype: float64");
//! ```
//!
//! This module knows nothing of the evaluator or the terminal: errors are
//! [`Error`] values carrying the Python exception class pandas raises.

mod column;
mod csv;
mod excel;
mod format;
mod frame;
mod index;
mod ops;
mod pyfmt;
mod series;
mod stats;
mod table;
mod xstrtod;

pub use column::{Cell, Column, DType, Label, NdArray};
pub use csv::{CsvOptions, Sep, SkipRows, read_csv, read_csv_str, write_csv};
pub use excel::{ExcelOptions, SheetSelector, read_excel, read_excel_sheets};
pub use frame::DataFrame;
pub use index::Index;
pub use ops::BinOp;
pub use series::Series;
pub use table::{ColumnRef, Header};

/// The Python exception class of an [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    NotImplementedError,
    /// `pandas.errors.ParserError` (a `ValueError` subclass).
    ParserError,
    /// `pandas.errors.EmptyDataError` (a `ValueError` subclass).
    EmptyDataError,
    /// A file error, with the class Python's `open` gives it
    /// (`FileNotFoundError`, `PermissionError`, ...): what [`crate::io`]
    /// reports.
    Io(crate::io::IoErrorKind),
}

/// An error as pandas raises it: the exception class and its message
/// (`str(exception)`, so a `KeyError`'s message includes the quotes).
pub type Error = crate::array::PyError<ErrorKind>;

impl crate::array::ExceptionClass for ErrorKind {
    fn name(self) -> &'static str {
        match self {
            ErrorKind::KeyError => "KeyError",
            ErrorKind::IndexError => "IndexError",
            ErrorKind::ValueError => "ValueError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::NotImplementedError => "NotImplementedError",
            ErrorKind::ParserError => "ParserError",
            ErrorKind::EmptyDataError => "EmptyDataError",
            ErrorKind::Io(kind) => kind.name(),
        }
    }
}

impl Error {
    /// `KeyError: 'col'` for a missing label.
    pub(crate) fn key(label: &Label) -> Error {
        Error::new(ErrorKind::KeyError, label.repr())
    }
}

/// A file error as the class and message Python's `open` gives it.
impl From<crate::io::Error> for Error {
    fn from(e: crate::io::Error) -> Error {
        Error::new(ErrorKind::Io(e.kind), e.message)
    }
}

/// The result of pandas operations.
pub type Result<T> = std::result::Result<T, Error>;
