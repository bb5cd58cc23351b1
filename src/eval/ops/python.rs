//! Python's own operator rules, for operands that are not NumPy values
//! (ints, floats, bools, strings, lists, tuples), and the floor division
//! and modulo rules NumPy shares with Python.

use crate::eval::ErrorKind;
use crate::syntax::ast::{BinOp, CmpOp};

use super::super::error::{EvalError, EvalResult};
use super::super::value::Value;
use super::{cmp_unsupported, unsupported};

/// A Python number, a "weak" scalar in NumPy's promotion.
#[derive(Clone, Copy)]
pub(super) enum Py {
    B(bool),
    I(i64),
    F(f64),
}

pub(super) fn py_num(v: &Value) -> Option<Py> {
    match v {
        Value::Bool(b) => Some(Py::B(*b)),
        Value::Int(i) => Some(Py::I(*i)),
        Value::Float(x) => Some(Py::F(*x)),
        _ => None,
    }
}

/// NumPy's `npy_divmod` (Python's float `divmod`) for one float type.
macro_rules! float_divmod {
    ($vis:vis $name:ident, $rem_vis:vis $rem:ident, $t:ty) => {
        /// NumPy's `npy_remainder`: a zero divisor gives `fmod`'s NaN
        /// without dividing (so only "invalid value" is raised, as NumPy).
        $rem_vis fn $rem(a: $t, b: $t) -> $t {
            if b == 0.0 { a % b } else { $name(a, b).1 }
        }

        /// NumPy's (and Python's) float `divmod`: the floor quotient and a
        /// remainder with the divisor's sign.
        $vis fn $name(a: $t, b: $t) -> ($t, $t) {
            let mut m = a % b;
            if b == 0.0 {
                return (a / b, m);
            }
            let mut div = (a - m) / b;
            if m != 0.0 {
                if (b < 0.0) != (m < 0.0) {
                    m += b;
                    div -= 1.0;
                }
            } else {
                m = (0.0 as $t).copysign(b);
            }
            let floordiv = if div != 0.0 {
                let fl = div.floor();
                if div - fl > 0.5 { fl + 1.0 } else { fl }
            } else {
                (0.0 as $t).copysign(a / b)
            };
            (floordiv, m)
        }
    };
}

float_divmod!(divmod_f, remainder_f, f64);
float_divmod!(pub(super) divmod_f32, pub(super) remainder_f32, f32);

pub fn floor_div_f(a: f64, b: f64) -> f64 {
    divmod_f(a, b).0
}

pub fn mod_f(a: f64, b: f64) -> f64 {
    remainder_f(a, b)
}

pub fn floor_div_i(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    if a == i64::MIN && b == -1 {
        return i64::MIN;
    }
    let q = a / b;
    if a % b != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

pub fn mod_i(a: i64, b: i64) -> i64 {
    if b == 0 || (a == i64::MIN && b == -1) {
        return 0;
    }
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

/// Python semantics when no NumPy value is involved.
pub(super) fn python_binary(op: BinOp, a: &Value, b: &Value) -> EvalResult<Value> {
    if let Some(r) = super::pycomplex::binary(op, a, b) {
        return r;
    }
    if let Some(r) = super::pybigint::binary(op, a, b) {
        return r;
    }
    if let (Some(x), Some(y)) = (py_num(a), py_num(b)) {
        return py_arith(op, x, y);
    }
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => {
            crate::memory::reserve(x.len().saturating_add(y.len()))?;
            Ok(Value::str(format!("{x}{y}")))
        }
        (BinOp::Add, Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            let mut v = crate::memory::try_vec(x.len().saturating_add(y.len()))?;
            v.extend(x.iter().chain(y.iter()).cloned());
            Ok(Value::list(v))
        }
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
            Ok(Value::tuple(x.iter().chain(y.iter()).cloned().collect()))
        }
        (BinOp::Mul, seq, Value::Int(n)) | (BinOp::Mul, Value::Int(n), seq)
            if matches!(seq, Value::List(_) | Value::Tuple(_) | Value::Str(_)) =>
        {
            repeat(seq, *n)
        }
        (BinOp::Mul, seq, other) | (BinOp::Mul, other, seq)
            if matches!(seq, Value::List(_) | Value::Tuple(_) | Value::Str(_))
                && matches!(
                    other,
                    Value::Float(_)
                        | Value::Complex(_)
                        | Value::List(_)
                        | Value::Tuple(_)
                        | Value::Str(_)
                        | Value::None
                        | Value::Dict(_)
                        | Value::Set(_)
                ) =>
        {
            Err(EvalError::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                other.short_type()
            )))
        }
        (BinOp::Mod, Value::Str(_), _) => Err(EvalError::type_error(
            "%-formatting of strings is not supported; use f-strings or str()",
        )),
        _ if matches!(a, Value::List(_) | Value::Tuple(_))
            || matches!(b, Value::List(_) | Value::Tuple(_)) =>
        {
            // A list with a number: Python has no such operator.
            Err(unsupported(op, a, b))
        }
        _ => Err(unsupported(op, a, b)),
    }
}

