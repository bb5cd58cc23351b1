//! Expression evaluation: names, attributes, calls, operators, indexing.

use crate::eval::ErrorKind;
use std::rc::Rc;

use crate::engine::limits;
use crate::syntax::ast::*;

use super::args::CallArgs;
use super::builtins::{self, Builtin, Home};
use super::convert::{index_int, truthy};
use super::error::{EvalError, EvalResult};
use super::index::{Idx, index_array, index_sequence};
use super::ops;
use super::scope::{Env, Place};
use super::session::Session;
use super::value::{Module, Value};

/// Deepest expression nesting evaluated (a written-out sum of thousands of
/// terms); beyond it, Python's compiler gives up with a `RecursionError`.
const MAX_DEPTH: usize = 3000;

/// Stack kept free before an evaluation step grows a new segment.
pub(super) const RED_ZONE: usize = 256 * 1024;
pub(super) const STACK_SEGMENT: usize = 4 * 1024 * 1024;

/// Where names are looked up: the current function's (or comprehension's)
/// scope and those around it, then the session's globals.
#[derive(Clone)]
pub struct Frame<'a> {
    pub src: &'a Rc<str>,
    pub env: Option<Rc<Env>>,
}

impl<'a> Frame<'a> {
    pub fn global(src: &'a Rc<str>) -> Frame<'a> {
        Frame { src, env: None }
    }
}

impl Session {
    /// Resolves a bare name: locals, globals, IPython history, builtins.
    pub(super) fn lookup(&self, name: &str, frame: &Frame) -> EvalResult<Value> {
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
    pub(super) fn module_attr(&self, m: Module, name: &str) -> EvalResult<Value> {
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

    pub(super) fn eval(&mut self, e: &Expr, frame: &Frame) -> EvalResult<Value> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(EvalError::new(
                ErrorKind::RecursionError,
                "maximum recursion depth exceeded during compilation",
            )
            .at(&e.span));
        }
        let r = stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.eval_inner(e, frame));
        self.depth -= 1;
        r
    }

