//! The three ways Python formats text: f-strings, `str.format`, and
//! `%`-formatting (printf style), all over [`super::format`].

use crate::syntax::ast::FPart;

use super::error::{EvalError, EvalResult};
use super::expr::Frame;
use super::format::{Spec, format_float, format_int, format_str, format_value};
use super::session::Session;
use super::value::{Scalar, Value};

impl Session {
    /// The text of an f-string.
    pub(super) fn fstring(&mut self, parts: &[FPart], frame: &Frame) -> EvalResult<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                FPart::Lit(s) => out.push_str(s),
                FPart::Field(f) => {
                    let v = self.eval(&f.expr, frame)?;
                    if let Some(d) = &f.debug {
                        out.push_str(d);
                    }
                    let v = match f.conversion {
                        Some('r' | 'a') => Value::str(self.repr(&v)),
                        Some(_) => Value::str(self.str(&v)),
                        None => v,
                    };
                    let spec = self.fstring(&f.spec, frame)?;
                    let text = format_value(self, &v, &spec).map_err(|e| e.at(&f.expr.span))?;
                    out.push_str(&text);
                }
            }
        }
        Ok(out)
    }
}

/// `template.format(*args, **kwargs)`.
pub fn str_format(
    s: &Session,
    template: &str,
    args: &[Value],
    kwargs: &[(String, Value)],
) -> EvalResult<String> {
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::new();
    let mut auto = 0usize;
    let mut manual = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(EvalError::value_error(
                "Single '}' encountered in format string",
            ));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // The field up to its matching `}` (specs may nest `{}` once).
        let mut depth = 1;
        let mut j = i + 1;
        while j < chars.len() && depth > 0 {
            match chars[j] {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        if depth > 0 {
            return Err(EvalError::value_error("expected '}' before end of string"));
        }
        let field: String = chars[i + 1..j - 1].iter().collect();
        let (head, spec) = match field.find(':') {
            Some(k) => (&field[..k], &field[k + 1..]),
            None => (field.as_str(), ""),
        };
        let (name, conv) = match head.find('!') {
            Some(k) => (&head[..k], head[k + 1..].chars().next()),
            None => (head, None),
        };
        let key_end = name.find(['.', '[']).unwrap_or(name.len());
        let key = &name[..key_end];
        let mut v = if key.is_empty() {
            if manual {
                return Err(EvalError::value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            let v = args.get(auto).cloned().ok_or_else(|| {
                EvalError::index_error(format!(
                    "Replacement index {auto} out of range for positional args tuple"
                ))
            })?;
            auto += 1;
            v
        } else if let Ok(n) = key.parse::<usize>() {
            if auto > 0 {
                return Err(EvalError::value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            manual = true;
            args.get(n).cloned().ok_or_else(|| {
                EvalError::index_error(format!(
                    "Replacement index {n} out of range for positional args tuple"
                ))
            })?
        } else {
            kwargs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| {
                    EvalError::new(super::ErrorKind::KeyError, crate::format::py_repr_str(key))
                })?
        };
        let mut rest = &name[key_end..];
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                v = s.attr(&v, &r[..end])?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r
                    .find(']')
                    .ok_or_else(|| EvalError::value_error("Missing ']' in format string"))?;
                let k = &r[..end];
                let idx = match k.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::str(k),
                };
                v = super::pyseq::subscript(s, &v, &idx)?;
                rest = &r[end + 1..];
            } else {
                return Err(EvalError::value_error(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        }
        let v = match conv {
            Some('r' | 'a') => Value::str(s.repr(&v)),
            Some('s') => Value::str(s.str(&v)),
            Some(c) => {
                return Err(EvalError::value_error(format!(
                    "Unknown conversion specifier {c}"
                )));
            }
            None => v,
        };
        let spec = if spec.contains('{') {
            str_format(s, spec, &args[auto.min(args.len())..], kwargs)?
        } else {
            spec.to_string()
        };
        out.push_str(&format_value(s, &v, &spec)?);
        i = j;
    }
    Ok(out)
}

/// `template % values` (printf-style formatting).
pub fn percent(s: &Session, template: &str, values: &Value) -> EvalResult<String> {
    let (args, mapping): (Vec<Value>, Option<&Value>) = match values {
        Value::Tuple(items) => ((**items).clone(), None),
        Value::Dict(_) => (vec![values.clone()], Some(values)),
        other => (vec![other.clone()], None),
    };
    let mut next = 0usize;
    let mut take = |what: &str| -> EvalResult<Value> {
        let v = args.get(next).cloned().ok_or_else(|| {
            EvalError::type_error(format!("not enough arguments for format string{what}"))
        })?;
        next += 1;
        Ok(v)
    };
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut used_mapping = false;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut key = None;
        if chars.get(i) == Some(&'(') {
            let end = chars[i..]
                .iter()
                .position(|&c| c == ')')
                .ok_or_else(|| EvalError::value_error("incomplete format key"))?;
            key = Some(chars[i + 1..i + end].iter().collect::<String>());
            i += end + 1;
        }
        let mut sp = Spec::default();
        while let Some(&c) = chars.get(i) {
            match c {
                '-' => sp.align = Some('<'),
                '+' => sp.sign = Some('+'),
                ' ' if sp.sign.is_none() => sp.sign = Some(' '),
                ' ' => {}
                '0' => sp.zero = true,
                '#' => sp.alt = true,
                _ => break,
            }
            i += 1;
        }
        let number = |i: &mut usize,
                      take: &mut dyn FnMut(&str) -> EvalResult<Value>|
         -> EvalResult<Option<usize>> {
            if chars.get(*i) == Some(&'*') {
                *i += 1;
                let v = take("")?;
                let n = super::convert::index_int(&v)
                    .map_err(|_| EvalError::type_error("* wants int"))?;
                return Ok(Some(n.max(0) as usize));
            }
            let start = *i;
            while chars.get(*i).is_some_and(|c| c.is_ascii_digit()) {
                *i += 1;
            }
            Ok((start < *i).then(|| {
                chars[start..*i]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0)
            }))
        };
        sp.width = number(&mut i, &mut take)?.unwrap_or(0);
        if chars.get(i) == Some(&'.') {
            i += 1;
            sp.precision = Some(number(&mut i, &mut take)?.unwrap_or(0));
        }
        while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(&ty) = chars.get(i) else {
            return Err(EvalError::value_error("incomplete format"));
        };
        i += 1;
        if ty == '%' {
            out.push('%');
            continue;
        }
        if sp.align == Some('<') {
            sp.zero = false;
        }
        let v = match (&key, mapping) {
            (Some(k), Some(Value::Dict(d))) => {
                used_mapping = true;
                super::pyseq::dict_get(d, &Value::str(k.as_str()), &s.opts)?
            }
            (Some(_), _) => return Err(EvalError::type_error("format requires a mapping")),
            (None, _) => take("")?,
        };
        let text = match ty {
            's' | 'r' | 'a' => {
                let t = if ty == 's' { s.str(&v) } else { s.repr(&v) };
                sp.zero = false;
                // %-formatting right-aligns unless the '-' flag is given.
                sp.align = sp.align.or(Some('>'));
                format_str(&t, &sp)?
            }
            'd' | 'i' | 'u' => {
                let n = percent_int(&v, ty)?;
                format_py_int(&n, &sp)?
            }
            'x' | 'X' | 'o' => {
                let n = match &v {
                    Value::BigInt(_) => v.clone(),
                    _ => Value::Int(super::convert::index_int(&v).map_err(|_| {
                        EvalError::type_error(format!(
                            "%{ty} format: an integer is required, not {}",
                            v.short_type()
                        ))
                    })?),
                };
                sp.ty = Some(ty);
                format_py_int(&n, &sp)?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = percent_float(&v)?;
                sp.ty = Some(ty);
                if sp.precision.is_none() {
                    sp.precision = Some(6);
                }
                format_float(x, &sp, "float")?
            }
            'c' => {
                let t = match &v {
                    Value::Str(t) if t.chars().count() == 1 => t.to_string(),
                    other => {
                        let n = super::convert::index_int(other)
                            .map_err(|_| EvalError::type_error("%c requires int or char"))?;
                        char::from_u32(n as u32)
                            .map(String::from)
                            .unwrap_or_default()
                    }
                };
                format_str(&t, &sp)?
            }
            other => {
                return Err(EvalError::value_error(format!(
                    "unsupported format character '{other}' (0x{:x}) at index {}",
                    other as u32,
                    i - 1
                )));
            }
        };
        out.push_str(&text);
    }
    if mapping.is_none() && next < args.len() {
        return Err(EvalError::type_error(
            "not all arguments converted during string formatting",
        ));
    }
    let _ = used_mapping;
    Ok(out)
}

/// A Python int (`Value::Int` or `Value::BigInt`) formatted by `sp`.
fn format_py_int(n: &Value, sp: &Spec) -> EvalResult<String> {
    match n {
        Value::BigInt(b) => super::format::format_bigint(b, sp),
        other => format_int(super::convert::index_int(other)?, sp, "int"),
    }
}

/// The Python int `%d` formats: ints as they are, floats truncated
/// exactly (`'%d' % 1e30` has all 31 digits).
fn percent_int(v: &Value, ty: char) -> EvalResult<Value> {
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::Float(x) | Value::Scalar(Scalar::Float64(x)) => {
            super::convert::int_convertible(*x)?;
            Ok(super::ops::pybigint::from_f64(*x))
        }
        Value::Scalar(Scalar::Int64(i)) => Ok(Value::Int(*i)),
        Value::Scalar(Scalar::Bool(b)) => Ok(Value::Int(i64::from(*b))),
        other => Err(EvalError::type_error(format!(
            "%{ty} format: a real number is required, not {}",
            other.short_type()
        ))),
    }
}

fn percent_float(v: &Value) -> EvalResult<f64> {
    match v {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_) | Value::Scalar(_) => {
            super::convert::real(v)
        }
        Value::Array(a) if a.len() == 1 => super::convert::real(v),
        other => Err(EvalError::type_error(format!(
            "must be real number, not {}",
            other.short_type()
        ))),
    }
}
