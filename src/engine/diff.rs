//! `np.diff`: n-th discrete differences along an axis.

mod concat;
mod kernels;

use crate::array::{Array, Axis, Error, Fresh, dispatch, limits};

#[doc(hidden)]
pub use kernels::DiffOp;

/// NumPy's `n` of `np.diff`: how many times to difference.
///
/// The value is kept as given: [`diff`] raises NumPy's error for a negative
/// order, after returning the input unchanged for 0 (NumPy's order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DiffOrder(i64);

impl DiffOrder {
    /// `n=1`, NumPy's default.
    pub const FIRST: DiffOrder = DiffOrder(1);

    /// The argument as the user gave it (unchecked).
    pub const fn new(value: i64) -> DiffOrder {
        DiffOrder(value)
    }

    /// The value as given.
    pub fn value(self) -> i64 {
        self.0
    }
}

impl Default for DiffOrder {
    fn default() -> Self {
        DiffOrder::FIRST
    }
}

impl std::fmt::Display for DiffOrder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Arguments of `np.diff(a, n=1, axis=-1, prepend=<no value>, append=<no value>)`.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffArgs {
    /// `n=`: how many times to difference (0 returns the input; negative is
    /// NumPy's `ValueError`).
    pub n: DiffOrder,
    /// `axis=`: the axis to difference along (negative counts from the end).
    pub axis: Axis,
    /// `prepend=`: values put before `a` along the axis first (a scalar is
    /// broadcast to one slice).
    pub prepend: Option<Array>,
    /// `append=`: values put after `a` along the axis first.
    pub append: Option<Array>,
}

impl Default for DiffArgs {
    fn default() -> Self {
        DiffArgs {
            n: DiffOrder::FIRST,
            axis: Axis(-1),
            prepend: None,
            append: None,
        }
    }
}

/// `np.diff(a, n, axis, prepend, append)`.
///
/// `out[i] = a[i+1] - a[i]` along `axis`, applied `n` times, after
/// concatenating `prepend` / `append` (0-d values are broadcast to one slice
/// along the axis). The result has `max(len - n, 0)` elements along the axis
/// and the promoted dtype of the inputs; integers wrap around; for bool the
/// "difference" is `a[i+1] != a[i]`. `n == 0` returns `a` itself (shared,
/// as NumPy returns the same object). `a` is read where it is: a strided
/// view is not copied, and only the output is allocated.
///
/// # Errors
/// NumPy's, in NumPy's order: `ValueError` for `n < 0` and 0-d input,
/// `AxisError` for `axis` (also when it is out of range for an N-D
/// `prepend`), `ValueError` from `np.concatenate` when `prepend` / `append`
/// do not fit, `MemoryError` above the allocation cap, `KeyboardInterrupt`.
pub fn diff(a: &Array, args: &DiffArgs) -> Result<Array, Error> {
    let n = args.n.value();
    if n == 0 {
        return Ok(a.clone());
    }
    if n < 0 {
        return Err(Error::value(format!(
            "order must be non-negative but got {n}"
        )));
    }
    if a.ndim() == 0 {
        return Err(Error::value(
            "diff requires input that is at least one dimensional",
        ));
    }
    let axis = args.axis.index(a.ndim())?;
    let combined = concat::combine(a, args.prepend.as_ref(), args.append.as_ref(), axis)?;
    let a = combined.as_ref().unwrap_or(a);
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    dispatch!(a.dtype(), T => run::<T>(a, n, axis))
}

fn run<T: DiffOp>(a: &Array, n: usize, axis: usize) -> Result<Array, Error> {
    // The output's shape in this frame (a SmallVec built by `extend` and
    // moved out cost more than the rest of the geometry).
    let (mut inline, mut many) = ([0usize; 8], Vec::new());
    let shape: &mut [usize] = match a.shape() {
        s if s.len() <= inline.len() => {
            inline[..s.len()].copy_from_slice(s);
            &mut inline[..s.len()]
        }
        s => {
            many.extend_from_slice(s);
            &mut many
        }
    };
    shape[axis] = shape[axis].saturating_sub(n);
    let mut out = Fresh::<T>::for_overwrite(shape)?;
    let r = a.read::<T>();
    match r.as_slice() {
        Some(data) => kernels::nth_diff(data, a.shape(), axis, n, out.as_mut_slice())?,
        None => kernels::strided_diff(&r.view(), axis, n, &mut out.view_mut())?,
    }
    drop(r);
    limits::check_interrupt()?;
    Ok(out.finish())
}

/// The concatenated input of a valid `diff` call (for the reference).
pub(crate) fn concat_for_reference(
    a: &Array,
    args: &DiffArgs,
    axis: usize,
) -> Result<Array, Error> {
    Ok(
        concat::combine(a, args.prepend.as_ref(), args.append.as_ref(), axis)?
            .unwrap_or_else(|| a.clone()),
    )
}
