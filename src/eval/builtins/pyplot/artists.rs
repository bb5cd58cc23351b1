//! The objects matplotlib's drawing calls return: `plt.plot` gives a list
//! of `Line2D`, `plt.title` a `Text`, `plt.scatter` a `PathCollection`...
//! Each shows as matplotlib's repr (`<matplotlib.lines.Line2D object at
//! 0x...>`, `Text(0.5, 1.0, 'v')`, `<BarContainer object of 3 artists>`),
//! so `line, = plt.plot(x, y)` unpacks and `line.set_label('v')` or
//! `line.set_ydata(y)` changes the line still waiting to be shown.

use std::cell::RefCell;
use std::rc::Rc;

use crate::mpl::{self, AxesId};

use super::super::super::args::{CallArgs, Signature, bind};
use super::super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::super::session::Session;
use super::super::super::value::Value;

/// What kind of matplotlib object a handle stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Line2D,
    PathCollection,
    /// `plt.bar`'s container of this many bars.
    BarContainer(usize),
    AxesImage,
    Colorbar,
    Quiver,
    Legend,
    /// A title or axis label: its position as matplotlib prints it.
    Text {
        at: &'static str,
    },
}

/// A line's own state, kept with the handle so getters work after the
/// figure was shown (matplotlib keeps the object alive too).
#[derive(Clone, Debug, Default, PartialEq)]
struct LineState {
    label: Option<String>,
    x: Vec<f64>,
    y: Vec<f64>,
}

/// One object a drawing call returned.
#[derive(Debug)]
pub struct Handle {
    pub kind: Kind,
    /// The axes it lives on, the figure's serial (so a later figure with
    /// the same number is never touched) and its index among the axes'
    /// artists.
    at: Option<(AxesId, u64, usize)>,
    line: RefCell<LineState>,
    /// A `Text`'s string; an `AxesImage`'s shape.
    text: String,
}

impl Handle {
    fn new(kind: Kind) -> Handle {
        Handle {
            kind,
            at: None,
            line: RefCell::default(),
            text: String::new(),
        }
    }

    /// matplotlib's class, as `type(x)` names it.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Line2D => "matplotlib.lines.Line2D",
            Kind::PathCollection => "matplotlib.collections.PathCollection",
            Kind::BarContainer(_) => "matplotlib.container.BarContainer",
            Kind::AxesImage => "matplotlib.image.AxesImage",
            Kind::Colorbar => "matplotlib.colorbar.Colorbar",
            Kind::Quiver => "matplotlib.quiver.Quiver",
            Kind::Legend => "matplotlib.legend.Legend",
            Kind::Text { .. } => "matplotlib.text.Text",
        }
    }

    /// matplotlib's repr: the object's address where matplotlib has no
    /// repr of its own (as CPython prints it; `--check` reads any address).
    pub fn repr(&self) -> String {
        match &self.kind {
            Kind::Text { at } => format!("Text({at}, {})", crate::format::py_repr_str(&self.text)),
            Kind::BarContainer(n) => format!("<BarContainer object of {n} artists>"),
            _ => format!(
                "<{} object at {:#x}>",
                self.type_name(),
                self as *const Handle as usize
            ),
        }
    }
}

impl Handle {
    /// `str(obj)`: `Line2D(label)`, `AxesImage(shape=(2, 2))`, `Legend`;
    /// the repr for the others.
    pub fn to_str(&self) -> String {
        match &self.kind {
            Kind::Line2D => format!("Line2D({})", self.label()),
            Kind::AxesImage => format!("AxesImage(shape={})", self.text),
            Kind::Legend => "Legend".into(),
            _ => self.repr(),
        }
    }

    /// A line's label; matplotlib names an unlabelled one `_child<n>`,
    /// after its place among the axes' artists.
    fn label(&self) -> String {
        let label = self.line.borrow().label.clone();
        let index = self.at.map_or(0, |a| a.2);
        label.unwrap_or_else(|| format!("_child{index}"))
    }
}

/// A `Text` handle (`plt.title` and the axis labels).
pub fn text(at: &'static str, text: &str) -> Value {
    let mut h = Handle::new(Kind::Text { at });
    h.text = text.to_string();
    Value::Artist(Rc::new(h))
}

/// A handle with no state of its own (legend, colorbar).
pub fn plain(kind: Kind) -> Value {
    Value::Artist(Rc::new(Handle::new(kind)))
}

