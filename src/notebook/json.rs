//! JSON lines (`--json`): one object per event, per CLI.md, written
//! straight to the output. Arrays stream element by element (a 3·10^7
//! element array is 3·10^7 small writes into a buffer, never a tree of
//! 3·10^7 JSON values); everything else is small and goes through
//! `serde_json`, whose number and string formatting the stream shares.

use std::io::{self, Write};

use serde_json::{Value as Json, json};

use crate::array::{Array, DType};
use crate::eval::{Event, Scalar, Session, Value, Walk};

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

/// CLI.md's VALUE schema as a JSON tree (arrays included: for small values
/// and tests; [`write_value`] streams).
pub fn value(session: &Session, v: &Value) -> Json {
    let mut buf = Vec::new();
    write_value(&mut buf, session, v).expect("writing to memory cannot fail");
    serde_json::from_slice(&buf).expect("the writer emits valid JSON")
}

/// Writes CLI.md's VALUE for `v`.
pub fn write_value(out: &mut dyn Write, session: &Session, v: &Value) -> io::Result<()> {
    let items = |out: &mut dyn Write, items: &[Value]| -> io::Result<()> {
        out.write_all(b"[")?;
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            write_value(out, session, item)?;
        }
        out.write_all(b"]")
    };
    match v {
        Value::Array(a) => write_array(out, a),
        Value::Scalar(s) => tree(out, &scalar(*s)),
        Value::Float(x) => tree(out, &scalar(Scalar::Float64(*x))),
        Value::Complex(z) => tree(out, &scalar(Scalar::Complex128(*z))),
        Value::Int(i) => tree(out, &scalar(Scalar::Int64(*i))),
        // JSON numbers have any size: the exact digits.
        Value::BigInt(n) => write!(out, r#"{{"kind":"int","value":{n}}}"#),
        Value::Bool(b) => tree(out, &scalar(Scalar::Bool(*b))),
        Value::Str(s) => tree(out, &json!({"kind": "string", "value": &**s})),
        Value::Tuple(list) => {
            out.write_all(br#"{"kind":"tuple","items":"#)?;
            items(out, list)?;
            out.write_all(b"}")
        }
        Value::Named(t) => {
            out.write_all(br#"{"kind":"tuple","name":"#)?;
            serde_json::to_writer(&mut *out, &t.name)?;
            out.write_all(br#","fields":"#)?;
            serde_json::to_writer(&mut *out, &t.fields)?;
            out.write_all(br#","items":"#)?;
            items(out, &t.items)?;
            out.write_all(b"}")
        }
        Value::List(list) => {
            let walk = Walk::enter(list.addr());
            if walk.is_recursive() {
                return tree(out, &json!({"kind": "object", "repr": "[...]"}));
            }
            out.write_all(br#"{"kind":"list","items":"#)?;
            items(out, &list.borrow())?;
            out.write_all(b"}")
        }
        Value::Function(f) => tree(out, &json!({"kind": "function", "name": f.name})),
        Value::Builtin(b) => tree(out, &json!({"kind": "function", "name": b.name})),
        Value::View(view) => tree(out, &view.to_json()),
        Value::None => tree(out, &json!({"kind": "none"})),
        other => tree(out, &json!({"kind": "object", "repr": session.repr(other)})),
    }
}

fn tree(out: &mut dyn Write, v: &Json) -> io::Result<()> {
    serde_json::to_writer(out, v).map_err(io::Error::from)
}

fn scalar(s: Scalar) -> Json {
    let v = match s {
        Scalar::Bool(b) => json!(b),
        Scalar::UInt64(u) => json!(u),
        s if s.dtype().is_integer() => json!(s.get::<i64>()),
        // A complex datum is `[re, im]` (CLI.md).
        Scalar::Complex128(z) => json!([float(z.re), float(z.im)]),
        // float32 widened exactly.
        s => float(s.as_f64()),
    };
    json!({"kind": "scalar", "dtype": s.dtype().name(), "value": v})
}

/// `{"kind": "array", "dtype", "shape", "data"}` (data row-major), one
/// element at a time.
pub fn write_array(out: &mut dyn Write, a: &Array) -> io::Result<()> {
    out.write_all(br#"{"kind":"array","dtype":"#)?;
    serde_json::to_writer(&mut *out, a.dtype().name())?;
    out.write_all(br#","shape":"#)?;
    serde_json::to_writer(&mut *out, a.shape())?;
    out.write_all(br#","data":["#)?;
    let mut first = true;
    let mut sep = |out: &mut dyn Write| -> io::Result<()> {
        if !std::mem::take(&mut first) {
            out.write_all(b",")?;
        }
        Ok(())
    };
    match a.dtype() {
        DType::UInt64 => {
            for v in a.read::<u64>().iter() {
                sep(out)?;
                write!(out, "{v}")?;
            }
        }
        d if d.is_integer() => {
            for v in a
                .as_dtype(DType::Int64)
                .map_err(io::Error::other)?
                .read::<i64>()
                .iter()
            {
                sep(out)?;
                write!(out, "{v}")?;
            }
        }
        DType::Bool => {
            for v in a.read::<bool>().iter() {
                sep(out)?;
                out.write_all(if v { b"true" } else { b"false" })?;
            }
        }
        // A complex datum is `[re, im]` (CLI.md).
        DType::Complex128 => {
            for z in a.read::<crate::array::Complex128>().iter() {
                sep(out)?;
                out.write_all(b"[")?;
                write_float(out, z.re)?;
                out.write_all(b",")?;
                write_float(out, z.im)?;
                out.write_all(b"]")?;
            }
        }
        // float64, float32 (widened exactly)
        _ => {
            let floats = a.as_dtype(DType::Float64).map_err(io::Error::other)?;
            for v in floats.read::<f64>().iter() {
                sep(out)?;
                write_float(out, v)?;
            }
        }
    }
    out.write_all(b"]}")
}

fn write_float(out: &mut dyn Write, x: f64) -> io::Result<()> {
    if x.is_finite() {
        serde_json::to_writer(out, &x).map_err(io::Error::from)
    } else {
        out.write_all(match x {
            x if x.is_nan() => br#""nan""#,
            x if x > 0.0 => br#""inf""#,
            _ => br#""-inf""#,
        })
    }
}

/// Writes the JSON lines of one cell (none for prose); `file` adds a
/// `"file"` key first (when several scripts run at once).
pub fn write_cell(
    out: &mut dyn Write,
    session: &Session,
    cell: &Cell,
    file: Option<&str>,
) -> io::Result<()> {
    let CellKind::Code { text, outcomes } = &cell.kind else {
        return Ok(());
    };
    for o in outcomes {
        let line = cell.line + text[..o.offset.min(text.len())].matches('\n').count();
        let head = |out: &mut dyn Write, key: &str| -> io::Result<()> {
            out.write_all(b"{")?;
            if let Some(f) = file {
                out.write_all(br#""file":"#)?;
                serde_json::to_writer(&mut *out, f)?;
                out.write_all(b",")?;
            }
            write!(out, r#""line":{line},"input":"#)?;
            serde_json::to_writer(&mut *out, &*o.input)?;
            write!(out, r#","{key}":"#)
        };
        let mut stdout = String::new();
        for e in &o.events {
            if !matches!(e, Event::Stdout(_)) && !stdout.is_empty() {
                head(out, "stdout")?;
                serde_json::to_writer(&mut *out, &std::mem::take(&mut stdout))?;
                out.write_all(b"}\n")?;
            }
            match e {
                Event::Stdout(t) => {
                    stdout.push_str(t);
                    continue;
                }
                Event::Value(v) => {
                    head(out, "value")?;
                    write_value(out, session, v)?;
                }
                Event::Error(err) => {
                    head(out, "error")?;
                    tree(
                        out,
                        &json!({"type": err.kind.name(), "message": err.message}),
                    )?;
                }
                Event::Warning { kind, message } => {
                    head(out, "warning")?;
                    tree(out, &json!({"type": kind.name(), "message": message}))?;
                }
                Event::Timing(t) => {
                    head(out, "timing")?;
                    tree(
                        out,
                        &json!({"best_s": t.best_s, "mean_s": t.mean_s, "std_s": t.std_s, "loops": t.loops, "runs": t.runs}),
                    )?;
                }
            }
            out.write_all(b"}\n")?;
        }
        if !stdout.is_empty() {
            head(out, "stdout")?;
            serde_json::to_writer(&mut *out, &stdout)?;
            out.write_all(b"}\n")?;
        }
    }
    Ok(())
}

/// The JSON lines of one cell, as strings (for tests and small callers).
pub fn cell_lines(session: &Session, cell: &Cell) -> Vec<String> {
    let mut buf = Vec::new();
    write_cell(&mut buf, session, cell, None).expect("writing to memory cannot fail");
    String::from_utf8(buf)
        .expect("JSON is UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}
