//! Operators with NumPy's broadcasting and dtype rules (NEP 50: Python
//! scalars are "weak"), and Python's own rules when no NumPy value is involved.

use crate::eval::ErrorKind;
use ndarray::{ArrayD, IxDyn, Zip};

use crate::engine::{Array, DType, limits};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

use super::convert::{shape_str, to_array, wrap};
use super::error::{EvalError, EvalResult};
use super::value::{Scalar, Value};

const BOOL_SUB: &str = "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.";
const BOOL_NEG: &str = "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.";
const NEG_POW: &str = "Integers to negative integer powers are not allowed.";

/// NumPy's broadcast shape of two shapes, or its ValueError.
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> EvalResult<Vec<usize>> {
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for i in 0..n {
        let da = if i + a.len() >= n {
            a[i + a.len() - n]
        } else {
            1
        };
        let db = if i + b.len() >= n {
            b[i + b.len() - n]
        } else {
            1
        };
        out[i] = match (da, db) {
            (x, y) if x == y => x,
            (1, y) => y,
            (x, 1) => x,
            _ => {
                return Err(EvalError::value_error(format!(
                    "operands could not be broadcast together with shapes {} {} ",
                    shape_str(a),
                    shape_str(b)
                )));
            }
        };
    }
    Ok(out)
}

/// Elementwise `f` over two broadcast arrays.
pub fn zip_with<A: Copy, B: Copy, C>(
    x: &ArrayD<A>,
    y: &ArrayD<B>,
    f: impl Fn(A, B) -> C,
) -> EvalResult<ArrayD<C>> {
    let shape = broadcast_shapes(x.shape(), y.shape())?;
    limits::check_alloc(&shape, 8, "float64")?;
    let ix = IxDyn(&shape);
    let xv = x
        .broadcast(ix.clone())
        .expect("shape was broadcast-checked");
    let yv = y.broadcast(ix).expect("shape was broadcast-checked");
    Ok(Zip::from(&xv).and(&yv).map_collect(|&a, &b| f(a, b)))
}

/// A Python number, a "weak" scalar in NumPy's promotion.
#[derive(Clone, Copy)]
enum Py {
    B(bool),
    I(i64),
    F(f64),
}

fn py_num(v: &Value) -> Option<Py> {
    match v {
        Value::Bool(b) => Some(Py::B(*b)),
        Value::Int(i) => Some(Py::I(*i)),
        Value::Float(x) => Some(Py::F(*x)),
        _ => None,
    }
}

fn is_numpy(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::Scalar(_))
}

/// One operand of a NumPy operation: its array, whether its dtype is weak
/// (a Python scalar), and whether it is an n-d (ndim >= 1) array.
struct Operand {
    arr: Array,
    weak: bool,
    nd: bool,
}

fn operand(v: &Value) -> EvalResult<Operand> {
    let weak = py_num(v).is_some();
    let arr = to_array(v)?;
    let nd = arr.ndim() > 0;
    Ok(Operand { arr, weak, nd })
}

/// The common dtype of two operands under NEP 50.
fn operand_dtype(a: &Operand, b: &Operand) -> DType {
    match (a.weak, b.weak) {
        (false, false) | (true, true) => a.arr.dtype().promote(b.arr.dtype()),
        (true, false) => weak_with(a.arr.dtype(), b.arr.dtype()),
        (false, true) => weak_with(b.arr.dtype(), a.arr.dtype()),
    }
}

/// The dtype NumPy gives an operation on two values (NEP 50).
pub fn result_dtype(a: &Value, b: &Value) -> EvalResult<DType> {
    Ok(operand_dtype(&operand(a)?, &operand(b)?))
}

fn weak_with(weak: DType, strong: DType) -> DType {
    if weak > strong { weak } else { strong }
}

/// `a op b` for any two values.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> EvalResult<Value> {
    if !is_numpy(a) && !is_numpy(b) {
        return python_binary(op, a, b);
    }
    let (x, y) = (
        operand(a).map_err(|_| unsupported(op, a, b))?,
        operand(b).map_err(|_| unsupported(op, a, b))?,
    );
    let dt = operand_dtype(&x, &y);
    if op == BinOp::MatMul {
        return matmul(&x.arr.astype(dt), &y.arr.astype(dt));
    }
    let as_scalar = !x.nd && !y.nd;
    let out = array_binary(op, &x.arr.astype(dt), &y.arr.astype(dt))?;
    Ok(wrap(out, as_scalar))
}

fn unsupported(op: BinOp, a: &Value, b: &Value) -> EvalError {
    EvalError::type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op.symbol(),
        a.short_type(),
        b.short_type()
    ))
}

