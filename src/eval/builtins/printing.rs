//! NumPy's print options and printing functions: `np.set_printoptions`,
//! `np.get_printoptions`, `with np.printoptions(...)`, `np.array2string`,
//! `np.array_repr`, `np.array_str`, `np.format_float_positional`,
//! `np.format_float_scientific`. The options live in `Session::opts`, the
//! same field `:set precision` and `%precision` set.

use std::cell::RefCell;
use std::rc::Rc;

use crate::array::Array;
use crate::format::dragon4::{self, Trim};
use crate::format::{self, FloatMode, Legacy, PrintOptions, Sign, Threshold};

use super::super::args::Bound;
use super::super::convert::{index_int, real, to_array, truthy};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::{ContextManager, Value};
use super::{Builtin, Home};

builtins! { PRINTING;
    "set_printoptions", Numpy, set_printoptions,
        "set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, *, legacy=None, override_repr=None)",
        "Set how arrays print: digits (precision, floatmode), suppress, sign, summarising (threshold, edgeitems), linewidth, legacy.",
        "np.set_printoptions(precision=3, suppress=True); np.array([1/3, 1e-6, 2.0])";
    "get_printoptions", Numpy, get_printoptions, "get_printoptions()",
        "The current print options as a dict.", "np.get_printoptions()['precision']";
    "printoptions", Numpy, printoptions,
        "printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, *, legacy=None, override_repr=None)",
        "A context manager: the print options inside a with block, restored after it.",
        "with np.printoptions(precision=2): print(np.array([1/3, 2/3]))";
    "array2string", Numpy, array2string,
        "array2string(a, max_line_width=None, precision=None, suppress_small=None, separator=' ', prefix='', *, formatter=None, threshold=None, edgeitems=None, sign=None, floatmode=None, suffix='', legacy=None)",
        "The text of an array's body, with print options overridden for this call.",
        "np.array2string(np.array([1/3, 2/3]), precision=3, separator=', ')";
    "array_repr", Numpy, array_repr, "array_repr(arr, max_line_width=None, precision=None, suppress_small=None)",
        "repr() of an array with some print options overridden.", "np.array_repr(np.array([1/3, 2/3]), precision=2)";
    "array_str", Numpy, array_str, "array_str(a, max_line_width=None, precision=None, suppress_small=None)",
        "str() of an array with some print options overridden.", "np.array_str(np.array([1/3, 2/3]), precision=2)";
    "format_float_positional", Numpy, format_float_positional,
        "format_float_positional(x, precision=None, unique=True, fractional=True, trim='k', sign=False, pad_left=None, pad_right=None, min_digits=None)",
        "A float in positional notation with NumPy's Dragon4 (shortest round-trip digits unless unique=False).",
        "np.format_float_positional(0.1 + 0.2, precision=3)";
    "format_float_scientific", Numpy, format_float_scientific,
        "format_float_scientific(x, precision=None, unique=True, trim='k', sign=False, pad_left=None, exp_digits=None, min_digits=None)",
        "A float in scientific notation with NumPy's Dragon4.",
        "np.format_float_scientific(12345.678, precision=3)";
}

/// The names `set_printoptions` takes positionally, in order.
const POSITIONAL: [&str; 10] = [
    "precision",
    "threshold",
    "edgeitems",
    "linewidth",
    "suppress",
    "nanstr",
    "infstr",
    "formatter",
    "sign",
    "floatmode",
];

fn not_supported(name: &str) -> EvalError {
    EvalError::new(
        ErrorKind::NotImplementedError,
        format!("print option {name}= is not supported by gradlab"),
    )
}

/// A non-negative int option (`linewidth`, `edgeitems`).
fn count(v: &Value) -> EvalResult<usize> {
    Ok(index_int(v)?.max(0) as usize)
}

