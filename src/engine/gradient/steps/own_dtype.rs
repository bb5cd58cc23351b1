//! The float32 and complex128 replay of NumPy's `np.gradient` steps: the
//! same lines as the float64 replay in `steps.rs`, each operation in the
//! input's own dtype with the CPU's status flags.

use ndarray::{ArrayD, ArrayViewD, Axis, IxDyn, Slice};

use super::super::{GradientArgs, Plan, Spacing};
use super::{Sim, Step, broadcast_pair, scalar_name};
use crate::array::fpe::{self, Flags};
use crate::array::{Array, Complex128, DType, cmath, complex_div, complex_mul};

/// The element types whose `np.gradient` steps are replayed in their own
/// arithmetic (float32, complex128), with the CPU's status flags of each
/// operation (the same operations as NumPy's loops, so the same flags).
pub(super) trait Typed: Copy + Default {
    /// A Python float (or a NumPy float64) converted to this type, and the
    /// flags of the conversion (float32's overflow is NumPy's "cast").
    fn from_f64(x: f64) -> (Self, Flags);
    fn sub(x: Self, y: Self) -> Self;
    fn div(x: Self, y: Self) -> Self;
    /// An array loop's multiply (`scalar`: a NumPy scalar's).
    fn mul(x: Self, y: Self, scalar: bool) -> Self;
    fn add(x: Self, y: Self) -> Self;
    fn read(f: &Array) -> ArrayD<Self>;
}

/// The operations of a real type: IEEE arithmetic in the type itself
/// (NumPy's float32 loops compute in float32) and its elements read as is.
macro_rules! plain_ops {
    ($T:ty) => {
        fn sub(x: $T, y: $T) -> $T {
            x - y
        }
        fn div(x: $T, y: $T) -> $T {
            x / y
        }
        fn mul(x: $T, y: $T, _: bool) -> $T {
            x * y
        }
        fn add(x: $T, y: $T) -> $T {
            x + y
        }
        fn read(f: &Array) -> ArrayD<$T> {
            f.read::<$T>().view().to_owned()
        }
    };
}

impl Typed for f64 {
    fn from_f64(x: f64) -> (f64, Flags) {
        (x, Flags::NONE)
    }
    plain_ops!(f64);
}

impl Typed for f32 {
    fn from_f64(x: f64) -> (f32, Flags) {
        let r = x as f32;
        let flags = if x.is_finite() && r.is_infinite() {
            Flags::OVERFLOW
        } else {
            Flags::NONE
        };
        (r, flags)
    }
    plain_ops!(f32);
}

impl Typed for Complex128 {
    fn from_f64(x: f64) -> (Complex128, Flags) {
        (Complex128::new(x, 0.0), Flags::NONE)
    }
    fn sub(x: Complex128, y: Complex128) -> Complex128 {
        x - y
    }
    fn div(x: Complex128, y: Complex128) -> Complex128 {
        complex_div(x, y)
    }
    fn mul(x: Complex128, y: Complex128, scalar: bool) -> Complex128 {
        if scalar {
            complex_mul(x, y)
        } else {
            cmath::mul(x, y)
        }
    }
    fn add(x: Complex128, y: Complex128) -> Complex128 {
        x + y
    }
    fn read(f: &Array) -> ArrayD<Complex128> {
        f.read::<Complex128>().view().to_owned()
    }
}

/// `f(x, y)` on every pair (the smaller operand broadcast) and the flags
/// the CPU raised.
fn typed_bin<T: Typed>(
    x: ArrayViewD<'_, T>,
    y: ArrayViewD<'_, T>,
    f: impl Fn(T, T) -> T,
) -> (ArrayD<T>, Flags) {
    let (x, y) = broadcast_pair(&x, &y);
    fpe::clear();
    let out = ndarray::Zip::from(&x)
        .and(&y)
        .map_collect(|&a, &b| std::hint::black_box(f(std::hint::black_box(a), b)));
    (out, fpe::take())
}

/// `x * y` (or `x / y`) of two NumPy scalars of the spacing's precision
/// (float32 when `in_f32`, else float64), widened, and its flags.
fn scalar_op(in_f32: bool, x: f64, y: f64, div: bool) -> (f64, Flags) {
    use std::hint::black_box;
    fpe::clear();
    let r = if in_f32 {
        let (a, b) = (black_box(x as f32), black_box(y as f32));
        f64::from(black_box(if div { a / b } else { a * b }))
    } else {
        let (a, b) = (black_box(x), black_box(y));
        black_box(if div { a / b } else { a * b })
    };
    (r, fpe::take())
}

