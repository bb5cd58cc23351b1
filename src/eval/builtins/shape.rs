//! Joining and reshaping: `concatenate`, `stack`, `transpose`, `reshape`.

use ndarray::{ArrayD, Axis, IxDyn};

use crate::engine::{Array, DType, limits};

use super::super::args::Bound;
use super::super::convert::{index_int, norm_axis, to_array};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;

fn arrays_arg(v: &Value) -> EvalResult<Vec<Array>> {
    match v {
        Value::List(items) | Value::Tuple(items) => items.iter().map(to_array).collect(),
        Value::Array(a) if a.ndim() > 0 => {
            let n = a.shape()[0];
            (0..n as i64)
                .map(|i| {
                    match super::super::index::index_array(a, &[super::super::index::Idx::Int(i)])?
                    {
                        Value::Array(x) => Ok((*x).clone()),
                        other => to_array(&other),
                    }
                })
                .collect()
        }
        _ => Err(EvalError::type_error("expected a sequence of arrays")),
    }
}

/// `np.concatenate(arrays, axis)` with NumPy's error messages.
pub fn concat_arrays(arrays: &[Array], axis: i64) -> EvalResult<Array> {
    let first = arrays
        .first()
        .ok_or_else(|| EvalError::value_error("need at least one array to concatenate"))?;
    if first.ndim() == 0 {
        return Err(EvalError::value_error(
            "zero-dimensional arrays cannot be concatenated",
        ));
    }
    let ndim = first.ndim();
    for (i, a) in arrays.iter().enumerate().skip(1) {
        if a.ndim() != ndim {
            return Err(EvalError::value_error(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {ndim} dimension(s) and the array at index {i} has {} dimension(s)",
                a.ndim()
            )));
        }
    }
    let k = norm_axis(axis, ndim)?;
    for (i, a) in arrays.iter().enumerate().skip(1) {
        for d in 0..ndim {
            if d != k && a.shape()[d] != first.shape()[d] {
                return Err(EvalError::value_error(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {i} has size {}",
                    first.shape()[d],
                    a.shape()[d]
                )));
            }
        }
    }
    let dt = arrays.iter().map(Array::dtype).max().expect("non-empty");
    let mut shape = first.shape().to_vec();
    shape[k] = arrays.iter().map(|a| a.shape()[k]).sum();
    limits::check_alloc(&shape, 8, dt.name())?;
    let cast: Vec<Array> = arrays.iter().map(|a| a.astype(dt)).collect();
    macro_rules! join {
        ($variant:path) => {{
            let views: Vec<_> = cast
                .iter()
                .map(|a| match a {
                    $variant(x) => x.view(),
                    _ => unreachable!("cast to one dtype"),
                })
                .collect();
            $variant(ndarray::concatenate(Axis(k), &views).expect("shapes checked"))
        }};
    }
    Ok(match dt {
        DType::Float64 => join!(Array::Float),
        DType::Int64 => join!(Array::Int),
        DType::Bool => join!(Array::Bool),
    })
}

pub fn concatenate(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let arrays = b.at("arrays", arrays_arg(b.req("arrays")))?;
    let axis = match b.get("axis") {
        None => 0,
        Some(Value::None) => {
            let flat: Vec<Array> = arrays
                .iter()
                .map(|a| super::creation::reshape_to(a, &[a.len()]))
                .collect();
            return Ok(Value::array(concat_arrays(&flat, 0)?));
        }
        Some(v) => b.at("axis", index_int(v))?,
    };
    Ok(Value::array(concat_arrays(&arrays, axis)?))
}

pub fn stack(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let arrays = b.at("arrays", arrays_arg(b.req("arrays")))?;
    let first = arrays
        .first()
        .ok_or_else(|| EvalError::value_error("need at least one array to stack"))?;
    if arrays.iter().any(|a| a.shape() != first.shape()) {
        return Err(EvalError::value_error(
            "all input arrays must have the same shape",
        ));
    }
    let axis = match b.get("axis") {
        None => 0,
        Some(v) => b.at("axis", index_int(v))?,
    };
    let k = norm_axis(axis, first.ndim() + 1)?;
    let expanded: Vec<Array> = arrays
        .iter()
        .map(|a| {
            let mut s = a.shape().to_vec();
            s.insert(k, 1);
            super::creation::reshape_to(a, &s)
        })
        .collect();
    Ok(Value::array(concat_arrays(&expanded, k as i64)?))
}

