//! `heatmap(m)`: a 2-D array as values on a colour (or glyph) scale,
//! block-averaged to fit.

use serde_json::{Value, json};

use super::numfmt::json_num;
use super::numfmt::num;
use crate::array::Array;
use crate::engine::Error;

/// A 2-D array of values to draw, row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Heatmap {
    pub title: String,
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<f64>,
}

/// How values map to `t ∈ [0, 1]` on the colour scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// Signed data: symmetric around 0, `t = (v + m) / 2m` (0 is the middle).
    Diverging { m: f64 },
    /// One-signed data: `t = (v − lo) / (hi − lo)`.
    Sequential { lo: f64, hi: f64 },
    /// Every finite value equal.
    Constant(f64),
    /// No finite value.
    Empty,
}

impl Scale {
    /// Position of `v` on the scale, `None` for NaN/inf.
    pub fn t(&self, v: f64) -> Option<f64> {
        if !v.is_finite() {
            return None;
        }
        Some(match *self {
            Scale::Diverging { m } => (v + m) / (2.0 * m),
            Scale::Sequential { lo, hi } => (v - lo) / (hi - lo),
            Scale::Constant(_) | Scale::Empty => 0.5,
        })
    }

    /// Which of `levels` equal bins `v` falls in.
    pub fn level(&self, v: f64, levels: usize) -> Option<usize> {
        self.t(v)
            .map(|t| ((t * levels as f64) as usize).min(levels - 1))
    }

    /// The value range `[from, to]` of bin `k` of `levels`.
    pub fn bin(&self, k: usize, levels: usize) -> (f64, f64) {
        let (lo, hi) = match *self {
            Scale::Diverging { m } => (-m, m),
            Scale::Sequential { lo, hi } => (lo, hi),
            Scale::Constant(c) => (c, c),
            Scale::Empty => (f64::NAN, f64::NAN),
        };
        let at = |k: usize| lo + (hi - lo) * k as f64 / levels as f64;
        (at(k), at(k + 1))
    }

    /// The colour scale of `values`: diverging when they have both signs,
    /// [`Scale::Empty`] when none is finite.
    pub fn of(values: impl Iterator<Item = f64>) -> Scale {
        let (lo, hi) = values
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            });
        if !lo.is_finite() {
            Scale::Empty
        } else if lo == hi {
            Scale::Constant(lo)
        } else if lo < 0.0 && hi > 0.0 {
            Scale::Diverging {
                m: lo.abs().max(hi),
            }
        } else {
            Scale::Sequential { lo, hi }
        }
    }

    /// Short text of a scale value, rounded for a legend.
    pub fn label(v: f64) -> String {
        let exact = num(v);
        if exact.len() <= 7 {
            exact
        } else if (1e-3..1e5).contains(&v.abs()) {
            trim_zeros(&format!("{v:.3}"))
        } else {
            trim_zeros(&format!("{v:.2e}"))
        }
    }
}

