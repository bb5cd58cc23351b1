//! Numerical derivatives of functions the way numdifftools 0.11 computes
//! them: differences at a geometric sequence of steps, Richardson
//! extrapolation, Wynn's epsilon algorithm, and the estimate of least
//! error estimate.
//!
//! ```
//! use gradlab::numdiff::{derivative, DerivativeOptions, FnError};
//! let mut f = |x: f64| -> Result<f64, FnError> { Ok(x * x + 1.0) };
//! let d = derivative(&mut f, 1.0, &DerivativeOptions::default()).unwrap();
//! assert!((d.value - 2.0).abs() < 1e-14);
//! ```
//!
//! # The method (numdifftools' defaults)
//! For the `n`-th derivative at `x` with `method = central`, `order = 2`:
//! 1. steps `h_i = 2 · max(ln(e - 1 + |x|), 1) · r^-i`, `i = 0..15`, with
//!    `r = 2` for `n = 1` and `r = 1.6` otherwise (a given `step` instead
//!    gives the fewest steps the rule needs, `step · r^i`, and no more);
//! 2. a basic difference at each step — central `(f(x+h) - f(x-h))/2` for
//!    odd `n`, `(f(x+h) + f(x-h))/2 - f(x)` for even `n`, forward
//!    `f(x+h) - f(x)`, backward `f(x) - f(x-h)` — combined over
//!    neighbouring steps by a Taylor rule and divided by `h^n`;
//! 3. Richardson extrapolation eliminating two more error terms, then
//!    Wynn's epsilon (`dea3`) on each three consecutive estimates;
//! 4. estimates far from the median (10× or outside the Tukey fences) get
//!    their distance added to their error; the estimate of least error
//!    wins, and that error is [`Estimate::error`] (numdifftools'
//!    `error_estimate` with `full_output=True`).
//!
//! Accuracy on smooth functions is about 1e-14 relative for first and
//! 1e-12 for second derivatives (see `tests/numdiff.rs`).
//!
//! # Errors
//! * The function fails at a sample: [`NumDiffError::Function`] with the
//!   point, e.g. `math.log` at `x - h < 0`. (numdifftools propagates the
//!   exception; large steps routinely cross domain boundaries, so a
//!   function that *raises* there fails where numdifftools fails.)
//! * The function returns NaN/inf at some samples: tolerated as in
//!   numdifftools when other steps give a finite estimate (`log` at 1 samples
//!   `log(-1)`); when the final estimate is not finite — where numdifftools
//!   would return `nan` — [`NumDiffError::NonFinite`] names the offending
//!   sample nearest `x`: `function returned nan at x = -0.0001220703125`.
//! * Bad options: [`NumDiffError::Invalid`].
//!
//! # How numdifftools shapes results (to reproduce them)
//! Checked with numdifftools 0.11.2 / NumPy 2.4; `f1 = lambda x: x**2 + 1`,
//! `sumsq = lambda x: np.sum(x**2)`. Every result is a float64 `ndarray`,
//! never a Python float.
//!
//! | call | result |
//! |---|---|
//! | `nd.Derivative(f1)(1)` (int or float scalar x) | 0-d: `array(2.)` |
//! | `nd.Derivative(f1)([1])` | shape (1,): `array([2.])` |
//! | `nd.Derivative(f1)([1, 2, 3])`, tuple too | shape (3,), element-wise |
//! | `nd.Derivative(f1)(2-D x)` | same shape as x, element-wise |
//! | `nd.Derivative(f, n=0)(x)` | `f(x)` as an array |
//! | `nd.Derivative(f, full_output=True)(x)` | `EstimateResult(estimate=, error_estimate=, final_step=, best_index=)`, estimate/error shaped like x |
//! | `nd.Gradient(f1)(1)` / `nd.Gradient(f1)([1])` | 0-d: `array(2.)` (squeezed) |
//! | `nd.Gradient(sumsq)([1, 2, 3])` | shape (3,): `array([2., 4., 6.])` |
//! | `nd.Gradient(sumsq)([[1, 2], [3, 4]])` | x is raveled: shape (4,) |
//! | `nd.Gradient(f1)([1, 2])` (f returns a vector) | the Jacobian, shape (2, 2) |
//! | `nd.Gradient(sumsq, full_output=True)([1, 2])` | estimate (2,), error_estimate **(1, 2)** (not squeezed) |
//! | `nd.Jacobian(sumsq)([1, 2, 3])` (scalar f) | shape (1, 3): `array([[2., 4., 6.]])` |
//! | `nd.Jacobian(f1)(1)` | shape (1, 1): `array([[2.]])` |
//! | `nd.Jacobian(f)(x)`, f: n → m values | shape (m, n), e.g. (2, 3); (2, 1) for scalar x |
//! | `nd.Hessian(sumsq)(1.0)` / `([1.0])` | shape (1, 1): `array([[2.]])` |
//! | `nd.Hessian(sumsq)([1, 2, 3])` | shape (3, 3) |
//! | `nd.Hessian(f1)(1)` (f returns a 1-element array) | shape (1, 1, 1): `array([[[2.]]])` |
//! | `nd.Hessdiag(sumsq)([1, 2])` | shape (2,) |
//!
//! Element-wise `nd.Derivative` on an array equals calling [`derivative`]
//! per element: steps and extrapolation are per element. `nd.Gradient` and
//! `nd.Jacobian` always evaluate `f(x)` first; `nd.Derivative` does so only
//! for even central derivatives and one-sided methods (so `sin(x)/x` at 0
//! works: `array(0.)`). Non-finite results numdifftools returns silently:
//! `nd.Derivative(np.log)(0)` and `nd.Derivative(np.sqrt)(0)` are
//! `array(nan)`; `nd.Derivative(lambda x: 1/x)(0.)` is `array(-3.55e-15)`.
//! A raising function propagates its exception (`math.log` → `ValueError:
//! math domain error`).

