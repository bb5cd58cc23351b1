//! Python objects that are not containers: lazy `range` objects, one-shot
//! iterators (`zip`, `enumerate`, `reversed`), class objects as `type(x)`
//! returns them, and `isinstance`'s view of the class hierarchy.

use std::cell::RefCell;
use std::collections::VecDeque;

use super::ErrorKind;
use super::error::{EvalError, EvalResult};
use super::index::{Idx, slice_indices};
use super::value::{Scalar, Value};

/// Items a lazy object may turn into at once (a `for` over `range(10**9)`
/// would otherwise allocate gigabytes before its first iteration).
pub const MAX_ITEMS: i128 = 10_000_000;

/// Python's `range(start, stop, step)`; `step` is never 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PyRange {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl PyRange {
    /// `range(start, stop, step)`, with Python's error for a zero step.
    pub fn new(start: i64, stop: i64, step: i64) -> EvalResult<PyRange> {
        if step == 0 {
            return Err(EvalError::value_error("range() arg 3 must not be zero"));
        }
        Ok(PyRange { start, stop, step })
    }

    /// The number of items (may exceed `i64`, as `range(-2**63, 2**63-1)`).
    pub fn len(&self) -> i128 {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        if (step > 0 && stop > start) || (step < 0 && stop < start) {
            ((stop - start).abs() + step.abs() - 1) / step.abs()
        } else {
            0
        }
    }

    /// True when the range has no items.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `len(r)`: Python's OverflowError when the length does not fit a C
    /// `ssize_t`.
    pub fn py_len(&self) -> EvalResult<i64> {
        i64::try_from(self.len()).map_err(|_| {
            EvalError::new(
                ErrorKind::OverflowError,
                "Python int too large to convert to C ssize_t",
            )
        })
    }

    /// The `k`-th item (0 <= k < len).
    fn nth(&self, k: i128) -> i64 {
        (self.start as i128 + k * self.step as i128) as i64
    }

    /// `r[i]` or `r[a:b:c]` (a slice of a range is a range).
    pub fn index(&self, items: &[Idx]) -> EvalResult<Value> {
        let n = self.len();
        match items {
            [Idx::Int(i)] => {
                let i = *i as i128;
                let k = if i < 0 { i + n } else { i };
                if k < 0 || k >= n {
                    return Err(EvalError::index_error("range object index out of range"));
                }
                Ok(Value::Int(self.nth(k)))
            }
            [Idx::Slice(a, b, c)] => {
                let len = usize::try_from(n).map_err(|_| {
                    EvalError::new(
                        ErrorKind::OverflowError,
                        "Python int too large to convert to C ssize_t",
                    )
                })?;
                let (first, step, count) = slice_indices(len, *a, *b, *c)?;
                let start = self.nth(first as i128);
                let step = self.step * step;
                let stop = start as i128 + count as i128 * step as i128;
                Ok(Value::Range(PyRange {
                    start,
                    stop: stop.clamp(i64::MIN as i128, i64::MAX as i128) as i64,
                    step,
                }))
            }
            _ => Err(EvalError::type_error(
                "range indices must be integers or slices, not tuple",
            )),
        }
    }

    /// `x in r`, by arithmetic for integers.
    pub fn contains(&self, x: &Value) -> bool {
        let v: i128 = match x {
            Value::Int(i) | Value::Scalar(Scalar::Int64(i)) => *i as i128,
            Value::Bool(b) | Value::Scalar(Scalar::Bool(b)) => i128::from(*b),
            Value::Float(f) | Value::Scalar(Scalar::Float64(f))
                if f.fract() == 0.0 && f.is_finite() =>
            {
                *f as i128
            }
            _ => return false,
        };
        let (start, step) = (self.start as i128, self.step as i128);
        let k = (v - start) / step;
        (v - start) % step == 0 && k >= 0 && k < self.len()
    }

    /// Python's `==` of ranges: equal as sequences.
    pub fn same(&self, o: &PyRange) -> bool {
        let n = self.len();
        n == o.len() && (n == 0 || (self.start == o.start && (n == 1 || self.step == o.step)))
    }

    /// `range(0, 5)`, `range(0, 10, 2)`.
    pub fn repr(&self) -> String {
        if self.step == 1 {
            format!("range({}, {})", self.start, self.stop)
        } else {
            format!("range({}, {}, {})", self.start, self.stop, self.step)
        }
    }

    /// The items, refused with MemoryError beyond [`MAX_ITEMS`].
    pub fn items(&self) -> EvalResult<Vec<Value>> {
        let n = self.len();
        if n > MAX_ITEMS {
            return Err(EvalError::new(
                ErrorKind::MemoryError,
                format!(
                    "{} has more than {MAX_ITEMS} items, too many for gradlab to list; use np.arange",
                    self.repr()
                ),
            ));
        }
        Ok((0..n).map(|k| Value::Int(self.nth(k))).collect())
    }
}

