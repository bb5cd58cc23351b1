//! `np.linalg` functions of the singular values (issue 13): `lstsq`,
//! `matrix_rank`, `pinv`, `cond`, from the Jacobi SVD of `svd.rs` (not
//! LAPACK's: values agree with NumPy to ~1e-15 relative; the solutions,
//! ranks and pseudo-inverses are unique, so only the last bits can differ).

use crate::array::{Array, DType, Scalar};

use super::super::args::Bound;
use super::super::convert::{real, to_array};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::numpy_linalg::{decompose, linalg_error, matrix_arg, real_matrix};
use super::svd::{Svd, lstsq as solve_lstsq};
use super::{Builtin, Home};

builtins! { LINALG_SVD;
    "linalg.lstsq", Linalg, lstsq, "lstsq(a, b, rcond=None)",
        "Least-squares solution of a @ x = b: (x, residuals, rank, singular values).",
        "np.linalg.lstsq(np.array([[0., 1.], [1., 1.], [2., 1.]]), np.array([1., 3., 5.]))[0]";
    "linalg.matrix_rank", Linalg, matrix_rank, "matrix_rank(A, tol=None, hermitian=False, *, rtol=None)",
        "The number of singular values above tol (max(M, N) * eps * the largest by default).",
        "np.linalg.matrix_rank(np.array([[1., 2.], [2., 4.]]))";
    "linalg.pinv", Linalg, pinv, "pinv(a, rcond=None, hermitian=False, *, rtol=None)",
        "The Moore-Penrose pseudo-inverse, from the singular values above the cutoff.",
        "np.linalg.pinv(np.array([[1., 2.], [3., 4.], [5., 6.]]))";
    "linalg.cond", Linalg, cond, "cond(x, p=None)",
        "The 2-norm condition number: largest over smallest singular value.",
        "np.linalg.cond(np.diag([4., 0.5]))";
}

/// A 2-D float64 argument, with NumPy's errors for other dimensions
/// (`lstsq` wants exactly two; the stacked functions "at least" two).
fn matrix(b: &Bound, name: &str) -> EvalResult<Array> {
    let a = matrix_arg(b, name, b.sig.name == "lstsq")?;
    if a.ndim() > 2 {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            format!("gradlab's np.linalg.{} takes one 2-D matrix", b.sig.name),
        ));
    }
    real_matrix(&a)
}

pub fn lstsq(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = matrix(b, "a")?;
    let rhs = b.at("b", to_array(b.req("b")))?;
    let (m, n) = (a.shape()[0], a.shape()[1]);
    if rhs.ndim() == 0 || rhs.ndim() > 2 || rhs.shape()[0] != m {
        return Err(linalg_error("Incompatible dimensions"));
    }
    let nrhs = if rhs.ndim() == 2 { rhs.shape()[1] } else { 1 };
    let rcond = match b.opt("rcond") {
        Some(v) => real(v)?,
        None => f64::EPSILON * m.max(n) as f64,
    };
    let rhs_values = rhs.as_dtype(DType::Float64)?.to_f64_vec();
    let fit = solve_lstsq(&a.to_f64_vec(), m, n, &rhs_values, nrhs, rcond)?
        .ok_or_else(|| linalg_error("SVD did not converge in Linear Least Squares"))?;
    let x_shape: Vec<usize> = match rhs.ndim() {
        2 => vec![n, nrhs],
        _ => vec![n],
    };
    Ok(Value::tuple(vec![
        Value::array(Array::from_vec(&x_shape, fit.x)?),
        Value::array(Array::from_f64(fit.residuals)),
        Value::Scalar(Scalar::Int32(fit.rank as i32)),
        Value::array(Array::from_f64(fit.s)),
    ]))
}

pub fn matrix_rank(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("A", to_array(b.req("A")))?;
    if a.ndim() < 2 {
        // `int(not all(A == 0))`: a Python int.
        let any = a
            .as_dtype(DType::Float64)?
            .to_f64_vec()
            .iter()
            .any(|&x| x != 0.0);
        return Ok(Value::Int(i64::from(any)));
    }
    if a.ndim() > 2 {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab's np.linalg.matrix_rank takes one 2-D matrix",
        ));
    }
    let a = a.as_dtype(DType::Float64)?;
    let s = decompose(&a)?.s;
    let largest = s.first().copied().unwrap_or(0.0);
    let tol = match (b.opt("tol"), b.opt("rtol")) {
        (Some(t), _) => real(t)?,
        (None, Some(r)) => largest * real(r)?,
        (None, None) => largest * a.shape()[0].max(a.shape()[1]) as f64 * f64::EPSILON,
    };
    let rank = s.iter().filter(|&&x| x > tol).count();
    Ok(Value::Scalar(Scalar::Int64(rank as i64)))
}

pub fn pinv(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = matrix(b, "a")?;
    let (m, n) = (a.shape()[0], a.shape()[1]);
    let rcond = match (b.opt("rcond"), b.opt("rtol")) {
        (Some(r), _) | (None, Some(r)) => real(r)?,
        (None, None) => m.max(n) as f64 * f64::EPSILON,
    };
    let Svd { u, s, v, k } = decompose(&a)?;
    let cutoff = rcond * s.first().copied().unwrap_or(0.0);
    let inv: Vec<f64> = s
        .iter()
        .map(|&x| if x > cutoff { 1.0 / x } else { 0.0 })
        .collect();
    // v @ diag(inv) @ u^T, n x m.
    let mut out = vec![0.0; n * m];
    for i in 0..n {
        for j in 0..m {
            out[i * m + j] = (0..k).map(|r| v[i * k + r] * inv[r] * u[j * k + r]).sum();
        }
    }
    Ok(Value::array(Array::from_vec(&[n, m], out)?))
}

pub fn cond(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    if b.opt("p").is_some() {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab's np.linalg.cond computes the 2-norm condition number (p=None) only",
        ));
    }
    let a = matrix(b, "x")?;
    let s = decompose(&a)?.s;
    let r = match (s.first(), s.last()) {
        (Some(&hi), Some(&lo)) if lo == 0.0 && hi != 0.0 => f64::INFINITY,
        (Some(&hi), Some(&lo)) => hi / lo,
        _ => f64::NAN,
    };
    Ok(Value::Scalar(Scalar::Float64(r)))
}
