//! Engine errors: NumPy's exception type plus NumPy's message.

use std::fmt;

/// The NumPy / Python exception class an engine error corresponds to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    ValueError,
    TypeError,
    AxisError,
    IndexError,
    MemoryError,
    KeyboardInterrupt,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::ValueError => "ValueError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::AxisError => "AxisError",
            ErrorKind::IndexError => "IndexError",
            ErrorKind::MemoryError => "MemoryError",
            ErrorKind::KeyboardInterrupt => "KeyboardInterrupt",
        }
    }
}

/// An error with NumPy's exception type and message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }

    pub fn value(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::ValueError, message)
    }

    pub fn type_error(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::TypeError, message)
    }

    /// NumPy's `AxisError` for `axis` on an array of `ndim` dimensions.
    pub fn axis(axis: i64, ndim: usize) -> Error {
        Error::new(
            ErrorKind::AxisError,
            format!("axis {axis} is out of bounds for array of dimension {ndim}"),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}
