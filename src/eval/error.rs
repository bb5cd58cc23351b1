//! Evaluation errors: a Python / NumPy exception type, its message, and the
//! span of the source that raised it.

use std::fmt;

use crate::array;
use crate::syntax::{SyntaxError, ast::Span};

/// Defines [`ErrorKind`] from one list: the variants, [`ErrorKind::ALL`]
/// and [`ErrorKind::name`] (each class's name is its variant's).
macro_rules! error_kinds {
    ($($(#[$doc:meta])* $kind:ident,)*) => {
        /// The Python / NumPy exception class of an [`EvalError`], with
        /// Python's hierarchy for `except` clauses.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorKind {
            $($(#[$doc])* $kind,)*
        }

        impl ErrorKind {
            /// Every kind, for name lookups.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$kind,)*];

            /// The class name Python prints (`ValueError`, `AxisError`, ...).
            pub fn name(self) -> &'static str {
                match self {
                    $(ErrorKind::$kind => stringify!($kind),)*
                }
            }
        }
    };
}

error_kinds! {
    Exception,
    ArithmeticError,
    AssertionError,
    AttributeError,
    AxisError,
    EOFError,
    FileNotFoundError,
    FloatingPointError,
    ImportError,
    IndentationError,
    IndexError,
    IsADirectoryError,
    KeyError,
    KeyboardInterrupt,
    LookupError,
    MemoryError,
    ModuleNotFoundError,
    NameError,
    NotADirectoryError,
    NotImplementedError,
    OSError,
    OverflowError,
    PermissionError,
    RecursionError,
    RuntimeError,
    StopIteration,
    SyntaxError,
    SystemError,
    TabError,
    TypeError,
    UFuncTypeError,
    UnboundLocalError,
    UnicodeDecodeError,
    UsageError,
    ValueError,
    ZeroDivisionError,
    /// `numpy.linalg.LinAlgError` (a `ValueError`).
    LinAlgError,
    /// The warning classes: raised as exceptions under the `"error"`
    /// warnings filter, and the `category=` of filters.
    Warning,
    UserWarning,
    RuntimeWarning,
    DeprecationWarning,
    FutureWarning,
    /// `numpy.exceptions.RankWarning` (a `RuntimeWarning`): `np.polyfit`
    /// of an ill-conditioned fit.
    RankWarning,
    /// `pandas.errors.ParserError` (a `ValueError`): a malformed CSV.
    ParserError,
    /// `pandas.errors.EmptyDataError` (a `ValueError`): nothing to parse.
    EmptyDataError,
}

impl ErrorKind {
    /// The class's qualified name, as its repr shows it
    /// (`pandas.errors.ParserError`; Python's own classes unqualified).
    pub fn qualified_name(self) -> String {
        let module = match self {
            ErrorKind::LinAlgError => "numpy.linalg.",
            ErrorKind::AxisError | ErrorKind::RankWarning => "numpy.exceptions.",
            ErrorKind::ParserError | ErrorKind::EmptyDataError => "pandas.errors.",
            _ => "",
        };
        format!("{module}{}", self.name())
    }

    /// The kind called `name`, if gradlab knows it.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// The direct base classes, as Python and NumPy define them
    /// (`AxisError` is both a `ValueError` and an `IndexError`).
    pub fn bases(self) -> &'static [ErrorKind] {
        use ErrorKind::*;
        match self {
            Exception | KeyboardInterrupt => &[],
            AxisError => &[ValueError, IndexError],
            FileNotFoundError | IsADirectoryError | NotADirectoryError | PermissionError => {
                &[OSError]
            }
            FloatingPointError | OverflowError | ZeroDivisionError => &[ArithmeticError],
            IndexError | KeyError => &[LookupError],
            IndentationError => &[SyntaxError],
            TabError => &[IndentationError],
            ModuleNotFoundError => &[ImportError],
            NotImplementedError | RecursionError => &[RuntimeError],
            UFuncTypeError => &[TypeError],
            LinAlgError | ParserError | EmptyDataError => &[ValueError],
            UnboundLocalError => &[NameError],
            UnicodeDecodeError => &[ValueError],
            UserWarning | RuntimeWarning | DeprecationWarning | FutureWarning => &[Warning],
            RankWarning => &[RuntimeWarning],
            _ => &[Exception],
        }
    }

    /// `issubclass(self, other)`.
    pub fn is_a(self, other: ErrorKind) -> bool {
        self == other || self.bases().iter().any(|b| b.is_a(other))
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An exception raised by a statement, as data; rendered by the front ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    /// The exception class (`ValueError`, `AxisError`, ...).
    pub kind: ErrorKind,
    pub message: String,
    /// Where in the statement's source it was raised, when known.
    pub span: Option<Span>,
}

/// Result of evaluating anything.
pub type EvalResult<T> = Result<T, EvalError>;

impl EvalError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> EvalError {
        EvalError {
            kind,
            message: message.into(),
            span: None,
        }
    }

    pub fn type_error(message: impl Into<String>) -> EvalError {
        EvalError::new(ErrorKind::TypeError, message)
    }

    pub fn value_error(message: impl Into<String>) -> EvalError {
        EvalError::new(ErrorKind::ValueError, message)
    }

    pub fn index_error(message: impl Into<String>) -> EvalError {
        EvalError::new(ErrorKind::IndexError, message)
    }

    /// Attaches `span` unless a more precise one is already set.
    pub fn at(mut self, span: &Span) -> EvalError {
        if self.span.is_none() {
            self.span = Some(span.clone());
        }
        self
    }

    /// The `Type: message` line, as Python prints it.
    pub fn headline(&self) -> String {
        if self.message.is_empty() {
            self.kind.name().to_string()
        } else {
            format!("{}: {}", self.kind, self.message)
        }
    }
}

/// A library layer's error (the array layer's and the engine's, io's,
/// random's, pandas', matplotlib's) as the Python exception of the same
/// class: each class they name is one of [`ErrorKind`] (`SystemError`
/// should one ever not be).
impl<K: array::ExceptionClass> From<array::PyError<K>> for EvalError {
    fn from(e: array::PyError<K>) -> Self {
        EvalError::new(
            ErrorKind::from_name(e.name()).unwrap_or(ErrorKind::SystemError),
            e.message,
        )
    }
}

/// Python's bare `MemoryError` (no message), as a list or string that
/// cannot be allocated raises it.
impl From<crate::memory::MemoryError> for EvalError {
    fn from(_: crate::memory::MemoryError) -> Self {
        EvalError::new(ErrorKind::MemoryError, "")
    }
}

impl From<SyntaxError> for EvalError {
    fn from(e: SyntaxError) -> Self {
        EvalError {
            kind: ErrorKind::SyntaxError,
            message: e.message,
            span: Some(e.span),
        }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())
    }
}

impl std::error::Error for EvalError {}

#[cfg(test)]
mod tests {
    use super::ErrorKind::*;
    use super::*;

    #[test]
    fn hierarchy_follows_python_and_numpy() {
        assert!(AxisError.is_a(ValueError) && AxisError.is_a(IndexError));
        assert!(ZeroDivisionError.is_a(ArithmeticError) && ZeroDivisionError.is_a(Exception));
        assert!(UFuncTypeError.is_a(TypeError) && FileNotFoundError.is_a(OSError));
        assert!(!KeyboardInterrupt.is_a(Exception) && !ValueError.is_a(TypeError));
        for &k in ErrorKind::ALL {
            assert_eq!(ErrorKind::from_name(k.name()), Some(k));
        }
    }
}
