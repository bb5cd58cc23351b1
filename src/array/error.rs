//! The array layer's errors: NumPy's exception class plus NumPy's message.

use std::fmt;

/// The Python / NumPy exception class of an [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    ValueError,
    TypeError,
    /// `numpy.exceptions.AxisError` (a `ValueError` and an `IndexError`).
    AxisError,
    IndexError,
    MemoryError,
    /// `numpy._core._exceptions._UFuncOutputCastingError` and friends: a
    /// `TypeError` subclass, named `UFuncTypeError` in tracebacks.
    UFuncTypeError,
    NotImplementedError,
    KeyboardInterrupt,
}

impl ErrorKind {
    /// The class name Python prints.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::ValueError => "ValueError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::AxisError => "AxisError",
            ErrorKind::IndexError => "IndexError",
            ErrorKind::MemoryError => "MemoryError",
            ErrorKind::UFuncTypeError => "UFuncTypeError",
            ErrorKind::NotImplementedError => "NotImplementedError",
            ErrorKind::KeyboardInterrupt => "KeyboardInterrupt",
        }
    }
}

/// An error with NumPy's exception class and message.
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

    pub fn index(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::IndexError, message)
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
