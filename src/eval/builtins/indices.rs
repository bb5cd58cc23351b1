//! Flat and multi-dimensional indices: `unravel_index`,
//! `ravel_multi_index` (NumPy's C loops, their checks and messages) and
//! `take_along_axis` (NumPy's fancy index of orthogonal aranges).

use crate::array::{Array, DType, Index, Kind, broadcast_shapes, normalize_axis, shape_compact};

use super::super::args::Bound;
use super::super::convert::{index_int, to_array};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::{Scalar, Value};
use super::order::{Order, order_arg};
use super::{Builtin, Home};

builtins! { INDICES;
    "unravel_index", Numpy, unravel_index, "unravel_index(indices, shape, order='C')",
        "The coordinates (a tuple, one per axis) of flat indices into an array of the given shape.",
        "np.unravel_index([22, 41, 37], (7, 6))";
    "ravel_multi_index", Numpy, ravel_multi_index, "ravel_multi_index(multi_index, dims, mode='raise', order='C')",
        "The flat indices of coordinate arrays (one per axis) into an array of shape dims.",
        "np.ravel_multi_index((np.array([3, 6, 6]), np.array([4, 5, 1])), (7, 6))";
    "take_along_axis", Numpy, take_along_axis, "take_along_axis(arr, indices, axis=-1)",
        "Elements picked along an axis by an index array of the same rank (as argsort returns).",
        "np.take_along_axis(np.array([[10, 30, 20]]), np.argsort(np.array([[10, 30, 20]])), axis=1)";
}

/// An index argument as int64: bool and integer arrays; NumPy's TypeError
/// for anything else (an empty list infers float, with its own advice).
fn int_indices(v: &Value) -> EvalResult<Array> {
    let a = match v {
        Value::BigInt(_) | Value::Str(_) => None,
        v => to_array(v).ok(),
    };
    match a {
        Some(a) if matches!(a.dtype().kind(), Kind::Bool | Kind::Int | Kind::UInt) => {
            Ok(a.as_dtype(DType::Int64)?)
        }
        Some(a) if a.is_empty() && !matches!(v, Value::Array(_)) => Err(EvalError::type_error(
            "indices must be integral: the provided empty sequence was inferred as float. Wrap it with 'np.array(indices, dtype=np.intp)'",
        )),
        _ => Err(EvalError::type_error("only int indices permitted")),
    }
}

/// A shape argument whose dims may be negative (NumPy checks them later,
/// against the indices): an int or a sequence of ints.
fn dims_arg(v: &Value) -> EvalResult<Vec<i64>> {
    match v {
        v if let Some(items) = v.seq_items() => items.iter().map(index_int).collect(),
        Value::Array(a) if a.ndim() > 0 => (0..a.shape()[0] as i64)
            .map(|i| index_int(&Value::array(a.index_axis(0, i)?)))
            .collect(),
        other => index_int(other).map(|d| vec![d]).map_err(|_| {
            EvalError::type_error(format!(
                "expected a sequence of integers or a single integer, got '{}'",
                other.repr(&Default::default())
            ))
        }),
    }
}

/// 'C' or 'F': the other orders are NumPy's ValueError here.
fn c_or_f(b: &Bound) -> EvalResult<bool> {
    match b.at("order", order_arg(b.get("order")))? {
        Order::C => Ok(false),
        Order::F => Ok(true),
        _ => Err(EvalError::value_error("only 'C' or 'F' order is permitted")),
    }
}

/// The element count of `dims`, or NumPy's ValueError when it overflows.
fn size_of(dims: &[i64]) -> EvalResult<i64> {
    dims.iter().try_fold(1i64, |n, &d| n.checked_mul(d)).ok_or_else(|| {
        EvalError::value_error(
            "dimensions are too large; arrays and shapes with a total size greater than 'intp' are not supported.",
        )
    })
}

/// The results of these functions: NumPy scalars for 0-d inputs.
fn int_result(shape: &[usize], data: Vec<i64>) -> EvalResult<Value> {
    Ok(if shape.is_empty() {
        Value::Scalar(Scalar::Int64(data[0]))
    } else {
        Value::array(Array::from_vec(shape, data)?)
    })
}

/// `np.unravel_index(indices, shape, order='C')`: each flat index divided
/// out by the dims from the last (C) or the first (F). Errors: an index
/// outside `[0, size)` is NumPy's ValueError naming both.
pub fn unravel_index(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let idx = b.at("indices", int_indices(b.req("indices")))?;
    let dims = b.at("shape", dims_arg(b.req("shape")))?;
    let fortran = c_or_f(b)?;
    let size = size_of(&dims)?;
    let flat = idx.to_vec::<i64>();
    let mut coords = vec![Vec::with_capacity(flat.len()); dims.len()];
    let axes: Vec<usize> = if fortran {
        (0..dims.len()).collect()
    } else {
        (0..dims.len()).rev().collect()
    };
    for &i in &flat {
        if i < 0 || i >= size {
            return Err(EvalError::value_error(format!(
                "index {i} is out of bounds for array with size {size}"
            )));
        }
        let mut rest = i;
        for &k in &axes {
            coords[k].push(rest % dims[k]);
            rest /= dims[k];
        }
    }
    let out = coords
        .into_iter()
        .map(|c| int_result(idx.shape(), c))
        .collect::<EvalResult<_>>()?;
    Ok(Value::tuple(out))
}