mod error;
mod extrapolate;
mod hessian;
mod partials;
mod probe;
mod rules;
mod steps;

pub use error::{FnError, NumDiffError, Point, py_float_repr};

use probe::Sampler;

/// A function of a vector returning a vector, as [`jacobian`] takes it.
pub type VectorFn<'a, E> = dyn FnMut(&[f64]) -> Result<Vec<f64>, E> + 'a;

/// Which side(s) of `x` the function is sampled on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Method {
    #[default]
    Central,
    Forward,
    Backward,
}

impl Method {
    /// numdifftools' spelling: `central`, `forward`, `backward`.
    pub fn name(self) -> &'static str {
        match self {
            Method::Central => "central",
            Method::Forward => "forward",
            Method::Backward => "backward",
        }
    }

    /// Parses numdifftools' spelling; `None` for anything else (including
    /// `complex` and `multicomplex`, which gradlab does not support).
    pub fn from_name(name: &str) -> Option<Method> {
        match name {
            "central" => Some(Method::Central),
            "forward" => Some(Method::Forward),
            "backward" => Some(Method::Backward),
            _ => None,
        }
    }
}

/// numdifftools' `Derivative(f, step=None, method='central', order=2, n=1)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DerivativeOptions {
    /// Order of the derivative (0 gives `f(x)`); at most [`MAX_ORDER`].
    pub n: usize,
    pub method: Method,
    /// Order of the truncation error of the difference rule (rounded down
    /// to even for central differences); at most [`MAX_ORDER`].
    pub order: usize,
    /// A fixed base step instead of the adaptive sequence; finite, nonzero.
    pub step: Option<f64>,
}

/// Largest `n` and `order` accepted: beyond it the Taylor systems are
/// numerically singular and numdifftools' results are noise anyway.
pub const MAX_ORDER: usize = 30;

impl Default for DerivativeOptions {
    fn default() -> Self {
        DerivativeOptions {
            n: 1,
            method: Method::Central,
            order: 2,
            step: None,
        }
    }
}

/// A derivative and numdifftools' estimate of its absolute error, with
/// where it came from (numdifftools' `EstimateResult` fields).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub value: f64,
    /// `error_estimate`.
    pub error: f64,
    /// `final_step`: the step of the winning estimate (0 for `n = 0`).
    pub step: f64,
    /// The winning estimate's row in the extrapolated sequence;
    /// numdifftools' `best_index` is `index * size + element` where `size`
    /// is the number of elements differentiated together.
    pub index: usize,
}

fn validate<E>(opts: &DerivativeOptions) -> Result<(), NumDiffError<E>> {
    if opts.n > MAX_ORDER || opts.order > MAX_ORDER {
        return Err(NumDiffError::Invalid(format!(
            "n and order must be at most {MAX_ORDER} (got n={}, order={})",
            opts.n, opts.order
        )));
    }
    match opts.step {
        Some(h) if !h.is_finite() || h == 0.0 => Err(NumDiffError::Invalid(format!(
            "step must be a finite nonzero number, not {}",
            py_float_repr(h)
        ))),
        _ => Ok(()),
    }
}

fn validate_x<E>(x: &[f64]) -> Result<(), NumDiffError<E>> {
    if x.is_empty() {
        return Err(NumDiffError::Invalid(
            "x must have at least one element".into(),
        ));
    }
    Ok(())
}

