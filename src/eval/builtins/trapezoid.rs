//! `np.trapezoid` as NumPy's `_function_base_impl.py` computes it, for any
//! number of dimensions: `(d * (y[1:] + y[:-1]) / 2.0).sum(axis)` along
//! `axis`, each step one of the evaluator's operators (NumPy's dtypes,
//! bits and warnings) and the sum NumPy's pairwise one.

use crate::array::{Array, Index, normalize_axis};
use crate::syntax::ast::BinOp;

use super::super::args::{Bound, CallArgs};
use super::super::convert::{index_int, to_array};
use super::super::error::{EvalError, EvalResult};
use super::super::ops;
use super::super::session::Session;
use super::super::value::Value;

/// `axis` of an `ndim`-axis array as NumPy's lists of slices take it
/// (`slice1[axis] = ...`): Python's IndexError when out of range.
fn list_axis(axis: i64, ndim: usize) -> EvalResult<usize> {
    let n = ndim as i64;
    if (-n..n).contains(&axis) {
        Ok(axis.rem_euclid(n) as usize)
    } else {
        Err(EvalError::index_error("list assignment index out of range"))
    }
}

/// `a[1:]` (`upper`) or `a[:-1]` along `axis`.
fn shifted(a: &Array, axis: usize, upper: bool) -> EvalResult<Value> {
    let mut items = vec![Index::full(); a.ndim()];
    items[axis] = if upper {
        Index::slice(Some(1), None, None)
    } else {
        Index::slice(None, Some(-1), None)
    };
    Ok(Value::array(a.index(&items)?))
}

/// `np.diff(a, axis=axis)` of a numeric array: `a[1:] - a[:-1]`.
fn diff(a: &Array, axis: usize) -> EvalResult<Value> {
    ops::binary(
        BinOp::Sub,
        &shifted(a, axis, true)?,
        &shifted(a, axis, false)?,
    )
}

/// The spacing `d`: `dx`, or the differences of `x` (a 1-D `x` laid along
/// `axis` of `y`, else differenced along `axis` itself).
fn spacing(b: &Bound, ndim: usize, axis: i64) -> EvalResult<Value> {
    let Some(x) = b.opt("x") else {
        return Ok(b.value("dx").unwrap_or(Value::Float(1.0)));
    };
    let x = b.at("x", to_array(x))?;
    if x.ndim() == 1 {
        let d = to_array(&diff(&x, 0)?)?;
        let mut shape = vec![1; ndim];
        shape[list_axis(axis, ndim)?] = d.len();
        return Ok(Value::array(d.reshape_to(&shape)?));
    }
    diff(&x, normalize_axis(axis, x.ndim())?)
}

/// `np.trapezoid(y, x=None, dx=1.0, axis=-1)`. Errors: an axis out of
/// range is NumPy's IndexError (`list assignment index out of range`), or
/// its AxisError for an N-D `x`; shapes that do not broadcast.
pub fn trapezoid(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let y = b.at("y", to_array(b.req("y")))?;
    let axis = match b.get("axis") {
        None => -1,
        Some(v) => b.at("axis", index_int(v))?,
    };
    let d = spacing(b, y.ndim(), axis)?;
    let k = list_axis(axis, y.ndim())?;
    let pairs = ops::binary(BinOp::Add, &shifted(&y, k, true)?, &shifted(&y, k, false)?)?;
    let terms = ops::binary(
        BinOp::Div,
        &ops::binary(BinOp::Mul, &d, &pairs)?,
        &Value::Float(2.0),
    )?;
    let sum = super::lookup("sum").expect("sum is a builtin");
    let call = CallArgs {
        pos: smallvec::smallvec![terms, Value::Int(axis)],
        pos_spans: smallvec::smallvec![Default::default(); 2],
        ..CallArgs::default()
    };
    s.call_value(&Value::Builtin(sum), call)
}
