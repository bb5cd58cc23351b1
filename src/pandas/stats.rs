//! The statistics of `describe()`, computed the way pandas computes them
//! through NumPy (pairwise sums over the NaN-zeroed column, linear
//! percentiles of the non-missing values), so the printed digits agree.

use crate::array::lerp;

use super::column::{Cell, Column};
use super::{Error, ErrorKind, Result};

/// NumPy's pairwise summation (`pairwise_sum` in `loops_utils.h`): eight
/// accumulators for blocks up to 128, halves above.
pub(crate) fn pairwise_sum(a: &[f64]) -> f64 {
    let n = a.len();
    if n < 8 {
        let mut res = -0.0;
        for &x in a {
            res += x;
        }
        res
    } else if n <= 128 {
        let mut r = [0.0; 8];
        r.copy_from_slice(&a[..8]);
        let mut i = 8;
        while i < n - (n % 8) {
            for k in 0..8 {
                r[k] += a[i + k];
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &x in &a[i..] {
            res += x;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_sum(&a[..n2]) + pairwise_sum(&a[n2..])
    }
}

/// `np.percentile(sorted, q * 100)` with the default linear method.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    // NumPy's `n*q + (alpha + q*(1 - alpha - beta)) - 1` with alpha = beta = 1.
    let (alpha, beta) = (1.0, 1.0);
    let virtual_index = n as f64 * q + (alpha + q * (1.0 - alpha - beta)) - 1.0;
    let prev = virtual_index.floor().clamp(0.0, (n - 1) as f64);
    let gamma = virtual_index - virtual_index.floor();
    let i = prev as usize;
    let next = (i + 1).min(n - 1);
    lerp(sorted[i], sorted[next], gamma)
}

/// count, mean, std, min, 25%, 50%, 75%, max of a numeric column; count,
/// unique, top, freq of an object column.
pub(crate) fn describe(col: &Column) -> Result<(Column, Column)> {
    let Some(values) = (match col {
        Column::Int(_) | Column::Float(_) => col.as_f64(),
        _ => None,
    }) else {
        return describe_object(col);
    };
    let labels = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"];
    let zeroed: Vec<f64> = values
        .iter()
        .map(|&x| if x.is_nan() { 0.0 } else { x })
        .collect();
    let mut valid: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    let count = valid.len() as f64;
    let mean = if valid.is_empty() {
        f64::NAN
    } else {
        pairwise_sum(&zeroed) / count
    };
    let squares: Vec<f64> = values
        .iter()
        .map(|&x| {
            if x.is_nan() {
                0.0
            } else {
                (mean - x) * (mean - x)
            }
        })
        .collect();
    let std = if valid.len() < 2 {
        f64::NAN
    } else {
        (pairwise_sum(&squares) / (count - 1.0)).sqrt()
    };
    valid.sort_by(|a, b| a.total_cmp(b));
    let (min, max) = match (valid.first(), valid.last()) {
        (Some(&lo), Some(&hi)) => (lo, hi),
        _ => (f64::NAN, f64::NAN),
    };
    let stats = vec![
        count,
        mean,
        std,
        min,
        quantile(&valid, 0.25),
        quantile(&valid, 0.5),
        quantile(&valid, 0.75),
        max,
    ];
    Ok((text_column(&labels), Column::Float(stats)))
}

fn text_column(labels: &[&str]) -> Column {
    Column::Object(labels.iter().map(|s| Cell::Str((*s).to_string())).collect())
}

/// `describe()` of text: how many, how many distinct, the most common and
/// how often (the first seen wins ties, as pandas' value_counts).
fn describe_object(col: &Column) -> Result<(Column, Column)> {
    let cells: Vec<Cell> = col.cells().into_iter().filter(|c| !c.is_na()).collect();
    if cells.is_empty() && !col.is_empty() {
        return Err(Error::new(
            ErrorKind::ValueError,
            "describe() of a column with no values",
        ));
    }
    let mut counts: Vec<(Cell, i64)> = Vec::new();
    for c in &cells {
        match counts.iter_mut().find(|(k, _)| k == c) {
            Some(entry) => entry.1 += 1,
            None => counts.push((c.clone(), 1)),
        }
    }
    let (top, freq) = counts
        .iter()
        .fold(None::<&(Cell, i64)>, |best, e| match best {
            Some(b) if b.1 >= e.1 => Some(b),
            _ => Some(e),
        })
        .map(|(c, n)| (c.clone(), *n))
        .unwrap_or((Cell::Float(f64::NAN), 0));
    let values = vec![
        Cell::Int(cells.len() as i64),
        Cell::Int(counts.len() as i64),
        top,
        Cell::Int(freq),
    ];
    Ok((
        text_column(&["count", "unique", "top", "freq"]),
        Column::Object(values),
    ))
}