/// `seq * n`. The size is checked (Python's `MemoryError`, or
/// `OverflowError: repeated string is too long` past `isize::MAX`) and
/// reserved before anything is allocated, and a long fill stops at Ctrl-C,
/// so an interrupted `x = [0]*(3*10**8)` assigns nothing.
fn repeat(seq: &Value, n: i64) -> EvalResult<Value> {
    let n = n.max(0) as usize;
    let times = |items: &[Value]| -> EvalResult<Vec<Value>> {
        let total = items
            .len()
            .checked_mul(n)
            .ok_or(crate::memory::MemoryError { bytes: usize::MAX })?;
        let mut out = crate::memory::try_vec(total)?;
        // Chunks of whole copies, with an interrupt check between them.
        let per_chunk = (1 << 20) / items.len().max(1) + 1;
        let mut left = n;
        while left > 0 {
            crate::array::limits::check_interrupt()?;
            let k = left.min(per_chunk);
            for _ in 0..k {
                out.extend_from_slice(items);
            }
            left -= k;
        }
        Ok(out)
    };
    Ok(match seq {
        Value::Str(s) => {
            let total = s
                .len()
                .checked_mul(n)
                .filter(|&t| t <= isize::MAX as usize)
                .ok_or_else(|| {
                    EvalError::new(ErrorKind::OverflowError, "repeated string is too long")
                })?;
            crate::memory::reserve(total)?;
            Value::str(s.repeat(n))
        }
        Value::List(items) => Value::list(times(&items.borrow())?),
        Value::Tuple(items) => Value::tuple(times(items)?),
        _ => unreachable!("only sequences repeat"),
    })
}

fn zero_div(msg: &str) -> EvalError {
    EvalError::new(ErrorKind::ZeroDivisionError, msg)
}

fn py_arith(op: BinOp, x: Py, y: Py) -> EvalResult<Value> {
    let as_int = |p: Py| match p {
        Py::B(b) => Some(i64::from(b)),
        Py::I(i) => Some(i),
        Py::F(_) => None,
    };
    let as_f = |p: Py| match p {
        Py::B(b) => f64::from(u8::from(b)),
        Py::I(i) => i as f64,
        Py::F(f) => f,
    };
    if let (Py::B(a), Py::B(b)) = (x, y) {
        match op {
            BinOp::BitAnd => return Ok(Value::Bool(a & b)),
            BinOp::BitOr => return Ok(Value::Bool(a | b)),
            BinOp::BitXor => return Ok(Value::Bool(a ^ b)),
            _ => {}
        }
    }
    if let (Some(a), Some(b)) = (as_int(x), as_int(y)) {
        let r = match op {
            BinOp::Add => a.checked_add(b),
            BinOp::Sub => a.checked_sub(b),
            BinOp::Mul => a.checked_mul(b),
            BinOp::Div => {
                if b == 0 {
                    return Err(zero_div("division by zero"));
                }
                // Past 2**53 an int is not exactly a float: divide exactly
                // and round once, as Python does.
                const EXACT: u64 = 1 << 53;
                if a.unsigned_abs() > EXACT || b.unsigned_abs() > EXACT {
                    return super::pybigint::arith(op, &a.into(), &b.into());
                }
                return Ok(Value::Float(a as f64 / b as f64));
            }
            BinOp::FloorDiv => {
                if b == 0 {
                    return Err(zero_div("integer division or modulo by zero"));
                }
                Some(floor_div_i(a, b))
            }
            BinOp::Mod => {
                if b == 0 {
                    return Err(zero_div("integer modulo by zero"));
                }
                Some(mod_i(a, b))
            }
            BinOp::Pow => {
                if b < 0 {
                    if a == 0 {
                        return Err(zero_div("0.0 cannot be raised to a negative power"));
                    }
                    return Ok(Value::Float((a as f64).powf(b as f64)));
                }
                u32::try_from(b).ok().and_then(|e| a.checked_pow(e))
            }
            BinOp::BitAnd => Some(a & b),
            BinOp::BitOr => Some(a | b),
            BinOp::BitXor => Some(a ^ b),
            BinOp::MatMul => {
                return Err(EvalError::type_error(
                    "unsupported operand type(s) for @: 'int' and 'int'",
                ));
            }
            BinOp::LShift | BinOp::RShift => {
                return super::super::pyops::binary(op, &Value::Int(a), &Value::Int(b));
            }
        };
        // Past int64 a Python int keeps going, as a big int.
        return match r {
            Some(v) => Ok(Value::Int(v)),
            None => super::pybigint::arith(op, &a.into(), &b.into()),
        };
    }
    let (a, b) = (as_f(x), as_f(y));
    let r = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div if b == 0.0 => return Err(zero_div("float division by zero")),
        BinOp::Div => a / b,
        BinOp::FloorDiv if b == 0.0 => return Err(zero_div("float floor division by zero")),
        BinOp::FloorDiv => floor_div_f(a, b),
        BinOp::Mod if b == 0.0 => return Err(zero_div("float modulo")),
        BinOp::Mod => mod_f(a, b),
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                return Err(zero_div("0.0 cannot be raised to a negative power"));
            }
            if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
                // Python's float_pow: a complex result, complex(a) ** complex(b).
                let c = |x: f64| Value::Complex(crate::array::Complex128::new(x, 0.0));
                return super::pycomplex::binary(BinOp::Pow, &c(a), &c(b))
                    .expect("complex operands");
            }
            a.powf(b)
        }
        _ => {
            return Err(EvalError::type_error(format!(
                "unsupported operand type(s) for {}: 'float' and 'float'",
                op.symbol()
            )));
        }
    };
    Ok(Value::Float(r))
}

