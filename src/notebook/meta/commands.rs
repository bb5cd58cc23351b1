//! The handlers of the small meta commands: help and references,
//! variables, print precision, error display, folders and files.

use std::path::{Path, PathBuf};

use crate::eval::{ErrorKind, EvalError, Event, Session, Value, builtins};

use super::{Call, Host, METAS, MetaResult, XMode};

fn usage(msg: impl Into<String>) -> EvalError {
    EvalError::new(ErrorKind::UsageError, msg)
}

fn stdout(text: String) -> MetaResult {
    Ok(vec![Event::Stdout(text)])
}

pub fn help(_: &mut Session, c: &Call) -> MetaResult {
    stdout(help_text(c.rest))
}

/// `:help [name]`: the table, or one function's signature, doc and example.
pub fn help_text(name: &str) -> String {
    if name.is_empty() {
        let mut out = String::from("gradlab meta commands (IPython's %name works too):\n");
        for m in METAS {
            let head = format!(":{} {}", m.name, m.args);
            out.push_str(&format!("  {head:<26} {}\n", m.help));
        }
        out.push_str("\nType :help NAME for a function, e.g. :help gradient. Functions:\n");
        let names: Vec<&str> = builtins::all()
            .filter(|b| b.name != "Out")
            .map(|b| b.name)
            .collect();
        for line in names.chunks(10) {
            out.push_str(&format!("  {}\n", line.join(" ")));
        }
        return out;
    }
    let bare = name
        .trim_start_matches("np.")
        .trim_start_matches("numpy.")
        .trim_start_matches("nd.");
    if let Some(b) = builtins::lookup(bare) {
        return format!("{}\n    {}\n  Example: {}\n", b.sig, b.doc, b.example);
    }
    if let Some(m) = super::lookup(name.trim_start_matches([':', '%'])) {
        return format!(":{} {}\n    {}\n", m.name, m.args, m.help);
    }
    format!("No help for '{name}'. Try :help for the list.\n")
}

/// `%lsmagic`: the commands as IPython lists its magics.
pub fn lsmagic(_: &mut Session, _: &Call) -> MetaResult {
    let mut line: Vec<String> = Vec::new();
    let mut cell = Vec::new();
    for m in METAS {
        for n in std::iter::once(m.name).chain(m.aliases.iter().copied()) {
            line.push(format!("%{n}"));
        }
        if matches!(m.name, "timeit" | "time") {
            cell.push(format!("%%{}", m.name));
        }
    }
    stdout(format!(
        "Available line magics:\n{}\n\nAvailable cell magics:\n{}\n\n\
         Every magic also works with ':' (:timeit). Shell commands (!cmd) are not run.\n",
        line.join("  "),
        cell.join("  ")
    ))
}

/// `%quickref`: one screen about gradlab.
pub fn quickref(_: &mut Session, _: &Call) -> MetaResult {
    let mut out = String::from(
        "gradlab quick reference\n\
         =======================\n\n\
         np.gradient(f, *varargs, axis=None, edge_order=1)   np.diff(a, n=1, axis=-1)\n\
         compare(a)  explain(np.gradient(a))  accuracy(f, a, b, exact=df)\n\
         plot(y)  heatmap(m)  edges(m)  :explore NAME\n\n\
         _, __, ___    the last three outputs       _N, Out[N]   the output of cell N\n\
         _i, _ii, _iii the last three inputs        _iN, In[N]   the input of cell N\n\
         stmt;         runs stmt without showing its value\n\
         exit, quit    leave (Ctrl-D too); Ctrl-C cancels a line or stops a cell\n\n\
         Meta commands (':' or '%'):\n",
    );
    for m in METAS {
        out.push_str(&format!("  %{:<10} {}\n", m.name, m.help));
    }
    stdout(out)
}

pub fn vars(s: &mut Session, _: &Call) -> MetaResult {
    stdout(vars_text(s))
}

fn vars_text(s: &Session) -> String {
    let vars = s.variables();
    if vars.is_empty() {
        return "No variables yet.\n".into();
    }
    let rows: Vec<[String; 4]> = vars
        .iter()
        .map(|(name, v)| {
            let (dtype, shape) = match v {
                Value::Array(a) => (
                    a.dtype().name().to_string(),
                    crate::eval::convert::shape_str(a.shape()),
                ),
                Value::Scalar(sc) => (sc.dtype().name().to_string(), "()".to_string()),
                _ => (String::new(), String::new()),
            };
            [name.to_string(), v.type_name(), dtype, shape]
        })
        .collect();
    let head = ["name", "type", "dtype", "shape"];
    let widths: Vec<usize> = (0..4)
        .map(|k| {
            rows.iter()
                .map(|r| r[k].len())
                .max()
                .unwrap_or(0)
                .max(head[k].len())
        })
        .collect();
    let fmt = |r: [&str; 4]| {
        let cells: Vec<String> = (0..4)
            .map(|k| format!("{:<w$}", r[k], w = widths[k]))
            .collect();
        format!("{}\n", cells.join("  ").trim_end())
    };
    let mut out = fmt(head);
    for r in &rows {
        out.push_str(&fmt([&r[0], &r[1], &r[2], &r[3]]));
    }
    out
}

pub fn reset(s: &mut Session, _: &Call) -> MetaResult {
    s.reset();
    Ok(vec![])
}

