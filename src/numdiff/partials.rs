//! Derivatives along each coordinate: the engine behind [`derivative`],
//! [`gradient`] and [`jacobian`] (numdifftools' `Derivative` and `Jacobian`,
//! which differ only in which function values they sample).
//!
//! [`derivative`]: super::derivative
//! [`gradient`]: super::gradient
//! [`jacobian`]: super::jacobian

use super::error::NumDiffError;
use super::extrapolate::{apply_fd_rule, best_estimate};
use super::probe::{Sampler, minus, plus, zip};
use super::rules::{LogRule, Richardson};
use super::steps::steps;
use super::{DerivativeOptions, Estimate, Method};

/// `d^n f_o / d x_k^n` for every output `o` and coordinate `k`, as
/// `[o][k]`. `always_fx` evaluates `f(x)` first even when the difference
/// does not need it (numdifftools' `Jacobian` does).
pub(crate) fn partials<E>(
    s: &mut Sampler<'_, E>,
    x: &[f64],
    opts: &DerivativeOptions,
    n: usize,
    always_fx: bool,
) -> Result<Vec<Vec<Estimate>>, NumDiffError<E>> {
    let rule = LogRule {
        n,
        method: opts.method,
        order: opts.order,
    };
    let steps = steps(x, n, opts.method, rule.method_order(), opts.step);
    let fx = if always_fx || rule.needs_fx() {
        Some(s.eval_at_x(x)?)
    } else {
        None
    };
    let fx = || {
        fx.as_deref()
            .expect("f(x) is evaluated when the rule needs it")
    };
    let even = n.is_multiple_of(2);
    // d[i][k][o]: difference of output o along coordinate k at step i.
    let mut d = Vec::with_capacity(steps.h.len());
    for h in &steps.h {
        let mut row = Vec::with_capacity(x.len());
        for (k, &hk) in h.iter().enumerate() {
            let dist = hk.abs();
            let diff = match opts.method {
                Method::Central => {
                    let p = s.eval(&plus(x, k, hk), dist, &[k])?;
                    let m = s.eval(&minus(x, k, hk), dist, &[k])?;
                    if even {
                        zip(&zip(&p, &m, |a, b| (a + b) / 2.0), fx(), |v, f| v - f)
                    } else {
                        zip(&p, &m, |a, b| (a - b) / 2.0)
                    }
                }
                Method::Forward => zip(&s.eval(&plus(x, k, hk), dist, &[k])?, fx(), |a, f| a - f),
                Method::Backward => zip(fx(), &s.eval(&minus(x, k, hk), dist, &[k])?, |f, b| f - b),
            };
            row.push(diff);
        }
        d.push(row);
    }
    let w = rule.weights(steps.ratio);
    if w.len() > steps.h.len() {
        return Err(NumDiffError::Invalid(format!(
            "num_steps ({}) must be larger than ({}) n + order - 1 = {} + {} - 1 ({})",
            steps.h.len(),
            w.len(),
            n,
            opts.order,
            opts.method.name()
        )));
    }
    let rich = Richardson {
        step_ratio: steps.ratio,
        step: rule.richardson_step(),
        order: rule.method_order(),
        num_terms: 2,
    };
    (0..s.outputs())
        .map(|o| {
            (0..x.len())
                .map(|k| {
                    let f_del: Vec<f64> = d.iter().map(|row| row[k][o]).collect();
                    let h: Vec<f64> = steps.h.iter().map(|hi| hi[k]).collect();
                    let der = apply_fd_rule(&f_del, &h, &w, n);
                    s.check(best_estimate(&der, &h[..der.len()], &rich), k, x)
                })
                .collect()
        })
        .collect()
}
