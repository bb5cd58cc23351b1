//! `compare(a, *varargs, axis=None, edge_order=1)`: `np.gradient` and
//! `np.diff` of the same data aligned row by row, with the scheme of every
//! gradient element and the identities that link the two checked on the data.

use ndarray::{ArrayD, IxDyn};
use serde_json::{Value, json};

use super::lanes::{AxisSpacing, index_text, lane_starts, resolve_axes, resolve_spacing, section};
use super::numfmt::{json_num as jnum, json_vals as jvals, num};
use super::stencil::{Scheme, Side};
use crate::array::{Array, Axis, AxisSpec, DType};
use crate::engine::{DiffArgs, EdgeOrder, Error, GradientArgs, diff, gradient};

/// Arrays longer than this along the axis show their first and last
/// [`EDGE_ROWS`] rows only.
const MAX_ROWS: usize = 14;
const EDGE_ROWS: usize = 6;

/// The comparison: one [`Block`] per differentiated axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Compare {
    pub shape: Vec<usize>,
    pub dtype: DType,
    pub edge_order: EdgeOrder,
    pub blocks: Vec<Block>,
}

/// Gradient along one axis next to `np.diff(a, axis=axis)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub axis: usize,
    /// Position of this component in `np.gradient`'s tuple (0 for 1-D).
    pub component: usize,
    /// Whether `np.gradient` returns a tuple (so the component is indexed).
    pub tuple: bool,
    pub spacing: AxisSpacing,
    pub diff_shape: Vec<usize>,
    pub diff_dtype: DType,
    pub grad_dtype: DType,
    pub rows: Vec<Row>,
    pub identities: Vec<Identity>,
    /// Every sample of a 1-D input (empty for N-D), for plotting.
    pub lane: Lane,
}

/// Coordinates, values, gradient and diff of a whole 1-D lane.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lane {
    pub x: Vec<f64>,
    pub f: Vec<f64>,
    pub g: Vec<f64>,
    pub d: Vec<f64>,
}

/// One sample position along the axis (a cross-section for N-D input).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub i: usize,
    pub x: f64,
    pub f: Vec<f64>,
    pub g: Vec<f64>,
    pub scheme: Scheme,
    /// `diff[i]`, printed between this row and the next.
    pub diff_after: Option<Vec<f64>>,
    /// Rows left out after this one (long arrays).
    pub skipped_after: usize,
}

/// A relation between gradient and diff, checked on the data.
#[derive(Clone, Debug, PartialEq)]
pub struct Identity {
    pub statement: String,
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Holds everywhere (with a remark, possibly empty).
    Holds(String),
    /// Does not hold, and why.
    Fails(String),
    /// Nothing to check, and why.
    NotApplicable(String),
}

/// Builds the comparison of `np.gradient(a, *varargs, axis=axis,
/// edge_order=edge_order)` with `np.diff(a, axis=k)` for each axis `k`.
///
/// # Errors
/// Whatever `np.gradient` or `np.diff` raise for these arguments (NumPy's
/// type and message), e.g. `ValueError: Shape of array too small ...`.
pub fn compare(
    a: &Array,
    varargs: &[Array],
    axis: &AxisSpec,
    edge_order: EdgeOrder,
) -> Result<Compare, Error> {
    let args = GradientArgs {
        varargs: varargs.to_vec(),
        axis: axis.clone(),
        edge_order,
    };
    let grads = match gradient(a, &args)? {
        crate::engine::Gradient::One(g) => vec![g],
        crate::engine::Gradient::Many(gs) => gs,
    };
    let axes = resolve_axes(axis, a.ndim())?;
    let spacing = resolve_spacing(a.shape(), &axes, varargs)?;
    let f = a.to_f64();
    let tuple = grads.len() > 1;
    let mut blocks = Vec::new();
    for (c, ((&ax, g), sp)) in axes.iter().zip(&grads).zip(spacing).enumerate() {
        let d = diff(
            a,
            &DiffArgs {
                axis: Axis(ax as i64),
                ..DiffArgs::default()
            },
        )?;
        blocks.push(block(&f, ax, c, tuple, sp, g, &d, edge_order));
    }
    Ok(Compare {
        shape: a.shape().to_vec(),
        dtype: a.dtype(),
        edge_order,
        blocks,
    })
}

