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
    /// Grids of `ns` points on `[a, b]`, timing on 10^6 points.
    pub fn new(a: f64, b: f64, ns: Vec<usize>) -> AccuracySpec {
        AccuracySpec {
            a,
            b,
            ns,
            timing_len: 1_000_000,
        }
    }
}

/// An error within this factor of the rounding floor is roundoff: refining
/// the grid no longer shrinks it, so no order is read from it.
pub const ROUNDOFF_FACTOR: f64 = 100.0;

/// The observed order of accuracy of one grid against the previous
/// (coarser) one: log(e_coarse / e_fine) / log(h_coarse / h_fine).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Observed {
    /// The first grid, above roundoff: nothing to compare with.
    First,
    Order(f64),
    /// This grid's error, or the coarser grid's, is at roundoff level
    /// (within [`ROUNDOFF_FACTOR`] of [`AccuracyRow::roundoff`]; zero
    /// included): no order can be read from it.
    Roundoff,
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
    /// What floating-point rounding alone can cause on this grid: the
    /// stencils' rounding, 4·eps·max|f|/h, plus the reference's own
    /// (eps·max|f'|, or numdifftools' error estimate).
    pub roundoff: f64,
    pub edge_order_obs: Observed,
    pub interior_order_obs: Observed,
}

impl AccuracyRow {
    fn at_roundoff(&self, error: f64) -> bool {
        error <= ROUNDOFF_FACTOR * self.roundoff
    }
}

/// The order from `coarse` to `fine` for the errors `pick` selects.
fn observed(
    coarse: Option<&AccuracyRow>,
    fine: &AccuracyRow,
    pick: fn(&AccuracyRow) -> f64,
) -> Observed {
    if fine.at_roundoff(pick(fine)) {
        return Observed::Roundoff;
    }
    match coarse {
        None => Observed::First,
        Some(c) if c.at_roundoff(pick(c)) => Observed::Roundoff,
        Some(c) => Observed::Order((pick(c) / pick(fine)).ln() / (c.h / fine.h).ln()),
    }
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
/// is given, with its error estimate.
fn numerical_derivative(f: &mut Fun, x: f64) -> Result<(f64, f64), String> {
    crate::numdiff::derivative(f, x, &crate::numdiff::DerivativeOptions::default())
        .map(|e| (e.value, e.error))
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
            // The true derivative and how far rounding may put it off.
            let truth = xs
                .iter()
                .map(|&x| match exact.as_deref_mut() {
                    Some(df) => df(x).map(|d| (d, f64::EPSILON * d.abs())),
                    None => numerical_derivative(f, x),
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(AccuracyError::Function)?;
            let reference_error = truth.iter().map(|t| t.1).fold(0.0, f64::max);
            let truth: Vec<f64> = truth.into_iter().map(|t| t.0).collect();
            let max_f = ys.iter().map(|y| y.abs()).fold(0.0, f64::max);
            let roundoff = 4.0 * f64::EPSILON * max_f / h + reference_error;
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
            let mut row = AccuracyRow {
                edge_order,
                n,
                h,
                edge_error,
                interior_error,
                roundoff,
                edge_order_obs: Observed::First,
                interior_order_obs: Observed::First,
            };
            row.edge_order_obs = observed(prev.as_ref(), &row, |r| r.edge_error);
            row.interior_order_obs = observed(prev.as_ref(), &row, |r| r.interior_error);
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
        let opt = |o: Observed| match o {
            Observed::First => Value::Null,
            Observed::Order(x) => json_num(x),
            Observed::Roundoff => json!("roundoff"),
        };
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|r| {
                json!({"edge_order": r.edge_order.value(), "n": r.n, "h": json_num(r.h),
                    "edge_error": json_num(r.edge_error), "interior_error": json_num(r.interior_error),
                    "roundoff": json_num(r.roundoff),
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

    fn orders(a: &Accuracy, eo: EdgeOrder) -> Vec<(Observed, Observed)> {
        a.rows
            .iter()
            .filter(|r| r.edge_order == eo)
            .map(|r| (r.edge_order_obs, r.interior_order_obs))
            .collect()
    }

    #[test]
    fn exact_stencils_are_roundoff_not_an_order() {
        // Central and second-order one-sided differences are exact for a
        // quadratic: what is left is rounding, from which no order is read.
        let spec = AccuracySpec {
            timing_len: 0,
            ..AccuracySpec::new(0.0, 3.0, vec![10, 20, 40, 80])
        };
        let a = accuracy(&mut |x| Ok(x * x + 1.0), Some(&mut |x| Ok(2.0 * x)), &spec).unwrap();
        for (edge, interior) in orders(&a, EdgeOrder::SECOND) {
            assert_eq!((edge, interior), (Observed::Roundoff, Observed::Roundoff));
        }
        // First-order edges are not exact: their order is observed, ≈ 1.
        for (edge, interior) in orders(&a, EdgeOrder::FIRST).into_iter().skip(1) {
            assert!(
                matches!(edge, Observed::Order(o) if (o - 1.0).abs() < 0.1),
                "{edge:?}"
            );
            assert_eq!(interior, Observed::Roundoff);
        }
    }

    #[test]
    fn smooth_functions_show_their_orders() {
        let spec = AccuracySpec {
            timing_len: 0,
            ..AccuracySpec::new(0.0, 1.0, vec![10, 20, 40, 80, 160])
        };
        let a = accuracy(&mut |x| Ok(x.exp()), Some(&mut |x| Ok(x.exp())), &spec).unwrap();
        for eo in [EdgeOrder::FIRST, EdgeOrder::SECOND] {
            let o = orders(&a, eo);
            assert_eq!(o[0], (Observed::First, Observed::First));
            for (edge, interior) in &o[1..] {
                let want = f64::from(eo.edge_accuracy());
                assert!(matches!(edge, Observed::Order(x) if (x - want).abs() < 0.1));
                assert!(matches!(interior, Observed::Order(x) if (x - 2.0).abs() < 0.1));
            }
        }
    }

    #[test]
    fn function_errors_propagate() {
        let spec = AccuracySpec {
            timing_len: 0,
            ..AccuracySpec::new(0.0, 1.0, vec![10, 20, 40, 80, 160])
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
            ..AccuracySpec::new(1.0, 1.0, vec![10, 20])
        };
        assert!(matches!(
            accuracy(&mut |x| Ok(x), None, &bad),
            Err(AccuracyError::Value(_))
        ));
    }
}
