//! Conversions between values and arrays: `np.asarray` on nested lists and
//! scalars, dtype arguments, and reading Python ints/floats/axes out of values.

use crate::array::{self, Array, DType, Element, Kind, dispatch, limits, shape_repr};

use super::error::{EvalError, EvalResult};
use super::value::{Items, Value};

/// The dtype named by a `dtype=` argument (`float`, `np.float64`, `'int64'`, ...).
pub fn dtype_arg(v: &Value) -> EvalResult<Option<DType>> {
    match v {
        Value::None => Ok(None),
        Value::DType(d) | Value::DTypeObj(d) => Ok(Some(*d)),
        Value::Builtin(b) if super::builtins::python_dtype(b.name).is_some() => {
            Ok(super::builtins::python_dtype(b.name))
        }
        Value::Str(s) => match DType::parse(s) {
            Some(d) => Ok(Some(d)),
            None if let Some(err) = super::builtins::dtypes::unsupported_dtype(s, true) => Err(err),
            _ => Err(EvalError::type_error(format!(
                "data type '{s}' not understood"
            ))),
        },
        other => Err(EvalError::type_error(format!(
            "Cannot interpret '{}' as a data type",
            other.repr(&Default::default())
        ))),
    }
}

/// `np.asarray(v)`: arrays as they are (the same elements, not a copy),
/// scalars as 0-d arrays, nested lists and tuples as n-d arrays (bool <
/// int64 < float64, ragged is an error).
pub fn to_array(v: &Value) -> EvalResult<Array> {
    match v {
        Value::Array(a) => Ok((**a).clone()),
        Value::Scalar(s) => Ok(s.to_array()),
        Value::Bool(b) => Ok(Array::scalar_bool(*b)),
        Value::Int(i) => Ok(Array::scalar_i64(*i)),
        Value::BigInt(n) => Ok(Array::scalar(big_leaf(n, None)?)),
        Value::Float(x) => Ok(Array::scalar_f64(*x)),
        Value::Complex(z) => Ok(Array::scalar(array::Scalar::Complex128(*z))),
        Value::List(_) | Value::Tuple(_) => from_sequence(v, None),
        Value::Series(_) | Value::DataFrame(_) | Value::PdIndex(_) => {
            super::builtins::pandas::to_array_of(v)
        }
        other => Err(EvalError::type_error(format!(
            "cannot convert '{}' object to an array of numbers",
            other.short_type()
        ))),
    }
}

/// [`to_array`], borrowing a value that is already an array rather than
/// copying its handle (shape and strides) for a builtin that only reads it.
pub fn as_array(v: &Value) -> EvalResult<std::borrow::Cow<'_, Array>> {
    match v {
        Value::Array(a) => Ok(std::borrow::Cow::Borrowed(&**a)),
        _ => to_array(v).map(std::borrow::Cow::Owned),
    }
}

/// [`to_array`] then converted to `dtype` when given
/// (`np.asarray(x, dtype=...)`: shared when the dtype already matches).
/// Python ints given to an integer dtype must fit it (NumPy 2's
/// `OverflowError: Python integer 300 out of bounds for uint8`).
pub fn to_array_dtype(v: &Value, dtype: Option<DType>) -> EvalResult<Array> {
    let Some(d) = dtype else {
        return to_array(v);
    };
    match v {
        Value::Int(i) => Ok(Array::scalar(int_in(*i, d)?)),
        Value::Float(x) => {
            let s = float_in(*x, d)?;
            super::warnings::check_f64_cast(*x, d)?;
            Ok(Array::scalar(s))
        }
        // Past int64, as NumPy converts it for `d` (`np.float32(10**40)`
        // overflows to inf with its warning; no float holds `10**400`).
        Value::BigInt(n) => {
            let s = big_leaf(n, Some(d))?;
            if d.is_inexact() {
                super::warnings::check_f64_cast(super::ops::pybigint::to_f64(n)?, d)?;
            }
            Ok(Array::scalar(s))
        }
        Value::List(_) | Value::Tuple(_) => {
            let a = from_sequence(v, Some(d))?;
            super::warnings::check_built_f32(&a, || from_sequence(v, Some(DType::Float64)).ok())?;
            Ok(a)
        }
        _ => super::warnings::cast_checked(&to_array(v)?, d),
    }
}

