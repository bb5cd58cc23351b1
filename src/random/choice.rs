//! What `RandomState.choice` and `Generator.choice` share: validating the
//! population and `p` (each API with its own messages), the cumulative
//! distribution and its `searchsorted`, and sampling with `p` without
//! replacement.

use std::collections::HashSet;

use super::shape::{Param, Sample, Size, numel};
use super::{Error, ErrorKind, Result};

/// What `choice(a, ...)` draws from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Population {
    /// `a` is an integer n: draws from `range(n)`.
    Int(i64),
    /// `a` is an array: draws indices along its axis of this length.
    Items(usize),
}

/// Which API's messages to give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Api {
    Legacy,
    Generator,
}

impl Api {
    fn pick(self, legacy: &'static str, generator: &'static str) -> Error {
        Error::value(match self {
            Api::Legacy => legacy,
            Api::Generator => generator,
        })
    }
}

/// What `choice` draws from a generator.
pub(super) trait Draw {
    /// A double in [0, 1).
    fn double(&mut self) -> f64;
    /// Uniform integers in [0, n) of `shape` (sampling with replacement).
    fn below(&mut self, n: i64, shape: &[usize]) -> Result<Vec<i64>>;
    /// `count` distinct values of `range(pop)`, in random order when
    /// `shuffle` (the legacy API always shuffles).
    fn distinct(&mut self, pop: i64, count: usize, shuffle: bool) -> Vec<i64>;
}

/// `choice(a, size, replace, p, shuffle=shuffle)` of either API as indices
/// into `a` along its axis (or values of `range(a)`): with replacement by
/// `p`'s CDF or uniform draws, without by [`distinct_with_p`] or the
/// generator's own distinct values.
pub(super) fn choose(
    g: &mut impl Draw,
    api: Api,
    pop: Population,
    size: &Size,
    replace: bool,
    p: Option<&Param<f64>>,
    shuffle: bool,
) -> Result<Sample<i64>> {
    let pop_size = validate(api, pop, size, p)?;
    let shape: Vec<usize> = size.shape().map_or(Vec::new(), <[usize]>::to_vec);
    let count = numel(&shape);
    let data = if replace {
        match p {
            Some(p) => {
                let cdf = cdf(&p.data);
                (0..count).map(|_| search_right(&cdf, g.double())).collect()
            }
            None => g.below(pop_size, &shape)?,
        }
    } else {
        if count as i128 > i128::from(pop_size) {
            return Err(too_many(api));
        }
        match p {
            Some(p) => distinct_with_p(&p.data, count, |k| (0..k).map(|_| g.double()).collect())?,
            None => g.distinct(pop_size, count, shuffle),
        }
    };
    Ok(match size {
        Size::Scalar => Sample::scalar(data[0]),
        Size::Shape(_) => Sample::array(shape, data),
    })
}

/// NumPy's `kahan_sum` of the first `n` elements.
fn kahan_sum(x: &[f64]) -> f64 {
    let Some((&first, rest)) = x.split_first() else {
        return 0.0;
    };
    let (mut sum, mut c) = (first, 0.0);
    for &v in rest {
        let y = v - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// The population's size after NumPy's checks of `a`, `size` and `p`, in
/// NumPy's order.
fn validate(api: Api, pop: Population, size: &Size, p: Option<&Param<f64>>) -> Result<i64> {
    let takes_samples = size.shape().is_none_or(|s| numel(s) != 0);
    let pop_size = match pop {
        Population::Int(n) => {
            if n <= 0 && takes_samples {
                return Err(api.pick(
                    "a must be greater than 0 unless no samples are taken",
                    "a must be a positive integer unless no samples are taken",
                ));
            }
            n
        }
        Population::Items(len) => {
            if len == 0 && takes_samples {
                return Err(api.pick(
                    "'a' cannot be empty unless no samples are taken",
                    "a cannot be empty unless no samples are taken",
                ));
            }
            len as i64
        }
    };
    if let Some(p) = p {
        let Some(&d) = p.shape.first() else {
            return Err(Error::new(ErrorKind::TypeError, "len() of unsized object"));
        };
        if p.shape.len() != 1 {
            return Err(api.pick("'p' must be 1-dimensional", "p must be 1-dimensional"));
        }
        if p.data.len() as i64 != pop_size {
            return Err(api.pick(
                "'a' and 'p' must have same size",
                "a and p must have same size",
            ));
        }
        let sum = kahan_sum(&p.data[..d]);
        if sum.is_nan() {
            return Err(api.pick("probabilities contain NaN", "Probabilities contain NaN"));
        }
        if p.data.iter().any(|&x| x < 0.0) {
            return Err(api.pick(
                "probabilities are not non-negative",
                "Probabilities are not non-negative",
            ));
        }
        // sqrt(float64 eps)
        let atol = f64::EPSILON.sqrt();
        if (sum - 1.0).abs() > atol {
            return Err(api.pick(
                "probabilities do not sum to 1",
                "Probabilities do not sum to 1. See Notes section of docstring for more information.",
            ));
        }
    }
    Ok(pop_size)
}

/// The error for `replace=False` with more samples than the population.
fn too_many(api: Api) -> Error {
    api.pick(
        "Cannot take a larger sample than population when 'replace=False'",
        "Cannot take a larger sample than population when replace is False",
    )
}

/// `p.cumsum(); cdf /= cdf[-1]`.
fn cdf(p: &[f64]) -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = p
        .iter()
        .map(|&x| {
            acc += x;
            acc
        })
        .collect();
    if let Some(&last) = cdf.last() {
        for c in &mut cdf {
            *c /= last;
        }
    }
    cdf
}

/// `cdf.searchsorted(u, side='right')`.
fn search_right(cdf: &[f64], u: f64) -> i64 {
    cdf.partition_point(|&c| c <= u) as i64
}

/// Sampling `size` distinct indices with probabilities `p` (NumPy's loop:
/// draw the missing number of uniforms, zero the probabilities already
/// found, keep the new indices in order of first appearance).
fn distinct_with_p(
    p: &[f64],
    size: usize,
    mut uniforms: impl FnMut(usize) -> Vec<f64>,
) -> Result<Vec<i64>> {
    if p.iter().filter(|&&x| x > 0.0).count() < size {
        return Err(Error::value("Fewer non-zero entries in p than size"));
    }
    let mut p = p.to_vec();
    let mut found: Vec<i64> = Vec::with_capacity(size);
    while found.len() < size {
        let x = uniforms(size - found.len());
        for &i in &found {
            p[i as usize] = 0.0;
        }
        let cdf = cdf(&p);
        let mut seen = HashSet::new();
        for u in x {
            let idx = search_right(&cdf, u);
            if seen.insert(idx) {
                found.push(idx);
            }
        }
    }
    Ok(found)
}