/// `x op y` on two arrays of the same dtype.
pub fn array_binary(op: BinOp, x: &Array, y: &Array) -> EvalResult<Array> {
    use Array::*;
    Ok(match (x, y) {
        (Float(x), Float(y)) => Float(zip_with(x, y, float_op(op)?)?),
        (Int(x), Int(y)) => match op {
            BinOp::Div => Float(zip_with(x, y, |a, b| a as f64 / b as f64)?),
            BinOp::Pow if y.iter().any(|&e| e < 0) => return Err(EvalError::value_error(NEG_POW)),
            _ => Int(zip_with(x, y, int_op(op)?)?),
        },
        (Bool(bx), Bool(by)) => match op {
            BinOp::Add | BinOp::BitOr => Bool(zip_with(bx, by, |a, b| a | b)?),
            BinOp::Mul | BinOp::BitAnd => Bool(zip_with(bx, by, |a, b| a & b)?),
            BinOp::BitXor => Bool(zip_with(bx, by, |a, b| a ^ b)?),
            BinOp::Sub => return Err(EvalError::type_error(BOOL_SUB)),
            _ => array_binary(op, &x.astype(DType::Int64), &y.astype(DType::Int64))?,
        },
        _ => unreachable!("operands are promoted to one dtype first"),
    })
}

fn float_op(op: BinOp) -> EvalResult<fn(f64, f64) -> f64> {
    Ok(match op {
        BinOp::Add => |a, b| a + b,
        BinOp::Sub => |a, b| a - b,
        BinOp::Mul => |a, b| a * b,
        BinOp::Div => |a, b| a / b,
        BinOp::FloorDiv => floor_div_f,
        BinOp::Mod => mod_f,
        BinOp::Pow => f64::powf,
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => {
            let name = match op {
                BinOp::BitAnd => "bitwise_and",
                BinOp::BitOr => "bitwise_or",
                _ => "bitwise_xor",
            };
            return Err(EvalError::type_error(format!(
                "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
            )));
        }
        BinOp::MatMul => return Err(matmul_unsupported()),
        BinOp::LShift | BinOp::RShift => {
            let name = if op == BinOp::LShift {
                "left_shift"
            } else {
                "right_shift"
            };
            return Err(EvalError::type_error(format!(
                "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
            )));
        }
    })
}

fn matmul_unsupported() -> EvalError {
    EvalError::new(
        ErrorKind::NotImplementedError,
        "the @ operator is not supported by gradlab",
    )
}

fn int_op(op: BinOp) -> EvalResult<fn(i64, i64) -> i64> {
    Ok(match op {
        BinOp::Add => i64::wrapping_add,
        BinOp::Sub => i64::wrapping_sub,
        BinOp::Mul => i64::wrapping_mul,
        BinOp::FloorDiv => floor_div_i,
        BinOp::Mod => mod_i,
        BinOp::Pow => |a, b| a.wrapping_pow(b.clamp(0, u32::MAX as i64) as u32),
        BinOp::BitAnd => |a, b| a & b,
        BinOp::BitOr => |a, b| a | b,
        BinOp::BitXor => |a, b| a ^ b,
        BinOp::Div => unreachable!("true division is float"),
        BinOp::MatMul => return Err(matmul_unsupported()),
        // NumPy: shifting by the width or more gives 0 (or -1 for a
        // negative number shifted right).
        BinOp::LShift => |a, b| {
            if (0..64).contains(&b) {
                a.wrapping_shl(b as u32)
            } else {
                0
            }
        },
        BinOp::RShift => |a, b| match b {
            0..=63 => a >> b,
            _ if b >= 64 && a < 0 => -1,
            _ => 0,
        },
    })
}

/// NumPy's (and Python's) float `divmod`.
fn divmod_f(a: f64, b: f64) -> (f64, f64) {
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
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let fl = div.floor();
        if div - fl > 0.5 { fl + 1.0 } else { fl }
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

pub fn floor_div_f(a: f64, b: f64) -> f64 {
    divmod_f(a, b).0
}

pub fn mod_f(a: f64, b: f64) -> f64 {
    divmod_f(a, b).1
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
fn python_binary(op: BinOp, a: &Value, b: &Value) -> EvalResult<Value> {
    if let (Some(x), Some(y)) = (py_num(a), py_num(b)) {
        return py_arith(op, x, y);
    }
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => {
            crate::memory::reserve(x.len().saturating_add(y.len()))?;
            Ok(Value::str(format!("{x}{y}")))
        }
        (BinOp::Add, Value::List(x), Value::List(y)) => {
            let mut v = crate::memory::try_vec(x.len().saturating_add(y.len()))?;
            v.extend(x.iter().chain(y.iter()).cloned());
            Ok(Value::List(std::rc::Rc::new(v)))
        }
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
            Ok(Value::tuple(x.iter().chain(y.iter()).cloned().collect()))
        }
        (BinOp::Mul, seq, Value::Int(n)) | (BinOp::Mul, Value::Int(n), seq)
            if matches!(seq, Value::List(_) | Value::Tuple(_) | Value::Str(_)) =>
        {
            repeat(seq, *n)
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
            limits::check_interrupt()?;
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
        Value::List(items) => Value::List(std::rc::Rc::new(times(items)?)),
        Value::Tuple(items) => Value::tuple(times(items)?),
        _ => unreachable!("only sequences repeat"),
    })
}

