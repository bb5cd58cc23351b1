//! Combining and reshaping (issue 13): `vstack`, `hstack`, `column_stack`,
//! `dstack`, `split`, `array_split`, `squeeze`, `expand_dims`, `ravel`,
//! `moveaxis`, `swapaxes`, `atleast_1d/2d/3d`, `broadcast_to`, as NumPy's
//! `_core/shape_base.py` and `lib/_shape_base_impl.py` define them: views
//! wherever NumPy returns views, copies only from `concatenate`.

use crate::array::{Array, Index, concatenate, normalize_axis, normalize_axis_tuple};

use super::super::args::Bound;
use super::super::convert::{index_int, shape_arg, to_array};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::order::{order_arg, ravel_ordered};
use super::{Builtin, Home};

builtins! { STACKING;
    "vstack", Numpy, vstack, "vstack(tup, *, dtype=None, casting='same_kind')",
        "Stack arrays as rows (1-D arrays become rows of a 2-D array).",
        "np.vstack(([1, 2, 3], [4, 5, 6]))";
    "hstack", Numpy, hstack, "hstack(tup, *, dtype=None, casting='same_kind')",
        "Stack arrays side by side (along the columns; 1-D arrays end to end).",
        "np.hstack((np.array([[1], [2]]), np.array([[3], [4]])))";
    "column_stack", Numpy, column_stack, "column_stack(tup)",
        "Stack 1-D arrays as the columns of a 2-D array.",
        "np.column_stack((np.array([1, 2, 3]), np.array([4., 5., 6.])))";
    "dstack", Numpy, dstack, "dstack(tup)", "Stack arrays along the third axis (depth).",
        "np.dstack(([1, 2], [3, 4]))";
    "split", Numpy, split, "split(ary, indices_or_sections, axis=0)",
        "Split into equal sections (an int) or at the given indices; a list of views.",
        "np.split(np.arange(6), 3)";
    "array_split", Numpy, array_split, "array_split(ary, indices_or_sections, axis=0)",
        "Like split, but sections may differ in size by one.", "np.array_split(np.arange(7), 3)";
    "squeeze", Numpy, squeeze, "squeeze(a, axis=None)",
        "Remove length-1 axes (all, or the given ones); a view.",
        "np.squeeze(np.array([[[1], [2]]]))";
    "expand_dims", Numpy, expand_dims, "expand_dims(a, axis)",
        "Insert length-1 axes at the given positions; a view.",
        "np.expand_dims(np.array([1, 2]), axis=1)";
    "ravel", Numpy, ravel, "ravel(a, order='C')",
        "The elements as a 1-D array (a view when the layout allows).",
        "np.ravel(np.array([[1, 2], [3, 4]]))";
    "moveaxis", Numpy, moveaxis, "moveaxis(a, source, destination)",
        "Move axes to new positions, keeping the others in order; a view.",
        "np.moveaxis(np.zeros((2, 3, 4)), 0, -1).shape";
    "swapaxes", Numpy, swapaxes, "swapaxes(a, axis1, axis2)",
        "Interchange two axes; a view.", "np.swapaxes(np.array([[1, 2, 3]]), 0, 1)";
    "atleast_1d", Numpy, atleast_1d, "atleast_1d(*arys)",
        "Inputs as arrays of at least one dimension (a tuple for several inputs).",
        "np.atleast_1d(5.0)";
    "atleast_2d", Numpy, atleast_2d, "atleast_2d(*arys)",
        "Inputs as arrays of at least two dimensions (a tuple for several inputs).",
        "np.atleast_2d(np.arange(3))";
    "atleast_3d", Numpy, atleast_3d, "atleast_3d(*arys)",
        "Inputs as arrays of at least three dimensions (a tuple for several inputs).",
        "np.atleast_3d(np.arange(3)).shape";
    "broadcast_to", Numpy, broadcast_to, "broadcast_to(array, shape, subok=False)",
        "A read-only view of the array broadcast to a shape.",
        "np.broadcast_to(np.array([1, 2, 3]), (2, 3))";
}

/// The arrays of a sequence argument (each shared, not copied), or the
/// sub-arrays along the first axis of an array.
pub(super) fn arrays_arg(v: &Value) -> EvalResult<Vec<Array>> {
    match v {
        v if let Some(items) = v.seq_items() => items.iter().map(to_array).collect(),
        Value::Array(a) if a.ndim() > 0 => (0..a.shape()[0] as i64)
            .map(|i| Ok(a.index_axis(0, i)?))
            .collect(),
        other => Err(EvalError::type_error(format!(
            "'{}' object is not iterable",
            other.short_type()
        ))),
    }
}

