//! NumPy's `np.gradient` replayed line by line with each value's precision
//! tracked, for the calls whose arithmetic mixes float32 and float64:
//! float32 coordinates (their `np.diff`, the weights `a`, `b`, `c` and the
//! second-order edge weights are float32, a NumPy float32 scalar step's
//! `-1.5 / dx` too), and float32 data with coordinates (strong under
//! NEP 50: the weights promote the stencil to float64, whose results are
//! cast into the float32 output, "overflow encountered in cast").
//! One pass gives the values and the warnings (each operation's flags,
//! named and placed as NumPy's source runs them; see `steps.rs`).

use ndarray::{ArrayD, Axis, IxDyn, Slice};

use super::steps::{Op, Step, apply as apply_op, broadcast_pair, scalar_name};
use super::{GradientArgs, Plan};
use crate::array::fpe::{self, Flags};
use crate::array::{Array, DType, Kind};

/// A value's precision.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum P {
    F32,
    F64,
}

/// The precision of an array of dtype `d` (integers are read as float64).
fn prec(d: DType) -> P {
    if d == DType::Float32 { P::F32 } else { P::F64 }
}

/// What kind of Python object a value is: a Python float (weak under
/// NEP 50), a NumPy scalar (an element of an array: strong, and its
/// operations are "scalar ..."), or an array.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum K {
    Py,
    Scalar,
    Array,
}

/// A value of NumPy's `gradient`: its elements (exact in f64 for float32),
/// precision and kind.
#[derive(Clone)]
struct V {
    a: ArrayD<f64>,
    p: P,
    k: K,
}

impl V {
    fn py(x: f64) -> V {
        V {
            a: ArrayD::from_elem(IxDyn(&[]), x),
            p: P::F64,
            k: K::Py,
        }
    }
    fn first(&self) -> f64 {
        self.a.iter().next().copied().unwrap_or(f64::NAN)
    }
    fn neg(&self) -> V {
        V {
            a: self.a.mapv(|x| -x),
            ..*self
        }
    }
    /// `x[s]` of a 1-D array (an array).
    fn slice(&self, s: Slice) -> V {
        V {
            a: self.a.slice_axis(Axis(0), s).to_owned(),
            ..*self
        }
    }
    /// `x[i]` of a 1-D array: a NumPy scalar.
    fn item(&self, i: usize) -> V {
        V {
            a: ArrayD::from_elem(IxDyn(&[]), self.a[[i]]),
            p: self.p,
            k: K::Scalar,
        }
    }
}

/// The ufunc's name of `op` and its float32 arithmetic.
fn name(op: Op) -> &'static str {
    match op {
        Op::Add => "add",
        Op::Sub => "subtract",
        Op::Mul => "multiply",
        Op::Div => "divide",
    }
}

fn f32_op(op: Op, x: f32, y: f32) -> f32 {
    match op {
        Op::Add => x + y,
        Op::Sub => x - y,
        Op::Mul => x * y,
        Op::Div => x / y,
    }
}

/// The flags of a float64 value stored as float32.
fn narrow_flags(a: &ArrayD<f64>) -> Flags {
    let over = a.iter().any(|&x| x.is_finite() && (x as f32).is_infinite());
    [Flags::NONE, Flags::OVERFLOW][usize::from(over)]
}

#[derive(Default)]
struct Run {
    steps: Vec<Step>,
    raised: Flags,
}

impl Run {
    fn note(&mut self, site: &'static str, op: &'static str, flags: Flags) {
        if !flags.is_empty() {
            self.raised = self.raised.union(flags);
            self.steps.push(Step::Flags { site, op, flags });
        }
    }

