//! NumPy 2.x printing, byte for byte: `repr` and `str` of arrays, NumPy
//! scalars and Python floats, per `numpy-printing.md`.
//!
//! ```
//! use gradlab::array::Array;
//! use gradlab::format::{PrintOptions, array_repr, array_str};
//! let a = Array::from_f64(vec![1.0, 1.5, 2.0]);
//! let o = PrintOptions::default();
//! assert_eq!(array_repr(&a, &o), "array([1. , 1.5, 2. ])");
//! assert_eq!(array_str(&a, &o), "[1.  1.5 2. ]");
//! ```
//!
//! Everything here is a pure function of the value and the options. The
//! cost is linear in the number of *printed* elements: a summarised array
//! of any size formats at most `(2 * edgeitems)^ndim` elements.

mod digits;
mod float;
mod layout;
mod scalar;

use std::fmt::Display;

use ndarray::ArrayViewD;

use crate::array::{Array, DType, Element, dispatch};
use float::FloatFormat;
use layout::{Layout, for_each_index, formatter_axis};

pub use crate::array::{shape_repr, tuple_repr};
pub use digits::py_float;
pub use scalar::{
    py_repr_str, scalar_repr_bool, scalar_repr_f64, scalar_repr_i64, scalar_str_bool,
    scalar_str_f64, scalar_str_i64,
};

/// Print options (NumPy's `np.set_printoptions` subset gradlab honours).
///
/// `precision` is the maximum number of fractional (positional) or mantissa
/// (scientific) digits; `linewidth` the line width; arrays with more than
/// `threshold` elements are summarised to `edgeitems` items at each end of
/// every long axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PrintOptions {
    pub precision: usize,
    pub linewidth: usize,
    pub threshold: usize,
    pub edgeitems: usize,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            precision: 8,
            linewidth: 75,
            threshold: 1000,
            edgeitems: 3,
        }
    }
}

/// `repr(a)` of an ndarray (rules E2, E4, R1-R3), e.g.
/// `array([1. , 1.5, 2. ])`, `array(2.5)`, `array([], dtype=float64)`,
/// `array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))`.
pub fn array_repr(a: &Array, opts: &PrintOptions) -> String {
    const PREFIX: &str = "array(";
    let shape = a.shape();
    let body = array2string(a, opts, ", ", PREFIX.len(), ")".len());

    let mut extras = Vec::new();
    if (a.is_empty() && shape != [0]) || a.len() > opts.threshold {
        extras.push(format!("shape={}", shape_repr(shape)));
    }
    if a.is_empty() || !a.dtype().is_default_repr() {
        extras.push(format!("dtype={}", a.dtype().name()));
    }
    if extras.is_empty() {
        return format!("{PREFIX}{body})");
    }
    // Rule R2: the suffix goes on a line of its own if it does not fit.
    let head = format!("{PREFIX}{body},");
    let tail = format!("{})", extras.join(", "));
    let last_line = head.len() - head.rfind('\n').map_or(0, |i| i + 1);
    if last_line + 1 + tail.len() > opts.linewidth {
        format!("{head}\n{}{tail}", " ".repeat(PREFIX.len()))
    } else {
        format!("{head} {tail}")
    }
}

/// `str(a)` of an ndarray (rules E3, N3), e.g. `[1.  1.5 2. ]`; a 0-d array
/// prints its scalar (`2.5`, `1e-05`, `True`).
pub fn array_str(a: &Array, opts: &PrintOptions) -> String {
    if a.ndim() == 0 {
        return match a.first().expect("a 0-d array has one element") {
            crate::array::Scalar::Float64(x) => scalar_str_f64(x),
            crate::array::Scalar::Bool(x) => scalar_str_bool(x),
            s if a.dtype().is_integer() => dispatch!(a.dtype(), T => s.get::<T>().to_string()),
            s => element_text(s),
        };
    }
    array2string(a, opts, " ", 0, 0)
}

/// NumPy's `array2string`: the body of `a` after a prefix of `prefix_len`
/// characters, with `suffix_len` characters reserved at the end of the
/// last line.
fn array2string(
    a: &Array,
    opts: &PrintOptions,
    separator: &str,
    prefix_len: usize,
    suffix_len: usize,
) -> String {
    if a.is_empty() {
        return "[]".to_string();
    }
    let shape = a.shape();
    let summarise = a.len() > opts.threshold;
    let layout = Layout {
        shape,
        summarise,
        edge: opts.edgeitems,
        separator,
        width: opts.linewidth.saturating_sub(suffix_len),
        prefix_len,
    };
    let axes: Vec<Vec<usize>> = shape
        .iter()
        .map(|&n| formatter_axis(n, summarise, opts.edgeitems))
        .collect();
    match a.dtype() {
        DType::Float64 => float_body(&a.read::<f64>().view(), &axes, &layout, opts),
        DType::Bool => {
            let r = a.read::<bool>();
            let x = r.view();
            // Rule B1: ` True` in arrays with ndim >= 1, `True` when 0-d.
            let true_str = if shape.is_empty() { "True" } else { " True" };
            layout.body(&|i| if x[i] { true_str } else { "False" }.to_string())
        }
        d if d.is_integer() => dispatch!(d, T => int_body(&a.read::<T>().view(), &axes, &layout)),
        d => dispatch!(d, T => {
            let r = a.read::<T>();
            let x = r.view();
            layout.body(&|i| element_text(x[i].to_scalar()))
        }),
    }
}

fn float_body(
    x: &ArrayViewD<'_, f64>,
    axes: &[Vec<usize>],
    layout: &Layout<'_>,
    opts: &PrintOptions,
) -> String {
    let mut printed = Vec::new();
    for_each_index(axes, |i| printed.push(x[i]));
    let f = FloatFormat::new(printed.iter().copied(), opts.precision);
    layout.body(&|i| f.render(x[i]))
}

fn int_body<T: Element + Display>(
    x: &ArrayViewD<'_, T>,
    axes: &[Vec<usize>],
    layout: &Layout<'_>,
) -> String {
    let mut width = 0;
    for_each_index(axes, |i| width = width.max(x[i].to_string().len()));
    layout.body(&|i| format!("{:>width$}", x[i]))
}

/// Interim text of a float32 or complex element (their NumPy printing —
/// float32's own shortest digits, complex's paired formatters — is not
/// implemented yet): Python's repr of the value as float64.
fn element_text(s: crate::array::Scalar) -> String {
    match s {
        crate::array::Scalar::Complex128(z) => format!("({}{:+}j)", py_float(z.re), z.im),
        other => py_float(other.as_f64()),
    }
}

#[cfg(test)]
mod tests;
