//! The methods of Python's `str` that tutorials use.

use super::ErrorKind;
use super::args::CallArgs;
use super::error::{EvalError, EvalResult};
use super::session::Session;
use super::value::Value;

/// A method of `str`.
pub fn str_method(s: &Session, text: &str, name: &str, call: CallArgs) -> EvalResult<Value> {
    let args = &call.pos;
    let arg_str = |k: usize| -> EvalResult<Option<String>> {
        match args.get(k) {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(t)) => Ok(Some(t.to_string())),
            Some(other) => Err(EvalError::type_error(format!(
                "must be str or None, not {}",
                other.short_type()
            ))),
        }
    };
    let width_fill = || -> EvalResult<(usize, char)> {
        let w = super::convert::index_int(args.first().unwrap_or(&Value::Int(0)))?.max(0) as usize;
        let fill = match arg_str(1)? {
            Some(f) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
            Some(_) => {
                return Err(EvalError::type_error(
                    "The fill character must be exactly one character long",
                ));
            }
            None => ' ',
        };
        Ok((w, fill))
    };
    let v = match name {
        "upper" => Value::str(text.to_uppercase()),
        "lower" => Value::str(text.to_lowercase()),
        "title" => Value::str(title(text)),
        "capitalize" => {
            let mut c = text.chars();
            Value::str(match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            })
        }
        "strip" | "lstrip" | "rstrip" => {
            let chars = arg_str(0)?;
            let pat = |c: char| match &chars {
                Some(cs) => cs.contains(c),
                None => c.is_whitespace(),
            };
            Value::str(match name {
                "strip" => text.trim_matches(pat),
                "lstrip" => text.trim_start_matches(pat),
                _ => text.trim_end_matches(pat),
            })
        }
        "split" => {
            let parts: Vec<Value> = match arg_str(0)? {
                Some(sep) if sep.is_empty() => {
                    return Err(EvalError::value_error("empty separator"));
                }
                Some(sep) => text.split(sep.as_str()).map(Value::str).collect(),
                None => text.split_whitespace().map(Value::str).collect(),
            };
            Value::list(parts)
        }
        "splitlines" => Value::list(text.lines().map(Value::str).collect()),
        "join" => {
            let items = super::iter::iterate(args.first().unwrap_or(&Value::None))?;
            let mut parts = Vec::with_capacity(items.len());
            for (i, it) in items.iter().enumerate() {
                match it {
                    Value::Str(t) => parts.push(t.to_string()),
                    other => {
                        return Err(EvalError::type_error(format!(
                            "sequence item {i}: expected str instance, {} found",
                            other.short_type()
                        )));
                    }
                }
            }
            Value::str(parts.join(text))
        }
        "replace" => {
            let (Some(old), Some(new)) = (arg_str(0)?, arg_str(1)?) else {
                return Err(EvalError::type_error(
                    "replace expected at least 2 arguments",
                ));
            };
            Value::str(text.replace(&old, &new))
        }
        "startswith" | "endswith" => {
            let prefixes: Vec<String> = match args.first() {
                Some(Value::Tuple(items)) => items.iter().map(|v| s.str(v)).collect(),
                _ => arg_str(0)?.into_iter().collect(),
            };
            let hit = prefixes.iter().any(|p| {
                if name == "startswith" {
                    text.starts_with(p.as_str())
                } else {
                    text.ends_with(p.as_str())
                }
            });
            Value::Bool(hit)
        }
        "find" | "index" | "count" => {
            let sub = arg_str(0)?.unwrap_or_default();
            if name == "count" {
                return Ok(Value::Int(text.matches(sub.as_str()).count() as i64));
            }
            match text.find(sub.as_str()) {
                Some(b) => Value::Int(text[..b].chars().count() as i64),
                None if name == "find" => Value::Int(-1),
                None => return Err(EvalError::value_error("substring not found")),
            }
        }
        "ljust" | "rjust" | "center" => {
            let (w, fill) = width_fill()?;
            let sp = super::format::Spec {
                fill: Some(fill),
                align: Some(match name {
                    "ljust" => '<',
                    "rjust" => '>',
                    _ => '^',
                }),
                width: w,
                ..Default::default()
            };
            let n = text.chars().count();
            if name == "center" && w > n && (w - n) % 2 == 1 && n % 2 == 1 {
                // Python's center puts the odd fill character on the left
                // when the text's length is odd.
                let left = (w - n).div_ceil(2);
                let f = fill.to_string();
                return Ok(Value::str(format!(
                    "{}{text}{}",
                    f.repeat(left),
                    f.repeat(w - n - left)
                )));
            }
            Value::str(super::format::format_str(text, &sp)?)
        }
        "zfill" => {
            let w =
                super::convert::index_int(args.first().unwrap_or(&Value::Int(0)))?.max(0) as usize;
            let n = text.chars().count();
            if n >= w {
                Value::str(text)
            } else {
                let (sign, rest) = match text.strip_prefix(['-', '+']) {
                    Some(r) => (&text[..1], r),
                    None => ("", text),
                };
                Value::str(format!("{sign}{}{rest}", "0".repeat(w - n)))
            }
        }
        "isdigit" => Value::Bool(!text.is_empty() && text.chars().all(|c| c.is_ascii_digit())),
        "isalpha" => Value::Bool(!text.is_empty() && text.chars().all(char::is_alphabetic)),
        "isspace" => Value::Bool(!text.is_empty() && text.chars().all(char::is_whitespace)),
        "format" => Value::str(super::pyformat::str_format(s, text, args, &call.kw)?),
        _ => {
            return Err(EvalError::new(
                ErrorKind::AttributeError,
                format!("'str' object has no attribute '{name}'"),
            ));
        }
    };
    Ok(v)
}

fn title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_alpha = false;
    for c in text.chars() {
        if c.is_alphabetic() {
            if prev_alpha {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_alpha = true;
        } else {
            out.push(c);
            prev_alpha = false;
        }
    }
    out
}
