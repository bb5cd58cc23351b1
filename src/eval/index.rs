//! Subscripts: evaluated index items, NumPy's indexing of arrays (the
//! array layer's: views for basic items, copies for masks and index
//! arrays), assignment through them, and Python's indexing of sequences.

use crate::array::{self, Array, DType, Index, Kind};

pub use crate::array::slice_indices;

use super::convert::to_array;
use super::error::{EvalError, EvalResult};
use super::value::{Scalar, Value};

/// One evaluated index item.
#[derive(Clone, Debug)]
pub enum Idx {
    Int(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    NewAxis,
    Ellipsis,
    /// A boolean array (or a Python bool, 0-d).
    Mask(Array),
    /// An integer array.
    Take(Array),
}

impl Idx {
    /// An index item from a value (`a[i]` with `i` evaluated).
    pub fn from_value(v: &Value) -> EvalResult<Idx> {
        Ok(match v {
            Value::None => Idx::NewAxis,
            Value::Int(i) => Idx::Int(*i),
            Value::BigInt(_) => {
                return Err(EvalError::index_error(
                    "cannot fit 'int' into an index-sized integer",
                ));
            }
            Value::Scalar(s) if s.dtype().is_integer() => Idx::Int(s.get::<i64>()),
            Value::Bool(b) | Value::Scalar(Scalar::Bool(b)) => Idx::Mask(Array::scalar_bool(*b)),
            Value::Array(_) | Value::List(_) | Value::Tuple(_) => {
                let a = to_array(v)?;
                match a.dtype().kind() {
                    Kind::Bool => Idx::Mask(a),
                    Kind::Int | Kind::UInt => Idx::Take(a),
                    // `a[[]]`: an empty list selects nothing (NumPy reads
                    // it as an empty integer index, not a float array).
                    Kind::Float if a.is_empty() && !matches!(v, Value::Array(_)) => {
                        Idx::Take(a.as_dtype(DType::Int64)?)
                    }
                    Kind::Float | Kind::Complex => return Err(index_type_error()),
                }
            }
            _ => return Err(index_type_error()),
        })
    }