/// NumPy's `gradient` steps for float32 and complex128 input with uniform
/// steps (Python numbers, none, or a NumPy scalar of the input's own
/// precision): the same lines as the float64 replay, each operation in the
/// input's dtype, and float32's "overflow encountered in cast" when a
/// Python step does not fit. Coordinate arrays (and NumPy scalars of
/// another precision, which promote the result) are not replayed.
pub(super) fn typed_steps<T: Typed>(
    f: &Array,
    args: &GradientArgs,
    plan: &Plan<'_>,
    python: &[bool],
) -> Vec<Step> {
    let in_f32 = f.dtype() == DType::Float32;
    let mut sim = Sim::default();
    let fv = T::read(f);
    let one_d = fv.ndim() == 1;
    let name = |n: &'static str| if one_d { scalar_name(n) } else { n };
    let zero = |x: T| ArrayD::from_elem(IxDyn(&[]), x);
    for (k, ax) in plan.axes.iter().enumerate() {
        let py = python
            .get(if python.len() == 1 { 0 } else { k })
            .copied()
            .unwrap_or(true);
        let Spacing::Uniform(h) = ax.spacing else {
            break;
        };
        let own = args
            .varargs
            .get(if args.varargs.len() == 1 { 0 } else { k })
            .is_some_and(|d| match d.dtype() {
                DType::Float32 => in_f32,
                DType::Float64 => !in_f32,
                _ => false,
            });
        // float32 input with a NumPy float64 step: that scalar is strong.
        let wide = in_f32
            && !py
            && args
                .varargs
                .get(if args.varargs.len() == 1 { 0 } else { k })
                .is_some_and(|d| d.dtype() == DType::Float64);
        if ax.strong || !(py || own || wide) {
            break;
        }
        let axis = Axis(ax.axis);
        let n = fv.shape()[ax.axis];
        if n < 2 || (plan.edge2 && n < 3) {
            break;
        }
        if wide {
            wide_axis(&mut sim, f, ax.axis, plan.edge2, h);
            continue;
        }
        let sl = |s: Slice| fv.slice_axis(axis, s);
        let lane = |i: usize| fv.index_axis(axis, i);
        // A Python float met by the array: converted first (NumPy's weak
        // scalar), then the operation.
        let cast = |sim: &mut Sim, site: &'static str, x: f64| {
            let (v, flags) = T::from_f64(x);
            sim.note(site, "cast", flags);
            v
        };
        let (d, fl) = typed_bin(sl(Slice::from(2..)), sl(Slice::from(..-2)), T::sub);
        sim.note("interior", "subtract", fl);
        let two = if py {
            cast(&mut sim, "interior", 2.0 * h)
        } else {
            let (two, fl) = scalar_op(in_f32, 2.0, h, false);
            sim.note("interior", "scalar multiply", fl);
            T::from_f64(two).0
        };
        let (_, fl) = typed_bin(d.view(), zero(two).view(), T::div);
        sim.note("interior", "divide", fl);
        if !plan.edge2 {
            for (site, hi, lo) in [("edge_left", 1, 0), ("edge_right", n - 1, n - 2)] {
                let (t, fl) = typed_bin(lane(hi), lane(lo), T::sub);
                sim.note(site, name("subtract"), fl);
                let hv = if py {
                    cast(&mut sim, site, h)
                } else {
                    T::from_f64(h).0
                };
                let (_, fl) = typed_bin(t.view(), zero(hv).view(), T::div);
                sim.note(site, name("divide"), fl);
            }
            continue;
        }
        if py && h == 0.0 {
            sim.steps.push(Step::ZeroDivision);
            break;
        }
        for (sites, nums, [line1, line2], lanes) in [
            (
                ["e2u_la", "e2u_lb", "e2u_lc"],
                [-1.5, 2., -0.5],
                ["e2_lout", "e2_lout2"],
                [lane(0), lane(1), lane(2)],
            ),
            (
                ["e2u_ra", "e2u_rb", "e2u_rc"],
                [0.5, -2., 1.5],
                ["e2_rout", "e2_rout2"],
                [lane(n - 3), lane(n - 2), lane(n - 1)],
            ),
        ] {
            // The weights: Python's float division, or NumPy scalars'.
            let mut w = nums.map(|x| x / h);
            if !py {
                for ((o, site), x) in w.iter_mut().zip(sites).zip(nums) {
                    let (v, fl) = scalar_op(in_f32, x, h, true);
                    sim.note(site, "scalar divide", fl);
                    *o = v;
                }
            }
            let [a, b, c] = w;
            let [f0, f1, f2] = lanes;
            let mul = |x: T, y: T| T::mul(x, y, one_d);
            let av = cast(&mut sim, line1, a);
            let (t0, fl) = typed_bin(zero(av).view(), f0, mul);
            sim.note(line1, name("multiply"), fl);
            let bv = cast(&mut sim, line1, b);
            let (t1, fl) = typed_bin(zero(bv).view(), f1, mul);
            sim.note(line1, name("multiply"), fl);
            let (s, fl) = typed_bin(t0.view(), t1.view(), T::add);
            sim.note(line1, name("add"), fl);
            let cv = cast(&mut sim, line2, c);
            let (t2, fl) = typed_bin(zero(cv).view(), f2, mul);
            sim.note(line2, name("multiply"), fl);
            let (_, fl) = typed_bin(s.view(), t2.view(), T::add);
            sim.note(line1, name("add"), fl);
        }
    }
    sim.steps
}