/// NumPy's `_make_options_dict` + update: the options after applying the
/// given arguments (`get(name)`, `None` or absent meaning "unchanged") to
/// `base`, with NumPy's checks in its order.
fn updated(base: PrintOptions, get: &dyn Fn(&str) -> Option<Value>) -> EvalResult<PrintOptions> {
    let given = |name: &str| get(name).filter(|v| !matches!(v, Value::None));
    let mut o = base;
    for name in ["nanstr", "infstr", "formatter", "override_repr"] {
        if given(name).is_some() {
            return Err(not_supported(name));
        }
    }
    if let Some(v) = given("suppress") {
        o.suppress = truthy(&v)?;
    }
    if let Some(v) = given("floatmode") {
        o.floatmode = match &v {
            Value::Str(s) => FloatMode::parse(s),
            _ => None,
        }
        .ok_or_else(|| {
            EvalError::value_error(
                "floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", \"maxprec_equal\"",
            )
        })?;
    }
    if let Some(v) = given("sign") {
        o.sign = match &v {
            Value::Str(s) if &**s == "-" => Sign::Minus,
            Value::Str(s) if &**s == "+" => Sign::Plus,
            Value::Str(s) if &**s == " " => Sign::Space,
            _ => {
                return Err(EvalError::value_error(
                    "sign option must be one of ' ', '+', or '-'",
                ));
            }
        };
    }
    if let Some(v) = given("legacy") {
        match &v {
            // `legacy=False`, and values equal to it (NumPy warns that 0 is
            // deprecated); unknown strings are ignored with a warning.
            Value::Bool(false) | Value::Int(0) => o.legacy = Legacy::OFF,
            Value::Str(s) => {
                if let Some(l) = Legacy::parse(s) {
                    o.legacy = l;
                }
            }
            _ => {}
        }
    }
    if let Some(v) = given("threshold") {
        o.threshold = match v {
            Value::Int(i) => Threshold::Int(i),
            Value::Bool(b) => Threshold::Int(i64::from(b)),
            Value::Float(_) | Value::Scalar(_) => {
                let x = real(&v)?;
                if x.is_nan() {
                    return Err(EvalError::value_error(
                        "threshold must be non-NAN, try sys.maxsize for untruncated representation",
                    ));
                }
                match index_int(&v) {
                    Ok(i) => Threshold::Int(i),
                    Err(_) => Threshold::Float(x),
                }
            }
            _ => return Err(EvalError::type_error("threshold must be numeric")),
        };
    }
    if let Some(v) = given("precision") {
        let p = index_int(&v).map_err(|_| EvalError::type_error("precision must be an integer"))?;
        o.precision =
            Some(usize::try_from(p).map_err(|_| EvalError::value_error("precision must be >= 0"))?);
    }
    if let Some(v) = given("edgeitems") {
        o.edgeitems = count(&v)?;
    }
    if let Some(v) = given("linewidth").or_else(|| given("max_line_width")) {
        o.linewidth = count(&v)?;
    }
    if let Some(v) = given("suppress_small") {
        o.suppress = truthy(&v)?;
    }
    if o.legacy.level() == 113 {
        o.sign = Sign::Minus;
    }
    Ok(o)
}

/// The arguments of a `set_printoptions`-shaped call, by name.
fn options_args(b: &Bound) -> EvalResult<Vec<(&'static str, Value)>> {
    if !b.varargs.is_empty() {
        return Err(EvalError::type_error(format!(
            "{}() takes from 0 to 10 positional arguments but {} were given",
            b.sig.name,
            10 + b.varargs.len()
        )));
    }
    let names = POSITIONAL.iter().chain(&["legacy", "override_repr"]);
    Ok(names
        .filter_map(|&n| b.get(n).map(|v| (n, v.clone())))
        .collect())
}

