//! Elementwise float64 arithmetic of several operations in one pass:
//! `a * b + c`, `2*a - b`, `(a - b) / c` read their operands once and write
//! one output, with no temporary arrays.
//!
//! A [`Step`] is one of NumPy's `add`/`subtract`/`multiply`/`divide` on
//! float64 arrays of one shape and float64 numbers; a program is the steps
//! in the order NumPy runs them (a post-order walk of the expression), each
//! taking the results of earlier steps off a stack. The output is cut into
//! chunks of [`LANE`] elements. A two-step program (`a * b + c`) runs both
//! steps in registers in one loop over its inputs (`fused/pair.rs`); a
//! longer one runs every step in turn over the chunk, through scratch
//! buffers that stay in the L1 cache, and copies the last step's result out
//! (with non-temporal stores when the output is bigger than the caches).
//! Every element gets the same IEEE operations in the same order as NumPy's
//! separate passes (each rounded: no fused multiply-add, which Rust never
//! contracts to), so the bytes are NumPy's.
//!
//! The floating-point flags are taken after each step of each chunk and
//! kept per step, so the caller can report them as NumPy does: all of the
//! first operation's warnings, then the second's.
//!
//! ```
//! use gradlab::array::Array;
//! use gradlab::array::fused::{self, Arith, Operand, Step};
//! let a = Array::from_f64(vec![1.0, 2.0]);
//! let b = Array::from_f64(vec![1e308, 3.0]);
//! // a * b * 10.0
//! let steps = [
//!     Step { op: Arith::Mul, left: Operand::Array(0), right: Operand::Array(1) },
//!     Step { op: Arith::Mul, left: Operand::Result, right: Operand::Number(10.0) },
//! ];
//! let out = fused::run(&[&a, &b], &steps).unwrap().unwrap();
//! assert_eq!(out.array.to_f64_vec(), vec![f64::INFINITY, 60.0]);
//! assert!(out.flags[0].is_empty());
//! assert_eq!(out.flags[1], gradlab::array::fpe::Flags::OVERFLOW);
//! ```

use std::sync::Mutex;

use super::dtype::DType;
use super::error::Error;
use super::fpe::{self, Flags};
use super::fresh::Fresh;
use super::handle::Array;
use super::limits::check_interrupt;
use super::par::for_chunks;
use super::read::Read;
use super::stream;

mod pair;
#[cfg(test)]
mod tests;

use pair::pair;

/// Most steps in one program.
pub const MAX_STEPS: usize = 8;
/// Most step results waiting on the stack at once (`(a*b) + (c*d)` needs two).
const MAX_PENDING: usize = 3;
/// Elements per inner chunk: a scratch buffer of 8 KiB.
const LANE: usize = 1024;
/// Elements per piece handed to a thread (and between interrupt checks).
const PIECE: usize = 1 << 16;

/// NumPy's float64 arithmetic ufuncs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
}

/// Where a step's operand comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Operand {
    /// The i-th array given to [`run`].
    Array(usize),
    /// A number (a Python float or int, or a NumPy float64 scalar, which
    /// NEP 50 makes a float64 beside a float64 array).
    Number(f64),
    /// The result of an earlier step, taken off the stack (a right operand
    /// is the last result pushed, a left one the one before it).
    Result,
}

/// One operation: `left op right`, its result pushed on the stack.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub op: Arith,
    pub left: Operand,
    pub right: Operand,
}

/// The result of [`run`]: the output and the flags each step raised.
pub struct Fused {
    pub array: Array,
    pub flags: Vec<Flags>,
}

/// Runs `steps` over `arrays` in one pass into one new C-order array.
///
/// `None` when this kernel does not run the program: arrays that are not
/// float64, not C-contiguous, 0-d or not all of one shape; a step with two
/// numbers; more than [`MAX_STEPS`] steps or too many pending results; a
/// stack that does not end with exactly the last step's result.
///
/// # Errors
/// `MemoryError` above the cap; `KeyboardInterrupt`.
pub fn run(arrays: &[&Array], steps: &[Step]) -> Option<Result<Fused, Error>> {
    let shape = arrays.first()?.shape();
    let simple = |a: &&Array| {
        a.dtype() == DType::Float64 && a.ndim() > 0 && a.shape() == shape && a.is_c_contiguous()
    };
    if !arrays.iter().all(simple) || !well_formed(steps, arrays.len()) {
        return None;
    }
    let reads: Vec<Read<f64>> = arrays.iter().map(|a| a.read::<f64>()).collect();
    let slices: Option<Vec<&[f64]>> = reads.iter().map(Read::as_slice).collect();
    Some(run_slices(&slices?, shape, steps))
}

/// Whether the stack discipline of `steps` holds (see [`run`]).
fn well_formed(steps: &[Step], arrays: usize) -> bool {
    if steps.is_empty() || steps.len() > MAX_STEPS {
        return false;
    }
    let mut pending = 0usize;
    for (i, s) in steps.iter().enumerate() {
        for o in [s.left, s.right] {
            if matches!(o, Operand::Array(j) if j >= arrays) {
                return false;
            }
        }
        if matches!((s.left, s.right), (Operand::Number(_), Operand::Number(_))) {
            return false;
        }
        let Some(rest) = pending.checked_sub(pops(s)) else {
            return false;
        };
        if i + 1 == steps.len() {
            return rest == 0;
        }
        pending = rest + 1;
        if pending > MAX_PENDING {
            return false;
        }
    }
    false
}

