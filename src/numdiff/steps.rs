//! The geometric step sequences of numdifftools 0.11
//! (`step_generators.MaxStepGenerator` / `MinStepGenerator`).

use super::Method;

/// Steps `h[i][k]` (step `i`, component `k` of `x`) and the ratio between
/// successive steps.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Steps {
    pub h: Vec<Vec<f64>>,
    pub ratio: f64,
}

/// numdifftools' nominal step `max(log(e - 1 + |x|), 1)`: steps grow
/// slowly with `|x|` so that `x + h` still differs from `x`.
fn nominal_step(x: f64) -> f64 {
    (1.718281828459045 + x.abs()).ln().max(1.0)
}

/// `(h + 1) - 1`: a step whose `x + h` is exact near `x = 0`.
fn make_exact(h: f64) -> f64 {
    (h + 1.0) - 1.0
}

/// The fewest steps a rule of derivative order `n` needs
/// (`MinStepGenerator.min_num_steps`).
fn min_num_steps(n: usize, method: Method, method_order: usize) -> usize {
    let divisor = match method {
        Method::Central => 2,
        Method::Forward | Method::Backward => 1,
    };
    ((n + method_order).saturating_sub(1) / divisor).max(1)
}

/// The steps numdifftools uses for the `n`-th derivative at `x`.
///
/// Default (`step = None`, `MaxStepGenerator`): 15 steps
/// `h_i = 2 * nominal_step(x) * r^-i` with `r = 2` for `n = 1`, else 1.6.
/// Given a step (`MinStepGenerator(base_step=step, step_nom=1)`): the
/// fewest steps the rule needs, `h_i = step * r^i` for `i = k-1, …, 0`, with
/// `step` and `r` rounded by [`make_exact`].
pub(crate) fn steps(
    x: &[f64],
    n: usize,
    method: Method,
    method_order: usize,
    step: Option<f64>,
) -> Steps {
    let ratio = if n == 1 { 2.0 } else { 1.6 };
    let min_steps = min_num_steps(n, method, method_order);
    let keep = |h: &Vec<f64>| h.iter().all(|v| v.abs() > 0.0);
    match step {
        None => {
            let base: Vec<f64> = x.iter().map(|&xk| 2.0 * nominal_step(xk)).collect();
            let h = (0..min_steps.max(15))
                .map(|i| {
                    let scale = f64::powf(ratio, -(i as f64));
                    base.iter().map(|b| b * scale).collect()
                })
                .filter(keep)
                .collect();
            Steps { h, ratio }
        }
        Some(step) => {
            let base = make_exact(step);
            let ratio = make_exact(ratio);
            let h = (0..min_steps)
                .rev()
                .map(|i| vec![base * ratio.powf(i as f64); x.len()])
                .filter(keep)
                .collect();
            Steps {
                h,
                ratio: ratio.abs(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_steps_start_at_twice_the_nominal_step() {
        let s = steps(&[0.0, 10.0], 1, Method::Central, 2, None);
        assert_eq!(s.h.len(), 15);
        assert_eq!(s.ratio, 2.0);
        assert_eq!(s.h[0][0], 2.0);
        assert_eq!(s.h[0][1], 2.0 * (11.718281828459045f64).ln());
        assert_eq!(s.h[14][0], 2.0 / 16384.0);
    }

    #[test]
    fn given_step_is_made_exact() {
        let s = steps(&[1.0], 1, Method::Central, 2, Some(1e-3));
        assert_eq!(s.h, vec![vec![(1e-3 + 1.0) - 1.0]]);
        // forward, n=2, order 2: 3 steps, largest first
        let s = steps(&[1.0], 2, Method::Forward, 2, Some(0.5));
        let r = (1.6f64 + 1.0) - 1.0;
        assert_eq!(s.h, vec![vec![0.5 * r.powf(2.0)], vec![0.5 * r], vec![0.5]]);
    }
}
