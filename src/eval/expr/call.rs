//! Calls: arguments evaluated and bound, builtins and Python functions
//! called, `explain(...)` evaluated with its trace.

use std::rc::Rc;

use crate::eval::ErrorKind;
use crate::eval::args::CallArgs;
use crate::eval::builtins::{self, Builtin, Home};
use crate::eval::error::{EvalError, EvalResult};
use crate::eval::session::Session;
use crate::eval::value::Value;
use crate::syntax::ast::*;

use super::{Frame, number_array};

impl Session {
    pub(super) fn eval_call(
        &mut self,
        e: &Expr,
        func: &Expr,
        args: &[Expr],
        kwargs: &[Keyword],
        frame: &Frame,
    ) -> EvalResult<Value> {
        let callee = match &func.kind {
            // `a.sum(...)`: an array's method that is a builtin gets the
            // receiver as its first argument, without a bound method.
            ExprKind::Attr { obj, name } => {
                let o = self.eval(obj, frame)?;
                if matches!(o, Value::Array(_) | Value::Scalar(_))
                    && let Some(b) = crate::eval::methods::builtin_method(&name.name)
                    && crate::eval::args::binds_directly(b.signature(), 1, args, kwargs)
                {
                    return self.call_direct(b, e, Some(o), args, kwargs, frame, false);
                }
                self.attr(&o, &name.name)
                    .map_err(|err| err.at(&name.span))?
            }
            _ => self.eval(func, frame)?,
        };
        if let Value::Builtin(b) = &callee
            && b.name == "explain"
        {
            return self.eval_explain(e, args, kwargs, frame);
        }
        if let Value::Builtin(b) = &callee
            && matches!(b.name, "array" | "asarray")
            && b.home == super::builtins::Home::Numpy
            && kwargs.is_empty()
            && let [arg] = args
            && let ExprKind::Numbers(ns) = &arg.kind
        {
            // Pasted data: the numbers go straight into the array buffer,
            // without a Python list in between (what the list would give).
            return Ok(Value::array(number_array(ns)?));
        }
        let bare = matches!(func.kind, ExprKind::Name(_));
        if let Value::Builtin(b) = &callee
            && b.name != "dict"
            && !(bare && builtins::python_call(b).is_some())
            && crate::eval::args::binds_directly(b.signature(), 0, args, kwargs)
        {
            return self.call_direct(b, e, None, args, kwargs, frame, bare);
        }
        let mut call = self.eval_args(e, args, kwargs, frame)?;
        if let Value::Builtin(b) = &callee {
            // Bound where the arguments are, not moved down the calls.
            return self.call_builtin(b, &mut call, bare);
        }
        self.call(&callee, call, bare)
    }

    pub(in crate::eval) fn eval_args(
        &mut self,
        e: &Expr,
        args: &[Expr],
        kwargs: &[Keyword],
        frame: &Frame,
    ) -> EvalResult<CallArgs> {
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        let mut pos = crate::eval::args::PosArgs::new();
        self.eval_all_into(args, frame, &mut pos)?;
        let mut kw = Vec::with_capacity(kwargs.len());
        let mut kw_spans = Vec::with_capacity(kwargs.len());
        for k in kwargs {
            let v = self.eval(&k.value, frame)?;
            match &k.name {
                Some(n) => {
                    kw.push((n.name.clone(), v));
                    kw_spans.push(n.span.start..k.value.span.end);
                }
                None => {
                    let Value::Dict(d) = v else {
                        return Err(EvalError::type_error(format!(
                            "argument after ** must be a mapping, not {}",
                            v.short_type()
                        ))
                        .at(&k.value.span));
                    };
                    for (key, val) in d.snapshot() {
                        let Value::Str(name) = key else {
                            return Err(
                                EvalError::type_error("keywords must be strings").at(&k.value.span)
                            );
                        };
                        if kw.iter().any(|(n, _)| n.as_str() == &*name) {
                            return Err(EvalError::type_error(format!(
                                "got multiple values for keyword argument '{name}'"
                            ))
                            .at(&k.value.span));
                        }
                        kw.push((name.to_string(), val.clone()));
                        kw_spans.push(k.value.span.clone());
                    }
                }
            }
        }
        let pos_spans = if starred {
            Default::default()
        } else {
            args.iter().map(|a| a.span.clone()).collect()
        };
        Ok(CallArgs {
            pos,
            kw,
            span: e.span.clone(),
            pos_spans,
            kw_spans,
        })
    }

