//! Python's `==` and `is` for containers: items compared one by one with
//! the identity shortcut of `PyObject_RichCompareBool`, and Python's
//! RecursionError for containers that hold themselves.

use std::cell::Cell;

use super::super::ErrorKind;
use super::super::error::{EvalError, EvalResult};
use super::super::value::Value;
use super::{dict_find, set_has};

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Python's default recursion limit: comparing two containers that hold
/// themselves stops here with Python's RecursionError.
const MAX_DEPTH: usize = 1000;

/// One level of a recursive comparison.
struct Deeper;

impl Deeper {
    fn enter() -> EvalResult<Deeper> {
        DEPTH.with(|d| {
            if d.get() >= MAX_DEPTH {
                return Err(EvalError::new(
                    ErrorKind::RecursionError,
                    "maximum recursion depth exceeded in comparison",
                ));
            }
            d.set(d.get() + 1);
            Ok(Deeper)
        })
    }
}

impl Drop for Deeper {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get() - 1));
    }
}

/// Python's `is` for the values that are objects with an identity here:
/// containers and arrays.
pub fn same_object(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::List(x), Value::List(y)) => x.ptr_eq(y),
        (Value::Dict(x), Value::Dict(y)) => x.ptr_eq(y),
        (Value::Set(x), Value::Set(y)) => x.ptr_eq(y),
        (Value::Array(x), Value::Array(y)) => std::rc::Rc::ptr_eq(x, y),
        _ => false,
    }
}

/// Items equal one by one, as `list.__eq__` compares them: an item is
/// equal to itself before `==` is asked (`PyObject_RichCompareBool`).
fn seq_eq(x: &[Value], y: &[Value]) -> EvalResult<bool> {
    if x.len() != y.len() {
        return Ok(false);
    }
    let _level = Deeper::enter()?;
    // Deep nesting grows the stack as the evaluator's recursion does.
    stacker::maybe_grow(
        super::super::expr::RED_ZONE,
        super::super::expr::STACK_SEGMENT,
        || {
            for (p, q) in x.iter().zip(y) {
                if !same_object(p, q) && !py_eq(p, q)? {
                    return Ok(false);
                }
            }
            Ok(true)
        },
    )
}

/// Python `==` between two values (elementwise comparisons of arrays are
/// ambiguous here, as in Python's `list.__eq__`).
pub fn py_eq(a: &Value, b: &Value) -> EvalResult<bool> {
    if matches!(a, Value::List(_) | Value::Dict(_) | Value::Set(_)) && same_object(a, b) {
        return Ok(true);
    }
    match (a, b) {
        (Value::List(x), Value::List(y)) => seq_eq(&x.borrow(), &y.borrow()),
        (Value::Tuple(x), Value::Tuple(y)) => seq_eq(x, y),
        (Value::Dict(x), Value::Dict(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            if x.len() != y.len() {
                return Ok(false);
            }
            let _level = Deeper::enter()?;
            for (k, v) in x.iter() {
                match dict_find(&y, k)? {
                    Some(w) if same_object(v, &y[w].1) || py_eq(v, &y[w].1)? => {}
                    _ => return Ok(false),
                }
            }
            Ok(true)
        }
        (Value::Set(x), Value::Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            if x.len() != y.len() {
                return Ok(false);
            }
            for v in x.iter() {
                if !set_has(&y, v)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        (Value::ExcType(x), Value::ExcType(y)) => Ok(x == y),
        (Value::Range(x), Value::Range(y)) => Ok(x.same(y)),
        (Value::Builtin(x), Value::Builtin(y)) => Ok(std::ptr::eq(*x, *y)),
        (Value::Class(x), Value::Class(y)) => Ok(x == y),
        // matplotlib's objects compare by identity.
        (Value::Artist(x), Value::Artist(y)) => Ok(std::rc::Rc::ptr_eq(x, y)),
        (Value::Axes(x), Value::Axes(y)) => Ok(x == y),
        (Value::Figure(x), Value::Figure(y)) => Ok(x == y),
        _ if (by_identity(a) || by_identity(b))
            && !matches!((a, b), (Value::DType(_), Value::DType(_))) =>
        {
            Ok(false)
        }
        _ => {
            let r = super::super::ops::compare(crate::syntax::ast::CmpOp::Eq, a, b)?;
            super::super::convert::truthy(&r)
        }
    }
}

/// Values that are equal only to themselves (handled above) and never to a
/// value of another kind: ranges, iterators, classes, functions, dtypes.
fn by_identity(v: &Value) -> bool {
    matches!(
        v,
        Value::Range(_)
            | Value::Iter(_)
            | Value::Class(_)
            | Value::Builtin(_)
            | Value::DType(_)
            | Value::Function(_)
            | Value::ExcType(_)
    )
}
