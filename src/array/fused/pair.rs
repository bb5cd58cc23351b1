//! Two steps in registers: `(x op0 y) op1 z`.

use super::super::stream;
use super::{Arith, Operand, Src, Step, pops};

/// `(x op0 y) op1 z` element by element in registers, for the two-step
/// programs where that applies (`a * b + c`, `2*a - b`, `(a - b) / c`):
/// every input is read in the same loop, which keeps more memory reads in
/// flight than a step at a time (about twice as fast here). False when
/// the program is not of that form.
/// With `nt`, through non-temporal stores ([`stream`]).
pub(super) fn pair(
    inputs: &[&[f64]],
    at: usize,
    out: &mut [f64],
    steps: &[Step],
    nt: bool,
) -> bool {
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
        Arith::Add => pair1(|a, b| a + b, s1.op, (x, y, z), out, nt),
        Arith::Sub => pair1(|a, b| a - b, s1.op, (x, y, z), out, nt),
        Arith::Mul => pair1(|a, b| a * b, s1.op, (x, y, z), out, nt),
        Arith::Div => pair1(|a, b| a / b, s1.op, (x, y, z), out, nt),
    }
}

#[inline(always)]
fn pair1(
    f0: impl Fn(f64, f64) -> f64,
    op1: Arith,
    xyz: (Src, Src, Src),
    out: &mut [f64],
    nt: bool,
) -> bool {
    match op1 {
        Arith::Add => pair2(&f0, |a, b| a + b, xyz, out, nt),
        Arith::Sub => pair2(&f0, |a, b| a - b, xyz, out, nt),
        Arith::Mul => pair2(&f0, |a, b| a * b, xyz, out, nt),
        Arith::Div => pair2(&f0, |a, b| a / b, xyz, out, nt),
    }
}

#[inline(always)]
fn pair2(
    f0: impl Fn(f64, f64) -> f64,
    f1: impl Fn(f64, f64) -> f64,
    xyz: (Src, Src, Src),
    out: &mut [f64],
    nt: bool,
) -> bool {
    match xyz {
        (Src::Slice(x), Src::Slice(y), Src::Slice(z)) => {
            stream::zip3_into((x, y, z), out, nt, |x, y, z| f1(f0(x, y), z));
        }
        (Src::Number(x), Src::Slice(y), Src::Slice(z)) => {
            stream::zip_into(y, z, out, nt, |y, z| f1(f0(x, y), z));
        }
        (Src::Slice(x), Src::Number(y), Src::Slice(z)) => {
            stream::zip_into(x, z, out, nt, |x, z| f1(f0(x, y), z));
        }
        (Src::Slice(x), Src::Slice(y), Src::Number(z)) => {
            stream::zip_into(x, y, out, nt, |x, y| f1(f0(x, y), z));
        }
        _ => return false,
    }
    true
}