/// `%precision [N]`: IPython's magic, which also sets NumPy's print
/// precision; its value is the float format, as IPython shows it.
pub fn precision(s: &mut Session, c: &Call) -> MetaResult {
    let digits = match c.rest {
        "" => None,
        text => Some(parse_precision(text)?),
    };
    s.set_precision(digits);
    let format = digits.map_or("%r".to_string(), |n| format!("%.{n}f"));
    Ok(vec![Event::Value(Value::str(format))])
}

fn parse_precision(text: &str) -> Result<usize, EvalError> {
    match text.parse::<i64>() {
        Ok(n) if n < 0 => Err(EvalError::value_error(format!(
            "int precision must be non-negative, not {n}"
        ))),
        Ok(n) if n > 17 => Err(usage(format!(
            "precision {n} is more digits than a float64 holds (0 to 17)"
        ))),
        Ok(n) => Ok(n as usize),
        Err(_) if text.contains('%') => Err(usage(
            "gradlab's %precision takes a number of digits, not a format string",
        )),
        Err(_) => Err(EvalError::value_error(format!(
            "Precision must be int or format string, not {}",
            crate::format::py_repr_str(text)
        ))),
    }
}

/// `:set precision N`, gradlab's older spelling of `%precision N`.
pub fn set(s: &mut Session, c: &Call) -> MetaResult {
    let mut words = c.rest.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some("precision"), Some(n), None) => {
            s.set_precision(Some(parse_precision(n)?));
            Ok(vec![])
        }
        _ => Err(usage("usage: :set precision N (0 to 17)")),
    }
}

/// `%xmode [mode]`: sets (or, without a mode, cycles) how errors show.
pub fn xmode(h: &mut dyn Host, c: &Call) -> MetaResult {
    let mode = h.xmode();
    *mode = if c.rest.is_empty() {
        let i = XMode::ALL.iter().position(|m| m == mode).unwrap_or(0);
        XMode::ALL[(i + 1) % XMode::ALL.len()]
    } else {
        *XMode::ALL
            .iter()
            .find(|m| m.name().eq_ignore_ascii_case(c.rest))
            .ok_or_else(|| {
                usage(format!(
                    "Unrecognized mode {:?}: use Minimal, Plain, Context or Verbose",
                    c.rest
                ))
            })?
    };
    stdout(format!("Exception reporting mode: {}\n", mode.name()))
}

pub fn pwd(_: &mut Session, _: &Call) -> MetaResult {
    let dir = std::env::current_dir().map_err(|e| os_error(&e, "."))?;
    Ok(vec![Event::Value(Value::str(dir.to_string_lossy()))])
}

/// `%cd [DIR]`: as IPython, prints the new folder (`~` is home).
pub fn cd(_: &mut Session, c: &Call) -> MetaResult {
    let target = match c.rest {
        "" | "~" => home().ok_or_else(|| usage("%cd: HOME is not set"))?,
        t => expand_home(t)?,
    };
    std::env::set_current_dir(&target).map_err(|e| os_error(&e, c.rest))?;
    let now = std::env::current_dir().map_err(|e| os_error(&e, "."))?;
    stdout(format!("{}\n", now.display()))
}

pub fn run(h: &mut dyn Host, c: &Call) -> MetaResult {
    let path = file_arg(c, "usage: :run FILE")?;
    h.replay(&path)
}

/// `%load FILE`: the file's text becomes the next input, to edit and run.
pub fn load(h: &mut dyn Host, c: &Call) -> MetaResult {
    let path = file_arg(c, "usage: %load FILE")?;
    let text = std::fs::read_to_string(&path).map_err(|e| os_error(&e, c.rest))?;
    h.prefill(text.trim_end().to_string());
    Ok(vec![])
}

pub fn save(h: &mut dyn Host, c: &Call) -> MetaResult {
    let mut path = file_arg(c, "usage: :save FILE")?;
    if path.extension().is_none() {
        path.set_extension("grad");
    }
    h.export(&path)
}

pub fn export(h: &mut dyn Host, c: &Call) -> MetaResult {
    let path = file_arg(c, "usage: :export FILE.py|.md|.ipynb")?;
    h.export(&path)
}

/// The file argument: `~` expanded; a NUL byte is Python's
/// `ValueError: embedded null byte`.
fn file_arg(c: &Call, usage_text: &str) -> Result<PathBuf, EvalError> {
    match c.rest {
        "" => Err(usage(usage_text)),
        t => expand_home(t),
    }
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

fn expand_home(text: &str) -> Result<PathBuf, EvalError> {
    if text.contains('\0') {
        return Err(EvalError::value_error("embedded null byte"));
    }
    Ok(match (text.strip_prefix("~/"), home()) {
        (Some(rest), Some(h)) => h.join(rest),
        _ => PathBuf::from(text),
    })
}

/// An OS error as Python words it: `FileNotFoundError: [Errno 2] No such
/// file or directory: 'x'`.
pub fn os_error(e: &std::io::Error, path: impl AsRef<Path>) -> EvalError {
    let kind = match e.kind() {
        std::io::ErrorKind::NotFound => ErrorKind::FileNotFoundError,
        std::io::ErrorKind::PermissionDenied => ErrorKind::PermissionError,
        std::io::ErrorKind::IsADirectory => ErrorKind::IsADirectoryError,
        _ => ErrorKind::OSError,
    };
    let text = e.to_string();
    let reason = text.split(" (os error").next().unwrap_or(&text);
    let path = crate::format::py_repr_str(&path.as_ref().to_string_lossy());
    let message = match e.raw_os_error() {
        Some(code) => format!("[Errno {code}] {reason}: {path}"),
        None => format!("{reason}: {path}"),
    };
    EvalError::new(kind, message)
}
