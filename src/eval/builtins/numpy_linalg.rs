//! The `np.linalg` module (issue 13): `norm` (vector norms of any order,
//! the Frobenius, 1 and inf matrix norms), as `numpy/linalg/_linalg.py`
//! computes them: pairwise sums along the axis, `sqrt(x @ x)` for the
//! default norm of the whole array; `solve` for one right-hand side, in
//! the operation order of OpenBLAS's unblocked `getf2` and `trsv` (which
//! NumPy's `gesv` runs for matrices up to 5 x 5; larger ones go through
//! OpenBLAS's SIMD kernels, whose roundings can differ in the last bit).

use crate::array::{Array, DType, map, normalize_axis};
use crate::syntax::ast::BinOp;

use super::super::args::Bound;
use super::super::convert::{index_int, real, to_array, truthy, wrap};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::ops;
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home, reduce};

builtins! { NUMPY_LINALG;
    "linalg.norm", Linalg, norm, "norm(x, ord=None, axis=None, keepdims=False)",
        "Vector norm (2-norm by default; ord=1, inf, -inf, 0 or any power) or matrix norm ('fro', 1, inf, -1, -inf).",
        "np.linalg.norm(np.array([3., 4.]))";
    "linalg.solve", Linalg, solve, "solve(a, b)",
        "The solution x of a @ x = b (LU with partial pivoting, as LAPACK's gesv).",
        "np.linalg.solve(np.array([[3., 1.], [1., 2.]]), np.array([9., 8.]))";
}

/// `np.linalg.<name>`: the row `linalg.<name>`.
pub fn member(name: &str) -> Option<&'static Builtin> {
    NUMPY_LINALG
        .iter()
        .find(|b| b.name.strip_prefix("linalg.") == Some(name))
}

/// `np.linalg.<name>` as a value (the functions and `LinAlgError`).
pub fn attr(name: &str) -> Option<Value> {
    match name {
        "LinAlgError" => Some(Value::ExcType(ErrorKind::LinAlgError)),
        _ => member(name).map(Value::Builtin),
    }
}

/// Every `np.linalg` name.
pub fn names() -> impl Iterator<Item = &'static str> {
    NUMPY_LINALG
        .iter()
        .filter_map(|b| b.name.strip_prefix("linalg."))
        .chain(["LinAlgError"])
}

/// The `ord=` argument.
#[derive(Clone, Copy, PartialEq)]
enum Ord {
    Default,
    Fro,
    Nuc,
    P(f64),
}

fn ord_arg(v: Option<&Value>) -> EvalResult<(Ord, String)> {
    match v {
        None => Ok((Ord::Default, String::new())),
        Some(Value::Str(s)) => Ok((
            match &**s {
                "fro" | "f" => Ord::Fro,
                "nuc" => Ord::Nuc,
                _ => Ord::P(f64::NAN),
            },
            s.to_string(),
        )),
        Some(other) => Ok((Ord::P(real(other)?), String::new())),
    }
}

fn abs(x: &Array) -> EvalResult<Array> {
    Ok(map::<f64, f64>(x, f64::abs)?)
}

/// `add.reduce(x, axis, keepdims)` of a float64 array, NumPy's order.
fn sum(x: &Array, axis: usize, keep: bool) -> EvalResult<Array> {
    Ok(Array::from_ndarray(reduce::float_sum_of(
        x,
        Some(axis),
        keep,
    )?))
}

/// Max or min along `axis` of a float64 array (NaN propagates).
fn extreme(x: &Array, axis: usize, keep: bool, max: bool) -> EvalResult<Array> {
    let r = x.read::<f64>();
    let v = r.view();
    let mut out = v.map_axis(ndarray::Axis(axis), |l| {
        l.iter().copied().fold(
            if max {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            },
            |m, e| {
                if m.is_nan() || e.is_nan() {
                    f64::NAN
                } else if max {
                    m.max(e)
                } else {
                    m.min(e)
                }
            },
        )
    });
    if keep {
        out.insert_axis_inplace(ndarray::Axis(axis));
    }
    Ok(Array::from_ndarray(out))
}

fn vector_norm(x: &Array, ord: Ord, text: &str, axis: usize, keep: bool) -> EvalResult<Array> {
    if x.shape()[axis] == 0 && matches!(ord, Ord::P(p) if p.is_infinite()) {
        let op = if ord == Ord::P(f64::INFINITY) {
            "maximum"
        } else {
            "minimum"
        };
        return Err(EvalError::value_error(format!(
            "zero-size array to reduction operation {op} which has no identity"
        )));
    }
    match ord {
        Ord::P(p) if p == f64::INFINITY => extreme(&abs(x)?, axis, keep, true),
        Ord::P(p) if p == f64::NEG_INFINITY => extreme(&abs(x)?, axis, keep, false),
        Ord::P(0.0) => sum(
            &map::<f64, f64>(x, |e| f64::from(u8::from(e != 0.0)))?,
            axis,
            keep,
        ),
        Ord::P(1.0) => sum(&abs(x)?, axis, keep),
        Ord::Default | Ord::P(2.0) => {
            let s = sum(&map::<f64, f64>(x, |e| e * e)?, axis, keep)?;
            Ok(map::<f64, f64>(&s, f64::sqrt)?)
        }
        Ord::Fro | Ord::Nuc => Err(EvalError::value_error(format!(
            "Invalid norm order '{text}' for vectors"
        ))),
        Ord::P(p) if p.is_nan() => Err(EvalError::value_error(format!(
            "Invalid norm order '{text}' for vectors"
        ))),
        Ord::P(p) => {
            let s = sum(&map::<f64, f64>(x, |e| e.abs().powf(p))?, axis, keep)?;
            let inv = 1.0 / p;
            Ok(map::<f64, f64>(&s, |e| e.powf(inv))?)
        }
    }
}

