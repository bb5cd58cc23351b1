//! `np.cumsum`: running sums in the input's dtype (smaller integers in
//! int64 / uint64, bool as int64).

use ndarray::{Axis, Zip};

use crate::array::{Array, Complex128, DType, Element, Fresh};

use super::super::super::args::Bound;
use super::super::super::convert::{dtype_arg, index_int, norm_axis, to_array};
use super::super::super::error::EvalResult;
use super::super::super::session::Session;
use super::super::super::value::Value;
use super::super::super::warnings;

/// `np.cumsum(a, axis=None, dtype=None)`: running sums (flattened when
/// axis is None).
pub fn cumsum(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", to_array(b.req("a")))?;
    let axis = match b.opt("axis") {
        None => None,
        Some(v) => Some(b.at("axis", index_int(v).and_then(|k| norm_axis(k, a.ndim())))?),
    };
    in_dtype(b, &a, |x| cumsum_array(x, axis)).map(Value::array)
}

/// `run` (a running sum or product, its warnings "in accumulate") with
/// `dtype=`: the input cast to it first (its warnings "in cast", as
/// NumPy's), the result in it. Integers accumulate in 64 bits and wrap
/// into the narrower dtype after (the same bits as wrapping in it all
/// along); a bool accumulator is the running `or` / `and`, nonzero as
/// True.
///
/// # Errors
/// `NotImplementedError` for `out=`; `run`'s.
pub(in super::super) fn in_dtype(
    b: &Bound,
    a: &Array,
    run: impl FnOnce(&Array) -> EvalResult<Array>,
) -> EvalResult<Array> {
    super::keywords::no_out(b)?;
    let d = match super::keywords::given(b, "dtype") {
        Some(v) => b.at("dtype", dtype_arg(v))?,
        None => None,
    };
    let Some(d) = d else {
        return super::super::stats::accumulate(|| run(a));
    };
    let x = warnings::ufunc("cast", || Ok(a.as_dtype(d)?))?;
    let out = super::super::stats::accumulate(|| run(&x))?;
    Ok(out.as_dtype(d)?)
}

/// Running sums along `axis` (flattened when `None`); int and bool → int64.
pub fn cumsum_array(a: &Array, axis: Option<usize>) -> EvalResult<Array> {
    let (a, axis) = match axis {
        None => (a.ravel()?, 0),
        Some(k) => (a.clone(), k),
    };
    match a.dtype() {
        DType::Float64 => running::<f64, f64>(&a, axis, |p, q| p + q),
        DType::Float32 => running::<f32, f32>(&a, axis, |p, q| p + q),
        DType::Complex128 => running::<Complex128, Complex128>(&a, axis, |p, q| p + q),
        DType::Bool => running::<bool, i64>(&a, axis, i64::wrapping_add),
        // NumPy accumulates smaller integers in int64 / uint64.
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => {
            running::<u64, u64>(&a.as_dtype(DType::UInt64)?, axis, u64::wrapping_add)
        }
        d if d.is_integer() => {
            running::<i64, i64>(&a.as_dtype(DType::Int64)?, axis, i64::wrapping_add)
        }
        other => Err(super::super::super::ops::unsupported_dtype(other)),
    }
}

/// The input cast to `T` into a fresh array, then summed along each lane.
fn running<S: Element, T: Element>(
    a: &Array,
    axis: usize,
    add: impl Fn(T, T) -> T,
) -> EvalResult<Array> {
    let mut out = Fresh::<T>::zeroed(a.shape())?;
    {
        let r = a.read::<S>();
        let mut v = out.view_mut();
        Zip::from(&mut v)
            .and(&r.view())
            .for_each(|o, &s| *o = s.cast());
        for mut lane in v.lanes_mut(Axis(axis)) {
            let mut acc: Option<T> = None;
            for e in lane.iter_mut() {
                let v = match acc {
                    None => *e,
                    Some(s) => add(s, *e),
                };
                *e = v;
                acc = Some(v);
            }
        }
    }
    Ok(out.finish())
}
