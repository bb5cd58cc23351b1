//! The 1-D chart: f, the gradient and the diffs inside the window, with
//! long series reduced to the chart's resolution.

use crate::views::{Plot, Series, num};

use super::super::app::App;

impl App {
    /// f, the gradient and the diff at the midpoints inside the window,
    /// and a vertical line at the cursor, for a chart `width` cells wide.
    /// Only samples inside the window are visited when x increases, and
    /// long series arrive already reduced to the chart's resolution (see
    /// [`window_points`]), so a key costs the same at 10^6 samples as at
    /// 10^3.
    pub(super) fn plot(&self, width: u16) -> Plot {
        let n = self.f.len();
        let sp = &self.model.sp;
        let (lo, hi) = self.window().unwrap_or((f64::NEG_INFINITY, f64::INFINITY));
        let keep = |x: f64| x >= lo && x <= hi;
        let columns = 2 * usize::from(width);
        let sorted = self.model.x_increasing;
        let x = |i: usize| sp.x(i);
        let mid = |i: usize| (sp.x(i) + sp.x(i + 1)) / 2.0;
        let series = |label: &str, (x, y): (Vec<f64>, Vec<f64>)| Series {
            label: label.into(),
            x,
            y,
        };
        let (f, g, d) = (&self.f, &self.model.g, &self.model.d);
        let f = series(
            "f",
            window_points(in_window(n, x, lo, hi, sorted), columns, keep, x, |i| {
                f[[i]]
            }),
        );
        let g = series(
            "gradient",
            window_points(in_window(n, x, lo, hi, sorted), columns, keep, x, |i| {
                g[[i]]
            }),
        );
        let d = series(
            "diff (at midpoints)",
            window_points(
                in_window(n - 1, mid, lo, hi, sorted),
                columns,
                keep,
                mid,
                |i| d[[i]],
            ),
        );
        let title = if self.zoom == 0 {
            "f, gradient and diff".to_string()
        } else {
            format!(
                "zoom ×{}: x in [{}, {}]",
                1u32 << self.zoom,
                crate::views::Scale::label(lo),
                crate::views::Scale::label(hi)
            )
        };
        let mut plot = Plot {
            title,
            series: vec![f, g, d],
        };
        if let Some((_, [ylo, yhi])) = plot.bounds() {
            let xc = sp.x(self.cursor[0]);
            plot.series.push(Series {
                label: format!("cursor x = {}", num(xc)),
                x: vec![xc, xc],
                y: vec![ylo, yhi],
            });
        }
        plot
    }

    /// The x range shown at the current zoom: the whole range halved
    /// `zoom` times around the cursor, kept inside the data.
    pub(in crate::tui::explore) fn window(&self) -> Option<(f64, f64)> {
        let (lo, hi) = self.model.x_range?;
        if self.zoom == 0 {
            return Some((lo, hi));
        }
        let span = (hi - lo) / f64::from(1u32 << self.zoom.min(20));
        let xc = self.model.sp.x(self.cursor[0]);
        let start = (xc - span / 2.0).clamp(lo, hi - span);
        Some((start, start + span))
    }
}

/// The indices `0..n` whose `x(i)` can lie in `[lo, hi]`: found by binary
/// search when x increases, all of them otherwise.
fn in_window(
    n: usize,
    x: impl Fn(usize) -> f64,
    lo: f64,
    hi: f64,
    sorted: bool,
) -> std::ops::Range<usize> {
    if !sorted {
        return 0..n;
    }
    let first = |pred: &dyn Fn(f64) -> bool| {
        let (mut a, mut b) = (0, n);
        while a < b {
            let m = (a + b) / 2;
            if pred(x(m)) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        a
    };
    first(&|v| v < lo)..first(&|v| v <= hi)
}

/// The points `(x(i), y(i))` for `i` in `range` with `keep(x(i))`. When
/// there are more than `2 · columns`, each run of `len / columns` indices
/// gives only its first, lowest, highest and last finite point, in their
/// order (M4, as [`Plot::segments`] draws them), and non-finite values
/// stay, so lines still break there: what the chart shows is unchanged.
fn window_points(
    range: std::ops::Range<usize>,
    columns: usize,
    keep: impl Fn(f64) -> bool,
    x: impl Fn(usize) -> f64,
    y: impl Fn(usize) -> f64,
) -> (Vec<f64>, Vec<f64>) {
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    if range.len() <= 2 * columns.max(1) {
        for i in range {
            let xi = x(i);
            if keep(xi) {
                xs.push(xi);
                ys.push(y(i));
            }
        }
        return (xs, ys);
    }
    let chunk = range.len().div_ceil(columns.max(1));
    // (first, lowest, highest, last) indices of the current finite run,
    // and the lowest and highest values.
    let mut run: Option<([usize; 4], f64, f64)> = None;
    let flush = |run: &mut Option<([usize; 4], f64, f64)>, xs: &mut Vec<f64>, ys: &mut Vec<f64>| {
        if let Some((mut idx, _, _)) = run.take() {
            idx.sort_unstable();
            for (k, &j) in idx.iter().enumerate() {
                if k == 0 || j != idx[k - 1] {
                    xs.push(x(j));
                    ys.push(y(j));
                }
            }
        }
    };
    let mut start = range.start;
    while start < range.end {
        let end = (start + chunk).min(range.end);
        for i in start..end {
            let xi = x(i);
            if !keep(xi) {
                continue;
            }
            let yi = y(i);
            if !yi.is_finite() {
                flush(&mut run, &mut xs, &mut ys);
                xs.push(xi);
                ys.push(yi);
                continue;
            }
            match &mut run {
                None => run = Some(([i; 4], yi, yi)),
                Some((idx, low, high)) => {
                    if yi < *low {
                        (idx[1], *low) = (i, yi);
                    }
                    if yi > *high {
                        (idx[2], *high) = (i, yi);
                    }
                    idx[3] = i;
                }
            }
        }
        flush(&mut run, &mut xs, &mut ys);
        start = end;
    }
    (xs, ys)
}

#[cfg(test)]
mod tests {
    use super::{in_window, window_points};

    #[test]
    fn reduced_points_keep_every_extreme_and_every_break() {
        let y = |i: usize| match i {
            500 => f64::NAN,
            _ => ((i as f64) * 0.37).sin() * (i % 7) as f64,
        };
        let x = |i: usize| i as f64 * 0.5;
        let all = |_: f64| true;
        let (xs, ys) = window_points(0..1000, 10, all, x, y);
        assert!(xs.len() <= 4 * 10 + 4 + 1, "{}", xs.len());
        let finite = || (0..1000).map(y).filter(|v| v.is_finite());
        let max = finite().fold(f64::MIN, f64::max);
        let min = finite().fold(f64::MAX, f64::min);
        assert!(ys.contains(&max) && ys.contains(&min));
        assert_eq!(ys.iter().filter(|v| v.is_nan()).count(), 1);
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "in order");
        // Few points: all of them inside the window, unchanged.
        let keep = |v: f64| (2.0..=4.0).contains(&v);
        let (xs, ys) = window_points(0..20, 10, keep, x, y);
        assert_eq!(xs, [2.0, 2.5, 3.0, 3.5, 4.0]);
        assert_eq!(ys, (4..=8).map(y).collect::<Vec<_>>());
        assert_eq!(in_window(20, x, 2.0, 4.0, true), 4..9);
        assert_eq!(in_window(20, x, 2.0, 4.0, false), 0..20);
    }
}
