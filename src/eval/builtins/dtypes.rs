//! dtype objects and questions about them: `np.dtype`, `np.issubdtype`,
//! `np.iinfo`, `np.finfo`, `np.promote_types`, `np.can_cast`, and the
//! abstract scalar classes (`np.integer`, `np.floating`, ...).

use std::rc::Rc;

use crate::array::{Casting, Complex128, DType, Kind, Scalar};
use crate::eval::ErrorKind;

use super::super::args::Bound;
use super::super::convert::dtype_arg;
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home};

builtins! { DTYPES;
    "dtype", Numpy, dtype, "dtype(dtype)",
        "A dtype object: np.dtype('float32'), np.dtype(np.uint8), np.dtype(float).",
        "np.dtype('float32').itemsize";
    "issubdtype", Numpy, issubdtype, "issubdtype(arg1, arg2)",
        "Whether arg1 is a sub-dtype of arg2 (np.integer, np.floating, np.number, ...).",
        "np.issubdtype(np.uint8, np.integer)";
    "iinfo", Numpy, iinfo, "iinfo(int_type)",
        "The limits of an integer dtype: .min, .max, .bits, .dtype.",
        "np.iinfo(np.uint8).max";
    "finfo", Numpy, finfo, "finfo(dtype)",
        "The limits of a float dtype: .eps, .max, .min, .tiny, .resolution, .precision.",
        "np.finfo(np.float32).eps";
    "promote_types", Numpy, promote_types, "promote_types(type1, type2)",
        "The smallest dtype both cast to safely.", "np.promote_types(np.uint8, np.int8)";
    "complex", Python, complex, "complex(real=0, imag=0)",
        "Python's complex number real + imag*1j (also complex('1+2j')); as a dtype, complex128.",
        "complex(1, 2)";
    "can_cast", Numpy, can_cast, "can_cast(from_, to, casting='safe')",
        "Whether a cast between dtypes is allowed under a casting rule.",
        "np.can_cast(np.int64, np.float32)";
}

/// NumPy's abstract scalar classes, as `np.<name>` answers them.
const ABSTRACT: &[&str] = &[
    "generic",
    "number",
    "integer",
    "signedinteger",
    "unsignedinteger",
    "inexact",
    "floating",
    "complexfloating",
];

/// `np.<name>` for an abstract scalar class (`np.integer`).
/// NumPy's error for a dtype gradlab does not store, named as `np.<name>`
/// or as a dtype string (`'complex64'`, `'c8'`, `'float16'`, `'f2'`): a
/// `NotImplementedError` that says what is missing, where the name would
/// otherwise look like a typo (`AttributeError`, `data type not
/// understood`).
/// Codes (`'c8'`, `'e'`) count only in dtype strings (`np.e` is Euler's
/// number).
pub fn unsupported_dtype(name: &str, string: bool) -> Option<EvalError> {
    let code = name.trim_start_matches(['<', '=', '|']);
    let missing = match code {
        "complex64" | "csingle" => "complex64",
        "float16" | "half" => "float16",
        "longdouble" | "float128" => "longdouble",
        "clongdouble" | "complex256" => "clongdouble",
        "c8" | "F" if string => "complex64",
        "f2" | "e" if string => "float16",
        "f16" | "g" if string => "longdouble",
        "c32" | "G" if string => "clongdouble",
        _ => return None,
    };
    Some(EvalError::new(
        crate::eval::ErrorKind::NotImplementedError,
        format!(
            "{missing} is not supported by gradlab (its dtypes are bool, int8-int64, uint8-uint64, float32, float64 and complex128): {missing} arrays, scalars and their printing are missing"
        ),
    ))
}

pub fn abstract_class(name: &str) -> Option<Value> {
    ABSTRACT
        .contains(&name)
        .then(|| Value::Class(format!("numpy.{name}").into()))
}

/// The abstract classes a concrete dtype derives from, most derived first.
fn bases(d: DType) -> &'static [&'static str] {
    match d.kind() {
        Kind::Bool => &["generic"],
        Kind::Int => &["signedinteger", "integer", "number", "generic"],
        Kind::UInt => &["unsignedinteger", "integer", "number", "generic"],
        Kind::Float => &["floating", "inexact", "number", "generic"],
        Kind::Complex => &["complexfloating", "inexact", "number", "generic"],
    }
}

/// The parent of an abstract class.
fn parent(name: &str) -> Option<&'static str> {
    Some(match name {
        "number" => "generic",
        "integer" | "inexact" => "number",
        "signedinteger" | "unsignedinteger" => "integer",
        "floating" | "complexfloating" => "inexact",
        _ => return None,
    })
}

