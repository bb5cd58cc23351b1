//! The floating-point errors NumPy's own `np.gradient` raises, operation by
//! operation, in the order its Python source runs them
//! (`numpy/lib/_function_base_impl.py`).
//!
//! The fast kernels compute the same values in another order (and with
//! other intermediate results), so their status flags cannot say which of
//! NumPy's operations warns, nor how often: NumPy names the ufunc
//! (`subtract`, `scalar divide`) and Python shows a warning once per source
//! line. This replays NumPy's steps on the values and classifies each
//! result; it only runs when the kernel raised a flag (or a Python zero
//! step meets second-order edges), so the common case costs nothing.

use ndarray::{ArrayD, ArrayViewD, Axis, IxDyn, Slice};

use super::{GradientArgs, Plan, Spacing};
use crate::array::fpe::Flags;
use crate::array::{Array, Complex128, DType, Error};

mod own_dtype;
use own_dtype::typed_steps;

/// One thing NumPy's `gradient` did that matters to warnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Operation `op` (the ufunc's name as NumPy's warning words it:
    /// `subtract`, `scalar divide`) on source line `site` raised `flags`.
    Flags {
        /// Which line of NumPy's `gradient` (`interior`, `edge_left`, ...).
        site: &'static str,
        /// The ufunc as NumPy names it in the warning.
        op: &'static str,
        /// What it raised (never empty).
        flags: Flags,
    },
    /// `-1.5 / ax_dx` with a Python zero step: `ZeroDivisionError: float
    /// division by zero`. Nothing after it runs.
    ZeroDivision,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// IEEE 754's result and exception flags of `x op y` (round to nearest),
/// as the FPU would raise them.
pub(super) fn apply(op: Op, x: f64, y: f64) -> (f64, Flags) {
    let r = match op {
        Op::Add => x + y,
        Op::Sub => x - y,
        Op::Mul => x * y,
        Op::Div => x / y,
    };
    let operands_finite = x.is_finite() && y.is_finite();
    let flags = if r.is_nan() {
        if x.is_nan() || y.is_nan() {
            Flags::NONE
        } else {
            Flags::INVALID
        }
    } else if r.is_infinite() {
        match op {
            Op::Div if y == 0.0 && x.is_finite() => Flags::DIVIDE,
            _ if operands_finite => Flags::OVERFLOW,
            _ => Flags::NONE,
        }
    } else if matches!(op, Op::Mul | Op::Div)
        && operands_finite
        && x != 0.0
        && r.abs() < f64::MIN_POSITIVE
    {
        // Underflow is "tiny and inexact": the fused multiply-add gives
        // the rounding error exactly.
        let exact = match op {
            Op::Mul => x.mul_add(y, -r) == 0.0,
            _ => r.mul_add(y, -x) == 0.0,
        };
        if exact { Flags::NONE } else { Flags::UNDERFLOW }
    } else {
        Flags::NONE
    };
    (r, flags)
}

/// The NumPy scalar's name of ufunc `name` (`scalar subtract`), which
/// operations on 0-d results (the edges of a 1-D gradient) report.
pub(super) fn scalar_name(name: &'static str) -> &'static str {
    match name {
        "add" => "scalar add",
        "subtract" => "scalar subtract",
        "multiply" => "scalar multiply",
        _ => "scalar divide",
    }
}

/// Both operands of an elementwise operation broadcast to the larger one's
/// shape.
pub(super) fn broadcast_pair<'a, T>(
    x: &'a ArrayViewD<'_, T>,
    y: &'a ArrayViewD<'_, T>,
) -> (ArrayViewD<'a, T>, ArrayViewD<'a, T>) {
    let shape = if x.ndim() > y.ndim() || (x.ndim() == y.ndim() && x.len() >= y.len()) {
        x.raw_dim()
    } else {
        y.raw_dim()
    };
    (
        x.broadcast(shape.clone()).expect("broadcastable"),
        y.broadcast(shape).expect("broadcastable"),
    )
}

