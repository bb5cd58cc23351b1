//! Errors of the numerical derivatives, and the sample point they name.

use std::fmt;

/// An exception raised by the user's function, carried through unchanged
/// (the evaluator may use its own error type instead: every function in
/// [`crate::numdiff`] is generic over the function's error type).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FnError {
    /// Python exception class, e.g. `ValueError`.
    pub kind: String,
    pub message: String,
}

impl FnError {
    pub fn new(kind: impl Into<String>, message: impl Into<String>) -> FnError {
        FnError {
            kind: kind.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

/// Where the function was sampled: a scalar `x` or a vector `x`.
#[derive(Clone, Debug, PartialEq)]
pub enum Point {
    Scalar(f64),
    Vector(Vec<f64>),
}

/// Shown the way Python shows the argument: `0.0001`, `1e-05`, `[1.0, 2.5]`.
impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Point::Scalar(x) => f.write_str(&py_float_repr(*x)),
            Point::Vector(v) => {
                let items: Vec<String> = v.iter().map(|x| py_float_repr(*x)).collect();
                write!(f, "[{}]", items.join(", "))
            }
        }
    }
}

/// Why a derivative could not be computed.
#[derive(Clone, Debug, PartialEq)]
pub enum NumDiffError<E = FnError> {
    /// The function raised at sample point `x`; `source` is its error.
    Function { x: Point, source: E },
    /// Every estimate was spoiled by non-finite function values: `value`
    /// (nan, inf or -inf) is what the function returned at the sample point
    /// `x` nearest the point of differentiation (numdifftools itself would
    /// quietly return nan here).
    NonFinite { x: Point, value: f64 },
    /// The estimate overflowed although every sample was finite.
    Overflow { x: Point },
    /// A function of a vector returned a vector of the wrong length.
    Shape {
        x: Point,
        expected: usize,
        found: usize,
    },
    /// Bad options or an empty `x`; the message says which.
    Invalid(String),
}

impl<E> NumDiffError<E> {
    /// The Python exception class to raise: the function's own for
    /// [`NumDiffError::Function`] (given by `source_name`), else `ValueError`.
    pub fn name<'a>(&'a self, source_name: impl FnOnce(&'a E) -> &'a str) -> &'a str {
        match self {
            NumDiffError::Function { source, .. } => source_name(source),
            _ => "ValueError",
        }
    }
}

impl NumDiffError<FnError> {
    /// The Python exception class to raise.
    pub fn class_name(&self) -> &str {
        self.name(|e| e.kind.as_str())
    }
}

impl<E: fmt::Display> fmt::Display for NumDiffError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumDiffError::Function { x, source } => {
                write!(f, "{source} (raised by the function at x = {x})")
            }
            NumDiffError::NonFinite { x, value } => {
                write!(f, "function returned {} at x = {x}", py_float_repr(*value))
            }
            NumDiffError::Overflow { x } => {
                write!(f, "derivative estimate overflowed at x = {x}")
            }
            NumDiffError::Shape { x, expected, found } => write!(
                f,
                "function returned {found} values at x = {x}, but {expected} at the first point"
            ),
            NumDiffError::Invalid(message) => f.write_str(message),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for NumDiffError<E> {}

/// Python's `repr(float)` (the printing module's, checked against NumPy).
pub use crate::format::py_float as py_float_repr;

#[cfg(test)]
mod tests {
    use super::py_float_repr;

    #[test]
    fn float_repr_matches_python() {
        for (x, want) in [
            (0.0001, "0.0001"),
            (1e-5, "1e-05"),
            (1.0, "1.0"),
            (-2.5, "-2.5"),
            (1e16, "1e+16"),
            (123456789012345.6, "123456789012345.6"),
            (1.5e300, "1.5e+300"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-0.0, "-0.0"),
            (f64::NAN, "nan"),
            (f64::NEG_INFINITY, "-inf"),
            (1e15, "1000000000000000.0"),
        ] {
            assert_eq!(py_float_repr(x), want, "{x:?}");
        }
    }
}
