//! The parser's token stream: significant tokens only, produced lazily (so
//! memory stays flat on huge pasted literals), with Python's tokenizer
//! checks: brackets matched and nested at most [`MAX_BRACKETS`] deep,
//! literals well formed, no stray characters. Line breaks inside brackets
//! are whitespace, as in Python.

use super::SyntaxError;
use super::ast::{ExprKind, Span};
use super::lexer::{TokenKind, raw_token, string_is_terminated};
use super::literal::number_value;

/// Python's tokenizer limit (`MAXLEVEL`).
pub const MAX_BRACKETS: usize = 200;

/// A significant token's class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum K {
    Number,
    Str,
    Name,
    Keyword,
    Op,
    Open,
    Close,
    /// A line break outside brackets.
    Newline,
    /// `$`, `?`, `!`, a backtick: the parser reports `invalid syntax`.
    Unknown,
    Eof,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tok {
    pub kind: K,
    pub span: Span,
}

pub struct Stream<'a> {
    pub src: &'a str,
    pos: usize,
    brackets: Vec<(char, usize)>,
    peeked: Option<Result<Tok, SyntaxError>>,
    first_line: usize,
    /// Set once the tokenizer itself reported an error.
    pub lex_failed: bool,
    /// The value of the last number lexed (by start offset), so the parser
    /// does not convert it twice.
    pub number: Option<(usize, ExprKind)>,
}

impl<'a> Stream<'a> {
    pub fn new(src: &'a str, first_line: usize) -> Self {
        Stream {
            src,
            pos: 0,
            brackets: Vec::new(),
            peeked: None,
            first_line,
            lex_failed: false,
            number: None,
        }
    }

    pub fn peek(&mut self) -> Result<&Tok, SyntaxError> {
        if self.peeked.is_none() {
            let t = self.lex();
            self.lex_failed |= t.is_err();
            self.peeked = Some(t);
        }
        match self.peeked.as_ref() {
            Some(Ok(t)) => Ok(t),
            Some(Err(e)) => Err(e.clone()),
            None => unreachable!("peeked was just filled"),
        }
    }

    pub fn next(&mut self) -> Result<Tok, SyntaxError> {
        self.peek()?;
        match self.peeked.take() {
            Some(Ok(t)) => Ok(t),
            _ => unreachable!("peek succeeded"),
        }
    }

    pub fn text(&self, t: &Tok) -> &'a str {
        &self.src[t.span.clone()]
    }

    /// 1-based line number (in the caller's numbering) of byte `pos`.
    pub fn line_of(&self, pos: usize) -> usize {
        self.first_line + line_breaks(&self.src[..pos.min(self.src.len())])
    }

    /// True when the line holding byte `pos` starts with blanks before `pos`.
    pub fn indented(&self, pos: usize) -> bool {
        let start = self.src[..pos].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        start < pos && self.src[start..pos].chars().all(|c| c.is_whitespace())
    }

    /// After a parse error: the first tokenizer error in the rest of the
    /// input (a stray or mismatched bracket, a bad literal), which Python
    /// reports in preference to the parser's. An unclosed bracket does not
    /// count: where the parser got stuck says more (Python's choice there
    /// depends on its lookahead).
    pub fn later_lex_error(&mut self) -> Option<SyntaxError> {
        if self.lex_failed {
            return None;
        }
        loop {
            match self.next() {
                Err(_) if self.pos >= self.src.len() && !self.brackets.is_empty() => return None,
                Err(e) => return Some(e),
                Ok(t) if t.kind == K::Eof => return None,
                Ok(_) => {}
            }
        }
    }

    fn lex(&mut self) -> Result<Tok, SyntaxError> {
        loop {
            let start = self.pos;
            if start >= self.src.len() {
                return self.eof();
            }
            let (kind, len) = raw_token(&self.src[start..]);
            self.pos += len;
            let span = start..self.pos;
            let text = &self.src[span.clone()];
            let k = match kind {
                TokenKind::Whitespace | TokenKind::Comment => continue,
                TokenKind::Newline if !self.brackets.is_empty() => continue,
                TokenKind::Newline => K::Newline,
                TokenKind::Number => {
                    let value = number_value(text).map_err(|m| err(m, span.clone()))?;
                    self.number = Some((start, value));
                    K::Number
                }
                TokenKind::Str => {
                    if !string_is_terminated(text) {
                        return Err(self.unterminated(text, span));
                    }
                    K::Str
                }
                TokenKind::Name => K::Name,
                TokenKind::Keyword => K::Keyword,
                TokenKind::Op => K::Op,
                TokenKind::OpenBracket => {
                    if self.brackets.len() >= MAX_BRACKETS {
                        return Err(err("too many nested parentheses", span));
                    }
                    self.brackets
                        .push((text.chars().next().unwrap_or('('), start));
                    K::Open
                }
                TokenKind::CloseBracket => {
                    self.close(text, span.clone())?;
                    K::Close
                }
                TokenKind::Unknown => self.unknown(text, span.clone())?,
            };
            return Ok(Tok { kind: k, span });
        }
    }

    fn eof(&self) -> Result<Tok, SyntaxError> {
        match self.brackets.last() {
            Some(&(open, at)) => Err(err(format!("'{open}' was never closed"), at..at + 1)),
            None => Ok(Tok {
                kind: K::Eof,
                span: self.src.len()..self.src.len(),
            }),
        }
    }

    fn close(&mut self, text: &str, span: Span) -> Result<(), SyntaxError> {
        let Some((open, at)) = self.brackets.pop() else {
            return Err(err(format!("unmatched '{text}'"), span));
        };
        let expected = match open {
            '(' => ")",
            '[' => "]",
            _ => "}",
        };
        if text == expected {
            return Ok(());
        }
        let (open_line, close_line) = (self.line_of(at), self.line_of(span.start));
        let on_line = if open_line == close_line {
            String::new()
        } else {
            format!(" on line {open_line}")
        };
        Err(err(
            format!(
                "closing parenthesis '{text}' does not match opening parenthesis '{open}'{on_line}"
            ),
            span,
        ))
    }

    fn unterminated(&self, text: &str, span: Span) -> SyntaxError {
        let body = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        let triple = body.starts_with("'''") || body.starts_with("\"\"\"");
        let what = if triple { "triple-quoted " } else { "" };
        let line = self.line_of(span.end);
        err(
            format!("unterminated {what}string literal (detected at line {line})"),
            span,
        )
    }

    fn unknown(&self, text: &str, span: Span) -> Result<K, SyntaxError> {
        let c = text.chars().next().unwrap_or('\0');
        let message = match c {
            '\\' if span.end == self.src.len() => "unexpected EOF while parsing".to_string(),
            '\\' => "unexpected character after line continuation character".to_string(),
            '\0' => "source code string cannot contain null bytes".to_string(),
            c if c.is_ascii_graphic() => return Ok(K::Unknown),
            c if c.is_control() || c.is_whitespace() => {
                format!("invalid non-printable character U+{:04X}", c as u32)
            }
            c => format!("invalid character '{c}' (U+{:04X})", c as u32),
        };
        Err(err(message, span))
    }
}

pub fn err(message: impl Into<String>, span: Span) -> SyntaxError {
    SyntaxError {
        message: message.into(),
        span,
    }
}

/// Number of line breaks (`\n`, `\r\n`, lone `\r`) in `s`.
pub fn line_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
}