#[derive(Default)]
struct Sim {
    steps: Vec<Step>,
}

impl Sim {
    fn note(&mut self, site: &'static str, op: &'static str, flags: Flags) {
        if !flags.is_empty() {
            self.steps.push(Step::Flags { site, op, flags });
        }
    }

    /// An elementwise operation, the smaller operand broadcast.
    fn bin(
        &mut self,
        site: &'static str,
        name: &'static str,
        op: Op,
        x: ArrayViewD<'_, f64>,
        y: ArrayViewD<'_, f64>,
    ) -> ArrayD<f64> {
        let (x, y) = broadcast_pair(&x, &y);
        let mut flags = Flags::NONE;
        let out = ndarray::Zip::from(&x).and(&y).map_collect(|&a, &b| {
            let (r, f) = apply(op, a, b);
            flags = flags.union(f);
            r
        });
        self.note(site, name, flags);
        out
    }

    /// An operation on two NumPy scalars.
    fn scalar(&mut self, site: &'static str, name: &'static str, op: Op, x: f64, y: f64) -> f64 {
        let (r, flags) = apply(op, x, y);
        self.note(site, scalar_name(name), flags);
        r
    }
}

fn zero_d(x: f64) -> ArrayD<f64> {
    ArrayD::from_elem(IxDyn(&[]), x)
}

