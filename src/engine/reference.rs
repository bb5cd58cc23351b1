//! Slow, obviously-correct versions of [`gradient`](super::gradient) and
//! [`diff`](super::diff): one output element at a time, written as NumPy's
//! source reads. They share the argument checking of the fast versions and
//! exist as the oracle the fast kernels are tested against, bit for bit.

use ndarray::{ArrayD, Axis, IxDyn, Slice, Zip};

use super::diff::DiffOp;
use super::gradient::{Plan, Spacing};
use super::{DiffArgs, Error, Gradient, GradientArgs};
use crate::array::{Array, dispatch};

/// `np.gradient`, element by element.
pub fn gradient(f: &Array, args: &GradientArgs) -> Result<Gradient, Error> {
    let plan = Plan::new(f, args)?;
    let f = f.to_f64();
    let mut outs: Vec<Array> = plan
        .axes
        .iter()
        .map(|ax| Array::from_ndarray(axis_gradient(&f, ax.axis, &ax.spacing, plan.edge2)))
        .collect();
    Ok(if outs.len() == 1 {
        Gradient::One(outs.remove(0))
    } else {
        Gradient::Many(outs)
    })
}

fn axis_gradient(f: &ArrayD<f64>, axis: usize, spacing: &Spacing<'_>, edge2: bool) -> ArrayD<f64> {
    let n = f.shape()[axis];
    // np.diff of the coordinates: dx[k] = x[k+1] - x[k].
    let dx: Vec<f64> = match spacing {
        Spacing::Coords(x) => {
            let x = x.as_slice();
            (0..n - 1).map(|k| x[k + 1] - x[k]).collect()
        }
        _ => Vec::new(),
    };
    let uniform = match spacing {
        Spacing::Uniform(h) => Some(*h),
        _ => None,
    };
    let at = |idx: &IxDyn, i: usize| {
        let mut j = idx.clone();
        j[axis] = i;
        f[j]
    };
    ArrayD::from_shape_fn(f.raw_dim(), |idx| {
        let i = idx[axis];
        if i > 0 && i < n - 1 {
            let (f0, f1, f2) = (at(&idx, i - 1), at(&idx, i), at(&idx, i + 1));
            return match uniform {
                Some(h) => (f2 - f0) / (2. * h),
                None => {
                    let (dx1, dx2) = (dx[i - 1], dx[i]);
                    let a = -(dx2) / (dx1 * (dx1 + dx2));
                    let b = (dx2 - dx1) / (dx1 * dx2);
                    let c = dx1 / (dx2 * (dx1 + dx2));
                    a * f0 + b * f1 + c * f2
                }
            };
        }
        let left = i == 0;
        if !edge2 {
            let d = uniform.unwrap_or_else(|| if left { dx[0] } else { dx[n - 2] });
            return if left {
                (at(&idx, 1) - at(&idx, 0)) / d
            } else {
                (at(&idx, n - 1) - at(&idx, n - 2)) / d
            };
        }
        if left {
            let (a, b, c) = match uniform {
                Some(h) => (-1.5 / h, 2. / h, -0.5 / h),
                None => {
                    let (dx1, dx2) = (dx[0], dx[1]);
                    (
                        -(2. * dx1 + dx2) / (dx1 * (dx1 + dx2)),
                        (dx1 + dx2) / (dx1 * dx2),
                        -dx1 / (dx2 * (dx1 + dx2)),
                    )
                }
            };
            a * at(&idx, 0) + b * at(&idx, 1) + c * at(&idx, 2)
        } else {
            let (a, b, c) = match uniform {
                Some(h) => (0.5 / h, -2. / h, 1.5 / h),
                None => {
                    let (dx1, dx2) = (dx[n - 3], dx[n - 2]);
                    (
                        dx2 / (dx1 * (dx1 + dx2)),
                        -(dx2 + dx1) / (dx1 * dx2),
                        (2. * dx2 + dx1) / (dx2 * (dx1 + dx2)),
                    )
                }
            };
            a * at(&idx, n - 3) + b * at(&idx, n - 2) + c * at(&idx, n - 1)
        }
    })
}

/// `np.diff`, as NumPy's loop: `n` times `a = op(a[1:], a[:-1])`.
pub fn diff(a: &Array, args: &DiffArgs) -> Result<Array, Error> {
    // The argument checks and the concatenation are shared with the fast
    // version; only the arithmetic is redone here.
    if args.n.value() <= 0 || a.ndim() == 0 {
        return super::diff(a, args);
    }
    let axis = args.axis.index(a.ndim())?;
    let joined = super::diff::concat_for_reference(a, args, axis)?;
    let n = args.n.value() as usize;
    Ok(dispatch!(joined.dtype(), T => {
        let x = joined.read::<T>().view().to_owned();
        Array::from_ndarray(repeat(x, n, axis))
    }))
}

fn repeat<T: DiffOp>(mut a: ArrayD<T>, n: usize, axis: usize) -> ArrayD<T> {
    for _ in 0..n {
        if a.shape()[axis] == 0 {
            break;
        }
        let later = a.slice_axis(Axis(axis), Slice::from(1..));
        let earlier = a.slice_axis(Axis(axis), Slice::from(..-1));
        a = Zip::from(&later)
            .and(&earlier)
            .map_collect(|&p, &q| T::op(p, q));
    }
    a
}
