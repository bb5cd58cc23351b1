//! `np.gradient` of float32 and complex128 arrays, in their own precision
//! as NumPy computes them (the fast kernels compute every other dtype in
//! float64).
//!
//! NumPy's arithmetic, by the kind of spacing (NEP 50):
//! - a scalar step (a Python number: "weak") is converted to the array's
//!   dtype, so `(f[2:] - f[:-2]) / (2. * dx)` and the second-order edge
//!   weights `-1.5 / dx`, ... run in float32;
//! - coordinates (float64 arrays, also when their differences are constant)
//!   are "strong": differences of `f` are taken in float32, then weighted
//!   and divided in float64 and rounded into the float32 output.
//!
//! A NumPy float64 *scalar* step is strong in NumPy but arrives here as a
//! plain number, so it is treated as weak (results may differ in the last
//! float32 digit).

use ndarray::Axis;

use super::Spacing;
use crate::array::{Array, Complex128, Element, Error, Fresh, complex_div, complex_mul};

/// The arithmetic of one inexact dtype: its own (weak) operations and the
/// widened (strong, float64-based) ones.
pub(crate) trait Field: Element {
    type Wide: Copy;
    fn widen(self) -> Self::Wide;
    fn narrow(w: Self::Wide) -> Self;
    /// A Python float converted to this dtype.
    fn weak(x: f64) -> Self;
    fn strong(x: f64) -> Self::Wide;
    fn sub(a: Self, b: Self) -> Self;
    fn add(a: Self, b: Self) -> Self;
    fn mul(a: Self, b: Self) -> Self;
    fn div(a: Self, b: Self) -> Self;
    fn wadd(a: Self::Wide, b: Self::Wide) -> Self::Wide;
    fn wmul(a: Self::Wide, b: Self::Wide) -> Self::Wide;
    fn wdiv(a: Self::Wide, b: Self::Wide) -> Self::Wide;
}

impl Field for f32 {
    type Wide = f64;
    fn widen(self) -> f64 {
        f64::from(self)
    }
    fn narrow(w: f64) -> f32 {
        w as f32
    }
    fn weak(x: f64) -> f32 {
        x as f32
    }
    fn strong(x: f64) -> f64 {
        x
    }
    fn sub(a: f32, b: f32) -> f32 {
        a - b
    }
    fn add(a: f32, b: f32) -> f32 {
        a + b
    }
    fn mul(a: f32, b: f32) -> f32 {
        a * b
    }
    fn div(a: f32, b: f32) -> f32 {
        a / b
    }
    fn wadd(a: f64, b: f64) -> f64 {
        a + b
    }
    fn wmul(a: f64, b: f64) -> f64 {
        a * b
    }
    fn wdiv(a: f64, b: f64) -> f64 {
        a / b
    }
}

impl Field for Complex128 {
    type Wide = Complex128;
    fn widen(self) -> Complex128 {
        self
    }
    fn narrow(w: Complex128) -> Complex128 {
        w
    }
    fn weak(x: f64) -> Complex128 {
        Complex128::new(x, 0.0)
    }
    fn strong(x: f64) -> Complex128 {
        Complex128::new(x, 0.0)
    }
    fn sub(a: Complex128, b: Complex128) -> Complex128 {
        a - b
    }
    fn add(a: Complex128, b: Complex128) -> Complex128 {
        a + b
    }
    fn mul(a: Complex128, b: Complex128) -> Complex128 {
        complex_mul(a, b)
    }
    fn div(a: Complex128, b: Complex128) -> Complex128 {
        complex_div(a, b)
    }
    fn wadd(a: Complex128, b: Complex128) -> Complex128 {
        a + b
    }
    fn wmul(a: Complex128, b: Complex128) -> Complex128 {
        complex_mul(a, b)
    }
    fn wdiv(a: Complex128, b: Complex128) -> Complex128 {
        complex_div(a, b)
    }
}

/// How the step along the axis combines with `f`.
enum Step<'a> {
    Weak(f64),
    Strong(f64),
    Coords(&'a [f64]),
}

