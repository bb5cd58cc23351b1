//! `np.diff`: n-th discrete differences along an axis.

use super::{Array, Error};

/// Arguments of `np.diff(a, n=1, axis=-1, prepend=<no value>, append=<no value>)`.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffArgs {
    pub n: i64,
    pub axis: i64,
    pub prepend: Option<Array>,
    pub append: Option<Array>,
}

impl Default for DiffArgs {
    fn default() -> Self {
        DiffArgs {
            n: 1,
            axis: -1,
            prepend: None,
            append: None,
        }
    }
}

/// `np.diff(a, n, axis, prepend, append)`.
pub fn diff(_a: &Array, _args: &DiffArgs) -> Result<Array, Error> {
    Err(Error::value("np.diff is not implemented yet"))
}