fn trim_zeros(s: &str) -> String {
    if let Some((m, e)) = s.split_once('e') {
        return format!("{}e{e}", trim_zeros(m));
    }
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

impl Heatmap {
    /// The heat map of a 2-D array.
    ///
    /// # Errors
    /// `ValueError` unless `m` is 2-D.
    pub fn new(m: &Array, title: impl Into<String>) -> Result<Heatmap, Error> {
        match m.shape() {
            &[rows, cols] => Ok(Heatmap {
                title: title.into(),
                rows,
                cols,
                data: m.to_f64_vec(),
            }),
            s => Err(Error::value(format!(
                "heatmap expects a 2-D array, got a {}-D array",
                s.len()
            ))),
        }
    }

    /// The colour scale of the data: diverging when it has both signs.
    pub fn scale(&self) -> Scale {
        Scale::of(self.data.iter().copied())
    }

    /// The block size `k` so that `ceil(rows/k) ≤ max_rows` and
    /// `ceil(cols/k) ≤ max_cols` (the same `k` both ways keeps the shape).
    pub fn block(&self, max_cols: usize, max_rows: usize) -> usize {
        let k = self
            .cols
            .div_ceil(max_cols.max(1))
            .max(self.rows.div_ceil(max_rows.max(1)));
        k.max(1)
    }

    /// The data averaged over `k × k` blocks (partial blocks at the right and
    /// bottom average what they have; NaN propagates):
    /// `(rows, cols, values)`.
    pub fn averaged(&self, k: usize) -> (usize, usize, Vec<f64>) {
        if k == 1 {
            return (self.rows, self.cols, self.data.clone());
        }
        let (r, c) = (self.rows.div_ceil(k), self.cols.div_ceil(k));
        let mut sum = vec![0.0; r * c];
        let mut count = vec![0u32; r * c];
        for i in 0..self.rows {
            for j in 0..self.cols {
                let b = (i / k) * c + j / k;
                sum[b] += self.data[i * self.cols + j];
                count[b] += 1;
            }
        }
        let data = sum
            .iter()
            .zip(&count)
            .map(|(s, &n)| s / f64::from(n))
            .collect();
        (r, c, data)
    }

    /// The numbers shown, for `--json` (arrays over 10^4 elements are
    /// summarised by shape and scale).
    pub fn to_json(&self) -> Value {
        let scale = match self.scale() {
            Scale::Diverging { m } => json!({"kind": "diverging", "min": -m, "max": m}),
            Scale::Sequential { lo, hi } => json!({"kind": "sequential", "min": lo, "max": hi}),
            Scale::Constant(c) => json!({"kind": "constant", "value": c}),
            Scale::Empty => json!({"kind": "empty"}),
        };
        let data = if self.data.len() <= 10_000 {
            Value::Array(self.data.iter().map(|&v| json_num(v)).collect())
        } else {
            Value::Null
        };
        json!({"title": self.title, "shape": [self.rows, self.cols], "scale": scale, "data": data})
    }
}

/// `heatmap(m)`.
///
/// # Errors
/// `ValueError` unless `m` is 2-D.
pub fn heatmap(m: &Array) -> Result<Heatmap, Error> {
    let title = format!("heatmap {}", super::explain::meta(m));
    Heatmap::new(m, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(rows: usize, cols: usize, data: Vec<f64>) -> Heatmap {
        Heatmap {
            title: String::new(),
            rows,
            cols,
            data,
        }
    }

    #[test]
    fn scale_is_diverging_only_for_signed_data() {
        assert_eq!(
            hm(1, 3, vec![-1.0, 0.0, 3.0]).scale(),
            Scale::Diverging { m: 3.0 }
        );
        assert_eq!(
            hm(1, 2, vec![1.0, 3.0]).scale(),
            Scale::Sequential { lo: 1.0, hi: 3.0 }
        );
        assert_eq!(hm(1, 2, vec![2.0, f64::NAN]).scale(), Scale::Constant(2.0));
        assert_eq!(hm(1, 1, vec![f64::NAN]).scale(), Scale::Empty);
        assert_eq!(Scale::Diverging { m: 2.0 }.level(0.0, 5), Some(2));
        assert_eq!(
            Scale::Sequential { lo: 0.0, hi: 1.0 }.level(1.0, 5),
            Some(4)
        );
    }

    #[test]
    fn block_average_of_partial_blocks() {
        let m = hm(3, 3, (1..=9).map(f64::from).collect());
        assert_eq!(m.block(2, 10), 2);
        assert_eq!(m.averaged(2), (2, 2, vec![3.0, 4.5, 7.5, 9.0]));
    }

    #[test]
    fn legend_labels_are_short() {
        for (v, want) in [
            (30.0, "30"),
            (1.0 / 3.0, "0.333"),
            (123456.0, "123456"),
            (1e-7, "1e-7"),
        ] {
            assert_eq!(Scale::label(v), want);
        }
    }
}
