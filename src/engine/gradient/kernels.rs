//! Fused single-pass gradient kernels over a row-major array seen as
//! `outer` slabs of `n` rows of `inner` elements (`n` along the axis).
//!
//! Each output element is computed with NumPy's formulas in NumPy's order,
//! so results are bit-identical to `np.gradient`:
//! - uniform interior: `(f[i+1] - f[i-1]) / (2. * dx)`;
//! - non-uniform interior: `a*f[i-1] + b*f[i] + c*f[i+1]` with
//!   `a = -dx2 / (dx1 * (dx1 + dx2))`, `b = (dx2 - dx1) / (dx1 * dx2)`,
//!   `c = dx1 / (dx2 * (dx1 + dx2))`;
//! - the edges of [`Edges`].
//!
//! A division is replaced by a multiplication only when the divisor is a
//! power of two whose reciprocal is a normal number: then both round the same
//! exact quotient. Integers are converted to float64 in registers.

use ndarray::{ArrayView1, ArrayViewD, ArrayViewMut1, ArrayViewMutD, Axis};

use super::plan::Spacing;
use crate::array::limits::check_interrupt;
use crate::array::par::for_chunks;
use crate::array::{Element, Error};

/// Elements per chunk between interrupt checks.
const CHUNK: usize = 1 << 15;

/// The boundary formulas of one axis.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Edges {
    /// `edge_order == 1`: `(f[1] - f[0]) / d0` and `(f[n-1] - f[n-2]) / d1`.
    /// Otherwise `a*f[0] + b*f[1] + c*f[2]` and `a*f[n-3] + b*f[n-2] + c*f[n-1]`.
    pub left: Edge,
    pub right: Edge,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Edge {
    Div(f64),
    Abc(f64, f64, f64),
}

impl Edges {
    /// NumPy's edge coefficients for `spacing` (`x` are the coordinates).
    pub fn new(spacing: &Spacing<'_>, edge2: bool) -> Edges {
        match (spacing, edge2) {
            (Spacing::Uniform(dx), false) => Edges {
                left: Edge::Div(*dx),
                right: Edge::Div(*dx),
            },
            (Spacing::Uniform(dx), true) => Edges {
                left: Edge::Abc(-1.5 / dx, 2. / dx, -0.5 / dx),
                right: Edge::Abc(0.5 / dx, -2. / dx, 1.5 / dx),
            },
            (Spacing::Coords(x), false) => {
                let x = x.as_slice();
                let n = x.len();
                Edges {
                    left: Edge::Div(x[1] - x[0]),
                    right: Edge::Div(x[n - 1] - x[n - 2]),
                }
            }
            (Spacing::Coords(x), true) => {
                let x = x.as_slice();
                let n = x.len();
                let (dx1, dx2) = (x[1] - x[0], x[2] - x[1]);
                let left = Edge::Abc(
                    -(2. * dx1 + dx2) / (dx1 * (dx1 + dx2)),
                    (dx1 + dx2) / (dx1 * dx2),
                    -dx1 / (dx2 * (dx1 + dx2)),
                );
                let (dx1, dx2) = (x[n - 2] - x[n - 3], x[n - 1] - x[n - 2]);
                let right = Edge::Abc(
                    dx2 / (dx1 * (dx1 + dx2)),
                    -(dx2 + dx1) / (dx1 * dx2),
                    (2. * dx2 + dx1) / (dx2 * (dx1 + dx2)),
                );
                Edges { left, right }
            }
            (Spacing::BoolCoords, _) => Edges {
                left: Edge::Div(f64::NAN),
                right: Edge::Div(f64::NAN),
            },
        }
    }
}

/// NumPy's non-uniform interior coefficients `(a, b, c)` at a point `x1`
/// between its neighbours `x0` and `x2` (`dx1 = x1 - x0`, `dx2 = x2 - x1`).
#[inline(always)]
pub(crate) fn interior_abc(x0: f64, x1: f64, x2: f64) -> (f64, f64, f64) {
    let dx1 = x1 - x0;
    let dx2 = x2 - x1;
    (
        -(dx2) / (dx1 * (dx1 + dx2)),
        (dx2 - dx1) / (dx1 * dx2),
        dx1 / (dx2 * (dx1 + dx2)),
    )
}

/// `1 / d` when dividing by `d` equals multiplying by it (powers of two with
/// a normal reciprocal).
pub(crate) fn exact_reciprocal(d: f64) -> Option<f64> {
    let r = 1.0 / d;
    let pow2 = |v: f64| v.is_normal() && v.to_bits() & ((1u64 << 52) - 1) == 0;
    (pow2(d) && pow2(r)).then_some(r)
}

