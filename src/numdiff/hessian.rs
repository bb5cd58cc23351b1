//! The Hessian of a scalar function of a vector (numdifftools'
//! `Hessian`, `HessianDifferenceFunctions` of Ridout (2009)).

use super::error::NumDiffError;
use super::extrapolate::best_estimate;
use super::probe::Sampler;
use super::rules::{LogRule, Richardson};
use super::steps::steps;
use super::{DerivativeOptions, Estimate, Method};

/// `x + a e_i + b e_j` with `e_k` the step vector along coordinate `k`,
/// added term by term as NumPy does.
fn offset(x: &[f64], terms: &[(usize, f64)]) -> Vec<f64> {
    let mut p = x.to_vec();
    for &(k, hk) in terms {
        for (j, v) in p.iter_mut().enumerate() {
            *v += if j == k { hk } else { 0.0 };
        }
    }
    p
}

/// Second partial derivatives `[i][j]`, each extrapolated on its own.
///
/// Central (default, order 2):
/// `H_ii = (f(x + 2h_i e_i) - 2 f(x) + f(x - 2h_i e_i)) / (4 h_i²)` and
/// `H_ij = (f(x+e_i+e_j) - f(x+e_i-e_j) - f(x-e_i+e_j) + f(x-e_i-e_j)) / (4 h_i h_j)`;
/// forward (order 1): `H_ij = (f(x+e_i+e_j) - f(x+e_i) - f(x+e_j) + f(x)) / (h_i h_j)`;
/// backward: forward with `-h`. `opts.n` and `opts.order` are ignored,
/// as in numdifftools.
pub(crate) fn hessian_estimates<E>(
    s: &mut Sampler<'_, E>,
    x: &[f64],
    opts: &DerivativeOptions,
) -> Result<Vec<Vec<Estimate>>, NumDiffError<E>> {
    let n = x.len();
    let order = match opts.method {
        Method::Central => 2,
        Method::Forward | Method::Backward => 1,
    };
    let rule = LogRule {
        n: 2,
        method: opts.method,
        order,
    };
    let steps = steps(x, 2, opts.method, rule.method_order(), opts.step);
    let fx = scalar(s.eval_at_x(x)?, s, x)?;
    let slot = |i: usize, j: usize| [i * n + j, j * n + i];
    // hess[t][i][j] at step t.
    let mut hess = Vec::with_capacity(steps.h.len());
    for h in &steps.h {
        let mut m = vec![vec![0.0; n]; n];
        match opts.method {
            Method::Central => {
                for i in 0..n {
                    let dist = 2.0 * h[i].abs();
                    let fp = s.eval(&offset(x, &[(i, 2.0 * h[i])]), dist, &slot(i, i))?;
                    let fp = scalar(fp, s, x)?;
                    let fm = s.eval(&offset(x, &[(i, -2.0 * h[i])]), dist, &slot(i, i))?;
                    let fm = scalar(fm, s, x)?;
                    m[i][i] = (fp - 2.0 * fx + fm) / (4.0 * (h[i] * h[i]));
                    for j in i + 1..n {
                        let dist = h[i].abs().max(h[j].abs());
                        let mut at = |a: f64, b: f64| -> Result<f64, NumDiffError<E>> {
                            let v = s.eval(&offset(x, &[(i, a), (j, b)]), dist, &slot(i, j))?;
                            scalar(v, s, x)
                        };
                        let (hi, hj) = (h[i], h[j]);
                        let num = at(hi, hj)? - at(hi, -hj)? - at(-hi, hj)? + at(-hi, -hj)?;
                        m[i][j] = num / (4.0 * (hj * hi));
                        m[j][i] = m[i][j];
                    }
                }
            }
            Method::Forward | Method::Backward => {
                let sign = if opts.method == Method::Forward {
                    1.0
                } else {
                    -1.0
                };
                let e: Vec<f64> = h.iter().map(|v| sign * v).collect();
                let mut g = Vec::with_capacity(n);
                for (i, &ei) in e.iter().enumerate() {
                    // f(x + e_i) enters row i and column i.
                    let slots: Vec<usize> = (0..n).flat_map(|j| slot(i, j)).collect();
                    let v = s.eval(&offset(x, &[(i, ei)]), ei.abs(), &slots)?;
                    g.push(scalar(v, s, x)?);
                }
                for i in 0..n {
                    for j in i..n {
                        let dist = e[i].abs().max(e[j].abs());
                        let v = s.eval(&offset(x, &[(i, e[i]), (j, e[j])]), dist, &slot(i, j))?;
                        let fij = scalar(v, s, x)?;
                        m[i][j] = (fij - g[i] - g[j] + fx) / (e[j] * e[i]);
                        m[j][i] = m[i][j];
                    }
                }
            }
        }
        hess.push(m);
    }
    let rich = Richardson {
        step_ratio: steps.ratio,
        step: rule.richardson_step(),
        order: rule.method_order(),
        num_terms: 2,
    };
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let seq: Vec<f64> = hess.iter().map(|m| m[i][j]).collect();
                    // numdifftools pairs entry (i, j) with the step along j.
                    let h: Vec<f64> = steps.h.iter().map(|hs| hs[j]).collect();
                    s.check(best_estimate(&seq, &h, &rich), i * n + j, x)
                })
                .collect()
        })
        .collect()
}

/// The single value of a scalar function.
fn scalar<E>(v: Vec<f64>, s: &Sampler<'_, E>, x: &[f64]) -> Result<f64, NumDiffError<E>> {
    match v.as_slice() {
        [value] => Ok(*value),
        _ => Err(NumDiffError::Shape {
            x: s.point(x),
            expected: 1,
            found: v.len(),
        }),
    }
}