/// A one-shot iterator: the first loop over it consumes its items.
#[derive(Debug)]
pub struct PyIter {
    /// Python's class name (`zip`, `enumerate`, `list_reverseiterator`).
    pub kind: &'static str,
    items: RefCell<VecDeque<Value>>,
}

impl PyIter {
    pub fn new(kind: &'static str, items: Vec<Value>) -> PyIter {
        PyIter {
            kind,
            items: RefCell::new(items.into()),
        }
    }

    /// The remaining items; the iterator is exhausted afterwards.
    pub fn drain(&self) -> Vec<Value> {
        self.items.borrow_mut().drain(..).collect()
    }

    /// `<zip object at 0x...>`, with this object's address as CPython shows it.
    pub fn repr(&self) -> String {
        format!("<{} object at {:#x}>", self.kind, self as *const _ as usize)
    }
}

/// The class of `v`, as `type(v)` returns it: Python's builtin types are the
/// callable builtins (`int`, `list`), NumPy's scalar types the dtype classes.
pub fn type_of(v: &Value) -> Value {
    let builtin = |name: &str| super::builtins::lookup(name).map(Value::Builtin);
    let python = match v {
        Value::Bool(_) => builtin("bool"),
        Value::Int(_) => builtin("int"),
        Value::Float(_) => builtin("float"),
        Value::Complex(_) => builtin("complex"),
        Value::Str(_) => builtin("str"),
        Value::List(_) => builtin("list"),
        Value::Tuple(_) => builtin("tuple"),
        Value::Dict(_) => builtin("dict"),
        Value::Set(_) => builtin("set"),
        Value::Range(_) => builtin("range"),
        Value::Scalar(s) => Some(Value::DType(s.dtype())),
        Value::Exception(e) => Some(Value::ExcType(e.kind)),
        _ => None,
    };
    python.unwrap_or_else(|| Value::Class(v.type_name().into()))
}

/// The class names `v` is an instance of (its class and its bases), as
/// `isinstance` checks them. NumPy's float64 subclasses Python's float.
fn classes_of(v: &Value) -> Vec<String> {
    let names: &[&str] = match v {
        Value::Bool(_) => &["bool", "int"],
        Value::Scalar(s) => return scalar_classes(s.dtype()),
        _ => &[],
    };
    let mut out: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    if out.is_empty() {
        out.push(v.type_name());
    }
    out.push("object".into());
    out
}

/// The classes of a NumPy scalar of dtype `d`, most derived first
/// (float64 also subclasses Python's float).
fn scalar_classes(d: crate::array::DType) -> Vec<String> {
    use crate::array::Kind;
    let mut out = vec![format!("numpy.{}", d.name())];
    if d == crate::array::DType::Float64 {
        out.push("float".into());
    }
    if d == crate::array::DType::Complex128 {
        out.push("complex".into());
    }
    let bases: &[&str] = match d.kind() {
        Kind::Bool => &[],
        Kind::Int => &["numpy.signedinteger", "numpy.integer", "numpy.number"],
        Kind::UInt => &["numpy.unsignedinteger", "numpy.integer", "numpy.number"],
        Kind::Float => &["numpy.floating", "numpy.inexact", "numpy.number"],
        Kind::Complex => &["numpy.complexfloating", "numpy.inexact", "numpy.number"],
    };
    out.extend(bases.iter().map(|s| s.to_string()));
    out.extend(["numpy.generic".to_string(), "object".to_string()]);
    out
}

