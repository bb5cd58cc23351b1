//! Indexing with NumPy's rules: integers, slices (Python's
//! `slice.indices`), `np.newaxis`, `...` (views), and one boolean mask or
//! integer index array (copies).

use ndarray::{ArrayViewD, ArrayViewMutD, Axis, Dimension};

use super::dtype::DType;
use super::element::Element;
use super::error::{Error, ErrorKind};
use super::fresh::Fresh;
use super::handle::Array;

/// One item of a subscript `a[i, 1:3, None, ..., mask]`.
#[derive(Clone, Debug, PartialEq)]
pub enum Index {
    /// An integer: the axis is removed.
    Int(i64),
    /// `start:stop:step`.
    Slice {
        start: Option<i64>,
        stop: Option<i64>,
        step: Option<i64>,
    },
    /// `None` / `np.newaxis`: a length-1 axis is inserted.
    NewAxis,
    /// `...`: as many `:` as the other items leave.
    Ellipsis,
    /// A boolean array selecting along as many axes as it has.
    Mask(Array),
    /// An integer array selecting along one axis.
    Take(Array),
}

impl Index {
    /// `start:stop:step`.
    pub fn slice(start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Index {
        Index::Slice { start, stop, step }
    }

    /// `:`.
    pub fn full() -> Index {
        Index::slice(None, None, None)
    }

    fn is_advanced(&self) -> bool {
        matches!(self, Index::Mask(_) | Index::Take(_))
    }
}

/// Python's `slice(start, stop, step).indices(len)` as `(start, step,
/// count)`.
///
/// # Errors
/// `ValueError: slice step cannot be zero`.
pub fn slice_indices(
    len: usize,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> Result<(i64, i64, usize), Error> {
    let len = len as i64;
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(Error::value("slice step cannot be zero"));
    }
    let (lower, upper) = if step > 0 { (0, len) } else { (-1, len - 1) };
    let clamp = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(v) if v < 0 => v.saturating_add(len).max(lower),
        Some(v) => v.min(upper),
    };
    let start = clamp(start, if step > 0 { lower } else { upper });
    let stop = clamp(stop, if step > 0 { upper } else { lower });
    let count = if step > 0 && stop > start {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / step.saturating_neg() + 1
    } else {
        0
    };
    Ok((start, step, count as usize))
}

/// The items with `...` expanded, after NumPy's count checks.
pub(super) fn plan_items(items: &[Index], ndim: usize) -> Result<Vec<Index>, Error> {
    let consuming: usize = items
        .iter()
        .map(|i| match i {
            Index::Int(_) | Index::Slice { .. } | Index::Take(_) => 1,
            Index::Mask(m) => m.ndim(),
            Index::NewAxis | Index::Ellipsis => 0,
        })
        .sum();
    if consuming > ndim {
        return Err(Error::index(format!(
            "too many indices for array: array is {ndim}-dimensional, but {consuming} were indexed"
        )));
    }
    if items
        .iter()
        .filter(|i| matches!(i, Index::Ellipsis))
        .count()
        > 1
    {
        return Err(Error::index(
            "an index can only have a single ellipsis ('...')",
        ));
    }
    if items.iter().filter(|i| i.is_advanced()).count() > 1 {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            "gradlab supports one boolean or integer index array per subscript",
        ));
    }
    let mut out = Vec::with_capacity(items.len() + ndim);
    for item in items {
        match item {
            Index::Ellipsis => out.extend((consuming..ndim).map(|_| Index::full())),
            other => out.push(other.clone()),
        }
    }
    Ok(out)
}

/// Whether `items` pick one element of an array of `ndim` dimensions
/// (an integer for every axis), so NumPy returns a scalar.
pub fn selects_element(items: &[Index], ndim: usize) -> bool {
    items.iter().all(|i| matches!(i, Index::Int(_))) && items.len() == ndim
}

/// A selection by one advanced item: the basic view of the other items,
/// the axis the advanced item applies at, and the positions it picks
/// there (each a multi-index into the axes it consumes).
pub(super) struct Selection {
    pub view: Array,
    pub axis: usize,
    /// Axes consumed by the advanced item (the mask's ndim, 1 for take).
    pub consumed: usize,
    /// Shape of the picked positions in the result (`(count,)` for a mask,
    /// the index array's shape for take).
    pub picked_shape: Vec<usize>,
    pub positions: Vec<Vec<usize>>,
}

impl Array {
    /// `a[items]`: a view for basic items, a copy when one item is a mask
    /// or an index array. A 0-d view when every axis gets an integer (see
    /// [`selects_element`]).
    ///
    /// # Errors
    /// NumPy's `IndexError`s (too many indices, out of bounds, mask shape)
    /// and `ValueError: slice step cannot be zero`; `MemoryError` for a
    /// copy above the cap.
    pub fn index(&self, items: &[Index]) -> Result<Array, Error> {
        let items = plan_items(items, self.ndim())?;
        match items.iter().position(Index::is_advanced) {
            None => self.basic(&items),
            Some(_) => {
                let sel = self.select(&items)?;
                crate::dispatch!(self.dtype(), T => gather::<T>(&sel))
            }
        }
    }

