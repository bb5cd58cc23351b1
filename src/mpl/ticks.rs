//! Tick positions: matplotlib's `MaxNLocator` steps (1, 2, 2.5, 5, 10)
//! for linear axes, decades for log axes.

/// Up to about `max_ticks` "nice" tick values covering `[lo, hi]` (in
/// either order), inside the interval.
pub fn nice_ticks(lo: f64, hi: f64, max_ticks: usize) -> Vec<f64> {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || max_ticks == 0 {
        return if lo.is_finite() { vec![lo] } else { Vec::new() };
    }
    let raw = (hi - lo) / max_ticks as f64;
    let e = raw.log10().floor() as i32;
    // k·step as k·s·10^e, dividing by 10^-e for small steps so 3·0.2 is 0.6.
    let at = |k: f64, s: f64| {
        if e >= 0 {
            k * s * 10f64.powi(e)
        } else {
            k * s / 10f64.powi(-e)
        }
    };
    let s = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|&s| (hi - lo) / at(1.0, s) <= max_ticks as f64)
        .unwrap_or(10.0);
    let step = at(1.0, s);
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last)
        .map(|k| {
            let v = at(k as f64, s);
            if v == 0.0 { 0.0 } else { v }
        })
        .collect()
}

/// Decades 10^k inside `[lo, hi]` for a log axis.
pub fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if lo <= 0.0 || !hi.is_finite() {
        return Vec::new();
    }
    (lo.log10().ceil() as i32..=hi.log10().floor() as i32)
        .map(|k| 10f64.powi(k))
        .collect()
}

/// A tick label as matplotlib's ScalarFormatter shows plain values:
/// shortest digits, no trailing `.0` noise.
pub fn tick_label(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    if (1e-4..1e6).contains(&a) {
        let s = format!("{:.6}", v);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    } else {
        let s = format!("{v:e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = if m.len() > 5 { &m[..5] } else { m };
        format!("{m}e{e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers_inside_the_range() {
        assert_eq!(nice_ticks(0.0, 1.0, 5), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(nice_ticks(-0.3, 2.1, 6), vec![0.0, 0.5, 1.0, 1.5, 2.0]);
        assert_eq!(log_ticks(0.5, 2000.0), vec![1.0, 10.0, 100.0, 1000.0]);
        assert_eq!(tick_label(0.30000000000000004), "0.3");
        assert_eq!(tick_label(2.5e-7), "2.5e-7");
    }
}