fn zero_div(msg: &str) -> EvalError {
    EvalError::new(ErrorKind::ZeroDivisionError, msg)
}

fn overflow() -> EvalError {
    EvalError::new(
        ErrorKind::OverflowError,
        "integer result too large for a 64-bit int",
    )
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
                return super::pyops::binary(op, &Value::Int(a), &Value::Int(b));
            }
        };
        return r.map(Value::Int).ok_or_else(overflow);
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
                return Err(EvalError::value_error(
                    "complex results are not supported (a negative number to a fractional power)",
                ));
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

/// `a op b` for a comparison operator.
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> EvalResult<Value> {
    if !is_numpy(a) && !is_numpy(b) {
        return python_compare(op, a, b).map(Value::Bool);
    }
    let (x, y) = match (operand(a), operand(b)) {
        (Ok(x), Ok(y)) => (x, y),
        _ => {
            return match op {
                CmpOp::Eq => Ok(Value::Bool(false)),
                CmpOp::Ne => Ok(Value::Bool(true)),
                _ => Err(cmp_unsupported(op, a, b)),
            };
        }
    };
    let dt = operand_dtype(&x, &y);
    let as_scalar = !x.nd && !y.nd;
    let out = match (x.arr.astype(dt), y.arr.astype(dt)) {
        (Array::Float(p), Array::Float(q)) => zip_with(&p, &q, cmp_fn::<f64>(op))?,
        (Array::Int(p), Array::Int(q)) => zip_with(&p, &q, cmp_fn::<i64>(op))?,
        (Array::Bool(p), Array::Bool(q)) => zip_with(&p, &q, cmp_fn::<bool>(op))?,
        _ => unreachable!("operands are promoted to one dtype first"),
    };
    Ok(wrap(Array::Bool(out), as_scalar))
}

fn cmp_fn<T: PartialOrd>(op: CmpOp) -> fn(T, T) -> bool {
    match op {
        CmpOp::Eq => |a, b| a == b,
        CmpOp::Ne => |a, b| a != b,
        CmpOp::Lt => |a, b| a < b,
        CmpOp::Le => |a, b| a <= b,
        CmpOp::Gt => |a, b| a > b,
        CmpOp::Ge => |a, b| a >= b,
        // Membership and identity are Python's (see `pyops::compare`).
        CmpOp::In | CmpOp::NotIn | CmpOp::Is | CmpOp::IsNot => |_, _| false,
    }
}

fn cmp_unsupported(op: CmpOp, a: &Value, b: &Value) -> EvalError {
    EvalError::type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op.symbol(),
        a.short_type(),
        b.short_type()
    ))
}

