//! `explain(np.gradient(...))` and `explain(np.diff(...))`: every output
//! element with its formula and the numbers substituted.

use serde_json::{Value, json};

use super::lanes::{index_text, lane, lane_starts, resolve_axes, resolve_spacing};
use super::numfmt::json_num;
use super::numfmt::{minus, num, num_paren, shape_text};
use super::stencil::{NONUNIFORM_WEIGHTS, origin, stencil};
use crate::array::{Array, DType};
use crate::engine::{DiffArgs, Error, Gradient, GradientArgs, diff, gradient};

/// Lanes longer than this show their first and last [`EDGE`] elements.
const MAX_SHOWN: usize = 8;
const EDGE: usize = 3;
/// N-D arrays explain this many lanes per axis.
const LANES: usize = 3;
/// Non-finite outputs beyond the shown ones that are added anyway.
const EXTRA_NONFINITE: usize = 3;

/// An explanation: a title, notes, and one section per axis and lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Explain {
    pub title: String,
    pub notes: Vec<String>,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub heading: String,
    pub items: Vec<Item>,
}

/// One output element: `lhs = symbolic = substituted = value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// `g[0]`, `g1[0, 2]`, `d2[3]`.
    pub lhs: String,
    pub symbolic: String,
    pub substituted: String,
    /// The engine's value of this element (what NumPy returns).
    pub value: f64,
    pub value_text: String,
    /// The shown formula evaluated by this module, in NumPy's operation
    /// order; equal to `value` bit for bit when the engine is right.
    pub reference: f64,
    /// `forward, 1st order`; empty for diff.
    pub label: String,
    /// `h₁ = …, h₂ = …` for non-uniform stencils.
    pub distances: Option<String>,
    /// For NaN/inf values: which input they came from.
    pub origin: Option<String>,
    /// Which output: the gradient component (0 for a single array) or the
    /// diff order, and the multi-index inside it.
    pub output: usize,
    pub index: Vec<usize>,
    /// Elements of the lane left out after this one.
    pub skipped_after: usize,
}

/// `(6,) int64`.
pub(crate) fn meta(a: &Array) -> String {
    format!("{} {}", shape_text(a.shape()), a.dtype().name())
}

/// Positions of a lane of length `n` to show: all, or the first and last
/// [`EDGE`] plus a few non-finite outputs from the middle.
fn shown_positions(n: usize, out: &[f64]) -> Vec<usize> {
    if n <= MAX_SHOWN {
        return (0..n).collect();
    }
    let mut v: Vec<usize> = (0..EDGE).collect();
    v.extend(
        (EDGE..n - EDGE)
            .filter(|&i| !out[i].is_finite())
            .take(EXTRA_NONFINITE),
    );
    v.extend(n - EDGE..n);
    v
}

fn set_skips(items: &mut [Item], positions: &[usize]) {
    for (k, item) in items.iter_mut().enumerate() {
        item.skipped_after = positions.get(k + 1).map_or(0, |&j| j - positions[k] - 1);
    }
}

/// The lanes to explain and a note when only some are shown.
fn pick_lanes(shape: &[usize], axis: usize) -> (Vec<Vec<usize>>, Option<String>) {
    let all = lane_starts(shape, axis);
    if shape.len() <= 1 {
        return (all, None);
    }
    let total = all.len();
    let picked: Vec<Vec<usize>> = all.into_iter().take(LANES).collect();
    let note = (picked.len() < total).then(|| {
        format!(
            "axis {axis}: the first {} of {total} lanes are shown",
            picked.len()
        )
    });
    (picked, note)
}

fn lane_heading(shape: &[usize], axis: usize, start: &[usize]) -> String {
    if shape.len() == 1 {
        return String::new();
    }
    let parts: Vec<String> = start
        .iter()
        .enumerate()
        .map(|(d, i)| if d == axis { ":".into() } else { i.to_string() })
        .collect();
    format!("lane f[{}]", parts.join(", "))
}

fn with(idx: &[usize], axis: usize, k: usize) -> Vec<usize> {
    let mut i = idx.to_vec();
    i[axis] = k;
    i
}

