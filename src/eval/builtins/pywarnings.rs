//! Python's `warnings` module as notebooks use it: `import warnings`,
//! `warnings.filterwarnings("ignore")`, `warnings.simplefilter(...)`,
//! `with warnings.catch_warnings(): ...`, `warnings.warn(...)`,
//! `warnings.resetwarnings()`. The filters themselves are
//! `eval::warnings::filters`.

use std::cell::RefCell;
use std::rc::Rc;

use super::super::args::Bound;
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::{ContextManager, Value};
use super::super::warnings::{self, Action, Filter, WarningKind};
use super::{Builtin, Home};

builtins! { PYWARNINGS;
    "warnings.filterwarnings", Warnings, filterwarnings,
        "filterwarnings(action, message='', category=Warning, module='', lineno=0, append=False)",
        "Add a filter: action 'ignore', 'error', 'always', 'default', 'once' or 'module' for warnings whose text starts with message (a regular expression) and whose class is category.",
        "warnings.filterwarnings('ignore', category=RuntimeWarning)";
    "warnings.simplefilter", Warnings, simplefilter,
        "simplefilter(action, category=Warning, lineno=0, append=False)",
        "Add a filter for every warning of a class (all warnings by default).",
        "warnings.simplefilter('ignore')";
    "warnings.resetwarnings", Warnings, resetwarnings, "resetwarnings()",
        "Remove every filter (each warning then shows once per line).",
        "warnings.resetwarnings()";
    "warnings.catch_warnings", Warnings, catch_warnings, "catch_warnings(*, record=False)",
        "A context manager: filters changed inside the with block are restored after it.",
        "warnings.catch_warnings()";
    "warnings.warn", Warnings, warn, "warn(message, category=None, stacklevel=1)",
        "Emit a warning (UserWarning by default) through the filters.",
        "warnings.warn('check the step size')";
}

/// `warnings.<name>`: the row `warnings.<name>`.
pub fn member(name: &str) -> Option<&'static Builtin> {
    PYWARNINGS
        .iter()
        .find(|b| b.name.strip_prefix("warnings.") == Some(name))
}

/// `warnings.<name>` as a value.
pub fn attr(name: &str) -> Option<Value> {
    member(name).map(Value::Builtin)
}

/// Every `warnings` name.
pub fn names() -> impl Iterator<Item = &'static str> {
    PYWARNINGS
        .iter()
        .filter_map(|b| b.name.strip_prefix("warnings."))
}

fn action(b: &Bound) -> EvalResult<Action> {
    match b.req("action") {
        Value::Str(s) => b.at("action", Action::parse(s)),
        other => Err(EvalError::new(
            ErrorKind::AssertionError,
            format!("invalid action: {}", other.repr(&Default::default())),
        )),
    }
}

/// A class argument (`category=`): `filterwarnings` asserts it is a
/// `Warning` subclass, `simplefilter` takes any class (one that is not a
/// warning matches nothing).
fn category(b: &Bound, warning_only: bool) -> EvalResult<ErrorKind> {
    let assertion = |m: &str| EvalError::new(ErrorKind::AssertionError, m);
    match b.get("category") {
        None => Ok(ErrorKind::Warning),
        Some(Value::ExcType(k)) if !warning_only || k.is_a(ErrorKind::Warning) => Ok(*k),
        Some(Value::ExcType(_)) => Err(assertion("category must be a Warning subclass")),
        Some(_) if warning_only => Err(assertion("category must be a class")),
        Some(other) => Err(EvalError::type_error(format!(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union, not {}",
            other.short_type()
        ))),
    }
}

fn text(b: &Bound, name: &str) -> EvalResult<Option<String>> {
    match b.get(name) {
        None => Ok(None),
        Some(Value::Str(s)) if s.is_empty() => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.to_string())),
        Some(_) => Err(EvalError::type_error(format!("{name} must be a string"))),
    }
}

fn lineno(b: &Bound) -> EvalResult<()> {
    match b.get("lineno") {
        None | Some(Value::Int(0)) => Ok(()),
        Some(Value::Int(n)) if *n > 0 => Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab's warnings filters match every line (lineno=0)",
        )),
        Some(_) => Err(EvalError::value_error("lineno must be an int >= 0")),
    }
}

fn append(b: &Bound) -> EvalResult<bool> {
    b.get("append")
        .map(super::super::convert::truthy)
        .transpose()
        .map(|v| v.unwrap_or(false))
}

pub fn filterwarnings(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let filter = Filter {
        action: action(b)?,
        message: text(b, "message")?,
        category: category(b, true)?,
        module: text(b, "module")?,
    };
    lineno(b)?;
    warnings::add_filter(filter, append(b)?);
    Ok(Value::None)
}

pub fn simplefilter(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let filter = Filter {
        action: action(b)?,
        message: None,
        category: category(b, false)?,
        module: None,
    };
    lineno(b)?;
    warnings::add_filter(filter, append(b)?);
    Ok(Value::None)
}

pub fn resetwarnings(_: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    warnings::reset_filters();
    Ok(Value::None)
}

/// `with warnings.catch_warnings():` saves the filters on entry and puts
/// them back on exit (also when the block raised).
#[derive(Debug)]
struct CatchWarnings {
    saved: RefCell<Vec<Vec<Filter>>>,
}

impl ContextManager for CatchWarnings {
    fn name(&self) -> String {
        "catch_warnings()".into()
    }

    fn enter(&self, _: &mut Session) -> EvalResult<Value> {
        self.saved.borrow_mut().push(warnings::filters_snapshot());
        Ok(Value::None)
    }

    fn exit(&self, _: &mut Session, _: Option<&EvalError>) -> EvalResult<bool> {
        if let Some(old) = self.saved.borrow_mut().pop() {
            warnings::restore_filters(old);
        }
        Ok(false)
    }
}

pub fn catch_warnings(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    if b.get("record")
        .map(super::super::convert::truthy)
        .transpose()?
        .unwrap_or(false)
    {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab's catch_warnings cannot record warnings (record=True); they are shown",
        ));
    }
    Ok(Value::Context(Rc::new(CatchWarnings {
        saved: RefCell::new(Vec::new()),
    })))
}

pub fn warn(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let kind = match b.get("category") {
        None | Some(Value::None) => WarningKind::UserWarning,
        Some(Value::ExcType(k)) => match warning_kind(*k) {
            Some(kind) => kind,
            None if k.is_a(ErrorKind::Warning) => {
                return Err(EvalError::new(
                    ErrorKind::NotImplementedError,
                    format!("gradlab's warnings.warn does not emit {} yet", k.name()),
                ));
            }
            None => {
                return Err(EvalError::type_error(format!(
                    "category must be a Warning subclass, not '{}'",
                    "type"
                )));
            }
        },
        Some(other) => {
            return Err(EvalError::type_error(format!(
                "category must be a Warning subclass, not '{}'",
                other.short_type()
            )));
        }
    };
    let message = s.str(b.req("message"));
    warnings::warn(kind, message, false)?;
    Ok(Value::None)
}

fn warning_kind(k: ErrorKind) -> Option<WarningKind> {
    Some(match k {
        ErrorKind::UserWarning => WarningKind::UserWarning,
        ErrorKind::RuntimeWarning => WarningKind::RuntimeWarning,
        ErrorKind::DeprecationWarning => WarningKind::DeprecationWarning,
        ErrorKind::FutureWarning => WarningKind::FutureWarning,
        _ => return None,
    })
}
