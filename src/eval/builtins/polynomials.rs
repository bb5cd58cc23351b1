//! Polynomials (issue 13): `polyval`, by Horner's rule exactly as NumPy's
//! `lib/_polynomial_impl.py` writes it (`y = y * x + pv`, one ufunc at a
//! time, so dtypes and roundings follow NumPy's operators).

use crate::array::Array;
use crate::syntax::ast::BinOp;

use super::super::args::Bound;
use super::super::convert::to_array;
use super::super::error::EvalResult;
use super::super::ops;
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home};

builtins! { POLYNOMIALS;
    "polyval", Numpy, polyval, "polyval(p, x)",
        "The polynomial with coefficients p (highest power first) at x.",
        "np.polyval([3, 0, 1], np.array([0, 1, 2]))";
}

pub fn polyval(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let p = b.at("p", to_array(b.req("p")))?;
    let x = b.at("x", to_array(b.req("x")))?;
    horner(&p, x)
}

/// `polyval(p, x)` as NumPy's loop: `y = zeros_like(x)`, then
/// `y = y * x + pv` per coefficient, one ufunc at a time (also what a
/// `poly1d` called on `x` computes).
pub(super) fn horner(p: &Array, x: Array) -> EvalResult<Value> {
    let mut y = Value::array(Array::zeros(x.dtype(), x.shape())?);
    let x = Value::array(x);
    let coefficients = p.ravel()?;
    for i in 0..coefficients.len() {
        let pv = Value::Scalar(coefficients.get(&[i]));
        y = ops::binary(BinOp::Add, &ops::binary(BinOp::Mul, &y, &x)?, &pv)?;
    }
    Ok(y)
}
