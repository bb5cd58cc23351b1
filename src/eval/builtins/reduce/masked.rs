//! The general reduction behind NumPy's reduction keywords (`where=`,
//! `initial=`, `dtype=`, a tuple `axis=`): every output element starts
//! from an initial value and takes the selected elements of its lanes in
//! NumPy's iteration order, run by run, so float sums keep NumPy's
//! pairwise order (`acc += pairwise(run)`, as its masked inner loop does).

use ndarray::{ArrayD, ArrayViewD, IxDyn};

use crate::array::{Array, DType, shape_compact};

use super::super::super::args::Bound;
use super::super::super::convert::{index_int, norm_axis, to_array, truthy};
use super::super::super::error::{EvalError, EvalResult};
use super::super::super::value::Value;
use super::elements;
use super::keywords::given;

/// NumPy's buffer size: a reduction that casts its input sums each lane
/// in pieces of this many elements.
pub(super) const BUFSIZE: usize = 8192;

/// What a keyword reduction folds: the axes, whether they are kept, the
/// `where=` mask and the lane NumPy's iterator hands its inner loop.
#[derive(Clone)]
pub(super) struct Fold {
    /// The array's shape.
    shape: Vec<usize>,
    /// `true` for each reduced axis.
    axes: Vec<bool>,
    pub(super) keepdims: bool,
    /// `where=` broadcast to `shape`, in C order (`None`: every element).
    mask: Option<Vec<bool>>,
    /// Elements per inner loop: the trailing reduced axes NumPy coalesces
    /// (1 when the last axis is kept: elementwise accumulation).
    lane: usize,
}

impl Fold {
    /// `axis=`, `keepdims=` and `where=` of `b` for array `a`.
    ///
    /// # Errors
    /// NumPy's: `AxisError` out of range, `ValueError: duplicate value in
    /// 'axis'`, the `where=` broadcast errors.
    pub(super) fn parse(b: &Bound, a: &Array) -> EvalResult<Fold> {
        let shape = a.shape().to_vec();
        let axes = b.at("axis", reduced_axes(b.opt("axis"), shape.len()))?;
        let keepdims = given(b, "keepdims")
            .map(truthy)
            .transpose()?
            .unwrap_or(false);
        let mask = match given(b, "where") {
            Some(w) => b.at("where", where_mask(w, &shape))?,
            None => None,
        };
        let lane = lane_len(&shape, &axes, mask.as_ref().map(|m| &m.1));
        Ok(Fold {
            shape,
            axes,
            keepdims,
            mask: mask.map(|m| m.0),
            lane,
        })
    }

    /// The same fold keeping the reduced axes (`_var`'s mean).
    pub(super) fn kept(&self) -> Fold {
        Fold {
            keepdims: true,
            ..self.clone()
        }
    }

    /// Whether a `where=` mask was given (not `True`).
    pub(super) fn masked(&self) -> bool {
        self.mask.is_some()
    }

    /// Whether every reduced axis of a full reduction is one lane: what
    /// the complex product needs to choose NumPy's loop.
    pub(super) fn lane_reduces(&self) -> bool {
        self.axes.last().copied().unwrap_or(true)
    }

    /// The output's shape (reduced axes dropped, or 1 with `keepdims`).
    pub(super) fn out_shape(&self) -> Vec<usize> {
        let kept = self.shape.iter().zip(&self.axes);
        kept.filter_map(|(&n, &r)| match (r, self.keepdims) {
            (false, _) => Some(n),
            (true, true) => Some(1),
            (true, false) => None,
        })
        .collect()
    }

    /// Folds `x` (of this fold's shape): each output element starts from
    /// `init` and takes every run of selected elements of its lanes, in
    /// C order, through `run(acc, run)`; a run never crosses a multiple
    /// of `chunk` elements of its lane (NumPy's buffer when it casts).
    pub(super) fn fold<T: Clone, A: Clone>(
        &self,
        x: &ArrayViewD<'_, T>,
        chunk: usize,
        init: A,
        run: impl Fn(A, &[T]) -> A,
    ) -> ArrayD<A> {
        let data = elements(x);
        let ostrides = self.out_strides();
        let mut out = vec![init; ostrides.1];
        let lane = self.lane.max(1);
        for (p, lane_data) in data.chunks(lane).enumerate() {
            let o = self.out_index(p * lane, &ostrides.0);
            let mask = self
                .mask
                .as_ref()
                .map(|m| &m[p * lane..p * lane + lane_data.len()]);
            for (c, piece) in lane_data.chunks(chunk.max(1)).enumerate() {
                let sel = mask.map(|m| &m[c * chunk..c * chunk + piece.len()]);
                out[o] = fold_runs(out[o].clone(), piece, sel, &run);
            }
        }
        ArrayD::from_shape_vec(IxDyn(&self.out_shape()), out).expect("output size")
    }

