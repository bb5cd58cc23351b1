//! The functions `np.random`/`RandomState` and `Generator` share: one
//! handler serves both rows, on whichever state the call is for, and a
//! signature both APIs spell alike is written once.

use crate::array::DType;
use crate::eval::convert::dtype_arg;
use crate::eval::{Bound, ErrorKind, EvalError, EvalResult, Value};
use crate::random::{Generator, RandomState, Sample, Size};

use super::super::super::session::Session;
use super::convert::{self, float_out};
use super::{State, with_state};

/// `normal`'s signature in both APIs.
pub(super) const NORMAL: &str = "normal(loc=0.0, scale=1.0, size=None)";
/// `uniform`'s signature in both APIs.
pub(super) const UNIFORM: &str = "uniform(low=0.0, high=1.0, size=None)";

/// `dtype=` of `random`/`standard_normal` (float64 only here) and `out=`
/// (not supported); only `Generator`'s rows take them.
fn float_only(b: &Bound, func: &str) -> EvalResult<()> {
    if !b.has("dtype") {
        return Ok(());
    }
    if let Some(d) = b.get("dtype").map(dtype_arg).transpose()?.flatten()
        && d != DType::Float64
    {
        return Err(EvalError::type_error(format!(
            "Unsupported dtype dtype('{}') for {func}",
            d.name()
        )));
    }
    if b.opt("out").is_some() {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            format!("{func}(out=...) is not supported by gradlab"),
        ));
    }
    Ok(())
}

/// Floats of `size` from the state's sampler (`func` names it in errors).
fn floats(
    s: &mut Session,
    b: &Bound,
    func: &str,
    legacy: fn(&mut RandomState, &Size) -> Sample<f64>,
    generator: fn(&mut Generator, &Size) -> Sample<f64>,
) -> EvalResult<Value> {
    float_only(b, func)?;
    let size = convert::size(b.get("size"))?;
    Ok(float_out(with_state(s, |st| match st {
        State::Legacy(rs) => legacy(rs, &size),
        State::Generator(g) => generator(g, &size),
    })))
}

/// `random(size)` (`random_sample` in the legacy API).
pub fn random(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    floats(
        s,
        b,
        "random",
        RandomState::random_sample,
        Generator::random,
    )
}

/// `standard_normal(size)`: the polar method (legacy) or the ziggurat.
pub fn standard_normal(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    floats(
        s,
        b,
        "standard_normal",
        RandomState::standard_normal,
        Generator::standard_normal,
    )
}

pub fn normal(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    convert::cont2(b, ["loc", "scale"], |loc, scale, size| {
        with_state(s, |st| match st {
            State::Legacy(rs) => rs.normal(loc, scale, size),
            State::Generator(g) => g.normal(loc, scale, size),
        })
    })
}

pub fn uniform(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    convert::cont2(b, ["low", "high"], |low, high, size| {
        with_state(s, |st| match st {
            State::Legacy(rs) => rs.uniform(low, high, size),
            State::Generator(g) => g.uniform(low, high, size),
        })
    })
}
