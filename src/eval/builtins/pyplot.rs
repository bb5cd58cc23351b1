//! matplotlib reachable from the language (issue 14): `import
//! matplotlib.pyplot as plt`, the `plt.*` calls that build the session's
//! figures (`crate::mpl::Pyplot`), `Axes`/`Figure` methods, `plt.show()`
//! handing the figures to the front ends as views, and `savefig`,
//! `imread`, `imsave` (writes need `--allow-write` in `gradlab run`).
//! Every row goes through [`call`], which dispatches on the signature's
//! name: `plt.title` and `ax.set_title` share one implementation.

use std::path::Path;
use std::rc::Rc;

use crate::array::{Array, DType};
use crate::mpl::{self, AxesId, Close, LineKw, Pyplot};

use super::super::args::{Bound, CallArgs};
use super::super::convert::{index_int, real, truthy};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::{Event, Session};
use super::super::value::Value;
use super::pandas::to_array_of;
use super::{Builtin, Home};

pub mod artists;

use artists::Kind;

builtins! { PYPLOT;
    "plt.plot", Pyplot, call, "plot(*args, label=None, color=None, c=None, linestyle=None, ls=None, marker=None, linewidth=None, lw=None, markersize=None, alpha=None)",
        "Lines through the points: plot(y), plot(x, y), plot(x, y, 'o-', label=...), several x, y, fmt groups.",
        "plt.plot([0, 1, 4, 9], 'o-')";
    "plt.scatter", Pyplot, call, "scatter(x, y, s=None, c=None, marker=None, label=None, color=None, alpha=None)",
        "Markers at the points (x, y).", "plt.scatter([0, 1, 2], [1, 0, 2])";
    "plt.bar", Pyplot, call, "bar(x, height, width=0.8, label=None, color=None, alpha=None)",
        "Bars of the given heights centred at x.", "plt.bar([0, 1, 2], [3, 1, 2])";
    "plt.axhline", Pyplot, call, "axhline(y=0, color=None, linestyle=None, ls=None, label=None, linewidth=None, lw=None, alpha=None)",
        "A horizontal line across the axes.", "plt.axhline(0.5)";
    "plt.axvline", Pyplot, call, "axvline(x=0, color=None, linestyle=None, ls=None, label=None, linewidth=None, lw=None, alpha=None)",
        "A vertical line across the axes.", "plt.axvline(0.5)";
    "plt.imshow", Pyplot, call, "imshow(X, cmap=None, vmin=None, vmax=None, aspect=None, origin=None, interpolation=None)",
        "A 2-D array as an image through a colormap (an RGB(A) array as colours).",
        "plt.imshow(np.outer(np.arange(4), np.arange(5)), cmap='gray')";
    "plt.colorbar", Pyplot, call, "colorbar(mappable=None, label=None)",
        "A colour bar for the last image of the current axes.",
        "plt.imshow(np.eye(3)); plt.colorbar()";
    "plt.quiver", Pyplot, call, "quiver(*args, color=None)",
        "Arrows (U, V) at the points (X, Y): quiver(X, Y, U, V) or quiver(U, V).",
        "plt.quiver([0, 1], [0, 0], [1, 0], [0, 1])";
    "plt.xlabel", Pyplot, call, "xlabel(xlabel, fontsize=None)", "The x-axis label.", "plt.xlabel('t (s)')";
    "plt.ylabel", Pyplot, call, "ylabel(ylabel, fontsize=None)", "The y-axis label.", "plt.ylabel('x (m)')";
    "plt.title", Pyplot, call, "title(label, fontsize=None)", "The title of the current axes.", "plt.title('falling')";
    "plt.suptitle", Pyplot, call, "suptitle(t, fontsize=None)", "The title of the whole figure.", "plt.suptitle('lab 3')";
    "plt.legend", Pyplot, call, "legend(loc=None, fontsize=None)", "A legend of the labelled artists.",
        "plt.plot([1, 2], label='v'); plt.legend()";
    "plt.grid", Pyplot, call, "grid(visible=None, which='major', axis='both', alpha=None, linestyle=None)",
        "Grid lines on (or off).", "plt.grid(True)";
    "plt.xlim", Pyplot, call, "xlim(left=None, right=None)", "The x-axis limits (a pair or two numbers).", "plt.xlim(0, 10)";
    "plt.ylim", Pyplot, call, "ylim(bottom=None, top=None)", "The y-axis limits.", "plt.ylim(-1, 1)";
    "plt.xscale", Pyplot, call, "xscale(value)", "'linear' or 'log' x axis.", "plt.xscale('log')";
    "plt.yscale", Pyplot, call, "yscale(value)", "'linear' or 'log' y axis.", "plt.yscale('log')";
    "plt.figure", Pyplot, call, "figure(num=None, figsize=None, dpi=None)",
        "A new current figure (figsize in inches, dpi dots per inch).", "plt.figure(figsize=(8, 3))";
    "plt.subplots", Pyplot, call, "subplots(nrows=1, ncols=1, figsize=None, sharex=False, sharey=False)",
        "A figure and its grid of axes: fig, ax = plt.subplots() or fig, (ax1, ax2) = plt.subplots(1, 2).",
        "fig, (ax1, ax2) = plt.subplots(1, 2)";
    "plt.subplot", Pyplot, call, "subplot(nrows, ncols=None, index=None)",
        "Makes the axes in slot index (from 1) of an nrows x ncols grid current.", "plt.subplot(2, 1, 1)";
    "plt.gca", Pyplot, call, "gca()", "The current axes.", "plt.gca()";
    "plt.gcf", Pyplot, call, "gcf()", "The current figure.", "plt.gcf()";
    "plt.show", Pyplot, call, "show(block=None)",
        "Draws every open figure in the terminal (and closes them).", "plt.plot([1, 3, 2]); plt.show()";
    "plt.close", Pyplot, call, "close(fig=None)", "Closes the current figure, figure number fig, or 'all'.", "plt.close('all')";
    "plt.savefig", Pyplot, call, "savefig(fname, dpi=None, format=None, bbox_inches=None, transparent=False)",
        "Writes the current figure as PNG or SVG (by the file's extension).",
        "plt.plot([1, 3, 2]); plt.savefig('fig.png')";
    "plt.imread", Pyplot, call, "imread(fname, format=None)",
        "An image file as an array: PNG as float32 in [0, 1] (H x W, H x W x 3 or 4), JPEG as uint8.",
        "plt.imread('sessions/data/photo.png').shape";
    "plt.imsave", Pyplot, call, "imsave(fname, arr, cmap=None, vmin=None, vmax=None, format=None)",
        "Writes a 2-D array through a colormap (or RGB(A) in [0, 1]) as a PNG.",
        "plt.imsave('edges.png', np.eye(4), cmap='gray')";
    "plt.tight_layout", Pyplot, call, "tight_layout()", "Accepted; the terminal layout is always tight.", "plt.tight_layout()";
    "Axes.plot", AxesMethod, call, "plot(*args, label=None, color=None, c=None, linestyle=None, ls=None, marker=None, linewidth=None, lw=None, markersize=None, alpha=None)",
        "Lines through the points on these axes.", "fig, ax = plt.subplots(); ax.plot([0, 1, 4])";
    "Axes.scatter", AxesMethod, call, "scatter(x, y, s=None, c=None, marker=None, label=None, color=None, alpha=None)",
        "Markers at the points on these axes.", "fig, ax = plt.subplots(); ax.scatter([0, 1], [1, 0])";
    "Axes.bar", AxesMethod, call, "bar(x, height, width=0.8, label=None, color=None, alpha=None)",
        "Bars on these axes.", "fig, ax = plt.subplots(); ax.bar([0, 1], [2, 1])";
    "Axes.axhline", AxesMethod, call, "axhline(y=0, color=None, linestyle=None, ls=None, label=None, linewidth=None, lw=None, alpha=None)",
        "A horizontal line across these axes.", "fig, ax = plt.subplots(); ax.axhline(0)";
    "Axes.axvline", AxesMethod, call, "axvline(x=0, color=None, linestyle=None, ls=None, label=None, linewidth=None, lw=None, alpha=None)",
        "A vertical line across these axes.", "fig, ax = plt.subplots(); ax.axvline(0)";
    "Axes.imshow", AxesMethod, call, "imshow(X, cmap=None, vmin=None, vmax=None, aspect=None, origin=None, interpolation=None)",
        "An image on these axes.", "fig, ax = plt.subplots(); ax.imshow(np.eye(3))";
    "Axes.quiver", AxesMethod, call, "quiver(*args, color=None)",
        "Arrows on these axes.", "fig, ax = plt.subplots(); ax.quiver([1, 0], [0, 1])";
    "Axes.set_title", AxesMethod, call, "set_title(label, fontsize=None)", "The axes' title.", "fig, ax = plt.subplots(); ax.set_title('v')";
    "Axes.set_xlabel", AxesMethod, call, "set_xlabel(xlabel, fontsize=None)", "The x-axis label.", "fig, ax = plt.subplots(); ax.set_xlabel('t')";
    "Axes.set_ylabel", AxesMethod, call, "set_ylabel(ylabel, fontsize=None)", "The y-axis label.", "fig, ax = plt.subplots(); ax.set_ylabel('x')";
    "Axes.legend", AxesMethod, call, "legend(loc=None, fontsize=None)", "A legend of the labelled artists.", "fig, ax = plt.subplots(); ax.plot([1, 2], label='v'); ax.legend()";
    "Axes.grid", AxesMethod, call, "grid(visible=None, which='major', axis='both', alpha=None, linestyle=None)", "Grid lines.", "fig, ax = plt.subplots(); ax.grid(True)";
    "Axes.set_xlim", AxesMethod, call, "set_xlim(left=None, right=None)", "The x-axis limits.", "fig, ax = plt.subplots(); ax.set_xlim(0, 2)";
    "Axes.set_ylim", AxesMethod, call, "set_ylim(bottom=None, top=None)", "The y-axis limits.", "fig, ax = plt.subplots(); ax.set_ylim(0, 2)";
    "Axes.set_xscale", AxesMethod, call, "set_xscale(value)", "'linear' or 'log' x axis.", "fig, ax = plt.subplots(); ax.set_xscale('log')";
    "Axes.set_yscale", AxesMethod, call, "set_yscale(value)", "'linear' or 'log' y axis.", "fig, ax = plt.subplots(); ax.set_yscale('log')";
    "Figure.savefig", FigureMethod, call, "savefig(fname, dpi=None, format=None, bbox_inches=None, transparent=False)",
        "Writes this figure as PNG or SVG.", "fig, ax = plt.subplots(); fig.savefig('fig.svg')";
    "Figure.suptitle", FigureMethod, call, "suptitle(t, fontsize=None)", "The figure's title.", "fig, ax = plt.subplots(); fig.suptitle('lab')";
    "Figure.colorbar", FigureMethod, call, "colorbar(mappable=None, ax=None, label=None)", "A colour bar for the last image.", "fig, ax = plt.subplots(); ax.imshow(np.eye(2)); fig.colorbar(None, ax=ax)";
    "Figure.tight_layout", FigureMethod, call, "tight_layout()", "Accepted; the terminal layout is always tight.", "fig, ax = plt.subplots(); fig.tight_layout()";
    "matplotlib.use", Matplotlib, call, "use(backend, force=True)",
        "Accepted for scripts that pick a backend (gradlab draws in the terminal).", "import matplotlib; matplotlib.use('Agg')";
}

