//! Order statistics (issue 13): `percentile`, `quantile` (medians are in
//! `medians.rs`): each lane sorted (NaN last, which makes the result NaN), then, for NumPy's
//! default 'linear' method, `_lerp` between the neighbours of the virtual
//! index `(n - 1) * q`; the other `method=`s move the index ('hazen',
//! 'weibull', ...), fix the weight ('midpoint') or take an element
//! ('lower', 'higher', 'nearest', in the input's dtype).

use ndarray::Axis;

use crate::array::{Array, DType, lerp};

use super::super::args::Bound;
use super::super::convert::{to_array, truthy, wrap};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home, medians, nanfuncs};

builtins! { ORDER_STATS;
    "percentile", Numpy, percentile, "percentile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False)",
        "The q-th percentiles (0..100): linear interpolation between sorted values, or method='lower', 'higher', 'nearest', 'midpoint', 'hazen', ...",
        "np.percentile(np.array([1., 2., 3., 4.]), [25, 50, 90])";
    "quantile", Numpy, percentile, "quantile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False)",
        "The q-th quantiles (0..1): linear interpolation between sorted values, or method='lower', 'higher', 'nearest', 'midpoint', 'hazen', ...",
        "np.quantile(np.arange(10), 0.25)";
    "nanpercentile", Numpy, percentile, "nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=<no value>)",
        "The q-th percentiles (0..100) of the non-NaN values (NaN and a warning for an all-NaN slice).",
        "np.nanpercentile(np.array([[1., np.nan], [3., 4.]]), 50, axis=0)";
    "nanquantile", Numpy, percentile, "nanquantile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=<no value>)",
        "The q-th quantiles (0..1) of the non-NaN values (NaN and a warning for an all-NaN slice).",
        "np.nanquantile(np.array([np.nan, 3., 1., 2.]), 0.5)";
}

/// NumPy's sort order: NaN last.
fn sort_nan_last(v: &mut [f64]) {
    v.sort_by(|x, y| {
        x.partial_cmp(y)
            .unwrap_or_else(|| x.is_nan().cmp(&y.is_nan()))
    });
}

/// The lanes of `a` (as float64 values, each sorted, NaN last) along
/// `axis`, or of all elements; with the shape of the reduced result.
fn sorted_lanes(a: &Array, axis: Option<usize>) -> EvalResult<(Vec<Vec<f64>>, Vec<usize>)> {
    let x = a.as_dtype(DType::Float64)?;
    let r = x.read::<f64>();
    let v = r.view();
    let (mut lanes, shape): (Vec<Vec<f64>>, Vec<usize>) = match axis {
        None => (vec![v.iter().copied().collect()], vec![]),
        Some(k) => {
            let mut shape = a.shape().to_vec();
            shape.remove(k);
            let moved = v.view().permuted_axes(
                (0..a.ndim())
                    .filter(|&d| d != k)
                    .chain([k])
                    .collect::<Vec<_>>(),
            );
            let lanes = moved
                .lanes(Axis(a.ndim() - 1))
                .into_iter()
                .map(|l| l.iter().copied().collect())
                .collect();
            (lanes, shape)
        }
    };
    lanes.iter_mut().for_each(|l| sort_nan_last(l));
    Ok((lanes, shape))
}

/// The sorted lanes of `a` along the call's `axis=` (one axis, or a tuple
/// merged into one as `_ureduce` does), with the result's shape (the
/// reduced axes kept as length 1 for `keepdims=True`).
fn reduced_lanes(b: &Bound, a: &Array) -> EvalResult<(Vec<Vec<f64>>, Vec<usize>)> {
    let (x, axis, axes) = medians::ureduce(b, a)?;
    let (lanes, shape) = sorted_lanes(&x, axis)?;
    let keep = b.opt("keepdims").map(truthy).transpose()?.unwrap_or(false);
    if !keep {
        return Ok((lanes, shape));
    }
    let kept = (0..a.ndim())
        .map(|i| match &axes {
            Some(ax) if !ax.contains(&i) => a.shape()[i],
            _ => 1,
        })
        .collect();
    Ok((lanes, kept))
}

/// NumPy's `method=` of `quantile`/`percentile`: how the virtual index
/// `(n - 1) * q` (or `n * q + alpha + q * (1 - alpha - beta) - 1`) becomes
/// a value.
#[derive(Clone, Copy, PartialEq)]
enum Method {
    /// Interpolation between the neighbours, with (alpha, beta).
    Continuous(f64, f64),
    Linear,
    Lower,
    Higher,
    Nearest,
    Midpoint,
}

const METHODS: &str = "'inverted_cdf', 'averaged_inverted_cdf', 'closest_observation', 'interpolated_inverted_cdf', 'hazen', 'weibull', 'linear', 'median_unbiased', 'normal_unbiased', 'lower', 'higher', 'midpoint', 'nearest'";