/// The gradient of `f` (row-major, `shape`) along `axis` into `out`.
///
/// Requires what the plan checked: `n >= 2`, and `n >= 3` for second-order
/// edges; coordinates (if any) have length `n`.
pub(crate) fn axis_gradient<T: Element>(
    f: &[T],
    shape: &[usize],
    axis: usize,
    spacing: &Spacing<'_>,
    edge2: bool,
    out: &mut [f64],
) -> Result<(), Error> {
    let (outer, n, inner) = split_dims(shape, axis);
    if outer * n * inner == 0 {
        return Ok(());
    }
    let edges = Edges::new(spacing, edge2);
    let slab = n * inner;
    // Several slabs: one per task (each computed whole, edges included);
    // one slab: its interior is split instead.
    match spacing {
        Spacing::Uniform(dx) => {
            let h2 = 2. * dx;
            let r = exact_reciprocal(h2);
            per_slab(f, out, slab, outer > 1, |fs, os| {
                match r {
                    Some(r) => interior(fs, os, inner, |_, f0, _, f2| (f2 - f0) * r)?,
                    None => interior(fs, os, inner, |_, f0, _, f2| (f2 - f0) / h2)?,
                }
                apply_edges(fs, os, n, inner, edges);
                Ok(())
            })?;
        }
        Spacing::Coords(x) if outer * inner == 1 => {
            // One lane: coefficients on the fly, no temporaries.
            lane_coords(f, x.as_slice(), out)?;
            apply_edges(f, out, n, 1, edges);
        }
        Spacing::Coords(x) => {
            let abc: Vec<(f64, f64, f64)> = x
                .as_slice()
                .windows(3)
                .map(|w| interior_abc(w[0], w[1], w[2]))
                .collect();
            per_slab(f, out, slab, outer > 1, |fs, os| {
                interior(fs, os, inner, |i, f0, f1, f2| {
                    let (a, b, c) = abc[i - 1];
                    a * f0 + b * f1 + c * f2
                })?;
                apply_edges(fs, os, n, inner, edges);
                Ok(())
            })?;
        }
        Spacing::BoolCoords => {}
    }
    Ok(())
}

/// `g(f_slab, out_slab)` for each slab, the slabs in parallel when
/// `parallel` (several slabs; one slab splits its interior instead).
fn per_slab<T: Element>(
    f: &[T],
    out: &mut [f64],
    slab: usize,
    parallel: bool,
    g: impl Fn(&[T], &mut [f64]) -> Result<(), Error> + Sync,
) -> Result<(), Error> {
    let work = if parallel { out.len() } else { 0 };
    for_chunks(out, slab, work, |k, os| g(&f[k * slab..(k + 1) * slab], os))
}

/// The interior of one contiguous lane with coordinates `x`, the
/// coefficients computed on the fly (shifted slices so the loop vectorizes).
fn lane_coords<T: Element>(f: &[T], x: &[f64], out: &mut [f64]) -> Result<(), Error> {
    let m = f.len() - 2;
    for_chunks(&mut out[1..=m], CHUNK, m, |k, o| {
        check_interrupt()?;
        let (start, len) = (k * CHUNK, o.len());
        let (f0, f1, f2) = (
            &f[start..start + len],
            &f[start + 1..start + len + 1],
            &f[start + 2..start + len + 2],
        );
        let (x0, x1, x2) = (
            &x[start..start + len],
            &x[start + 1..start + len + 1],
            &x[start + 2..start + len + 2],
        );
        for j in 0..len {
            let (a, b, c) = interior_abc(x0[j], x1[j], x2[j]);
            o[j] = a * f0[j].cast::<f64>() + b * f1[j].cast::<f64>() + c * f2[j].cast::<f64>();
        }
        Ok(())
    })
}

/// The interior rows `1..n-1` of one slab: `out[i] = op(i, f[i-1], f[i], f[i+1])`
/// elementwise over rows of `inner` elements.
#[inline(always)]
fn interior<T: Element>(
    f: &[T],
    out: &mut [f64],
    inner: usize,
    op: impl Fn(usize, f64, f64, f64) -> f64 + Sync,
) -> Result<(), Error> {
    let n = f.len() / inner;
    if inner == 1 {
        // A contiguous lane: shifted views, chunked for interrupt checks.
        let m = n - 2;
        for_chunks(&mut out[1..=m], CHUNK, m, |k, o| {
            check_interrupt()?;
            let (start, len) = (k * CHUNK, o.len());
            let (f0, f1, f2) = (
                &f[start..start + len],
                &f[start + 1..start + len + 1],
                &f[start + 2..start + len + 2],
            );
            for j in 0..len {
                o[j] = op(
                    start + j + 1,
                    f0[j].cast::<f64>(),
                    f1[j].cast::<f64>(),
                    f2[j].cast::<f64>(),
                );
            }
            Ok(())
        })
    } else {
        // Rows in groups of about CHUNK elements.
        let rows = (CHUNK / inner).max(1);
        let body = &mut out[inner..(n - 1) * inner];
        let work = body.len();
        for_chunks(body, rows * inner, work, |k, o| {
            check_interrupt()?;
            for (r, o) in o.chunks_exact_mut(inner).enumerate() {
                let i = 1 + k * rows + r;
                let f0 = &f[(i - 1) * inner..i * inner];
                let f1 = &f[i * inner..(i + 1) * inner];
                let f2 = &f[(i + 1) * inner..(i + 2) * inner];
                for j in 0..inner {
                    o[j] = op(
                        i,
                        f0[j].cast::<f64>(),
                        f1[j].cast::<f64>(),
                        f2[j].cast::<f64>(),
                    );
                }
            }
            Ok(())
        })
    }
}

