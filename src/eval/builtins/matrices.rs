//! Creation and matrix helpers (issue 13): `eye`, `identity`, `tri`,
//! `triu`, `tril`, `diag`, `diagonal` (a read-only view, as in NumPy),
//! `trace`, `empty`, `empty_like`, `full_like`, `logspace`, `geomspace`,
//! `indices`.

use crate::array::{Array, DType, Element, Fresh, dispatch};

use super::super::args::{Bound, CallArgs, Signature, bind};
use super::super::convert::{dtype_arg, index_int, real, shape_arg, to_array, truthy, wrap};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home, creation, reduce};

builtins! { MATRICES;
    "eye", Numpy, eye, "eye(N, M=None, k=0, dtype=float)",
        "A 2-D array with ones on the k-th diagonal and zeros elsewhere.", "np.eye(3, k=1)";
    "identity", Numpy, identity, "identity(n, dtype=None)",
        "The n x n identity matrix.", "np.identity(3, dtype=int)";
    "tri", Numpy, tri, "tri(N, M=None, k=0, dtype=float)",
        "Ones at and below the k-th diagonal, zeros above.", "np.tri(3, 4, k=1)";
    "triu", Numpy, triu, "triu(m, k=0)",
        "Upper triangle: elements below the k-th diagonal zeroed.", "np.triu(np.arange(1, 10).reshape(3, 3))";
    "tril", Numpy, triu, "tril(m, k=0)",
        "Lower triangle: elements above the k-th diagonal zeroed.", "np.tril(np.arange(1, 10).reshape(3, 3), k=-1)";
    "diag", Numpy, diag, "diag(v, k=0)",
        "The k-th diagonal of a 2-D array, or a 2-D array with a 1-D array on its k-th diagonal.",
        "np.diag(np.array([1, 2, 3]))";
    "diagonal", Numpy, diagonal, "diagonal(a, offset=0, axis1=0, axis2=1)",
        "The diagonal (a read-only view), for n-d arrays along axis1 and axis2.",
        "np.diagonal(np.arange(9).reshape(3, 3), offset=1)";
    "trace", Numpy, trace, "trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None)",
        "Sum along a diagonal.", "np.trace(np.arange(9).reshape(3, 3))";
    "empty", Numpy, empty, "empty(shape, dtype=float)",
        "A new array (gradlab fills it with zeros; NumPy leaves the memory as it was).",
        "np.empty((2, 3)).shape";
    "empty_like", Numpy, empty_like, "empty_like(prototype, dtype=None)",
        "A new array shaped like prototype (zeros in gradlab).", "np.empty_like(np.array([1, 2, 3])).dtype";
    "full_like", Numpy, full_like, "full_like(a, fill_value, dtype=None)",
        "An array shaped like a, filled with fill_value (cast to a's dtype).",
        "np.full_like(np.array([1.5, 2.5]), 7)";
    "logspace", Numpy, logspace, "logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None)",
        "num samples from base**start to base**stop, evenly spaced in log scale.",
        "np.logspace(0, 3, 4)";
    "geomspace", Numpy, geomspace, "geomspace(start, stop, num=50, endpoint=True, dtype=None)",
        "num samples from start to stop in a geometric progression.", "np.geomspace(1, 1000, 4)";
    "indices", Numpy, indices, "indices(dimensions, dtype=int, sparse=False)",
        "The index grid of a shape: one array of indices per axis.", "np.indices((2, 3))";
}

fn dtype_or(b: &Bound, name: &str, default: DType) -> EvalResult<DType> {
    match b.get(name) {
        None => Ok(default),
        Some(v) => Ok(b.at(name, dtype_arg(v))?.unwrap_or(default)),
    }
}

fn count(v: &Value) -> EvalResult<usize> {
    usize::try_from(index_int(v)?)
        .map_err(|_| EvalError::value_error("negative dimensions are not allowed"))
}

/// An `n x m` array of `dtype` with ones where `keep(i, j)`.
fn pattern(n: usize, m: usize, dtype: DType, keep: impl Fn(i64, i64) -> bool) -> EvalResult<Array> {
    let mut out = Fresh::<bool>::zeroed(&[n, m])?;
    for (p, o) in out.as_mut_slice().iter_mut().enumerate() {
        *o = keep((p / m.max(1)) as i64, (p % m.max(1)) as i64);
    }
    Ok(out.finish().astype(dtype)?)
}

fn square(b: &Bound, n: &str) -> EvalResult<(usize, usize, i64)> {
    let n = count(b.req(n))?;
    let m = match b.opt("M") {
        None => n,
        Some(v) => count(v)?,
    };
    let k = b.opt("k").map(index_int).transpose()?.unwrap_or(0);
    Ok((n, m, k))
}

pub fn eye(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (n, m, k) = square(b, "N")?;
    let dtype = dtype_or(b, "dtype", DType::Float64)?;
    Ok(Value::array(pattern(n, m, dtype, |i, j| j - i == k)?))
}