    /// Basic items (ints, slices, new axes) applied in turn.
    pub(super) fn basic(&self, items: &[Index]) -> Result<Array, Error> {
        let mut v = self.clone();
        let mut axis = 0;
        for item in items {
            v = match item {
                Index::Int(i) => v.index_axis(axis, *i)?,
                Index::Slice { start, stop, step } => {
                    axis += 1;
                    v.slice_axis(axis - 1, *start, *stop, *step)?
                }
                Index::NewAxis => {
                    axis += 1;
                    v.insert_axis(axis - 1)
                }
                Index::Ellipsis | Index::Mask(_) | Index::Take(_) => {
                    unreachable!("planned items hold basic items only here")
                }
            };
        }
        Ok(v)
    }

    /// Resolves planned items holding one advanced item. The basic items
    /// after it apply to later axes, so they are applied first.
    pub(super) fn select(&self, items: &[Index]) -> Result<Selection, Error> {
        let pos = items
            .iter()
            .position(Index::is_advanced)
            .expect("one advanced item");
        let before = &items[..pos];
        let axis = before
            .iter()
            .filter(|i| !matches!(i, Index::Int(_)))
            .count();
        let consumed = match &items[pos] {
            Index::Mask(m) => m.ndim(),
            _ => 1,
        };
        let mut after = vec![Index::full(); axis + consumed];
        after.extend_from_slice(&items[pos + 1..]);
        let view = self.basic(before)?.basic(&after)?;
        let (consumed, picked_shape, positions) = match &items[pos] {
            Index::Take(ix) => {
                let len = view.shape[axis];
                let n = len as i64;
                let ix = ix.as_dtype(DType::Int64)?;
                let mut positions = Vec::with_capacity(ix.len());
                for i in ix.read::<i64>().iter() {
                    if i < -n || i >= n {
                        return Err(Error::index(format!(
                            "index {i} is out of bounds for axis {axis} with size {len}"
                        )));
                    }
                    positions.push(vec![if i < 0 { i + n } else { i } as usize]);
                }
                (1, ix.shape.to_vec(), positions)
            }
            Index::Mask(m) => {
                let k = m.ndim();
                let lead = &view.shape[axis..axis + k];
                if let Some(d) = (0..k).find(|&d| m.shape[d] != lead[d]) {
                    return Err(Error::index(format!(
                        "boolean index did not match indexed array along axis {}; size of axis is {} but size of corresponding boolean axis is {}",
                        axis + d,
                        lead[d],
                        m.shape[d]
                    )));
                }
                let r = m.read::<bool>();
                let v = r.view();
                let positions: Vec<Vec<usize>> = v
                    .indexed_iter()
                    .filter(|(_, keep)| **keep)
                    .map(|(idx, _)| idx.slice().to_vec())
                    .collect();
                (k, vec![positions.len()], positions)
            }
            _ => unreachable!("an advanced item"),
        };
        Ok(Selection {
            view,
            axis,
            consumed,
            picked_shape,
            positions,
        })
    }
}

impl Selection {
    /// The shape of the selected elements: the view's axes before the
    /// advanced item, the picked shape, then the axes after it.
    pub fn shape(&self) -> Vec<usize> {
        let s = self.view.shape();
        let mut out = s[..self.axis].to_vec();
        out.extend_from_slice(&self.picked_shape);
        out.extend_from_slice(&s[self.axis + self.consumed..]);
        out
    }

    /// The view's sub-block at one picked position (its `consumed` axes
    /// indexed away).
    pub fn block<'v, T>(&self, v: &ArrayViewD<'v, T>, position: &[usize]) -> ArrayViewD<'v, T> {
        let mut b = v.clone();
        for &p in position {
            b.index_axis_inplace(Axis(self.axis), p);
        }
        b
    }

    /// [`Selection::block`] of a mutable view.
    pub fn block_mut<'s, T>(
        &self,
        v: &'s mut ArrayViewMutD<'_, T>,
        position: &[usize],
    ) -> ArrayViewMutD<'s, T> {
        let mut b = v.view_mut();
        for &p in position {
            b.index_axis_inplace(Axis(self.axis), p);
        }
        b
    }
}

/// The selected elements as a new array of [`Selection::shape`].
fn gather<T: Element>(sel: &Selection) -> Result<Array, Error> {
    let shape = sel.shape();
    let mut out = Fresh::<T>::zeroed(&shape)?;
    {
        let src = sel.view.read::<T>();
        let src = src.view();
        // The picked axes of the output, flattened to one.
        let picked = sel.picked_shape.len();
        let mut flat_shape = shape[..sel.axis].to_vec();
        flat_shape.push(sel.positions.len());
        flat_shape.extend_from_slice(&shape[sel.axis + picked..]);
        let mut dst = out
            .view_mut()
            .into_shape_with_order(flat_shape)
            .expect("C-order output");
        for (j, p) in sel.positions.iter().enumerate() {
            dst.index_axis_mut(Axis(sel.axis), j)
                .assign(&sel.block(&src, p));
        }
    }
    Ok(out.finish())
}