/// The Python int `i` as an element of `d` (NEP 50: a Python int must fit
/// an integer dtype; floats and bools take it with `astype`'s rules).
pub fn int_in(i: i64, d: DType) -> EvalResult<array::Scalar> {
    let s = array::Scalar::Int64(i);
    if d.is_integer() && s.cast(d).cast(DType::Int64) != s {
        return Err(EvalError::new(
            super::ErrorKind::OverflowError,
            format!("Python integer {i} out of bounds for {d}"),
        ));
    }
    Ok(s.cast(d))
}

/// `np.uint8(x)`, `np.float32(x)`, ...: a NumPy scalar of `d` (an array
/// for a sequence or an array). Python ints must fit an integer dtype
/// (NEP 50); strings are parsed as Python's `int()` / `float()` do.
pub fn scalar_type_call(d: DType, v: &Value) -> EvalResult<Value> {
    let a = match v {
        Value::Str(s) => {
            let t = s.trim();
            if d.is_integer() {
                let i = t.parse::<i64>().map_err(|_| {
                    EvalError::value_error(format!(
                        "invalid literal for int() with base 10: {}",
                        crate::format::py_repr_str(s)
                    ))
                })?;
                Array::scalar(int_in(i, d)?)
            } else {
                let x = super::builtins::python::parse_float(s)?;
                super::warnings::cast_checked(&Array::scalar(array::Scalar::Float64(x)), d)?
            }
        }
        other => to_array_dtype(other, Some(d))?.as_dtype(d)?,
    };
    // A new scalar or array, never a view of the argument.
    let a = match v {
        Value::Array(x) if x.shares_buffer(&a) => a.copy()?,
        _ => a,
    };
    Ok(wrap(a, true))
}