fn matrix_norm(x: &Array, ord: Ord, rows: usize, cols: usize, keep: bool) -> EvalResult<Array> {
    if x.ndim() != 2 {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab's np.linalg.norm computes matrix norms of 2-D arrays",
        ));
    }
    let out = match ord {
        Ord::Default | Ord::Fro => {
            let sq = map::<f64, f64>(x, |e| e * e)?;
            let s = reduce::float_sum_of(&sq, None, false)?;
            Array::from_ndarray(s.mapv(f64::sqrt))
        }
        // Sum over one axis, then the extreme over what remains.
        Ord::P(p) if p == 1.0 || p == -1.0 => {
            let s = sum(&abs(x)?, rows, false)?;
            extreme(&s, 0, false, p > 0.0)?
        }
        Ord::P(p) if p.is_infinite() => {
            let s = sum(&abs(x)?, cols, false)?;
            extreme(&s, 0, false, p > 0.0)?
        }
        Ord::P(p) if p == 2.0 || p == -2.0 => {
            return Err(EvalError::new(
                ErrorKind::NotImplementedError,
                "gradlab's np.linalg.norm has no singular values (ord=2, -2, 'nuc')",
            ));
        }
        Ord::Nuc => {
            return Err(EvalError::new(
                ErrorKind::NotImplementedError,
                "gradlab's np.linalg.norm has no singular values (ord=2, -2, 'nuc')",
            ));
        }
        Ord::P(_) => return Err(EvalError::value_error("Invalid norm order for matrices.")),
    };
    Ok(match keep {
        true => out.reshape_to(&[1, 1])?,
        false => out,
    })
}

pub fn norm(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = b.at("x", to_array(b.req("x")))?.as_dtype(DType::Float64)?;
    let (ord, text) = ord_arg(b.opt("ord"))?;
    let keep = b.opt("keepdims").map(truthy).transpose()?.unwrap_or(false);
    let nd = x.ndim();
    let axes: Option<Vec<i64>> = match b.opt("axis") {
        None => None,
        Some(Value::Tuple(items)) => Some(items.iter().map(index_int).collect::<EvalResult<_>>()?),
        Some(v) => Some(vec![index_int(v).map_err(|_| {
            EvalError::type_error("'axis' must be None, an integer or a tuple of integers")
        })?]),
    };
    if axes.is_none()
        && (ord == Ord::Default || (ord == Ord::Fro && nd == 2) || (ord == Ord::P(2.0) && nd == 1))
    {
        let flat = Value::array(x.ravel()?);
        let sq = ops::binary(BinOp::MatMul, &flat, &flat)?;
        let r = to_array(&sq)?;
        let out = map::<f64, f64>(&r, f64::sqrt)?;
        let out = match keep {
            true => out.reshape_to(&vec![1; nd])?,
            false => out,
        };
        return Ok(wrap(out, true));
    }
    let axes = axes.unwrap_or_else(|| (0..nd as i64).collect());
    let out = match axes[..] {
        [k] => vector_norm(&x, ord, &text, normalize_axis(k, nd)?, keep)?,
        [r, c] => {
            let (r, c) = (normalize_axis(r, nd)?, normalize_axis(c, nd)?);
            if r == c {
                return Err(EvalError::value_error("Duplicate axes given."));
            }
            if (r, c) != (0, 1) && ord != Ord::Default && ord != Ord::Fro {
                return Err(EvalError::new(
                    ErrorKind::NotImplementedError,
                    "gradlab's np.linalg.norm takes matrix axes (0, 1) for ord 1 and inf",
                ));
            }
            matrix_norm(&x, ord, r, c, keep)?
        }
        _ => {
            return Err(EvalError::value_error(
                "Improper number of dimensions to norm.",
            ));
        }
    };
    Ok(wrap(out, true))
}

fn linalg_error(message: impl Into<String>) -> EvalError {
    EvalError::new(ErrorKind::LinAlgError, message)
}

/// In-place LU factorisation of the row-major `n x n` matrix `a` with
/// partial pivoting, left-looking column by column as OpenBLAS's `getf2`:
/// the pivots, or `None` for a zero pivot (a singular matrix).
fn lu(a: &mut [f64], n: usize) -> Option<Vec<usize>> {
    let at = |i: usize, j: usize| i * n + j;
    let mut piv = vec![0; n];
    let mut singular = false;
    for j in 0..n {
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
    (!singular).then_some(piv)
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

pub fn solve(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let rhs = b.at("b", to_array(b.req("b")))?;
    if a.ndim() < 2 {
        return Err(linalg_error(format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            a.ndim()
        )));
    }
    let n = a.shape()[a.ndim() - 1];
    if a.shape()[a.ndim() - 2] != n {
        return Err(linalg_error(
            "Last 2 dimensions of the array must be square",
        ));
    }
    if a.ndim() > 2 {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab's np.linalg.solve takes one 2-D matrix",
        ));
    }
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
    if m != n {
        return Err(EvalError::value_error(format!(
            "{name}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {sig} (size {m} is different from {n})"
        )));
    }
    if rhs.ndim() > 2 || (rhs.ndim() == 2 && rhs.shape()[1] != 1) {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab's np.linalg.solve takes one right-hand side (b of shape (n,) or (n, 1))",
        ));
    }
    let mut lu_a = a.as_dtype(DType::Float64)?.to_f64_vec();
    let piv = lu(&mut lu_a, n).ok_or_else(|| linalg_error("Singular matrix"))?;
    let mut x = rhs.to_f64_vec();
    lu_solve(&lu_a, n, &piv, &mut x);
    Ok(Value::array(Array::from_vec(rhs.shape(), x)?))
}