/// One int or a tuple/list of ints (an `axis=` or `shift=` argument).
pub(super) fn int_or_ints(v: &Value) -> EvalResult<Vec<i64>> {
    match v {
        v if let Some(items) = v.seq_items() => items.iter().map(index_int).collect(),
        other => Ok(vec![index_int(other)?]),
    }
}

/// NumPy's `normalize_axis_tuple(axis, ndim, argname)`: the axis errors
/// name the argument (`source: axis 5 is out of bounds ...`).
pub(super) fn named_axes(axes: &[i64], ndim: usize, argname: &str) -> EvalResult<Vec<usize>> {
    normalize_axis_tuple(axes, ndim).map_err(|e| {
        let mut err = EvalError::from(e);
        if err.kind == ErrorKind::AxisError {
            err.message = format!("{argname}: {}", err.message);
        } else if err.message == "repeated axis" {
            err.message = format!("repeated axis in `{argname}` argument");
        }
        err
    })
}

/// `atleast_Nd` of one array: NumPy's placement of the new axes.
fn at_least(a: &Array, n: usize) -> EvalResult<Array> {
    Ok(match (n, a.ndim()) {
        (_, d) if d >= n => a.clone(),
        (_, 0) => a.reshape_to(&vec![1; n])?,
        (2, 1) => a.insert_axis(0),
        (3, 1) => a.insert_axis(0).insert_axis(2),
        (3, 2) => a.insert_axis(2),
        _ => unreachable!("n <= 3"),
    })
}

/// `atleast_Nd(*arys)`: one input gives an array, several a tuple.
fn at_least_call(b: &Bound, n: usize) -> EvalResult<Value> {
    let arrays = b
        .varargs
        .iter()
        .map(|v| to_array(v).and_then(|a| at_least(&a, n)))
        .collect::<EvalResult<Vec<_>>>()?;
    Ok(match arrays.len() {
        1 => Value::array(arrays.into_iter().next().expect("one")),
        _ => Value::tuple(arrays.into_iter().map(Value::array).collect()),
    })
}

pub fn atleast_1d(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    at_least_call(b, 1)
}

pub fn atleast_2d(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    at_least_call(b, 2)
}

pub fn atleast_3d(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    at_least_call(b, 3)
}

/// The inputs of a `*stack` call, each raised to at least `n` dimensions.
fn stack_inputs(b: &Bound, n: usize) -> EvalResult<Vec<Array>> {
    b.at("tup", arrays_arg(b.req("tup")))?
        .iter()
        .map(|a| at_least(a, n))
        .collect()
}

/// `dtype=` of vstack/hstack: the joined array converted (NumPy casts
/// while joining; the values agree for the dtypes gradlab has).
fn with_dtype(b: &Bound, out: Array) -> EvalResult<Value> {
    match b.opt("dtype") {
        None => Ok(Value::array(out)),
        Some(d) => match super::super::convert::dtype_arg(d)? {
            Some(d) => Ok(Value::array(out.astype(d)?)),
            None => Ok(Value::array(out)),
        },
    }
}

pub fn vstack(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let arrays = stack_inputs(b, 2)?;
    with_dtype(b, concatenate(&arrays, Some(0))?)
}

pub fn hstack(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let arrays = stack_inputs(b, 1)?;
    let axis = match arrays.first() {
        Some(a) if a.ndim() == 1 => 0,
        _ => 1,
    };
    with_dtype(b, concatenate(&arrays, Some(axis))?)
}

pub fn dstack(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let arrays = stack_inputs(b, 3)?;
    Ok(Value::array(concatenate(&arrays, Some(2))?))
}

