//! Binding call arguments to a signature such as
//! `gradient(f, *varargs, axis=None, edge_order=1)`, with Python's errors.

mod signature;

use crate::syntax::ast::{Expr, ExprKind, Keyword, Span};

use super::error::{EvalError, EvalResult};
use super::value::Value;

pub use signature::{DefaultArg, Param, Signature};

impl Signature {
    /// Python's error text for a call with `n` positional arguments too many.
    fn too_many(&self, given: usize) -> EvalError {
        let positional: Vec<&Param> = self.params.iter().filter(|p| !p.keyword_only).collect();
        let required = positional.iter().filter(|p| p.default.is_none()).count();
        let max = positional.len();
        let takes = if required == max {
            format!(
                "{max} positional argument{}",
                if max == 1 { "" } else { "s" }
            )
        } else {
            format!("from {required} to {max} positional arguments")
        };
        let was = if given == 1 { "was" } else { "were" };
        EvalError::type_error(format!(
            "{}() takes {takes} but {given} {was} given",
            self.name
        ))
    }
}

/// Evaluated call arguments, before binding.
#[derive(Clone, Debug, Default)]
pub struct CallArgs {
    pub pos: PosArgs,
    pub kw: Vec<(String, Value)>,
    /// Span of the whole call expression.
    pub span: Span,
    pub pos_spans: PosSpans,
    pub kw_spans: Vec<Span>,
}

/// Positional arguments, inline up to 4: a call evaluated into them
/// allocates nothing for the usual few.
pub type PosArgs = smallvec::SmallVec<[Value; 4]>;

/// The spans of [`PosArgs`], inline as they are.
pub type PosSpans = smallvec::SmallVec<[Span; 4]>;

/// [`Bound`]'s per-parameter arguments: most signatures have at most 8
/// parameters (NumPy's reductions have 7: `sum(a, axis, dtype, out,
/// keepdims, initial, where)`), which then need no allocation.
type Slots = smallvec::SmallVec<[Option<(Value, Span)>; SLOTS_INLINE]>;
const SLOTS_INLINE: usize = 8;

/// Arguments bound to a signature's parameters.
#[derive(Clone, Debug)]
pub struct Bound {
    pub sig: &'static Signature,
    /// Per parameter, the argument given and its span (inline for the
    /// usual few parameters).
    slots: Slots,
    /// Bit `i` set when parameter `i` got an argument (signatures of at
    /// most 64 parameters): `get` compares the names of those only, as
    /// most parameters of a call are left to their defaults.
    given: u64,
    pub varargs: Vec<Value>,
    pub span: Span,
}

impl Bound {
    /// An empty binding of `sig` for [`bind_into`] (no argument given yet).
    pub(crate) fn empty(sig: &'static Signature, span: Span) -> Bound {
        let n = sig.params.len();
        // Built whole when inline (SmallVec's resize pushes one by one).
        let slots = if n <= SLOTS_INLINE {
            Slots::from_buf_and_len(std::array::from_fn(|_| None), n)
        } else {
            std::iter::repeat_with(|| None).take(n).collect()
        };
        Bound {
            sig,
            slots,
            given: 0,
            varargs: Vec::new(),
            span,
        }
    }

    /// Puts the argument for parameter `i` (see [`binds_directly`]).
    pub(crate) fn fill(&mut self, i: usize, v: Value, span: Span) {
        self.slots[i] = Some((v, span));
        self.mark(i);
    }

    fn mark(&mut self, i: usize) {
        if i < 64 {
            self.given |= 1 << i;
        }
    }

    /// The first `given` positional arguments (those of `*varargs` too),
    /// for the conversions a caller makes before the builtin runs.
    pub(crate) fn positional_mut(&mut self, given: usize) -> impl Iterator<Item = &mut Value> {
        let n = given.min(self.sig.positional);
        self.slots[..n]
            .iter_mut()
            .flatten()
            .map(|(v, _)| v)
            .chain(self.varargs.iter_mut())
    }

    /// Python's error when a required parameter got no argument.
    pub(crate) fn check_complete(&self) -> EvalResult<()> {
        let complete = self
            .sig
            .params
            .iter()
            .zip(&self.slots)
            .all(|(p, s)| p.default.is_some() || s.is_some());
        if complete {
            Ok(())
        } else {
            Err(missing(self.sig, &self.slots).at(&self.span))
        }
    }

    fn index(&self, name: &str) -> usize {
        param_index(self.sig, name)
            .unwrap_or_else(|| panic!("builtin {} has no parameter {name}", self.sig.name))
    }

    /// Whether the signature has a parameter `name`.
    pub fn has(&self, name: &str) -> bool {
        param_index(self.sig, name).is_some()
    }

    /// The argument given for `name`, if any (`None` when defaulted).
    #[inline]
    pub fn get(&self, name: &str) -> Option<&Value> {
        if self.slots.len() <= 64 {
            let mut bits = self.given;
            while bits != 0 {
                let i = bits.trailing_zeros() as usize;
                if same_name(&self.sig.params[i].name, name) {
                    return self.slots[i].as_ref().map(|(v, _)| v);
                }
                bits &= bits - 1;
            }
            debug_assert!(self.has(name), "{} has no parameter {name}", self.sig.name);
            return None;
        }
        self.slots[self.index(name)].as_ref().map(|(v, _)| v)
    }

