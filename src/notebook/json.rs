//! JSON lines (`--json`): one object per event, per CLI.md.

use serde_json::{Map, Value as Json, json};

use crate::engine::Array;
use crate::eval::{Event, Scalar, Session, Value};

use super::{Cell, CellKind};

/// A float as CLI.md writes it: shortest round-trip number, or
/// `"nan"` / `"inf"` / `"-inf"`.
pub fn float(x: f64) -> Json {
    if x.is_nan() {
        json!("nan")
    } else if x.is_infinite() {
        json!(if x > 0.0 { "inf" } else { "-inf" })
    } else {
        Json::from(x)
    }
}

/// CLI.md's VALUE schema.
pub fn value(session: &Session, v: &Value) -> Json {
    match v {
        Value::Array(a) => array(a),
        Value::Scalar(s) => scalar(*s),
        Value::Float(x) => scalar(Scalar::F(*x)),
        Value::Int(i) => scalar(Scalar::I(*i)),
        Value::Bool(b) => scalar(Scalar::B(*b)),
        Value::Str(s) => json!({"kind": "string", "value": &**s}),
        Value::Tuple(items) => {
            json!({"kind": "tuple", "items": items.iter().map(|x| value(session, x)).collect::<Vec<_>>()})
        }
        Value::Named(t) => json!({
            "kind": "tuple",
            "name": t.name,
            "fields": t.fields,
            "items": t.items.iter().map(|x| value(session, x)).collect::<Vec<_>>(),
        }),
        Value::List(items) => {
            json!({"kind": "list", "items": items.iter().map(|x| value(session, x)).collect::<Vec<_>>()})
        }
        Value::Function(f) => json!({"kind": "function", "name": f.name}),
        Value::Builtin(b) => json!({"kind": "function", "name": b.name}),
        Value::View(view) => view.to_json(),
        Value::None => json!({"kind": "none"}),
        other => json!({"kind": "object", "repr": session.repr(other)}),
    }
}

fn scalar(s: Scalar) -> Json {
    let v = match s {
        Scalar::F(x) => float(x),
        Scalar::I(i) => json!(i),
        Scalar::B(b) => json!(b),
    };
    json!({"kind": "scalar", "dtype": s.dtype().name(), "value": v})
}

/// An array as `{"kind": "array", "dtype", "shape", "data"}` (data row-major).
pub fn array(a: &Array) -> Json {
    let data: Vec<Json> = match a {
        Array::Float(x) => x.iter().map(|&v| float(v)).collect(),
        Array::Int(x) => x.iter().map(|&v| json!(v)).collect(),
        Array::Bool(x) => x.iter().map(|&v| json!(v)).collect(),
    };
    json!({"kind": "array", "dtype": a.dtype().name(), "shape": a.shape(), "data": data})
}

/// The JSON lines of one cell (none for prose).
pub fn cell_lines(session: &Session, cell: &Cell) -> Vec<String> {
    let CellKind::Code { text, outcomes } = &cell.kind else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for o in outcomes {
        let line = cell.line + text[..o.offset.min(text.len())].matches('\n').count();
        let base = |key: &str, v: Json| {
            let mut m = Map::new();
            m.insert("line".into(), json!(line));
            m.insert("input".into(), json!(o.input));
            m.insert(key.into(), v);
            Json::Object(m).to_string()
        };
        let mut stdout = String::new();
        for e in &o.events {
            if !matches!(e, Event::Stdout(_)) && !stdout.is_empty() {
                lines.push(base("stdout", json!(std::mem::take(&mut stdout))));
            }
            match e {
                Event::Stdout(t) => stdout.push_str(t),
                Event::Value(v) => lines.push(base("value", value(session, v))),
                Event::Error(err) => lines.push(base("error", json!({"type": err.kind.name(), "message": err.message}))),
                Event::Timing(t) => lines.push(base(
                    "timing",
                    json!({"best_s": t.best_s, "mean_s": t.mean_s, "std_s": t.std_s, "loops": t.loops, "runs": t.runs}),
                )),
            }
        }
        if !stdout.is_empty() {
            lines.push(base("stdout", json!(stdout)));
        }
    }
    lines
}
