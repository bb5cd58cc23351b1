//! Checking `np.gradient`'s arguments and resolving its spacing, raising
//! the same error NumPy raises first.
//!
//! NumPy's order: normalize `axis`; sort `varargs` into per-axis spacing
//! (count, dimensions, lengths, the `diffx[0]` lookup); `edge_order > 2`;
//! then per axis: the size check, the output allocation, the interior
//! (boolean subtract / negative) and the edges (boolean subtract, indexing
//! past a short axis when `edge_order <= 0`). Every error is known before any
//! arithmetic, so the kernels never fail except on an interrupt.

use super::{EdgeOrder, GradientArgs};
use crate::array::{Array, DType, Element, Error, ErrorKind, Kind, Read, dispatch, limits};

/// The step along one axis, after NumPy's `varargs` processing.
pub(crate) enum Spacing<'a> {
    /// A scalar step `dx` (also coordinates whose `np.diff` is constant).
    Uniform(f64),
    /// Coordinates (as float64) with non-constant differences.
    Coords(Coords<'a>),
    /// Boolean coordinates with non-constant differences: NumPy fails on
    /// `-(dx2)` when the axis is reached.
    BoolCoords,
}

/// Coordinates as float64: the argument's own elements when it already is
/// a contiguous float64 array, else converted.
pub(crate) enum Coords<'a> {
    Shared(Read<'a, f64>),
    Converted(Vec<f64>),
}

impl Coords<'_> {
    pub fn as_slice(&self) -> &[f64] {
        match self {
            Coords::Shared(r) => r.as_slice().expect("checked contiguous"),
            Coords::Converted(v) => v,
        }
    }
}

/// One axis to differentiate.
pub(crate) struct AxisPlan<'a> {
    pub axis: usize,
    pub spacing: Spacing<'a>,
    /// The spacing came from a coordinate array (NumPy float64 values,
    /// "strong" under NEP 50), not from a scalar step.
    pub strong: bool,
}

/// A checked `np.gradient` call.
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
        let axes = args.axis.resolve(f.ndim())?;
        let spacing = resolve_spacing(f.shape(), &axes, &args.varargs)?;
        if args.edge_order.value() > 2 {
            return Err(Error::value("'edge_order' greater than 2 not supported"));
        }
        match f.dtype().kind() {
            // f.astype(np.float64) happens before the loop (gradlab converts
            // in registers instead, but keeps NumPy's MemoryError).
            Kind::Int | Kind::UInt => limits::check_alloc(f.shape(), DType::Float64)?,
            _ => {}
        }
        let strong: Vec<bool> = (0..axes.len())
            .map(|k| {
                args.varargs.len() == axes.len()
                    && args.varargs.get(k).is_some_and(|d| d.ndim() == 1)
            })
            .collect();
        let plan = Plan {
            axes: axes
                .into_iter()
                .zip(spacing)
                .zip(strong)
                .map(|((axis, spacing), strong)| AxisPlan {
                    axis,
                    spacing,
                    strong,
                })
                .collect(),
            edge2: args.edge_order.is_second(),
        };
        for ax in &plan.axes {
            check_axis(f, ax, args.edge_order)?;
        }
        Ok(plan)
    }
}

/// The `varargs` branch of `np.gradient`: none, one scalar for all axes, or
/// one scalar / 1-D coordinate array per axis.
fn resolve_spacing<'a>(
    shape: &[usize],
    axes: &[usize],
    varargs: &'a [Array],
) -> Result<Vec<Spacing<'a>>, Error> {
    match varargs {
        [] => Ok(axes.iter().map(|_| Spacing::Uniform(1.0)).collect()),
        [d] if d.ndim() == 0 => Ok(axes.iter().map(|_| Spacing::Uniform(scalar(d))).collect()),
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
    d.first().map_or(f64::NAN, |s| s.as_f64())
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
    if d.dtype() == DType::Bool {
        // np.diff of booleans is `!=`; constant differences become a
        // boolean scalar step.
        let b = d.to_vec::<bool>();
        let first = b[1] != b[0];
        return if b.windows(2).all(|w| (w[1] != w[0]) == first) {
            Ok(Spacing::Uniform(f64::from(u8::from(first))))
        } else {
            Ok(Spacing::BoolCoords)
        };
    }
    let x = if d.dtype() == DType::Float64 && d.is_c_contiguous() {
        Coords::Shared(d.read::<f64>())
    } else {
        Coords::Converted(dispatch!(d.dtype(), T => converted::<T>(d)))
    };
    Ok(coords(x))
}

fn converted<T: Element>(d: &Array) -> Vec<f64> {
    d.read::<T>().iter().map(|v| v.cast::<f64>()).collect()
}

fn coords(x: Coords<'_>) -> Spacing<'_> {
    let s = x.as_slice();
    let first = s[1] - s[0];
    if s.windows(2).all(|w| w[1] - w[0] == first) {
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
    limits::check_alloc(f.shape(), DType::Float64)?;
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