    /// The names of the parameters that got an argument, in signature
    /// order: for a caller that checks a set of rare keywords, at the cost
    /// of the few given instead of a name search for each keyword.
    pub fn given_names(&self) -> impl Iterator<Item = &str> + '_ {
        // The `given` bits where the signature has them, else the slots.
        let few = self.slots.len() <= 64;
        let mut bits = if few { self.given } else { 0 };
        let from_bits = std::iter::from_fn(move || {
            let i = bits.trailing_zeros() as usize;
            bits &= bits.checked_sub(1)?;
            Some(i)
        });
        let from_slots = (0..self.slots.len())
            .take(if few { 0 } else { usize::MAX })
            .filter(|&i| self.slots[i].is_some());
        from_bits
            .chain(from_slots)
            .map(|i| &*self.sig.params[i].name)
    }

    /// The argument for `name`, treating an explicit `None` as absent.
    pub fn opt(&self, name: &str) -> Option<&Value> {
        self.get(name).filter(|v| !matches!(v, Value::None))
    }

    /// The argument given for `name`, else the signature's default as a
    /// value (`None` for NumPy's `<no value>`): a default is written once,
    /// in the signature.
    pub fn value(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.get(name) {
            return Some(v.clone());
        }
        let p = &self.sig.params[self.index(name)];
        p.default_value.as_ref().and_then(default_value)
    }

    /// A required argument (the binder already checked it is present).
    pub fn req(&self, name: &str) -> &Value {
        self.get(name).unwrap_or(&Value::None)
    }

    /// The span of the argument for `name`, else the call's span.
    pub fn span_of(&self, name: &str) -> Span {
        match &self.slots[self.index(name)] {
            Some((_, sp)) => sp.clone(),
            None => self.span.clone(),
        }
    }

    /// Wraps an error with the span of argument `name`.
    pub fn at<T>(&self, name: &str, r: EvalResult<T>) -> EvalResult<T> {
        r.map_err(|e| e.at(&self.span_of(name)))
    }
}

/// A signature default as the value the user would have written.
fn default_value(d: &DefaultArg) -> Option<Value> {
    Some(match d {
        DefaultArg::NoValue => return None,
        DefaultArg::None => Value::None,
        DefaultArg::Bool(b) => Value::Bool(*b),
        DefaultArg::Int(i) => Value::Int(*i),
        DefaultArg::Float(x) => Value::Float(*x),
        DefaultArg::Str(s) => Value::str(s.as_str()),
        DefaultArg::Tuple(items) => Value::tuple(items.iter().filter_map(default_value).collect()),
        DefaultArg::Name(n) => super::builtins::default_name(n)?,
    })
}

/// The position of parameter `name` in `sig`. Every builtin call asks
/// this a few times, for names of a few bytes: compared inline, byte by
/// byte, rather than through a `memcmp` call per parameter.
#[inline]
fn param_index(sig: &Signature, name: &str) -> Option<usize> {
    sig.params.iter().position(|p| same_name(&p.name, name))
}

/// `a == b` for short names (parameters, methods), compared inline: lengths
/// first, then bytes, with no `memcmp` call.
#[inline]
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// Whether a call with `receiver` (0 or 1, a method's) and `args`
/// positional arguments (none starred) and `kwargs` binds to `sig`
/// without a binding error: then each argument can be
/// evaluated straight into its parameter's slot (positional `k` into
/// slot `k` or `*varargs`, keyword into [`param_index`]'s), with no
/// [`CallArgs`] in between. Calls with `*args`, `**kwargs`, too many
/// positionals, unknown or repeated keywords take [`bind_into`], which
/// raises Python's errors after every argument is evaluated.
pub(crate) fn binds_directly(
    sig: &Signature,
    receiver: usize,
    args: &[Expr],
    kwargs: &[Keyword],
) -> bool {
    let npos = receiver + args.len();
    if npos > sig.positional && sig.varargs.is_none()
        || args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
    {
        return false;
    }
    let taken = npos.min(sig.positional);
    kwargs.iter().enumerate().all(|(k, kw)| {
        kw.name.as_ref().is_some_and(|n| {
            param_index(sig, &n.name).is_some_and(|i| i >= taken)
                && kwargs[..k]
                    .iter()
                    .all(|o| o.name.as_ref().is_some_and(|m| m.name != n.name))
        })
    })
}

/// The slot of keyword `name` in a call [`binds_directly`] accepted.
pub(crate) fn keyword_slot(sig: &Signature, name: &str) -> usize {
    param_index(sig, name).expect("binds_directly checked every keyword")
}

/// Binds `args` to `sig` with Python's rules and error messages.
pub fn bind(sig: &'static Signature, mut args: CallArgs) -> EvalResult<Bound> {
    let mut bound = Bound::empty(sig, args.span.clone());
    bind_into(&mut args, &mut bound)?;
    Ok(bound)
}