/// The `n`-th derivative of `f` at `x` (`nd.Derivative(f, **opts)(x)` with
/// `full_output=True`).
///
/// # Errors
/// See the [module docs](self#errors).
pub fn derivative<E>(
    f: &mut dyn FnMut(f64) -> Result<f64, E>,
    x: f64,
    opts: &DerivativeOptions,
) -> Result<Estimate, NumDiffError<E>> {
    validate(opts)?;
    let mut g = |p: &[f64]| f(p[0]).map(|v| vec![v]);
    let mut s = Sampler::new(&mut g, true, 1);
    if opts.n == 0 {
        let v = s.eval_at_x(&[x])?[0];
        // Richardson of one value: error (|f| eps + 0) * 12.706...
        let est = Estimate {
            value: v,
            error: v.abs() * f64::EPSILON * 12.7062047361747,
            step: 0.0,
            index: 0,
        };
        return s.check(est, 0, &[x]);
    }
    let est = partials::partials(&mut s, &[x], opts, opts.n, false)?;
    Ok(est[0][0])
}

/// The gradient of a scalar function of a vector (`nd.Gradient(f, **opts)(x)`
/// with `full_output=True`): one estimate per element of `x`.
///
/// `opts.n` is ignored (always the first derivative), as in numdifftools.
///
/// # Errors
/// See the [module docs](self#errors); also `Invalid` for an empty `x`.
pub fn gradient<E>(
    f: &mut dyn FnMut(&[f64]) -> Result<f64, E>,
    x: &[f64],
    opts: &DerivativeOptions,
) -> Result<Vec<Estimate>, NumDiffError<E>> {
    validate(opts)?;
    validate_x(x)?;
    let mut g = |p: &[f64]| f(p).map(|v| vec![v]);
    let mut s = Sampler::new(&mut g, false, x.len());
    let mut rows = partials::partials(&mut s, x, opts, 1, true)?;
    Ok(rows.swap_remove(0))
}

/// The Jacobian `J[o][k] = d f_o / d x_k` of a vector function of a vector
/// (`nd.Jacobian(f, **opts)(x)`); every call of `f` must return as many
/// values as `f(x)`.
///
/// # Errors
/// See the [module docs](self#errors); also `Shape` when `f` changes its
/// output length and `Invalid` for an empty `x`.
pub fn jacobian<E>(
    f: &mut VectorFn<'_, E>,
    x: &[f64],
    opts: &DerivativeOptions,
) -> Result<Vec<Vec<f64>>, NumDiffError<E>> {
    jacobian_estimates(f, x, opts).map(values)
}

/// [`jacobian`] with each entry's error estimate and step
/// (`full_output=True`).
///
/// # Errors
/// As [`jacobian`].
pub fn jacobian_estimates<E>(
    f: &mut VectorFn<'_, E>,
    x: &[f64],
    opts: &DerivativeOptions,
) -> Result<Vec<Vec<Estimate>>, NumDiffError<E>> {
    validate(opts)?;
    validate_x(x)?;
    let mut s = Sampler::new(f, false, x.len());
    partials::partials(&mut s, x, opts, 1, true)
}

/// The Hessian `H[i][j] = d²f / dx_i dx_j` of a scalar function of a small
/// vector (`nd.Hessian(f, method=opts.method, step=opts.step)(x)`); costs
/// about `15 · 2n²` calls of `f`. `opts.n` and `opts.order` are ignored.
///
/// # Errors
/// See the [module docs](self#errors); `Invalid` for an empty `x`.
pub fn hessian<E>(
    f: &mut dyn FnMut(&[f64]) -> Result<f64, E>,
    x: &[f64],
    opts: &DerivativeOptions,
) -> Result<Vec<Vec<f64>>, NumDiffError<E>> {
    hessian_estimates(f, x, opts).map(values)
}

/// [`hessian`] with each entry's error estimate and step
/// (`full_output=True`).
///
/// # Errors
/// As [`hessian`].
pub fn hessian_estimates<E>(
    f: &mut dyn FnMut(&[f64]) -> Result<f64, E>,
    x: &[f64],
    opts: &DerivativeOptions,
) -> Result<Vec<Vec<Estimate>>, NumDiffError<E>> {
    validate(opts)?;
    validate_x(x)?;
    let mut g = |p: &[f64]| f(p).map(|v| vec![v]);
    let mut s = Sampler::new(&mut g, false, x.len() * x.len());
    hessian::hessian_estimates(&mut s, x, opts)
}

fn values(est: Vec<Vec<Estimate>>) -> Vec<Vec<f64>> {
    est.into_iter()
        .map(|row| row.into_iter().map(|e| e.value).collect())
        .collect()
}