/// The class name a class value stands for, if it is one.
pub fn class_name(c: &Value) -> Option<String> {
    match c {
        Value::Builtin(b) if is_type_builtin(b.name) => Some(b.name.to_string()),
        Value::DType(d) => Some(format!("numpy.{}", d.name())),
        Value::Class(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `cls.__name__` of a class value (`ndarray`, `float64`, `ValueError`).
pub fn short_class_name(c: &Value) -> Option<String> {
    let full = match c {
        Value::ExcType(k) => k.name().to_string(),
        Value::Function(f) => f.name.clone(),
        Value::Builtin(b) => b.name.to_string(),
        other => class_name(other)?,
    };
    Some(full.rsplit('.').next().unwrap_or(&full).to_string())
}

/// The order CPython's set table holds `items` in, when every item is an
/// int (or bool) and so hashes to itself: sets print and iterate in that
/// order (`{3, 1, 2}` shows `{1, 2, 3}`). Other sets keep insertion order
/// (CPython's order for strings changes from run to run anyway).
pub fn set_order(items: &[Value]) -> Option<Vec<Value>> {
    let mut hashes = Vec::with_capacity(items.len());
    for v in items {
        hashes.push(match v {
            Value::Int(i) => int_hash(*i),
            Value::Bool(b) => u64::from(*b),
            _ => return None,
        });
    }
    // setobject.c: PySet_MINSIZE 8, LINEAR_PROBES 9, PERTURB_SHIFT 5,
    // resize to 4 * used when fill * 5 >= mask * 3.
    let mut table: Vec<Option<usize>> = vec![None; 8];
    let insert = |table: &mut Vec<Option<usize>>, hash: u64, k: usize| {
        let mask = table.len() as u64 - 1;
        let mut perturb = hash;
        let mut i = hash & mask;
        loop {
            if table[i as usize].is_none() {
                table[i as usize] = Some(k);
                return;
            }
            if i + 9 <= mask {
                let start = i as usize + 1;
                if let Some(off) = table[start..start + 9].iter().position(Option::is_none) {
                    table[start + off] = Some(k);
                    return;
                }
            }
            perturb >>= 5;
            i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb) & mask;
        }
    };
    let mut used = 0usize;
    for (k, &h) in hashes.iter().enumerate() {
        insert(&mut table, h, k);
        used += 1;
        let mask = table.len() - 1;
        if used * 5 >= mask * 3 {
            let minused = if used > 50_000 { used * 2 } else { used * 4 };
            let mut size = 8;
            while size <= minused {
                size <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; size]);
            for k in old.into_iter().flatten() {
                insert(&mut table, hashes[k], k);
            }
        }
    }
    Some(
        table
            .into_iter()
            .flatten()
            .map(|k| items[k].clone())
            .collect(),
    )
}

/// CPython's `hash(int)`: the value modulo 2**61 - 1 (sign kept, -1 -> -2),
/// as the unsigned `size_t` the set table masks.
fn int_hash(i: i64) -> u64 {
    const MODULUS: i128 = (1 << 61) - 1;
    let m = (i as i128).abs() % MODULUS;
    let h = if i < 0 { -m } else { m };
    let h = if h == -1 { -2 } else { h };
    h as i64 as u64
}

/// Builtins that are classes in Python (`int`, `list`, `zip`, ...).
pub fn is_type_builtin(name: &str) -> bool {
    matches!(
        name,
        "int"
            | "complex"
            | "float"
            | "bool"
            | "str"
            | "list"
            | "tuple"
            | "dict"
            | "set"
            | "range"
            | "type"
            | "zip"
            | "enumerate"
            | "reversed"
            | "object"
    )
}

/// `isinstance(v, cls)`; `cls` may be a tuple of classes.
pub fn isinstance(v: &Value, cls: &Value) -> EvalResult<bool> {
    match cls {
        Value::Tuple(items) => {
            for c in items.iter() {
                if isinstance(v, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::ExcType(k) => Ok(match v {
            Value::Exception(e) => e.kind.is_a(*k),
            _ => false,
        }),
        other => match class_name(other) {
            Some(name) => Ok(classes_of(v).contains(&name)),
            None => Err(EvalError::type_error(
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            )),
        },
    }
}
