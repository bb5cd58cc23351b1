//! User functions: `def` and `lambda` values, Python's argument binding
//! (defaults, keywords, `*args`, `**kwargs`), call frames with Python's
//! recursion limit, and comprehensions (which run in their own scope).

use std::rc::Rc;

use crate::syntax::ast::{CompKind, Comprehension, FuncDef, ParamKind};

use super::ErrorKind;
use super::args::CallArgs;
use super::error::{EvalError, EvalResult};
use super::exec::Flow;
use super::expr::Frame;
use super::scope::Env;
use super::session::Session;
use super::value::{UserFn, Value};

/// Python's default `sys.getrecursionlimit()`; the module's own frame
/// counts as one, as when Python runs a script.
pub const RECURSION_LIMIT: usize = 1000;

/// Stack kept free before a call grows a new segment.
const RED_ZONE: usize = 512 * 1024;
const STACK_SEGMENT: usize = 8 * 1024 * 1024;

impl Session {
    /// A function value for `def` or `lambda`, its defaults evaluated now.
    pub(super) fn make_function(&mut self, f: &Rc<FuncDef>, frame: &Frame) -> EvalResult<Value> {
        let mut defaults = Vec::with_capacity(f.params.len());
        for p in &f.params {
            defaults.push(match &p.default {
                Some(d) => Some(self.eval(d, frame)?),
                None => None,
            });
        }
        Ok(Value::Function(Rc::new(UserFn {
            name: f.name.name.clone(),
            params: f.params.clone(),
            defaults,
            def: f.clone(),
            source: frame.src.clone(),
            closure: frame.env.clone(),
        })))
    }

    /// Calls a user function with Python's argument binding.
    pub(super) fn call_user(&mut self, f: &Rc<UserFn>, call: CallArgs) -> EvalResult<Value> {
        let span = call.span.clone();
        let env = Env::new(Some(f.def.clone()), f.closure.clone());
        bind(f, call, &env, self).map_err(|e| e.at(&span))?;
        if self.frames + 1 >= RECURSION_LIMIT {
            return Err(EvalError::new(
                ErrorKind::RecursionError,
                "maximum recursion depth exceeded",
            )
            .at(&span));
        }
        self.frames += 1;
        let frame = Frame {
            src: &f.source,
            env: Some(env),
        };
        let body = f.def.clone();
        let r = stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
            self.exec_block(&body.body, &frame)
        });
        self.frames -= 1;
        // Errors inside the body point at the call site, whose text we show.
        match r {
            Ok(Flow::Return(v)) => Ok(v),
            Ok(_) => Ok(Value::None),
            Err(mut err) => {
                err.span = Some(span);
                Err(err)
            }
        }
    }

    /// A list, set or dict comprehension or a generator expression
    /// (evaluated at once, as a list).
    pub(super) fn comprehension(&mut self, c: &Comprehension, frame: &Frame) -> EvalResult<Value> {
        let first = self.eval(&c.clauses[0].iter, frame)?;
        let env = Env::new(None, frame.env.clone());
        let inner = Frame {
            src: frame.src,
            env: Some(env),
        };
        let mut out = Vec::new();
        self.comp_clause(c, 0, Some(first), &inner, &mut out)?;
        Ok(match c.kind {
            CompKind::List | CompKind::Generator => Value::list(out),
            CompKind::Set => super::pyseq::set_from(out)?,
            CompKind::Dict => {
                let mut pairs = Vec::with_capacity(out.len() / 2);
                let mut it = out.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    pairs.push((k, v));
                }
                super::pyseq::dict_from(pairs)?
            }
        })
    }

    fn comp_clause(
        &mut self,
        c: &Comprehension,
        k: usize,
        first: Option<Value>,
        frame: &Frame,
        out: &mut Vec<Value>,
    ) -> EvalResult<()> {
        let Some(clause) = c.clauses.get(k) else {
            out.push(self.eval(&c.elt, frame)?);
            if let Some(v) = &c.value {
                out.push(self.eval(v, frame)?);
            }
            return Ok(());
        };
        let seq = match first {
            Some(v) => v,
            None => self.eval(&clause.iter, frame)?,
        };
        let items = super::iter::iterate(&seq).map_err(|e| e.at(&clause.iter.span))?;
        'items: for item in items {
            crate::engine::limits::check_interrupt().map_err(EvalError::from)?;
            let mut binds = Vec::new();
            self.plan_assign(&clause.target, item, frame, &mut binds)?;
            self.commit(binds, frame);
            for cond in &clause.ifs {
                let v = self.eval(cond, frame)?;
                if !super::convert::truthy(&v).map_err(|e| e.at(&cond.span))? {
                    continue 'items;
                }
            }
            self.comp_clause(c, k + 1, None, frame, out)?;
        }
        Ok(())
    }
}