/// The session's pyplot state and the receiver of the method being called.
#[derive(Debug, Default)]
pub struct PlotState {
    pub pyplot: Pyplot,
    /// The DataFrame, Series, Axes or Figure a method was called on.
    pub receiver: Option<Value>,
}

fn row(prefix: &str, name: &str) -> Option<&'static Builtin> {
    PYPLOT.iter().find(|b| {
        b.name
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('.'))
            == Some(name)
    })
}

/// `plt.<name>`: a row, or the `NotImplementedError` listing what is
/// supported (matplotlib has far more than gradlab draws).
pub fn module_attr(name: &str) -> Result<Value, EvalError> {
    match row("plt", name) {
        Some(b) => Ok(Value::Builtin(b)),
        None => Err(EvalError::new(
            ErrorKind::NotImplementedError,
            mpl::not_implemented(name).message,
        )),
    }
}

/// `matplotlib.<name>`.
pub fn matplotlib_attr(name: &str) -> Option<Value> {
    match name {
        "pyplot" => Some(Value::Module(super::super::value::Module::Pyplot)),
        _ => row("matplotlib", name).map(Value::Builtin),
    }
}

/// The row `plt.<name>` (or `matplotlib.<name>`) calls.
pub fn member(prefix: &str, name: &str) -> Option<&'static Builtin> {
    row(prefix, name)
}

