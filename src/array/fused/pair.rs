//! Two steps in registers: `(x op0 y) op1 z`.

use super::{Arith, Operand, Src, Step, pops};

/// `(x op0 y) op1 z` element by element in registers, for the two-step
/// programs where that applies (`a * b + c`, `2*a - b`, `(a - b) / c`):
/// every input is read in the same loop, which keeps more memory reads in
/// flight than a step at a time (about twice as fast here). False when
/// the program is not of that form.
pub(super) fn pair(inputs: &[&[f64]], at: usize, out: &mut [f64], steps: &[Step]) -> bool {
    let [s0, s1] = steps else {
        return false;
    };
    if s1.left != Operand::Result || pops(s0) != 0 || s1.right == Operand::Result {
        return false;
    }
    let n = out.len();
    let src = |o: Operand| match o {
        Operand::Array(i) => Src::Slice(&inputs[i][at..at + n]),
        Operand::Number(x) => Src::Number(x),
        Operand::Result => Src::Dst,
    };
    let (x, y, z) = (src(s0.left), src(s0.right), src(s1.right));
    match s0.op {
        Arith::Add => pair1(|a, b| a + b, s1.op, x, y, z, out),
        Arith::Sub => pair1(|a, b| a - b, s1.op, x, y, z, out),
        Arith::Mul => pair1(|a, b| a * b, s1.op, x, y, z, out),
        Arith::Div => pair1(|a, b| a / b, s1.op, x, y, z, out),
    }
}

#[inline(always)]
fn pair1(
    f0: impl Fn(f64, f64) -> f64,
    op1: Arith,
    x: Src,
    y: Src,
    z: Src,
    out: &mut [f64],
) -> bool {
    match op1 {
        Arith::Add => pair2(&f0, |a, b| a + b, x, y, z, out),
        Arith::Sub => pair2(&f0, |a, b| a - b, x, y, z, out),
        Arith::Mul => pair2(&f0, |a, b| a * b, x, y, z, out),
        Arith::Div => pair2(&f0, |a, b| a / b, x, y, z, out),
    }
}

#[inline(always)]
fn pair2(
    f0: impl Fn(f64, f64) -> f64,
    f1: impl Fn(f64, f64) -> f64,
    x: Src,
    y: Src,
    z: Src,
    out: &mut [f64],
) -> bool {
    match (x, y, z) {
        (Src::Slice(x), Src::Slice(y), Src::Slice(z)) => {
            for (((o, &x), &y), &z) in out.iter_mut().zip(x).zip(y).zip(z) {
                *o = f1(f0(x, y), z);
            }
        }
        (Src::Number(x), Src::Slice(y), Src::Slice(z)) => {
            for ((o, &y), &z) in out.iter_mut().zip(y).zip(z) {
                *o = f1(f0(x, y), z);
            }
        }
        (Src::Slice(x), Src::Number(y), Src::Slice(z)) => {
            for ((o, &x), &z) in out.iter_mut().zip(x).zip(z) {
                *o = f1(f0(x, y), z);
            }
        }
        (Src::Slice(x), Src::Slice(y), Src::Number(z)) => {
            for ((o, &x), &y) in out.iter_mut().zip(x).zip(y) {
                *o = f1(f0(x, y), z);
            }
        }
        _ => return false,
    }
    true
}
