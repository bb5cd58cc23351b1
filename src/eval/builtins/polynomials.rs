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
    let x = Value::array(b.at("x", to_array(b.req("x")))?);
    let Value::Array(xa) = &x else {
        unreachable!("made above")
    };
    let mut y = Value::array(Array::zeros(xa.dtype(), xa.shape())?);
    let coefficients = p.ravel()?;
    for i in 0..coefficients.len() {
        let pv = Value::Scalar(coefficients.get(&[i]));
        y = ops::binary(BinOp::Add, &ops::binary(BinOp::Mul, &y, &x)?, &pv)?;
    }
    Ok(y)
}
