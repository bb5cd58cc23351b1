//! `x @ y` for 1-D and 2-D operands (NumPy's `matmul`).

use crate::array::{Array, DType, Element};
use crate::eval::ErrorKind;

use super::super::convert::wrap;
use super::super::error::{EvalError, EvalResult};
use super::super::value::Value;
use super::unsupported_dtype;

/// `x @ y` computed in dtype `dt`.
pub(super) fn matmul(x: &Array, y: &Array, dt: DType) -> EvalResult<Value> {
    if x.ndim() == 0 || y.ndim() == 0 {
        return Err(EvalError::value_error(
            "matmul: Input operand does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)",
        ));
    }
    if x.ndim() > 2 || y.ndim() > 2 {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab's @ handles 1-D and 2-D arrays",
        ));
    }
    let (n, k) = if x.ndim() == 1 {
        (1, x.shape()[0])
    } else {
        (x.shape()[0], x.shape()[1])
    };
    let (k2, m) = if y.ndim() == 1 {
        (y.shape()[0], 1)
    } else {
        (y.shape()[0], y.shape()[1])
    };
    if k != k2 {
        return Err(EvalError::value_error(format!(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {k2} is different from {k})"
        )));
    }
    let mut shape = Vec::new();
    if x.ndim() == 2 {
        shape.push(n);
    }
    if y.ndim() == 2 {
        shape.push(m);
    }
    let dims = (n, k, m);
    let (x, y) = (x.as_dtype(dt)?, y.as_dtype(dt)?);
    let out = match dt {
        DType::Float64 => product::<f64>(&x, &y, dims, &shape, |p, q| p * q, |p, q| p + q),
        DType::Int64 => product::<i64>(&x, &y, dims, &shape, i64::wrapping_mul, i64::wrapping_add),
        DType::Bool => product::<bool>(&x, &y, dims, &shape, |p, q| p & q, |p, q| p | q),
        other => return Err(unsupported_dtype(other)),
    }?;
    Ok(wrap(out, true))
}

fn product<T: Element>(
    x: &Array,
    y: &Array,
    (n, k, m): (usize, usize, usize),
    shape: &[usize],
    mul: impl Fn(T, T) -> T,
    add: impl Fn(T, T) -> T,
) -> EvalResult<Array> {
    let (x, y) = (x.to_vec::<T>(), y.to_vec::<T>());
    let mut out = vec![T::default(); n * m];
    for i in 0..n {
        for j in 0..m {
            let mut acc = T::default();
            for p in 0..k {
                acc = add(acc, mul(x[i * k + p], y[p * m + j]));
            }
            out[i * m + j] = acc;
        }
    }
    Ok(Array::from_vec(shape, out)?)
}
