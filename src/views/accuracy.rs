//! `accuracy(f, a, b, exact=df)`: how the error of `np.gradient` at the
//! edges and in the interior shrinks as the grid is refined, for
//! `edge_order` 1 and 2, with the observed order of accuracy.

use std::time::Instant;

use serde_json::{Value, json};

use super::numfmt::json_num;
use crate::array::Array;
use crate::engine::{EdgeOrder, Error, GradientArgs, gradient};

/// A user function of one variable (the evaluator wraps Python callables).
pub type Fun<'a> = dyn FnMut(f64) -> Result<f64, String> + 'a;

/// Why an accuracy table could not be built.
#[derive(Clone, Debug, PartialEq)]
pub enum AccuracyError {
    /// The user's function (or `exact`) failed; the evaluator's message.
    Function(String),
    /// The engine rejected the call.
    Engine(Error),
    /// Bad arguments, e.g. `a >= b` or fewer than 3 points.
    Value(String),
}

/// Where to sample and what to time.
#[derive(Clone, Debug, PartialEq)]
pub struct AccuracySpec {
    pub a: f64,
    pub b: f64,
    /// Grid sizes, each usually twice the previous.
    pub ns: Vec<usize>,
    /// Array length for the timing line; 0 skips timing.
    pub timing_len: usize,
}

impl AccuracySpec {
    /// The classroom default: n = 10, 20, 40, 80, 160 and timing on 10^6 points.
    pub fn new(a: f64, b: f64) -> AccuracySpec {
        AccuracySpec {
            a,
            b,
            ns: vec![10, 20, 40, 80, 160],
            timing_len: 1_000_000,
        }
    }
}

/// Errors of one grid for one edge order.
#[derive(Clone, Debug, PartialEq)]
pub struct AccuracyRow {
    pub edge_order: EdgeOrder,
    pub n: usize,
    pub h: f64,
    /// max |g − f'| over the two end points.
    pub edge_error: f64,
    /// max |g − f'| over the interior points.
    pub interior_error: f64,
    /// Observed orders against the previous (coarser) row:
    /// log(e_coarse / e_fine) / log(h_coarse / h_fine).
    pub edge_order_obs: Option<f64>,
    pub interior_order_obs: Option<f64>,
}