/// Explains `np.gradient(f, *args.varargs, axis=args.axis,
/// edge_order=args.edge_order)` element by element.
///
/// # Errors
/// Whatever `np.gradient` raises for these arguments.
pub fn explain_gradient(f: &Array, args: &GradientArgs) -> Result<Explain, Error> {
    let grads = match gradient(f, args)? {
        Gradient::One(g) => vec![g],
        Gradient::Many(gs) => gs,
    };
    let axes = resolve_axes(&args.axis, f.ndim())?;
    let spacing = resolve_spacing(f.shape(), &axes, &args.varargs)?;
    let fl = f.to_f64();
    let tuple = grads.len() > 1;
    let outs: Vec<String> = grads.iter().map(meta).collect();
    let mut notes = vec![
        format!("f {} → gradient {}", meta(f), outs.join(", ")),
        format!("edge_order = {}", args.edge_order),
    ];
    if tuple {
        let names: Vec<String> = (0..grads.len()).map(|c| format!("g{c}")).collect();
        notes.push(format!("{} = np.gradient(f, ...)", names.join(", ")));
    }
    let mut sections = Vec::new();
    for (c, ((&ax, g), sp)) in axes.iter().zip(&grads).zip(&spacing).enumerate() {
        let gl = g.to_f64();
        let n = f.shape()[ax];
        let axis_text = if f.ndim() > 1 {
            format!("axis {ax}, ")
        } else {
            String::new()
        };
        notes.push(format!("{axis_text}{}", sp.describe()));
        if sp.uniform.is_none() {
            for (side, w) in NONUNIFORM_WEIGHTS {
                if side == "central" || args.edge_order.is_second() {
                    notes.push(format!("{side} weights: {w}"));
                }
            }
        }
        let (lanes, lane_note) = pick_lanes(f.shape(), ax);
        notes.extend(lane_note);
        for start in lanes {
            let y = lane(&fl, ax, &start);
            let out = lane(&gl, ax, &start);
            let positions = shown_positions(n, &out);
            let fname = |k: usize| index_text("f", &with(&start, ax, k));
            let mut items: Vec<Item> = positions
                .iter()
                .map(|&i| {
                    let s = stencil(&y, i, args.edge_order, sp, &fname);
                    let idx = with(&start, ax, i);
                    let gname = if tuple { format!("g{c}") } else { "g".into() };
                    let hs: Vec<f64> = s.taps.windows(2).map(|w| sp.dx(w[0])).collect();
                    Item {
                        lhs: index_text(&gname, &idx),
                        symbolic: s.symbolic,
                        substituted: s.substituted,
                        value: out[i],
                        value_text: minus(&num(out[i])),
                        reference: s.value,
                        label: s.scheme.label(),
                        distances: s.distances,
                        origin: (!out[i].is_finite()).then(|| origin(&y, &s.taps, &fname, &hs)),
                        output: c,
                        index: idx,
                        skipped_after: 0,
                    }
                })
                .collect();
            set_skips(&mut items, &positions);
            let mut heading = lane_heading(f.shape(), ax, &start);
            if tuple {
                heading = format!("g{c}: d/d(axis {ax}), {heading}");
            }
            sections.push(Section { heading, items });
        }
    }
    Ok(Explain {
        title: "explain np.gradient".into(),
        notes,
        sections,
    })
}

/// `a` with `prepend`/`append` concatenated along `axis`, one lane at a time
/// (`np.diff` broadcasts a scalar to one slice).
fn extended_lane(extra: Option<&Array>, axis: usize, start: &[usize]) -> Vec<f64> {
    match extra {
        None => Vec::new(),
        Some(e) if e.ndim() == 0 => e.to_f64_vec(),
        Some(e) => {
            let e = e.to_f64();
            let mut s = start.to_vec();
            for (d, len) in e.shape().iter().enumerate() {
                if *len == 1 && d != axis {
                    s[d] = 0;
                }
            }
            lane(&e, axis, &s)
        }
    }
}