/// [`bind`] into an [`Bound::empty`] binding, draining `args`.
///
/// Runs on every call of a builtin, so the common case (no error) makes
/// no allocation for up to 6 parameters, walks each list once, and moves
/// no whole `CallArgs` or `Bound` (each a few hundred bytes, which the
/// moves between the call's frames copied several times a call).
pub(crate) fn bind_into(args: &mut CallArgs, b: &mut Bound) -> EvalResult<()> {
    let sig = b.sig;
    let span = &args.span;
    let given = args.pos.len();
    let mut pos_spans = args.pos_spans.drain(..);
    for (i, v) in args.pos.drain(..).enumerate() {
        let sp = pos_spans.next().unwrap_or_else(|| span.clone());
        if i < sig.positional {
            b.slots[i] = Some((v, sp));
            b.mark(i);
        } else if sig.varargs.is_some() {
            b.varargs.push(v);
        } else {
            return Err(sig.too_many(given).at(&sp));
        }
    }
    let mut kw_spans = args.kw_spans.drain(..);
    for (name, v) in args.kw.drain(..) {
        let sp = kw_spans.next().unwrap_or_else(|| span.clone());
        match param_index(sig, &name) {
            Some(i) if b.slots[i].is_some() => {
                return Err(EvalError::type_error(format!(
                    "{}() got multiple values for argument '{name}'",
                    sig.name
                ))
                .at(&sp));
            }
            Some(i) => {
                b.slots[i] = Some((v, sp));
                b.mark(i);
            }
            None => {
                return Err(EvalError::type_error(format!(
                    "{}() got an unexpected keyword argument '{name}'",
                    sig.name
                ))
                .at(&sp));
            }
        }
    }
    b.check_complete()
}

/// Python's error for required parameters left without an argument.
fn missing(sig: &Signature, slots: &[Option<(Value, Span)>]) -> EvalError {
    let missing: Vec<&Param> = sig
        .params
        .iter()
        .zip(slots)
        .filter(|(p, s)| p.default.is_none() && s.is_none())
        .map(|(p, _)| p)
        .collect();
    let kind = if missing[0].keyword_only {
        "keyword-only"
    } else {
        "positional"
    };
    let names: Vec<String> = missing.iter().map(|p| format!("'{}'", p.name)).collect();
    let list = match names.len() {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        _ => format!(
            "{}, and {}",
            names[..names.len() - 1].join(", "),
            names[names.len() - 1]
        ),
    };
    EvalError::type_error(format!(
        "{}() missing {} required {kind} argument{}: {list}",
        sig.name,
        missing.len(),
        if missing.len() == 1 { "" } else { "s" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(pos: usize, kw: &[&str]) -> CallArgs {
        CallArgs {
            pos: smallvec::smallvec![Value::Int(1); pos],
            kw: kw.iter().map(|k| (k.to_string(), Value::Int(2))).collect(),
            ..Default::default()
        }
    }

    fn err(sig: &'static str, pos: usize, kw: &[&str]) -> String {
        bind(Signature::of(sig), call(pos, kw)).unwrap_err().message
    }

    #[test]
    fn python_error_messages() {
        let diff = "diff(a, n=1, axis=-1, prepend=<no value>, append=<no value>)";
        assert_eq!(
            err(diff, 6, &[]),
            "diff() takes from 1 to 5 positional arguments but 6 were given"
        );
        assert_eq!(
            err(diff, 1, &["axes"]),
            "diff() got an unexpected keyword argument 'axes'"
        );
        assert_eq!(
            err(diff, 0, &[]),
            "diff() missing 1 required positional argument: 'a'"
        );
        assert_eq!(
            err(diff, 2, &["n"]),
            "diff() got multiple values for argument 'n'"
        );
        assert_eq!(
            err("len(obj)", 2, &[]),
            "len() takes 1 positional argument but 2 were given"
        );
        assert_eq!(
            err("hypot(x1, x2)", 0, &[]),
            "hypot() missing 2 required positional arguments: 'x1' and 'x2'"
        );
    }

    #[test]
    fn defaults_come_from_the_signature() {
        let sig = Signature::of("f(a, n=(10, 20), s='x', d=<no value>, t=float)");
        let b = bind(sig, call(1, &[])).unwrap();
        assert!(matches!(b.value("a"), Some(Value::Int(1))));
        assert!(matches!(b.value("n"), Some(Value::Tuple(t)) if t.len() == 2));
        assert!(matches!(b.value("s"), Some(Value::Str(s)) if &*s == "x"));
        assert!(b.value("d").is_none());
        assert!(matches!(b.value("t"), Some(Value::Builtin(f)) if f.name == "float"));
    }

    #[test]
    fn varargs_and_keywords_bind() {
        let sig = Signature::of("gradient(f, *varargs, axis=None, edge_order=1)");
        let b = bind(sig, call(3, &["edge_order"])).unwrap();
        assert_eq!(b.varargs.len(), 2);
        assert!(b.get("edge_order").is_some());
        assert!(b.get("axis").is_none());
    }
}
