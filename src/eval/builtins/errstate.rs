//! NumPy's floating-point error handling: `np.seterr`, `np.geterr` and
//! the `np.errstate` context manager (the state itself lives in
//! [`crate::eval::warnings`]).

use std::cell::RefCell;
use std::rc::Rc;

use super::super::args::Bound;
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::{ContextManager, Value};
use super::super::warnings::{self, ErrState, Mode};
use super::{Builtin, Home};

builtins! { ERRSTATE;
    "seterr", Numpy, seterr, "seterr(all=None, divide=None, over=None, under=None, invalid=None)",
        "Set how floating-point errors are handled ('ignore', 'warn', 'raise', 'print'); returns the old settings.",
        "np.seterr(divide='ignore')";
    "geterr", Numpy, geterr, "geterr()",
        "How floating-point errors are handled now (divide, over, under, invalid).",
        "np.geterr()";
    "errstate", Numpy, errstate, "errstate(*, all=None, divide=None, over=None, under=None, invalid=None)",
        "A with-block context that handles floating-point errors as given, then restores the settings.",
        "np.errstate(divide='ignore')";
}

const KEYS: [&str; 5] = ["all", "divide", "over", "under", "invalid"];

/// NumPy's mode from an argument (`ValueError: invalid error mode 'x'`).
fn mode_of(v: &Value) -> EvalResult<Mode> {
    let mode = match v {
        Value::Str(s) => Mode::parse(s).ok(),
        _ => None,
    };
    mode.ok_or_else(|| {
        EvalError::value_error(format!(
            "invalid error mode {}",
            v.repr(&crate::format::PrintOptions::default())
        ))
    })
}

/// `state` updated by the `(key, value)` arguments: `all` first, then the
/// named kinds; `None` values leave a kind as it is.
fn updated(mut state: ErrState, args: &[(&'static str, Value)]) -> EvalResult<ErrState> {
    for key in KEYS {
        let Some((_, v)) = args.iter().find(|(k, _)| *k == key) else {
            continue;
        };
        if matches!(v, Value::None) {
            continue;
        }
        let mode = mode_of(v)?;
        if mode == Mode::Call || mode == Mode::Log {
            return Err(EvalError::new(
                crate::eval::ErrorKind::NotImplementedError,
                format!(
                    "gradlab does not support np.seterrcall, so error mode '{}' is not available",
                    mode.name()
                ),
            ));
        }
        if key == "all" {
            state = ErrState {
                divide: mode,
                over: mode,
                under: mode,
                invalid: mode,
            };
        } else if let Some(slot) = state.slot(key) {
            *slot = mode;
        }
    }
    Ok(state)
}

fn args_of(b: &Bound) -> Vec<(&'static str, Value)> {
    KEYS.iter()
        .filter_map(|&k| b.get(k).map(|v| (k, v.clone())))
        .collect()
}

/// `np.geterr()`'s dict.
fn state_dict(s: ErrState) -> Value {
    let items = s
        .entries()
        .iter()
        .map(|(k, m)| (Value::str(*k), Value::str(m.name())))
        .collect();
    Value::dict(items)
}

pub fn seterr(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let new = updated(warnings::state(), &args_of(b))?;
    Ok(state_dict(warnings::set_state(new)))
}

pub fn geterr(_: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    Ok(state_dict(warnings::state()))
}

/// `with np.errstate(...)`: the new modes inside the block, the old ones
/// restored after it (also when it raised). Bad modes are found on entry,
/// as NumPy finds them.
#[derive(Debug)]
struct ErrStateContext {
    args: Vec<(&'static str, Value)>,
    saved: RefCell<Vec<ErrState>>,
}

impl ContextManager for ErrStateContext {
    fn name(&self) -> String {
        "<numpy.errstate object>".into()
    }

    fn enter(&self, _: &mut Session) -> EvalResult<Value> {
        let new = updated(warnings::state(), &self.args)?;
        self.saved.borrow_mut().push(warnings::set_state(new));
        Ok(Value::None)
    }

    fn exit(&self, _: &mut Session, _: Option<&EvalError>) -> EvalResult<bool> {
        if let Some(old) = self.saved.borrow_mut().pop() {
            warnings::set_state(old);
        }
        Ok(false)
    }
}

pub fn errstate(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    Ok(Value::Context(Rc::new(ErrStateContext {
        args: args_of(b),
        saved: RefCell::new(Vec::new()),
    })))
}