/// NumPy's clip modes of `ravel_multi_index`.
#[derive(Clone, Copy)]
enum ClipMode {
    Raise,
    Wrap,
    Clip,
}

fn clip_mode(v: &Value) -> EvalResult<ClipMode> {
    match v {
        Value::Str(s) => match &**s {
            "raise" => Ok(ClipMode::Raise),
            "wrap" => Ok(ClipMode::Wrap),
            "clip" => Ok(ClipMode::Clip),
            _ => Err(EvalError::value_error(format!(
                "clipmode must be one of 'clip', 'raise', or 'wrap' (got '{s}')"
            ))),
        },
        v => match index_int(v)? {
            0 => Ok(ClipMode::Raise),
            1 => Ok(ClipMode::Wrap),
            _ => Ok(ClipMode::Clip),
        },
    }
}

/// The clip mode of each axis: one mode for all, or a sequence of `n`.
fn clip_modes(v: Option<&Value>, n: usize) -> EvalResult<Vec<ClipMode>> {
    let Some(v) = v else {
        return Ok(vec![ClipMode::Raise; n]);
    };
    match v.seq_items() {
        Some(items) if !matches!(v, Value::Str(_)) => {
            if items.len() != n {
                return Err(EvalError::value_error(format!(
                    "list of clipmodes has wrong length ({} instead of {n})",
                    items.len()
                )));
            }
            items.iter().map(clip_mode).collect()
        }
        _ => Ok(vec![clip_mode(v)?; n]),
    }
}

/// The coordinate arrays of `multi_index`: the items of a sequence, or the
/// rows of an array.
fn coordinate_items(v: &Value) -> EvalResult<Vec<Value>> {
    match v {
        v if let Some(items) = v.seq_items() => Ok(items.to_vec()),
        Value::Array(a) if a.ndim() > 0 => (0..a.shape()[0] as i64)
            .map(|i| Ok(Value::array(a.index_axis(0, i)?)))
            .collect(),
        _ => Err(EvalError::type_error(
            "dispatcher for __array_function__ did not return an iterable",
        )),
    }
}

/// `np.ravel_multi_index(multi_index, dims, mode='raise', order='C')`:
/// the coordinates broadcast together, each brought into its axis by its
/// clip mode and weighted by the axis' C or F stride.
pub fn ravel_multi_index(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let dims = b.at("dims", dims_arg(b.req("dims")))?;
    let modes = b.at("mode", clip_modes(b.get("mode"), dims.len()))?;
    let items = b.at("multi_index", coordinate_items(b.req("multi_index")))?;
    if items.len() != dims.len() {
        return Err(EvalError::value_error(format!(
            "parameter multi_index must be a sequence of length {}",
            dims.len()
        )));
    }
    let fortran = c_or_f(b)?;
    if dims.contains(&0) {
        return Err(EvalError::value_error(
            "cannot unravel if shape has zero entries (is empty).",
        ));
    }
    let strides = ravel_strides(&dims, fortran)?;
    let coords: Vec<Array> = items.iter().map(int_indices).collect::<EvalResult<_>>()?;
    let mut shape: Vec<usize> = Vec::new();
    for c in &coords {
        shape = broadcast_shapes(&shape, c.shape())?;
    }
    let columns: Vec<Vec<i64>> = coords
        .iter()
        .map(|c| Ok(c.broadcast_to(&shape)?.to_vec::<i64>()))
        .collect::<EvalResult<_>>()?;
    let n: usize = shape.iter().product();
    let mut out = vec![0i64; n];
    for (k, column) in columns.iter().enumerate() {
        let m = dims[k];
        for (o, &j) in out.iter_mut().zip(column) {
            let j = match modes[k] {
                ClipMode::Raise if j < 0 || j >= m => {
                    return Err(EvalError::value_error("invalid entry in coordinates array"));
                }
                ClipMode::Raise => j,
                ClipMode::Wrap => j.checked_rem_euclid(m).unwrap_or(0),
                // NumPy's order of tests (a negative dim clips to m - 1).
                ClipMode::Clip if j < 0 => 0,
                ClipMode::Clip if j >= m => m - 1,
                ClipMode::Clip => j,
            };
            *o += j * strides[k];
        }
    }
    int_result(&shape, out)
}

