//! Views: new geometry over the same buffer (slices, integer indices, new
//! axes, transposes, reshapes that NumPy does without copying, broadcasts).

use super::axis::normalize_axis;
use super::error::Error;
use super::handle::Array;
use super::index::slice_indices;
use super::shape::{Dims, Strides, reshape_strides, shape_compact};

impl Array {
    /// `a[..., start:stop:step, ...]` on `axis` (Python's slice rules).
    ///
    /// # Errors
    /// `ValueError: slice step cannot be zero`.
    pub fn slice_axis(
        &self,
        axis: usize,
        start: Option<i64>,
        stop: Option<i64>,
        step: Option<i64>,
    ) -> Result<Array, Error> {
        let (first, step, count) = slice_indices(self.shape[axis], start, stop, step)?;
        let mut shape = self.shape.to_vec();
        let mut strides = self.strides.to_vec();
        let offset = if count == 0 {
            self.offset
        } else {
            offset_by(self.offset, first as isize * self.strides[axis])
        };
        shape[axis] = count;
        strides[axis] = self.strides[axis] * step as isize;
        Ok(self.view_with(offset, shape, strides))
    }

    /// `a[..., i, ...]` on `axis`: the axis removed (negative `i` counts
    /// from the end).
    ///
    /// # Errors
    /// `IndexError: index 5 is out of bounds for axis 0 with size 3`.
    pub fn index_axis(&self, axis: usize, i: i64) -> Result<Array, Error> {
        let len = self.shape[axis];
        let n = len as i64;
        if i < -n || i >= n {
            return Err(Error::index(format!(
                "index {i} is out of bounds for axis {axis} with size {len}"
            )));
        }
        let i = if i < 0 { i + n } else { i };
        let mut shape = self.shape.to_vec();
        let mut strides = self.strides.to_vec();
        let offset = offset_by(self.offset, i as isize * strides[axis]);
        shape.remove(axis);
        strides.remove(axis);
        Ok(self.view_with(offset, shape, strides))
    }

    /// The same elements through a handle that refuses writes (NumPy's
    /// read-only results, e.g. `np.imag` of a real array).
    pub fn read_only(&self) -> Array {
        let mut v = self.view_with(self.offset, self.shape.to_vec(), self.strides.to_vec());
        v.writeable = false;
        v
    }

    /// `a[..., np.newaxis, ...]`: a length-1 axis inserted before `axis`.
    pub fn insert_axis(&self, axis: usize) -> Array {
        let mut shape = self.shape.to_vec();
        let mut strides = self.strides.to_vec();
        shape.insert(axis, 1);
        strides.insert(axis, 0);
        self.view_with(self.offset, shape, strides)
    }

    /// `a.transpose(axes)`; `None` reverses the axes (`a.T`).
    ///
    /// # Errors
    /// NumPy's: `ValueError: axes don't match array`, `AxisError`,
    /// `ValueError: repeated axis in transpose`.
    pub fn transpose(&self, axes: Option<&[i64]>) -> Result<Array, Error> {
        let n = self.ndim();
        let perm: Vec<usize> = match axes {
            None => (0..n).rev().collect(),
            Some(ax) => {
                if ax.len() != n {
                    return Err(Error::value("axes don't match array"));
                }
                let mut seen = vec![false; n];
                let mut perm = Vec::with_capacity(n);
                for &k in ax {
                    let k = normalize_axis(k, n)?;
                    if std::mem::replace(&mut seen[k], true) {
                        return Err(Error::value("repeated axis in transpose"));
                    }
                    perm.push(k);
                }
                perm
            }
        };
        let shape: Dims = perm.iter().map(|&k| self.shape[k]).collect();
        let strides: Strides = perm.iter().map(|&k| self.strides[k]).collect();
        Ok(self.view_with(self.offset, shape, strides))
    }

    /// `a.T`: the axes reversed.
    pub fn t(&self) -> Array {
        self.transpose(None)
            .expect("reversing the axes is always valid")
    }

    /// `a.reshape(dims)` with at most one `-1` inferred: a view when NumPy
    /// gives one (the elements are laid out compatibly), else a C-order
    /// copy.
    ///
    /// # Errors
    /// NumPy's: `can only specify one unknown dimension`, `negative
    /// dimensions not allowed`, `cannot reshape array of size 6 into shape
    /// (4,-1)`; `MemoryError` when a copy does not fit.
    pub fn reshape(&self, dims: &[i64]) -> Result<Array, Error> {
        let shape = infer_shape(self.len(), dims)?;
        self.reshape_to(&shape)
    }