#[allow(clippy::too_many_arguments)]
fn block(
    f: &ArrayD<f64>,
    axis: usize,
    component: usize,
    tuple: bool,
    spacing: AxisSpacing,
    g: &Array,
    d: &Array,
    edge_order: EdgeOrder,
) -> Block {
    let n = f.shape()[axis];
    let (gf, df) = (g.to_f64(), d.to_f64());
    let shown: Vec<usize> = if n > MAX_ROWS {
        (0..EDGE_ROWS).chain(n - EDGE_ROWS..n).collect()
    } else {
        (0..n).collect()
    };
    let rows = shown
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let next = shown.get(k + 1).copied();
            let side = match i {
                0 => Side::Forward,
                _ if i == n - 1 => Side::Backward,
                _ => Side::Central,
            };
            Row {
                i,
                x: spacing.x(i),
                f: section(f, axis, i),
                g: section(&gf, axis, i),
                scheme: Scheme {
                    side,
                    order: if side == Side::Central {
                        2
                    } else {
                        edge_order.edge_accuracy()
                    },
                    uniform: spacing.uniform.is_some(),
                },
                diff_after: (next == Some(i + 1)).then(|| section(&df, axis, i)),
                skipped_after: next.map_or(0, |j| j - i - 1),
            }
        })
        .collect();
    let identities = vec![
        interior_identity(f, &gf, &df, axis, &spacing),
        edge_identity(&gf, &df, axis, &spacing, edge_order),
    ];
    let lane = if f.ndim() == 1 {
        Lane {
            x: (0..n).map(|i| spacing.x(i)).collect(),
            f: f.iter().copied().collect(),
            g: gf.iter().copied().collect(),
            d: df.iter().copied().collect(),
        }
    } else {
        Lane::default()
    };
    Block {
        lane,
        axis,
        component,
        tuple,
        spacing,
        diff_shape: d.shape().to_vec(),
        diff_dtype: d.dtype(),
        grad_dtype: g.dtype(),
        rows,
        identities,
    }
}

