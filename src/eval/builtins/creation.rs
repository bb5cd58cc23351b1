//! Array creation: `array`, `linspace`, `arange`, `zeros`, `meshgrid`, ...

use crate::array::{Array, DType, Fresh, Scalar as Elem};
use crate::eval::ErrorKind;

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

/// `np.array(object, dtype, copy, ndmin)`: a new array unless `copy` is
/// false (then NumPy 2 refuses to copy).
pub fn array(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let object = b.req("object");
    let mut a = b.at("object", to_array_dtype(object, dtype_of(b, "dtype")?))?;
    let shared = matches!(object, Value::Array(x) if x.shares_buffer(&a));
    let copy = b.get("copy").map(truthy).transpose()?.unwrap_or(true);
    if shared && copy {
        a = a.copy()?;
    } else if !shared && !copy && matches!(object, Value::Array(_)) {
        return Err(EvalError::value_error(
            "Unable to avoid copy while creating an array as requested.\nIf using `np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy when needed (no behavior change in NumPy 1.x).\nFor more details, see https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapting-to-changes-in-the-copy-keyword.",
        ));
    }
    if let Some(v) = b.get("ndmin") {
        let ndmin = b.at("ndmin", index_int(v))?.max(0) as usize;
        if a.ndim() < ndmin {
            let mut shape = vec![1; ndmin - a.ndim()];
            shape.extend_from_slice(a.shape());
            a = a.reshape_to(&shape)?;
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

/// A new 1-D float64 array of `len` elements `f(0), f(1), ...`, from the
/// one allocation function.
fn fill_f64(len: usize, f: impl Fn(usize) -> f64) -> EvalResult<Array> {
    let mut out = Fresh::<f64>::zeroed(&[len])?;
    for (i, o) in out.as_mut_slice().iter_mut().enumerate() {
        *o = f(i);
    }
    Ok(out.finish())
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
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let step = delta / div as f64;
    let dtype = dtype_of(b, "dtype")?;
    // An integer dtype floors the values first (NumPy's `_nx.floor`).
    let floor = dtype.is_some_and(DType::is_integer);
    let last = if endpoint && num > 1 {
        num - 1
    } else {
        usize::MAX
    };
    // NumPy: y = arange(num) * step + start, or (i / div) * delta when the
    // step underflows to zero; the endpoint is set exactly.
    let mut out = fill_f64(num, |i| {
        let y = if i == last {
            stop
        } else if div == 0 {
            i as f64 * delta + start
        } else if step == 0.0 {
            i as f64 / div as f64 * delta + start
        } else {
            i as f64 * step + start
        };
        if floor { y.floor() } else { y }
    })?;
    if let Some(d) = dtype {
        out = super::super::warnings::cast_checked(&out, d)?;
    }
    let retstep = match b.get("retstep") {
        None => false,
        Some(v) => truthy(v)?,
    };
    if retstep {
        let step = if div == 0 { f64::NAN } else { step };
        return Ok(Value::tuple(vec![
            Value::array(out),
            Value::Scalar(Scalar::Float64(step)),
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
        matches!(v, Value::Float(_) | Value::Scalar(Scalar::Float64(_)))
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
        if dtype == DType::Float32 {
            return Ok(Value::array(arange_f32(a, a + s, len)?));
        }
        // NumPy fills from the first two values: x[i] = start + i * delta.
        let delta = (a + s) - a;
        fill_f64(len, |i| match i {
            0 => a,
            1 => a + s,
            _ => a + i as f64 * delta,
        })?
        .as_dtype(dtype)?
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
        if dtype == DType::Bool && len > 2 {
            return Err(EvalError::type_error(
                "arange() is only supported for booleans when the result has at most length 2.",
            ));
        }
        let mut out = Fresh::<i64>::zeroed(&[len])?;
        for (i, o) in out.as_mut_slice().iter_mut().enumerate() {
            *o = a + i as i64 * s;
        }
        out.finish().as_dtype(dtype)?
    };
    Ok(Value::array(out))
}

/// NumPy's float32 `arange` fill: the first two values converted to
/// float32, the rest `x0 + i * (x1 - x0)` in float32 arithmetic.
fn arange_f32(first: f64, second: f64, len: usize) -> EvalResult<Array> {
    for x in [first, second] {
        super::super::warnings::check_f64_cast(x, DType::Float32)?;
    }
    let (x0, x1) = (first as f32, second as f32);
    let delta = x1 - x0;
    let mut out = Fresh::<f32>::zeroed(&[len])?;
    for (i, o) in out.as_mut_slice().iter_mut().enumerate() {
        *o = match i {
            0 => x0,
            1 => x1,
            _ => x0 + i as f32 * delta,
        };
    }
    Ok(out.finish())
}

fn filled(shape: &[usize], dtype: DType, x: f64) -> EvalResult<Array> {
    Ok(Array::full(shape, Elem::Float64(x).cast(dtype))?)
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
    let dtype = dtype_of(b, "dtype")?;
    // np.full copies with casting='unsafe': only Python ints are checked.
    let fill = match b.req("fill_value") {
        Value::Float(_) => to_array(b.req("fill_value"))?,
        v => b.at("fill_value", to_array_dtype(v, dtype))?,
    };
    let dtype = dtype.unwrap_or(fill.dtype());
    super::super::warnings::report(super::super::warnings::cast_flags(&fill, dtype), "cast")?;
    let x = fill.first().unwrap_or(Elem::Float64(0.0));
    Ok(Value::array(Array::full(&shape, x.cast(dtype))?))
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

/// `np.meshgrid(*xi, copy=True, sparse=False, indexing='xy')`: vector k
/// laid along axis k (axes 0 and 1 swapped for `'xy'`), broadcast to the
/// full grid unless `sparse`, copied unless `copy` is false (then views of
/// the inputs, as NumPy's reshapes and broadcasts are).
pub fn meshgrid(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
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
    let sparse = b.get("sparse").map(truthy).transpose()?.unwrap_or(false);
    let copy = b.get("copy").map(truthy).transpose()?.unwrap_or(true);
    let xs: Vec<Array> = b.varargs.iter().map(to_array).collect::<EvalResult<_>>()?;
    let n = xs.len();
    let mut grids = Vec::with_capacity(n);
    for (k, x) in xs.iter().enumerate() {
        // Axis along which vector k varies in the output.
        let axis = if !ij && n >= 2 && k < 2 { 1 - k } else { k };
        let mut s = vec![1; n];
        s[axis] = x.len();
        grids.push(x.reshape_to(&s)?);
    }
    if !sparse {
        let mut shape: Vec<usize> = xs.iter().map(Array::len).collect();
        if !ij && n >= 2 {
            shape.swap(0, 1);
        }
        grids = grids
            .iter()
            .map(|g| g.broadcast_to(&shape))
            .collect::<Result<_, _>>()?;
    }
    if copy {
        grids = grids.iter().map(Array::copy).collect::<Result<_, _>>()?;
    }
    Ok(Value::tuple(grids.into_iter().map(Value::array).collect()))
}
