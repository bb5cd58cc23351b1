//! NumPy's polynomial functions beside `poly1d` (issue 13): `polyder`,
//! `polyint`, `polyadd`, `polysub`, `polymul` on coefficient sequences
//! (highest power first); a `poly1d` argument makes the result a
//! `poly1d`, as in `lib/_polynomial_impl.py`.

use std::rc::Rc;

use crate::array::{Array, DType};
use crate::syntax::ast::BinOp;

use super::super::args::Bound;
use super::super::convert::{index_int, to_array};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::poly1d::{self, Poly1d};
use super::{Builtin, Home};

builtins! { POLYFUNCS;
    "polyder", Numpy, polyder, "polyder(p, m=1)",
        "The m-th derivative of a polynomial's coefficients (highest power first).",
        "np.polyder([1, 2, 3])";
    "polyint", Numpy, polyint, "polyint(p, m=1, k=None)",
        "The m-th antiderivative, with integration constants k (0 by default).",
        "np.polyint([3, 2, 1])";
    "polyadd", Numpy, polyadd, "polyadd(a1, a2)", "The sum of two polynomials.", "np.polyadd([1, 2], [1, 0, 0])";
    "polysub", Numpy, polyadd, "polysub(a1, a2)", "The difference a1 - a2 of two polynomials.", "np.polysub([1, 2], [1, 0, 0])";
    "polymul", Numpy, polymul, "polymul(a1, a2)", "The product of two polynomials.", "np.polymul([1, 2], [1, -1])";
}

/// The coefficients of an argument (`asarray`, or a poly1d's), and
/// whether it was a poly1d.
fn coeffs(b: &Bound, name: &str) -> EvalResult<(Array, bool)> {
    match b.req(name) {
        Value::Poly1d(p) => Ok((p.coeffs.clone(), true)),
        v => Ok((b.at(name, to_array(v))?, false)),
    }
}

/// The result: a poly1d when an argument was one.
fn result(a: Array, poly: bool) -> EvalResult<Value> {
    Ok(match poly {
        true => poly1d::value(Poly1d::new(a, Rc::from("x"))?),
        false => Value::array(a),
    })
}

fn sized(a: &Array) -> EvalResult<()> {
    match a.ndim() {
        0 => Err(EvalError::type_error("len() of unsized object")),
        _ => Ok(()),
    }
}

pub fn polyder(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (p, poly) = coeffs(b, "p")?;
    let m = b.opt("m").map(index_int).transpose()?.unwrap_or(1);
    sized(&p)?;
    result(poly1d::polyder(&p, m)?, poly)
}

pub fn polyint(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (p, poly) = coeffs(b, "p")?;
    let m = b.opt("m").map(index_int).transpose()?.unwrap_or(1);
    let k = match b.opt("k") {
        Some(k) => to_array(k)?,
        // `zeros(m, float)`.
        None if m > 0 => {
            crate::array::limits::check_alloc(&[m as usize], DType::Float64)?;
            Array::zeros(DType::Float64, &[m as usize])?
        }
        None => Array::zeros(DType::Float64, &[0])?,
    };
    result(poly1d::polyint(&p, m, &k)?, poly)
}

/// `polyadd`/`polysub`: `atleast_1d` of both, the shorter padded.
pub fn polyadd(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (a1, p1) = coeffs(b, "a1")?;
    let (a2, p2) = coeffs(b, "a2")?;
    let one_d = |a: Array| -> EvalResult<Array> {
        Ok(match a.ndim() {
            0 => a.reshape_to(&[1])?,
            _ => a,
        })
    };
    let op = match b.sig.name.as_str() {
        "polyadd" => BinOp::Add,
        _ => BinOp::Sub,
    };
    result(poly1d::polyadd(&one_d(a1)?, &one_d(a2)?, op)?, p1 || p2)
}

/// `polymul`: both made poly1d (leading zeros trimmed), then convolved.
pub fn polymul(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (a1, p1) = coeffs(b, "a1")?;
    let (a2, p2) = coeffs(b, "a2")?;
    let trim = |a: Array| Ok::<_, EvalError>(Poly1d::new(a, Rc::from("x"))?.coeffs);
    result(poly1d::polymul(&trim(a1)?, &trim(a2)?)?, p1 || p2)
}