/// NumPy's `gradient` steps for `f` (whose call the kernels already
/// accepted): its warnings in order, each tagged with its source line.
/// `python[k]` says whether spacing argument `k` is a Python number (no
/// arguments: NumPy's Python `1.0`). float32 and complex input replay in
/// their own arithmetic (uniform Python steps only: see `typed_steps`).
///
/// # Errors
/// The argument errors [`Plan::new`] raises (the kernels raised them
/// first).
pub fn numpy_steps(f: &Array, args: &GradientArgs, python: &[bool]) -> Result<Vec<Step>, Error> {
    let plan = Plan::new(f, args)?;
    if super::mixed::applies(f, args, &plan) {
        return Ok(super::mixed::run(f, args, &plan, python).1);
    }
    match f.dtype() {
        DType::Float32 => return Ok(typed_steps::<f32>(f, args, &plan, python)),
        DType::Complex128 => return Ok(typed_steps::<Complex128>(f, args, &plan, python)),
        _ => {}
    }
    let mut sim = Sim::default();
    let n_args = args.varargs.len();
    // The spacing: `np.diff` of each coordinate array, before the loop.
    if n_args == plan.axes.len() && !(n_args == 1 && args.varargs[0].ndim() == 0) {
        for d in &args.varargs {
            if d.ndim() == 1 && !matches!(d.dtype(), DType::Bool | DType::Complex128) {
                let x = d.to_f64();
                let (later, earlier) = (
                    x.slice_axis(Axis(0), Slice::from(1..)),
                    x.slice_axis(Axis(0), Slice::from(..-1)),
                );
                sim.bin("diff", "subtract", Op::Sub, later, earlier);
            }
        }
    }
    let fv = f.to_f64();
    let edge_names = |name: &'static str| {
        if fv.ndim() == 1 {
            scalar_name(name)
        } else {
            name
        }
    };
    let (sub, div, mul, add) = (
        edge_names("subtract"),
        edge_names("divide"),
        edge_names("multiply"),
        edge_names("add"),
    );
    for (k, ax) in plan.axes.iter().enumerate() {
        let py = python
            .get(if python.len() == 1 { 0 } else { k })
            .copied()
            .unwrap_or(true);
        let axis = Axis(ax.axis);
        let n = fv.shape()[ax.axis];
        let sl = |s: Slice| fv.slice_axis(axis, s);
        let lane = |i: usize| fv.index_axis(axis, i);
        let (uniform, dx) = match &ax.spacing {
            Spacing::Uniform(h) => (Some(*h), Vec::new()),
            Spacing::Coords(c) => {
                let x = c.as_slice();
                (None, x.windows(2).map(|w| w[1] - w[0]).collect())
            }
            Spacing::BoolCoords => break,
        };
        if n < 2 || (plan.edge2 && n < 3) {
            break;
        }
        // The interior.
        match uniform {
            Some(h) => {
                let d = sim.bin(
                    "interior",
                    "subtract",
                    Op::Sub,
                    sl(Slice::from(2..)),
                    sl(Slice::from(..-2)),
                );
                let two = if py {
                    2.0 * h
                } else {
                    sim.scalar("interior", "multiply", Op::Mul, 2.0, h)
                };
                sim.bin("interior", "divide", Op::Div, d.view(), zero_d(two).view());
            }
            None => {
                let v =
                    |s: &[f64]| ArrayD::from_shape_vec(IxDyn(&[s.len()]), s.to_vec()).expect("1-D");
                let (dx1, dx2) = (v(&dx[..n - 2]), v(&dx[1..]));
                let neg = |a: &ArrayD<f64>| a.mapv(|x| -x);
                let s = sim.bin("coef_a", "add", Op::Add, dx1.view(), dx2.view());
                let p = sim.bin("coef_a", "multiply", Op::Mul, dx1.view(), s.view());
                let a = sim.bin("coef_a", "divide", Op::Div, neg(&dx2).view(), p.view());
                let s = sim.bin("coef_b", "subtract", Op::Sub, dx2.view(), dx1.view());
                let p = sim.bin("coef_b", "multiply", Op::Mul, dx1.view(), dx2.view());
                let b = sim.bin("coef_b", "divide", Op::Div, s.view(), p.view());
                let s = sim.bin("coef_c", "add", Op::Add, dx1.view(), dx2.view());
                let p = sim.bin("coef_c", "multiply", Op::Mul, dx2.view(), s.view());
                let c = sim.bin("coef_c", "divide", Op::Div, dx1.view(), p.view());
                // `a.reshape(shape)`: the weights along `axis`, broadcast.
                let mut shape = vec![1; fv.ndim()];
                shape[ax.axis] = n - 2;
                let r = |w: ArrayD<f64>| w.into_shape_with_order(IxDyn(&shape)).expect("same size");
                let (a, b, c) = (r(a), r(b), r(c));
                let t0 = sim.bin(
                    "interior_out",
                    "multiply",
                    Op::Mul,
                    a.view(),
                    sl(Slice::from(..-2)),
                );
                let t1 = sim.bin(
                    "interior_out",
                    "multiply",
                    Op::Mul,
                    b.view(),
                    sl(Slice::new(1, Some(-1), 1)),
                );
                let s = sim.bin("interior_out", "add", Op::Add, t0.view(), t1.view());
                let t2 = sim.bin(
                    "interior_out2",
                    "multiply",
                    Op::Mul,
                    c.view(),
                    sl(Slice::from(2..)),
                );
                sim.bin("interior_out", "add", Op::Add, s.view(), t2.view());
            }
        }
        if !plan.edge2 {
            for (site, hi, lo, d) in [
                ("edge_left", 1, 0, uniform.unwrap_or_else(|| dx[0])),
                (
                    "edge_right",
                    n - 1,
                    n - 2,
                    uniform.unwrap_or_else(|| dx[n - 2]),
                ),
            ] {
                let t = sim.bin(site, sub, Op::Sub, lane(hi), lane(lo));
                sim.bin(site, div, Op::Div, t.view(), zero_d(d).view());
            }
            continue;
        }
        // Second-order edges: the weights, then the stencil, per side.
        let sd = "divide";
        let left = match uniform {
            Some(h) if py && h == 0.0 => {
                sim.steps.push(Step::ZeroDivision);
                break;
            }
            Some(h) if py => (-1.5 / h, 2. / h, -0.5 / h),
            Some(h) => (
                sim.scalar("e2u_la", sd, Op::Div, -1.5, h),
                sim.scalar("e2u_lb", sd, Op::Div, 2., h),
                sim.scalar("e2u_lc", sd, Op::Div, -0.5, h),
            ),
            None => {
                let (dx1, dx2) = (dx[0], dx[1]);
                let m = sim.scalar("e2_la", "multiply", Op::Mul, 2., dx1);
                let s1 = sim.scalar("e2_la", "add", Op::Add, m, dx2);
                let s2 = sim.scalar("e2_la", "add", Op::Add, dx1, dx2);
                let p = sim.scalar("e2_la", "multiply", Op::Mul, dx1, s2);
                let a = sim.scalar("e2_la", "divide", Op::Div, -s1, p);
                let s = sim.scalar("e2_lb", "add", Op::Add, dx1, dx2);
                let p = sim.scalar("e2_lb", "multiply", Op::Mul, dx1, dx2);
                let b = sim.scalar("e2_lb", "divide", Op::Div, s, p);
                let s = sim.scalar("e2_lc", "add", Op::Add, dx1, dx2);
                let p = sim.scalar("e2_lc", "multiply", Op::Mul, dx2, s);
                let c = sim.scalar("e2_lc", "divide", Op::Div, -dx1, p);
                (a, b, c)
            }
        };
        stencil(
            &mut sim,
            ["e2_lout", "e2_lout2"],
            left,
            [lane(0), lane(1), lane(2)],
            mul,
            add,
        );
        let right = if let Some(h) = uniform {
            if py {
                (0.5 / h, -2. / h, 1.5 / h)
            } else {
                (
                    sim.scalar("e2u_ra", sd, Op::Div, 0.5, h),
                    sim.scalar("e2u_rb", sd, Op::Div, -2., h),
                    sim.scalar("e2u_rc", sd, Op::Div, 1.5, h),
                )
            }
        } else {
            let (dx1, dx2) = (dx[n - 3], dx[n - 2]);
            let s = sim.scalar("e2_ra", "add", Op::Add, dx1, dx2);
            let p = sim.scalar("e2_ra", "multiply", Op::Mul, dx1, s);
            let a = sim.scalar("e2_ra", "divide", Op::Div, dx2, p);
            let s = sim.scalar("e2_rb", "add", Op::Add, dx2, dx1);
            let p = sim.scalar("e2_rb", "multiply", Op::Mul, dx1, dx2);
            let b = sim.scalar("e2_rb", "divide", Op::Div, -s, p);
            let m = sim.scalar("e2_rc", "multiply", Op::Mul, 2., dx2);
            let s1 = sim.scalar("e2_rc", "add", Op::Add, m, dx1);
            let s2 = sim.scalar("e2_rc", "add", Op::Add, dx1, dx2);
            let p = sim.scalar("e2_rc", "multiply", Op::Mul, dx2, s2);
            let c = sim.scalar("e2_rc", "divide", Op::Div, s1, p);
            (a, b, c)
        };
        let lanes = [lane(n - 3), lane(n - 2), lane(n - 1)];
        stencil(&mut sim, ["e2_rout", "e2_rout2"], right, lanes, mul, add);
    }
    Ok(sim.steps)
}

/// `a * f[i] + b * f[j] \ + c * f[k]`: the last product sits on the
/// statement's second line.
fn stencil(
    sim: &mut Sim,
    [line1, line2]: [&'static str; 2],
    (a, b, c): (f64, f64, f64),
    [f0, f1, f2]: [ArrayViewD<'_, f64>; 3],
    mul: &'static str,
    add: &'static str,
) {
    let t0 = sim.bin(line1, mul, Op::Mul, zero_d(a).view(), f0);
    let t1 = sim.bin(line1, mul, Op::Mul, zero_d(b).view(), f1);
    let s = sim.bin(line1, add, Op::Add, t0.view(), t1.view());
    let t2 = sim.bin(line2, mul, Op::Mul, zero_d(c).view(), f2);
    sim.bin(line1, add, Op::Add, s.view(), t2.view());
}
