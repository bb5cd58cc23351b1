//! `a.diagonal(offset, axis1, axis2)`: NumPy's read-only diagonal view
//! (the diagonal becomes the last axis, its stride the two axes' sum).

use super::axis::normalize_axis;
use super::error::{Error, ErrorKind};
use super::handle::Array;

impl Array {
    /// NumPy's `np.diagonal`: a read-only view sharing the elements.
    ///
    /// # Errors
    /// NumPy's: `diag requires an array of at least two dimensions`,
    /// `AxisError` naming `axis1`/`axis2`, `axis1 and axis2 cannot be the
    /// same`.
    pub fn diagonal(&self, offset: i64, axis1: i64, axis2: i64) -> Result<Array, Error> {
        let n = self.ndim();
        if n < 2 {
            return Err(Error::value(
                "diag requires an array of at least two dimensions",
            ));
        }
        let named = |axis: i64, name: &str| {
            normalize_axis(axis, n).map_err(|e| match e.kind {
                ErrorKind::AxisError => Error::new(e.kind, format!("{name}: {}", e.message)),
                _ => e,
            })
        };
        let (a1, a2) = (named(axis1, "axis1")?, named(axis2, "axis2")?);
        if a1 == a2 {
            return Err(Error::value("axis1 and axis2 cannot be the same"));
        }
        let (len1, len2) = (self.shape[a1] as i64, self.shape[a2] as i64);
        let (start1, start2) = if offset >= 0 {
            (0, offset)
        } else {
            (-offset, 0)
        };
        let len = (len1 - start1).min(len2 - start2).max(0);
        let (s1, s2) = (self.strides[a1], self.strides[a2]);
        let offset = match len {
            0 => self.offset,
            _ => (self.offset as isize + start1 as isize * s1 + start2 as isize * s2) as usize,
        };
        let keep = (0..n).filter(|&k| k != a1 && k != a2);
        let mut shape: Vec<usize> = keep.clone().map(|k| self.shape[k]).collect();
        let mut strides: Vec<isize> = keep.map(|k| self.strides[k]).collect();
        shape.push(len as usize);
        strides.push(s1 + s2);
        let mut v = self.view_with(offset, shape, strides);
        v.writeable = false;
        Ok(v)
    }
}
