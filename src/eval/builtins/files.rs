//! NumPy's data-file functions: `loadtxt`, `genfromtxt`, `savetxt`, `load`,
//! `save`. Writing needs the session's permission (`--allow-write` for
//! `gradlab run`).

use crate::io::{self, GenFromTxtOptions, LoadTxtOptions, SaveFmt, SaveTxtOptions};

use super::super::args::Bound;
use super::super::convert::{index_int, real, to_array, truthy};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::creation::dtype_of;

impl From<io::Error> for EvalError {
    fn from(e: io::Error) -> Self {
        EvalError::new(e.name(), e.message)
    }
}

fn path(b: &Bound, name: &str) -> EvalResult<String> {
    match b.req(name) {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(EvalError::type_error(format!(
            "expected a file name (str), not {}",
            other.short_type()
        ))
        .at(&b.span_of(name))),
    }
}

fn text(b: &Bound, name: &str) -> EvalResult<Option<String>> {
    match b.get(name) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.to_string())),
        Some(other) => Err(EvalError::type_error(format!(
            "{name} must be a string, not {}",
            other.short_type()
        ))),
    }
}

fn usize_arg(b: &Bound, name: &str) -> EvalResult<Option<usize>> {
    b.opt(name)
        .map(|v| {
            let k = index_int(v)?;
            usize::try_from(k).map_err(|_| {
                EvalError::value_error(format!("{name} must be non-negative, got {k}"))
            })
        })
        .transpose()
}

fn usecols(b: &Bound) -> EvalResult<Option<Vec<i64>>> {
    b.opt("usecols")
        .map(|v| match v {
            Value::List(items) | Value::Tuple(items) => items.iter().map(index_int).collect(),
            other => Ok(vec![index_int(other)?]),
        })
        .transpose()
}

fn loaded(s: &mut Session, l: io::Loaded) -> Value {
    for w in l.warnings {
        s.write(format!("{}: {}\n", w.category, w.message));
    }
    Value::array(l.array)
}

pub fn loadtxt(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let mut o = LoadTxtOptions {
        delimiter: text(b, "delimiter")?,
        ..LoadTxtOptions::default()
    };
    if b.get("comments").is_some() {
        o.comments = text(b, "comments")?;
    }
    o.skiprows = usize_arg(b, "skiprows")?.unwrap_or(0);
    o.usecols = usecols(b)?;
    o.max_rows = usize_arg(b, "max_rows")?;
    o.ndmin = usize_arg(b, "ndmin")?.unwrap_or(0);
    o.unpack = b.opt("unpack").map(truthy).transpose()?.unwrap_or(false);
    if let Some(d) = dtype_of(b, "dtype")? {
        o.dtype = d;
    }
    let l = io::loadtxt(path(b, "fname")?, &o)?;
    Ok(loaded(s, l))
}

pub fn genfromtxt(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let mut o = GenFromTxtOptions {
        delimiter: text(b, "delimiter")?,
        ..GenFromTxtOptions::default()
    };
    if b.get("comments").is_some() {
        o.comments = text(b, "comments")?;
    }
    o.skip_header = usize_arg(b, "skip_header")?.unwrap_or(0);
    o.usecols = usecols(b)?;
    if let Some(v) = b.opt("filling_values") {
        o.filling_values = real(v)?;
    }
    let l = io::genfromtxt(path(b, "fname")?, &o)?;
    Ok(loaded(s, l))
}

fn check_write(s: &Session, what: &str) -> EvalResult<()> {
    if s.allow_write {
        Ok(())
    } else {
        Err(EvalError::new(
            "PermissionError",
            format!(
                "{what}() may not write files here: `gradlab run` writes only with --allow-write"
            ),
        ))
    }
}

pub fn savetxt(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    check_write(s, "savetxt")?;
    let a = b.at("X", to_array(b.req("X")))?;
    let mut o = SaveTxtOptions::default();
    match b.get("fmt") {
        None => {}
        Some(Value::Str(f)) => o.fmt = SaveFmt::One(f.to_string()),
        Some(Value::List(items) | Value::Tuple(items)) => {
            o.fmt = SaveFmt::PerColumn(items.iter().map(|v| v.to_string()).collect());
        }
        Some(other) => return Err(EvalError::value_error(format!("invalid fmt: {other}"))),
    }
    for (name, slot) in [
        ("delimiter", &mut o.delimiter),
        ("newline", &mut o.newline),
        ("header", &mut o.header),
        ("footer", &mut o.footer),
        ("comments", &mut o.comments),
    ] {
        if let Some(t) = text(b, name)? {
            *slot = t;
        }
    }
    io::savetxt(path(b, "fname")?, &a, &o)?;
    Ok(Value::None)
}

pub fn load(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    Ok(Value::array(io::load_npy(path(b, "file")?)?))
}

pub fn save(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    check_write(s, "save")?;
    let a = b.at("arr", to_array(b.req("arr")))?;
    io::save_npy(path(b, "file")?, &a)?;
    Ok(Value::None)
}
