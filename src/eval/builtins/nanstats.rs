//! `np.nanvar`, `np.nanstd`, `np.nanprod`, `np.nancumsum` and
//! `np.nancumprod` as `lib/_nanfunctions_impl.py` computes them: integer
//! and bool input goes to the ordinary function; float and complex input
//! has its NaNs replaced (0 for sums, 1 for products) first, and `nanvar`
//! replays NumPy's steps in its order (the sum and count, their division
//! with errors ignored, the deviations with NaNs zeroed, their squares
//! summed, the division by `count - ddof`, NaN and a warning where that is
//! not positive).

use crate::array::{Array, Complex128, DType, Element, cmath, complex_div, fpe, map, zip_map};

use super::super::args::Bound;
use super::super::convert::{real, to_array, wrap};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::super::warnings::{self, WarningKind};
use super::nanfuncs::{Lanes, delegate, lane_args, over_lanes, replace_nans};
use super::reduce::{FloatAcc, typed_sum};
use super::{Builtin, Home, reduce, stats};

builtins! { NANSTATS;
    "nanvar", Numpy, nanvar, "nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=<no value>)",
        "Variance of the non-NaN elements (divided by their count - ddof).",
        "np.nanvar(np.array([1., np.nan, 3., 5.]))";
    "nanstd", Numpy, nanstd, "nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=<no value>)",
        "Standard deviation of the non-NaN elements.", "np.nanstd(np.array([1., np.nan, 3., 5.]))";
    "nanprod", Numpy, nanprod, "nanprod(a, axis=None, dtype=None, out=None, keepdims=<no value>)",
        "Product treating NaNs as one.", "np.nanprod(np.array([2., np.nan, 3.]))";
    "nancumsum", Numpy, nancumsum, "nancumsum(a, axis=None, dtype=None, out=None)",
        "Cumulative sum treating NaNs as zero.", "np.nancumsum(np.array([1., np.nan, 2.]))";
    "nancumprod", Numpy, nancumprod, "nancumprod(a, axis=None, dtype=None, out=None)",
        "Cumulative product treating NaNs as one.", "np.nancumprod(np.array([2., np.nan, 3.]))";
}

/// `dtype=` and `out=` are accepted only as None.
fn plain(b: &Bound, name: &str) -> EvalResult<()> {
    for k in ["dtype", "out"] {
        if b.opt(k).is_some() {
            return Err(EvalError::new(
                ErrorKind::NotImplementedError,
                format!("gradlab does not support {k}= in np.{name} yet"),
            ));
        }
    }
    Ok(())
}

/// An inexact element type as `nanvar` computes with it.
trait NanVar: FloatAcc + Element {
    /// The type of a squared deviation (float for complex).
    type Sq: NanVar;
    fn is_nan(self) -> bool;
    /// `_divide_by_count`: `self / c` (float32 divides in float64).
    fn div_count(self, c: f64) -> Self;
    fn sub(self, o: Self) -> Self;
    /// `x * x` (`(x * x.conj()).real` for complex: NumPy's FMA loop).
    fn sq(self) -> Self::Sq;
    fn sqrt(self) -> Self;
    fn nan() -> Self;
}

impl NanVar for f64 {
    type Sq = f64;
    fn is_nan(self) -> bool {
        self.is_nan()
    }
    fn div_count(self, c: f64) -> f64 {
        self / c
    }
    fn sub(self, o: f64) -> f64 {
        self - o
    }
    fn sq(self) -> f64 {
        self * self
    }
    fn sqrt(self) -> f64 {
        self.sqrt()
    }
    fn nan() -> f64 {
        f64::NAN
    }
}

impl NanVar for f32 {
    type Sq = f32;
    fn is_nan(self) -> bool {
        self.is_nan()
    }
    fn div_count(self, c: f64) -> f32 {
        (f64::from(self) / c) as f32
    }
    fn sub(self, o: f32) -> f32 {
        self - o
    }
    fn sq(self) -> f32 {
        self * self
    }
    fn sqrt(self) -> f32 {
        self.sqrt()
    }
    fn nan() -> f32 {
        f32::NAN
    }
}

impl NanVar for Complex128 {
    type Sq = f64;
    fn is_nan(self) -> bool {
        cmath::is_nan(self)
    }
    fn div_count(self, c: f64) -> Complex128 {
        complex_div(self, Complex128::new(c, 0.0))
    }
    fn sub(self, o: Complex128) -> Complex128 {
        self - o
    }
    fn sq(self) -> f64 {
        cmath::mul(self, self.conj()).re
    }
    fn sqrt(self) -> Complex128 {
        cmath::unary_fn("sqrt").expect("sqrt")(self)
    }
    fn nan() -> Complex128 {
        Complex128::new(f64::NAN, f64::NAN)
    }
}

/// Non-NaN counts per lane, as float64.
fn counts<T: NanVar>(a: &Array, l: &Lanes) -> Array {
    Array::from_ndarray(over_lanes::<T, f64>(a, l, |v| {
        v.iter().filter(|x| !x.is_nan()).count() as f64
    }))
}

/// NumPy's `nanmean` of float or complex `a`: the sum with NaNs as
/// zeros, the warning for an empty lane, the division by the count (its
/// errors ignored).
pub(super) fn nanmean_of(a: &Array, l: &Lanes) -> EvalResult<Array> {
    match a.dtype() {
        DType::Float64 => nanmean_in::<f64>(a, l),
        DType::Float32 => nanmean_in::<f32>(a, l),
        _ => nanmean_in::<Complex128>(a, l),
    }
}