fn lookup<'a>(args: &'a [(&'static str, Value)]) -> impl Fn(&str) -> Option<Value> + 'a {
    move |name| {
        args.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    }
}

pub fn set_printoptions(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let args = options_args(b)?;
    s.opts = updated(s.opts, &lookup(&args))?;
    Ok(Value::None)
}

/// `np.get_printoptions()`: NumPy's dict, in NumPy's key order.
fn options_dict(o: &PrintOptions) -> Value {
    let s = |x: &str| Value::str(x);
    let items = vec![
        (s("edgeitems"), Value::Int(o.edgeitems as i64)),
        (
            s("threshold"),
            match o.threshold {
                Threshold::Int(i) => Value::Int(i),
                Threshold::Float(x) => Value::Float(x),
            },
        ),
        (s("floatmode"), s(o.floatmode.name())),
        (
            s("precision"),
            o.precision.map_or(Value::None, |p| Value::Int(p as i64)),
        ),
        (s("suppress"), Value::Bool(o.suppress)),
        (s("linewidth"), Value::Int(o.linewidth as i64)),
        (s("nanstr"), s("nan")),
        (s("infstr"), s("inf")),
        (s("sign"), s(o.sign.text())),
        (s("formatter"), Value::None),
        (s("legacy"), o.legacy.name().map_or(Value::Bool(false), s)),
        (s("override_repr"), Value::None),
    ];
    Value::dict(items)
}

pub fn get_printoptions(s: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    Ok(options_dict(&s.opts))
}

/// `np.printoptions(...)`: sets the options on entering a `with` block
/// (its `as` target gets `get_printoptions()`), restores them on leaving.
#[derive(Debug)]
struct PrintOptionsContext {
    args: Vec<(&'static str, Value)>,
    saved: RefCell<Vec<PrintOptions>>,
}

impl ContextManager for PrintOptionsContext {
    fn name(&self) -> String {
        "<contextlib._GeneratorContextManager object>".into()
    }

    fn enter(&self, s: &mut Session) -> EvalResult<Value> {
        let new = updated(s.opts, &lookup(&self.args))?;
        self.saved.borrow_mut().push(s.opts);
        s.opts = new;
        Ok(options_dict(&s.opts))
    }

    fn exit(&self, s: &mut Session, _: Option<&EvalError>) -> EvalResult<bool> {
        if let Some(o) = self.saved.borrow_mut().pop() {
            s.opts = o;
        }
        Ok(false)
    }
}

pub fn printoptions(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    Ok(Value::Context(Rc::new(PrintOptionsContext {
        args: options_args(b)?,
        saved: RefCell::new(Vec::new()),
    })))
}

/// The array argument of `array2string`/`array_repr`/`array_str`, which
/// NumPy reads through `.size` (so a list is an AttributeError).
fn array_arg(v: &Value) -> EvalResult<Array> {
    match v {
        Value::Array(_) | Value::Scalar(_) => to_array(v),
        other => Err(EvalError::new(
            ErrorKind::AttributeError,
            format!("'{}' object has no attribute 'size'", other.short_type()),
        )),
    }
}

/// A string argument (`separator`, `prefix`, `suffix`).
fn text<'a>(b: &'a Bound, name: &str, default: &'a str) -> EvalResult<&'a str> {
    match b.get(name) {
        None => Ok(default),
        Some(Value::Str(s)) => Ok(s),
        Some(other) => Err(EvalError::type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            other.short_type()
        ))),
    }
}

/// The session's options with a call's overrides (`max_line_width`,
/// `precision`, `suppress_small`, and for `array2string` the rest).
fn overridden(s: &Session, b: &Bound) -> EvalResult<PrintOptions> {
    let get = |name: &str| b.has(name).then(|| b.get(name).cloned()).flatten();
    updated(s.opts, &get)
}

pub fn array2string(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = array_arg(b.req("a"))?;
    let o = overridden(s, b)?;
    let sep = text(b, "separator", " ")?;
    let prefix = text(b, "prefix", "")?;
    let suffix = text(b, "suffix", "")?;
    Ok(Value::str(format::array2string(
        &a, &o, sep, prefix, suffix,
    )))
}

pub fn array_repr(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = array_arg(b.req("arr"))?;
    let o = overridden(s, b)?;
    Ok(Value::str(format::array_repr(&a, &o)))
}

pub fn array_str(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = array_arg(b.req("a"))?;
    let o = overridden(s, b)?;
    Ok(Value::str(format::array_str(&a, &o)))
}

/// NumPy's `_none_or_positive_arg`: -1 for None, else a non-negative int.
fn count_arg(b: &Bound, name: &str) -> EvalResult<i32> {
    match b.opt(name) {
        None => Ok(-1),
        Some(v) => {
            let n = index_int(v)?;
            if n < 0 {
                return Err(EvalError::value_error(format!("{name} must be >= 0")));
            }
            Ok(i32::try_from(n).unwrap_or(i32::MAX))
        }
    }
}

fn flag(b: &Bound, name: &str, default: bool) -> EvalResult<bool> {
    b.get(name).map_or(Ok(default), truthy)
}

/// The options both `format_float_*` share, NumPy's checks in its order.
fn float_options(b: &Bound, pads: &[&str]) -> EvalResult<(f64, dragon4::Options)> {
    let mut o = dragon4::Options {
        precision: count_arg(b, "precision")?,
        ..dragon4::Options::default()
    };
    for &p in pads {
        let n = count_arg(b, p)?;
        match p {
            "pad_left" => o.pad_left = n,
            "pad_right" => o.pad_right = n,
            _ => o.exp_digits = n,
        }
    }
    o.min_digits = count_arg(b, "min_digits")?;
    if b.has("fractional") {
        o.fractional = flag(b, "fractional", true)?;
        if !o.fractional && o.precision == 0 {
            return Err(EvalError::value_error(
                "precision must be greater than 0 if fractional=False",
            ));
        }
    }
    if o.min_digits > 0 && o.precision > 0 && o.min_digits > o.precision {
        return Err(EvalError::value_error(
            "min_digits must be less than or equal to precision",
        ));
    }
    let x = real(b.req("x"))?;
    o.unique = flag(b, "unique", true)?;
    o.sign = flag(b, "sign", false)?;
    if let Some(t) = b.get("trim") {
        o.trim = match t {
            Value::Str(s) => Trim::parse(s),
            _ => None,
        }
        .ok_or_else(|| {
            // NumPy's C message formats the value with `%100S`.
            EvalError::type_error(format!(
                "if supplied, trim must be 'k', '.', '0' or '-' found `{:>100}`",
                t.to_str(&Default::default())
            ))
        })?;
    }
    if !o.unique && o.precision < 0 {
        return Err(EvalError::type_error(
            "in non-unique mode `precision` must be supplied",
        ));
    }
    Ok((x, o))
}

pub fn format_float_positional(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (x, o) = float_options(b, &["pad_left", "pad_right"])?;
    Ok(Value::str(dragon4::positional(x, &o)))
}

pub fn format_float_scientific(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (x, o) = float_options(b, &["pad_left", "exp_digits"])?;
    Ok(Value::str(dragon4::scientific(x, &o)))
}