/// Rows `0` and `n-1` of one slab.
fn apply_edges<T: Element>(f: &[T], out: &mut [f64], n: usize, inner: usize, edges: Edges) {
    let row = |i: usize| &f[i * inner..(i + 1) * inner];
    let (head, rest) = out.split_at_mut(inner);
    let tail = &mut rest[(n - 2) * inner..];
    match edges.left {
        Edge::Div(d) => rows2(row(1), row(0), head, |p, q| (p - q) / d),
        Edge::Abc(a, b, c) => rows3(row(0), row(1), row(2), head, a, b, c),
    }
    match edges.right {
        Edge::Div(d) => rows2(row(n - 1), row(n - 2), tail, |p, q| (p - q) / d),
        Edge::Abc(a, b, c) => rows3(row(n - 3), row(n - 2), row(n - 1), tail, a, b, c),
    }
}

#[inline(always)]
fn rows2<T: Element>(p: &[T], q: &[T], out: &mut [f64], op: impl Fn(f64, f64) -> f64) {
    for ((o, p), q) in out.iter_mut().zip(p).zip(q) {
        *o = op(p.cast::<f64>(), q.cast::<f64>());
    }
}

#[inline(always)]
fn rows3<T: Element>(f0: &[T], f1: &[T], f2: &[T], out: &mut [f64], a: f64, b: f64, c: f64) {
    for (((o, f0), f1), f2) in out.iter_mut().zip(f0).zip(f1).zip(f2) {
        *o = a * f0.cast::<f64>() + b * f1.cast::<f64>() + c * f2.cast::<f64>();
    }
}

/// The gradient of a strided `f` along `axis` into `out` (same shape),
/// lane by lane, reading `f` where it is. The formulas and their order are
/// those of [`axis_gradient`], so results are bit-identical.
pub(crate) fn strided_gradient<T: Element>(
    f: &ArrayViewD<'_, T>,
    axis: usize,
    spacing: &Spacing<'_>,
    edge2: bool,
    out: &mut ArrayViewMutD<'_, f64>,
) -> Result<(), Error> {
    let n = f.len_of(Axis(axis));
    if f.is_empty() || matches!(spacing, Spacing::BoolCoords) {
        return Ok(());
    }
    let edges = Edges::new(spacing, edge2);
    let abc: Vec<(f64, f64, f64)> = match spacing {
        Spacing::Coords(x) => x
            .as_slice()
            .windows(3)
            .map(|w| interior_abc(w[0], w[1], w[2]))
            .collect(),
        _ => Vec::new(),
    };
    let lanes = f.lanes(Axis(axis)).into_iter();
    for (k, (fl, mut ol)) in lanes.zip(out.lanes_mut(Axis(axis))).enumerate() {
        if k % (CHUNK / n).max(1) == 0 {
            check_interrupt()?;
        }
        match spacing {
            Spacing::Uniform(dx) => {
                let h2 = 2. * dx;
                match exact_reciprocal(h2) {
                    Some(r) => lane_interior(&fl, &mut ol, |_, f0, _, f2| (f2 - f0) * r),
                    None => lane_interior(&fl, &mut ol, |_, f0, _, f2| (f2 - f0) / h2),
                }
            }
            _ => lane_interior(&fl, &mut ol, |i, f0, f1, f2| {
                let (a, b, c) = abc[i - 1];
                a * f0 + b * f1 + c * f2
            }),
        }
        let at = |i: usize| fl[i].cast::<f64>();
        ol[0] = match edges.left {
            Edge::Div(d) => (at(1) - at(0)) / d,
            Edge::Abc(a, b, c) => a * at(0) + b * at(1) + c * at(2),
        };
        ol[n - 1] = match edges.right {
            Edge::Div(d) => (at(n - 1) - at(n - 2)) / d,
            Edge::Abc(a, b, c) => a * at(n - 3) + b * at(n - 2) + c * at(n - 1),
        };
    }
    Ok(())
}

/// Rows `1..n-1` of one strided lane.
#[inline(always)]
fn lane_interior<T: Element>(
    f: &ArrayView1<'_, T>,
    out: &mut ArrayViewMut1<'_, f64>,
    op: impl Fn(usize, f64, f64, f64) -> f64,
) {
    let n = f.len();
    for i in 1..n - 1 {
        out[i] = op(
            i,
            f[i - 1].cast::<f64>(),
            f[i].cast::<f64>(),
            f[i + 1].cast::<f64>(),
        );
    }
}

/// `(outer, n, inner)`: the products of the dimensions before, at and after
/// `axis`, so a row-major array is `outer` slabs of `n` rows of `inner`.
pub(crate) fn split_dims(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    let outer = shape[..axis].iter().product();
    let inner = shape[axis + 1..].iter().product();
    (outer, shape[axis], inner)
}
