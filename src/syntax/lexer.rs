//! Lexical rules (nom), shared by the parser and the lossless highlighter
//! tokenizer [`tokens`].
//!
//! [`raw_token`] never fails: anything it cannot classify becomes one
//! [`TokenKind::Unknown`] character, so the tokens always tile the input.
//! Malformed numbers and unterminated strings are still `Number` / `Str`
//! tokens here; the parser's stream re-checks them ([`super::literal`]) and
//! reports Python's error.

use super::ast::Span;

mod strings;
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while, take_while1},
    character::complete::{char, one_of, satisfy},
    combinator::{opt, recognize},
    multi::many1_count,
};
pub(super) use strings::{string, string_is_terminated};

/// The class of a lexical token, for highlighting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// `1`, `0x1F`, `1_000.5e-3` (also malformed ones like `1abc`).
    Number,
    /// `'a'`, `"""doc"""`, `r'\d'` (also unterminated ones).
    Str,
    /// An identifier (builtins included).
    Name,
    /// A Python keyword: `def`, `lambda`, `True`, `and`, ...
    Keyword,
    /// `+`, `**=`, `,`, `.`, `...`, `=`, ...
    Op,
    /// `(`, `[`, `{`
    OpenBracket,
    /// `)`, `]`, `}`
    CloseBracket,
    /// `# ...` up to (not including) the line break.
    Comment,
    /// Spaces, tabs, form feeds, and `\` line continuations.
    Whitespace,
    /// `\n`, `\r\n` or `\r`.
    Newline,
    /// One character that starts no token (`$`, `?`, `€`, a lone `\`).
    Unknown,
}

/// One token of [`tokens`]: its kind and byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

/// Python's keywords (3.11).
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Operators, longest first (the table [`is_operator`] is checked against).
#[cfg(test)]
const OPERATORS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=",
    "%=", "@=", "&=", "|=", "^=", "->", ":=", "<<", ">>", "+", "-", "*", "/", "%", "@", "&", "|",
    "^", "~", "<", ">", "=", ".", ",", ":", ";",
];

/// Splits `src` into tokens that cover every byte, in order. Never fails.
pub fn tokens(src: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < src.len() {
        let (kind, len) = raw_token(&src[pos..]);
        out.push(Token {
            kind,
            span: pos..pos + len,
        });
        pos += len;
    }
    out
}

/// Where a run of bytes that cannot change the bracket, string, comment
/// or line structure ends, scanning from `pos` (a token boundary): ASCII
/// except brackets, quotes, `#`, backslash, line breaks, `:` and `;`. The
/// structural scans of [`super::split`] jump over such runs (the bulk of a
/// pasted literal: digits, `.`, `,`, blanks, signs, names) instead of
/// lexing them token by token. The run may end inside a number or name
/// (`1rb'x'` stops at `r`); lexing on from there finds the same brackets,
/// strings and comments, since names and numbers contain none of them.
pub(super) fn skip_plain(src: &[u8], pos: usize) -> usize {
    let Some(rest) = src.get(pos..) else {
        return pos;
    };
    pos + super::scan::plain_run(rest)
}

/// Classifies the token at the start of a non-empty `rest`: its kind and
/// byte length (always ≥ 1 and on a char boundary).
pub fn raw_token(rest: &str) -> (TokenKind, usize) {
    // Dispatch on the first character so that each token tries one or two
    // rules, not all of them.
    let first = rest.chars().next().unwrap_or('\0');
    let name_or_keyword = |s: &str| {
        if s.len() <= 8 && KEYWORDS.contains(&s) {
            TokenKind::Keyword
        } else {
            TokenKind::Name
        }
    };
    let rule = match first {
        '\n' | '\r' => newline.map(|_| TokenKind::Newline).parse(rest),
        ' ' if !rest
            .as_bytes()
            .get(1)
            .is_some_and(|b| b" \t\x0c\\".contains(b)) =>
        {
            Ok((&rest[1..], TokenKind::Whitespace))
        }
        ' ' | '\t' | '\x0c' | '\\' => whitespace.map(|_| TokenKind::Whitespace).parse(rest),
        '0'..='9' if simple_number_len(rest).is_some() => {
            let len = simple_number_len(rest).unwrap_or(1);
            Ok((&rest[len..], TokenKind::Number))
        }
        '#' => comment.map(|_| TokenKind::Comment).parse(rest),
        '0'..='9' => number.map(|_| TokenKind::Number).parse(rest),
        '.' => alt((
            number.map(|_| TokenKind::Number),
            operator.map(|_| TokenKind::Op),
        ))
        .parse(rest),
        '\'' | '"' => string.map(|_| TokenKind::Str).parse(rest),
        c if is_name_start(c) && !quote_within_prefix(rest) => {
            name.map(name_or_keyword).parse(rest)
        }
        c if is_name_start(c) => {
            alt((string.map(|_| TokenKind::Str), name.map(name_or_keyword))).parse(rest)
        }
        '(' | '[' | '{' => Ok((&rest[1..], TokenKind::OpenBracket)),
        ')' | ']' | '}' => Ok((&rest[1..], TokenKind::CloseBracket)),
        // No operator starts with `,`: the separator of pasted data.
        ',' => Ok((&rest[1..], TokenKind::Op)),
        _ => operator.map(|_| TokenKind::Op).parse(rest),
    };
    match rule {
        Ok((after, kind)) => (kind, rest.len() - after.len()),
        Err(_) => (TokenKind::Unknown, first.len_utf8().max(1)),
    }
}

