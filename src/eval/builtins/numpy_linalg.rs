//! The `np.linalg` module (issue 13): `norm` (vector norms of any order,
//! the Frobenius, 1, inf, 2 and nuclear matrix norms), as `numpy/linalg/_linalg.py`
//! computes them: pairwise sums along the axis, `sqrt(x @ x)` for the
//! default norm of the whole array. `solve`, `inv` and `det` are in
//! `linalg_lu.rs`.

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
        "Vector norm (2-norm by default; ord=1, inf, -inf, 0 or any power) or matrix norm ('fro', 'nuc', 1, -1, 2, -2, inf, -inf).",
        "np.linalg.norm(np.array([3., 4.]))";
}

/// The rows of `np.linalg`'s tables.
fn rows() -> impl Iterator<Item = &'static Builtin> {
    NUMPY_LINALG
        .iter()
        .chain(super::linalg_lu::LINALG_LU)
        .chain(super::linalg_svd::LINALG_SVD)
}

/// `np.linalg.<name>`: the row `linalg.<name>`.
pub fn member(name: &str) -> Option<&'static Builtin> {
    rows().find(|b| b.name.strip_prefix("linalg.") == Some(name))
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
    rows()
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
        // Singular values (descending), as NumPy's `svd(x, compute_uv=False)`.
        Ord::P(p) if p == 2.0 || p == -2.0 => {
            let s = singular_values(x)?;
            let v = if p > 0.0 { s.first() } else { s.last() };
            Array::scalar_f64(v.copied().unwrap_or(0.0))
        }
        Ord::Nuc => Array::scalar_f64(singular_values(x)?.iter().sum()),
        Ord::P(_) => return Err(EvalError::value_error("Invalid norm order for matrices.")),
    };
    Ok(match keep {
        true => out.reshape_to(&[1, 1])?,
        false => out,
    })
}

/// The singular values of a 2-D float64 array, largest first.
fn singular_values(x: &Array) -> EvalResult<Vec<f64>> {
    Ok(decompose(x)?.s)
}

/// The SVD of a 2-D float64 array (`LinAlgError` when it does not
/// converge).
pub(super) fn decompose(a: &Array) -> EvalResult<super::svd::Svd> {
    let (m, n) = (a.shape()[0], a.shape()[1]);
    super::svd::svd(&a.to_f64_vec(), m, n)?.ok_or_else(|| linalg_error("SVD did not converge"))
}

/// `numpy.linalg.LinAlgError` with `message`.
pub(super) fn linalg_error(message: impl Into<String>) -> EvalError {
    EvalError::new(ErrorKind::LinAlgError, message)
}

/// The matrix argument `name` of an `np.linalg` function, with NumPy's
/// `LinAlgError` for fewer than two dimensions (for more too when
/// `exactly`, as `lstsq`'s "Array must be two-dimensional").
pub(super) fn matrix_arg(b: &Bound, name: &str, exactly: bool) -> EvalResult<Array> {
    let a = b.at(name, to_array(b.req(name)))?;
    if a.ndim() < 2 || (exactly && a.ndim() != 2) {
        let need = if exactly { "" } else { "at least " };
        return Err(linalg_error(format!(
            "{}-dimensional array given. Array must be {need}two-dimensional",
            a.ndim()
        )));
    }
    Ok(a)
}

/// A matrix argument's elements as float64 (gradlab's linear algebra is
/// real: complex matrices are refused).
pub(super) fn real_matrix(a: &Array) -> EvalResult<Array> {
    if a.dtype() == DType::Complex128 {
        return Err(ops::unsupported_dtype(DType::Complex128));
    }
    Ok(a.as_dtype(DType::Float64)?)
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
                    "gradlab's np.linalg.norm takes matrix axes (0, 1) for ord 1, inf, 2 and 'nuc'",
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
