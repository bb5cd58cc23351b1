//! `np.random.*` and `RandomState` methods: the legacy functions, on the
//! session's global state or a `RandomState` object's.

use std::cell::RefCell;

use crate::array::DType;
use crate::eval::convert::{dtype_arg, index_int, to_array};
use crate::eval::{Bound, EvalError, EvalResult, Scalar, Value};
use crate::random::{IntDType, LegacySeed, Param, Population, RandomState};

use super::super::super::session::Session;
use super::convert::{self, IntOut, float_out, int_out};
use super::{Rng, with_legacy};

/// `seed(seed)` as `_legacy_seeding` reads it.
fn legacy_seed(v: Option<&Value>) -> EvalResult<LegacySeed> {
    let v = match v {
        None | Some(Value::None) => return Ok(LegacySeed::Entropy),
        Some(v) => v,
    };
    if let Ok(i) = index_int(v) {
        return Ok(LegacySeed::Int(i128::from(i)));
    }
    let a = to_array(v)?;
    if a.is_empty() {
        return Err(EvalError::value_error("Seed must be non-empty"));
    }
    if a.dtype() == DType::Float64 {
        let what = if a.ndim() == 0 {
            "scalar"
        } else {
            "array data"
        };
        return Err(EvalError::type_error(format!(
            "Cannot cast {what} from dtype('float64') to dtype('int64') according to the rule 'safe'"
        )));
    }
    Ok(LegacySeed::Array(convert::ints(v)?))
}

pub fn seed(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let seed = legacy_seed(b.get("seed"))?;
    with_legacy(s, |rs| rs.seed(&seed)).map_err(EvalError::from)?;
    Ok(Value::None)
}

pub fn random_state(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let mut rs = RandomState::from_entropy();
    if let Some(v) = b.opt("seed") {
        rs.seed(&legacy_seed(Some(v))?).map_err(EvalError::from)?;
    }
    Ok(s.random.make(Rng::Legacy(Box::new(RefCell::new(rs)))))
}

pub fn rand(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let size = convert::dims(&b.varargs)?;
    Ok(float_out(with_legacy(s, |rs| rs.random_sample(&size))))
}

pub fn randn(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let size = convert::dims(&b.varargs)?;
    Ok(float_out(with_legacy(s, |rs| rs.standard_normal(&size))))
}

/// `dtype=` of `randint`/`integers`: the sampler dtype and how a scalar
/// comes back (Python's `int`/`bool` give Python scalars).
pub(super) fn int_dtype(
    v: Option<&Value>,
    default: IntOut,
    func: &str,
) -> EvalResult<(IntDType, IntOut)> {
    let Some(v) = v else {
        return Ok((IntDType::Int64, default));
    };
    if let Value::Builtin(b) = v {
        match b.name {
            "int" => return Ok((IntDType::Int64, IntOut::PythonInt)),
            "bool" => return Ok((IntDType::Bool, IntOut::PythonBool)),
            _ => {}
        }
    }
    match dtype_arg(v)? {
        Some(DType::Int64) => Ok((IntDType::Int64, IntOut::Int64)),
        Some(DType::Bool) => Ok((IntDType::Bool, IntOut::Bool)),
        Some(other) => Err(EvalError::type_error(format!(
            "Unsupported dtype dtype('{}') for {func}",
            other.name()
        ))),
        None => Ok((IntDType::Int64, IntOut::Int64)),
    }
}

pub fn randint(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let low = convert::ints(b.req("low"))?;
    let high = b.opt("high").map(convert::ints).transpose()?;
    let size = convert::size(b.get("size"))?;
    let (dtype, out) = int_dtype(b.get("dtype"), IntOut::PythonInt, "randint")?;
    with_legacy(s, |rs| rs.randint(&low, high.as_ref(), &size, dtype))
        .map(|sample| int_out(sample, out))
        .map_err(EvalError::from)
}

/// `choice`'s `a`: an int, or an array-like and its length along `axis`.
pub(super) enum ChoiceFrom {
    Int(i64),
    Array(crate::array::Array),
}

pub fn choice(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.req("a");
    let from = match index_int(a) {
        Ok(n) => ChoiceFrom::Int(n),
        Err(_) => {
            let arr = to_array(a)?;
            match arr.ndim() {
                0 => {
                    return Err(EvalError::value_error(
                        "a must be 1-dimensional or an integer",
                    ));
                }
                1 => ChoiceFrom::Array(arr),
                _ => return Err(EvalError::value_error("a must be 1-dimensional")),
            }
        }
    };
    let size = convert::size(b.get("size"))?;
    let replace = crate::eval::convert::truthy(b.get("replace").unwrap_or(&Value::Bool(true)))?;
    let p = probabilities(b.opt("p"))?;
    let pop = match &from {
        ChoiceFrom::Int(n) => Population::Int(*n),
        ChoiceFrom::Array(arr) => Population::Items(arr.shape()[0]),
    };
    let idx =
        with_legacy(s, |rs| rs.choice(pop, &size, replace, p.as_ref())).map_err(EvalError::from)?;
    Ok(match from {
        ChoiceFrom::Int(_) => int_out(idx, IntOut::PythonInt),
        ChoiceFrom::Array(arr) => convert::take(&arr, &idx, 0),
    })
}

/// `p=`: `len(p)` must exist (a scalar is Python's TypeError).
pub(super) fn probabilities(v: Option<&Value>) -> EvalResult<Option<Param<f64>>> {
    let Some(v) = v else { return Ok(None) };
    let p = convert::floats(v)?;
    if p.shape.is_empty() {
        return Err(EvalError::type_error(format!(
            "object of type '{}' has no len()",
            v.short_type()
        )));
    }
    Ok(Some(p))
}

pub fn permutation(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = b.req("x");
    if let Value::Int(_) | Value::Bool(_) | Value::Scalar(Scalar::Int64(_) | Scalar::Bool(_)) = x {
        let n = index_int(x)?;
        return Ok(convert::int_vector(with_legacy(s, |rs| {
            rs.permutation_int(n)
        })));
    }
    let arr = to_array(x)?;
    if arr.ndim() == 0 {
        return Err(EvalError::index_error(
            "x must be an integer or at least 1-dimensional",
        ));
    }
    let order = with_legacy(s, |rs| rs.shuffle_order(arr.shape()[0]));
    Ok(Value::array(convert::select(&arr, 0, &order)))
}

pub fn shuffle(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = b.req("x").clone();
    let n = super::generator::sequence_len(&x)?;
    let order = with_legacy(s, |rs| rs.shuffle_order(n));
    super::generator::shuffle_in_place(s, &x, 0, &order);
    Ok(Value::None)
}