/// Length of a plain `123` or `123.456` literal when nothing that the full
/// [`number`] rule handles (`_`, exponent, suffix, radix, trailing name
/// characters, a second `.`) follows: the common case in pasted data,
/// recognised without the general rule.
pub(super) fn simple_number_len(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let digits_from = |k: usize| b[k..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut end = digits_from(0);
    if end == 0 {
        return None;
    }
    if b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end += 1 + digits_from(end + 1);
    }
    match b.get(end) {
        Some(c) if c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.' || *c >= 0x80 => None,
        _ => Some(end),
    }
}

/// Whether a quote follows at most two leading letters (`r'`, `rb"`): the
/// cheap test before trying the string-prefix rule on a name.
fn quote_within_prefix(rest: &str) -> bool {
    let b = rest.as_bytes();
    matches!(b.get(1), Some(b'\'' | b'"')) || matches!(b.get(2), Some(b'\'' | b'"'))
}

fn newline(i: &str) -> IResult<&str, &str> {
    alt((tag("\r\n"), tag("\n"), tag("\r"))).parse(i)
}

/// Blanks and `\` + line break (a line continuation is whitespace).
fn whitespace(i: &str) -> IResult<&str, &str> {
    let blank = take_while1(|c| matches!(c, ' ' | '\t' | '\x0c'));
    let continuation = recognize((char('\\'), newline));
    recognize(many1_count(alt((blank, continuation)))).parse(i)
}

fn comment(i: &str) -> IResult<&str, &str> {
    recognize((char('#'), take_while(|c| c != '\n' && c != '\r'))).parse(i)
}

pub(super) fn is_name_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

pub(super) fn is_name_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn name(i: &str) -> IResult<&str, &str> {
    recognize((satisfy(is_name_start), take_while(is_name_continue))).parse(i)
}

fn operator(i: &str) -> IResult<&str, &str> {
    // Longest match first; `matches!` on short strings is much faster than
    // scanning the table with `strip_prefix`.
    for len in (1..=3).rev() {
        if let Some(op) = i.get(..len)
            && is_operator(op)
        {
            return Ok((&i[len..], op));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
}

fn is_operator(s: &str) -> bool {
    matches!(
        s,
        "**="
            | "//="
            | ">>="
            | "<<="
            | "..."
            | "**"
            | "//"
            | "=="
            | "!="
            | "<="
            | ">="
            | "+="
            | "-="
            | "*="
            | "/="
            | "%="
            | "@="
            | "&="
            | "|="
            | "^="
            | "->"
            | ":="
            | "<<"
            | ">>"
            | "+"
            | "-"
            | "*"
            | "/"
            | "%"
            | "@"
            | "&"
            | "|"
            | "^"
            | "~"
            | "<"
            | ">"
            | "="
            | "."
            | ","
            | ":"
            | ";"
    )
}

/// `digit (["_"] digit)*` for the digit class `is_digit`. A byte loop, not
/// `many0_count`: digit runs are the bulk of pasted data.
fn digits(is_digit: fn(char) -> bool) -> impl Fn(&str) -> IResult<&str, &str> {
    move |i| {
        let b = i.as_bytes();
        let digit = |k: usize| b.get(k).is_some_and(|&c| is_digit(c as char));
        if !digit(0) {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Digit,
            )));
        }
        let mut end = 1;
        loop {
            if digit(end) {
                end += 1;
            } else if b.get(end) == Some(&b'_') && digit(end + 1) {
                end += 2;
            } else {
                return Ok((&i[end..], &i[..end]));
            }
        }
    }
}

fn decimal(i: &str) -> IResult<&str, &str> {
    digits(|c| c.is_ascii_digit())(i)
}

/// `0x1F`, `0o17`, `0b101` (underscores allowed after the prefix).
pub(super) fn radix_int(i: &str) -> IResult<&str, &str> {
    let body = |prefix: &'static str, is_digit: fn(char) -> bool| {
        recognize((
            char('0'),
            one_of(prefix),
            opt((opt(char('_')), digits(is_digit))),
        ))
    };
    alt((
        body("xX", |c| c.is_ascii_hexdigit()),
        body("oO", |c| ('0'..='7').contains(&c)),
        body("bB", |c| c == '0' || c == '1'),
    ))
    .parse(i)
}

fn exponent(i: &str) -> IResult<&str, &str> {
    recognize((one_of("eE"), opt(one_of("+-")), decimal)).parse(i)
}

/// `1`, `1.`, `1.5`, `.5`, each with an optional exponent.
pub(super) fn decimal_or_float(i: &str) -> IResult<&str, &str> {
    let fraction_first = recognize((char('.'), decimal));
    let int_first = recognize((decimal, opt((char('.'), opt(decimal)))));
    recognize((alt((fraction_first, int_first)), opt(exponent))).parse(i)
}

/// A numeric literal, greedily extended over trailing name characters so
/// that `1abc`, `1_` and `0xg` are one (malformed) token, as in Python.
pub(super) fn number(i: &str) -> IResult<&str, &str> {
    recognize((
        alt((radix_int, decimal_or_float)),
        opt(one_of("jJ")),
        take_while(is_name_continue),
    ))
    .parse(i)
}

#[cfg(test)]
mod tests;