/// A dtype or abstract class argument.
enum Sub {
    Concrete(DType),
    Abstract(&'static str),
}

fn sub_arg(v: &Value) -> EvalResult<Sub> {
    if let Value::Class(name) = v
        && let Some(n) = name.strip_prefix("numpy.")
        && let Some(a) = ABSTRACT.iter().find(|a| **a == n)
    {
        return Ok(Sub::Abstract(a));
    }
    match dtype_arg(v)? {
        Some(d) => Ok(Sub::Concrete(d)),
        None => Ok(Sub::Concrete(DType::Float64)),
    }
}

pub fn dtype(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let d = b.at("dtype", dtype_arg(b.req("dtype")))?;
    Ok(Value::DTypeObj(d.unwrap_or(DType::Float64)))
}

pub fn issubdtype(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let x = b.at("arg1", sub_arg(b.req("arg1")))?;
    let y = b.at("arg2", sub_arg(b.req("arg2")))?;
    Ok(Value::Bool(match (x, y) {
        (Sub::Concrete(x), Sub::Concrete(y)) => x == y,
        (Sub::Concrete(x), Sub::Abstract(y)) => bases(x).contains(&y),
        (Sub::Abstract(_), Sub::Concrete(_)) => false,
        (Sub::Abstract(mut x), Sub::Abstract(y)) => loop {
            if x == y {
                break true;
            }
            match parent(x) {
                Some(p) => x = p,
                None => break false,
            }
        },
    }))
}

/// What `np.iinfo(t)` / `np.finfo(t)` return.
#[derive(Debug)]
pub struct NumInfo {
    /// The integer or float dtype described.
    pub dtype: DType,
}

impl NumInfo {
    fn is_int(&self) -> bool {
        self.dtype.is_integer()
    }

    /// `numpy.iinfo` or `numpy.finfo`.
    pub fn type_name(&self) -> &'static str {
        if self.is_int() {
            "numpy.iinfo"
        } else {
            "numpy.finfo"
        }
    }

    /// NumPy's repr: `iinfo(min=0, max=255, dtype=uint8)`,
    /// `finfo(resolution=1e-06, min=-3.4028235e+38, ...)`.
    pub fn repr(&self) -> String {
        let s = |name| {
            self.attr(name)
                .map(|v| v.to_string())
                .unwrap_or_else(|| "?".into())
        };
        if self.is_int() {
            format!(
                "iinfo(min={}, max={}, dtype={})",
                s("min"),
                s("max"),
                self.dtype
            )
        } else {
            format!(
                "finfo(resolution={}, min={}, max={}, dtype={})",
                s("resolution"),
                s("min"),
                s("max"),
                self.dtype
            )
        }
    }

    /// `info.name`.
    pub fn attr(&self, name: &str) -> Option<Value> {
        let d = self.dtype;
        if name == "dtype" {
            return Some(Value::DTypeObj(d));
        }
        if name == "bits" {
            return Some(Value::Int(8 * d.itemsize() as i64));
        }
        if self.is_int() {
            let (min, max) = int_limits(d);
            return match name {
                "min" => Some(Value::Int(min)),
                // uint64's max is not an int64: a NumPy uint64 stands in.
                "max" if d == DType::UInt64 => Some(Value::Scalar(Scalar::UInt64(u64::MAX))),
                "max" => Some(Value::Int(max as i64)),
                "kind" => Some(Value::str(d.kind().char().to_string())),
                _ => None,
            };
        }
        let single = d == DType::Float32;
        let f = |x32: f32, x64: f64| {
            Value::Scalar(if single {
                Scalar::Float32(x32)
            } else {
                Scalar::Float64(x64)
            })
        };
        let i = |a: i64, b: i64| Value::Int(if single { a } else { b });
        Some(match name {
            "eps" => f(f32::EPSILON, f64::EPSILON),
            "epsneg" => f(f32::EPSILON / 2.0, f64::EPSILON / 2.0),
            "max" => f(f32::MAX, f64::MAX),
            "min" => f(f32::MIN, f64::MIN),
            "tiny" | "smallest_normal" => f(f32::MIN_POSITIVE, f64::MIN_POSITIVE),
            "resolution" => f(1e-6, 1e-15),
            "precision" => i(6, 15),
            "nmant" => i(23, 52),
            "nexp" => i(8, 11),
            "maxexp" => i(128, 1024),
            "minexp" => i(-126, -1022),
            _ => return None,
        })
    }
}

/// The smallest and largest value of an integer dtype.
fn int_limits(d: DType) -> (i64, u64) {
    let bits = 8 * d.itemsize() as u32;
    if d.kind() == Kind::UInt {
        (0, u64::MAX >> (64 - bits))
    } else {
        (i64::MIN >> (64 - bits), (i64::MAX >> (64 - bits)) as u64)
    }
}

/// The dtype of an `iinfo`/`finfo` argument: a dtype-like, or an array's
/// or NumPy scalar's dtype.
fn info_dtype(v: &Value) -> EvalResult<DType> {
    match v {
        Value::Scalar(s) => Ok(s.dtype()),
        Value::Array(a) => Ok(a.dtype()),
        other => Ok(dtype_arg(other)?.unwrap_or(DType::Float64)),
    }
}

pub fn iinfo(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let d = b.at("int_type", info_dtype(b.req("int_type")))?;
    if !d.is_integer() {
        return Err(EvalError::value_error(format!(
            "Invalid integer data type '{}'.",
            d.kind().char()
        )));
    }
    Ok(Value::NumInfo(Rc::new(NumInfo { dtype: d })))
}

