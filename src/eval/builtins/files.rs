//! NumPy's data-file functions: `loadtxt`, `genfromtxt`, `savetxt`, `load`,
//! `save`. Writing needs the session's permission (`--allow-write` for
//! `gradlab run`).

use crate::eval::ErrorKind;
use std::rc::Rc;

use crate::array::Array;
use crate::io::{self, GenFromTxtOptions, LoadTxtOptions, SaveFmt, SaveTxtOptions};

use super::super::args::Bound;
use super::super::convert::{index_int, real, to_array, truthy};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::creation::dtype_of;

/// The file-name argument; anything else raises what NumPy's function
/// raises for it.
fn path(b: &Bound, name: &str, func: &str) -> EvalResult<String> {
    match b.req(name) {
        // NumPy's readers look the name up (not found); Python's open() refuses it.
        Value::Str(s) if s.contains('\0') => Err(match func {
            "loadtxt" | "genfromtxt" => {
                EvalError::new(ErrorKind::FileNotFoundError, format!("{s} not found."))
            }
            _ => EvalError::value_error("embedded null byte"),
        }
        .at(&b.span_of(name))),
        Value::Str(s) => Ok(s.to_string()),
        other => {
            let class = format!("<class '{}'>", other.short_type());
            let e = match func {
                "loadtxt" => EvalError::value_error(format!(
                    "fname must be a string, filehandle, list of strings,\nor generator. Got {class} instead."
                )),
                "genfromtxt" => EvalError::type_error(format!(
                    "fname must be a string, a filehandle, a sequence of strings,\nor an iterator of strings. Got {class} instead."
                )),
                "savetxt" => EvalError::value_error("fname must be a string or file handle"),
                _ => EvalError::type_error(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    other.short_type()
                )),
            };
            Err(e.at(&b.span_of(name)))
        }
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

/// A count NumPy's reader checks: negative raises "argument must be
/// nonnegative".
fn count_arg(b: &Bound, name: &str) -> EvalResult<Option<usize>> {
    b.opt(name)
        .map(|v| {
            usize::try_from(index_int(v)?)
                .map_err(|_| EvalError::value_error("argument must be nonnegative"))
        })
        .transpose()
}

fn usecols(b: &Bound) -> EvalResult<Option<Vec<i64>>> {
    b.opt("usecols")
        .map(|v| match v {
            v if let Some(items) = v.seq_items() => items.iter().map(index_int).collect(),
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
    o.skiprows = count_arg(b, "skiprows")?.unwrap_or(0);
    o.usecols = usecols(b)?;
    o.max_rows = count_arg(b, "max_rows")?;
    if let Some(v) = b.opt("ndmin") {
        let k = index_int(v)?;
        o.ndmin = usize::try_from(k).ok().filter(|&d| d <= 2).ok_or_else(|| {
            EvalError::value_error(format!("Illegal value of ndmin keyword: {k}"))
        })?;
    }
    o.unpack = b.opt("unpack").map(truthy).transpose()?.unwrap_or(false);
    if let Some(d) = dtype_of(b, "dtype")? {
        o.dtype = d;
    }
    let l = io::loadtxt(path(b, "fname", "loadtxt")?, &o)?;
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
    // `range(skip_header)` in NumPy: a negative count skips nothing.
    o.skip_header = match b.opt("skip_header") {
        Some(v) => usize::try_from(index_int(v)?).unwrap_or(0),
        None => 0,
    };
    o.usecols = usecols(b)?;
    if let Some(v) = b.opt("filling_values") {
        o.filling_values = real(v)?;
    }
    let l = io::genfromtxt(path(b, "fname", "genfromtxt")?, &o)?;
    Ok(loaded(s, l))
}

/// Scripts replayed by `gradlab run` (and `-c`, stdin, `export`) may not
/// write unless given `--allow-write`; the REPL may.
/// The array argument, shared rather than copied (a 10^7-element save
/// should not pay for a copy).
fn array_arg(b: &Bound, name: &str) -> EvalResult<Rc<Array>> {
    match b.req(name) {
        Value::Array(a) => Ok(Rc::clone(a)),
        other => b.at(name, to_array(other)).map(Rc::new),
    }
}

/// The PermissionError of a write a script may not make: `call` (e.g.
/// `np.savetxt`, `plt.savefig`, `df.to_csv`) names the function.
pub(super) fn check_write(s: &Session, call: &str, path: &str) -> EvalResult<()> {
    if s.allow_write {
        return Ok(());
    }
    Err(EvalError::new(
        ErrorKind::PermissionError,
        format!(
            "{call}() may not write {}: scripts write files only with --allow-write \
             (gradlab run SCRIPT --allow-write)",
            crate::format::py_repr_str(path)
        ),
    ))
}

pub fn savetxt(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let file = path(b, "fname", "savetxt")?;
    check_write(s, "np.savetxt", &file)?;
    let a = array_arg(b, "X")?;
    let mut o = SaveTxtOptions::default();
    match b.get("fmt") {
        None => {}
        Some(Value::Str(f)) => o.fmt = SaveFmt::One(f.to_string()),
        Some(v) if let Some(items) = v.seq_items() => {
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
    io::savetxt(file, &a, &o)?;
    Ok(Value::None)
}

pub fn load(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let l = io::load_npy_with_warnings(path(b, "file", "load")?)?;
    Ok(loaded(s, l))
}

pub fn save(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let file = path(b, "file", "save")?;
    check_write(s, "np.save", &file)?;
    let a = array_arg(b, "arr")?;
    io::save_npy(file, &a)?;
    Ok(Value::None)
}
