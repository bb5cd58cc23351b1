//! `np.polyfit` and the `np.poly1d` constructor (issue 13).
//!
//! `polyfit` is NumPy's: the Vandermonde matrix (powers by repeated
//! multiplication), optional weights, columns scaled to unit norm, least
//! squares with `rcond = len(x) * eps`, coefficients unscaled, and
//! `RankWarning: Polyfit may be poorly conditioned` when the rank falls
//! short. The least squares are an SVD of gradlab's own (`svd.rs`), not
//! LAPACK's `gelsd`: coefficients agree with NumPy to ~1e-15 relative.

use std::rc::Rc;

use crate::array::{Array, DType, Scalar};

use super::super::args::Bound;
use super::super::convert::{index_int, real, to_array, truthy};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::super::warnings::{self, WarningKind};
use super::poly1d::{self, Poly1d};
use super::{Builtin, Home};

builtins! { POLYFIT;
    "polyfit", Numpy, polyfit, "polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False)",
        "Least-squares polynomial fit: coefficients of degree deg, highest power first.",
        "np.polyfit(np.array([0., 1., 2., 3.]), np.array([1., 3.1, 4.9, 7.2]), 1)";
    "poly1d", Numpy, new_poly1d, "poly1d(c_or_r, r=False, variable=None)",
        "A polynomial object: call it, .deriv(), .integ(), .coeffs, .order, + - * ** with numbers and polynomials; print shows it.",
        "np.poly1d([1., 2., 3.]).deriv()";
}

/// The float64 elements of an argument (`asarray(v) + 0.0`).
fn floats(b: &Bound, name: &str) -> EvalResult<Array> {
    let a = b.at(name, to_array(b.req(name)))?;
    if a.dtype() == DType::Complex128 {
        return Err(super::super::ops::unsupported_dtype(DType::Complex128));
    }
    Ok(a.astype(DType::Float64)?)
}