/// `a.transpose(axes)`: reversed axes by default.
pub fn transpose_array(a: &Array, axes: Option<Vec<i64>>) -> EvalResult<Array> {
    let n = a.ndim();
    let perm: Vec<usize> = match axes {
        None => (0..n).rev().collect(),
        Some(ax) => {
            if ax.len() != n {
                return Err(EvalError::value_error("axes don't match array"));
            }
            let p: Vec<usize> = ax
                .iter()
                .map(|&k| norm_axis(k, n))
                .collect::<EvalResult<_>>()?;
            let mut seen = vec![false; n];
            for &k in &p {
                if std::mem::replace(&mut seen[k], true) {
                    return Err(EvalError::value_error("repeated axis in transpose"));
                }
            }
            p
        }
    };
    fn t<T: Clone>(x: &ArrayD<T>, p: &[usize]) -> ArrayD<T> {
        x.view()
            .permuted_axes(IxDyn(p))
            .as_standard_layout()
            .into_owned()
    }
    Ok(match a {
        Array::Float(x) => Array::Float(t(x, &perm)),
        Array::Int(x) => Array::Int(t(x, &perm)),
        Array::Bool(x) => Array::Bool(t(x, &perm)),
    })
}

fn ints(v: &Value) -> EvalResult<Vec<i64>> {
    match v {
        Value::List(items) | Value::Tuple(items) => items.iter().map(index_int).collect(),
        other => Ok(vec![index_int(other)?]),
    }
}

pub fn transpose(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let axes = b.opt("axes").map(ints).transpose()?;
    Ok(Value::array(transpose_array(&a, axes)?))
}

/// `a.reshape(shape)` with one `-1` inferred, NumPy's error otherwise.
pub fn reshape_array(a: &Array, dims: &[i64]) -> EvalResult<Array> {
    let unknown: Vec<usize> = dims
        .iter()
        .enumerate()
        .filter(|(_, d)| **d == -1)
        .map(|(i, _)| i)
        .collect();
    if unknown.len() > 1 {
        return Err(EvalError::value_error(
            "can only specify one unknown dimension",
        ));
    }
    if dims.iter().any(|&d| d < -1) {
        return Err(EvalError::value_error("negative dimensions not allowed"));
    }
    let known: usize = dims
        .iter()
        .filter(|&&d| d >= 0)
        .map(|&d| d as usize)
        .product();
    let mut shape: Vec<usize> = dims.iter().map(|&d| d.max(0) as usize).collect();
    let size = a.len();
    let bad = || {
        EvalError::value_error(format!(
            "cannot reshape array of size {size} into shape {}",
            shape_tuple(dims)
        ))
    };
    if let [k] = unknown.as_slice() {
        if known == 0 || !size.is_multiple_of(known) {
            return Err(bad());
        }
        shape[*k] = size / known;
    } else if known != size {
        return Err(bad());
    }
    Ok(super::creation::reshape_to(a, &shape))
}

/// NumPy writes the requested shape without spaces: `(5,2)`, `(4,-1)`.
fn shape_tuple(dims: &[i64]) -> String {
    let parts: Vec<String> = dims.iter().map(|x| x.to_string()).collect();
    if parts.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(","))
    }
}

/// The dims of a reshape call: one tuple/list argument or several ints.
pub fn reshape_dims(args: &[Value]) -> EvalResult<Vec<i64>> {
    match args {
        [single] => ints(single),
        many => many.iter().map(index_int).collect(),
    }
}

pub fn reshape(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let dims = b.at("shape", ints(b.req("shape")))?;
    Ok(Value::array(reshape_array(&a, &dims)?))
}
