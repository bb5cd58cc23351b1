//! `plot(y)`, `plot(x, y, y2, ..., labels=[...])` and `plot(compare(...))`:
//! line-chart data, with min/max decimation so that millions of points draw
//! quickly without losing peaks.

use serde_json::{Value, json};

use super::compare::Compare;
use super::numfmt::{json_num, shape_text};

/// One labelled line.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

/// A chart of one or more series.
#[derive(Clone, Debug, PartialEq)]
pub struct Plot {
    pub title: String,
    pub series: Vec<Series>,
}

impl Plot {
    /// Series `ys` against `x` (default `0, 1, …, n−1`), labelled `labels`
    /// (default `y`, `y2`, …).
    ///
    /// # Errors
    /// A message when there is nothing to plot or the lengths differ
    /// (`x and y must have same first dimension, but have shapes (5,) and (4,)`,
    /// matplotlib's wording).
    pub fn new(x: Option<Vec<f64>>, ys: Vec<Vec<f64>>, labels: &[String]) -> Result<Plot, String> {
        if ys.is_empty() {
            return Err("plot needs at least one series".into());
        }
        let series = ys
            .into_iter()
            .enumerate()
            .map(|(k, y)| {
                let x = x
                    .clone()
                    .unwrap_or_else(|| (0..y.len()).map(|i| i as f64).collect());
                if x.len() != y.len() {
                    return Err(format!(
                        "x and y must have same first dimension, but have shapes {} and {}",
                        shape_text(&[x.len()]),
                        shape_text(&[y.len()])
                    ));
                }
                let label = labels.get(k).cloned().unwrap_or_else(|| match k {
                    0 => "y".into(),
                    _ => format!("y{}", k + 1),
                });
                Ok(Series { label, x, y })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Plot {
            title: String::new(),
            series,
        })
    }

    /// f, its gradient and its diff (drawn at the midpoints between the
    /// samples it comes from) from a 1-D comparison.
    ///
    /// # Errors
    /// A message for N-D comparisons (plot one lane instead).
    pub fn from_compare(c: &Compare) -> Result<Plot, String> {
        let b = match (c.shape.len(), c.blocks.first()) {
            (1, Some(b)) => b,
            _ => return Err("plot(compare(...)) needs a 1-D array; plot one row or column".into()),
        };
        let (x, f, g, d) = (&b.lane.x, &b.lane.f, &b.lane.g, &b.lane.d);
        let mid: Vec<f64> = x.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
        Ok(Plot {
            title: format!("f, gradient and diff (edge_order={})", c.edge_order),
            series: vec![
                Series {
                    label: "f".into(),
                    x: x.clone(),
                    y: f.clone(),
                },
                Series {
                    label: "gradient".into(),
                    x: x.clone(),
                    y: g.clone(),
                },
                Series {
                    label: "diff (at midpoints)".into(),
                    x: mid,
                    y: d.clone(),
                },
            ],
        })
    }

    /// Finite bounds over all series: `([xmin, xmax], [ymin, ymax])`, widened
    /// when degenerate; `None` when no point is finite.
    pub fn bounds(&self) -> Option<([f64; 2], [f64; 2])> {
        let mut bx = [f64::INFINITY, f64::NEG_INFINITY];
        let mut by = bx;
        for s in &self.series {
            for (&x, &y) in s.x.iter().zip(&s.y) {
                if x.is_finite() && y.is_finite() {
                    bx = [bx[0].min(x), bx[1].max(x)];
                    by = [by[0].min(y), by[1].max(y)];
                }
            }
        }
        bx[0].is_finite().then(|| (widen(bx), widen(by)))
    }

    /// Series `k` as polylines to draw at `columns` horizontal resolution:
    /// broken at every non-finite point and, when longer than `2 · columns`,
    /// decimated per run of `len / columns` points to its first, minimum,
    /// maximum and last point (M4), in their original order, so no peak is
    /// lost. One tight pass over the data.
    pub fn segments(&self, k: usize, columns: usize) -> Vec<Vec<(f64, f64)>> {
        let s = &self.series[k];
        let (xs, ys) = (&s.x[..], &s.y[..]);
        let n = ys.len().min(xs.len());
        let columns = columns.max(1);
        let chunk = if n > 2 * columns {
            n.div_ceil(columns)
        } else {
            1
        };
        let mut out = Vec::new();
        let mut cur: Vec<(f64, f64)> = Vec::new();
        let mut start = 0;
        while start < n {
            let end = (start + chunk).min(n);
            // Slices of the chunk let the hot loop run without bounds checks.
            let (xc, yc) = (&xs[start..end], &ys[start..end]);
            let mut i = 0;
            while i < yc.len() {
                if !(xc[i].is_finite() && yc[i].is_finite()) {
                    if !cur.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                    i += 1;
                    continue;
                }
                let first = i;
                let (mut lo, mut hi) = (i, i);
                let (mut lov, mut hiv) = (yc[i], yc[i]);
                i += 1;
                for (&x, &y) in xc[i..].iter().zip(&yc[i..]) {
                    if !(y.is_finite() && x.is_finite()) {
                        break;
                    }
                    if y < lov {
                        lov = y;
                        lo = i;
                    }
                    if y > hiv {
                        hiv = y;
                        hi = i;
                    }
                    i += 1;
                }
                let mut idx = [first, lo, hi, i - 1];
                idx.sort_unstable();
                for (k, &j) in idx.iter().enumerate() {
                    if k == 0 || j != idx[k - 1] {
                        cur.push((xc[j], yc[j]));
                    }
                }
            }
            start = end;
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    }

    /// Bounds of already decimated segments (exact in y, and in x for
    /// monotone x), widened when degenerate; `None` when empty.
    pub fn segment_bounds(segments: &[Vec<Vec<(f64, f64)>>]) -> Option<([f64; 2], [f64; 2])> {
        let mut bx = [f64::INFINITY, f64::NEG_INFINITY];
        let mut by = bx;
        for &(x, y) in segments.iter().flatten().flatten() {
            bx = [bx[0].min(x), bx[1].max(x)];
            by = [by[0].min(y), by[1].max(y)];
        }
        bx[0].is_finite().then(|| (widen(bx), widen(by)))
    }

    /// The numbers shown, for `--json` (series longer than 1000 points are
    /// summarised by their length and bounds).
    pub fn to_json(&self) -> Value {
        let series: Vec<Value> = self
            .series
            .iter()
            .map(|s| {
                if s.y.len() <= 1000 {
                    let v = |v: &[f64]| Value::Array(v.iter().map(|&x| json_num(x)).collect());
                    json!({"label": s.label, "x": v(&s.x), "y": v(&s.y)})
                } else {
                    json!({"label": s.label, "len": s.y.len()})
                }
            })
            .collect();
        let bounds = self
            .bounds()
            .map_or(Value::Null, |(bx, by)| json!({"x": bx, "y": by}));
        json!({"title": self.title, "series": series, "bounds": bounds})
    }
}

/// A degenerate range opened up so a flat line sits mid-chart.
fn widen(b: [f64; 2]) -> [f64; 2] {
    if b[0] == b[1] {
        let d = b[0].abs().max(1.0) * 0.5;
        [b[0] - d, b[1] + d]
    } else {
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plot(y: Vec<f64>) -> Plot {
        Plot::new(None, vec![y], &[]).unwrap()
    }

    #[test]
    fn nan_breaks_the_line() {
        let p = plot(vec![2.0, 5.0, f64::NAN, 9.0, 12.0]);
        assert_eq!(
            p.segments(0, 80),
            vec![vec![(0.0, 2.0), (1.0, 5.0)], vec![(3.0, 9.0), (4.0, 12.0)]]
        );
    }

    #[test]
    fn decimation_keeps_every_peak() {
        let mut y = vec![0.0; 100_000];
        y[12_345] = 7.0;
        y[99_998] = -3.0;
        let segs = plot(y).segments(0, 100);
        let pts: Vec<(f64, f64)> = segs.concat();
        assert!(pts.len() <= 400, "{} points", pts.len());
        assert!(pts.contains(&(12_345.0, 7.0)));
        assert!(pts.contains(&(99_998.0, -3.0)));
        assert!(pts.windows(2).all(|w| w[0].0 < w[1].0), "order kept");
    }

    #[test]
    fn mismatched_lengths_are_errors() {
        let e = Plot::new(Some(vec![1.0, 2.0]), vec![vec![1.0]], &[]).unwrap_err();
        assert_eq!(
            e,
            "x and y must have same first dimension, but have shapes (2,) and (1,)"
        );
    }
}
