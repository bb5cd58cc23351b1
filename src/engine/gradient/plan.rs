//! Checking `np.gradient`'s arguments and resolving its spacing, raising
//! the same error NumPy raises first.
//!
//! NumPy's order: normalize `axis`; sort `varargs` into per-axis spacing
//! (count, dimensions, lengths, the `diffx[0]` lookup); `edge_order > 2`;
//! then per axis: the size check, the output allocation, the interior
//! (boolean subtract / negative) and the edges (boolean subtract, indexing
//! past a short axis when `edge_order <= 0`). Every error is known before any
//! arithmetic, so the kernels never fail except on an interrupt.

use std::borrow::Cow;

use super::{AxisArg, EdgeOrder, GradientArgs};
use crate::engine::{Array, DType, Error, ErrorKind, buffer, limits};

/// The step along one axis, after NumPy's `varargs` processing.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Spacing<'a> {
    /// A scalar step `dx` (also coordinates whose `np.diff` is constant).
    Uniform(f64),
    /// Coordinates (as float64) with non-constant differences.
    Coords(Cow<'a, [f64]>),
    /// Boolean coordinates with non-constant differences: NumPy fails on
    /// `-(dx2)` when the axis is reached.
    BoolCoords,
}

/// One axis to differentiate.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AxisPlan<'a> {
    pub axis: usize,
    pub spacing: Spacing<'a>,
}

/// A checked `np.gradient` call.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Plan<'a> {
    pub axes: Vec<AxisPlan<'a>>,
    /// `edge_order != 1`: NumPy's `else` branch (second-order edges).
    pub edge2: bool,
}

const BOOL_SUBTRACT: &str = "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.";
const BOOL_NEGATIVE: &str = "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.";

impl<'a> Plan<'a> {
    /// Checks the call exactly as NumPy does and resolves every axis' spacing.
    pub fn new(f: &Array, args: &'a GradientArgs) -> Result<Plan<'a>, Error> {
        let ndim = f.ndim();
        let axes = normalize_axes(&args.axis, ndim)?;
        let spacing = resolve_spacing(f.shape(), &axes, &args.varargs)?;
        if args.edge_order.value() > 2 {
            return Err(Error::value("'edge_order' greater than 2 not supported"));
        }
        if f.dtype() == DType::Int64 {
            // f.astype(np.float64) happens before the loop.
            limits::check_alloc(f.shape(), 8, "float64")?;
        }
        let plan = Plan {
            axes: axes
                .into_iter()
                .zip(spacing)
                .map(|(axis, spacing)| AxisPlan { axis, spacing })
                .collect(),
            edge2: args.edge_order.is_second(),
        };
        for ax in &plan.axes {
            check_axis(f, ax, args.edge_order)?;
        }
        Ok(plan)
    }
}

/// NumPy's `normalize_axis_tuple` (and `axis=None` → every axis).
fn normalize_axes(axis: &AxisArg, ndim: usize) -> Result<Vec<usize>, Error> {
    let given: Vec<i64> = match axis {
        AxisArg::All => return Ok((0..ndim).collect()),
        AxisArg::One(a) => vec![*a],
        AxisArg::Many(v) => v.clone(),
    };
    let mut axes = Vec::with_capacity(given.len());
    for &a in &given {
        axes.push(normalize_axis_index(a, ndim)?);
    }
    let mut sorted = axes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() != axes.len() {
        return Err(Error::value("repeated axis"));
    }
    Ok(axes)
}

/// NumPy's `normalize_axis_index`: `axis` in `[-ndim, ndim)`.
pub(crate) fn normalize_axis_index(axis: i64, ndim: usize) -> Result<usize, Error> {
    let n = ndim as i64;
    if axis < -n || axis >= n {
        return Err(Error::axis(axis, ndim));
    }
    Ok(if axis < 0 { axis + n } else { axis } as usize)
}

/// The `varargs` branch of `np.gradient`: none, one scalar for all axes, or
/// one scalar / 1-D coordinate array per axis.
fn resolve_spacing<'a>(
    shape: &[usize],
    axes: &[usize],
    varargs: &'a [Array],
) -> Result<Vec<Spacing<'a>>, Error> {
    match varargs {
        [] => Ok(vec![Spacing::Uniform(1.0); axes.len()]),
        [d] if d.ndim() == 0 => Ok(vec![Spacing::Uniform(scalar(d)); axes.len()]),
        _ if varargs.len() == axes.len() => axes
            .iter()
            .zip(varargs)
            .map(|(&axis, d)| distances(d, shape[axis]))
            .collect(),
        _ => Err(Error::type_error("invalid number of arguments")),
    }
}

