//! `np.gradient`: second-order accurate central differences in the interior
//! and first- or second-order one-sided differences at the boundaries.

use super::{Array, Error};

/// The `axis` argument of `np.gradient`.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum AxisArg {
    /// `axis=None`: every axis.
    #[default]
    All,
    /// `axis=k` (negative counts from the end).
    One(i64),
    /// `axis=(j, k, ...)`.
    Many(Vec<i64>),
}

/// Arguments of `np.gradient(f, *varargs, axis=None, edge_order=1)`.
#[derive(Clone, Debug, PartialEq)]
pub struct GradientArgs {
    /// The spacing arguments as given: each a 0-d array (a scalar) or a
    /// coordinate array.
    pub varargs: Vec<Array>,
    pub axis: AxisArg,
    pub edge_order: i64,
}

impl Default for GradientArgs {
    fn default() -> Self {
        GradientArgs {
            varargs: Vec::new(),
            axis: AxisArg::All,
            edge_order: 1,
        }
    }
}

/// What `np.gradient` returns: one array, or a tuple of arrays (one per axis).
#[derive(Clone, Debug, PartialEq)]
pub enum Gradient {
    One(Array),
    Many(Vec<Array>),
}

impl Gradient {
    /// The single array, if NumPy returns one.
    pub fn into_single(self) -> Option<Array> {
        match self {
            Gradient::One(a) => Some(a),
            Gradient::Many(_) => None,
        }
    }
}

/// `np.gradient(f, *varargs, axis=axis, edge_order=edge_order)`.
pub fn gradient(_f: &Array, _args: &GradientArgs) -> Result<Gradient, Error> {
    Err(Error::value("np.gradient is not implemented yet"))
}
