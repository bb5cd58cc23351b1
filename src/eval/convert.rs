//! Conversions between values and arrays: `np.asarray` on nested lists and
//! scalars, dtype arguments, and reading Python ints/floats/axes out of values.

use crate::array::{self, Array, DType, Element, Kind, dispatch, limits, shape_repr};

use super::error::{EvalError, EvalResult};
use super::value::{Scalar, Value};

/// The dtype named by a `dtype=` argument (`float`, `np.float64`, `'int64'`, ...).
pub fn dtype_arg(v: &Value) -> EvalResult<Option<DType>> {
    match v {
        Value::None => Ok(None),
        Value::DType(d) | Value::DTypeObj(d) => Ok(Some(*d)),
        Value::Builtin(b) if super::builtins::python_dtype(b.name).is_some() => {
            Ok(super::builtins::python_dtype(b.name))
        }
        Value::Str(s) => match DType::parse(s) {
            Some(d @ (DType::Float64 | DType::Int64 | DType::Bool)) => Ok(Some(d)),
            _ => Err(EvalError::type_error(format!(
                "data type '{s}' not understood (gradlab supports float64, int64 and bool)"
            ))),
        },
        other => Err(EvalError::type_error(format!(
            "Cannot interpret '{}' as a data type",
            other.repr(&Default::default())
        ))),
    }
}

/// A leaf of a nested sequence, before the dtype is known.
#[derive(Clone, Copy)]
enum Leaf {
    B(bool),
    I(i64),
    F(f64),
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
        Value::Float(x) => Ok(Array::scalar_f64(*x)),
        Value::List(_) | Value::Tuple(_) => from_sequence(v),
        other => Err(EvalError::type_error(format!(
            "cannot convert '{}' object to an array of numbers",
            other.short_type()
        ))),
    }
}

/// [`to_array`] then converted to `dtype` when given
/// (`np.asarray(x, dtype=...)`: shared when the dtype already matches).
pub fn to_array_dtype(v: &Value, dtype: Option<DType>) -> EvalResult<Array> {
    let a = to_array(v)?;
    Ok(match dtype {
        Some(d) => a.as_dtype(d)?,
        None => a,
    })
}

fn from_sequence(v: &Value) -> EvalResult<Array> {
    let mut shape: Vec<usize> = Vec::new();
    discover_shape(v, 0, &mut shape)?;
    let mut leaves = Vec::new();
    let mut kind = DType::Bool;
    let mut any = false;
    collect(v, 0, &shape, &mut leaves, &mut kind, &mut any)?;
    if !any {
        kind = DType::Float64;
    }
    limits::check_alloc(&shape, kind)?;
    let arr = match kind {
        DType::Int64 => Array::from_vec(
            &shape,
            leaves
                .iter()
                .map(|l| match *l {
                    Leaf::B(b) => i64::from(b),
                    Leaf::I(i) => i,
                    Leaf::F(x) => x as i64,
                })
                .collect(),
        ),
        DType::Bool => Array::from_vec(
            &shape,
            leaves.iter().map(|l| matches!(l, Leaf::B(true))).collect(),
        ),
        _ => Array::from_vec(
            &shape,
            leaves
                .iter()
                .map(|l| match *l {
                    Leaf::B(b) => f64::from(u8::from(b)),
                    Leaf::I(i) => i as f64,
                    Leaf::F(x) => x,
                })
                .collect(),
        ),
    }?;
    Ok(arr)
}

fn items(v: &Value) -> Option<&[Value]> {
    match v {
        Value::List(items) | Value::Tuple(items) => Some(items),
        _ => None,
    }
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
    out: &mut Vec<Leaf>,
    kind: &mut DType,
    any: &mut bool,
) -> EvalResult<()> {
    if let Some(items) = items(v) {
        if depth >= shape.len() || items.len() != shape[depth] {
            return Err(ragged(shape, depth));
        }
        for item in items {
            collect(item, depth + 1, shape, out, kind, any)?;
        }
        return Ok(());
    }
    if let Value::Array(a) = v {
        if a.shape() != &shape[depth..] {
            return Err(ragged(shape, depth));
        }
        *any = true;
        *kind = kind.promote(a.dtype());
        dispatch!(a.dtype(), T => out.extend(a.read::<T>().iter().map(leaf::<T>)));
        return Ok(());
    }
    if depth != shape.len() {
        return Err(ragged(shape, depth));
    }
    let leaf = match v {
        Value::Bool(b) | Value::Scalar(Scalar::B(b)) => Leaf::B(*b),
        Value::Int(i) | Value::Scalar(Scalar::I(i)) => Leaf::I(*i),
        Value::Float(x) | Value::Scalar(Scalar::F(x)) => Leaf::F(*x),
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
    *kind = kind.promote(match leaf {
        Leaf::B(_) => DType::Bool,
        Leaf::I(_) => DType::Int64,
        Leaf::F(_) => DType::Float64,
    });
    out.push(leaf);
    Ok(())
}

/// An array element as a leaf (the interpreter's dtypes: every integer is
/// read as int64, every float as float64).
fn leaf<T: Element>(x: T) -> Leaf {
    match T::DTYPE.kind() {
        Kind::Bool => Leaf::B(x.cast()),
        Kind::Int | Kind::UInt => Leaf::I(x.cast()),
        Kind::Float | Kind::Complex => Leaf::F(x.cast()),
    }
}

/// A Python int from an int-like value (`operator.index`), else TypeError
/// `'float' object cannot be interpreted as an integer`.
pub fn index_int(v: &Value) -> EvalResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::Scalar(Scalar::I(i)) => Ok(*i),
        Value::Scalar(Scalar::B(b)) => Ok(i64::from(*b)),
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
        Value::Float(x) => *x != 0.0,
        Value::Scalar(s) => s.as_f64() != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::List(items) | Value::Tuple(items) | Value::Set(items) => !items.is_empty(),
        Value::Dict(items) => !items.is_empty(),
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
        Value::Scalar(Scalar::from_array_first(&a).expect("0-d array has one element"))
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
        Value::List(items) | Value::Tuple(items) => {
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
