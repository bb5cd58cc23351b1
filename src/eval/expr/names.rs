//! Names and attributes: looking a name up (with Python's "Did you
//! mean" suggestion), module members, and attributes of values.

use std::rc::Rc;

use crate::eval::ErrorKind;
use crate::eval::builtins;
use crate::eval::error::{EvalError, EvalResult};
use crate::eval::scope::{Env, Place};
use crate::eval::session::Session;
use crate::eval::value::{Module, Value};

use super::Frame;

impl Session {
    /// Resolves a bare name: locals, globals, IPython history, builtins.
    pub(in crate::eval) fn lookup(&self, name: &str, frame: &Frame) -> EvalResult<Value> {
        if let Some(env) = &frame.env {
            match Env::find(env, name) {
                Place::Local(e) => {
                    if let Some(v) = e.vars.borrow().get(name) {
                        return Ok(v.clone());
                    }
                }
                Place::Unbound => {
                    return Err(EvalError::new(
                        ErrorKind::UnboundLocalError,
                        format!(
                            "cannot access local variable '{name}' where it is not associated with a value"
                        ),
                    ));
                }
                Place::Global => {}
            }
        }
        if let Some(v) = self.globals.get(name) {
            return Ok(v.clone());
        }
        if let Some(v) = self.history_name(name) {
            return Ok(v);
        }
        if let Some(v) = builtins::global_name(name) {
            return Ok(v);
        }
        if let Some(k) = ErrorKind::from_name(name)
            .filter(|k| k.is_a(ErrorKind::Exception) || *k == ErrorKind::KeyboardInterrupt)
        {
            return Ok(Value::ExcType(k));
        }
        Err(name_error(name, self.known_names(frame)))
    }

    fn known_names(&self, frame: &Frame) -> Vec<String> {
        let mut names: Vec<String> = self.globals.keys().cloned().collect();
        let mut env = frame.env.clone();
        while let Some(e) = env {
            names.extend(e.vars.borrow().keys().cloned());
            env = e.parent.clone();
        }
        names.extend(builtins::global_names().map(str::to_string));
        names
    }

