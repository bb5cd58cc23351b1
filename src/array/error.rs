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

impl ExceptionClass for ErrorKind {
    fn name(self) -> &'static str {
        ErrorKind::name(self)
    }
}

/// A Python exception class: what each library's error kind is.
pub trait ExceptionClass: Copy {
    /// The class name Python prints.
    fn name(self) -> &'static str;
}

/// An error as Python reports it: an exception class and its message. The
/// one error type of the library layers (the array layer's [`Error`],
/// `io::Error`, `random::Error`, `pandas::Error`, `mpl::Error`), each with
/// its own enum of classes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyError<K> {
    pub kind: K,
    pub message: String,
}

impl<K> PyError<K> {
    /// An error of class `kind` with `message`.
    pub fn new(kind: K, message: impl Into<String>) -> PyError<K> {
        PyError {
            kind,
            message: message.into(),
        }
    }
}

impl<K: ExceptionClass> PyError<K> {
    /// Python's class name, e.g. `ValueError`.
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }
}

/// `Class: message`, as a traceback's last line.
impl<K: ExceptionClass> fmt::Display for PyError<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl<K: ExceptionClass + fmt::Debug> std::error::Error for PyError<K> {}

/// An error with NumPy's exception class and message.
pub type Error = PyError<ErrorKind>;

impl Error {
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