/// Each axis' weight in a flat index, or NumPy's ValueError when the
/// dims' size overflows.
fn ravel_strides(dims: &[i64], fortran: bool) -> EvalResult<Vec<i64>> {
    let too_big = || {
        EvalError::value_error(
            "invalid dims: array size defined by dims is larger than the maximum possible size.",
        )
    };
    let mut strides = vec![0; dims.len()];
    let mut s = 1i64;
    let axes: Vec<usize> = if fortran {
        (0..dims.len()).collect()
    } else {
        (0..dims.len()).rev().collect()
    };
    for k in axes {
        strides[k] = s;
        s = s.checked_mul(dims[k]).ok_or_else(too_big)?;
    }
    Ok(strides)
}

/// `np.take_along_axis(arr, indices, axis=-1)`: `arr` indexed by
/// `indices` on `axis` and by aranges on the other axes (broadcast
/// against `indices`); `axis=None` indexes the flattened array.
pub fn take_along_axis(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (Value::Array(arr), Value::Array(ind)) = (b.req("arr"), b.req("indices")) else {
        let (name, attr) = match b.req("arr") {
            Value::Array(_) => (b.req("indices"), "dtype"),
            other => (other, "ndim"),
        };
        return Err(EvalError::new(
            ErrorKind::AttributeError,
            format!("'{}' object has no attribute '{attr}'", name.short_type()),
        ));
    };
    let axis = match b.get("axis") {
        None => Some(normalize_axis(-1, arr.ndim())?),
        Some(Value::None) => None,
        Some(v) => Some(normalize_axis(index_int(v)?, arr.ndim())?),
    };
    if axis.is_none() && ind.ndim() != 1 {
        return Err(EvalError::value_error(
            "when axis=None, `indices` must have a single dimension.",
        ));
    }
    if !matches!(ind.dtype().kind(), Kind::Int | Kind::UInt) {
        return Err(EvalError::index_error("`indices` must be an integer array"));
    }
    let Some(axis) = axis else {
        return Ok(Value::array(along_axis(&arr.ravel()?, ind, 0)?));
    };
    if ind.ndim() != arr.ndim() {
        return Err(EvalError::value_error(
            "`indices` and `arr` must have the same number of dimensions",
        ));
    }
    Ok(Value::array(along_axis(arr, ind, axis)?))
}

/// `arr[aranges..., ind, aranges...]` with `ind` on `axis`: the index
/// arrays broadcast together (NumPy's IndexError naming their shapes when
/// they do not), each element read at its own position along `axis`.
fn along_axis(arr: &Array, ind: &Array, axis: usize) -> EvalResult<Array> {
    let n = arr.ndim();
    let index_shapes: Vec<Vec<usize>> = (0..n)
        .map(|k| match k == axis {
            true => ind.shape().to_vec(),
            false => (0..n)
                .map(|j| if j == k { arr.shape()[k] } else { 1 })
                .collect(),
        })
        .collect();
    let mut shape = Vec::new();
    for s in &index_shapes {
        shape = broadcast_shapes(&shape, s).map_err(|_| {
            let shapes: Vec<String> = index_shapes.iter().map(|s| shape_compact(s)).collect();
            EvalError::index_error(format!(
                "shape mismatch: indexing arrays could not be broadcast together with shapes {} ",
                shapes.join(" ")
            ))
        })?;
    }
    let picks = ind
        .as_dtype(DType::Int64)?
        .broadcast_to(&shape)?
        .to_vec::<i64>();
    let size = arr.shape()[axis] as i64;
    // C-order strides of `arr`'s elements, for flat positions.
    let mut strides = vec![1usize; n];
    for k in (0..n.saturating_sub(1)).rev() {
        strides[k] = strides[k + 1] * arr.shape()[k + 1];
    }
    let mut flat = Vec::with_capacity(picks.len());
    let mut pos = vec![0usize; n];
    for &p in &picks {
        if p < -size || p >= size {
            return Err(EvalError::index_error(format!(
                "index {p} is out of bounds for axis {axis} with size {size}"
            )));
        }
        let at = if p < 0 { p + size } else { p } as usize;
        let offset: usize = (0..n)
            .map(|k| match k {
                k if k == axis => strides[k] * at,
                // A length-1 axis of `arr` broadcasts its one index.
                k if arr.shape()[k] == 1 => 0,
                k => strides[k] * pos[k],
            })
            .sum();
        flat.push(offset as i64);
        // The next position of the output, in C order.
        for k in (0..n).rev() {
            pos[k] += 1;
            if pos[k] < shape[k] {
                break;
            }
            pos[k] = 0;
        }
    }
    let taken = arr.ravel()?.index(&[Index::Take(Array::from_i64(flat))])?;
    Ok(taken.reshape_to(&shape)?)
}