pub fn identity(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let n = count(b.req("n"))?;
    let dtype = dtype_or(b, "dtype", DType::Float64)?;
    Ok(Value::array(pattern(n, n, dtype, |i, j| i == j)?))
}

pub fn tri(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (n, m, k) = square(b, "N")?;
    let dtype = dtype_or(b, "dtype", DType::Float64)?;
    Ok(Value::array(pattern(n, m, dtype, |i, j| j <= i + k)?))
}

/// A copy of `a` with the elements of its last two axes where `!keep(i, j)`
/// set to zero.
fn masked<T: Element>(a: &Array, keep: impl Fn(i64, i64) -> bool) -> EvalResult<Array> {
    let mut out = Fresh::<T>::zeroed(a.shape())?;
    {
        let r = a.read::<T>();
        let mut v = out.view_mut();
        let nd = a.ndim();
        for ((idx, o), &x) in v.indexed_iter_mut().zip(r.view().iter()) {
            if keep(idx[nd - 2] as i64, idx[nd - 1] as i64) {
                *o = x;
            }
        }
    }
    Ok(out.finish())
}

/// `triu` and `tril` (by the row's name); 1-D input is first broadcast
/// to a square, as NumPy does.
pub fn triu(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let upper = b.sig.name.as_str() == "triu";
    let a = b.at("m", to_array(b.req("m")))?;
    let a = match a.ndim() {
        0 => {
            return Err(EvalError::type_error(
                "tri() missing 1 required positional argument: 'N'",
            ));
        }
        1 => {
            let n = a.shape()[0];
            a.broadcast_to(&[n, n])?
        }
        _ => a,
    };
    let k = b.opt("k").map(index_int).transpose()?.unwrap_or(0);
    let keep = move |i: i64, j: i64| if upper { j >= i + k } else { j <= i + k };
    let out = dispatch!(a.dtype(), T => masked::<T>(&a, keep)?);
    Ok(Value::array(out))
}

pub fn diagonal(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let int = |name: &str, default: i64| -> EvalResult<i64> {
        b.opt(name)
            .map(index_int)
            .transpose()
            .map(|v| v.unwrap_or(default))
    };
    let (offset, a1, a2) = (int("offset", 0)?, int("axis1", 0)?, int("axis2", 1)?);
    Ok(Value::array(a.diagonal(offset, a1, a2)?))
}

pub fn diag(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let v = b.at("v", to_array(b.req("v")))?;
    let k = b.opt("k").map(index_int).transpose()?.unwrap_or(0);
    match v.ndim() {
        1 => {
            let n = v.len() + k.unsigned_abs() as usize;
            let vals = v.clone();
            let out = dispatch!(v.dtype(), T => {
                let src = vals.to_vec::<T>();
                let mut out = Fresh::<T>::zeroed(&[n, n])?;
                let s = out.as_mut_slice();
                for (i, &x) in src.iter().enumerate() {
                    let (r, c) = if k >= 0 { (i, i + k as usize) } else { (i + k.unsigned_abs() as usize, i) };
                    s[r * n + c] = x;
                }
                out.finish()
            });
            Ok(Value::array(out))
        }
        2 => Ok(Value::array(v.diagonal(k, 0, 1)?)),
        _ => Err(EvalError::value_error("Input must be 1- or 2-d.")),
    }
}

pub fn trace(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let int = |name: &str, default: i64| -> EvalResult<i64> {
        b.opt(name)
            .map(index_int)
            .transpose()
            .map(|v| v.unwrap_or(default))
    };
    let d = a.diagonal(int("offset", 0)?, int("axis1", 0)?, int("axis2", 1)?)?;
    // The sum along the diagonal axis (the last): pairwise for floats.
    let lanes = d.ndim() - 1;
    let out = match d.dtype() {
        DType::Float64 => {
            let r = d.read::<f64>();
            let v = r.view();
            Array::from_ndarray(v.map_axis(ndarray::Axis(lanes), |l| {
                reduce::pairwise_sum(&l.iter().copied().collect::<Vec<f64>>())
            }))
        }
        DType::Bool | DType::Int64 => {
            let x = d.as_dtype(DType::Int64)?;
            let r = x.read::<i64>();
            let v = r.view();
            Array::from_ndarray(v.map_axis(ndarray::Axis(lanes), |l| {
                l.iter().fold(0i64, |s, &e| s.wrapping_add(e))
            }))
        }
        other => return Err(super::super::ops::unsupported_dtype(other)),
    };
    let out = match b.opt("dtype") {
        Some(t) => match dtype_arg(t)? {
            Some(t) => out.astype(t)?,
            None => out,
        },
        None => out,
    };
    Ok(wrap(out, true))
}

pub fn empty(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let shape = b.at("shape", shape_arg(b.req("shape")))?;
    let dtype = dtype_or(b, "dtype", DType::Float64)?;
    Ok(Value::array(Array::zeros(dtype, &shape)?))
}

