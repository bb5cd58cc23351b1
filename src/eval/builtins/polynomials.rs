//! Polynomials (issue 13): `polyval`, by Horner's rule exactly as NumPy's
//! `lib/_polynomial_impl.py` writes it (`y = y * x + pv`, one ufunc at a
//! time, so dtypes and roundings follow NumPy's operators).

use crate::array::Array;
use crate::syntax::ast::BinOp;

use super::super::args::Bound;
use super::super::convert::to_array;
use super::super::error::EvalResult;
use super::super::session::Session;
use super::super::value::Value;
use super::super::{ops, pyops};
use super::{Builtin, Home};

builtins! { POLYNOMIALS;
    "polyval", Numpy, polyval, "polyval(p, x)",
        "The polynomial with coefficients p (highest power first) at x.",
        "np.polyval([3, 0, 1], np.array([0, 1, 2]))";
}

/// `np.polyval(p, x)`: `p` a poly1d is its coefficients (`np.asarray`);
/// `x` a poly1d starts from `y = 0` and composes the polynomials with
/// poly1d's operators.
pub fn polyval(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let p = match b.req("p") {
        Value::Poly1d(q) => q.coeffs.clone(),
        v => b.at("p", to_array(v))?,
    };
    let x = match b.req("x") {
        x @ Value::Poly1d(_) => x,
        x => return horner(&p, b.at("x", to_array(x))?),
    };
    let coefficients = p.ravel()?;
    let mut y = Value::Int(0);
    for i in 0..coefficients.len() {
        let pv = Value::Scalar(coefficients.get(&[i]));
        y = pyops::binary(BinOp::Add, &pyops::binary(BinOp::Mul, &y, x)?, &pv)?;
    }
    Ok(y)
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