fn python_compare(op: CmpOp, a: &Value, b: &Value) -> EvalResult<bool> {
    use std::cmp::Ordering;
    let ord: Option<Ordering> = match (a, b) {
        _ if py_num(a).is_some() && py_num(b).is_some() => {
            let (x, y) = (py_num(a).unwrap(), py_num(b).unwrap());
            match (x, y) {
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
        (Value::List(x), Value::List(y)) | (Value::Tuple(x), Value::Tuple(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|(p, q)| python_compare(CmpOp::Eq, p, q).unwrap_or(false))
        }
        (Value::Module(x), Value::Module(y)) => x == y,
        (Value::DType(x), Value::DType(y)) => x == y,
        _ => false,
    }
}

/// `op a` for a unary operator.
pub fn unary(op: UnaryOp, a: &Value) -> EvalResult<Value> {
    if op == UnaryOp::Not {
        return Ok(Value::Bool(!super::convert::truthy(a)?));
    }
    match (op, a) {
        (UnaryOp::Neg, Value::Int(i)) => {
            return i.checked_neg().map(Value::Int).ok_or_else(overflow);
        }
        (UnaryOp::Neg, Value::Bool(b)) => return Ok(Value::Int(-i64::from(*b))),
        (UnaryOp::Neg, Value::Float(x)) => return Ok(Value::Float(-x)),
        (UnaryOp::Pos, Value::Int(_) | Value::Float(_)) => return Ok(a.clone()),
        (UnaryOp::Pos, Value::Bool(b)) => return Ok(Value::Int(i64::from(*b))),
        (UnaryOp::Invert, Value::Int(i)) => return Ok(Value::Int(!i)),
        (UnaryOp::Invert, Value::Bool(b)) => return Ok(Value::Int(!i64::from(*b))),
        _ => {}
    }
    if !is_numpy(a) {
        let sym = match op {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            _ => "~",
        };
        return Err(EvalError::type_error(format!(
            "bad operand type for unary {sym}: '{}'",
            a.short_type()
        )));
    }
    let x = operand(a)?;
    let out = match (op, &x.arr) {
        (UnaryOp::Neg, Array::Float(v)) => Array::Float(v.mapv(|e| -e)),
        (UnaryOp::Neg, Array::Int(v)) => Array::Int(v.mapv(i64::wrapping_neg)),
        (UnaryOp::Neg, Array::Bool(_)) => return Err(EvalError::type_error(BOOL_NEG)),
        (UnaryOp::Pos, arr) => arr.clone(),
        (UnaryOp::Invert, Array::Int(v)) => Array::Int(v.mapv(|e| !e)),
        (UnaryOp::Invert, Array::Bool(v)) => Array::Bool(v.mapv(|e| !e)),
        (UnaryOp::Invert, Array::Float(_)) => {
            return Err(EvalError::type_error(
                "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
            ));
        }
        (UnaryOp::Not, _) => unreachable!("handled above"),
    };
    Ok(wrap(out, !x.nd))
}

/// A NumPy scalar from a Python number (for mixed scalar results).
pub fn scalar_of(v: &Value) -> Option<Scalar> {
    match v {
        Value::Scalar(s) => Some(*s),
        Value::Bool(b) => Some(Scalar::B(*b)),
        Value::Int(i) => Some(Scalar::I(*i)),
        Value::Float(x) => Some(Scalar::F(*x)),
        _ => None,
    }
}

/// `x @ y` for 1-D and 2-D operands (NumPy's `matmul`), in one dtype.
fn matmul(x: &Array, y: &Array) -> EvalResult<Value> {
    if x.ndim() == 0 || y.ndim() == 0 {
        return Err(EvalError::value_error(
            "matmul: Input operand does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)",
        ));
    }
    if x.ndim() > 2 || y.ndim() > 2 {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab's @ handles 1-D and 2-D arrays",
        ));
    }
    let (n, k) = if x.ndim() == 1 {
        (1, x.shape()[0])
    } else {
        (x.shape()[0], x.shape()[1])
    };
    let (k2, m) = if y.ndim() == 1 {
        (y.shape()[0], 1)
    } else {
        (y.shape()[0], y.shape()[1])
    };
    if k != k2 {
        return Err(EvalError::value_error(format!(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {k2} is different from {k})"
        )));
    }
    let mut shape = Vec::new();
    if x.ndim() == 2 {
        shape.push(n);
    }
    if y.ndim() == 2 {
        shape.push(m);
    }
    let dims = (n, k, m);
    let out = match (x, y) {
        (Array::Float(a), Array::Float(b)) => Array::Float(mat_product(
            a,
            b,
            dims,
            &shape,
            0.0,
            |p, q| p * q,
            |p, q| p + q,
        )),
        (Array::Int(a), Array::Int(b)) => Array::Int(mat_product(
            a,
            b,
            dims,
            &shape,
            0,
            i64::wrapping_mul,
            i64::wrapping_add,
        )),
        (Array::Bool(a), Array::Bool(b)) => Array::Bool(mat_product(
            a,
            b,
            dims,
            &shape,
            false,
            |p, q| p & q,
            |p, q| p | q,
        )),
        _ => unreachable!("promoted to one dtype"),
    };
    Ok(wrap(out, true))
}

fn mat_product<T: Copy>(
    x: &ArrayD<T>,
    y: &ArrayD<T>,
    (n, k, m): (usize, usize, usize),
    shape: &[usize],
    zero: T,
    mul: impl Fn(T, T) -> T,
    add: impl Fn(T, T) -> T,
) -> ArrayD<T> {
    let x: Vec<T> = x.iter().copied().collect();
    let y: Vec<T> = y.iter().copied().collect();
    let mut out = vec![zero; n * m];
    for i in 0..n {
        for j in 0..m {
            let mut acc = zero;
            for p in 0..k {
                acc = add(acc, mul(x[i * k + p], y[p * m + j]));
            }
            out[i * m + j] = acc;
        }
    }
    ArrayD::from_shape_vec(IxDyn(shape), out).expect("product shape")
}