/// The flags of storing float64 results into the float32 output
/// (`out[...] = ...`: "overflow encountered in cast").
fn cast_note(sim: &mut Sim, site: &'static str, q: &ArrayD<f64>) {
    let flags = q.iter().fold(Flags::NONE, |acc, &x| {
        acc.union(<f32 as Typed>::from_f64(x).1)
    });
    sim.note(site, "cast", flags);
}

/// One axis of float32 input whose step is a NumPy float64 scalar (strong
/// under NEP 50): the differences in float32, `2. * h`, the divisions, the
/// second-order weights and stencils in float64, each result cast into the
/// float32 output.
fn wide_axis(sim: &mut Sim, f: &Array, axis: usize, edge2: bool, h: f64) {
    let fv = f.read::<f32>().view().to_owned();
    let one_d = fv.ndim() == 1;
    let name = |n: &'static str| if one_d { scalar_name(n) } else { n };
    let zero = |x: f64| ArrayD::from_elem(IxDyn(&[]), x);
    let (ax, n) = (Axis(axis), fv.shape()[axis]);
    let sl = |s: Slice| fv.slice_axis(ax, s);
    let lane = |i: usize| fv.index_axis(ax, i).mapv(f64::from);
    let (d, fl) = typed_bin(sl(Slice::from(2..)), sl(Slice::from(..-2)), f32::sub);
    sim.note("interior", "subtract", fl);
    let (two, fl) = scalar_op(false, 2.0, h, false);
    sim.note("interior", "scalar multiply", fl);
    let (q, fl) = typed_bin(d.mapv(f64::from).view(), zero(two).view(), f64::div);
    sim.note("interior", "divide", fl);
    cast_note(sim, "interior", &q);
    if !edge2 {
        for (site, hi, lo) in [("edge_left", 1, 0), ("edge_right", n - 1, n - 2)] {
            let (t, fl) = typed_bin(fv.index_axis(ax, hi), fv.index_axis(ax, lo), f32::sub);
            sim.note(site, name("subtract"), fl);
            let (q, fl) = typed_bin(t.mapv(f64::from).view(), zero(h).view(), f64::div);
            sim.note(site, name("divide"), fl);
            cast_note(sim, site, &q);
        }
        return;
    }
    for (sites, nums, [line1, line2], idx) in [
        (
            ["e2u_la", "e2u_lb", "e2u_lc"],
            [-1.5, 2., -0.5],
            ["e2_lout", "e2_lout2"],
            [0, 1, 2],
        ),
        (
            ["e2u_ra", "e2u_rb", "e2u_rc"],
            [0.5, -2., 1.5],
            ["e2_rout", "e2_rout2"],
            [n - 3, n - 2, n - 1],
        ),
    ] {
        let mut w = [0.0; 3];
        for ((o, site), x) in w.iter_mut().zip(sites).zip(nums) {
            let (v, fl) = scalar_op(false, x, h, true);
            sim.note(site, "scalar divide", fl);
            *o = v;
        }
        let [f0, f1, f2] = idx.map(lane);
        let (t0, fl) = typed_bin(zero(w[0]).view(), f0.view(), |x: f64, y: f64| x * y);
        sim.note(line1, name("multiply"), fl);
        let (t1, fl) = typed_bin(zero(w[1]).view(), f1.view(), |x: f64, y: f64| x * y);
        sim.note(line1, name("multiply"), fl);
        let (s, fl) = typed_bin(t0.view(), t1.view(), f64::add);
        sim.note(line1, name("add"), fl);
        let (t2, fl) = typed_bin(zero(w[2]).view(), f2.view(), |x: f64, y: f64| x * y);
        sim.note(line2, name("multiply"), fl);
        let (q, fl) = typed_bin(s.view(), t2.view(), f64::add);
        sim.note(line1, name("add"), fl);
        cast_note(sim, line1, &q);
    }
}