/// Explains `np.diff(a, n, axis, prepend, append)`: every order of
/// differences, the last one being NumPy's result.
///
/// # Errors
/// Whatever `np.diff` raises for these arguments.
pub fn explain_diff(a: &Array, args: &DiffArgs) -> Result<Explain, Error> {
    let out = diff(a, args)?;
    let ax = args.axis.index(a.ndim())?;
    let extended = args.prepend.is_some() || args.append.is_some();
    let input = if extended { "a" } else { "f" };
    let mut notes = vec![format!("{input} {} → diff {}", meta(a), meta(&out))];
    if args.n.value() == 0 {
        notes.push("n = 0: np.diff returns the input unchanged".into());
        return Ok(Explain {
            title: "explain np.diff".into(),
            notes,
            sections: Vec::new(),
        });
    }
    if args.prepend.is_some() || args.append.is_some() {
        notes.push(format!(
            "f = np.concatenate([prepend, a, append], axis={ax}), a scalar taking one slot"
        ));
    }
    let boolean = a.dtype() == DType::Bool;
    if boolean {
        notes.push("bool input: np.diff uses not_equal (True where neighbours differ)".into());
    }
    let n = args.n.value() as usize;
    let af = a.to_f64();
    let of = out.to_f64();
    let (lanes, lane_note) = pick_lanes(a.shape(), ax);
    notes.extend(lane_note);
    let name = |k: usize| -> String {
        match (k, n) {
            (0, _) => "f".into(),
            (_, 1) => "d".into(),
            _ => format!("d{k}"),
        }
    };
    let text = |v: f64| match (boolean, v != 0.0) {
        (false, _) => minus(&num(v)),
        (true, true) => "True".into(),
        (true, false) => "False".into(),
    };
    let operand = |v: f64, paren: bool| match (boolean, paren) {
        (true, _) => text(v),
        (false, true) => num_paren(v),
        (false, false) => minus(&num(v)),
    };
    let mut sections = Vec::new();
    for start in lanes {
        let mut levels = vec![
            extended_lane(args.prepend.as_ref(), ax, &start)
                .into_iter()
                .chain(lane(&af, ax, &start))
                .chain(extended_lane(args.append.as_ref(), ax, &start))
                .collect::<Vec<f64>>(),
        ];
        let (op, op_sym) = if boolean {
            (" ≠ ", "≠")
        } else {
            (" − ", "−")
        };
        for k in 1..=n {
            let prev = &levels[k - 1];
            let next: Vec<f64> = prev
                .windows(2)
                .map(|w| {
                    if boolean {
                        f64::from(u8::from(w[1] != w[0]))
                    } else {
                        w[1] - w[0]
                    }
                })
                .collect();
            if next.is_empty() {
                notes.push(format!(
                    "n = {n} ≥ {} samples: order {k} and beyond are empty",
                    levels[0].len()
                ));
                break;
            }
            levels.push(next);
        }
        for k in 1..levels.len() {
            let (prev, cur) = (&levels[k - 1], &levels[k]);
            let last = k == n;
            let engine = last.then(|| lane(&of, ax, &start));
            let positions = shown_positions(cur.len(), engine.as_deref().unwrap_or(cur));
            let mut items: Vec<Item> = positions
                .iter()
                .map(|&i| {
                    let idx = |j: usize| with(&start, ax, j);
                    let value = engine.as_ref().map_or(cur[i], |e| e[i]);
                    let bad: Vec<String> = (i..=i + k)
                        .filter(|&j| !levels[0][j].is_finite())
                        .map(|j| format!("{} = {}", index_text("f", &idx(j)), num(levels[0][j])))
                        .collect();
                    Item {
                        lhs: index_text(&name(k), &idx(i)),
                        symbolic: format!(
                            "{} {op_sym} {}",
                            index_text(&name(k - 1), &idx(i + 1)),
                            index_text(&name(k - 1), &idx(i))
                        ),
                        substituted: format!(
                            "{}{op}{}",
                            operand(prev[i + 1], false),
                            operand(prev[i], true)
                        ),
                        value,
                        value_text: text(value),
                        reference: cur[i],
                        label: String::new(),
                        distances: None,
                        origin: (!value.is_finite()).then(|| {
                            if bad.is_empty() {
                                "overflow: the inputs are finite".into()
                            } else {
                                format!("from {}", bad.join(", "))
                            }
                        }),
                        output: k,
                        index: idx(i),
                        skipped_after: 0,
                    }
                })
                .collect();
            set_skips(&mut items, &positions);
            let mut heading = lane_heading(a.shape(), ax, &start);
            if n > 1 {
                let what = if last {
                    format!("np.diff(f, n={n})")
                } else {
                    format!("diff of {}", name(k - 1))
                };
                heading = [format!("{} = {what}", name(k)), heading]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
            }
            sections.push(Section { heading, items });
        }
    }
    notes.dedup();
    Ok(Explain {
        title: "explain np.diff".into(),
        notes,
        sections,
    })
}

impl Explain {
    /// The numbers shown, for `--json`.
    pub fn to_json(&self) -> Value {
        let sections: Vec<Value> = self
            .sections
            .iter()
            .map(|s| {
                let items: Vec<Value> = s
                    .items
                    .iter()
                    .map(|it| {
                        json!({"output": it.lhs, "formula": it.symbolic,
                            "substituted": it.substituted, "value": json_num(it.value),
                            "scheme": it.label, "origin": it.origin})
                    })
                    .collect();
                json!({"heading": s.heading, "items": items})
            })
            .collect();
        json!({"title": self.title, "notes": self.notes, "sections": sections})
    }
}
