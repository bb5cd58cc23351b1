//! Calling the user's function at sample points: its errors are tagged
//! with the point, its outputs are checked for a constant length, and
//! non-finite values are remembered so that a NaN derivative can be blamed
//! on the sample nearest the point of differentiation.

use super::error::{NumDiffError, Point};
use super::{Estimate, VectorFn};

/// A nearest non-finite sample: (distance from x, point, value).
type Blame = (f64, Point, f64);

/// The user's function of a vector returning a vector, plus bookkeeping.
pub(crate) struct Sampler<'f, E> {
    f: &'f mut VectorFn<'f, E>,
    /// Report points as scalars (for `derivative`).
    scalar: bool,
    /// Output length fixed by the first evaluation.
    outputs: Option<usize>,
    /// Nearest non-finite sample per watch slot; the last slot is `f(x)`.
    blame: Vec<Option<Blame>>,
}

impl<'f, E> Sampler<'f, E> {
    pub fn new(f: &'f mut VectorFn<'f, E>, scalar: bool, slots: usize) -> Sampler<'f, E> {
        Sampler {
            f,
            scalar,
            outputs: None,
            blame: vec![None; slots + 1],
        }
    }

    pub fn point(&self, p: &[f64]) -> Point {
        if self.scalar {
            Point::Scalar(p[0])
        } else {
            Point::Vector(p.to_vec())
        }
    }

    /// Number of outputs, known after the first evaluation.
    pub fn outputs(&self) -> usize {
        self.outputs.unwrap_or(1)
    }

    /// `f(x)` itself: a non-finite value there is blamed for every slot
    /// that has no nearer culprit.
    pub fn eval_at_x(&mut self, x: &[f64]) -> Result<Vec<f64>, NumDiffError<E>> {
        let last = self.blame.len() - 1;
        self.eval(x, 0.0, &[last])
    }

    /// `f(p)` for a sample `distance` away from x that feeds watch `slots`.
    pub fn eval(
        &mut self,
        p: &[f64],
        distance: f64,
        slots: &[usize],
    ) -> Result<Vec<f64>, NumDiffError<E>> {
        let values = (self.f)(p).map_err(|source| NumDiffError::Function {
            x: self.point(p),
            source,
        })?;
        match self.outputs {
            None => self.outputs = Some(values.len()),
            Some(expected) if expected != values.len() => {
                return Err(NumDiffError::Shape {
                    x: self.point(p),
                    expected,
                    found: values.len(),
                });
            }
            Some(_) => {}
        }
        if let Some(&bad) = values.iter().find(|v| !v.is_finite()) {
            for &s in slots {
                if self.blame[s].as_ref().is_none_or(|(d, _, _)| distance < *d) {
                    self.blame[s] = Some((distance, self.point(p), bad));
                }
            }
        }
        Ok(values)
    }

    /// The estimate, or when it is not finite an error blaming the nearest
    /// non-finite sample of `slot` (else of `f(x)`), or an overflow at `x`.
    pub fn check(
        &self,
        est: Estimate,
        slot: usize,
        x: &[f64],
    ) -> Result<Estimate, NumDiffError<E>> {
        if est.value.is_finite() {
            return Ok(est);
        }
        let at_x = self.blame.last().expect("f(x) slot");
        Err(match self.blame[slot].as_ref().or(at_x.as_ref()) {
            Some((_, p, v)) => NumDiffError::NonFinite {
                x: p.clone(),
                value: *v,
            },
            None => NumDiffError::Overflow { x: self.point(x) },
        })
    }
}

/// `x + e` where `e` is `h` in component `k` and 0 elsewhere, computed as
/// NumPy does (every component gets `+ 0.0`, so `-0.0` becomes `0.0`).
pub(crate) fn plus(x: &[f64], k: usize, h: f64) -> Vec<f64> {
    x.iter()
        .enumerate()
        .map(|(j, v)| v + if j == k { h } else { 0.0 })
        .collect()
}

/// `x - e`, see [`plus`].
pub(crate) fn minus(x: &[f64], k: usize, h: f64) -> Vec<f64> {
    x.iter()
        .enumerate()
        .map(|(j, v)| v - if j == k { h } else { 0.0 })
        .collect()
}

/// Element-wise `a op b` of two function outputs.
pub(crate) fn zip(a: &[f64], b: &[f64], op: impl Fn(f64, f64) -> f64) -> Vec<f64> {
    a.iter().zip(b).map(|(x, y)| op(*x, *y)).collect()
}