    /// `module.name`.
    pub(in crate::eval) fn module_attr(&self, m: Module, name: &str) -> EvalResult<Value> {
        // Unknown pyplot and pandas calls name themselves and what is
        // supported: the libraries are large, gradlab covers a part.
        match m {
            Module::Pyplot => return builtins::pyplot::module_attr(name),
            Module::Pandas if builtins::module_attr(m, name).is_none() => {
                return Err(EvalError::new(
                    ErrorKind::NotImplementedError,
                    format!(
                        "pd.{name} is not supported by gradlab; supported: {}",
                        builtins::module_names(m).collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
            _ => {}
        }
        builtins::module_attr(m, name).ok_or_else(|| {
            // A dtype NumPy has and gradlab lacks says so (looked for only
            // when the name is not found: `np.<name>` is on every call's path).
            if m == Module::Numpy
                && let Some(err) = builtins::dtypes::unsupported_dtype(name, false)
            {
                return err;
            }
            if let Some(msg) = (m == Module::Numpy)
                .then(|| builtins::removed_message(name))
                .flatten()
            {
                return EvalError::new(ErrorKind::AttributeError, msg);
            }
            let mut err = EvalError::new(
                ErrorKind::AttributeError,
                format!("module '{}' has no attribute '{name}'", m.name()),
            );
            if let Some(best) = closest(name, builtins::module_names(m).map(str::to_string)) {
                err.message.push_str(&format!(". Did you mean: '{best}'?"));
            }
            err
        })
    }

    /// `value.name`.
    pub(in crate::eval) fn attr(&self, o: &Value, name: &str) -> EvalResult<Value> {
        match o {
            Value::Module(m) => self.module_attr(*m, name),
            Value::Array(_) | Value::Scalar(_) => crate::eval::methods::array_attr(o, name),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) if matches!(name, "real" | "imag") => {
                builtins::complex_parts::python_number_part(o, name).ok_or_else(|| no_attr(o, name))
            }
            Value::Complex(z) => match name {
                "real" => Ok(Value::Float(z.re)),
                "imag" => Ok(Value::Float(z.im)),
                "conjugate" => Ok(Value::Method(Rc::new((o.clone(), "conjugate")))),
                _ => Err(no_attr(o, name)),
            },
            Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_) => {
                let name: &'static str = PY_METHODS
                    .iter()
                    .find(|m| **m == name)
                    .ok_or_else(|| no_attr(o, name))?;
                Ok(Value::Method(Rc::new((o.clone(), name))))
            }
            Value::Exception(e) if name == "args" => {
                Ok(Value::tuple(vec![Value::str(e.message.as_str())]))
            }
            Value::Named(t) => t.get(name).cloned().ok_or_else(|| no_attr(o, name)),
            Value::NumInfo(i) => i.attr(name).ok_or_else(|| no_attr(o, name)),
            Value::DTypeObj(d) => dtype_attr(*d, name).ok_or_else(|| no_attr(o, name)),
            Value::Random(r) => builtins::random::attr(o, r, name),
            Value::DataFrame(_) | Value::Series(_) | Value::PdIndex(_) => {
                builtins::pandas::attr(o, name)
            }
            Value::Axes(_) | Value::Figure(_) => builtins::pyplot::attr(o, name),
            Value::Artist(h) => builtins::pyplot::artists::attr(o, h, name),
            Value::Poly1d(p) => builtins::poly1d::attr(o, p, name),
            _ if name == "__name__" => crate::eval::pyobj::short_class_name(o)
                .map(Value::str)
                .ok_or_else(|| no_attr(o, name)),
            Value::Numdiff(_) | Value::View(_) => Err(no_attr(o, name)),
            _ => Err(no_attr(o, name)),
        }
    }
}

/// `dtype.name` of a dtype object (`a.dtype.itemsize`).
fn dtype_attr(d: crate::array::DType, name: &str) -> Option<Value> {
    Some(match name {
        "name" => Value::str(d.name()),
        "kind" => Value::str(d.kind().char().to_string()),
        "char" => Value::str(d.char().to_string()),
        "str" => Value::str(d.str_code()),
        "itemsize" => Value::Int(d.itemsize() as i64),
        "type" => Value::DType(d),
        "ndim" => Value::Int(0),
        "shape" => Value::tuple(Vec::new()),
        _ => return None,
    })
}

/// Method names of Python's str, list, tuple, dict and set.
const PY_METHODS: &[&str] = &[
    "upper",
    "lower",
    "title",
    "capitalize",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "splitlines",
    "join",
    "replace",
    "startswith",
    "endswith",
    "find",
    "index",
    "count",
    "ljust",
    "rjust",
    "center",
    "zfill",
    "isdigit",
    "isalpha",
    "isspace",
    "format",
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "clear",
    "sort",
    "reverse",
    "copy",
    "get",
    "keys",
    "values",
    "items",
    "update",
    "setdefault",
    "popitem",
    "add",
    "discard",
];

fn no_attr(o: &Value, name: &str) -> EvalError {
    EvalError::new(
        ErrorKind::AttributeError,
        format!("'{}' object has no attribute '{name}'", o.type_name()),
    )
}

/// Python's NameError, with "Did you mean" when a close name exists.
fn name_error(name: &str, known: Vec<String>) -> EvalError {
    let mut msg = format!("name '{name}' is not defined");
    if let Some(best) = closest(name, known.into_iter()) {
        msg.push_str(&format!(". Did you mean: '{best}'?"));
    }
    EvalError::new(ErrorKind::NameError, msg)
}

/// The closest candidate, as Python's "Did you mean" picks it: edit
/// distance with moves costing 2 and case-only changes 1, accepted up to
/// `(len(a) + len(b) + 3) * 2 // 6`.
pub fn closest(name: &str, candidates: impl Iterator<Item = String>) -> Option<String> {
    candidates
        .filter(|c| c != name)
        .filter_map(|c| {
            let max = (name.len() + c.len() + 3) * 2 / 6;
            let d = python_distance(name, &c);
            (d <= max).then_some((d, c))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)))
        .map(|(_, c)| c)
}

fn python_distance(a: &str, b: &str) -> usize {
    const MOVE: usize = 2;
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j * MOVE).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![(i + 1) * MOVE; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let sub = if ca == cb {
                0
            } else if ca.eq_ignore_ascii_case(&cb) {
                1
            } else {
                MOVE
            };
            cur[j + 1] = (prev[j + 1] + MOVE).min(cur[j] + MOVE).min(prev[j] + sub);
        }
        prev = cur;
    }
    prev[b.len()]
}
