//! `np.linalg.solve`, `inv` and `det` (issue 13), from one LU
//! factorisation with partial pivoting in the operation order of
//! OpenBLAS's unblocked `getf2` and `trsv` (which NumPy's `gesv` runs for
//! matrices up to 5 x 5; larger ones, and several right-hand sides, go
//! through OpenBLAS's SIMD kernels, whose roundings can differ in the last
//! bit). `det` is NumPy's `sign * exp(sum(log|u_ii|))`, so
//! `det([[1, 2], [3, 4]])` is NumPy's -2.0000000000000004.

use crate::array::{Array, DType};

use super::super::args::Bound;
use super::super::convert::{to_array, wrap};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::numpy_linalg::{linalg_error, matrix_arg, real_matrix};
use super::{Builtin, Home};

builtins! { LINALG_LU;
    "linalg.solve", Linalg, solve, "solve(a, b)",
        "The solution x of a @ x = b, b a vector or a matrix of right-hand sides (LU with partial pivoting, as LAPACK's gesv).",
        "np.linalg.solve(np.array([[3., 1.], [1., 2.]]), np.array([9., 8.]))";
    "linalg.inv", Linalg, inv, "inv(a)",
        "The inverse matrix: solve(a, identity) (of each matrix of a stack).",
        "np.linalg.inv(np.array([[4., 7.], [2., 6.]]))";
    "linalg.det", Linalg, det, "det(a)",
        "The determinant, from the LU factorisation (of each matrix of a stack).",
        "np.linalg.det(np.array([[1., 2.], [3., 4.]]))";
}

/// A square matrix argument (or a stack of them) as row-major float64
/// elements, its order and the stack's leading shape, with NumPy's errors
/// for the wrong shape. Only `inv` and `det` take stacks.
fn square(b: &Bound, what: &str) -> EvalResult<(Vec<f64>, usize, Vec<usize>)> {
    let a = matrix_arg(b, what, false)?;
    let n = a.shape()[a.ndim() - 1];
    if a.shape()[a.ndim() - 2] != n {
        return Err(linalg_error(
            "Last 2 dimensions of the array must be square",
        ));
    }
    if a.ndim() > 2 && b.sig.name == "solve" {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab's np.linalg.solve takes one 2-D matrix",
        ));
    }
    let elements = real_matrix(&a)?.to_f64_vec();
    let stack = a.shape()[..a.ndim() - 2].to_vec();
    Ok((elements, n, stack))
}

/// In-place LU factorisation of the row-major `n x n` matrix `a` with
/// partial pivoting, left-looking column by column as OpenBLAS's `getf2`:
/// the pivots, or `None` for a zero pivot (a singular matrix); the
/// interrupt flag is checked once per column.
fn lu(a: &mut [f64], n: usize) -> EvalResult<Option<Vec<usize>>> {
    let at = |i: usize, j: usize| i * n + j;
    let mut piv = vec![0; n];
    let mut singular = false;
    for j in 0..n {
        crate::array::limits::check_interrupt()?;
        let mut col: Vec<f64> = (0..n).map(|i| a[at(i, j)]).collect();
        for (i, &p) in piv.iter().enumerate().take(j) {
            col.swap(i, p);
        }
        for i in 1..j {
            let d = (0..i).fold(0.0, |d, k| d + a[at(i, k)] * col[k]);
            col[i] -= d;
        }
        for i in j..n {
            let t = (0..j).fold(0.0, |t, k| t + a[at(i, k)] * col[k]);
            col[i] -= t;
        }
        // The first row of the largest magnitude.
        let p = (j..n).fold(j, |best, i| {
            if col[i].abs() > col[best].abs() {
                i
            } else {
                best
            }
        });
        piv[j] = p;
        for (i, &c) in col.iter().enumerate() {
            a[at(i, j)] = c;
        }
        let pivot = a[at(p, j)];
        if pivot == 0.0 {
            singular = true;
            continue;
        }
        if p != j {
            for k in 0..=j {
                a.swap(at(j, k), at(p, k));
            }
        }
        let r = 1.0 / pivot;
        for i in j + 1..n {
            a[at(i, j)] *= r;
        }
    }
    Ok((!singular).then_some(piv))
}

