//! `dtype=`, `where=`, `initial=` and tuple `axis=` of `np.sum`,
//! `np.prod`, `np.max`/`np.min`: NumPy's `ufunc.reduce` with them, on
//! [`Fold`] (the calls without them keep the fast paths of `reduce.rs`).

use ndarray::ArrayD;

use crate::array::{Array, Complex128, DType, Element, Kind, Scalar, cmath, complex_mul};

use super::super::super::ErrorKind;
use super::super::super::args::Bound;
use super::super::super::convert::{dtype_arg, int_in, wrap};
use super::super::super::error::{EvalError, EvalResult};
use super::super::super::value::Value;
use super::super::super::warnings;
use super::masked::{BUFSIZE, Fold};
use super::{FloatAcc, pairwise_sum};

/// The argument for `k` when the call's signature has it and it is not
/// None (reductions called through another builtin's shorter signature).
pub(super) fn given<'a>(b: &'a Bound, k: &str) -> Option<&'a Value> {
    if b.has(k) { b.opt(k) } else { None }
}

/// Whether the call uses a keyword only [`Fold`] handles (`where=True`
/// included: the same result either way), or `out=`, which is refused.
pub(super) fn wanted(b: &Bound) -> bool {
    // Over the arguments given (`a` alone, mostly), not a search of the
    // signature for each keyword: this runs on every `a.sum()`.
    b.given_names().any(|k| match k {
        "dtype" | "where" | "initial" | "out" => b.opt(k).is_some(),
        "axis" => matches!(b.opt(k), Some(Value::Tuple(_))),
        _ => false,
    })
}

/// `out=` is accepted only as None.
pub(super) fn no_out(b: &Bound) -> EvalResult<()> {
    if given(b, "out").is_some() {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            format!("gradlab does not support out= in np.{} yet", b.sig.name),
        ));
    }
    Ok(())
}

/// `dtype=` of `b`, else `default`.
pub(super) fn acc_dtype(b: &Bound, default: DType) -> EvalResult<DType> {
    match given(b, "dtype") {
        Some(v) => Ok(b.at("dtype", dtype_arg(v))?.unwrap_or(default)),
        None => Ok(default),
    }
}

/// The dtype `np.sum`/`np.prod` accumulate in without `dtype=`: smaller
/// integers and bool widen to int64 (unsigned to uint64).
pub(super) fn sum_dtype(d: DType) -> DType {
    match d.kind() {
        Kind::UInt => DType::UInt64,
        Kind::Int | Kind::Bool => DType::Int64,
        _ => d,
    }
}

/// `initial=` as an element of `d`: what NumPy's `int(x)` / `float(x)`
/// make of it (a Python int must fit an integer dtype).
///
/// # Errors
/// `OverflowError` for an int that does not fit, `TypeError` for a
/// complex or non-number into a real dtype.
pub(super) fn initial_in(v: &Value, d: DType) -> EvalResult<Scalar> {
    let real = d.kind() != Kind::Complex;
    let not_real = |t: &str| {
        let f = if d.is_integer() {
            "int() argument must be a string, a bytes-like object or a real number"
        } else {
            "float() argument must be a string or a real number"
        };
        EvalError::type_error(format!("{f}, not '{t}'"))
    };
    match v {
        Value::Int(i) => int_in(*i, d),
        Value::Bool(x) => Ok(Scalar::Bool(*x).cast(d)),
        Value::Float(x) => Ok(Scalar::Float64(*x).cast(d)),
        Value::Scalar(Scalar::Complex128(_)) | Value::Complex(_) if real => {
            Err(not_real("complex"))
        }
        Value::Scalar(s) => Ok(s.cast(d)),
        Value::Complex(z) => Ok(Scalar::Complex128(*z)),
        other => Err(not_real(&other.short_type())),
    }
}

/// `np.sum` / `np.prod` with NumPy's keywords.
pub(super) fn sum_or_prod(b: &Bound, a: &Array, product: bool) -> EvalResult<Value> {
    no_out(b)?;
    let f = Fold::parse(b, a)?;
    let acc = acc_dtype(b, sum_dtype(a.dtype()))?;
    let init = match given(b, "initial") {
        Some(v) => b.at("initial", initial_in(v, acc))?,
        None => Scalar::Int64(i64::from(product)).cast(acc),
    };
    let out = warnings::ufunc("reduce", || sum_in(&f, a, acc, init, product))?;
    Ok(wrap(out, true))
}

/// The sum (or product) of `a` over `f` in dtype `acc`, each output
/// element starting from `init`: floats add each run's pairwise sum
/// (NumPy's reduce loop), products multiply in order, integers wrap.
///
/// # Errors
/// `NotImplementedError` for a dtype gradlab cannot reduce.
pub(super) fn sum_in(
    f: &Fold,
    a: &Array,
    acc: DType,
    init: Scalar,
    product: bool,
) -> EvalResult<Array> {
    // A cast goes through NumPy's buffer.
    let chunk = if a.dtype() != acc {
        BUFSIZE
    } else {
        usize::MAX
    };
    let x = a.as_dtype(acc)?;
    Ok(match acc {
        DType::Float64 if !product => floats::<f64>(f, &x, chunk, init, |s, r| s + pairwise_sum(r)),
        DType::Float32 if !product => {
            floats::<f32>(f, &x, chunk, init, |s, r| s + f32::pairwise(r))
        }
        DType::Complex128 if !product => {
            floats::<Complex128>(f, &x, chunk, init, |s, r| s + cmath::pairwise_sum(r))
        }
        DType::Float64 => floats::<f64>(f, &x, chunk, init, |p, r| r.iter().fold(p, |p, &e| p * e)),
        DType::Float32 => floats::<f32>(f, &x, chunk, init, |p, r| r.iter().fold(p, |p, &e| p * e)),
        // Along the last axis NumPy's reduce loop multiplies one by one;
        // across rows it uses the array loop (FMA).
        DType::Complex128 => {
            let mul = if f.lane_reduces() {
                complex_mul
            } else {
                cmath::mul
            };
            floats::<Complex128>(f, &x, chunk, init, move |p, r| {
                r.iter().fold(p, |p, &e| mul(p, e))
            })
        }
        DType::Bool => {
            let all = init.get::<bool>();
            Array::from_ndarray(f.fold(&x.read::<bool>().view(), chunk, all, |s, r| {
                if product {
                    s && r.iter().all(|&e| e)
                } else {
                    s || r.iter().any(|&e| e)
                }
            }))
        }
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => {
            wrapping::<u64>(f, &x, DType::UInt64, chunk, init, product)?.as_dtype(acc)?
        }
        // Wrapping in 64 bits, then in `d`: the same bits as in `d`.
        d if d.is_integer() => {
            wrapping::<i64>(f, &x, DType::Int64, chunk, init, product)?.as_dtype(acc)?
        }
        d => return Err(super::super::super::ops::unsupported_dtype(d)),
    })
}