impl Method {
    fn parse(v: Option<&Value>) -> EvalResult<Method> {
        let name = match v {
            None => return Ok(Method::Linear),
            Some(Value::Str(s)) => s.to_string(),
            Some(other) => other.to_string(),
        };
        Ok(match name.as_str() {
            "linear" => Method::Linear,
            "lower" => Method::Lower,
            "higher" => Method::Higher,
            "nearest" => Method::Nearest,
            "midpoint" => Method::Midpoint,
            "interpolated_inverted_cdf" => Method::Continuous(0.0, 1.0),
            "hazen" => Method::Continuous(0.5, 0.5),
            "weibull" => Method::Continuous(0.0, 0.0),
            "median_unbiased" => Method::Continuous(1.0 / 3.0, 1.0 / 3.0),
            "normal_unbiased" => Method::Continuous(3.0 / 8.0, 3.0 / 8.0),
            "inverted_cdf" | "averaged_inverted_cdf" | "closest_observation" => {
                return Err(EvalError::new(
                    ErrorKind::NotImplementedError,
                    format!("gradlab's percentile/quantile have no method='{name}' yet"),
                ));
            }
            _ => {
                return Err(EvalError::value_error(format!(
                    "'{name}' is not a valid method. Use one of: dict_keys([{METHODS}])"
                )));
            }
        })
    }

    /// Whether the result is one of the elements (in the input's dtype).
    fn picks_element(self) -> bool {
        matches!(self, Method::Lower | Method::Higher | Method::Nearest)
    }
}

/// The quantile `q` (0..1) of a sorted lane (NaN last) by `method`.
fn quantile_lane(v: &[f64], q: f64, method: Method) -> f64 {
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    if v[n - 1].is_nan() {
        return f64::NAN;
    }
    let last = n as f64 - 1.0;
    let pick = |i: f64| v[i.clamp(0.0, last) as usize];
    let virt = match method {
        Method::Lower => return pick((last * q).floor()),
        Method::Higher => return pick((last * q).ceil()),
        Method::Nearest => return pick((last * q).round_ties_even()),
        Method::Continuous(alpha, beta) => n as f64 * q + (alpha + q * (1.0 - alpha - beta)) - 1.0,
        Method::Linear | Method::Midpoint => last * q,
    };
    let (mut prev, mut next) = (virt.floor() as i64, virt.floor() as i64 + 1);
    if virt >= last {
        (prev, next) = (-1, -1);
    }
    if virt < 0.0 {
        (prev, next) = (0, 0);
    }
    let at = |i: i64| {
        v[if i < 0 {
            (n as i64 + i) as usize
        } else {
            i as usize
        }]
    };
    let mut gamma = virt - prev as f64;
    if method == Method::Midpoint && gamma != 0.0 {
        gamma = 0.5;
    }
    lerp(at(prev), at(next), gamma)
}

/// `np.percentile`, `np.quantile` and their nan-twins `np.nanpercentile`,
/// `np.nanquantile` (each lane's NaNs left out; an all-NaN lane is NaN
/// with NumPy's warning; an empty array is `np.nanmean`'s, as NumPy
/// returns it before looking at `q`).
pub fn percentile(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let name = b.sig.name.as_str();
    let (is_pct, skip_nan) = (name.ends_with("percentile"), name.starts_with("nan"));
    let a = b.at("a", to_array(b.req("a")))?;
    let qv = b.req("q");
    let q = b.at("q", to_array(qv))?;
    let method = Method::parse(b.opt("method"))?;
    let qs: Vec<f64> = q
        .to_f64_vec()
        .into_iter()
        .map(|x| if is_pct { x / 100.0 } else { x })
        .collect();
    if qs.iter().any(|x| !(0.0..=1.0).contains(x)) {
        return Err(EvalError::value_error(match is_pct {
            true => "Percentiles must be in the range [0, 100]",
            false => "Quantiles must be in the range [0, 1]",
        }));
    }
    if skip_nan && a.is_empty() {
        return nanfuncs::nanmean_of(s, b, a);
    }
    let (mut lanes, shape) = reduced_lanes(b, &a)?;
    if skip_nan {
        // Sorted NaN last: the NaN-free values are a prefix.
        lanes
            .iter_mut()
            .for_each(|l| l.truncate(l.iter().take_while(|x| !x.is_nan()).count()));
        if lanes.iter().any(Vec::is_empty) {
            nanfuncs::all_nan_warning()?;
        }
    }
    let mut out_shape = q.shape().to_vec();
    out_shape.extend(shape);
    let vals: Vec<f64> = qs
        .iter()
        .flat_map(|&p| lanes.iter().map(move |l| quantile_lane(l, p, method)))
        .collect();
    let out = Array::from_vec(&out_shape, vals)?;
    // The discrete methods take an element: the input's dtype stays.
    let out = match method.picks_element() && a.dtype() != DType::Float64 {
        true => out.astype(a.dtype())?,
        false => out,
    };
    Ok(wrap(out, true))
}