pub fn finfo(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let d = b.at("dtype", info_dtype(b.req("dtype")))?;
    let d = match d.kind() {
        Kind::Float => d,
        Kind::Complex => DType::Float64,
        _ => {
            return Err(EvalError::value_error(format!(
                "data type <class 'numpy.{}'> not inexact",
                d.name()
            )));
        }
    };
    Ok(Value::NumInfo(Rc::new(NumInfo { dtype: d })))
}

/// `complex(real=0, imag=0)`: Python's complex type; as a value, `real +
/// imag*1j` (either may be complex), or a complex parsed from a string.
pub fn complex(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let part = |name: &str, first: bool| -> EvalResult<Option<Complex128>> {
        let Some(v) = b.get(name) else {
            return Ok(None);
        };
        Ok(Some(match v {
            Value::Complex(z) => *z,
            Value::Scalar(Scalar::Complex128(z)) => *z,
            Value::Str(_) if first => unreachable!("strings are parsed below"),
            Value::Str(_) => {
                return Err(EvalError::type_error(
                    "complex() second arg can't be a string",
                ));
            }
            Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Scalar(_) => {
                Complex128::new(b.at(name, super::super::convert::real(v))?, 0.0)
            }
            other => {
                let what = if first {
                    "first argument must be a string or a number"
                } else {
                    "second argument must be a number"
                };
                return Err(EvalError::type_error(format!(
                    "complex() {what}, not '{}'",
                    other.short_type()
                )));
            }
        }))
    };
    if let Some(Value::Str(text)) = b.get("real") {
        if b.get("imag").is_some() {
            return Err(EvalError::type_error(
                "complex() can't take second arg if first is a string",
            ));
        }
        return parse_complex(text)
            .map(Value::Complex)
            .ok_or_else(|| EvalError::value_error("complex() arg is a malformed string"));
    }
    let re = part("real", true)?.unwrap_or_default();
    let Some(im) = part("imag", false)? else {
        return Ok(Value::Complex(re));
    };
    // CPython's complex_new: a complex part's other half is added only
    // when that part is complex (so `complex(1, -0.0)` keeps its -0.0).
    let is_complex = |name: &str| {
        matches!(
            b.get(name),
            Some(Value::Complex(_) | Value::Scalar(Scalar::Complex128(_)))
        )
    };
    let mut real = re.re;
    let mut imag = im.re;
    if is_complex("imag") {
        real -= im.im;
    }
    if is_complex("real") {
        imag += re.im;
    }
    Ok(Value::Complex(Complex128::new(real, imag)))
}

/// Python's `complex(str)`: `1`, `2j`, `1+2j`, `-1.5e3-j`, `(1+2j)`,
/// `nan+infj`, spaces around; `None` when malformed.
fn parse_complex(text: &str) -> Option<Complex128> {
    let mut s = text.trim();
    if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        s = inner.trim();
    }
    if s.is_empty() || s.contains(char::is_whitespace) {
        return None;
    }
    let float = |t: &str| -> Option<f64> {
        let digits = t.trim_start_matches(['+', '-']);
        let word = matches!(
            digits.to_ascii_lowercase().as_str(),
            "inf" | "infinity" | "nan"
        );
        if !word && !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            return None;
        }
        if t.contains("__") || t.starts_with('_') || t.ends_with('_') {
            return None;
        }
        t.replace('_', "").parse::<f64>().ok()
    };
    let imag_of = |t: &str| -> Option<f64> {
        match t {
            "" | "+" => Some(1.0),
            "-" => Some(-1.0),
            _ => float(t),
        }
    };
    let Some(body) = s.strip_suffix(['j', 'J']) else {
        return float(s).map(|re| Complex128::new(re, 0.0));
    };
    // The sign that starts the imaginary part: the last `+`/`-` not at
    // the start and not right after an exponent's `e`.
    let bytes = body.as_bytes();
    let split = (1..bytes.len())
        .rev()
        .find(|&k| matches!(bytes[k], b'+' | b'-') && !matches!(bytes[k - 1], b'e' | b'E'));
    match split {
        Some(k) => Some(Complex128::new(float(&body[..k])?, imag_of(&body[k..])?)),
        None => Some(Complex128::new(0.0, imag_of(body)?)),
    }
}

fn dtype_req(b: &Bound, name: &str) -> EvalResult<DType> {
    b.at(name, info_dtype(b.req(name)))
}

pub fn promote_types(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (x, y) = (dtype_req(b, "type1")?, dtype_req(b, "type2")?);
    Ok(Value::DTypeObj(x.promote(y)))
}

pub fn can_cast(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (x, y) = (dtype_req(b, "from_")?, dtype_req(b, "to")?);
    let casting = match b.get("casting") {
        Some(Value::Str(s)) => Casting::parse(s).ok_or_else(|| {
            EvalError::value_error(format!(
                "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got '{s}')"
            ))
        })?,
        Some(other) => {
            return Err(EvalError::new(
                ErrorKind::TypeError,
                format!("casting must be str, not {}", other.type_name()),
            ));
        }
        None => Casting::Safe,
    };
    Ok(Value::Bool(x.can_cast(y, casting)))
}