pub fn empty_like(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("prototype", to_array(b.req("prototype")))?;
    let dtype = dtype_or(b, "dtype", a.dtype())?;
    Ok(Value::array(Array::zeros(dtype, a.shape())?))
}

pub fn full_like(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let dtype = dtype_or(b, "dtype", a.dtype())?;
    let fill = b.at("fill_value", to_array(b.req("fill_value")))?;
    let out = fill
        .astype(dtype)?
        .broadcast_to(a.shape())
        .map_err(|_| {
            EvalError::value_error(format!(
                "could not broadcast input array from shape {} into shape {}",
                crate::array::shape_repr(fill.shape()),
                crate::array::shape_repr(a.shape())
            ))
        })?
        .copy()?;
    Ok(Value::array(out))
}

/// `np.linspace(start, stop, num, endpoint)` through its table row.
fn linspace(s: &mut Session, b: &Bound, start: f64, stop: f64) -> EvalResult<Array> {
    let mut pos = vec![Value::Float(start), Value::Float(stop)];
    pos.push(b.value("num").unwrap_or(Value::Int(50)));
    pos.push(b.value("endpoint").unwrap_or(Value::Bool(true)));
    let call = CallArgs {
        pos_spans: smallvec::smallvec![b.span.clone(); pos.len()],
        pos: pos.into(),
        span: b.span.clone(),
        ..CallArgs::default()
    };
    let sig =
        Signature::of("linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None)");
    match creation::linspace(s, &bind(sig, call)?, false)? {
        Value::Array(a) => Ok((*a).clone()),
        _ => unreachable!("linspace returns an array"),
    }
}

fn finish_dtype(b: &Bound, out: Array) -> EvalResult<Value> {
    match b.opt("dtype") {
        Some(t) => match dtype_arg(t)? {
            Some(t) => Ok(Value::array(out.astype(t)?)),
            None => Ok(Value::array(out)),
        },
        None => Ok(Value::array(out)),
    }
}

pub fn logspace(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let start = b.at("start", real(b.req("start")))?;
    let stop = b.at("stop", real(b.req("stop")))?;
    let base = b.opt("base").map(real).transpose()?.unwrap_or(10.0);
    let y = linspace(s, b, start, stop)?;
    let out = crate::array::map::<f64, f64>(&y, |e| base.powf(e))?;
    finish_dtype(b, out)
}

pub fn geomspace(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let start = b.at("start", real(b.req("start")))?;
    let stop = b.at("stop", real(b.req("stop")))?;
    if start == 0.0 || stop == 0.0 {
        return Err(EvalError::value_error(
            "Geometric sequence cannot include zero",
        ));
    }
    // NumPy rotates start to the positive reals, works in log10, then
    // sets the ends exactly and rotates back.
    let sign = start.signum();
    let (start, stop) = (start / sign, stop / sign);
    let y = linspace(s, b, start.log10(), stop.log10())?;
    let mut vals: Vec<f64> = y.to_f64_vec().into_iter().map(|e| 10f64.powf(e)).collect();
    let n = vals.len();
    let endpoint = b
        .value("endpoint")
        .map(|v| truthy(&v))
        .transpose()?
        .unwrap_or(true);
    if n > 0 {
        vals[0] = start;
        if n > 1 && endpoint {
            vals[n - 1] = stop;
        }
    }
    let out = Array::from_f64(vals.into_iter().map(|v| sign * v).collect());
    finish_dtype(b, out)
}

pub fn indices(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let dims = b.at("dimensions", shape_arg(b.req("dimensions")))?;
    let dtype = dtype_or(b, "dtype", DType::Int64)?;
    let sparse = b.opt("sparse").map(truthy).transpose()?.unwrap_or(false);
    let n = dims.len();
    let mut full = vec![n];
    full.extend_from_slice(&dims);
    match sparse {
        true => dims
            .iter()
            .try_for_each(|&d| crate::array::limits::check_alloc(&[d], dtype))?,
        false => crate::array::limits::check_alloc(&full, dtype)?,
    }
    let grids = (0..n)
        .map(|k| {
            let mut shape = vec![1; n];
            shape[k] = dims[k];
            let line = Array::from_vec(&shape, (0..dims[k] as i64).collect::<Vec<i64>>())?;
            Ok(match sparse {
                true => line.astype(dtype)?,
                false => line.broadcast_to(&dims)?.astype(dtype)?,
            })
        })
        .collect::<EvalResult<Vec<Array>>>()?;
    if sparse {
        return Ok(Value::tuple(grids.into_iter().map(Value::array).collect()));
    }
    let stacked: Vec<Array> = grids.iter().map(|g| g.insert_axis(0)).collect();
    if stacked.is_empty() {
        return Ok(Value::array(Array::zeros(dtype, &[0])?));
    }
    Ok(Value::array(crate::array::concatenate(&stacked, Some(0))?))
}