/// Handles for the artists `from..` that a call added to the axes `id`:
/// `Line2D`s for lines, else `kind`.
pub fn added(s: &Session, id: AxesId, from: usize, kind: Kind) -> Vec<Value> {
    let p = &s.tables.pyplot;
    let serial = p.serial(id.figure).unwrap_or(0);
    let Some(ax) = p.axes(id) else {
        return Vec::new();
    };
    (from..ax.artists.len())
        .map(|i| {
            let mut h = Handle::new(kind.clone());
            h.at = Some((id, serial, i));
            if let mpl::Artist::Line(l) = &ax.artists[i] {
                h.kind = Kind::Line2D;
                h.line = RefCell::new(LineState {
                    label: l.label.clone(),
                    x: l.x.clone(),
                    y: l.y.clone(),
                });
            } else if let mpl::Artist::HLine(l) = &ax.artists[i] {
                h.kind = Kind::Line2D;
                h.line.borrow_mut().label = l.label.clone();
            } else if let mpl::Artist::Image(im) = &ax.artists[i] {
                h.text = crate::array::shape_repr(&im.shape);
            }
            Value::Artist(Rc::new(h))
        })
        .collect()
}

/// The methods each kind has.
fn methods(kind: &Kind) -> &'static [&'static str] {
    match kind {
        Kind::Line2D => &[
            "get_label",
            "set_label",
            "get_xdata",
            "get_ydata",
            "set_xdata",
            "set_ydata",
            "set_data",
        ],
        Kind::Text { .. } => &["get_text"],
        _ => &[],
    }
}

/// `obj.name`: a bound method, or an error naming what gradlab supports.
pub fn attr(o: &Value, h: &Handle, name: &str) -> EvalResult<Value> {
    let known = methods(&h.kind);
    match known.iter().find(|m| **m == name) {
        Some(m) => Ok(Value::Method(Rc::new((o.clone(), *m)))),
        None => Err(EvalError::new(
            ErrorKind::NotImplementedError,
            format!(
                "{}.{name} is not supported by gradlab; supported: {}",
                h.type_name().rsplit('.').next().unwrap_or(""),
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ),
        )),
    }
}

/// The floats of a value (an array, list or Series).
fn floats(v: &Value) -> EvalResult<Vec<f64>> {
    super::flat(v)
}

fn floats_value(v: &[f64]) -> Value {
    Value::array(crate::array::Array::from_f64(v.to_vec()))
}

/// Calls `obj.name(...)`.
pub fn call_method(s: &mut Session, h: &Handle, name: &str, call: CallArgs) -> EvalResult<Value> {
    let sig = match name {
        "set_label" => "set_label(s)",
        "set_xdata" => "set_xdata(x)",
        "set_ydata" => "set_ydata(y)",
        "set_data" => "set_data(x, y)",
        _ => "get()",
    };
    let b = bind(Signature::of(sig), call)?;
    match name {
        "get_text" => return Ok(Value::str(h.text.as_str())),
        "get_label" => return Ok(Value::str(h.label())),
        "get_xdata" => return Ok(floats_value(&h.line.borrow().x)),
        "get_ydata" => return Ok(floats_value(&h.line.borrow().y)),
        _ => {}
    }
    {
        let mut line = h.line.borrow_mut();
        match name {
            "set_label" => {
                line.label = match b.req("s") {
                    Value::None => None,
                    Value::Str(t) => Some(t.to_string()),
                    other => Some(s.str(other)),
                }
            }
            "set_xdata" => line.x = floats(b.req("x"))?,
            "set_ydata" => line.y = floats(b.req("y"))?,
            _ => {
                line.x = floats(b.req("x"))?;
                line.y = floats(b.req("y"))?;
            }
        }
    }
    // Write through to the figure while it is open: shown or closed
    // figures keep what they drew.
    if let Some((id, serial, i)) = h.at
        && s.tables.pyplot.serial(id.figure) == Some(serial)
        && let Some(ax) = s.tables.pyplot.axes_open_mut(id)
    {
        let state = h.line.borrow().clone();
        match ax.artists.get_mut(i) {
            Some(mpl::Artist::Line(l)) => {
                l.label = state.label;
                l.x = state.x;
                l.y = state.y;
            }
            Some(mpl::Artist::HLine(l)) => l.label = state.label,
            _ => {}
        }
    }
    Ok(Value::None)
}