/// Every name under `prefix` (`plt`, `Axes`, `Figure`, `matplotlib`).
pub fn names(prefix: &'static str) -> impl Iterator<Item = &'static str> {
    PYPLOT.iter().filter_map(move |b| {
        b.name
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('.'))
    })
}

/// `ax.name` / `fig.name`.
pub fn attr(o: &Value, name: &str) -> EvalResult<Value> {
    let (prefix, class) = match o {
        Value::Axes(_) => ("Axes", "Axes"),
        _ => ("Figure", "Figure"),
    };
    match row(prefix, name) {
        Some(b) => Ok(Value::Method(Rc::new((o.clone(), short(b))))),
        None => Err(EvalError::new(
            ErrorKind::NotImplementedError,
            format!(
                "{class}.{name} is not supported by gradlab; supported: {}",
                names(prefix).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}

fn short(b: &'static Builtin) -> &'static str {
    b.name.rsplit('.').next().unwrap_or(b.name)
}

/// Calls `ax.name(...)` or `fig.name(...)`.
pub fn call_method(s: &mut Session, recv: &Value, name: &str, call: CallArgs) -> EvalResult<Value> {
    let prefix = match recv {
        Value::Axes(_) => "Axes",
        _ => "Figure",
    };
    call_on(
        s,
        recv,
        row(prefix, name).expect("methods are made from table rows"),
        call,
    )
}

/// Runs table row `b` as a method of `recv` (a DataFrame, Series, Axes or
/// Figure): binds the arguments, lends `recv` to the row as
/// [`PlotState::receiver`] for the call, and points an error at the call.
pub(super) fn call_on(
    s: &mut Session,
    recv: &Value,
    b: &'static Builtin,
    call: CallArgs,
) -> EvalResult<Value> {
    let span = call.span.clone();
    let bound = super::super::args::bind(b.signature(), call)?;
    s.tables.receiver = Some(recv.clone());
    let r = (b.func)(s, &bound, false);
    s.tables.receiver = None;
    r.map_err(|e| e.at(&span))
}

/// The values as float64 numbers, with their shape.
fn floats(v: &Value) -> EvalResult<(Vec<usize>, Vec<f64>)> {
    let a: Array = to_array_of(v)?;
    let a = a.as_dtype(DType::Float64)?;
    Ok((a.shape().to_vec(), a.to_f64_vec()))
}

pub(super) fn flat(v: &Value) -> EvalResult<Vec<f64>> {
    Ok(floats(v)?.1)
}

fn text(b: &Bound, name: &str) -> EvalResult<Option<String>> {
    Ok(match b.opt(name) {
        None => None,
        Some(Value::Str(t)) => Some(t.to_string()),
        Some(v) => Some(v.to_string()),
    })
}

fn number(b: &Bound, name: &str) -> EvalResult<Option<f64>> {
    b.opt(name).map(|v| b.at(name, real(v))).transpose()
}

fn line_kw(b: &Bound) -> EvalResult<LineKw> {
    let pick = |a: &str, alias: &str| -> EvalResult<Option<String>> {
        match text(b, a)? {
            Some(t) => Ok(Some(t)),
            None if b.has(alias) => text(b, alias),
            None => Ok(None),
        }
    };
    // Not every drawing call takes a line width (scatter, bar do not).
    let width = match b.has("linewidth") {
        false => None,
        true => match number(b, "linewidth")? {
            Some(w) => Some(w),
            None if b.has("lw") => number(b, "lw")?,
            None => None,
        },
    };
    Ok(LineKw {
        label: text(b, "label")?,
        color: pick("color", "c")?,
        linestyle: if b.has("linestyle") {
            pick("linestyle", "ls")?
        } else {
            None
        },
        marker: if b.has("marker") {
            text(b, "marker")?
        } else {
            None
        },
        linewidth: width,
    })
}

/// The axes a call draws on: the receiver's, or pyplot's current one.
fn target(s: &mut Session) -> AxesId {
    match s.tables.receiver.take() {
        Some(Value::Axes(id)) => {
            s.tables.pyplot.sca(id);
            id
        }
        _ => s.tables.pyplot.gca(),
    }
}

fn path_arg(b: &Bound, name: &str) -> EvalResult<String> {
    match b.req(name) {
        Value::Str(t) => Ok(t.to_string()),
        other => Err(EvalError::type_error(format!(
            "gradlab takes a file name (a str) here, not {}",
            other.short_type()
        ))),
    }
}

/// matplotlib's `<Figure size 640x480 with 1 Axes>` for the open figure
/// numbered `number` (`None` once it was shown or closed).
pub fn figure_repr(s: &Session, number: usize) -> Option<String> {
    let f = s
        .tables
        .pyplot
        .figures()
        .iter()
        .find(|f| f.number == number)?;
    // Python's `%g`: whole pixel counts without a decimal point.
    let g = |x: f64| {
        if x.fract() == 0.0 {
            format!("{x:.0}")
        } else {
            format!("{x}")
        }
    };
    Some(format!(
        "<Figure size {}x{} with {} Axes>",
        g(f.figsize.0 * f.dpi),
        g(f.figsize.1 * f.dpi),
        f.axes.len()
    ))
}

/// Shows every open figure: one view event each, then none open.
pub fn show_all(s: &mut Session) {
    for fig in s.tables.pyplot.show() {
        let view = crate::views::View::Figure(fig);
        s.pending.push(Event::Value(Value::View(Rc::new(view))));
    }
}

impl Session {
    /// The interactive notebook's end of a cell: figures left open are
    /// shown (as Jupyter shows them), one view event each. Scripts show
    /// figures where they call `plt.show()`, since each of their
    /// statements is a cell of its own.
    pub fn show_open_figures(&mut self) -> Vec<Event> {
        show_all(self);
        std::mem::take(&mut self.pending)
    }
}

/// One implementation for every row: the row is `b.sig.name` under the
/// receiver's class (or pyplot's current axes).
fn call(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let name = b.sig.name.as_str();
    let fig_receiver = match &s.tables.receiver {
        Some(Value::Figure(n)) => Some(*n),
        _ => None,
    };
    if let Some(v) = figure_call(s, b, name, fig_receiver)? {
        return Ok(v);
    }
    let id = target(s);
    let ax = s.tables.pyplot.axes_mut(id);
    let before = ax.artists.len();
    let r = match name {
        "plot" => plot(ax, b),
        "scatter" => {
            let mut kw = line_kw(b)?;
            if kw.color.is_none() {
                kw.color = text(b, "c")?;
            }
            ax.scatter(flat(b.req("x"))?, flat(b.req("y"))?, &kw)
        }
        "bar" => {
            let width = number(b, "width")?.unwrap_or(0.8);
            ax.bar(
                flat(b.req("x"))?,
                flat(b.req("height"))?,
                width,
                &line_kw(b)?,
            )
        }
        "axhline" | "axvline" => {
            let at = if name == "axhline" { "y" } else { "x" };
            let v = number(b, at)?.unwrap_or(0.0);
            ax.axline(v, name == "axvline", &line_kw(b)?)
        }
        "imshow" => {
            let (shape, data) = floats(b.req("X"))?;
            let cmap = text(b, "cmap")?;
            ax.imshow(
                &shape,
                data,
                cmap.as_deref(),
                number(b, "vmin")?,
                number(b, "vmax")?,
            )
        }
        "colorbar" => ax.colorbar(),
        "quiver" => quiver(ax, b),
        "xlabel" | "set_xlabel" | "ylabel" | "set_ylabel" | "title" | "set_title" => {
            let t = text(b, b.sig.params[0].name.as_str())?.unwrap_or_default();
            match name {
                "xlabel" | "set_xlabel" => ax.set_xlabel(&t),
                "ylabel" | "set_ylabel" => ax.set_ylabel(&t),
                _ => ax.set_title(&t),
            }
            Ok(())
        }
        "legend" => {
            ax.legend = true;
            Ok(())
        }
        "grid" => {
            ax.grid = match b.get("visible") {
                None | Some(Value::None) => !ax.grid,
                Some(v) => truthy(v)?,
            };
            Ok(())
        }
        "xlim" | "set_xlim" | "ylim" | "set_ylim" => {
            let (lo, hi) = if name.contains('x') {
                ("left", "right")
            } else {
                ("bottom", "top")
            };
            let pair = match b.opt(lo) {
                Some(v @ (Value::Tuple(_) | Value::List(_))) => {
                    let f = flat(v)?;
                    (f.first().copied(), f.get(1).copied())
                }
                _ => (number(b, lo)?, number(b, hi)?),
            };
            let current = ax.limits();
            let old = if name.contains('x') {
                current.0
            } else {
                current.1
            };
            let lim = (pair.0.unwrap_or(old.0), pair.1.unwrap_or(old.1));
            if name.contains('x') {
                ax.xlim = Some(lim);
            } else {
                ax.ylim = Some(lim);
            }
            return Ok(Value::tuple(vec![Value::Float(lim.0), Value::Float(lim.1)]));
        }
        "xscale" | "set_xscale" | "yscale" | "set_yscale" => {
            let v = text(b, "value")?.unwrap_or_default();
            ax.set_scale(name.contains('y'), &v)
        }
        other => Err(mpl::not_implemented(other)),
    };
    r.map_err(EvalError::from)?;
    Ok(returned(s, b, name, id, before))
}

/// What a drawing call returns, as matplotlib: `plot` a list of `Line2D`,
/// `axhline` one, `scatter` a `PathCollection`, labels a `Text`...
fn returned(s: &Session, b: &Bound, name: &str, id: AxesId, before: usize) -> Value {
    let one = |kind: Kind| {
        artists::added(s, id, before, kind)
            .pop()
            .unwrap_or(Value::None)
    };
    let label = |at: &'static str| {
        let t = match b.opt(b.sig.params[0].name.as_str()) {
            Some(Value::Str(t)) => t.to_string(),
            Some(v) => s.str(v),
            None => String::new(),
        };
        artists::text(at, &t)
    };
    match name {
        "plot" => Value::list(artists::added(s, id, before, Kind::Line2D)),
        "axhline" | "axvline" => one(Kind::Line2D),
        "scatter" => one(Kind::PathCollection),
        "bar" => {
            let n = match s.tables.pyplot.axes(id).and_then(|ax| ax.artists.last()) {
                Some(mpl::Artist::Bar(bars)) => bars.x.len(),
                _ => 0,
            };
            one(Kind::BarContainer(n))
        }
        "imshow" => one(Kind::AxesImage),
        "quiver" => one(Kind::Quiver),
        "colorbar" => artists::plain(Kind::Colorbar),
        "legend" => artists::plain(Kind::Legend),
        "title" | "set_title" => label("0.5, 1.0"),
        "xlabel" | "set_xlabel" => label("0.5, 0"),
        "ylabel" | "set_ylabel" => label("0, 0.5"),
        _ => Value::None,
    }
}

/// The calls about figures rather than axes (`None`: not one of them).
fn figure_call(
    s: &mut Session,
    b: &Bound,
    name: &str,
    fig: Option<usize>,
) -> EvalResult<Option<Value>> {
    let p = &mut s.tables.pyplot;
    let v = match name {
        "figure" => {
            let figsize = match b.opt("figsize") {
                None => None,
                Some(v) => {
                    let f = flat(v)?;
                    (f.len() == 2).then(|| (f[0], f[1]))
                }
            };
            Value::Figure(p.figure(figsize, number(b, "dpi")?))
        }
        "subplots" => {
            let rows = b.value("nrows").map_or(Ok(1), |v| index_int(&v))?;
            let cols = b.value("ncols").map_or(Ok(1), |v| index_int(&v))?;
            let figsize = match b.opt("figsize") {
                None => None,
                Some(v) => {
                    let f = flat(v)?;
                    (f.len() == 2).then(|| (f[0], f[1]))
                }
            };
            let (number, ids) = p
                .subplots(rows.max(0) as usize, cols.max(0) as usize, figsize)
                .map_err(EvalError::from)?;
            let axes: Vec<Value> = ids.into_iter().map(Value::Axes).collect();
            // NumPy's object arrays of Axes are tuples here: unpacking
            // and `axes[0]` (`axes[0][1]` for a grid) work the same.
            let ax = match (rows, cols) {
                (1, 1) => axes[0].clone(),
                (1, _) | (_, 1) => Value::tuple(axes),
                _ => Value::tuple(
                    axes.chunks(cols as usize)
                        .map(|r| Value::tuple(r.to_vec()))
                        .collect(),
                ),
            };
            Value::tuple(vec![Value::Figure(number), ax])
        }
        "subplot" => {
            let (r, c, i) = match (b.opt("ncols"), b.opt("index")) {
                (Some(c), Some(i)) => (index_int(b.req("nrows"))?, index_int(c)?, index_int(i)?),
                _ => {
                    // subplot(211): three digits.
                    let code = index_int(b.req("nrows"))?;
                    (code / 100, code / 10 % 10, code % 10)
                }
            };
            Value::Axes(
                p.subplot(r.max(0) as usize, c.max(0) as usize, i.max(0) as usize)
                    .map_err(EvalError::from)?,
            )
        }
        "gca" => Value::Axes(p.gca()),
        "gcf" => Value::Figure(p.gcf()),
        "show" => {
            show_all(s);
            Value::None
        }
        "close" => {
            let which = match b.opt("fig") {
                None => Close::Current,
                Some(Value::Str(t)) if &**t == "all" => Close::All,
                Some(Value::Str(t)) => Close::Bad(t.to_string()),
                Some(Value::Figure(n)) => Close::Number(*n),
                Some(v) => Close::Number(index_int(v)?.max(0) as usize),
            };
            p.close(which).map_err(EvalError::from)?;
            Value::None
        }
        "suptitle" => {
            let number = fig.unwrap_or_else(|| p.gcf());
            let t = text(b, "t")?.unwrap_or_default();
            if let Some(f) = p.figure_mut(number) {
                f.suptitle = t.clone();
            }
            artists::text("0.5, 0.98", &t)
        }
        "colorbar" if fig.is_some() => {
            let id = match b.opt("ax") {
                Some(Value::Axes(id)) => *id,
                _ => p.gca(),
            };
            p.axes_mut(id).colorbar().map_err(EvalError::from)?;
            artists::plain(Kind::Colorbar)
        }
        "savefig" => {
            let path = path_arg(b, "fname")?;
            super::files::check_write(s, "plt.savefig", &path)?;
            let p = &mut s.tables.pyplot;
            let number = fig.unwrap_or_else(|| p.gcf());
            let figure = p
                .figure_mut(number)
                .cloned()
                .unwrap_or_else(|| mpl::Figure::new(number, None, None));
            mpl::savefig(&figure, Path::new(&path)).map_err(EvalError::from)?;
            Value::None
        }
        "imread" => {
            let path = path_arg(b, "fname")?;
            let img = mpl::imread(Path::new(&path)).map_err(EvalError::from)?;
            let a = match img.data {
                mpl::ImageData::F32(v) => Array::from_vec(&img.shape, v)?,
                mpl::ImageData::U8(v) => Array::from_vec(&img.shape, v)?,
            };
            Value::array(a)
        }
        "imsave" => {
            let path = path_arg(b, "fname")?;
            super::files::check_write(s, "plt.imsave", &path)?;
            let (shape, data) = floats(b.req("arr"))?;
            let cmap = text(b, "cmap")?;
            mpl::imsave(
                Path::new(&path),
                &shape,
                &data,
                cmap.as_deref(),
                number(b, "vmin")?,
                number(b, "vmax")?,
            )
            .map_err(EvalError::from)?;
            Value::None
        }
        "tight_layout" | "use" => Value::None,
        _ => return Ok(None),
    };
    s.tables.receiver = None;
    Ok(Some(v))
}

/// `plot(y)`, `plot(x, y)`, `plot(x, y, fmt)`, repeated groups.
fn plot(ax: &mut mpl::Axes, b: &Bound) -> mpl::Result<()> {
    let kw = line_kw(b).map_err(to_mpl)?;
    let args = &b.varargs;
    let mut k = 0;
    if args.is_empty() {
        return Ok(());
    }
    while k < args.len() {
        let fmt_at = |i: usize| match args.get(i) {
            Some(Value::Str(t)) => Some(t.to_string()),
            _ => None,
        };
        let (x, y, used) = match (args.get(k + 1), fmt_at(k + 1)) {
            (Some(_), None) => (
                Some(flat(&args[k]).map_err(to_mpl)?),
                flat(&args[k + 1]).map_err(to_mpl)?,
                2,
            ),
            _ => (None, flat(&args[k]).map_err(to_mpl)?, 1),
        };
        let fmt = fmt_at(k + used);
        ax.plot(x, y, fmt.as_deref(), &kw)?;
        k += used + usize::from(fmt.is_some());
    }
    Ok(())
}

fn to_mpl(e: EvalError) -> mpl::Error {
    mpl::Error {
        kind: mpl::ErrorKind::TypeError,
        message: e.message,
    }
}

/// `quiver(U, V)` (a grid of positions) or `quiver(X, Y, U, V)`.
fn quiver(ax: &mut mpl::Axes, b: &Bound) -> mpl::Result<()> {
    let args: Vec<(Vec<usize>, Vec<f64>)> = b
        .varargs
        .iter()
        .map(floats)
        .collect::<EvalResult<_>>()
        .map_err(to_mpl)?;
    match args.as_slice() {
        [(shape, u), (_, v)] => {
            let (rows, cols) = match shape.as_slice() {
                [r, c] => (*r, *c),
                _ => (1, u.len()),
            };
            let x = (0..rows * cols).map(|i| (i % cols) as f64).collect();
            let y = (0..rows * cols).map(|i| (i / cols) as f64).collect();
            ax.quiver(x, y, u.clone(), v.clone())
        }
        [(_, x), (_, y), (_, u), (_, v)] => ax.quiver(x.clone(), y.clone(), u.clone(), v.clone()),
        _ => Err(mpl::Error {
            kind: mpl::ErrorKind::TypeError,
            message: format!(
                "quiver() takes 2 or 4 positional arguments but {} were given",
                args.len()
            ),
        }),
    }
}