    /// `explain(np.gradient(...))`: the inner call's arguments, not its value.
    fn eval_explain(
        &mut self,
        e: &Expr,
        args: &[Expr],
        kwargs: &[Keyword],
        frame: &Frame,
    ) -> EvalResult<Value> {
        let inner = match (args, kwargs) {
            ([a], []) => a,
            _ => {
                return Err(EvalError::type_error(
                    "explain() takes one call: explain(np.gradient(...)) or explain(np.diff(...))",
                )
                .at(&e.span));
            }
        };
        let ExprKind::Call {
            func,
            args: iargs,
            kwargs: ikw,
        } = &inner.kind
        else {
            return Err(EvalError::type_error(
                "explain() takes a call to np.gradient or np.diff, e.g. explain(np.gradient(a))",
            )
            .at(&inner.span));
        };
        let callee = self.eval(func, frame)?;
        let Value::Builtin(b) = callee else {
            return Err(
                EvalError::type_error("explain() explains np.gradient and np.diff calls")
                    .at(&func.span),
            );
        };
        if b.name != "gradient" && b.name != "diff" {
            return Err(EvalError::type_error(format!(
                "explain() explains np.gradient and np.diff calls, not {}()",
                b.name
            ))
            .at(&func.span));
        }
        let call = self.eval_args(inner, iargs, ikw, frame)?;
        let bound = crate::eval::args::bind(b.signature(), call)?;
        builtins::explain(self, b.name, &bound).map_err(|err| err.at(&e.span))
    }

    /// Calls any callable value as `f(args)` written with a dotted name.
    pub fn call_value(&mut self, callee: &Value, call: CallArgs) -> EvalResult<Value> {
        self.call(callee, call, false)
    }