    /// `x op y` as NumPy computes it: two Python floats in Python; else in
    /// the promoted precision (a Python float takes the other's, converted
    /// first: float32's "overflow encountered in cast").
    fn bin(&mut self, site: &'static str, op: Op, x: &V, y: &V) -> V {
        if x.k == K::Py && y.k == K::Py {
            let (r, _) = apply_op(op, x.first(), y.first());
            return V::py(r);
        }
        let p = match (x.k, y.k) {
            (K::Py, _) => y.p,
            (_, K::Py) => x.p,
            _ if x.p == P::F64 || y.p == P::F64 => P::F64,
            _ => P::F32,
        };
        for v in [x, y] {
            if v.k == K::Py && p == P::F32 {
                let flags = narrow_flags(&v.a);
                self.note(site, "cast", flags);
            }
        }
        let k = if x.k == K::Array || y.k == K::Array {
            K::Array
        } else {
            K::Scalar
        };
        let name = if k == K::Scalar {
            scalar_name(name(op))
        } else {
            name(op)
        };
        let (xv, yv) = (x.a.view(), y.a.view());
        let (xa, ya) = broadcast_pair(&xv, &yv);
        let (a, flags) = match p {
            P::F32 => {
                use std::hint::black_box;
                fpe::clear();
                let a = ndarray::Zip::from(&xa).and(&ya).map_collect(|&u, &v| {
                    f64::from(black_box(f32_op(
                        op,
                        black_box(u as f32),
                        black_box(v as f32),
                    )))
                });
                (a, fpe::take())
            }
            P::F64 => {
                let mut flags = Flags::NONE;
                let a = ndarray::Zip::from(&xa).and(&ya).map_collect(|&u, &v| {
                    let (r, f) = apply_op(op, u, v);
                    flags = flags.union(f);
                    r
                });
                (a, flags)
            }
        };
        self.note(site, name, flags);
        V { a, p, k }
    }

    /// `out[...] = v`: a float64 result stored into a float32 output.
    fn store(&mut self, site: &'static str, out: P, v: &V) -> ArrayD<f64> {
        if out == P::F32 && v.p == P::F64 {
            let flags = narrow_flags(&v.a);
            self.note(site, "cast", flags);
            return v.a.mapv(|x| f64::from(x as f32));
        }
        v.a.clone()
    }
}

/// Whether the call mixes precisions (see the module's doc): real data and
/// float32 spacing, or float32 data with coordinates; never boolean
/// spacing (whose errors the plan raises).
pub(crate) fn applies(f: &Array, args: &GradientArgs, plan: &Plan<'_>) -> bool {
    let real = matches!(f.dtype().kind(), Kind::Float | Kind::Int | Kind::UInt);
    let coords = args.varargs.len() == plan.axes.len();
    real && !args.varargs.iter().any(|d| d.dtype() == DType::Bool)
        && args.varargs.iter().any(|d| match f.dtype() {
            DType::Float32 => coords && d.ndim() == 1,
            _ => d.dtype() == DType::Float32,
        })
}

/// The spacing argument of axis `k` as NumPy's loop sees it: a scalar
/// (Python float when `python`, else a NumPy scalar of its precision) or
/// the `np.diff` of the coordinates (a scalar when constant).
fn spacing(run: &mut Run, d: &Array, python: bool) -> V {
    let p = prec(d.dtype());
    let x = d.to_f64();
    if d.ndim() == 0 {
        return V {
            a: x,
            p,
            k: if python { K::Py } else { K::Scalar },
        };
    }
    let x = V {
        a: x,
        p,
        k: K::Array,
    };
    let n = x.a.len();
    let diffx = run.bin(
        "diff",
        Op::Sub,
        &x.slice(Slice::from(1..)),
        &x.slice(Slice::from(..n - 1)),
    );
    let d0 = diffx.a[[0]];
    if diffx.a.iter().all(|&v| v == d0) {
        diffx.item(0)
    } else {
        diffx
    }
}