fn pops(s: &Step) -> usize {
    usize::from(s.left == Operand::Result) + usize::from(s.right == Operand::Result)
}

fn run_slices(inputs: &[&[f64]], shape: &[usize], steps: &[Step]) -> Result<Fused, Error> {
    let mut out = Fresh::<f64>::for_overwrite(shape)?;
    let n = out.as_slice().len();
    let seen = Mutex::new(vec![Flags::NONE; steps.len()]);
    let nt = stream::wanted(size_of_val(out.as_slice()));
    for_chunks(
        out.as_mut_slice(),
        PIECE,
        n * (inputs.len() + 1),
        |k, piece| {
            check_interrupt()?;
            // Whatever this thread raised before belongs to no step.
            fpe::take_here();
            // Two steps in registers; flags there cannot be told apart by
            // step, so a piece that raised any is computed again by lanes
            // (to the same values).
            if pair(inputs, k * PIECE, piece, steps, nt) && fpe::take_here().is_empty() {
                return Ok(());
            }
            let mut flags = [Flags::NONE; MAX_STEPS];
            let mut scratch = [[0.0f64; LANE]; MAX_PENDING];
            let base = k * PIECE;
            for (j, lane) in piece.chunks_mut(LANE).enumerate() {
                let at = base + j * LANE;
                one_lane(inputs, at, lane, steps, &mut scratch, &mut flags, nt);
            }
            stream::fence();
            if flags.iter().any(|f| !f.is_empty()) {
                let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
                for (s, f) in seen.iter_mut().zip(flags) {
                    *s = s.union(f);
                }
            }
            Ok(())
        },
    )?;
    let flags = seen.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(Fused {
        array: out.finish(),
        flags,
    })
}

/// An operand of one lane's step.
#[derive(Clone, Copy)]
enum Src<'a> {
    Slice(&'a [f64]),
    Number(f64),
    /// The step's own destination (a pending result updated in place).
    Dst,
}

/// Every step over the output elements `at..at + out.len()`.
fn one_lane(
    inputs: &[&[f64]],
    at: usize,
    out: &mut [f64],
    steps: &[Step],
    scratch: &mut [[f64; LANE]; MAX_PENDING],
    flags: &mut [Flags; MAX_STEPS],
    nt: bool,
) {
    let len = out.len();
    let plain = |o: Operand| match o {
        Operand::Array(i) => Src::Slice(&inputs[i][at..at + len]),
        Operand::Number(x) => Src::Number(x),
        Operand::Result => unreachable!("results are mapped by the caller"),
    };
    let mut pending = 0;
    for (i, s) in steps.iter().enumerate() {
        // The result goes where its left pending operand was, or on top;
        // the last one is scratch[0], copied out below.
        let lo = pending - pops(s);
        let (head, tail) = scratch.split_at_mut(lo + 1);
        let dst = &mut head[lo][..len];
        let (l, r) = match (s.left, s.right) {
            (Operand::Result, Operand::Result) => (Src::Dst, Src::Slice(&tail[0][..len])),
            (Operand::Result, o) => (Src::Dst, plain(o)),
            (o, Operand::Result) => (plain(o), Src::Dst),
            (a, b) => (plain(a), plain(b)),
        };
        apply(s.op, dst, l, r);
        pending = lo + 1;
        flags[i] = flags[i].union(fpe::take_here());
    }
    stream::copy(out, &scratch[0][..len], nt);
}

fn apply(op: Arith, dst: &mut [f64], l: Src, r: Src) {
    match op {
        Arith::Add => lanes(dst, l, r, |x, y| x + y),
        Arith::Sub => lanes(dst, l, r, |x, y| x - y),
        Arith::Mul => lanes(dst, l, r, |x, y| x * y),
        Arith::Div => lanes(dst, l, r, |x, y| x / y),
    }
}

/// `dst = f(l, r)` elementwise, one loop per kind of operand so that each
/// vectorises.
#[inline(always)]
fn lanes(dst: &mut [f64], l: Src, r: Src, f: impl Fn(f64, f64) -> f64) {
    match (l, r) {
        (Src::Slice(x), Src::Slice(y)) => {
            for ((d, &x), &y) in dst.iter_mut().zip(x).zip(y) {
                *d = f(x, y);
            }
        }
        (Src::Slice(x), Src::Number(y)) => {
            for (d, &x) in dst.iter_mut().zip(x) {
                *d = f(x, y);
            }
        }
        (Src::Number(x), Src::Slice(y)) => {
            for (d, &y) in dst.iter_mut().zip(y) {
                *d = f(x, y);
            }
        }
        (Src::Dst, Src::Slice(y)) => {
            for (d, &y) in dst.iter_mut().zip(y) {
                *d = f(*d, y);
            }
        }
        (Src::Slice(x), Src::Dst) => {
            for (d, &x) in dst.iter_mut().zip(x) {
                *d = f(x, *d);
            }
        }
        (Src::Dst, Src::Number(y)) => {
            for d in dst.iter_mut() {
                *d = f(*d, y);
            }
        }
        (Src::Number(x), Src::Dst) => {
            for d in dst.iter_mut() {
                *d = f(x, *d);
            }
        }
        (Src::Dst, Src::Dst) => {
            for d in dst.iter_mut() {
                *d = f(*d, *d);
            }
        }
        (Src::Number(x), Src::Number(y)) => dst.fill(f(x, y)),
    }
}
