//! f-strings as Python 3.11 reads them: literal text with `{{`/`}}`,
//! replacement fields `{expr!conv:spec}` (the spec may hold fields itself,
//! `{x:{width}}`), `{expr=}` debug fields. A field's expression is lexed
//! and parsed by the ordinary rules, as if in parentheses, with spans into
//! the script. As in 3.11 an expression cannot hold a backslash, a `#`, or
//! the quote that delimits the f-string.

use nom::Parser;

use super::ast::{Expr, FField, FPart};
use super::literal::unescape;
use super::parser::{PErr, PResult};
use super::tokens::{Ctx, Tok, Tokens, lex_range};
use super::{SyntaxError, SyntaxErrorKind};

type Fail = nom::Err<PErr>;

/// The parts of the f-string token `t`.
pub fn parse(ctx: &Ctx, t: Tok) -> Result<Vec<FPart>, Fail> {
    let text = &ctx.src[t.span()];
    let quote_at = text.find(['\'', '"']).unwrap_or(0);
    let raw = text[..quote_at].contains(['r', 'R']);
    let body = &text[quote_at..];
    let q = if body.starts_with("'''") || body.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let start = t.start() + quote_at + q;
    let end = t.end() - q;
    let p = FParser {
        ctx,
        raw,
        end,
        at_end: t.end(),
    };
    let (parts, _) = p.parts(start, 0)?;
    Ok(parts)
}

/// Joins adjacent literal parts.
pub fn merge(parts: Vec<FPart>) -> Vec<FPart> {
    let mut out: Vec<FPart> = Vec::new();
    for p in parts {
        match (out.last_mut(), p) {
            (Some(FPart::Lit(a)), FPart::Lit(b)) => a.push_str(&b),
            (_, FPart::Lit(b)) if b.is_empty() => {}
            (_, p) => out.push(p),
        }
    }
    out
}

struct FParser<'a, 'c> {
    ctx: &'c Ctx<'a>,
    raw: bool,
    /// End of the body (before the closing quote).
    end: usize,
    /// Where Python points its f-string errors: the end of the literal.
    at_end: usize,
}