    /// The number of selected elements behind each output element.
    pub(super) fn counts(&self) -> ArrayD<i64> {
        let ones = ArrayD::from_elem(IxDyn(&self.shape), ());
        self.fold(&ones.view(), usize::MAX, 0i64, |c, r| c + r.len() as i64)
    }

    /// C strides of the output over the input's axes (0 for a reduced
    /// axis) and the output's size.
    fn out_strides(&self) -> (Vec<usize>, usize) {
        let mut strides = vec![0; self.shape.len()];
        let mut size = 1;
        for k in (0..self.shape.len()).rev() {
            if !self.axes[k] {
                strides[k] = size;
                size *= self.shape[k];
            }
        }
        (strides, size)
    }

    /// The output element of the input element at flat C index `e`.
    fn out_index(&self, mut e: usize, strides: &[usize]) -> usize {
        let mut o = 0;
        for k in (0..self.shape.len()).rev() {
            let n = self.shape[k].max(1);
            o += (e % n) * strides[k];
            e /= n;
        }
        o
    }
}

/// `acc` through `run` for each run of selected elements of `piece`.
fn fold_runs<T, A>(
    mut acc: A,
    piece: &[T],
    sel: Option<&[bool]>,
    run: &impl Fn(A, &[T]) -> A,
) -> A {
    let Some(sel) = sel else {
        return run(acc, piece);
    };
    let mut i = 0;
    while i < piece.len() {
        if !sel[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < piece.len() && sel[i] {
            i += 1;
        }
        acc = run(acc, &piece[start..i]);
    }
    acc
}

/// `axis=` as a flag per axis: None is every axis, an int or a tuple of
/// ints the ones named.
fn reduced_axes(axis: Option<&Value>, ndim: usize) -> EvalResult<Vec<bool>> {
    let Some(v) = axis else {
        return Ok(vec![true; ndim]);
    };
    let items = match v.seq_items() {
        Some(items) if matches!(v, Value::Tuple(_)) => items.to_vec(),
        _ => vec![v.clone()],
    };
    let mut axes = vec![false; ndim];
    for item in &items {
        let k = norm_axis(index_int(item)?, ndim)?;
        if axes[k] {
            return Err(EvalError::value_error("duplicate value in 'axis'"));
        }
        axes[k] = true;
    }
    Ok(axes)
}

/// `where=` as booleans broadcast to `shape` in C order, with each axis'
/// stride in the mask as given (0 where it is broadcast). `None` for
/// `where=True`, which NumPy treats as no mask.
fn where_mask(w: &Value, shape: &[usize]) -> EvalResult<Option<(Vec<bool>, Vec<usize>)>> {
    if matches!(w, Value::Bool(true)) {
        return Ok(None);
    }
    let m = to_array(w)?.as_dtype(DType::Bool)?;
    if m.ndim() > shape.len() {
        return Err(EvalError::value_error(
            "input operand has more dimensions than allowed by the axis remapping",
        ));
    }
    let lead = shape.len() - m.ndim();
    let fits = m
        .shape()
        .iter()
        .enumerate()
        .all(|(i, &n)| n == 1 || n == shape[lead + i]);
    if !fits {
        return Err(EvalError::value_error(format!(
            "operands could not be broadcast together with remapped shapes \
             [original->remapped]: {} {} ",
            shape_compact(shape),
            shape_compact(m.shape())
        )));
    }
    let mut strides = vec![0; shape.len()];
    let mut step = 1;
    for i in (0..m.ndim()).rev() {
        if m.shape()[i] != 1 || shape[lead + i] == 1 {
            strides[lead + i] = step;
        }
        step *= m.shape()[i];
    }
    let full = m.broadcast_to(shape)?;
    let r = full.read::<bool>();
    Ok(Some((r.view().iter().copied().collect(), strides)))
}

/// The length of NumPy's inner reduce loop: the trailing reduced axes it
/// coalesces (the mask's strides must chain as the data's do), or 1 when
/// the last axis is kept.
fn lane_len(shape: &[usize], axes: &[bool], mstrides: Option<&Vec<usize>>) -> usize {
    let mut len = 1;
    let mut inner: Option<usize> = None;
    for k in (0..shape.len()).rev() {
        if !axes[k] {
            break;
        }
        if shape[k] == 1 {
            continue;
        }
        if let (Some(s), Some(i)) = (mstrides, inner)
            && s[k] != s[i] * len
        {
            break;
        }
        // The combined axis keeps the innermost stride.
        if inner.is_none() {
            inner = Some(k);
        }
        len *= shape[k];
    }
    len
}