    fn to_index(&self) -> Index {
        match self {
            Idx::Int(i) => Index::Int(*i),
            Idx::Slice(a, b, c) => Index::slice(*a, *b, *c),
            Idx::NewAxis => Index::NewAxis,
            Idx::Ellipsis => Index::Ellipsis,
            Idx::Mask(m) => Index::Mask(m.clone()),
            Idx::Take(t) => Index::Take(t.clone()),
        }
    }
}

fn index_type_error() -> EvalError {
    EvalError::index_error(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
    )
}

fn to_indices(items: &[Idx]) -> Vec<Index> {
    items.iter().map(Idx::to_index).collect()
}

/// `a[items]` on an array: a NumPy scalar when every axis got an integer,
/// else a view (basic items) or a copy (a mask or an index array).
pub fn index_array(a: &Array, items: &[Idx]) -> EvalResult<Value> {
    let items = to_indices(items);
    let out = a.index(&items)?;
    Ok(if array::selects_element(&items, a.ndim()) {
        Value::Scalar(out.first().expect("one element"))
    } else {
        Value::array(out)
    })
}

/// `a[items] = value`, written through to every view of `a`'s elements
/// (NumPy's semantics: `b = a; a[0] = 5` changes `b`).
pub fn assign_array(a: &Array, items: &[Idx], value: &Value) -> EvalResult<()> {
    let fancy = items
        .iter()
        .any(|i| matches!(i, Idx::Mask(_) | Idx::Take(_)));
    let v = match element_of(value, a.dtype(), fancy)? {
        Some(s) => Array::scalar(s),
        None => to_array(value)?,
    };
    // NumPy's cast warnings ("overflow encountered in cast" for a float64
    // too big for float32, "invalid value" for a NumPy float no integer
    // holds): a scalar is converted before anything is written, an array
    // after its elements are (so under `np.seterr(over='raise')` only the
    // array's write happens).
    let array = matches!(value, Value::Array(_));
    let flags = super::warnings::cast_flags(&v, a.dtype());
    if !array {
        super::warnings::report(flags, "cast")?;
    }
    a.assign_index(&to_indices(items), &v)?;
    if array {
        super::warnings::report(flags, "cast")?;
    }
    Ok(())
}

/// The element a scalar `value` stores as in an array of `dtype` where
/// NumPy converts it as Python would (`int(x)`, `float(x)`) rather than by
/// casting; `None` where a cast does (arrays, and NumPy scalars under an
/// index array or a mask).
///
/// A Python int must fit an integer dtype (NEP 50); a Python float, and a
/// NumPy scalar stored by integers and slices into a signed integer array,
/// goes through `int()` (NaN and inf raise) and must then fit; complex
/// numbers go into no real array; strings are parsed, `None` is NaN in a
/// float array.
///
/// # Errors
/// Python's `OverflowError`, `ValueError` and `TypeError` of those
/// conversions.
pub fn element_of(value: &Value, dtype: DType, fancy: bool) -> EvalResult<Option<Scalar>> {
    use super::convert::{float_in, int_in};
    let int = dtype.is_integer();
    let real = matches!(dtype.kind(), Kind::Int | Kind::UInt | Kind::Float);
    Ok(Some(match value {
        Value::Int(i) if int => int_in(*i, dtype)?,
        Value::Float(x) if int => float_in(*x, dtype)?,
        Value::Scalar(s)
            if !fancy
                && s.dtype() != dtype
                && matches!(
                    dtype,
                    DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64
                ) =>
        {
            match s.dtype().kind() {
                Kind::Float => float_in(s.as_f64(), dtype)?,
                Kind::UInt if s.get::<u64>() > i64::MAX as u64 => {
                    return Err(EvalError::new(
                        super::ErrorKind::OverflowError,
                        "Python int too large to convert to C long",
                    ));
                }
                Kind::Int | Kind::UInt | Kind::Bool => int_in(s.get::<i64>(), dtype)?,
                Kind::Complex => return Ok(None),
            }
        }
        Value::Complex(_) if real => return Err(not_a_real(int, "complex")),
        Value::None if int => return Err(not_a_real(true, "NoneType")),
        Value::None if dtype.kind() == Kind::Float => Scalar::Float64(f64::NAN).cast(dtype),
        Value::Str(t) if int => {
            let i = t.trim().parse::<i64>().map_err(|_| {
                EvalError::value_error(format!(
                    "invalid literal for int() with base 10: {}",
                    crate::format::py_repr_str(t)
                ))
            })?;
            int_in(i, dtype)?
        }
        Value::Str(t) if dtype.kind() == Kind::Float => {
            Scalar::Float64(super::builtins::python::parse_float(t)?).cast(dtype)
        }
        _ => return Ok(None),
    }))
}

/// Python's `TypeError` of `int(x)` or `float(x)` for a `type` that is no
/// real number.
fn not_a_real(int: bool, type_name: &str) -> EvalError {
    EvalError::type_error(if int {
        format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{type_name}'"
        )
    } else {
        format!("float() argument must be a string or a real number, not '{type_name}'")
    })
}

/// `seq[items]` on a Python list, tuple or str.
pub fn index_sequence(v: &Value, items: &[Idx]) -> EvalResult<Value> {
    let (kind, len) = match v {
        Value::List(x) => ("list", x.borrow().len()),
        Value::Tuple(x) => ("tuple", x.len()),
        Value::Str(s) => ("string", s.chars().count()),
        _ => unreachable!("only sequences"),
    };
    let [item] = items else {
        return Err(EvalError::type_error(format!(
            "{kind} indices must be integers or slices, not tuple"
        )));
    };
    let picks: Vec<usize> = match item {
        Idx::Int(i) => {
            let n = len as i64;
            if *i < -n || *i >= n {
                return Err(EvalError::index_error(format!("{kind} index out of range")));
            }
            vec![if *i < 0 { i + n } else { *i } as usize]
        }
        Idx::Slice(a, b, c) => {
            let (start, step, count) = slice_indices(len, *a, *b, *c)?;
            (0..count as i64)
                .map(|k| (start + k * step) as usize)
                .collect()
        }
        _ => {
            return Err(EvalError::type_error(format!(
                "{kind} indices must be integers or slices"
            )));
        }
    };
    let single = matches!(item, Idx::Int(_));
    Ok(match v {
        Value::List(x) if single => x.borrow()[picks[0]].clone(),
        Value::Tuple(x) if single => x[picks[0]].clone(),
        Value::List(x) => {
            let x = x.borrow();
            Value::list(picks.iter().map(|&i| x[i].clone()).collect())
        }
        Value::Tuple(x) => Value::tuple(picks.iter().map(|&i| x[i].clone()).collect()),
        Value::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            Value::str(picks.iter().map(|&i| chars[i]).collect::<String>())
        }
        _ => unreachable!(),
    })
}