/// What Python's `int(x)` (also `math.floor`, `math.ceil`, `'%d' % x`)
/// says of a float no integer can hold: `ValueError` for NaN,
/// `OverflowError` for an infinity; `Ok` for a finite `x`.
pub fn int_convertible(x: f64) -> EvalResult<()> {
    if x.is_nan() {
        return Err(EvalError::value_error(
            "cannot convert float NaN to integer",
        ));
    }
    if x.is_infinite() {
        return Err(EvalError::new(
            super::ErrorKind::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    Ok(())
}

/// The Python float `x` as an element of `d`: for an integer dtype NumPy 2
/// goes through Python's `int(x)`, which must then fit.
pub fn float_in(x: f64, d: DType) -> EvalResult<array::Scalar> {
    if !d.is_integer() {
        return Ok(array::Scalar::Float64(x).cast(d));
    }
    int_convertible(x)?;
    let t = x.trunc();
    // `int(x)` past int64 still fits a uint64 up to 2**64 - 1.
    if d == DType::UInt64
        && (9_223_372_036_854_775_808.0..18_446_744_073_709_551_616.0).contains(&t)
    {
        return Ok(array::Scalar::UInt64(t as u64));
    }
    if !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&t) {
        return Err(EvalError::new(
            super::ErrorKind::OverflowError,
            "Python int too large to convert to C long",
        ));
    }
    int_in(t as i64, d)
}

/// A nested list or tuple as an array: of `dtype` when given, else of the
/// promoted dtype of its leaves (Python bool < int (int64) < float
/// (float64); NumPy scalars and arrays bring their dtypes).
fn from_sequence(v: &Value, dtype: Option<DType>) -> EvalResult<Array> {
    let mut shape: Vec<usize> = Vec::new();
    discover_shape(v, 0, &mut shape)?;
    let mut leaves = Vec::new();
    let mut kind = DType::Bool;
    let mut any = false;
    collect(v, 0, &shape, &mut leaves, &mut kind, &mut any, dtype)?;
    if !any {
        kind = DType::Float64;
    }
    let kind = dtype.unwrap_or(kind);
    limits::check_alloc(&shape, kind)?;
    let arr = dispatch!(kind, T => Array::from_vec(
        &shape,
        leaves.iter().map(|l| l.get::<T>()).collect(),
    ))?;
    Ok(arr)
}

fn items(v: &Value) -> Option<Items<'_>> {
    v.seq_items()
}

/// The shape NumPy infers: the nesting along the first element of each level.
fn discover_shape(v: &Value, depth: usize, shape: &mut Vec<usize>) -> EvalResult<()> {
    if depth > 64 {
        return Err(EvalError::value_error(
            "maximum supported dimension for an ndarray is currently 64",
        ));
    }
    if let Some(items) = items(v) {
        shape.push(items.len());
        if let Some(first) = items.first() {
            discover_shape(first, depth + 1, shape)?;
        }
    } else if let Value::Array(a) = v {
        shape.extend_from_slice(a.shape());
    }
    Ok(())
}

fn ragged(shape: &[usize], depth: usize) -> EvalError {
    EvalError::value_error(format!(
        "setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions. The detected shape was {} + inhomogeneous part.",
        shape_repr(&shape[..depth])
    ))
}

fn collect(
    v: &Value,
    depth: usize,
    shape: &[usize],
    out: &mut Vec<array::Scalar>,
    kind: &mut DType,
    any: &mut bool,
    dtype: Option<DType>,
) -> EvalResult<()> {
    if let Some(items) = items(v) {
        if depth >= shape.len() || items.len() != shape[depth] {
            return Err(ragged(shape, depth));
        }
        for item in items.iter() {
            collect(item, depth + 1, shape, out, kind, any, dtype)?;
        }
        return Ok(());
    }
    if let Value::Array(a) = v {
        if a.shape() != &shape[depth..] {
            return Err(ragged(shape, depth));
        }
        *any = true;
        *kind = kind.promote(a.dtype());
        dispatch!(a.dtype(), T => out.extend(a.read::<T>().iter().map(Element::to_scalar)));
        return Ok(());
    }
    if depth != shape.len() {
        return Err(ragged(shape, depth));
    }
    let leaf = match v {
        Value::Bool(b) => array::Scalar::Bool(*b),
        Value::BigInt(n) => big_leaf(n, dtype)?,
        Value::Int(i) => match dtype {
            Some(d) => int_in(*i, d)?,
            None => array::Scalar::Int64(*i),
        },
        Value::Float(x) => match dtype {
            Some(d) => float_in(*x, d)?,
            None => array::Scalar::Float64(*x),
        },
        Value::Scalar(s) => *s,
        Value::Complex(z) => match dtype {
            Some(d) if d.kind() != Kind::Complex => {
                return Err(EvalError::type_error(
                    "float() argument must be a string or a real number, not 'complex'",
                ));
            }
            _ => array::Scalar::Complex128(*z),
        },
        Value::Str(s) => {
            return Err(EvalError::value_error(format!(
                "could not convert string to float: {}",
                crate::format::py_repr_str(s)
            )));
        }
        other => {
            return Err(EvalError::type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                other.short_type()
            )));
        }
    };
    *any = true;
    *kind = kind.promote(leaf.dtype());
    out.push(leaf);
    Ok(())
}

/// An element from a Python int past int64: NumPy makes one up to 2**64 - 1
/// a uint64 (`np.array(2**63)`); beyond, NumPy makes an object array,
/// which gradlab does not have.
fn big_leaf(n: &num_bigint::BigInt, dtype: Option<DType>) -> EvalResult<array::Scalar> {
    use num_traits::ToPrimitive;
    match (n.to_u64(), dtype) {
        (Some(u), None | Some(DType::UInt64)) => Ok(array::Scalar::UInt64(u)),
        (_, Some(d)) if d.is_inexact() => {
            Ok(array::Scalar::Float64(super::ops::pybigint::to_f64(n)?).cast(d))
        }
        (_, Some(_)) => Err(super::ops::pybigint::c_long_overflow()),
        (None, None) => Err(EvalError::new(
            crate::eval::ErrorKind::NotImplementedError,
            format!(
                "{n} fits neither int64 nor uint64: NumPy makes an object array, which gradlab does not have"
            ),
        )),
    }
}