    /// [`Array::reshape`] to a shape of the same size.
    ///
    /// # Errors
    /// `ValueError` when the sizes differ; `MemoryError` when a copy does
    /// not fit.
    pub fn reshape_to(&self, shape: &[usize]) -> Result<Array, Error> {
        if shape.iter().product::<usize>() != self.len() {
            return Err(Error::value(format!(
                "cannot reshape array of size {} into shape {}",
                self.len(),
                shape_compact(shape)
            )));
        }
        if self.is_c_contiguous() {
            let offset = self.extent().map_or(self.offset, |(lo, _)| lo);
            return Ok(self.view_with(offset, shape, reshape_strides(shape)));
        }
        match nocopy_strides(&self.shape, &self.strides, shape) {
            Some(strides) => Ok(self.view_with(self.offset, shape.to_vec(), strides)),
            None => self.copy()?.reshape_to(shape),
        }
    }

    /// `a.ravel()`: 1-D, a view when the array is C-contiguous.
    ///
    /// # Errors
    /// `MemoryError` when a copy does not fit.
    pub fn ravel(&self) -> Result<Array, Error> {
        self.reshape_to(&[self.len()])
    }

    /// `a.flatten()`: a 1-D copy.
    ///
    /// # Errors
    /// `MemoryError` when the copy does not fit.
    pub fn flatten(&self) -> Result<Array, Error> {
        self.copy()?.reshape_to(&[self.len()])
    }
}

/// `base + delta` for an element index known to stay inside the buffer.
fn offset_by(base: usize, delta: isize) -> usize {
    (base as isize + delta) as usize
}

/// NumPy's shape of `reshape(dims)` for an array of `size` elements.
fn infer_shape(size: usize, dims: &[i64]) -> Result<Vec<usize>, Error> {
    let unknown: Vec<usize> = (0..dims.len()).filter(|&i| dims[i] == -1).collect();
    if unknown.len() > 1 {
        return Err(Error::value("can only specify one unknown dimension"));
    }
    if dims.iter().any(|&d| d < -1) {
        return Err(Error::value("negative dimensions not allowed"));
    }
    let bad = || {
        Error::value(format!(
            "cannot reshape array of size {size} into shape {}",
            shape_compact(dims)
        ))
    };
    let known = dims
        .iter()
        .filter(|&&d| d >= 0)
        .try_fold(1usize, |acc, &d| acc.checked_mul(d as usize))
        .ok_or_else(bad)?;
    let mut shape: Vec<usize> = dims.iter().map(|&d| d.max(0) as usize).collect();
    match unknown.as_slice() {
        [k] => {
            if known == 0 || !size.is_multiple_of(known) {
                return Err(bad());
            }
            shape[*k] = size / known;
        }
        _ if known != size => return Err(bad()),
        _ => {}
    }
    Ok(shape)
}

/// NumPy's `_attempt_nocopy_reshape` (C order): the strides that give
/// `new` over the elements of (`old`, `strides`), if any.
fn nocopy_strides(old: &[usize], strides: &[isize], new: &[usize]) -> Option<Vec<isize>> {
    // Length-1 axes have no effect but would need special cases.
    let (od, os): (Vec<usize>, Vec<isize>) = old
        .iter()
        .zip(strides)
        .filter(|(n, _)| **n != 1)
        .map(|(&n, &s)| (n, s))
        .unzip();
    let mut ns = vec![0isize; new.len()];
    let (mut oi, mut oj, mut ni, mut nj) = (0, 1, 0, 1);
    while ni < new.len() && oi < od.len() {
        let (mut np, mut op) = (new[ni], od[oi]);
        while np != op {
            if np < op {
                np *= *new.get(nj)?;
                nj += 1;
            } else {
                op *= *od.get(oj)?;
                oj += 1;
            }
        }
        for ok in oi..oj - 1 {
            if os[ok] != od[ok + 1] as isize * os[ok + 1] {
                return None;
            }
        }
        ns[nj - 1] = os[oj - 1];
        for nk in (ni + 1..nj).rev() {
            ns[nk - 1] = ns[nk] * new[nk] as isize;
        }
        ni = nj;
        nj += 1;
        oi = oj;
        oj += 1;
    }
    let last = if ni >= 1 { ns[ni - 1] } else { 1 };
    for s in &mut ns[ni..] {
        *s = last;
    }
    Some(ns)
}
