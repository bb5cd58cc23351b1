//! What the editing aids know about the session: each user variable's kind,
//! taken once before every prompt so completion and hints stay instant.

use crate::eval::{Module, Session, Value, builtins};

/// The kind of a variable, as far as completion cares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An array or NumPy scalar: has array attributes and methods.
    Array,
    Module(Module),
    /// A user function, with its signature for hints.
    Function(String),
    Other,
}

/// The session's names at the time of the prompt.
#[derive(Clone, Debug, Default)]
pub struct Names {
    vars: Vec<(String, Kind)>,
}

impl Names {
    /// A snapshot of `session`'s variables.
    pub fn from_session(session: &Session) -> Names {
        let vars = session
            .variables()
            .into_iter()
            .map(|(name, v)| (name.to_string(), kind_of(v)))
            .collect();
        Names { vars }
    }

    /// Names from a list, for tests.
    pub fn with(vars: &[(&str, Kind)]) -> Names {
        Names {
            vars: vars
                .iter()
                .map(|(n, k)| (n.to_string(), k.clone()))
                .collect(),
        }
    }

    /// The kind of a user variable.
    pub fn kind(&self, name: &str) -> Option<&Kind> {
        self.vars.iter().find(|(n, _)| n == name).map(|(_, k)| k)
    }

    /// User variable names, sorted.
    pub fn variables(&self) -> impl Iterator<Item = &str> {
        self.vars.iter().map(|(n, _)| n.as_str())
    }

    /// The module a name refers to: a user binding (`import numdifftools as
    /// nd`), else `np`/`numpy`, which every session has.
    pub fn module(&self, name: &str) -> Option<Module> {
        if let Some((base, attr)) = name.rsplit_once('.') {
            // A submodule such as `np.random`.
            return match builtins::module_attr(self.module(base)?, attr) {
                Some(Value::Module(m)) => Some(m),
                _ => None,
            };
        }
        match self.kind(name) {
            Some(Kind::Module(m)) => Some(*m),
            Some(_) => None,
            None => matches!(name, "np" | "numpy").then_some(Module::Numpy),
        }
    }

    /// Whether `name` resolves to a builtin (not shadowed by a variable).
    pub fn is_builtin(&self, name: &str) -> bool {
        self.kind(name).is_none() && builtins::global_names().any(|n| n == name)
    }

    /// The signature shown for a call of `callee` (`np.gradient`, `f`,
    /// `nd.Derivative`): a builtin's from the table, a user function's from
    /// its definition. None for methods and unknown names.
    pub fn signature(&self, callee: &str) -> Option<String> {
        let (base, name) = match callee.rsplit_once('.') {
            Some((base, name)) => (Some(base), name),
            None => (None, callee),
        };
        match base {
            Some(base) => {
                builtins::module_member(self.module(base)?, name).map(|b| b.sig.to_string())
            }
            None => match self.kind(name) {
                Some(Kind::Function(sig)) => Some(sig.clone()),
                Some(_) => None,
                None => builtins::lookup(name)
                    .filter(|_| self.is_builtin(name))
                    .map(|b| b.sig.to_string()),
            },
        }
    }
}

fn kind_of(v: &Value) -> Kind {
    match v {
        Value::Array(_) | Value::Scalar(_) => Kind::Array,
        Value::Module(m) => Kind::Module(*m),
        Value::Builtin(b) => Kind::Function(b.sig.to_string()),
        Value::Function(f) => {
            let params: Vec<String> = f
                .params
                .iter()
                .map(|p| match &p.default {
                    Some(d) => format!(
                        "{}={}",
                        p.name.name,
                        f.source.get(d.span.clone()).unwrap_or("...")
                    ),
                    None => p.name.name.clone(),
                })
                .collect();
            Kind::Function(format!("{}({})", f.name, params.join(", ")))
        }
        _ => Kind::Other,
    }
}