pub(super) fn python_compare(op: CmpOp, a: &Value, b: &Value) -> EvalResult<bool> {
    use std::cmp::Ordering;
    if let Some(r) = super::pycomplex::compare(op, a, b) {
        return r;
    }
    let ord: Option<Ordering> = match (a, b) {
        _ if let Some(o) = super::pybigint::compare(a, b) => o,
        _ if py_num(a).is_some() && py_num(b).is_some() => {
            let (x, y) = (py_num(a).unwrap(), py_num(b).unwrap());
            match (x, y) {
                // Exactly, as CPython compares an int with a float.
                (Py::I(i), Py::F(f)) => super::pybigint::cmp_float(&i.into(), f),
                (Py::F(f), Py::I(i)) => {
                    super::pybigint::cmp_float(&i.into(), f).map(Ordering::reverse)
                }
                (Py::F(_), _) | (_, Py::F(_)) => {
                    let f = |p: Py| match p {
                        Py::B(b) => f64::from(u8::from(b)),
                        Py::I(i) => i as f64,
                        Py::F(f) => f,
                    };
                    f(x).partial_cmp(&f(y))
                }
                _ => {
                    let i = |p: Py| match p {
                        Py::B(b) => i64::from(b),
                        Py::I(i) => i,
                        Py::F(_) => 0,
                    };
                    Some(i(x).cmp(&i(y)))
                }
            }
        }
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        (Value::None, Value::None) => Some(Ordering::Equal),
        _ => {
            return match op {
                CmpOp::Eq => Ok(values_identical(a, b)),
                CmpOp::Ne => Ok(!values_identical(a, b)),
                _ => Err(cmp_unsupported(op, a, b)),
            };
        }
    };
    Ok(match (op, ord) {
        (CmpOp::Ne, None) => true,
        (_, None) => false,
        (CmpOp::Eq, Some(o)) => o == Ordering::Equal,
        (CmpOp::Ne, Some(o)) => o != Ordering::Equal,
        (CmpOp::Lt, Some(o)) => o == Ordering::Less,
        (CmpOp::Le, Some(o)) => o != Ordering::Greater,
        (CmpOp::Gt, Some(o)) => o == Ordering::Greater,
        (CmpOp::Ge, Some(o)) => o != Ordering::Less,
        (CmpOp::In | CmpOp::NotIn | CmpOp::Is | CmpOp::IsNot, _) => false,
    })
}

fn values_identical(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_)) => {
            let (Some(x), Some(y)) = (a.seq_items(), b.seq_items()) else {
                return false;
            };
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|(p, q)| python_compare(CmpOp::Eq, p, q).unwrap_or(false))
        }
        (Value::Module(x), Value::Module(y)) => x == y,
        (Value::DType(x), Value::DType(y)) => x == y,
        // matplotlib's objects compare by identity.
        (Value::Artist(x), Value::Artist(y)) => std::rc::Rc::ptr_eq(x, y),
        (Value::Axes(x), Value::Axes(y)) => x == y,
        (Value::Figure(x), Value::Figure(y)) => x == y,
        _ => false,
    }
}
