//! The drawing calls on axes (`plot`, `scatter`, `bar`, `imshow`, labels,
//! limits, scales) and the matplotlib objects they return.

use crate::eval::args::Bound;
use crate::eval::convert::truthy;
use crate::eval::error::{EvalError, EvalResult};
use crate::eval::session::Session;
use crate::eval::value::Value;
use crate::mpl::{self, AxesId};

use super::args::{flat, floats, line_kw, number, target, text};
use super::artists::{self, Kind};
use super::figures::figure_call;

/// One implementation for every row: the row is `b.sig.name` under the
/// receiver's class (or pyplot's current axes).
pub(super) fn call(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
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
