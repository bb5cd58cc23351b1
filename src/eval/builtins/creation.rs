//! Array creation: `array`, `linspace`, `arange`, `zeros`, `meshgrid`, ...

use crate::eval::ErrorKind;
use ndarray::{ArrayD, IxDyn};

use crate::engine::{Array, DType, limits};

use super::super::args::Bound;
use super::super::convert::{
    dtype_arg, index_int, real, shape_arg, to_array, to_array_dtype, truthy,
};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::{Scalar, Value};

pub(super) fn dtype_of(b: &Bound, name: &str) -> EvalResult<Option<DType>> {
    match b.get(name) {
        None => Ok(None),
        Some(v) => b.at(name, dtype_arg(v)),
    }
}

pub fn array(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let mut a = b.at(
        "object",
        to_array_dtype(b.req("object"), dtype_of(b, "dtype")?),
    )?;
    if let Some(v) = b.get("ndmin") {
        let ndmin = b.at("ndmin", index_int(v))?.max(0) as usize;
        if a.ndim() < ndmin {
            let mut shape = vec![1; ndmin - a.ndim()];
            shape.extend_from_slice(a.shape());
            a = reshape_to(&a, &shape);
        }
    }
    Ok(Value::array(a))
}

pub fn asarray(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    Ok(Value::array(b.at(
        "a",
        to_array_dtype(b.req("a"), dtype_of(b, "dtype")?),
    )?))
}

/// The same elements (row-major) with a new shape of equal size.
pub fn reshape_to(a: &Array, shape: &[usize]) -> Array {
    let ix = IxDyn(shape);
    match a {
        Array::Float(x) => Array::Float(
            ArrayD::from_shape_vec(ix, x.iter().copied().collect()).expect("same size"),
        ),
        Array::Int(x) => {
            Array::Int(ArrayD::from_shape_vec(ix, x.iter().copied().collect()).expect("same size"))
        }
        Array::Bool(x) => {
            Array::Bool(ArrayD::from_shape_vec(ix, x.iter().copied().collect()).expect("same size"))
        }
    }
}

pub fn linspace(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let start = b.at("start", real(b.req("start")))?;
    let stop = b.at("stop", real(b.req("stop")))?;
    let num = match b.get("num") {
        None => 50,
        Some(v) => b.at("num", index_int(v))?,
    };
    if num < 0 {
        return Err(EvalError::value_error(format!(
            "Number of samples, {num}, must be non-negative."
        ))
        .at(&b.span_of("num")));
    }
    let endpoint = match b.get("endpoint") {
        None => true,
        Some(v) => truthy(v)?,
    };
    let num = num as usize;
    limits::check_alloc(&[num], 8, "float64")?;
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let step = delta / div as f64;
    // NumPy: y = arange(num) * step + start, or (i / div) * delta when the
    // step underflows to zero; the endpoint is set exactly.
    let mut y: Vec<f64> = if div == 0 {
        (0..num).map(|i| i as f64 * delta + start).collect()
    } else if step == 0.0 {
        (0..num)
            .map(|i| i as f64 / div as f64 * delta + start)
            .collect()
    } else {
        (0..num).map(|i| i as f64 * step + start).collect()
    };
    if endpoint && num > 1 {
        y[num - 1] = stop;
    }
    let mut out = Array::from_f64(y);
    if let Some(d) = dtype_of(b, "dtype")? {
        if d == DType::Int64 {
            out = Array::from_f64(out.to_f64_vec().into_iter().map(f64::floor).collect());
        }
        out = out.astype(d);
    }
    let retstep = match b.get("retstep") {
        None => false,
        Some(v) => truthy(v)?,
    };
    if retstep {
        let step = if div == 0 { f64::NAN } else { step };
        return Ok(Value::tuple(vec![
            Value::array(out),
            Value::Scalar(Scalar::F(step)),
        ]));
    }
    Ok(Value::array(out))
}

pub fn arange(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let first = b.req("start").clone();
    let (start, stop) = match b.opt("stop") {
        None => (Value::Int(0), first),
        Some(stop) => (first, stop.clone()),
    };
    let step = b.opt("step").cloned().unwrap_or(Value::Int(1));
    let is_float = [&start, &stop, &step].iter().any(|v| {
        matches!(v, Value::Float(_) | Value::Scalar(Scalar::F(_)))
            || matches!(v, Value::Array(a) if a.dtype() == DType::Float64)
    });
    let dtype = dtype_of(b, "dtype")?.unwrap_or(if is_float {
        DType::Float64
    } else {
        DType::Int64
    });
    let out = if is_float || dtype == DType::Float64 {
        let (a, z, s) = (real(&start)?, real(&stop)?, real(&step)?);
        if s == 0.0 {
            return Err(EvalError::new(
                ErrorKind::ZeroDivisionError,
                "division by zero",
            ));
        }
        let len = ((z - a) / s).ceil();
        if !len.is_finite() {
            return Err(EvalError::value_error("arange: cannot compute length"));
        }
        let len = len.max(0.0) as usize;
        limits::check_alloc(&[len], 8, "float64")?;
        // NumPy fills from the first two values: x[i] = start + i * delta.
        let delta = (a + s) - a;
        let mut v: Vec<f64> = (0..len).map(|i| a + i as f64 * delta).collect();
        if len > 0 {
            v[0] = a;
        }
        if len > 1 {
            v[1] = a + s;
        }
        Array::from_f64(v).astype(dtype)
    } else {
        let (a, z, s) = (index_int(&start)?, index_int(&stop)?, index_int(&step)?);
        if s == 0 {
            return Err(EvalError::new(
                ErrorKind::ZeroDivisionError,
                "division by zero",
            ));
        }
        let len = if (s > 0 && z > a) || (s < 0 && z < a) {
            ((z as i128 - a as i128 + s as i128 - s.signum() as i128) / s as i128) as usize
        } else {
            0
        };
        limits::check_alloc(&[len], 8, "int64")?;
        Array::from_i64((0..len as i64).map(|i| a + i * s).collect()).astype(dtype)
    };
    Ok(Value::array(out))
}