    /// Calls any callable value.
    pub(in crate::eval) fn call(
        &mut self,
        callee: &Value,
        call: CallArgs,
        bare: bool,
    ) -> EvalResult<Value> {
        let span = call.span.clone();
        match callee {
            Value::Builtin(b) => {
                let mut call = call;
                self.call_builtin(b, &mut call, bare)
            }
            Value::Method(m) => match &m.0 {
                Value::Str(t) => crate::eval::pystr::str_method(self, t, m.1, call),
                Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_) => {
                    let receiver = m.0.clone();
                    crate::eval::pyseq::call_method(self, &receiver, m.1, call)
                }
                Value::DataFrame(_) | Value::Series(_) | Value::PdIndex(_) => {
                    let receiver = m.0.clone();
                    builtins::pandas::call_method(self, &receiver, m.1, call)
                }
                Value::Axes(_) | Value::Figure(_) => {
                    let receiver = m.0.clone();
                    builtins::pyplot::call_method(self, &receiver, m.1, call)
                }
                Value::Complex(z) => {
                    crate::eval::args::bind(crate::eval::args::Signature::of("conjugate()"), call)
                        .map_err(|err| err.at(&span))?;
                    Ok(Value::Complex(z.conj()))
                }
                Value::Artist(h) => {
                    let h = h.clone();
                    builtins::pyplot::artists::call_method(self, &h, m.1, call)
                }
                Value::Poly1d(p) => builtins::poly1d::call_method(p, m.1, call),
                _ => crate::eval::methods::call_method(self, &m.0, m.1, call),
            },
            Value::Function(f) => self.call_user(f, call),
            Value::ExcType(k) => {
                let message = match call.pos.as_slice() {
                    [] => String::new(),
                    // Python's KeyError shows its key as repr: KeyError: 'k'.
                    [v] if *k == ErrorKind::KeyError => self.repr(v),
                    [v] => self.str(v),
                    many => self.repr(&Value::tuple(many.to_vec())),
                };
                Ok(Value::Exception(Rc::new(EvalError::new(*k, message))))
            }
            Value::DType(d) => {
                let bound =
                    crate::eval::args::bind(crate::eval::args::Signature::of("dtype(x=0)"), call)?;
                let v = bound.get("x").cloned().unwrap_or(Value::Int(0));
                crate::eval::convert::scalar_type_call(*d, &v).map_err(|err| err.at(&span))
            }
            Value::Numdiff(obj) => builtins::call_numdiff(self, obj, call),
            Value::Poly1d(p) => builtins::poly1d::call(p, call).map_err(|err| err.at(&span)),
            other => Err(EvalError::type_error(format!(
                "'{}' object is not callable",
                other.short_type()
            ))
            .at(&span)),
        }
    }

    /// Calls builtin `b` on a call [`binds_directly`] accepted: each
    /// argument is evaluated (in the written order) straight into its
    /// parameter's slot, after `recv` (a method's receiver) in the first.
    /// What [`call_builtin`](Session::call_builtin) does with the same
    /// call, without building and draining its [`CallArgs`].
    ///
    /// [`binds_directly`]: crate::eval::args::binds_directly
    #[allow(clippy::too_many_arguments)]
    fn call_direct(
        &mut self,
        b: &'static Builtin,
        e: &Expr,
        recv: Option<Value>,
        args: &[Expr],
        kwargs: &[Keyword],
        frame: &Frame,
        bare: bool,
    ) -> EvalResult<Value> {
        use crate::eval::args::{Bound, keyword_slot};
        let sig = b.signature();
        let mut bound = Bound::empty(sig, e.span.clone());
        let method = recv.is_some();
        let mut k = 0;
        if let Some(r) = recv {
            bound.fill(0, r, e.span.clone());
            k = 1;
        }
        for (i, a) in args.iter().enumerate() {
            if i % 4096 == 4095 {
                crate::engine::limits::check_interrupt().map_err(EvalError::from)?;
            }
            let v = self.eval(a, frame)?;
            if k < sig.positional {
                bound.fill(k, v, a.span.clone());
            } else {
                bound.varargs.push(v);
            }
            k += 1;
        }
        for kw in kwargs {
            let v = self.eval(&kw.value, frame)?;
            let n = kw.name.as_ref().expect("binds_directly: named keywords");
            bound.fill(
                keyword_slot(sig, &n.name),
                v,
                n.span.start..kw.value.span.end,
            );
        }
        if b.home != Home::Python && !method {
            lists_for_numpy(bound.positional_mut(k), &e.span)?;
        }
        bound.check_complete()?;
        let python = bare && b.home == Home::Both;
        (b.func)(self, &bound, python).map_err(|err| err.at(&e.span))
    }

    /// Calls builtin `b`, binding (draining) `call` where it lies.
    fn call_builtin(
        &mut self,
        b: &'static Builtin,
        call: &mut CallArgs,
        bare: bool,
    ) -> EvalResult<Value> {
        if b.name == "dict" {
            let span = call.span.clone();
            return builtins::python::dict(std::mem::take(call)).map_err(|err| err.at(&span));
        }
        if bare && let Some(f) = builtins::python_call(b) {
            let span = call.span.clone();
            return f(self, std::mem::take(call)).map_err(|err| err.at(&span));
        }
        let span = &call.span;
        if b.home != Home::Python {
            lists_for_numpy(call.pos.iter_mut(), span)?;
        }
        let mut bound = crate::eval::args::Bound::empty(b.signature(), span.clone());
        crate::eval::args::bind_into(call, &mut bound)?;
        let python = bare && b.home == Home::Both;
        (b.func)(self, &bound, python).map_err(|err| err.at(&bound.span))
    }
}

/// NumPy functions see lazy ranges and iterators among their positional
/// arguments as the lists they would read from them.
fn lists_for_numpy<'v>(args: impl Iterator<Item = &'v mut Value>, span: &Span) -> EvalResult<()> {
    for v in args {
        if matches!(v, Value::Range(_) | Value::Iter(_)) {
            *v = Value::list(crate::eval::iter::iterate(v).map_err(|err| err.at(span))?);
        }
    }
    Ok(())
}