fn nanmean_in<T: NanVar>(a: &Array, l: &Lanes) -> EvalResult<Array> {
    let arr = map::<T, T>(a, |x| if x.is_nan() { T::default() } else { x })?;
    let cnt = counts::<T>(a, l);
    let tot = warnings::ufunc("reduce", || {
        Ok(Array::from_ndarray(typed_sum::<T>(
            &arr, l.axis, l.keepdims,
        )))
    })?;
    let avg = zip_map::<T, f64, T>(&tot, &cnt, T::div_count)?;
    fpe::clear();
    if cnt.to_f64_vec().contains(&0.0) {
        warnings::warn(WarningKind::RuntimeWarning, "Mean of empty slice", true)?;
    }
    Ok(avg)
}

/// NumPy's `nanvar` of float or complex `a` (the result's type is `T::Sq`).
fn nanvar_of<T: NanVar>(a: &Array, l: &Lanes, ddof: f64) -> EvalResult<Array> {
    let kept = Lanes {
        axis: l.axis,
        keepdims: true,
    };
    let arr = map::<T, T>(a, |x| if x.is_nan() { T::default() } else { x })?;
    let cnt = counts::<T>(a, &kept);
    let tot = warnings::ufunc("reduce", || {
        Ok(Array::from_ndarray(typed_sum::<T>(&arr, l.axis, true)))
    })?;
    // `_divide_by_count` ignores the division's errors.
    let avg = zip_map::<T, f64, T>(&tot, &cnt, T::div_count)?;
    fpe::clear();
    let dev = warnings::ufunc("subtract", || Ok(zip_map::<T, T, T>(&arr, &avg, T::sub)?))?;
    let dev = zip_map::<T, T, T>(&dev, a, |d, x| if x.is_nan() { T::default() } else { d })?;
    let sqr = warnings::ufunc("multiply", || Ok(map::<T, T::Sq>(&dev, T::sq)?))?;
    let var = warnings::ufunc("reduce", || {
        Ok(Array::from_ndarray(typed_sum::<T::Sq>(
            &sqr, l.axis, l.keepdims,
        )))
    })?;
    let cnt = counts::<T>(a, l);
    let out = zip_map::<T::Sq, f64, T::Sq>(&var, &cnt, |v, c| {
        let dof = c - ddof;
        if dof > 0.0 {
            v.div_count(dof)
        } else {
            <T::Sq as NanVar>::nan()
        }
    })?;
    fpe::clear();
    if cnt.to_f64_vec().iter().any(|&c| c - ddof <= 0.0) {
        warnings::warn(
            WarningKind::RuntimeWarning,
            "Degrees of freedom <= 0 for slice.",
            true,
        )?;
    }
    Ok(out)
}

/// `nanvar` (or its square root, `nanstd`) of any array.
fn nan_var(s: &mut Session, b: &Bound, root: bool) -> EvalResult<Value> {
    let name = if root { "nanstd" } else { "nanvar" };
    plain(b, name)?;
    let a = b.at("a", to_array(b.req("a")))?;
    if !a.dtype().is_inexact() {
        let keys = ["axis", "ddof", "keepdims"];
        return match root {
            true => delegate(s, b, Value::array(a), STD, &keys, reduce::std),
            false => delegate(s, b, Value::array(a), VAR, &keys, stats::var),
        };
    }
    let l = lane_args(b, a.ndim())?;
    let ddof = b.opt("ddof").map(real).transpose()?.unwrap_or(0.0);
    let out = match a.dtype() {
        DType::Float64 => with_root::<f64>(nanvar_of::<f64>(&a, &l, ddof)?, root)?,
        DType::Float32 => with_root::<f32>(nanvar_of::<f32>(&a, &l, ddof)?, root)?,
        _ => with_root::<f64>(nanvar_of::<Complex128>(&a, &l, ddof)?, root)?,
    };
    Ok(wrap(out, true))
}

fn with_root<T: NanVar>(var: Array, root: bool) -> EvalResult<Array> {
    match root {
        true => Ok(map::<T, T>(&var, T::sqrt)?),
        false => Ok(var),
    }
}

const VAR: &str = "var(a, axis=None, ddof=0, keepdims=False)";
const STD: &str = "std(a, axis=None, ddof=0, keepdims=False)";

pub fn nanvar(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    nan_var(s, b, false)
}

pub fn nanstd(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    nan_var(s, b, true)
}

pub fn nanprod(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    plain(b, "nanprod")?;
    let a = replace_nans(&b.at("a", to_array(b.req("a")))?, 1.0)?;
    let sig = "prod(a, axis=None, keepdims=False)";
    delegate(
        s,
        b,
        Value::array(a),
        sig,
        &["axis", "keepdims"],
        stats::prod,
    )
}

pub fn nancumsum(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    plain(b, "nancumsum")?;
    let a = replace_nans(&b.at("a", to_array(b.req("a")))?, 0.0)?;
    let sig = "cumsum(a, axis=None)";
    delegate(s, b, Value::array(a), sig, &["axis"], reduce::cumsum)
}

pub fn nancumprod(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    plain(b, "nancumprod")?;
    let a = replace_nans(&b.at("a", to_array(b.req("a")))?, 1.0)?;
    let sig = "cumprod(a, axis=None)";
    delegate(s, b, Value::array(a), sig, &["axis"], stats::cumprod)
}
