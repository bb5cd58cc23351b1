//! From differences at a sequence of steps to one estimate with an error
//! bound, as numdifftools 0.11 does it for each output element
//! (`LogRule.apply`, `Richardson.__call__`, `dea3`, `_Limit._get_best_estimate`).

use super::Estimate;
use super::rules::Richardson;

const EPS: f64 = f64::EPSILON;
/// `np.finfo(float).smallest_normal`.
const TINY: f64 = f64::MIN_POSITIVE;

/// `np.maximum(abs(a), abs(b))`: NaN-propagating, unlike `f64::max`.
fn max_abs(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.abs().max(b.abs())
    }
}

/// `scipy.ndimage.convolve1d(seq, w[::-1], origin=(len(w)-1)//2)` at output
/// `i`: `sum_j w[j] * seq[i+j]`, with `reflect` padding past the end and
/// scipy's summation order (last term first).
fn correlate_at(seq: &[f64], w: &[f64], i: usize) -> f64 {
    let n = seq.len();
    let at = |k: usize| if k < n { seq[k] } else { seq[2 * n - 1 - k] };
    let last = w.len() - 1;
    let mut sum = w[last] * at(i + last);
    for (j, wj) in w[..last].iter().enumerate() {
        sum += wj * at(i + j);
    }
    sum
}

/// Applies a finite-difference rule: `der[i] = (sum_j w[j] d[i+j]) / h[i]^n`
/// for the `len - len(w) + 1` positions the rule fits in (`LogRule._apply`).
pub(crate) fn apply_fd_rule(f_del: &[f64], h: &[f64], w: &[f64], n: usize) -> Vec<f64> {
    let count = f_del.len() + 1 - w.len();
    (0..count)
        .map(|i| correlate_at(f_del, w, i) / power(h[i], n))
        .collect()
}

/// `h ** n` as NumPy computes it (squares by multiplication).
fn power(h: f64, n: usize) -> f64 {
    match n {
        1 => h,
        2 => h * h,
        _ => h.powf(n as f64),
    }
}

/// Extrapolates the estimates `der` (taken at steps `h`) to one value with
/// an error bound: Richardson, then Wynn's epsilon (`dea3`) when at least
/// three values remain, then the value of least error after penalising
/// outliers (`_Limit._extrapolate`). The estimate's `step` is the step its
/// last input was taken at, `index` its position in the final sequence.
pub(crate) fn best_estimate(der: &[f64], h: &[f64], rich: &Richardson) -> Estimate {
    let (mut der, mut errors) = richardson(der, h, rich);
    // Wynn's epsilon pairs each result with the step of its last input.
    let mut shift = 0;
    if der.len() > 2 {
        (der, errors) = dea3_sequence(&der);
        shift = 2;
    }
    for (e, o) in errors.iter_mut().zip(outlier_errors(&der)) {
        *e += o;
    }
    let idx = arg_min(&errors);
    Estimate {
        value: der[idx],
        error: errors[idx],
        step: h[idx + shift],
        index: idx,
    }
}

/// `Richardson.__call__`: the extrapolated sequence and its error estimate.
fn richardson(seq: &[f64], h: &[f64], rich: &Richardson) -> (Vec<f64>, Vec<f64>) {
    let num = seq.len();
    let w = rich.weights(num);
    let n_r = w.len() - 1;
    let m = num - n_r;
    let k = num.min(m + 1);
    let new: Vec<f64> = (0..k).map(|i| correlate_at(seq, &w, i)).collect();
    let cov1: f64 = w.iter().map(|x| x * x).sum();
    let fact = (12.7062047361747 * cov1.sqrt()).max(EPS * 10.0);
    let errors: Vec<f64> = if num < 2 {
        new.iter()
            .zip(h)
            .map(|(v, hi)| (v.abs() * EPS + hi) * fact)
            .collect()
    } else if k < 2 {
        // Never reached with at least two terms, kept for fidelity.
        let last = num - 1;
        let err = (seq[last] - seq[last - 1]).abs();
        let tol = max_abs(seq[last - 1], seq[last]) * fact;
        let tail = if err <= tol {
            tol * 10.0
        } else {
            (new[0] - seq[last]).abs() * fact
        };
        vec![err + tail]
    } else {
        // numdifftools compares new[:-1] with the *last* k-1 old values.
        let old_tail = &seq[num - (k - 1)..];
        (0..k - 1)
            .map(|i| {
                let err = (new[i + 1] - new[i]).abs() * fact;
                let tol = max_abs(new[i + 1], new[i]) * EPS * fact;
                let tail = if err <= tol {
                    tol * 10.0
                } else {
                    (new[i] - old_tail[i]).abs() * fact
                };
                err + tail
            })
            .collect()
    };
    let mut new = new;
    new.truncate(m);
    let mut errors = errors;
    errors.truncate(m);
    (new, errors)
}