/// The integer sum (or product) of `x` over `f`, each run folded with
/// wrapping arithmetic in `T` (`x` read as `wide`, `T`'s dtype), as
/// NumPy's int64 / uint64 loops add.
fn wrapping<T>(
    f: &Fold,
    x: &Array,
    wide: DType,
    chunk: usize,
    init: Scalar,
    product: bool,
) -> EvalResult<Array>
where
    T: Element + num_traits::WrappingAdd + num_traits::WrappingMul,
{
    let wide = x.as_dtype(wide)?;
    let step = if product {
        <T as num_traits::WrappingMul>::wrapping_mul
    } else {
        <T as num_traits::WrappingAdd>::wrapping_add
    };
    let out = f.fold(&wide.read::<T>().view(), chunk, init.get::<T>(), |s, r| {
        r.iter().fold(s, |s, e| step(&s, e))
    });
    Ok(Array::from_ndarray(out))
}

/// [`Fold::fold`] of a float or complex array with `step` per run.
fn floats<T: FloatAcc + Element>(
    f: &Fold,
    x: &Array,
    chunk: usize,
    init: Scalar,
    step: impl Fn(T, &[T]) -> T,
) -> Array {
    Array::from_ndarray(f.fold(&x.read::<T>().view(), chunk, init.get::<T>(), step))
}

/// `np.max` / `np.min` with `where=` / `initial=` / a tuple `axis=`.
///
/// # Errors
/// NumPy's `ValueError`s: a `where=` mask without `initial=`, an empty
/// selection without `initial=`.
pub(super) fn extreme(b: &Bound, a: &Array, max: bool) -> EvalResult<Value> {
    no_out(b)?;
    let f = Fold::parse(b, a)?;
    let name = if max { "maximum" } else { "minimum" };
    let init = match given(b, "initial") {
        Some(v) => Some(b.at("initial", initial_in(v, a.dtype()))?),
        None if f.masked() => {
            return Err(EvalError::value_error(format!(
                "reduction operation '{name}' does not have an identity, so to use a where mask one has to specify 'initial'"
            )));
        }
        None => None,
    };
    let out = match a.dtype() {
        DType::Float64 => extreme_in::<f64>(&f, a, init, float_step(max)),
        DType::Float32 => extreme_in::<f32>(&f, a, init, float_step(max)),
        DType::Complex128 => {
            let step = if max {
                cmath::max_step
            } else {
                cmath::min_step
            };
            extreme_in::<Complex128>(&f, a, init, step)
        }
        d => crate::dispatch!(d, T => extreme_in::<T>(&f, a, init, int_step::<T>(max))),
    };
    let out = out.ok_or_else(|| {
        EvalError::value_error(format!(
            "zero-size array to reduction operation {name} which has no identity"
        ))
    })?;
    Ok(wrap(out, true))
}

/// The extreme of each output element's selection (from `init` when
/// given); `None` when one has nothing to start from.
fn extreme_in<T: Element>(
    f: &Fold,
    a: &Array,
    init: Option<Scalar>,
    step: impl Fn(T, T) -> T,
) -> Option<Array> {
    let out: ArrayD<Option<T>> = f.fold(
        &a.read::<T>().view(),
        usize::MAX,
        init.map(Scalar::get::<T>),
        |m, r| r.iter().fold(m, |m, &e| Some(m.map_or(e, |m| step(m, e)))),
    );
    if out.iter().any(Option::is_none) {
        return None;
    }
    Some(Array::from_ndarray(out.mapv(|m| m.expect("checked"))))
}

/// NumPy's float `maximum`/`minimum` step: NaN wins, ties keep the first.
fn float_step<T: PartialOrd + Copy>(max: bool) -> impl Fn(T, T) -> T {
    #[allow(clippy::eq_op)] // NaN is the one value unequal to itself
    let nan = |x: T| x != x;
    move |m, e| {
        if nan(m) || nan(e) {
            if nan(m) { m } else { e }
        } else if (e > m) == max && e != m {
            e
        } else {
            m
        }
    }
}

/// The integer (and bool) step, in each type's i128 order.
fn int_step<T: Element>(max: bool) -> impl Fn(T, T) -> T {
    let key = |e: T| -> i128 {
        match e.to_scalar() {
            Scalar::UInt64(u) => i128::from(u),
            s => i128::from(s.get::<i64>()),
        }
    };
    move |m, e| {
        if (key(e) > key(m)) == max && key(e) != key(m) {
            e
        } else {
            m
        }
    }
}