fn filled(shape: &[usize], dtype: DType, x: f64) -> EvalResult<Array> {
    limits::check_alloc(shape, 8, dtype.name())?;
    let ix = IxDyn(shape);
    Ok(match dtype {
        DType::Float64 => Array::Float(ArrayD::from_elem(ix, x)),
        DType::Int64 => Array::Int(ArrayD::from_elem(ix, x as i64)),
        DType::Bool => Array::Bool(ArrayD::from_elem(ix, x != 0.0)),
    })
}

pub fn zeros(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let shape = b.at("shape", shape_arg(b.req("shape")))?;
    Ok(Value::array(filled(
        &shape,
        dtype_of(b, "dtype")?.unwrap_or(DType::Float64),
        0.0,
    )?))
}

pub fn ones(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let shape = b.at("shape", shape_arg(b.req("shape")))?;
    Ok(Value::array(filled(
        &shape,
        dtype_of(b, "dtype")?.unwrap_or(DType::Float64),
        1.0,
    )?))
}

pub fn full(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let shape = b.at("shape", shape_arg(b.req("shape")))?;
    let fill = b.at("fill_value", to_array(b.req("fill_value")))?;
    let dtype = dtype_of(b, "dtype")?.unwrap_or(fill.dtype());
    let x = Scalar::from_array_first(&fill)
        .map(Scalar::as_f64)
        .unwrap_or(0.0);
    match (fill.astype(dtype), dtype) {
        (Array::Int(v), DType::Int64) => {
            limits::check_alloc(&shape, 8, "int64")?;
            Ok(Value::array(Array::Int(ArrayD::from_elem(
                IxDyn(&shape),
                v.iter().next().copied().unwrap_or(0),
            ))))
        }
        _ => Ok(Value::array(filled(&shape, dtype, x)?)),
    }
}

fn like(b: &Bound, x: f64) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let dtype = dtype_of(b, "dtype")?.unwrap_or(a.dtype());
    Ok(Value::array(filled(a.shape(), dtype, x)?))
}

pub fn zeros_like(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    like(b, 0.0)
}

pub fn ones_like(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    like(b, 1.0)
}

pub fn meshgrid(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let xs: Vec<Array> = b.varargs.iter().map(to_array).collect::<EvalResult<_>>()?;
    let ij = match b.get("indexing") {
        None => false,
        Some(Value::Str(s)) if &**s == "ij" => true,
        Some(Value::Str(s)) if &**s == "xy" => false,
        Some(_) => {
            return Err(EvalError::value_error(
                "Valid values for `indexing` are 'xy' and 'ij'.",
            ));
        }
    };
    let vecs: Vec<Array> = xs.iter().map(|x| reshape_to(x, &[x.len()])).collect();
    let mut shape: Vec<usize> = vecs.iter().map(Array::len).collect();
    if !ij && shape.len() >= 2 {
        shape.swap(0, 1);
    }
    let n = vecs.len();
    let mut out = Vec::with_capacity(n);
    for (k, v) in vecs.iter().enumerate() {
        // Axis along which vector k varies in the output.
        let axis = if !ij && n >= 2 && k < 2 { 1 - k } else { k };
        let mut s = vec![1; n];
        s[axis] = v.len();
        let col = reshape_to(v, &s);
        out.push(Value::array(broadcast_to(&col, &shape)?));
    }
    Ok(Value::tuple(out))
}

/// `np.broadcast_to(a, shape)` as an owned array.
pub fn broadcast_to(a: &Array, shape: &[usize]) -> EvalResult<Array> {
    limits::check_alloc(shape, 8, a.dtype().name())?;
    let ix = IxDyn(shape);
    let err = || {
        EvalError::value_error(format!(
            "operands could not be broadcast together with remapped shapes {} and requested shape {}",
            super::super::convert::shape_str(a.shape()),
            super::super::convert::shape_str(shape)
        ))
    };
    Ok(match a {
        Array::Float(x) => Array::Float(x.broadcast(ix).ok_or_else(err)?.to_owned()),
        Array::Int(x) => Array::Int(x.broadcast(ix).ok_or_else(err)?.to_owned()),
        Array::Bool(x) => Array::Bool(x.broadcast(ix).ok_or_else(err)?.to_owned()),
    })
}
