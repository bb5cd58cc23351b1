//! The finite-difference and Richardson rules of numdifftools 0.11
//! (`finite_difference.LogRule`, `extrapolation.Richardson`): weights that
//! combine differences taken at a geometric sequence of steps.

use super::Method;

/// How a derivative of order `n` is differenced: `LogRule(n, method, order)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LogRule {
    pub n: usize,
    pub method: Method,
    pub order: usize,
}

impl LogRule {
    /// Exponent step of the truncation-error series: central differences
    /// cancel every other power of `h` (`richardson_step`).
    pub fn richardson_step(&self) -> usize {
        match self.method {
            Method::Central => 2,
            Method::Forward | Method::Backward => 1,
        }
    }

    /// Leading order of the truncation error, rounded to a multiple of the
    /// step and at least one step (`method_order`).
    pub fn method_order(&self) -> usize {
        let step = self.richardson_step();
        ((self.order / step) * step).max(step)
    }

    /// Whether the difference needs `f(x)`: even central derivatives and
    /// one-sided ones (`eval_first_condition`).
    pub fn needs_fx(&self) -> bool {
        match self.method {
            Method::Central => self.n.is_multiple_of(2),
            Method::Forward | Method::Backward => true,
        }
    }

    /// Weights `w` such that `sum_j w[j] * d(h_{i+j}) / h_i^n` estimates the
    /// derivative, where `d(h)` is the basic difference at step `h` and
    /// `h_{i+1} = h_i / step_ratio` (`LogRule.rule`).
    pub fn weights(&self, step_ratio: f64) -> Vec<f64> {
        if self.n == 0 {
            return vec![1.0];
        }
        let step_ratio = (step_ratio + 1.0) - 1.0;
        let order = self.n - 1;
        let step = self.richardson_step();
        // parity 0: all powers of h; 1: odd powers only; 2: even powers only.
        let parity = match self.method {
            Method::Central => order % 2 + 1,
            Method::Forward | Method::Backward => 0,
        };
        let num_terms = (order + self.method_order()) / step;
        let inverse = invert(&fd_matrix(step_ratio, parity, num_terms));
        let row = &inverse[order / step];
        let flip = self.method == Method::Backward && self.n.is_multiple_of(2);
        row.iter().map(|&w| if flip { -w } else { w }).collect()
    }
}

/// Taylor matrix `M[i][j] = c_j * step_ratio^-(i * (step*j + offset))`
/// with `c_j = 1 / (step*j + offset)!` (`LogRule._fd_matrix`).
fn fd_matrix(step_ratio: f64, parity: usize, nterms: usize) -> Vec<Vec<f64>> {
    let step = [1, 2, 2][parity];
    let offset = [1, 1, 2][parity];
    let inv_sr = 1.0 / step_ratio;
    let c: Vec<f64> = (0..nterms)
        .map(|j| 1.0 / factorial(step * j + offset))
        .collect();
    (0..nterms)
        .map(|i| {
            (0..nterms)
                .map(|j| c[j] * inv_sr.powf((i * (step * j + offset)) as f64))
                .collect()
        })
        .collect()
}

fn factorial(k: usize) -> f64 {
    (1..=k).map(|i| i as f64).product()
}

/// Richardson extrapolation of a sequence whose error is
/// `a0 h^order + a1 h^(order+step) + ...` (`extrapolation.Richardson`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Richardson {
    pub step_ratio: f64,
    pub step: usize,
    pub order: usize,
    pub num_terms: usize,
}

impl Richardson {
    /// Weights eliminating `min(num_terms, len - 1)` error terms: the first
    /// row of the inverse of `R[i][0] = 1`,
    /// `R[i][j+1] = step_ratio^-(i * (step*j + order))`.
    pub fn weights(&self, sequence_length: usize) -> Vec<f64> {
        let num_terms = self.num_terms.min(sequence_length.saturating_sub(1));
        if num_terms == 0 {
            return vec![1.0];
        }
        let inv = 1.0 / self.step_ratio;
        let r: Vec<Vec<f64>> = (0..=num_terms)
            .map(|i| {
                let mut row = vec![1.0];
                row.extend(
                    (0..num_terms).map(|j| inv.powf((i * (self.step * j + self.order)) as f64)),
                );
                row
            })
            .collect();
        invert(&r).swap_remove(0)
    }
}

/// Inverse of a small nonsingular square matrix (Gauss–Jordan with partial
/// pivoting); numdifftools uses `pinv`, which equals the inverse here.
fn invert(m: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let n = m.len();
    let mut a: Vec<Vec<f64>> = m
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut r = row.clone();
            r.extend((0..n).map(|j| if i == j { 1.0 } else { 0.0 }));
            r
        })
        .collect();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&p, &q| a[p][col].abs().total_cmp(&a[q][col].abs()))
            .expect("non-empty range");
        a.swap(col, pivot);
        let p = a[col][col];
        for v in a[col].iter_mut() {
            *v /= p;
        }
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate() {
            let factor = row[col];
            if r != col && factor != 0.0 {
                for (v, p) in row.iter_mut().zip(&pivot_row) {
                    *v -= factor * p;
                }
            }
        }
    }
    a.into_iter().map(|r| r[n..].to_vec()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x - y).abs() <= 1e-8 * y.abs().max(1.0))
    }

    // Expected values are the doctests of numdifftools' LogRule.
    #[test]
    fn fd_weights_match_numdifftools_doctests() {
        let rule = |n, method, order| LogRule { n, method, order }.weights(2.0);
        use Method::*;
        assert!(close(&rule(1, Central, 2), &[1.0]));
        assert!(close(&rule(1, Central, 4), &[-0.33333333, 2.66666667]));
        assert!(close(
            &rule(1, Central, 6),
            &[0.02222222, -0.88888889, 5.68888889]
        ));
        assert!(close(&rule(1, Forward, 2), &[-1.0, 4.0]));
        assert!(close(
            &rule(1, Forward, 4),
            &[-0.04761905, 1.33333333, -10.66666667, 24.38095238]
        ));
        assert!(close(&rule(2, Central, 2), &[2.0]));
        assert!(close(&rule(2, Central, 4), &[-0.66666667, 10.66666667]));
        assert!(close(&rule(2, Forward, 2), &[-4.0, 40.0, -64.0]));
        assert!(close(&rule(2, Backward, 2), &[4.0, -40.0, 64.0]));
    }

    #[test]
    fn richardson_weights_cancel_error_terms() {
        let r = Richardson {
            step_ratio: 2.0,
            step: 2,
            order: 2,
            num_terms: 2,
        };
        let w = r.weights(15);
        // Exact on 1, and annihilates h^2 and h^4 for h_i = 2^-i.
        for p in [0, 2, 4] {
            let s: f64 = w
                .iter()
                .enumerate()
                .map(|(i, wi)| wi * 0.5f64.powi((p * i) as i32))
                .sum();
            let want = if p == 0 { 1.0 } else { 0.0 };
            assert!((s - want).abs() < 1e-13, "power {p}: {s}");
        }
        assert_eq!(r.weights(1), vec![1.0]);
    }
}
