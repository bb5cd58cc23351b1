//! Lexical rules (nom), shared by the parser and the lossless highlighter
//! tokenizer [`tokens`].
//!
//! [`raw_token`] never fails: anything it cannot classify becomes one
//! [`TokenKind::Unknown`] character, so the tokens always tile the input.
//! Malformed numbers and unterminated strings are still `Number` / `Str`
//! tokens here; the parser's stream re-checks them ([`super::literal`]) and
//! reports Python's error.

use super::ast::Span;
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while, take_while1},
    character::complete::{char, one_of, satisfy},
    combinator::{opt, recognize},
    multi::many1_count,
};

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
    // Eight bytes per step while none of them is structural (the bulk of
    // a pasted literal), then byte by byte to the one that is.
    let mut k = 0;
    for chunk in rest.chunks_exact(8) {
        if chunk.iter().any(|&b| STRUCTURAL[b as usize]) {
            break;
        }
        k += 8;
    }
    k += rest[k..]
        .iter()
        .position(|&b| STRUCTURAL[b as usize])
        .unwrap_or(rest.len() - k);
    pos + k
}

/// The bytes that end a [`skip_plain`] run, as a class table (one load per
/// byte instead of a chain of comparisons).
const STRUCTURAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x80;
    while b < 256 {
        t[b] = true;
        b += 1;
    }
    let special = b"()[]{}'\"#\\\n\r:;";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = true;
        i += 1;
    }
    t
};

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

/// A string literal with an optional prefix (`r`, `b`, `f`, `u`, `rb`, ...).
/// An unterminated literal runs to the end of its line (or of the input,
/// for triple quotes).
pub(super) fn string(i: &str) -> IResult<&str, &str> {
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
pub(super) fn string_is_terminated(text: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(TokenKind, &str)> {
        tokens(src)
            .into_iter()
            .map(|t| (t.kind, &src[t.span]))
            .collect()
    }

    #[test]
    fn classifies_tokens() {
        use TokenKind::*;
        assert_eq!(
            kinds("x=1.5e-3 # c\n"),
            vec![
                (Name, "x"),
                (Op, "="),
                (Number, "1.5e-3"),
                (Whitespace, " "),
                (Comment, "# c"),
                (Newline, "\n")
            ]
        );
        assert_eq!(kinds("r'\\''"), vec![(Str, "r'\\''")]);
        assert_eq!(kinds("'''a\n'''"), vec![(Str, "'''a\n'''")]);
        assert_eq!(
            kinds("'ab\nc"),
            vec![(Str, "'ab"), (Newline, "\n"), (Name, "c")]
        );
        assert_eq!(kinds("1abc"), vec![(Number, "1abc")]);
        assert_eq!(kinds("a.1"), vec![(Name, "a"), (Number, ".1")]);
        assert_eq!(kinds("..."), vec![(Op, "...")]);
        assert_eq!(kinds("a**=b"), vec![(Name, "a"), (Op, "**="), (Name, "b")]);
        assert_eq!(
            kinds("not x"),
            vec![(Keyword, "not"), (Whitespace, " "), (Name, "x")]
        );
        assert_eq!(kinds("$€"), vec![(Unknown, "$"), (Unknown, "€")]);
        assert_eq!(kinds("\\\nx"), vec![(Whitespace, "\\\n"), (Name, "x")]);
        assert_eq!(kinds("bar'x'"), vec![(Name, "bar"), (Str, "'x'")]);
    }

    /// The byte loop `skip_plain` replaced: the bytes that end a run.
    fn structural(b: u8) -> bool {
        b >= 0x80
            || matches!(
                b,
                b'(' | b')'
                    | b'['
                    | b']'
                    | b'{'
                    | b'}'
                    | b'\''
                    | b'"'
                    | b'#'
                    | b'\\'
                    | b'\n'
                    | b'\r'
                    | b':'
                    | b';'
            )
    }

    #[test]
    fn plain_runs_end_at_the_first_structural_byte() {
        for b in 0..=255u8 {
            assert_eq!(STRUCTURAL[b as usize], structural(b), "{b}");
        }
        // Every length around the 8-byte steps, every stop position.
        for len in 0..20 {
            for stop in 0..=len {
                let mut src = vec![b'1'; len];
                if stop < len {
                    src[stop] = b':';
                }
                for pos in 0..=len {
                    let want = pos
                        + src[pos..]
                            .iter()
                            .position(|&b| structural(b))
                            .unwrap_or(len - pos);
                    assert_eq!(skip_plain(&src, pos), want, "{len} {stop} {pos}");
                }
            }
        }
        assert_eq!(skip_plain(b"ab", 5), 5);
    }

    #[test]
    fn operator_table_matches_rule() {
        for op in OPERATORS {
            assert_eq!(operator(op), Ok(("", *op)));
        }
        assert!(operator("$").is_err() && operator("!").is_err());
    }

    #[test]
    fn simple_numbers_agree_with_the_number_rule() {
        for text in [
            "1", "12", "1.5", "0.25", "1.", "1.5e3", "1_0", "1x", "1..", "01", "1.5.", "7 ", "3,",
        ] {
            if let Some(len) = simple_number_len(text) {
                assert_eq!(number(text).map(|(_, t)| t.len()), Ok(len), "{text}");
            }
        }
        assert_eq!(simple_number_len("1.5, 2"), Some(3));
        assert_eq!(simple_number_len("1e5"), None);
    }

    #[test]
    fn terminated_strings() {
        for (text, done) in [
            ("'a'", true),
            ("'a", false),
            ("'a\\'", false),
            ("''", true),
            ("'''a'''", true),
            ("'''a''", false),
            ("''''", false),
            ("rb\"x\"", true),
        ] {
            assert_eq!(string_is_terminated(text), done, "{text}");
        }
    }
}