/// Binds a call's arguments to `f`'s parameters in `env`.
fn bind(f: &UserFn, call: CallArgs, env: &Rc<Env>, s: &Session) -> EvalResult<()> {
    let name = &f.name;
    let mut vars = env.vars.borrow_mut();
    let positional: Vec<usize> = (0..f.params.len())
        .filter(|&i| f.params[i].kind == ParamKind::Normal)
        .collect();
    let varargs = f.params.iter().position(|p| p.kind == ParamKind::VarArgs);
    let varkw = f.params.iter().position(|p| p.kind == ParamKind::VarKw);
    let mut extra = Vec::new();
    let given = call.pos.len();
    for (k, v) in call.pos.into_iter().enumerate() {
        match positional.get(k) {
            Some(&i) => {
                vars.insert(f.params[i].name.name.clone(), v);
            }
            None if varargs.is_some() => extra.push(v),
            None => {
                let n = positional.len();
                let required = positional
                    .iter()
                    .filter(|&&i| f.defaults[i].is_none())
                    .count();
                let takes = if required == n {
                    format!("{n} positional argument{}", if n == 1 { "" } else { "s" })
                } else {
                    format!("from {required} to {n} positional arguments")
                };
                let was = if given == 1 { "was" } else { "were" };
                return Err(EvalError::type_error(format!(
                    "{name}() takes {takes} but {given} {was} given"
                )));
            }
        }
    }
    if let Some(i) = varargs {
        vars.insert(f.params[i].name.name.clone(), Value::tuple(extra));
    }
    let mut extra_kw = Vec::new();
    for (k, v) in call.kw {
        let p = f
            .params
            .iter()
            .find(|p| p.name.name == k && matches!(p.kind, ParamKind::Normal | ParamKind::KwOnly));
        match p {
            Some(_) if vars.contains_key(&k) => {
                return Err(EvalError::type_error(format!(
                    "{name}() got multiple values for argument '{k}'"
                )));
            }
            Some(_) => {
                vars.insert(k, v);
            }
            None if varkw.is_some() => extra_kw.push((Value::str(k.as_str()), v)),
            None => {
                return Err(EvalError::type_error(format!(
                    "{name}() got an unexpected keyword argument '{k}'"
                )));
            }
        }
    }
    if let Some(i) = varkw {
        vars.insert(f.params[i].name.name.clone(), Value::dict(extra_kw));
    }
    let mut missing = Vec::new();
    let mut missing_kw = Vec::new();
    for (p, d) in f.params.iter().zip(&f.defaults) {
        if matches!(p.kind, ParamKind::VarArgs | ParamKind::VarKw)
            || vars.contains_key(&p.name.name)
        {
            continue;
        }
        match d {
            Some(d) => {
                vars.insert(p.name.name.clone(), d.clone());
            }
            None if p.kind == ParamKind::KwOnly => missing_kw.push(format!("'{}'", p.name.name)),
            None => missing.push(format!("'{}'", p.name.name)),
        }
    }
    let _ = s;
    for (names, kind) in [(missing, "positional"), (missing_kw, "keyword-only")] {
        if names.is_empty() {
            continue;
        }
        let list = match names.len() {
            1 => names[0].clone(),
            2 => format!("{} and {}", names[0], names[1]),
            n => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
        };
        return Err(EvalError::type_error(format!(
            "{name}() missing {} required {kind} argument{}: {list}",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}