/// Equal as the identities mean it: both NaN, or equal up to rounding of
/// the two operation orders.
fn close(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

fn at(a: &ArrayD<f64>, idx: &[usize]) -> f64 {
    a[IxDyn(idx)]
}

fn with(idx: &[usize], axis: usize, k: usize) -> Vec<usize> {
    let mut i = idx.to_vec();
    i[axis] = k;
    i
}

fn interior_identity(
    f: &ArrayD<f64>,
    g: &ArrayD<f64>,
    d: &ArrayD<f64>,
    axis: usize,
    sp: &AxisSpacing,
) -> Identity {
    let n = f.shape()[axis];
    let Some(h) = sp.uniform else {
        return Identity {
            statement: "interior: g[i] = (d[i−1] + d[i]) / (2h)".into(),
            status: Status::Fails(
                "non-uniform grid: the interior uses the weighted three-point stencil".into(),
            ),
        };
    };
    let statement = if h == 1.0 {
        "interior: g[i] = (d[i−1] + d[i]) / 2, the mean of the neighbouring diffs".to_string()
    } else {
        format!("interior: g[i] = (d[i−1] + d[i]) / (2h), h = {}", num(h))
    };
    if n < 3 {
        let status = Status::NotApplicable(format!("no interior points (n = {n})"));
        return Identity { statement, status };
    }
    let mut bad = Vec::new();
    for start in lane_starts(f.shape(), axis) {
        for i in 1..n - 1 {
            let gi = at(g, &with(&start, axis, i));
            let mean =
                (at(d, &with(&start, axis, i - 1)) + at(d, &with(&start, axis, i))) / (2.0 * h);
            if !close(gi, mean) {
                let fi = at(f, &with(&start, axis, i));
                let gname = index_text("g", &with(&start, axis, i));
                bad.push(if fi.is_finite() {
                    format!("{gname} = {} but the mean gives {}", num(gi), num(mean))
                } else {
                    format!(
                        "{gname} = {} skips {} = {}, the diffs beside it are {}",
                        num(gi),
                        index_text("f", &with(&start, axis, i)),
                        num(fi),
                        num(mean)
                    )
                });
            }
        }
    }
    Identity {
        statement,
        status: verdict(bad, String::new()),
    }
}

fn verdict(bad: Vec<String>, holds_note: String) -> Status {
    match bad.len() {
        0 => Status::Holds(holds_note),
        1..=3 => Status::Fails(bad.join("; ")),
        k => Status::Fails(format!("{}; and {} more", bad[..3].join("; "), k - 3)),
    }
}

fn edge_identity(
    g: &ArrayD<f64>,
    d: &ArrayD<f64>,
    axis: usize,
    sp: &AxisSpacing,
    edge_order: EdgeOrder,
) -> Identity {
    let n = g.shape()[axis];
    let over = |k: usize| match sp.uniform {
        Some(1.0) => String::new(),
        Some(_) => " / h".into(),
        None => format!(" / (x[{}] − x[{k}])", k + 1),
    };
    let statement = format!(
        "edges: g[0] = d[0]{}, g[{}] = d[{}]{}",
        over(0),
        n - 1,
        n - 2,
        over(n - 2)
    );
    let mut bad = Vec::new();
    for start in lane_starts(g.shape(), axis) {
        for (gi, di) in [(0, 0), (n - 1, n - 2)] {
            let want = at(d, &with(&start, axis, di)) / sp.dx(di);
            let got = at(g, &with(&start, axis, gi));
            if !close(got, want) {
                bad.push(format!(
                    "{} = {} but {}{} = {}",
                    index_text("g", &with(&start, axis, gi)),
                    num(got),
                    index_text("d", &with(&start, axis, di)),
                    over(di),
                    num(want)
                ));
            }
        }
    }
    let status = match (edge_order.is_second(), bad.is_empty()) {
        (false, _) => verdict(bad, String::new()),
        (_, true) => Status::Holds(
            "on this data only: edge_order=2 agrees because f is linear at the edges".into(),
        ),
        (_, false) => Status::Fails(format!(
            "edge_order=2 uses the three-point one-sided stencil: {}",
            match verdict(bad, String::new()) {
                Status::Fails(s) => s,
                _ => unreachable!(),
            }
        )),
    };
    Identity { statement, status }
}

impl Compare {
    /// The numbers shown, for `--json`.
    pub fn to_json(&self) -> Value {
        let blocks: Vec<Value> = self
            .blocks
            .iter()
            .map(|b| {
                let rows: Vec<Value> = b
                    .rows
                    .iter()
                    .map(|r| {
                        json!({"i": r.i, "x": jnum(r.x), "f": jvals(&r.f), "gradient": jvals(&r.g),
                            "scheme": r.scheme.label(),
                            "diff_after": r.diff_after.as_deref().map_or(Value::Null, jvals),
                            "skipped_after": r.skipped_after})
                    })
                    .collect();
                let ids: Vec<Value> = b
                    .identities
                    .iter()
                    .map(|id| {
                        let (status, why) = match &id.status {
                            Status::Holds(s) => ("holds", s),
                            Status::Fails(s) => ("does not hold", s),
                            Status::NotApplicable(s) => ("not applicable", s),
                        };
                        json!({"statement": id.statement, "status": status, "why": why})
                    })
                    .collect();
                json!({"axis": b.axis, "spacing": b.spacing.describe(),
                    "diff": {"shape": b.diff_shape, "dtype": b.diff_dtype.name()},
                    "gradient": {"shape": self.shape, "dtype": b.grad_dtype.name()},
                    "rows": rows, "identities": ids})
            })
            .collect();
        json!({"shape": self.shape, "dtype": self.dtype.name(), "edge_order": self.edge_order.value(),
            "blocks": blocks})
    }
}