/// The value of a 0-d spacing as float64 (`2. * dx` and `f / dx` convert it).
fn scalar(d: &Array) -> f64 {
    d.to_f64().iter().next().copied().unwrap_or(f64::NAN)
}

/// One per-axis spacing argument: a scalar, or coordinates whose `np.diff`
/// is checked for being constant (`(diffx == diffx[0]).all()`).
fn distances(d: &Array, len: usize) -> Result<Spacing<'_>, Error> {
    match d.ndim() {
        0 => return Ok(Spacing::Uniform(scalar(d))),
        1 => {}
        _ => return Err(Error::value("distances must be either scalars or 1d")),
    }
    if d.len() != len {
        return Err(Error::value(
            "when 1d, distances must match the length of the corresponding dimension",
        ));
    }
    if len < 2 {
        return Err(Error::new(
            ErrorKind::IndexError,
            "index 0 is out of bounds for axis 0 with size 0",
        ));
    }
    match d {
        Array::Bool(b) => {
            // np.diff of booleans is `!=`; constant differences become a
            // boolean scalar step.
            let b = buffer::row_major(b);
            let first = b[1] != b[0];
            if b.windows(2).all(|w| (w[1] != w[0]) == first) {
                Ok(Spacing::Uniform(f64::from(u8::from(first))))
            } else {
                Ok(Spacing::BoolCoords)
            }
        }
        Array::Int(x) => Ok(coords(Cow::Owned(x.iter().map(|&v| v as f64).collect()))),
        Array::Float(x) => Ok(coords(buffer::row_major(x))),
    }
}

fn coords(x: Cow<'_, [f64]>) -> Spacing<'_> {
    let first = x[1] - x[0];
    if x.windows(2).all(|w| w[1] - w[0] == first) {
        Spacing::Uniform(first)
    } else {
        Spacing::Coords(x)
    }
}

/// The per-axis checks of NumPy's loop, in its order.
fn check_axis(f: &Array, ax: &AxisPlan<'_>, edge_order: EdgeOrder) -> Result<(), Error> {
    let size = f.shape()[ax.axis];
    if (size as i128) < edge_order.min_len() {
        return Err(Error::value(
            "Shape of array too small to calculate a numerical gradient, \
             at least (edge_order + 1) elements are required.",
        ));
    }
    limits::check_alloc(f.shape(), 8, "float64")?;
    let is_bool = f.dtype() == DType::Bool;
    match ax.spacing {
        Spacing::BoolCoords => return Err(Error::type_error(BOOL_NEGATIVE)),
        Spacing::Uniform(_) if is_bool => return Err(Error::type_error(BOOL_SUBTRACT)),
        _ => {}
    }
    if !edge_order.is_second() {
        if is_bool {
            return Err(Error::type_error(BOOL_SUBTRACT));
        }
    } else if size < 3 {
        // The second-order edge reads f[0], f[1], f[2] along the axis.
        return Err(Error::new(
            ErrorKind::IndexError,
            format!(
                "index {size} is out of bounds for axis {} with size {size}",
                ax.axis
            ),
        ));
    }
    Ok(())
}
