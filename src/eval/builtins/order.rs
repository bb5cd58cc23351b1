//! NumPy's `order=` argument of `reshape`, `ravel` and `flatten`: the index
//! order in which elements are read and placed ('C' last index fastest, 'F'
//! first index fastest, 'A' F when the array is only F-contiguous, 'K' the
//! order of memory), done with the array layer's transposes and views.

use crate::array::Array;

use super::super::error::{EvalError, EvalResult};
use super::super::value::Value;

/// One of NumPy's four index orders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    C,
    F,
    A,
    K,
}

/// An `order=` argument: `None` (or absent) is 'C'; a one-letter string,
/// either case. Errors: NumPy's ValueError for another string, TypeError
/// `order must be str, not int` for another type.
pub fn order_arg(v: Option<&Value>) -> EvalResult<Order> {
    let s = match v {
        None | Some(Value::None) => return Ok(Order::C),
        Some(Value::Str(s)) => s,
        Some(other) => {
            return Err(EvalError::type_error(format!(
                "order must be str, not {}",
                other.short_type()
            )));
        }
    };
    match s.to_ascii_uppercase().as_str() {
        "C" => Ok(Order::C),
        "F" => Ok(Order::F),
        "A" => Ok(Order::A),
        "K" => Ok(Order::K),
        _ => Err(EvalError::value_error(format!(
            "order must be one of 'C', 'F', 'A', or 'K' (got '{s}')"
        ))),
    }
}

/// 'A' read for `a`: 'F' when `a` is F-contiguous and not C-contiguous.
fn resolve(order: Order, a: &Array) -> Order {
    match order {
        Order::A if a.is_f_contiguous() && !a.is_c_contiguous() => Order::F,
        Order::A => Order::C,
        other => other,
    }
}

/// `np.reshape(a, dims, order=...)`: an 'F' reshape is a C reshape of the
/// reversed axes to the reversed shape, reversed back (a view where NumPy
/// gives one). Errors: 'K' is NumPy's ValueError; sizes as `reshape`.
pub fn reshape_ordered(a: &Array, dims: &[i64], order: Order) -> EvalResult<Array> {
    match resolve(order, a) {
        Order::K => Err(EvalError::value_error(
            "order 'K' is not permitted for reshaping",
        )),
        Order::F => {
            let rev: Vec<i64> = dims.iter().rev().copied().collect();
            match a.t().reshape(&rev) {
                Ok(r) => Ok(r.t()),
                // The message names the shape as given, not reversed.
                Err(e) => Err(a.reshape(dims).err().unwrap_or(e).into()),
            }
        }
        _ => Ok(a.reshape(dims)?),
    }
}

/// `np.ravel(a, order=...)`: 1-D, a view where the order allows one.
pub fn ravel_ordered(a: &Array, order: Order) -> EvalResult<Array> {
    Ok(match resolve(order, a) {
        Order::F => a.t().ravel()?,
        Order::K => {
            let perm: Vec<i64> = memory_order(a).into_iter().map(|k| k as i64).collect();
            a.transpose(Some(&perm))?.ravel()?
        }
        _ => a.ravel()?,
    })
}

/// `a.flatten(order)`: [`ravel_ordered`], always a copy.
pub fn flatten_ordered(a: &Array, order: Order) -> EvalResult<Array> {
    let r = ravel_ordered(a, order)?;
    Ok(if r.shares_buffer(a) { r.copy()? } else { r })
}

/// The axes of `a` from the largest |stride| to the smallest, as NumPy's
/// `PyArray_CreateSortedStridePerm` orders them: an insertion sort that
/// passes over axes of length 1 or stride 0 (their place is ambiguous)
/// and keeps equal strides in axis order.
fn memory_order(a: &Array) -> Vec<usize> {
    let (shape, strides) = (a.shape(), a.strides());
    let mut perm: Vec<usize> = (0..a.ndim()).collect();
    for i0 in 1..perm.len() {
        let ax0 = perm[i0];
        let mut ipos = i0;
        for i1 in (0..i0).rev() {
            let ax1 = perm[i1];
            let ambiguous =
                shape[ax0] == 1 || shape[ax1] == 1 || strides[ax0] == 0 || strides[ax1] == 0;
            if ambiguous {
                continue;
            }
            if strides[ax1].unsigned_abs() < strides[ax0].unsigned_abs() {
                ipos = i1;
            } else {
                break;
            }
        }
        perm.remove(i0);
        perm.insert(ipos, ax0);
    }
    perm
}