/// `dea3(der[:-2], der[1:-1], der[2:])`: Shanks transform of each triple.
fn dea3_sequence(der: &[f64]) -> (Vec<f64>, Vec<f64>) {
    der.windows(3).map(|t| dea3(t[0], t[1], t[2])).unzip()
}

fn dea3(e0: f64, e1: f64, e2: f64) -> (f64, f64) {
    let (mut delta2, mut delta1) = (e2 - e1, e1 - e0);
    let (err2, err1) = (delta2.abs(), delta1.abs());
    let (tol2, tol1) = (max_abs(e2, e1) * EPS, max_abs(e1, e0) * EPS);
    if err1 < TINY {
        delta1 = TINY;
    }
    if err2 < TINY {
        delta2 = TINY;
    }
    let ss = 1.0 / delta2 - 1.0 / delta1;
    let converged = err1 <= tol1 || err2 <= tol2 || (ss * e1).abs() <= 1.0e-4;
    let result = if converged { e2 } else { e1 + 1.0 / ss };
    let tail = if converged {
        tol2 * 10.0
    } else {
        (result - e2).abs()
    };
    (result, err1 + err2 + tail)
}

/// `_Limit._add_error_to_outliers`: `|der - median|` for estimates more
/// than 10× from the median (when it is above 1e-8) or outside the Tukey
/// fences `[p25 - 1.5 iqr, p75 + 1.5 iqr]`, 0 elsewhere (NaN stays NaN).
fn outlier_errors(der: &[f64]) -> Vec<f64> {
    let mut finite: Vec<f64> = der.iter().copied().filter(|x| !x.is_nan()).collect();
    finite.sort_by(f64::total_cmp);
    let (p25, median, p75) = if finite.is_empty() {
        (f64::NAN, f64::NAN, f64::NAN)
    } else {
        (
            percentile(&finite, 0.25),
            percentile(&finite, 0.5),
            percentile(&finite, 0.75),
        )
    };
    let iqr = (p75 - p25).abs();
    let a_median = median.abs();
    der.iter()
        .map(|&d| {
            let wild = (d.abs() < a_median / 10.0 || d.abs() > a_median * 10.0) && a_median > 1e-8;
            let fenced = d < p25 - 1.5 * iqr || p75 + 1.5 * iqr < d;
            let flag = if wild || fenced { 1.0 } else { 0.0 };
            flag * (d - median).abs()
        })
        .collect()
}

/// NumPy's default (`linear`) percentile of sorted, NaN-free data.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    let virtual_index = (n - 1) as f64 * q;
    let lo = virtual_index.floor();
    let t = virtual_index - lo;
    let lo = lo as usize;
    let hi = (lo + 1).min(n - 1);
    let (a, b) = (sorted[lo], sorted[hi]);
    // NumPy's `_lerp`, which interpolates from the nearer end.
    let diff = b - a;
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// `_Limit._get_arg_min`: the middle one of the indices of least error;
/// 0 when every error is NaN.
fn arg_min(errors: &[f64]) -> usize {
    let min = errors
        .iter()
        .copied()
        .filter(|e| !e.is_nan())
        .min_by(f64::total_cmp);
    match min {
        None => 0,
        Some(min) => {
            let ties: Vec<usize> = (0..errors.len()).filter(|&i| errors[i] == min).collect();
            ties[ties.len() / 2]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_matches_numpy_linear() {
        // np.percentile([1, 2, 4, 8, 16], [25, 50, 75]) == [2, 4, 8]
        let s = [1.0, 2.0, 4.0, 8.0, 16.0];
        assert_eq!(percentile(&s, 0.25), 2.0);
        assert_eq!(percentile(&s, 0.75), 8.0);
        // np.percentile([1, 2, 4, 8], 25) == 1.75
        assert_eq!(percentile(&[1.0, 2.0, 4.0, 8.0], 0.25), 1.75);
        assert_eq!(percentile(&[3.0], 0.5), 3.0);
    }

    #[test]
    fn arg_min_takes_middle_tie_and_skips_nan() {
        assert_eq!(arg_min(&[f64::NAN, 1.0, 1.0, 1.0, 2.0]), 2);
        assert_eq!(arg_min(&[f64::NAN, f64::NAN]), 0);
        assert_eq!(arg_min(&[3.0, 1.0, 2.0]), 1);
    }

    #[test]
    fn reflect_padding_and_order() {
        // seq[3] reflects to seq[2]: 1*2 + 10*3 + 100*3
        assert_eq!(
            correlate_at(&[1.0, 2.0, 3.0], &[1.0, 10.0, 100.0], 1),
            332.0
        );
    }

    #[test]
    fn dea3_accelerates_geometric_sequence() {
        // s_k = 1 + 0.5^k converges to 1; one Shanks step is exact.
        let (r, _) = dea3(1.5, 1.25, 1.125);
        assert!((r - 1.0).abs() < 1e-15);
    }
}