/// Measured cost of one `np.gradient` call.
#[derive(Clone, Debug, PartialEq)]
pub struct Timing {
    pub edge_order: EdgeOrder,
    pub len: usize,
    /// Best of several runs, seconds per call.
    pub seconds: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Accuracy {
    pub a: f64,
    pub b: f64,
    /// `exact f'` or `numerical f' (Richardson)`.
    pub reference: String,
    pub rows: Vec<AccuracyRow>,
    pub timings: Vec<Timing>,
}

/// f'(x) by numdifftools-style adaptive central differences
/// ([`crate::numdiff::derivative`]), the reference when no exact derivative
/// is given.
fn numerical_derivative(f: &mut Fun, x: f64) -> Result<f64, String> {
    crate::numdiff::derivative(f, x, &crate::numdiff::DerivativeOptions::default())
        .map(|e| e.value)
        .map_err(|e| e.to_string())
}

/// Samples `f` on `n` equally spaced points of `[a, b]` for each `n` in
/// `spec.ns`, takes `np.gradient(y, h, edge_order=k)` for k = 1, 2 and
/// tabulates the largest error against `exact` (or, without it, against
/// [`numerical_derivative`]) at the two edges and in the interior.
///
/// # Errors
/// [`AccuracyError::Value`] for `a >= b`, non-finite bounds or `n < 3`;
/// the function's or the engine's error otherwise.
pub fn accuracy(
    f: &mut Fun,
    exact: Option<&mut Fun>,
    spec: &AccuracySpec,
) -> Result<Accuracy, AccuracyError> {
    let (a, b) = (spec.a, spec.b);
    if !(a.is_finite() && b.is_finite() && a < b) {
        return Err(AccuracyError::Value(format!(
            "accuracy needs finite a < b, got a = {a}, b = {b}"
        )));
    }
    if let Some(&n) = spec.ns.iter().find(|&&n| n < 3) {
        return Err(AccuracyError::Value(format!(
            "accuracy needs at least 3 points per grid, got n = {n}"
        )));
    }
    let reference = if exact.is_some() {
        "exact f'"
    } else {
        "numerical f' (adaptive central differences, as numdifftools)"
    };
    let mut exact = exact;
    let mut rows = Vec::new();
    for edge_order in [EdgeOrder::FIRST, EdgeOrder::SECOND] {
        let mut prev: Option<AccuracyRow> = None;
        for &n in &spec.ns {
            let h = (b - a) / (n - 1) as f64;
            let xs: Vec<f64> = (0..n).map(|i| a + i as f64 * h).collect();
            let ys = xs.iter().map(|&x| f(x)).collect::<Result<Vec<_>, _>>();
            let ys = ys.map_err(AccuracyError::Function)?;
            let truth = xs
                .iter()
                .map(|&x| match exact.as_deref_mut() {
                    Some(df) => df(x),
                    None => numerical_derivative(f, x),
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(AccuracyError::Function)?;
            let args = GradientArgs {
                varargs: vec![Array::scalar_f64(h)],
                edge_order,
                ..GradientArgs::default()
            };
            let g = gradient(&Array::from_f64(ys), &args)
                .map_err(AccuracyError::Engine)?
                .into_single()
                .expect("1-D gradient is one array")
                .to_f64_vec();
            let err: Vec<f64> = g.iter().zip(&truth).map(|(g, t)| (g - t).abs()).collect();
            let edge_error = err[0].max(err[n - 1]);
            let interior_error = err[1..n - 1].iter().copied().fold(0.0, f64::max);
            let order = |coarse: f64, fine: f64, hc: f64| {
                (coarse > 0.0 && fine > 0.0).then(|| (coarse / fine).ln() / (hc / h).ln())
            };
            let row = AccuracyRow {
                edge_order,
                n,
                h,
                edge_error,
                interior_error,
                edge_order_obs: prev
                    .as_ref()
                    .and_then(|p| order(p.edge_error, edge_error, p.h)),
                interior_order_obs: prev
                    .as_ref()
                    .and_then(|p| order(p.interior_error, interior_error, p.h)),
            };
            prev = Some(row.clone());
            rows.push(row);
        }
    }
    let timings = if spec.timing_len >= 3 {
        time_edge_orders(spec.timing_len).map_err(AccuracyError::Engine)?
    } else {
        Vec::new()
    };
    Ok(Accuracy {
        a,
        b,
        reference: reference.into(),
        rows,
        timings,
    })
}

/// Best-of-5 seconds per `np.gradient` call on `len` points of sin(x), for
/// edge_order 1 and 2.
///
/// # Errors
/// The engine's error (e.g. a MemoryError for a huge `len`).
pub fn time_edge_orders(len: usize) -> Result<Vec<Timing>, Error> {
    let y = Array::from_f64((0..len).map(|i| (i as f64 * 1e-3).sin()).collect());
    [EdgeOrder::FIRST, EdgeOrder::SECOND]
        .into_iter()
        .map(|edge_order| {
            let args = GradientArgs {
                varargs: vec![Array::scalar_f64(1e-3)],
                edge_order,
                ..GradientArgs::default()
            };
            let mut best = f64::INFINITY;
            for _ in 0..5 {
                let t = Instant::now();
                std::hint::black_box(gradient(&y, &args)?);
                best = best.min(t.elapsed().as_secs_f64());
            }
            Ok(Timing {
                edge_order,
                len,
                seconds: best,
            })
        })
        .collect()
}

impl Accuracy {
    /// The numbers shown, for `--json`.
    pub fn to_json(&self) -> Value {
        let opt = |o: Option<f64>| o.map_or(Value::Null, json_num);
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|r| {
                json!({"edge_order": r.edge_order.value(), "n": r.n, "h": json_num(r.h),
                    "edge_error": json_num(r.edge_error), "interior_error": json_num(r.interior_error),
                    "edge_order_observed": opt(r.edge_order_obs),
                    "interior_order_observed": opt(r.interior_order_obs)})
            })
            .collect();
        let timings: Vec<Value> = self
            .timings
            .iter()
            .map(
                |t| json!({"edge_order": t.edge_order.value(), "len": t.len, "seconds": t.seconds}),
            )
            .collect();
        json!({"a": self.a, "b": self.b, "reference": self.reference, "rows": rows,
            "timings": timings})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_errors_propagate() {
        let spec = AccuracySpec {
            timing_len: 0,
            ..AccuracySpec::new(0.0, 1.0)
        };
        let r = accuracy(
            &mut |_| Err("ZeroDivisionError: division by zero".into()),
            None,
            &spec,
        );
        assert_eq!(
            r,
            Err(AccuracyError::Function(
                "ZeroDivisionError: division by zero".into()
            ))
        );
        let bad = AccuracySpec {
            timing_len: 0,
            ..AccuracySpec::new(1.0, 1.0)
        };
        assert!(matches!(
            accuracy(&mut |x| Ok(x), None, &bad),
            Err(AccuracyError::Value(_))
        ));
    }
}