/// NumPy's `gradient` of `f` with mixed precisions: each axis' result (of
/// `f`'s dtype, float64 for integers) and the warnings in order.
/// `python[k]`: spacing argument `k` is a Python number.
pub(crate) fn run(
    f: &Array,
    args: &GradientArgs,
    plan: &Plan<'_>,
    python: &[bool],
) -> (Vec<Array>, Vec<Step>) {
    let mut run = Run::default();
    let out_p = prec(f.dtype());
    let fv = V {
        a: f.to_f64(),
        p: out_p,
        k: K::Array,
    };
    let n_axes = plan.axes.len();
    let dx: Vec<V> = match args.varargs.len() {
        0 => vec![V::py(1.0); n_axes],
        _ if args.varargs.len() == n_axes => (0..n_axes)
            .map(|k| spacing(&mut run, &args.varargs[k], python.get(k) != Some(&false)))
            .collect(),
        _ => vec![spacing(&mut run, &args.varargs[0], python.first() != Some(&false)); n_axes],
    };
    let mut outs = Vec::new();
    for (ax, dx) in plan.axes.iter().zip(&dx) {
        let axis = Axis(ax.axis);
        let n = fv.a.shape()[ax.axis];
        let sl = |s: Slice| V {
            a: fv.a.slice_axis(axis, s).to_owned(),
            ..fv
        };
        // f[..., i, ...]: a NumPy scalar for 1-D f, else an array.
        let lane = |i: usize| V {
            a: fv.a.index_axis(axis, i).to_owned(),
            p: fv.p,
            k: if fv.a.ndim() == 1 {
                K::Scalar
            } else {
                K::Array
            },
        };
        let mut out = ArrayD::<f64>::zeros(fv.a.raw_dim());
        let uniform = dx.k != K::Array;
        let interior = if uniform {
            let d = run.bin(
                "interior",
                Op::Sub,
                &sl(Slice::from(2..)),
                &sl(Slice::from(..-2)),
            );
            let two = run.bin("interior", Op::Mul, &V::py(2.0), dx);
            let q = run.bin("interior", Op::Div, &d, &two);
            run.store("interior", out_p, &q)
        } else {
            let (dx1, dx2) = (dx.slice(Slice::from(..-1)), dx.slice(Slice::from(1..)));
            let s = run.bin("coef_a", Op::Add, &dx1, &dx2);
            let p = run.bin("coef_a", Op::Mul, &dx1, &s);
            let a = run.bin("coef_a", Op::Div, &dx2.neg(), &p);
            let s = run.bin("coef_b", Op::Sub, &dx2, &dx1);
            let p = run.bin("coef_b", Op::Mul, &dx1, &dx2);
            let b = run.bin("coef_b", Op::Div, &s, &p);
            let s = run.bin("coef_c", Op::Add, &dx1, &dx2);
            let p = run.bin("coef_c", Op::Mul, &dx2, &s);
            let c = run.bin("coef_c", Op::Div, &dx1, &p);
            let mut shape = vec![1; fv.a.ndim()];
            shape[ax.axis] = n - 2;
            let r = |w: V| V {
                a: w.a.into_shape_with_order(IxDyn(&shape)).expect("same size"),
                ..w
            };
            let (a, b, c) = (r(a), r(b), r(c));
            let lines = ["interior_out", "interior_out2"];
            let mids = [
                sl(Slice::from(..-2)),
                sl(Slice::new(1, Some(-1), 1)),
                sl(Slice::from(2..)),
            ];
            let v = stencil(&mut run, lines, [&a, &b, &c], mids);
            run.store("interior_out", out_p, &v)
        };
        out.slice_axis_mut(axis, Slice::new(1, Some(-1), 1))
            .assign(&interior);
        if !plan.edge2 {
            for (site, hi, lo, at, d) in [
                (
                    "edge_left",
                    1,
                    0,
                    0,
                    if uniform { dx.clone() } else { dx.item(0) },
                ),
                (
                    "edge_right",
                    n - 1,
                    n - 2,
                    n - 1,
                    if uniform { dx.clone() } else { dx.item(n - 2) },
                ),
            ] {
                let t = run.bin(site, Op::Sub, &lane(hi), &lane(lo));
                let q = run.bin(site, Op::Div, &t, &d);
                let v = run.store(site, out_p, &q);
                out.index_axis_mut(axis, at).assign(&v);
            }
            outs.push(out);
            continue;
        }
        if uniform && dx.k == K::Py && dx.first() == 0.0 {
            run.steps.push(Step::ZeroDivision);
            break;
        }
        let left = if uniform {
            let w = |run: &mut Run, site, x| run.bin(site, Op::Div, &V::py(x), dx);
            [
                w(&mut run, "e2u_la", -1.5),
                w(&mut run, "e2u_lb", 2.),
                w(&mut run, "e2u_lc", -0.5),
            ]
        } else {
            let (dx1, dx2) = (dx.item(0), dx.item(1));
            let m = run.bin("e2_la", Op::Mul, &V::py(2.), &dx1);
            let s1 = run.bin("e2_la", Op::Add, &m, &dx2);
            let s2 = run.bin("e2_la", Op::Add, &dx1, &dx2);
            let p = run.bin("e2_la", Op::Mul, &dx1, &s2);
            let a = run.bin("e2_la", Op::Div, &s1.neg(), &p);
            let s = run.bin("e2_lb", Op::Add, &dx1, &dx2);
            let p = run.bin("e2_lb", Op::Mul, &dx1, &dx2);
            let b = run.bin("e2_lb", Op::Div, &s, &p);
            let s = run.bin("e2_lc", Op::Add, &dx1, &dx2);
            let p = run.bin("e2_lc", Op::Mul, &dx2, &s);
            let c = run.bin("e2_lc", Op::Div, &dx1.neg(), &p);
            [a, b, c]
        };
        let [a, b, c] = &left;
        let v = stencil(
            &mut run,
            ["e2_lout", "e2_lout2"],
            [a, b, c],
            [lane(0), lane(1), lane(2)],
        );
        let v = run.store("e2_lout", out_p, &v);
        out.index_axis_mut(axis, 0).assign(&v);
        let right = if uniform {
            let w = |run: &mut Run, site, x| run.bin(site, Op::Div, &V::py(x), dx);
            [
                w(&mut run, "e2u_ra", 0.5),
                w(&mut run, "e2u_rb", -2.),
                w(&mut run, "e2u_rc", 1.5),
            ]
        } else {
            let (dx1, dx2) = (dx.item(n - 3), dx.item(n - 2));
            let s = run.bin("e2_ra", Op::Add, &dx1, &dx2);
            let p = run.bin("e2_ra", Op::Mul, &dx1, &s);
            let a = run.bin("e2_ra", Op::Div, &dx2, &p);
            let s = run.bin("e2_rb", Op::Add, &dx2, &dx1);
            let p = run.bin("e2_rb", Op::Mul, &dx1, &dx2);
            let b = run.bin("e2_rb", Op::Div, &s.neg(), &p);
            let m = run.bin("e2_rc", Op::Mul, &V::py(2.), &dx2);
            let s1 = run.bin("e2_rc", Op::Add, &m, &dx1);
            let s2 = run.bin("e2_rc", Op::Add, &dx1, &dx2);
            let p = run.bin("e2_rc", Op::Mul, &dx2, &s2);
            let c = run.bin("e2_rc", Op::Div, &s1, &p);
            [a, b, c]
        };
        let [a, b, c] = &right;
        let v = stencil(
            &mut run,
            ["e2_rout", "e2_rout2"],
            [a, b, c],
            [lane(n - 3), lane(n - 2), lane(n - 1)],
        );
        let v = run.store("e2_rout", out_p, &v);
        out.index_axis_mut(axis, n - 1).assign(&v);
        outs.push(out);
    }
    reraise(run.raised);
    let arrays = outs
        .into_iter()
        .map(|o| match out_p {
            P::F32 => Array::from_ndarray(o.mapv(|x| x as f32)),
            P::F64 => Array::from_ndarray(o),
        })
        .collect();
    (arrays, run.steps)
}

/// Raises `flags` in this thread's status register, as kernels leave them
/// (`fpe::raise` would publish them to other threads too).
fn reraise(flags: Flags) {
    use std::hint::black_box;
    let ops = [
        (Flags::DIVIDE, 1.0, 0.0, Op::Div),
        (Flags::OVERFLOW, f64::MAX, 2.0, Op::Mul),
        (Flags::UNDERFLOW, 1e-300, 1e-300, Op::Mul),
        (Flags::INVALID, 0.0, 0.0, Op::Div),
    ];
    for (flag, x, y, op) in ops {
        if flags.contains(flag) {
            black_box(apply_op(op, black_box(x), black_box(y)));
        }
    }
}

/// `a * f0 + b * f1 \ + c * f2` (the last product on the second line).
fn stencil(run: &mut Run, [line1, line2]: [&'static str; 2], w: [&V; 3], f: [V; 3]) -> V {
    let t0 = run.bin(line1, Op::Mul, w[0], &f[0]);
    let t1 = run.bin(line1, Op::Mul, w[1], &f[1]);
    let s = run.bin(line1, Op::Add, &t0, &t1);
    let t2 = run.bin(line2, Op::Mul, w[2], &f[2]);
    run.bin(line1, Op::Add, &s, &t2)
}