pub fn polyfit(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let deg = b.at("deg", index_int(b.req("deg")))?;
    let x = floats(b, "x")?;
    let y = floats(b, "y")?;
    if deg < 0 {
        return Err(EvalError::value_error("expected deg >= 0"));
    }
    let type_error = |m: &str| Err(EvalError::type_error(m));
    if x.ndim() != 1 {
        return type_error("expected 1D vector for x");
    }
    if x.is_empty() {
        return type_error("expected non-empty vector for x");
    }
    if y.ndim() < 1 || y.ndim() > 2 {
        return type_error("expected 1D or 2D array for y");
    }
    if x.shape()[0] != y.shape()[0] {
        return type_error("expected x and y to have same length");
    }
    if b.opt("cov").map(truthy).transpose()?.unwrap_or(false) {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab's np.polyfit has no cov=",
        ));
    }
    let m = x.len();
    let order = usize::try_from(deg)
        .ok()
        .and_then(|d| d.checked_add(1))
        .ok_or_else(|| {
            EvalError::new(
                ErrorKind::MemoryError,
                "Unable to allocate the Vandermonde matrix",
            )
        })?;
    // The Vandermonde matrix, before it is built.
    crate::array::limits::check_alloc(&[m, order], DType::Float64)?;
    let rcond = match b.opt("rcond") {
        Some(v) => real(v)?,
        None => m as f64 * f64::EPSILON,
    };
    let xs = x.to_f64_vec();
    // vander(x, order): column j holds x**(order-1-j), by repeated products.
    let mut lhs = vec![0.0; m * order];
    for (i, &xi) in xs.iter().enumerate() {
        let mut p = 1.0;
        for j in (0..order).rev() {
            lhs[i * order + j] = p;
            p *= xi;
        }
    }
    let nrhs = if y.ndim() == 2 { y.shape()[1] } else { 1 };
    let mut rhs = y.to_f64_vec();
    if let Some(w) = b.opt("w") {
        let w = to_array(w)?.astype(DType::Float64)?;
        if w.ndim() != 1 {
            return type_error("expected a 1-d array for weights");
        }
        if w.len() != m {
            return type_error("expected w and y to have the same length");
        }
        let w = w.to_f64_vec();
        for i in 0..m {
            lhs[i * order..(i + 1) * order]
                .iter_mut()
                .for_each(|e| *e *= w[i]);
            rhs[i * nrhs..(i + 1) * nrhs]
                .iter_mut()
                .for_each(|e| *e *= w[i]);
        }
    }
    // sqrt((lhs*lhs).sum(axis=0)): NumPy adds the rows in order.
    let scale: Vec<f64> = (0..order)
        .map(|j| {
            (0..m)
                .fold(0.0, |s, i| s + lhs[i * order + j] * lhs[i * order + j])
                .sqrt()
        })
        .collect();
    for i in 0..m {
        for j in 0..order {
            lhs[i * order + j] /= scale[j];
        }
    }
    let fit = super::svd::lstsq(&lhs, m, order, &rhs, nrhs, rcond)?.ok_or_else(|| {
        EvalError::new(
            ErrorKind::LinAlgError,
            "SVD did not converge in Linear Least Squares",
        )
    })?;
    let mut c = fit.x;
    for j in 0..order {
        c[j * nrhs..(j + 1) * nrhs]
            .iter_mut()
            .for_each(|e| *e /= scale[j]);
    }
    let shape: Vec<usize> = if y.ndim() == 2 {
        vec![order, nrhs]
    } else {
        vec![order]
    };
    let c = Value::array(Array::from_vec(&shape, c)?);
    let full = b.opt("full").map(truthy).transpose()?.unwrap_or(false);
    if full {
        return Ok(Value::tuple(vec![
            c,
            Value::array(Array::from_f64(fit.residuals)),
            Value::Scalar(Scalar::Int32(fit.rank as i32)),
            Value::array(Array::from_f64(fit.s)),
            Value::Scalar(Scalar::Float64(rcond)),
        ]));
    }
    if fit.rank != order {
        warnings::warn(
            WarningKind::RankWarning,
            "Polyfit may be poorly conditioned",
            false,
        )?;
    }
    Ok(c)
}

/// `poly1d(c_or_r, r=False, variable=None)`.
pub fn new_poly1d(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let variable = match b.opt("variable") {
        Some(Value::Str(s)) => Some(s.clone()),
        Some(other) => Some(Rc::from(other.to_string())),
        None => None,
    };
    if let Value::Poly1d(p) = b.req("c_or_r") {
        return Ok(poly1d::value(Poly1d {
            coeffs: p.coeffs.clone(),
            variable: variable.unwrap_or_else(|| p.variable.clone()),
        }));
    }
    let mut c = b.at("c_or_r", to_array(b.req("c_or_r")))?;
    if b.opt("r").map(truthy).transpose()?.unwrap_or(false) {
        c = poly_from_roots(&c)?;
    }
    let p = Poly1d::new(c, variable.unwrap_or_else(|| Rc::from("x")))?;
    Ok(poly1d::value(p))
}

/// `np.poly(roots)` of 1-D real roots: `a = [1.]`, then
/// `a = convolve(a, [1, -r])` per root.
fn poly_from_roots(roots: &Array) -> EvalResult<Array> {
    let roots = if roots.ndim() == 0 {
        roots.reshape_to(&[1])?
    } else {
        roots.clone()
    };
    if roots.ndim() != 1 {
        return Err(EvalError::value_error(
            "input must be 1d or non-empty square 2d array.",
        ));
    }
    let mut a = vec![1.0];
    for r in roots.as_dtype(DType::Float64)?.to_f64_vec() {
        let mut next = vec![0.0; a.len() + 1];
        for (i, &ai) in a.iter().enumerate() {
            next[i] += ai;
            next[i + 1] += ai * -r;
        }
        a = next;
    }
    Ok(Array::from_f64(a))
}