/// The gradient of `f` (of dtype `T`) along `axis`, in `T`.
pub(crate) fn axis_gradient<T: Field>(
    f: &Array,
    axis: usize,
    spacing: &Spacing<'_>,
    strong: bool,
    edge2: bool,
) -> Result<Array, Error> {
    let step = match spacing {
        Spacing::Uniform(h) if strong => Step::Strong(*h),
        Spacing::Uniform(h) => Step::Weak(*h),
        Spacing::Coords(x) => Step::Coords(x.as_slice()),
        Spacing::BoolCoords => unreachable!("refused by the plan"),
    };
    let mut out = Fresh::<T>::zeroed(f.shape())?;
    let r = f.read::<T>();
    let view = r.view();
    let mut lane = Vec::new();
    let mut res = Vec::new();
    for (src, mut dst) in view
        .lanes(Axis(axis))
        .into_iter()
        .zip(out.view_mut().lanes_mut(Axis(axis)))
    {
        lane.clear();
        lane.extend(src.iter().copied());
        res.clear();
        res.resize(lane.len(), T::default());
        lane_gradient(&lane, &step, edge2, &mut res);
        for (d, v) in dst.iter_mut().zip(&res) {
            *d = *v;
        }
    }
    drop(r);
    Ok(out.finish())
}

/// `a*f0 + b*f1 + c*f2` in the wide type.
fn wide3<T: Field>(w: [f64; 3], f: [T; 3]) -> T {
    let t = |k: usize| T::wmul(T::strong(w[k]), f[k].widen());
    T::narrow(T::wadd(T::wadd(t(0), t(1)), t(2)))
}

/// `a*f0 + b*f1 + c*f2` in `T` (weights converted first).
fn own3<T: Field>(w: [f64; 3], f: [T; 3]) -> T {
    let t = |k: usize| T::mul(T::weak(w[k]), f[k]);
    T::add(T::add(t(0), t(1)), t(2))
}

fn lane_gradient<T: Field>(f: &[T], step: &Step<'_>, edge2: bool, out: &mut [T]) {
    let n = f.len();
    match *step {
        Step::Weak(h) => {
            let d2 = T::weak(2.0 * h);
            for i in 1..n - 1 {
                out[i] = T::div(T::sub(f[i + 1], f[i - 1]), d2);
            }
        }
        Step::Strong(h) => {
            let d2 = T::strong(2.0 * h);
            for i in 1..n - 1 {
                out[i] = T::narrow(T::wdiv(T::sub(f[i + 1], f[i - 1]).widen(), d2));
            }
        }
        Step::Coords(x) => {
            for i in 1..n - 1 {
                let (dx1, dx2) = (x[i] - x[i - 1], x[i + 1] - x[i]);
                let a = -dx2 / (dx1 * (dx1 + dx2));
                let b = (dx2 - dx1) / (dx1 * dx2);
                let c = dx1 / (dx2 * (dx1 + dx2));
                out[i] = wide3([a, b, c], [f[i - 1], f[i], f[i + 1]]);
            }
        }
    }
    if !edge2 {
        let (d0, dn) = match *step {
            Step::Weak(h) | Step::Strong(h) => (h, h),
            Step::Coords(x) => (x[1] - x[0], x[n - 1] - x[n - 2]),
        };
        let (first, last) = (T::sub(f[1], f[0]), T::sub(f[n - 1], f[n - 2]));
        if let Step::Weak(_) = step {
            out[0] = T::div(first, T::weak(d0));
            out[n - 1] = T::div(last, T::weak(dn));
        } else {
            out[0] = T::narrow(T::wdiv(first.widen(), T::strong(d0)));
            out[n - 1] = T::narrow(T::wdiv(last.widen(), T::strong(dn)));
        }
        return;
    }
    let (left, right) = match *step {
        Step::Weak(h) | Step::Strong(h) => {
            ([-1.5 / h, 2.0 / h, -0.5 / h], [0.5 / h, -2.0 / h, 1.5 / h])
        }
        Step::Coords(x) => {
            let (dx1, dx2) = (x[1] - x[0], x[2] - x[1]);
            let left = [
                -(2.0 * dx1 + dx2) / (dx1 * (dx1 + dx2)),
                (dx1 + dx2) / (dx1 * dx2),
                -dx1 / (dx2 * (dx1 + dx2)),
            ];
            let (dx1, dx2) = (x[n - 2] - x[n - 3], x[n - 1] - x[n - 2]);
            let right = [
                dx2 / (dx1 * (dx1 + dx2)),
                -(dx2 + dx1) / (dx1 * dx2),
                (2.0 * dx2 + dx1) / (dx2 * (dx1 + dx2)),
            ];
            (left, right)
        }
    };
    let (l, r) = ([f[0], f[1], f[2]], [f[n - 3], f[n - 2], f[n - 1]]);
    if let Step::Weak(_) = step {
        out[0] = own3(left, l);
        out[n - 1] = own3(right, r);
    } else {
        out[0] = wide3(left, l);
        out[n - 1] = wide3(right, r);
    }
}
