//! matplotlib reachable from the language (issue 14): `import
//! matplotlib.pyplot as plt`, the `plt.*` calls that build the session's
//! figures (`crate::mpl::Pyplot`), `Axes`/`Figure` methods, `plt.show()`
//! handing the figures to the front ends as views, and `savefig`,
//! `imread`, `imsave` (writes need `--allow-write` in `gradlab run`).
//! Every row goes through [`call`], which dispatches on the signature's
//! name: `plt.title` and `ax.set_title` share one implementation.

use std::rc::Rc;

use crate::mpl::{self, Pyplot};

use super::super::args::CallArgs;
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home};

mod args;
pub mod artists;
mod draw;
mod figures;

use args::flat;
use draw::call;
pub use figures::figure_repr;

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
