//! `np.gradient`: second-order accurate central differences in the interior
//! and first- or second-order one-sided differences at the boundaries.

mod kernels;
mod mixed;
mod plan;
mod steps;
mod typed;

use crate::array::{Array, AxisSpec, DType, Element, Error, Fresh, dispatch, limits};
pub(crate) use kernels::split_dims;
pub(crate) use plan::{AxisPlan, Plan, Spacing};
pub use steps::{Step, numpy_steps};

/// NumPy's `edge_order`: `1` selects first-order one-sided differences at
/// the boundaries; any other value NumPy accepts (2, but also 0 or a negative
/// number, which reach the same `else` branch in NumPy) selects the
/// second-order one-sided stencils.
///
/// The value is kept as given: [`gradient`] raises NumPy's errors for it
/// (`'edge_order' greater than 2`, too short an axis) in NumPy's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EdgeOrder(i64);

impl EdgeOrder {
    /// `edge_order=1`, NumPy's default.
    pub const FIRST: EdgeOrder = EdgeOrder(1);
    /// `edge_order=2`.
    pub const SECOND: EdgeOrder = EdgeOrder(2);

    /// The argument as the user gave it (unchecked).
    pub const fn new(value: i64) -> EdgeOrder {
        EdgeOrder(value)
    }

    /// The value as given (for messages and `edge_order = ...` lines).
    pub fn value(self) -> i64 {
        self.0
    }

    /// Whether the boundaries use NumPy's second-order stencils.
    pub fn is_second(self) -> bool {
        self.0 != 1
    }

    /// The order of accuracy of the boundary stencils: 1 or 2.
    pub fn edge_accuracy(self) -> u8 {
        if self.is_second() { 2 } else { 1 }
    }

    /// The other of first and second order (the explorer's `e` key).
    pub fn toggled(self) -> EdgeOrder {
        if self.is_second() {
            EdgeOrder::FIRST
        } else {
            EdgeOrder::SECOND
        }
    }

    /// The fewest samples an axis needs: `edge_order + 1`.
    pub fn min_len(self) -> i128 {
        i128::from(self.0) + 1
    }
}

impl Default for EdgeOrder {
    fn default() -> Self {
        EdgeOrder::FIRST
    }
}

impl std::fmt::Display for EdgeOrder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Arguments of `np.gradient(f, *varargs, axis=None, edge_order=1)`.
#[derive(Clone, Debug, PartialEq)]
pub struct GradientArgs {
    /// The spacing arguments as given: each a 0-d array (a scalar) or a
    /// coordinate array. Scalars follow NumPy-scalar arithmetic: a zero step
    /// gives inf/nan. (NumPy raises `ZeroDivisionError` for a *Python* float
    /// or int 0 with second-order edges, from `-1.5 / dx`; an evaluator that
    /// keeps Python scalars distinct must raise that itself.)
    pub varargs: Vec<Array>,
    /// `axis=`: all axes (`None`), one, or a tuple; normalised against
    /// `f.ndim` with NumPy's `AxisError` for an out-of-range or repeated axis.
    pub axis: AxisSpec,
    /// `edge_order=`: 1 (first-order one-sided edges) or 2 (second order,
    /// which needs at least 3 points along each differentiated axis).
    pub edge_order: EdgeOrder,
}

impl Default for GradientArgs {
    fn default() -> Self {
        GradientArgs {
            varargs: Vec::new(),
            axis: AxisSpec::All,
            edge_order: EdgeOrder::FIRST,
        }
    }
}

/// What `np.gradient` returns: one array, or a tuple of arrays (one per axis).
#[derive(Clone, Debug, PartialEq)]
pub enum Gradient {
    /// One differentiated axis (a 1-D input, or `axis=` one axis): the
    /// derivative along it.
    One(Array),
    /// Several axes: one derivative per axis, in the order of `axis=` (all
    /// axes in order by default), as NumPy's tuple.
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
///
/// For each axis: `out[i] = (f[i+1] - f[i-1]) / (2*dx)` in the interior
/// (with coordinates: `a*f[i-1] + b*f[i] + c*f[i+1]`, NumPy's second-order
/// non-uniform weights), and first- (`edge_order=1`) or second-order
/// one-sided differences at both ends. Bit-identical to NumPy 2.x.
///
/// Returns one array when one axis is differentiated (`axis=k` or a 1-tuple,
/// or a 1-D input), else a tuple with one array per axis. Integers of every
/// width and bools are read as float64 in registers; `f` is read where it
/// is (a strided view is not copied) and only the outputs are allocated.
///
/// # Errors
/// NumPy's, in NumPy's order: `AxisError` / `ValueError("repeated axis")`
/// for `axis`; `TypeError("invalid number of arguments")`, `ValueError` for
/// spacing that is not scalar or 1-D or whose length does not match,
/// `IndexError` for coordinates of length < 2; `ValueError` for
/// `edge_order > 2` and for axes shorter than `edge_order + 1`; `TypeError`
/// for boolean subtraction; `MemoryError` above the allocation cap;
/// `KeyboardInterrupt` when interrupted. float32 and complex input keep
/// their dtype and are computed in their own precision ([`typed`]).
pub fn gradient(f: &Array, args: &GradientArgs) -> Result<Gradient, Error> {
    let plan = Plan::new(f, args)?;
    // float32 spacing needs the replay's float32 weights; float32 data
    // with float64 coordinates gets NumPy's values from the typed kernel
    // (without the replay's full-size temporaries).
    let f32_spacing = args.varargs.iter().any(|d| d.dtype() == DType::Float32);
    if f32_spacing && mixed::applies(f, args, &plan) {
        // Spacing scalars: Python numbers, but a NumPy float32 scalar
        // keeps its precision.
        let python: Vec<bool> = args
            .varargs
            .iter()
            .map(|d| d.dtype() != DType::Float32)
            .collect();
        let mut outs = mixed::run(f, args, &plan, &python).0;
        return Ok(if outs.len() == 1 {
            Gradient::One(outs.remove(0))
        } else {
            Gradient::Many(outs)
        });
    }
    let mut outs = Vec::with_capacity(plan.axes.len());
    for ax in &plan.axes {
        limits::check_interrupt()?;
        outs.push(axis_output(f, ax, plan.edge2)?);
    }
    Ok(if outs.len() == 1 {
        Gradient::One(outs.remove(0))
    } else {
        Gradient::Many(outs)
    })
}

fn axis_output(f: &Array, ax: &AxisPlan<'_>, edge2: bool) -> Result<Array, Error> {
    fn run<T: Element>(f: &Array, ax: &AxisPlan<'_>, edge2: bool) -> Result<Array, Error> {
        let mut out = Fresh::<f64>::for_overwrite(f.shape())?;
        let r = f.read::<T>();
        match r.as_slice() {
            Some(data) => kernels::axis_gradient(
                data,
                f.shape(),
                ax.axis,
                &ax.spacing,
                edge2,
                out.as_mut_slice(),
            )?,
            None => kernels::strided_gradient(
                &r.view(),
                ax.axis,
                &ax.spacing,
                edge2,
                &mut out.view_mut(),
            )?,
        }
        drop(r);
        Ok(out.finish())
    }
    match f.dtype() {
        DType::Float32 => typed::axis_gradient::<f32>(f, ax.axis, &ax.spacing, ax.strong, edge2),
        DType::Complex128 => typed::axis_gradient::<crate::array::Complex128>(
            f,
            ax.axis,
            &ax.spacing,
            ax.strong,
            edge2,
        ),
        _ => dispatch!(f.dtype(), T => run::<T>(f, ax, edge2)),
    }
}
