//! String literals: the prefix, the body up to its closing quote (or the
//! end of its line, unterminated), and whether a token is terminated.

use nom::{IResult, Parser, bytes::complete::take_while};

/// A string literal with an optional prefix (`r`, `b`, `f`, `u`, `rb`, ...).
/// An unterminated literal runs to the end of its line (or of the input,
/// for triple quotes).
pub(in crate::syntax) fn string(i: &str) -> IResult<&str, &str> {
    let (body, _) = string_prefix(i)?;
    let (after, _) = string_body(body)?;
    Ok((after, &i[..i.len() - after.len()]))
}

fn string_prefix(i: &str) -> IResult<&str, &str> {
    let prefix = take_while(|c: char| "rRbBuUfF".contains(c)).parse(i)?;
    let lower = prefix.1.to_ascii_lowercase();
    let valid = matches!(
        lower.as_str(),
        "" | "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf"
    );
    if valid && prefix.0.starts_with(['\'', '"']) {
        Ok(prefix)
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )))
    }
}

fn string_body(i: &str) -> IResult<&str, &str> {
    let quote = &i[..1];
    let triple = if i.starts_with("'''") || i.starts_with("\"\"\"") {
        Some(&i[..3])
    } else {
        None
    };
    let open = triple.unwrap_or(quote);
    let end = scan_string(&i[open.len()..], open, triple.is_some()).0 + open.len();
    Ok((&i[end..], &i[..end]))
}

/// Byte length of a string body after its opening quote, including the
/// closing quote when present, and whether it was present. A backslash
/// always escapes the next char.
fn scan_string(s: &str, close: &str, multiline: bool) -> (usize, bool) {
    let mut chars = s.char_indices();
    while let Some((at, c)) = chars.next() {
        if c == '\\' {
            if let Some((_, '\r')) = chars.clone().next()
                && s[at + 1..].starts_with("\r\n")
            {
                chars.next();
            }
            chars.next();
        } else if s[at..].starts_with(close) {
            return (at + close.len(), true);
        } else if !multiline && (c == '\n' || c == '\r') {
            return (at, false);
        }
    }
    (s.len(), false)
}

/// True when a `Str` token's text ends with its closing quote.
pub(in crate::syntax) fn string_is_terminated(text: &str) -> bool {
    let Ok((body, _)) = string_prefix(text) else {
        return false;
    };
    let open_len = if body.starts_with("'''") || body.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    scan_string(&body[open_len..], &body[..open_len], open_len == 3)
        == (body.len() - open_len, true)
}