impl<'a> FParser<'a, '_> {
    fn src(&self) -> &'a str {
        self.ctx.src
    }

    fn error(&self, message: &str) -> Fail {
        nom::Err::Failure(PErr {
            message: message.to_string().into(),
            span: self.at_end..self.at_end,
            kind: SyntaxErrorKind::Syntax,
        })
    }

    fn literal(&self, buf: &str) -> Result<FPart, Fail> {
        if self.raw {
            return Ok(FPart::Lit(buf.to_string()));
        }
        unescape(buf).map(FPart::Lit).map_err(|m| self.error(&m))
    }

    /// Literal text and fields from `pos` until the end of the body, or
    /// (in a format spec, `level` > 0) until the `}` closing the field.
    fn parts(&self, mut pos: usize, level: usize) -> Result<(Vec<FPart>, usize), Fail> {
        let mut parts = Vec::new();
        let mut buf = String::new();
        let bytes = self.src().as_bytes();
        while pos < self.end {
            let c = bytes[pos];
            match c {
                b'{' if level == 0 && bytes.get(pos + 1) == Some(&b'{') && pos + 1 < self.end => {
                    buf.push('{');
                    pos += 2;
                }
                b'}' if level == 0 => {
                    if bytes.get(pos + 1) == Some(&b'}') && pos + 1 < self.end {
                        buf.push('}');
                        pos += 2;
                    } else {
                        return Err(self.error("f-string: single '}' is not allowed"));
                    }
                }
                b'}' => {
                    parts.push(self.literal(&buf)?);
                    return Ok((parts, pos));
                }
                b'{' => {
                    if level >= 2 {
                        return Err(self.error("f-string: expressions nested too deeply"));
                    }
                    parts.push(self.literal(&std::mem::take(&mut buf))?);
                    let (field, next) = self.field(pos + 1, level)?;
                    parts.push(FPart::Field(Box::new(field)));
                    pos = next;
                }
                b'\\' if !self.raw && pos + 1 < self.end => {
                    let ch = self.src()[pos + 1..].chars().next().unwrap_or('\\');
                    buf.push('\\');
                    buf.push(ch);
                    pos += 1 + ch.len_utf8();
                }
                _ => {
                    let ch = self.src()[pos..].chars().next().unwrap_or('\u{fffd}');
                    buf.push(ch);
                    pos += ch.len_utf8();
                }
            }
        }
        if level > 0 {
            return Err(self.error("f-string: expecting '}'"));
        }
        parts.push(self.literal(&buf)?);
        Ok((parts, pos))
    }

    /// A replacement field starting after its `{`; returns it and the
    /// position after its `}`.
    fn field(&self, start: usize, level: usize) -> Result<(FField, usize), Fail> {
        let bytes = self.src().as_bytes();
        let mut stack: Vec<u8> = Vec::new();
        let mut quote: Option<(u8, bool)> = None;
        let mut pos = start;
        let mut debug = false;
        let expr_end = loop {
            if pos >= self.end {
                return Err(match (quote, stack.last()) {
                    (Some(_), _) => self.error("f-string: unterminated string"),
                    (None, Some(&b)) => self.error(&format!("f-string: unmatched '{}'", b as char)),
                    _ => self.error("f-string: expecting '}'"),
                });
            }
            let c = bytes[pos];
            if c == b'\\' {
                return Err(self.error("f-string expression part cannot include a backslash"));
            }
            if let Some((q, triple)) = quote {
                let closes = if triple {
                    bytes[pos..].starts_with(&[q, q, q])
                } else {
                    c == q
                };
                if closes {
                    quote = None;
                    pos += if triple { 3 } else { 1 };
                } else {
                    pos += 1;
                }
                continue;
            }
            match c {
                b'\'' | b'"' => {
                    let triple = bytes[pos..].starts_with(&[c, c, c]);
                    quote = Some((c, triple));
                    pos += if triple { 3 } else { 1 };
                    continue;
                }
                b'(' | b'[' | b'{' => stack.push(c),
                b')' | b']' | b'}' if !stack.is_empty() => {
                    let open = stack.pop().expect("non-empty");
                    let want = match open {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if c != want {
                        return Err(self.error(&format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c as char, open as char
                        )));
                    }
                }
                b')' | b']' => {
                    return Err(self.error(&format!("f-string: unmatched '{}'", c as char)));
                }
                b'#' => {
                    return Err(self.error("f-string expression part cannot include '#'"));
                }
                b'}' | b':' => break pos,
                b'!' if bytes.get(pos + 1) != Some(&b'=') => break pos,
                b'=' if stack.is_empty()
                    && bytes.get(pos + 1) != Some(&b'=')
                    && !matches!(
                        bytes.get(pos.wrapping_sub(1)),
                        Some(b'=' | b'!' | b'<' | b'>')
                    )
                    && pos > start =>
                {
                    debug = true;
                    let at = pos;
                    pos += 1;
                    while pos < self.end && matches!(bytes[pos], b' ' | b'\t') {
                        pos += 1;
                    }
                    break at;
                }
                _ => {}
            }
            pos += 1;
        };
        let text = &self.src()[start..expr_end];
        if text.trim().is_empty() {
            return Err(self.error("f-string: empty expression not allowed"));
        }
        let expr = self.expression(start..expr_end)?;
        let debug_text = debug.then(|| self.src()[start..pos].to_string());
        let mut conversion = None;
        if bytes.get(pos) == Some(&b'!') {
            let c = self.src()[pos + 1..self.end].chars().next();
            match c {
                Some(c @ ('s' | 'r' | 'a'))
                    if matches!(bytes.get(pos + 2), Some(b':' | b'}')) && pos + 2 < self.end =>
                {
                    conversion = Some(c);
                    pos += 2;
                }
                // Python 3.11's wording (3.12 says "missing conversion
                // character"): the end of the literal is a missing `}`.
                None => return Err(self.error("f-string: expecting '}'")),
                _ => {
                    return Err(self.error(
                        "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                    ));
                }
            }
        }
        let mut spec = Vec::new();
        if bytes.get(pos) == Some(&b':') && pos < self.end {
            let (parts, next) = self.parts(pos + 1, level + 1)?;
            spec = merge(parts);
            pos = next;
        }
        if pos >= self.end || bytes[pos] != b'}' {
            return Err(self.error("f-string: expecting '}'"));
        }
        if debug_text.is_some() && conversion.is_none() && spec.is_empty() {
            conversion = Some('r');
        }
        Ok((
            FField {
                expr,
                conversion,
                spec,
                debug: debug_text,
            },
            pos + 1,
        ))
    }

    /// Parses `src[range]` as `(expression)`, spans into the script.
    fn expression(&self, range: std::ops::Range<usize>) -> Result<Expr, Fail> {
        let prefixed = |e: SyntaxError| -> Fail {
            let message = if e.message.starts_with("f-string") {
                e.message
            } else {
                format!("f-string: {}", e.message)
            };
            nom::Err::Failure(PErr {
                message: message.into(),
                span: e.span,
                kind: e.kind,
            })
        };
        let line = self.ctx.line_of(range.start);
        let lexed = lex_range(self.src(), range, line, true).map_err(prefixed)?;
        let input = Tokens {
            all: &lexed.toks,
            toks: &lexed.toks,
            ctx: &lexed.ctx,
        };
        let r: PResult<Expr> = (|i| {
            let (i, e) = super::expr::star_exprs(i)?;
            let (i, ()) = super::expr::at_end(i)?;
            Ok((i, e))
        })
        .parse(input);
        match r {
            Ok((_, e)) => Ok(e),
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(prefixed(e.into())),
            Err(nom::Err::Incomplete(_)) => Err(self.error("f-string: invalid syntax")),
        }
    }
}