/// Solves with the factors of [`lu`] (forward, then backward substitution,
/// column by column as OpenBLAS's `trsv`).
fn lu_solve(a: &[f64], n: usize, piv: &[usize], b: &mut [f64]) {
    let at = |i: usize, j: usize| i * n + j;
    for (i, &p) in piv.iter().enumerate() {
        b.swap(i, p);
    }
    for j in 0..n {
        for k in j + 1..n {
            b[k] -= b[j] * a[at(k, j)];
        }
    }
    for j in (0..n).rev() {
        b[j] /= a[at(j, j)];
        for i in 0..j {
            b[i] -= b[j] * a[at(i, j)];
        }
    }
}

/// Solves `a @ x = rhs` column by column; `rhs` is row-major `n x k`.
fn solve_columns(
    a: &[f64],
    n: usize,
    piv: &[usize],
    rhs: &[f64],
    k: usize,
) -> EvalResult<Vec<f64>> {
    let mut out = vec![0.0; n * k];
    let mut col = vec![0.0; n];
    for j in 0..k {
        crate::array::limits::check_interrupt()?;
        for i in 0..n {
            col[i] = rhs[i * k + j];
        }
        lu_solve(a, n, piv, &mut col);
        for i in 0..n {
            out[i * k + j] = col[i];
        }
    }
    Ok(out)
}

pub fn solve(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (mut lu_a, n, _) = square(b, "a")?;
    let rhs = b.at("b", to_array(b.req("b")))?;
    let (sig, name) = match rhs.ndim() {
        1 => ("(m,m),(m)->(m)", "solve1"),
        _ => ("(m,m),(m,n)->(m,n)", "solve"),
    };
    if rhs.ndim() == 0 {
        return Err(EvalError::value_error(format!(
            "solve: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature {sig} requires 2)"
        )));
    }
    let m = rhs.shape()[0];
    if rhs.ndim() <= 2 && m != n {
        return Err(EvalError::value_error(format!(
            "{name}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {sig} (size {m} is different from {n})"
        )));
    }
    if rhs.ndim() > 2 {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab's np.linalg.solve takes b of shape (n,) or (n, k)",
        ));
    }
    if rhs.dtype() == DType::Complex128 {
        return Err(super::super::ops::unsupported_dtype(DType::Complex128));
    }
    let piv = lu(&mut lu_a, n)?.ok_or_else(|| linalg_error("Singular matrix"))?;
    let k = if rhs.ndim() == 1 { 1 } else { rhs.shape()[1] };
    let x = solve_columns(
        &lu_a,
        n,
        &piv,
        &rhs.as_dtype(DType::Float64)?.to_f64_vec(),
        k,
    )?;
    Ok(Value::array(Array::from_vec(rhs.shape(), x)?))
}

pub fn inv(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (mut all, n, stack) = square(b, "a")?;
    let identity: Vec<f64> = (0..n * n)
        .map(|i| f64::from(u8::from(i / n == i % n)))
        .collect();
    let mut out = Vec::with_capacity(all.len());
    for lu_a in all.chunks_mut((n * n).max(1)).take(stack.iter().product()) {
        let piv = lu(lu_a, n)?.ok_or_else(|| linalg_error("Singular matrix"))?;
        out.extend(solve_columns(lu_a, n, &piv, &identity, n)?);
    }
    let mut shape = stack;
    shape.extend([n, n]);
    Ok(Value::array(Array::from_vec(&shape, out)?))
}

/// `det(a)`: LAPACK's `getrf`, then NumPy's `slogdet` of the factors
/// (sign from the pivots and the diagonal, log-magnitudes summed) and
/// `sign * exp(logdet)`; 0.0 for a singular matrix.
fn det_of(lu_a: &mut [f64], n: usize) -> EvalResult<f64> {
    Ok(match lu(lu_a, n)? {
        None => 0.0,
        Some(piv) => {
            let mut sign = 1.0;
            for (i, &p) in piv.iter().enumerate() {
                if p != i {
                    sign = -sign;
                }
            }
            let mut log = 0.0;
            for i in 0..n {
                let d = lu_a[i * n + i];
                if d < 0.0 {
                    sign = -sign;
                }
                log += d.abs().ln();
            }
            sign * log.exp()
        }
    })
}

pub fn det(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (mut all, n, stack) = square(b, "a")?;
    let count: usize = stack.iter().product();
    let values = match n {
        // A stack of 0 x 0 matrices: each determinant is 1.
        0 => vec![1.0; count],
        _ => all
            .chunks_mut(n * n)
            .map(|m| det_of(m, n))
            .collect::<EvalResult<Vec<f64>>>()?,
    };
    Ok(wrap(Array::from_vec(&stack, values)?, true))
}