pub fn column_stack(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let arrays = b
        .at("tup", arrays_arg(b.req("tup")))?
        .iter()
        .map(|a| match a.ndim() {
            0 => a.reshape_to(&[1, 1]),
            1 => Ok(a.insert_axis(1)),
            _ => Ok(a.clone()),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::array(concatenate(&arrays, Some(1))?))
}

/// The section boundaries of `array_split`/`split` along an axis of
/// length `n`.
fn split_points(v: &Value, n: usize, equal: bool) -> EvalResult<Vec<(i64, i64)>> {
    let n = n as i64;
    let cuts: Option<Vec<i64>> = match v {
        Value::Array(a) if a.ndim() > 0 => {
            Some(a.to_f64_vec().into_iter().map(|x| x as i64).collect())
        }
        v if let Some(items) = v.seq_items() => {
            Some(items.iter().map(index_int).collect::<EvalResult<_>>()?)
        }
        _ => None,
    };
    if let Some(cuts) = cuts {
        let mut bounds = vec![0];
        bounds.extend(cuts);
        bounds.push(n);
        return Ok(bounds.windows(2).map(|w| (w[0], w[1])).collect());
    }
    let sections = index_int(v)?;
    // `split` first tests `N % sections` with Python's modulo.
    if equal && sections == 0 {
        return Err(EvalError::new(
            ErrorKind::ZeroDivisionError,
            "integer modulo by zero",
        ));
    }
    if equal && n.rem_euclid(sections.abs()) != 0 {
        return Err(EvalError::value_error(
            "array split does not result in an equal division",
        ));
    }
    if sections <= 0 {
        return Err(EvalError::value_error(
            "number sections must be larger than 0.",
        ));
    }
    let (each, extra) = (n / sections, n % sections);
    let mut start = 0;
    Ok((0..sections)
        .map(|i| {
            let len = each + i64::from(i < extra);
            start += len;
            (start - len, start)
        })
        .collect())
}

/// `split`/`array_split`: each section is `a[lo:hi]` on the axis (Python's
/// slice rules: negative counts from the end, out-of-range clamps).
fn split_call(b: &Bound, equal: bool) -> EvalResult<Value> {
    let a = b.at("ary", to_array(b.req("ary")))?;
    let axis = b
        .value("axis")
        .map(|v| index_int(&v))
        .transpose()?
        .unwrap_or(0);
    let nd = a.ndim() as i64;
    // NumPy reads `ary.shape[axis]`: a bad axis is a tuple IndexError.
    if axis >= nd || axis < -nd {
        return Err(EvalError::index_error("tuple index out of range"));
    }
    let k = normalize_axis(axis, a.ndim())?;
    let points = split_points(b.req("indices_or_sections"), a.shape()[k], equal)?;
    let parts = points
        .into_iter()
        .map(|(lo, hi)| Ok(Value::array(a.slice_axis(k, Some(lo), Some(hi), None)?)))
        .collect::<EvalResult<Vec<_>>>()?;
    Ok(Value::list(parts))
}

pub fn split(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    split_call(b, true)
}

pub fn array_split(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    split_call(b, false)
}

pub fn squeeze(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let drop: Vec<usize> = match b.opt("axis") {
        None => (0..a.ndim()).filter(|&k| a.shape()[k] == 1).collect(),
        Some(v) => {
            let axes = normalize_axis_tuple(&int_or_ints(v)?, a.ndim())?;
            if axes.iter().any(|&k| a.shape()[k] != 1) {
                return Err(EvalError::value_error(
                    "cannot select an axis to squeeze out which has size not equal to one",
                ));
            }
            axes
        }
    };
    let items: Vec<Index> = (0..a.ndim())
        .map(|k| match drop.contains(&k) {
            true => Index::Int(0),
            false => Index::full(),
        })
        .collect();
    Ok(Value::array(a.index(&items)?))
}

pub fn expand_dims(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let axes = int_or_ints(b.req("axis"))?;
    let mut at = normalize_axis_tuple(&axes, a.ndim() + axes.len())?;
    at.sort_unstable();
    Ok(Value::array(
        at.into_iter().fold(a, |acc, k| acc.insert_axis(k)),
    ))
}

/// `np.ravel(a, order='C')`: a view where the order allows one.
pub fn ravel(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let order = b.at("order", order_arg(b.get("order")))?;
    Ok(Value::array(ravel_ordered(&a, order)?))
}

pub fn moveaxis(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let src = named_axes(&int_or_ints(b.req("source"))?, a.ndim(), "source")?;
    let dst = named_axes(&int_or_ints(b.req("destination"))?, a.ndim(), "destination")?;
    if src.len() != dst.len() {
        return Err(EvalError::value_error(
            "`source` and `destination` arguments must have the same number of elements",
        ));
    }
    let mut order: Vec<usize> = (0..a.ndim()).filter(|k| !src.contains(k)).collect();
    let mut pairs: Vec<(usize, usize)> = dst.into_iter().zip(src).collect();
    pairs.sort_unstable();
    for (d, s) in pairs {
        order.insert(d, s);
    }
    let perm: Vec<i64> = order.into_iter().map(|k| k as i64).collect();
    Ok(Value::array(a.transpose(Some(&perm))?))
}

pub fn swapaxes(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let k1 = named_axes(&[index_int(b.req("axis1"))?], a.ndim(), "axis1")?[0];
    let k2 = named_axes(&[index_int(b.req("axis2"))?], a.ndim(), "axis2")?[0];
    let mut perm: Vec<i64> = (0..a.ndim() as i64).collect();
    perm.swap(k1, k2);
    Ok(Value::array(a.transpose(Some(&perm))?))
}

pub fn broadcast_to(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("array", to_array(b.req("array")))?;
    let shape = shape_arg(b.req("shape")).map_err(|e| match e.kind {
        ErrorKind::ValueError => {
            EvalError::value_error("all elements of broadcast shape must be non-negative")
        }
        _ => e,
    })?;
    Ok(Value::array(a.broadcast_to(&shape)?))
}
