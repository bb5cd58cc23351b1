//! The calls about figures rather than axes (`figure`, `subplots`, `show`,
//! `close`, `savefig`, `imread`/`imsave`) and a figure's repr.

use std::path::Path;
use std::rc::Rc;

use crate::array::Array;
use crate::eval::args::Bound;
use crate::eval::convert::index_int;
use crate::eval::error::{EvalError, EvalResult};
use crate::eval::session::{Event, Session};
use crate::eval::value::Value;
use crate::mpl::{self, Close};

use super::args::{flat, floats, number, path_arg, text};
use super::artists::{self, Kind};

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
fn show_all(s: &mut Session) {
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

/// The calls about figures rather than axes (`None`: not one of them).
pub(super) fn figure_call(
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
            super::super::files::check_write(s, "plt.savefig", &path)?;
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
            super::super::files::check_write(s, "plt.imsave", &path)?;
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
