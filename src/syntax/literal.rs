//! Values of numeric and string literal tokens, with Python's errors for
//! malformed ones. The token text comes from [`super::lexer`], whose nom
//! rules these functions re-run to find where a literal goes wrong.

use super::ast::ExprKind;
use super::lexer::{decimal_or_float, radix_int};

/// The value of a `Number` token: `Int`, `BigInt`, `Float` or `Imag`
/// (`2j`).
///
/// Errors (Python's messages): `invalid decimal literal` (`1abc`, `1_`,
/// `1e`), `invalid hexadecimal literal` (`0x`, `0x1j`), `invalid digit '2'
/// in binary literal` (`0b12`), leading zeros (`01`).
pub fn number_value(text: &str) -> Result<ExprKind, String> {
    if super::lexer::simple_number_len(text) == Some(text.len()) {
        // Plain `123` / `0.5`: no underscores, exponent or radix.
        if text.contains('.') {
            return text
                .parse::<f64>()
                .map(ExprKind::Float)
                .map_err(|e| e.to_string());
        }
        if !(text.len() > 1 && text.starts_with('0')) {
            return Ok(int_from_decimal(text));
        }
    }
    if let Some(base) = radix_of(text) {
        return radix_value(text, base);
    }
    let Ok((rest, lit)) = decimal_or_float(text) else {
        return Err("invalid decimal literal".into());
    };
    let imaginary = rest.eq_ignore_ascii_case("j");
    if !rest.is_empty() && !imaginary {
        return Err("invalid decimal literal".into());
    }
    let clean: std::borrow::Cow<str> = if lit.contains('_') {
        lit.replace('_', "").into()
    } else {
        lit.into()
    };
    if imaginary {
        // `2j`, `01j`, `1e3j`: any decimal spelling (leading zeros too),
        // always a float imaginary part.
        return clean
            .parse::<f64>()
            .map(ExprKind::Imag)
            .map_err(|_| "invalid decimal literal".into());
    }
    if clean.contains(['.', 'e', 'E']) {
        // Rust's parser accepts every Python float spelling left after
        // removing underscores (`1.`, `.5`, `1E5`); overflow gives inf as in
        // Python.
        return clean
            .parse::<f64>()
            .map(ExprKind::Float)
            .map_err(|_| "invalid decimal literal".into());
    }
    if clean.len() > 1 && clean.starts_with('0') && clean.bytes().any(|b| b != b'0') {
        return Err("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into());
    }
    Ok(int_from_decimal(&clean))
}

fn radix_of(text: &str) -> Option<u32> {
    match text.get(..2)? {
        "0x" | "0X" => Some(16),
        "0o" | "0O" => Some(8),
        "0b" | "0B" => Some(2),
        _ => None,
    }
}

fn radix_value(text: &str, base: u32) -> Result<ExprKind, String> {
    let name = match base {
        16 => "hexadecimal",
        8 => "octal",
        _ => "binary",
    };
    let (rest, lit) = radix_int(text).map_err(|_| format!("invalid {name} literal"))?;
    let digits: Vec<u32> = lit[2..].chars().filter_map(|c| c.to_digit(base)).collect();
    if let Some(c) = rest.chars().next() {
        return Err(match c.to_digit(10) {
            Some(_) if !digits.is_empty() || base != 16 => {
                format!("invalid digit '{c}' in {name} literal")
            }
            _ => format!("invalid {name} literal"),
        });
    }
    if digits.is_empty() {
        return Err(format!("invalid {name} literal"));
    }
    let mut value: Option<i64> = Some(0);
    for &d in &digits {
        value = value
            .and_then(|v| v.checked_mul(base as i64))
            .and_then(|v| v.checked_add(d as i64));
    }
    Ok(match value {
        Some(v) => ExprKind::Int(v),
        None => ExprKind::BigInt(to_decimal(&digits, base)),
    })
}

fn int_from_decimal(digits: &str) -> ExprKind {
    match digits.parse::<i64>() {
        Ok(v) => ExprKind::Int(v),
        Err(_) => {
            let trimmed = digits.trim_start_matches('0');
            ExprKind::BigInt(if trimmed.is_empty() { "0" } else { trimmed }.into())
        }
    }
}

/// Decimal digits of a number given by its digits in `base`, via base-10⁹
/// limbs (least significant first): O(n²) in the digit count, fine for
/// literals a person types.
fn to_decimal(digits: &[u32], base: u32) -> String {
    const LIMB: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = vec![0];
    for &d in digits {
        let mut carry = d as u64;
        for limb in &mut limbs {
            let v = *limb * base as u64 + carry;
            *limb = v % LIMB;
            carry = v / LIMB;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    let mut out = limbs.last().map(|l| l.to_string()).unwrap_or_default();
    for limb in limbs.iter().rev().skip(1) {
        out.push_str(&format!("{limb:09}"));
    }
    out
}

/// The value of a terminated `Str` token, escapes resolved (none in raw
/// strings). `b''` and `f''` prefixes are accepted and read as plain text.
///
/// Errors: a truncated `\x`, `\u` or `\U` escape (Python's unicode error).
pub fn string_value(text: &str) -> Result<String, String> {
    let quote_at = text.find(['\'', '"']).unwrap_or(0);
    let raw = text[..quote_at].contains(['r', 'R']);
    let body = &text[quote_at..];
    let q = if body.starts_with("'''") || body.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let inner = &body[q..body.len() - q];
    if raw {
        Ok(inner.to_string())
    } else {
        unescape(inner)
    }
}

pub(super) fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\r' => {
                chars.next_if_eq(&'\n');
            }
            '\\' | '\'' | '"' => out.push(e),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..n)
                    .filter_map(|_| chars.next_if(char::is_ascii_hexdigit))
                    .collect();
                let code = u32::from_str_radix(&hex, 16)
                    .ok()
                    .filter(|_| hex.len() == n);
                match code.and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\{e}{} escape",
                            "X".repeat(n)
                        ));
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExprKind::*;

    #[test]
    fn numbers() {
        for (text, want) in [
            ("0", Int(0)),
            ("00", Int(0)),
            ("1_000", Int(1000)),
            ("0x1F", Int(31)),
            ("0o17", Int(15)),
            ("0B1_01", Int(5)),
            ("9223372036854775807", Int(i64::MAX)),
            ("9223372036854775808", BigInt("9223372036854775808".into())),
            (
                "0xFFFFFFFFFFFFFFFFFF",
                BigInt("4722366482869645213695".into()),
            ),
            ("1e-3", Float(1e-3)),
            (".5", Float(0.5)),
            ("1.", Float(1.0)),
            ("1_000.5", Float(1000.5)),
            ("1E5", Float(1e5)),
            ("1e999", Float(f64::INFINITY)),
        ] {
            assert_eq!(number_value(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn bad_numbers() {
        for (text, want) in [
            ("1abc", "invalid decimal literal"),
            ("1_", "invalid decimal literal"),
            ("1__0", "invalid decimal literal"),
            ("1e", "invalid decimal literal"),
            ("1.e", "invalid decimal literal"),
            ("0x", "invalid hexadecimal literal"),
            ("0xg", "invalid hexadecimal literal"),
            ("0b102", "invalid digit '2' in binary literal"),
            ("0o8", "invalid digit '8' in octal literal"),
            ("0x1j", "invalid hexadecimal literal"),
            ("1jj", "invalid decimal literal"),
        ] {
            assert_eq!(number_value(text), Err(want.to_string()), "{text}");
        }
        assert!(number_value("01").unwrap_err().starts_with("leading zeros"));
        for (text, want) in [
            ("1j", 1.0),
            ("1_0J", 10.0),
            ("01j", 1.0),
            ("1e3j", 1e3),
            (".5j", 0.5),
        ] {
            assert_eq!(number_value(text), Ok(ExprKind::Imag(want)), "{text}");
        }
    }

    #[test]
    fn strings() {
        for (text, want) in [
            ("'a'", "a"),
            ("\"a\\nb\"", "a\nb"),
            ("'\\x41\\u00e9\\101'", "Aé\x41"),
            ("r'\\d\\n'", "\\d\\n"),
            ("'''x\ny'''", "x\ny"),
            ("'a\\\nb'", "ab"),
            ("'\\q'", "\\q"),
            ("f'{x}'", "{x}"),
        ] {
            assert_eq!(string_value(text).as_deref(), Ok(want), "{text}");
        }
        assert!(string_value("'\\x4'").is_err());
    }
}
