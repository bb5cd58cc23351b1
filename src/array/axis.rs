//! Axes as NumPy takes them: one normaliser with NumPy's `AxisError`, and
//! the `axis=` argument as a type made once at argument binding.

use super::error::Error;

/// NumPy's `normalize_axis_index`: `axis` in `[-ndim, ndim)`, negative
/// counting from the end.
///
/// # Errors
/// `AxisError: axis 3 is out of bounds for array of dimension 2`.
pub fn normalize_axis(axis: i64, ndim: usize) -> Result<usize, Error> {
    let n = ndim as i64;
    if axis < -n || axis >= n {
        return Err(Error::axis(axis, ndim));
    }
    Ok(if axis < 0 { axis + n } else { axis } as usize)
}

/// NumPy's `normalize_axis_tuple`: each axis normalised, in the given
/// order.
///
/// # Errors
/// [`normalize_axis`]'s, then `ValueError: repeated axis`.
pub fn normalize_axis_tuple(axes: &[i64], ndim: usize) -> Result<Vec<usize>, Error> {
    let out = axes
        .iter()
        .map(|&a| normalize_axis(a, ndim))
        .collect::<Result<Vec<_>, _>>()?;
    for (i, a) in out.iter().enumerate() {
        if out[..i].contains(a) {
            return Err(Error::value("repeated axis"));
        }
    }
    Ok(out)
}

/// One axis argument as the user gave it (`axis=-1`), before it is
/// normalised against an array's dimensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Axis(pub i64);

impl Axis {
    /// The axis as an index into a shape of `ndim` dimensions.
    ///
    /// # Errors
    /// NumPy's `AxisError`.
    pub fn index(self, ndim: usize) -> Result<usize, Error> {
        normalize_axis(self.0, ndim)
    }
}

impl std::fmt::Display for Axis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The `axis=` argument of functions taking several axes: `None` (every
/// axis), one axis, or a tuple of axes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum AxisSpec {
    /// `axis=None`.
    #[default]
    All,
    /// `axis=k`.
    One(Axis),
    /// `axis=(j, k, ...)`.
    Many(Vec<Axis>),
}

impl AxisSpec {
    /// The axes of an array of `ndim` dimensions, normalised, in the order
    /// given (`All` is `0..ndim`).
    ///
    /// # Errors
    /// NumPy's `AxisError`, and `ValueError: repeated axis` for a tuple.
    pub fn resolve(&self, ndim: usize) -> Result<Vec<usize>, Error> {
        match self {
            AxisSpec::All => Ok((0..ndim).collect()),
            AxisSpec::One(a) => Ok(vec![a.index(ndim)?]),
            AxisSpec::Many(v) => {
                normalize_axis_tuple(&v.iter().map(|a| a.0).collect::<Vec<_>>(), ndim)
            }
        }
    }
}