/// A Python int from an int-like value (`operator.index`), else TypeError
/// `'float' object cannot be interpreted as an integer`.
pub fn index_int(v: &Value) -> EvalResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::BigInt(_) => Err(EvalError::index_error(
            "cannot fit 'int' into an index-sized integer",
        )),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::Scalar(s) if matches!(s.dtype().kind(), Kind::Bool | Kind::Int | Kind::UInt) => {
            Ok(s.get::<i64>())
        }
        Value::Array(a)
            if a.ndim() == 0 && matches!(a.dtype().kind(), Kind::Bool | Kind::Int | Kind::UInt) =>
        {
            Ok(a.first().expect("0-d").get::<i64>())
        }
        other => Err(EvalError::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.short_type()
        ))),
    }
}

/// A float from any real number value (`float(x)`), else TypeError.
pub fn real(v: &Value) -> EvalResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::BigInt(n) => super::ops::pybigint::to_f64(n),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::Float(x) => Ok(*x),
        Value::Scalar(s) => Ok(s.as_f64()),
        Value::Array(a) if a.len() == 1 => Ok(a.first().map_or(f64::NAN, |s| s.as_f64())),
        Value::Array(_) => Err(EvalError::type_error(
            "only length-1 arrays can be converted to Python scalars",
        )),
        other => Err(EvalError::type_error(format!(
            "must be real number, not {}",
            other.short_type()
        ))),
    }
}

/// Python truthiness (`if x`, `and`, `or`, `not`).
pub fn truthy(v: &Value) -> EvalResult<bool> {
    Ok(match v {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::BigInt(_) => true,
        Value::Float(x) => *x != 0.0,
        Value::Complex(z) => z.re != 0.0 || z.im != 0.0,
        Value::Scalar(s) => s.is_nonzero(),
        Value::Str(s) => !s.is_empty(),
        Value::List(items) | Value::Set(items) => !items.borrow().is_empty(),
        Value::Tuple(items) => !items.is_empty(),
        Value::Dict(items) => !items.borrow().is_empty(),
        Value::DictView(v) => !v.dict.borrow().is_empty(),
        Value::Range(r) => !r.is_empty(),
        Value::Named(_) => true,
        Value::Array(a) => match a.len() {
            1 => a.first().is_some_and(array::Scalar::is_nonzero),
            0 => false,
            _ => {
                return Err(EvalError::value_error(
                    "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
                ));
            }
        },
        _ => true,
    })
}

/// An array result as NumPy returns it from a ufunc: a NumPy scalar when the
/// result is 0-d and `as_scalar` (no operand was an n-d array), else an array.
pub fn wrap(a: Array, as_scalar: bool) -> Value {
    if as_scalar && a.ndim() == 0 {
        Value::Scalar(a.first().expect("0-d array has one element"))
    } else {
        Value::array(a)
    }
}

/// Normalises a possibly negative axis, NumPy's AxisError otherwise.
pub fn norm_axis(axis: i64, ndim: usize) -> EvalResult<usize> {
    Ok(array::normalize_axis(axis, ndim)?)
}

/// A shape argument: an int or a sequence of ints.
pub fn shape_arg(v: &Value) -> EvalResult<Vec<usize>> {
    let dims: Vec<i64> = match v {
        v if let Some(items) = v.seq_items() => {
            items.iter().map(index_int).collect::<EvalResult<_>>()?
        }
        other => vec![index_int(other)?],
    };
    dims.into_iter()
        .map(|d| {
            usize::try_from(d)
                .map_err(|_| EvalError::value_error("negative dimensions are not allowed"))
        })
        .collect()
}

/// Python tuple notation for a shape (`(3,)`, `(2, 3)`, `()`): the array
/// layer's one formatter, [`crate::array::shape_repr`], under the name
/// front ends used before it existed.
pub fn shape_str(shape: &[usize]) -> String {
    shape_repr(shape)
}
