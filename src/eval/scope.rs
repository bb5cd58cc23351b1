//! Python's scopes at run time: a function call's (or comprehension's)
//! variables, chained to the scopes around it for closures. Which names a
//! function owns comes from the parser's symbol table
//! ([`crate::syntax::ast::Scope`]).

use std::cell::RefCell;
use std::rc::Rc;

use crate::syntax::ast::FuncDef;

use super::value::Value;

/// The variables of one function call or comprehension.
#[derive(Debug)]
pub struct Env {
    pub vars: RefCell<super::fast_hash::FastMap<String, Value>>,
    /// The function whose call this is (`None` for a comprehension).
    pub func: Option<Rc<FuncDef>>,
    /// The scope the function was defined in (its closure).
    pub parent: Option<Rc<Env>>,
}

/// Where a name lives for a reading or writing statement.
pub enum Place {
    /// In this scope or an enclosing function's.
    Local(Rc<Env>),
    /// A local of the current function that has no value yet.
    Unbound,
    /// Module level (the session's variables), then builtins.
    Global,
}

impl Env {
    pub fn new(func: Option<Rc<FuncDef>>, parent: Option<Rc<Env>>) -> Rc<Env> {
        Rc::new(Env {
            vars: RefCell::new(Default::default()),
            func,
            parent,
        })
    }

    fn declares_global(&self, name: &str) -> bool {
        self.func
            .as_ref()
            .is_some_and(|f| f.scope.globals.contains(name))
    }

    fn owns(&self, name: &str) -> bool {
        match &self.func {
            Some(f) => f.scope.locals.contains(name),
            None => self.vars.borrow().contains_key(name),
        }
    }

    /// Where reading `name` looks, from scope `env`.
    pub fn find(env: &Rc<Env>, name: &str) -> Place {
        let mut cur = Some(env.clone());
        let mut first = true;
        while let Some(e) = cur {
            if e.declares_global(name) {
                return Place::Global;
            }
            if e.vars.borrow().contains_key(name) {
                return Place::Local(e);
            }
            if first && e.func.is_some() && e.owns(name) {
                return Place::Unbound;
            }
            first = false;
            cur = e.parent.clone();
        }
        Place::Global
    }

    /// Where assigning `name` from scope `env` binds it: the function's
    /// own variables, an enclosing function's for `nonlocal`, or the
    /// module's for `global`.
    pub fn target(env: &Rc<Env>, name: &str) -> Place {
        let Some(f) = &env.func else {
            return Place::Local(env.clone());
        };
        if f.scope.globals.contains(name) {
            return Place::Global;
        }
        if f.scope.nonlocals.contains(name) {
            let mut cur = env.parent.clone();
            while let Some(e) = cur {
                if e.owns(name) || e.vars.borrow().contains_key(name) {
                    return Place::Local(e);
                }
                cur = e.parent.clone();
            }
        }
        Place::Local(env.clone())
    }
}
