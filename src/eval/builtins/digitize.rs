//! `np.digitize`: NumPy's monotonicity check of the bins (C's
//! `check_array_monotonic`) and its `searchsorted` binary search
//! (`npysort/binsearch.cpp`, last-key shortcut included, so unsorted or
//! NaN bins give NumPy's answers too).

use crate::array::{Array, DType, Index, Kind};

use super::super::args::Bound;
use super::super::convert::{to_array, truthy, wrap};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home};

builtins! { DIGITIZE;
    "digitize", Numpy, digitize, "digitize(x, bins, right=False)",
        "The index of the bin each x falls in (bins increasing or decreasing; right= closes bins on the right).",
        "np.digitize(np.array([0.2, 6.4, 3.0, 1.6]), np.array([0.0, 1.0, 2.5, 4.0, 10.0]))";
}

/// NumPy's sort order: NaN after every number.
fn less<T: PartialOrd + Copy>(a: T, b: T) -> bool {
    let nan = |x: T| x.partial_cmp(&x).is_none();
    a < b || (nan(b) && !nan(a))
}

/// 1 for increasing (or constant, or empty) bins, -1 for decreasing, 0
/// for neither, compared as float64 as NumPy's check does.
fn monotonicity(bins: &[f64]) -> i32 {
    let Some(&first) = bins.first() else {
        return 1;
    };
    // The first value after the leading run of `first` (C compares with
    // `==`, so a leading NaN ends its run at once).
    let Some(i) = bins.iter().skip(1).position(|&x| x != first).map(|k| k + 1) else {
        return 1;
    };
    let increasing = first < bins[i];
    let turns = bins[i..].windows(2).any(|w| match increasing {
        true => w[0] > w[1],
        false => w[0] < w[1],
    });
    match (turns, increasing) {
        (true, _) => 0,
        (false, true) => 1,
        (false, false) => -1,
    }
}

/// `np.searchsorted(arr, keys, side)` for each key in turn: NumPy's binary
/// search, which starts each search from the previous key's bounds.
fn binsearch<T: PartialOrd + Copy>(arr: &[T], keys: &[T], right: bool) -> Vec<i64> {
    // side='left': a[i-1] < v <= a[i]; side='right': a[i-1] <= v < a[i].
    let before = |a: T, v: T| if right { !less(v, a) } else { less(a, v) };
    let n = arr.len();
    let (mut lo, mut hi) = (0, n);
    let mut out = Vec::with_capacity(keys.len());
    let Some(&first) = keys.first() else {
        return out;
    };
    let mut last = first;
    for &key in keys {
        if before(last, key) {
            hi = n;
        } else {
            lo = 0;
            hi = if hi < n { hi + 1 } else { n };
        }
        last = key;
        while lo < hi {
            let mid = lo + ((hi - lo) >> 1);
            if before(arr[mid], key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        out.push(lo as i64);
    }
    out
}

/// The searches in the common dtype of `x` and `bins`: int64 when both
/// are integers or bools, else float64.
fn search(bins: &Array, x: &Array, right: bool) -> EvalResult<Vec<i64>> {
    let dt = x.dtype().promote(bins.dtype());
    Ok(
        if matches!(dt.kind(), Kind::Int | Kind::UInt | Kind::Bool) && dt != DType::UInt64 {
            let (b, k) = (bins.as_dtype(DType::Int64)?, x.as_dtype(DType::Int64)?);
            binsearch(&b.to_vec::<i64>(), &k.to_vec::<i64>(), right)
        } else {
            binsearch(&bins.to_f64_vec(), &x.to_f64_vec(), right)
        },
    )
}

/// `np.digitize(x, bins, right=False)`: `searchsorted(bins, x, side)` for
/// increasing bins, `len(bins) - searchsorted(bins[::-1], x, side)` for
/// decreasing ones (side 'right' unless `right`). Errors: complex x
/// (TypeError), bins not 1-D or not monotonic (ValueError).
pub fn digitize(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = b.at("x", to_array(b.req("x")))?;
    let bins = b.at("bins", to_array(b.req("bins")))?;
    if x.dtype().kind() == Kind::Complex {
        return Err(EvalError::type_error("x may not be complex"));
    }
    if bins.dtype().kind() == Kind::Complex {
        return Err(EvalError::type_error(
            "Cannot cast array data from dtype('complex128') to dtype('float64') according to the rule 'safe'",
        ));
    }
    let right = b.get("right").map(truthy).transpose()?.unwrap_or(false);
    if bins.ndim() != 1 {
        return Err(EvalError::value_error(if bins.ndim() == 0 {
            "object of too small depth for desired array"
        } else {
            "object too deep for desired array"
        }));
    }
    let mono = monotonicity(&bins.to_f64_vec());
    if mono == 0 {
        return Err(EvalError::value_error(
            "bins must be monotonically increasing or decreasing",
        ));
    }
    // side='left' when right, else 'right'.
    let side_right = !right;
    let found = if mono == -1 {
        let reversed = bins.index(&[Index::slice(None, None, Some(-1))])?;
        let n = bins.len() as i64;
        search(&reversed, &x, side_right)?
            .into_iter()
            .map(|i| n - i)
            .collect()
    } else {
        search(&bins, &x, side_right)?
    };
    let out = Array::from_vec(x.shape(), found)?;
    Ok(wrap(out, true))
}
