//! `np.mean`, `np.var`, `np.std` with `dtype=` / `where=` (and of
//! float32 arrays): NumPy's `_mean` and `_var` step by step on [`Fold`],
//! in the accumulator dtype, with their warnings in their order.

use ndarray::ArrayD;

use crate::array::{Array, DType, Kind, Scalar, fpe, zip_map};

use super::super::super::args::Bound;
use super::super::super::convert::{real, wrap};
use super::super::super::error::EvalResult;
use super::super::super::value::Value;
use super::super::super::warnings::{self, WarningKind};
use super::keywords::{acc_dtype, no_out, sum_in};
use super::masked::Fold;

/// Whether `mean`/`var`/`std` of `a` need this module: a keyword the
/// plain path lacks, or float32 (NumPy keeps it as the accumulator).
pub(super) fn wanted(b: &Bound, a: &Array) -> bool {
    super::keywords::wanted(b) || a.dtype() == DType::Float32
}

/// The dtype `_mean` / `_var` accumulate in: float64 for integers and
/// bool unless `dtype=` says otherwise.
fn mean_dtype(b: &Bound, a: &Array) -> EvalResult<DType> {
    let d = match a.dtype().kind() {
        Kind::Int | Kind::UInt | Kind::Bool => DType::Float64,
        _ => a.dtype(),
    };
    let acc = acc_dtype(b, d)?;
    if !matches!(acc, DType::Float64 | DType::Float32) {
        return Err(super::super::super::ops::unsupported_dtype(acc));
    }
    Ok(acc)
}

/// The sums of `a` over `f` in `acc`, the reduction's warnings reported.
fn sums(f: &Fold, a: &Array, acc: DType) -> EvalResult<Array> {
    warnings::ufunc("reduce", || {
        sum_in(f, a, acc, Scalar::Float64(0.0).cast(acc), false)
    })
}

/// `sums / counts` in `acc` (float32 divides in float64 and rounds once:
/// NumPy's `true_divide` by an intp array).
fn divide(sums: &Array, counts: &ArrayD<f64>, acc: DType) -> EvalResult<Array> {
    let c = Array::from_ndarray(counts.clone());
    Ok(match acc {
        DType::Float32 => zip_map::<f32, f64, f32>(sums, &c, |s, n| (f64::from(s) / n) as f32)?,
        _ => zip_map::<f64, f64, f64>(sums, &c, |s, n| s / n)?,
    })
}

/// The warning name of `_mean`'s / `_var`'s last division: a 0-d float64
/// result divides as a NumPy scalar.
fn divide_name(out: &Array, acc: DType) -> &'static str {
    if out.ndim() == 0 && acc != DType::Float32 {
        "scalar divide"
    } else {
        "divide"
    }
}

/// `np.mean` with `dtype=` / `where=`, or of a float32 array.
pub(super) fn mean(b: &Bound, a: &Array) -> EvalResult<Value> {
    no_out(b)?;
    let f = Fold::parse(b, a)?;
    let acc = mean_dtype(b, a)?;
    let counts = f.counts().mapv(|c| c as f64);
    if counts.iter().any(|&c| c == 0.0) {
        warnings::warn(WarningKind::RuntimeWarning, "Mean of empty slice", true)?;
    }
    let s = sums(&f, a, acc)?;
    warnings::begin();
    let out = divide(&s, &counts, acc)?;
    warnings::report(fpe::take(), divide_name(&out, acc))?;
    Ok(wrap(out, true))
}

/// `np.var` (`sqrt` false) or `np.std` with `dtype=` / `where=`, or of a
/// float32 array: NumPy's `_var`.
pub(super) fn var(b: &Bound, a: &Array, sqrt: bool) -> EvalResult<Value> {
    no_out(b)?;
    let f = Fold::parse(b, a)?;
    if a.dtype() == DType::Complex128 {
        return Err(super::super::super::ops::unsupported_dtype(a.dtype()));
    }
    let ddof = super::keywords::given(b, "ddof")
        .map(real)
        .transpose()?
        .unwrap_or(0.0);
    let acc = mean_dtype(b, a)?;
    let counts = f.counts().mapv(|c| c as f64);
    if counts.iter().any(|&c| ddof >= c) {
        warnings::warn(
            WarningKind::RuntimeWarning,
            "Degrees of freedom <= 0 for slice",
            true,
        )?;
    }
    let kept = f.kept();
    let s = sums(&kept, a, acc)?;
    warnings::begin();
    let mean = divide(&s, &kept.counts().mapv(|c| c as f64), acc)?;
    warnings::report_at(fpe::take(), "divide", "_var mean")?;
    let dev = deviations(a, &mean)?;
    let s = sums(&f, &dev, acc)?;
    warnings::begin();
    let out = divide(&s, &counts.mapv(|c| (c - ddof).max(0.0)), acc)?;
    warnings::report_at(fpe::take(), divide_name(&out, acc), "_var ddof")?;
    let out = match (sqrt, acc) {
        (false, _) => out,
        (true, DType::Float32) => Array::from_ndarray(out.read::<f32>().view().mapv(f32::sqrt)),
        (true, _) => Array::from_ndarray(out.read::<f64>().view().mapv(f64::sqrt)),
    };
    Ok(wrap(out, true))
}

/// `(a - mean)**2` as `_var` computes it: `a - mean` in their promoted
/// dtype (float32 only when both are), then multiplied by itself.
fn deviations(a: &Array, mean: &Array) -> EvalResult<Array> {
    let sq = if a.dtype() == DType::Float32 && mean.dtype() == DType::Float32 {
        zip_map::<f32, f32, f32>(a, mean, |p, q| (p - q) * (p - q))
    } else {
        let x = a.as_dtype(DType::Float64)?;
        let m = mean.as_dtype(DType::Float64)?;
        zip_map::<f64, f64, f64>(&x, &m, |p, q| (p - q) * (p - q))
    };
    Ok(sq?)
}