    fn eval_inner(&mut self, e: &Expr, frame: &Frame) -> EvalResult<Value> {
        let at = |r: EvalResult<Value>| r.map_err(|err| err.at(&e.span));
        match &e.kind {
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::BigInt(digits) => Ok(super::ops::pybigint::parse(digits)),
            ExprKind::Float(x) => Ok(Value::Float(*x)),
            ExprKind::Imag(x) => Ok(Value::Complex(crate::array::Complex128::new(0.0, *x))),
            ExprKind::Str(s) => Ok(Value::str(s.as_str())),
            ExprKind::FStr(parts) => Ok(Value::str(self.fstring(parts, frame)?)),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::None => Ok(Value::None),
            ExprKind::Ellipsis => Ok(Value::str("...")),
            ExprKind::Name(n) => at(self.lookup(n, frame)),
            ExprKind::Attr { obj, name } => {
                let o = self.eval(obj, frame)?;
                self.attr(&o, &name.name).map_err(|err| err.at(&name.span))
            }
            ExprKind::Call { func, args, kwargs } => self.eval_call(e, func, args, kwargs, frame),
            ExprKind::Index { obj, index } => {
                let o = self.eval(obj, frame)?;
                if let (Value::Dict(d), [IndexItem::Expr(k)]) = (&o, index.as_slice()) {
                    let key = self.eval(k, frame)?;
                    return at(super::pyseq::dict_get(d, &key, &self.opts));
                }
                if matches!(
                    o,
                    Value::DataFrame(_) | Value::Series(_) | Value::Indexer(_)
                ) {
                    let keys = self.pandas_keys(index, frame)?;
                    return at(builtins::pandas::subscript(&o, &keys));
                }
                if let Value::Grid(g) = o {
                    let keys = self.pandas_keys(index, frame)?;
                    return at(builtins::grids::subscript(self, g, &keys));
                }
                let items = self.eval_index(index, frame)?;
                at(match &o {
                    Value::Array(a) => index_array(a, &items),
                    Value::List(_) | Value::Tuple(_) | Value::Str(_) => index_sequence(&o, &items),
                    Value::Named(t) => index_sequence(&t.as_tuple(), &items),
                    Value::Range(r) => r.index(&items),
                    Value::Scalar(s) => index_array(&s.to_array(), &items),
                    Value::Poly1d(p) => builtins::poly1d::getitem(p, &items),
                    other => Err(EvalError::type_error(format!(
                        "'{}' object is not subscriptable",
                        other.short_type()
                    ))),
                })
            }
            ExprKind::Unary { op, operand } => {
                // Fold `-<literal>` so that `-9223372036854775808` stays an int.
                if *op == UnaryOp::Neg
                    && let ExprKind::BigInt(digits) = &operand.kind
                    && let Ok(n) = format!("-{digits}").parse::<i64>()
                {
                    return Ok(Value::Int(n));
                }
                let v = self.eval(operand, frame)?;
                at(ops::unary(*op, &v))
            }
            ExprKind::Binary { op, left, right } => {
                let l = self.eval(left, frame)?;
                let r = self.eval(right, frame)?;
                limits::check_interrupt()?;
                at(super::pyops::binary(*op, &l, &r))
            }
            ExprKind::Compare { first, rest } => {
                let mut left = self.eval(first, frame)?;
                let mut result = Value::Bool(true);
                for (op, right) in rest {
                    let r = self.eval(right, frame)?;
                    let c = at(super::pyops::compare(*op, &left, &r))?;
                    if rest.len() == 1 {
                        return Ok(c);
                    }
                    if !truthy(&c).map_err(|err| err.at(&e.span))? {
                        return Ok(c);
                    }
                    result = c;
                    left = r;
                }
                Ok(result)
            }
            ExprKind::BoolOp { op, left, right } => {
                let l = self.eval(left, frame)?;
                let t = truthy(&l).map_err(|err| err.at(&left.span))?;
                match (op, t) {
                    (BoolOp::And, false) | (BoolOp::Or, true) => Ok(l),
                    _ => self.eval(right, frame),
                }
            }
            ExprKind::IfExp { cond, then, other } => {
                let c = self.eval(cond, frame)?;
                if truthy(&c).map_err(|err| err.at(&cond.span))? {
                    self.eval(then, frame)
                } else {
                    self.eval(other, frame)
                }
            }
            ExprKind::List(items) => Ok(Value::list(self.eval_all(items, frame)?)),
            ExprKind::Numbers(ns) => Ok(Value::list(number_values(ns)?)),
            ExprKind::Tuple(items) => Ok(Value::tuple(self.eval_all(items, frame)?)),
            ExprKind::Set(items) => at(super::pyseq::set_from(self.eval_all(items, frame)?)),
            ExprKind::Dict(entries) => {
                let mut pairs = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    match k {
                        Some(k) => {
                            let k = self.eval(k, frame)?;
                            pairs.push((k, self.eval(v, frame)?));
                        }
                        None => match self.eval(v, frame)? {
                            Value::Dict(d) => pairs.extend(d.borrow().iter().cloned()),
                            other => {
                                return Err(EvalError::type_error(format!(
                                    "'{}' object is not a mapping",
                                    other.short_type()
                                ))
                                .at(&v.span));
                            }
                        },
                    }
                }
                at(super::pyseq::dict_from(pairs))
            }
            ExprKind::Starred(_) => Err(EvalError::new(
                ErrorKind::SyntaxError,
                "can't use starred expression here",
            )
            .at(&e.span)),
            ExprKind::Comp(c) => self.comprehension(c, frame).map_err(|err| err.at(&e.span)),
            ExprKind::Lambda(f) => self.make_function(f, frame),
        }
    }

    /// The values of display items or positional arguments, `*seq`
    /// items expanded.
    fn eval_all(&mut self, items: &[Expr], frame: &Frame) -> EvalResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if i % 4096 == 0 {
                limits::check_interrupt().map_err(EvalError::from)?;
            }
            if let ExprKind::Starred(inner) = &item.kind {
                let v = self.eval(inner, frame)?;
                out.extend(super::iter::iterate(&v).map_err(|err| err.at(&item.span))?);
                continue;
            }
            out.push(self.eval(item, frame)?);
        }
        Ok(out)
    }

    pub(super) fn eval_index(
        &mut self,
        index: &[IndexItem],
        frame: &Frame,
    ) -> EvalResult<Vec<Idx>> {
        let mut items = Vec::new();
        for item in index {
            items.push(match item {
                IndexItem::Expr(Expr {
                    kind: ExprKind::Ellipsis,
                    ..
                }) => Idx::Ellipsis,
                IndexItem::Expr(e) => {
                    let v = self.eval(e, frame)?;
                    Idx::from_value(&v).map_err(|err| err.at(&e.span))?
                }
                IndexItem::Slice {
                    lower,
                    upper,
                    step,
                    span,
                } => {
                    let mut part = |x: &Option<Expr>| -> EvalResult<Option<i64>> {
                        match x {
                            None => Ok(None),
                            Some(x) => match self.eval(x, frame)? {
                                Value::None => Ok(None),
                                // Past int64 a bound is clamped, as Python's
                                // slices clamp it.
                                Value::BigInt(n) => Ok(Some(
                                    if super::ops::pybigint::is_negative(&n) {
                                        i64::MIN
                                    } else {
                                        i64::MAX
                                    },
                                )),
                                v => index_int(&v).map(Some).map_err(|_| {
                                    EvalError::type_error(
                                        "slice indices must be integers or None or have an __index__ method",
                                    )
                                    .at(span)
                                }),
                            },
                        }
                    };
                    Idx::Slice(part(lower)?, part(upper)?, part(step)?)
                }
            });
        }
        Ok(items)
    }

    /// Subscript items of a pandas value, evaluated but not converted
    /// (labels, lists of labels, slices of labels or positions).
    pub(super) fn pandas_keys(
        &mut self,
        index: &[IndexItem],
        frame: &Frame,
    ) -> EvalResult<Vec<builtins::pandas::Key>> {
        use builtins::pandas::Key;
        let mut keys = Vec::with_capacity(index.len());
        for item in index {
            keys.push(match item {
                IndexItem::Expr(e) => Key::Value(self.eval(e, frame)?),
                IndexItem::Slice {
                    lower, upper, step, ..
                } => {
                    let mut part = |x: &Option<Expr>| -> EvalResult<Option<Value>> {
                        x.as_ref().map(|x| self.eval(x, frame)).transpose()
                    };
                    Key::Slice(part(lower)?, part(upper)?, part(step)?)
                }
            });
        }
        Ok(keys)
    }

    fn eval_call(
        &mut self,
        e: &Expr,
        func: &Expr,
        args: &[Expr],
        kwargs: &[Keyword],
        frame: &Frame,
    ) -> EvalResult<Value> {
        let callee = self.eval(func, frame)?;
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
        let call = self.eval_args(e, args, kwargs, frame)?;
        let bare = matches!(func.kind, ExprKind::Name(_));
        self.call(&callee, call, bare)
    }

    pub(super) fn eval_args(
        &mut self,
        e: &Expr,
        args: &[Expr],
        kwargs: &[Keyword],
        frame: &Frame,
    ) -> EvalResult<CallArgs> {
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        let pos = self.eval_all(args, frame)?;
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
            Vec::new()
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
        let bound = super::args::bind(b.signature(), call)?;
        builtins::explain(self, b.name, &bound).map_err(|err| err.at(&e.span))
    }

    /// Calls any callable value as `f(args)` written with a dotted name.
    pub fn call_value(&mut self, callee: &Value, call: CallArgs) -> EvalResult<Value> {
        self.call(callee, call, false)
    }

    /// Calls any callable value.
    pub(super) fn call(&mut self, callee: &Value, call: CallArgs, bare: bool) -> EvalResult<Value> {
        let span = call.span.clone();
        match callee {
            Value::Builtin(b) => self.call_builtin(b, call, bare),
            Value::Method(m) => match &m.0 {
                Value::Str(t) => super::pystr::str_method(self, t, m.1, call),
                Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_) => {
                    let receiver = m.0.clone();
                    super::pyseq::call_method(self, &receiver, m.1, call)
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
                    super::args::bind(super::args::Signature::of("conjugate()"), call)
                        .map_err(|err| err.at(&span))?;
                    Ok(Value::Complex(z.conj()))
                }
                Value::Artist(h) => {
                    let h = h.clone();
                    builtins::pyplot::artists::call_method(self, &h, m.1, call)
                }
                Value::Poly1d(p) => builtins::poly1d::call_method(p, m.1, call),
                _ => super::methods::call_method(self, &m.0, m.1, call),
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
                let bound = super::args::bind(super::args::Signature::of("dtype(x=0)"), call)?;
                let v = bound.get("x").cloned().unwrap_or(Value::Int(0));
                super::convert::scalar_type_call(*d, &v).map_err(|err| err.at(&span))
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

    fn call_builtin(
        &mut self,
        b: &'static Builtin,
        call: CallArgs,
        bare: bool,
    ) -> EvalResult<Value> {
        let span = call.span.clone();
        if b.name == "dict" {
            return builtins::python::dict(call).map_err(|err| err.at(&span));
        }
        let mut call = call;
        if b.home != Home::Python {
            // NumPy functions see lazy ranges and iterators as the lists
            // they would read from them.
            for v in call.pos.iter_mut() {
                if matches!(v, Value::Range(_) | Value::Iter(_)) {
                    *v = Value::list(super::iter::iterate(v).map_err(|e| e.at(&span))?);
                }
            }
        }
        let bound = super::args::bind(b.signature(), call)?;
        let python = bare && b.home == Home::Both;
        (b.func)(self, &bound, python).map_err(|err| err.at(&span))
    }

    /// `value.name`.
    pub(super) fn attr(&self, o: &Value, name: &str) -> EvalResult<Value> {
        match o {
            Value::Module(m) => self.module_attr(*m, name),
            Value::Array(_) | Value::Scalar(_) => super::methods::array_attr(o, name),
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
            _ if name == "__name__" => super::pyobj::short_class_name(o)
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

/// `np.array(display)` of an [`ExprKind::Numbers`] display: int64 when
/// every item is an int (each fits one), else float64 (ints converted as
/// NumPy converts a list's Python ints).
fn number_array(ns: &NumberList) -> EvalResult<crate::array::Array> {
    use crate::array::Fresh;
    let n = ns.values.len();
    if ns.values.iter().all(|v| matches!(v, Num::Int(_))) {
        let mut out = Fresh::<i64>::for_overwrite(&[n])?;
        for (o, v) in out.as_mut_slice().iter_mut().zip(&ns.values) {
            *o = match *v {
                Num::Int(i) => i,
                Num::Float(_) => unreachable!("all ints"),
            };
        }
        return Ok(out.finish());
    }
    let mut out = Fresh::<f64>::for_overwrite(&[n])?;
    for (o, v) in out.as_mut_slice().iter_mut().zip(&ns.values) {
        *o = match *v {
            Num::Int(i) => i as f64,
            Num::Float(x) => x,
        };
    }
    Ok(out.finish())
}

/// The list a [`ExprKind::Numbers`] display evaluates to (what evaluating
/// its items one by one gives), in one pass.
fn number_values(ns: &NumberList) -> EvalResult<Vec<Value>> {
    let mut out = crate::memory::try_vec::<Value>(ns.values.len())?;
    out.extend(ns.values.iter().map(|v| match *v {
        Num::Int(i) => Value::Int(i),
        Num::Float(x) => Value::Float(x),
    }));
    Ok(out)
}
