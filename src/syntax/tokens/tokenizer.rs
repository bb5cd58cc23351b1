//! The eager tokenizer: the nom rules of [`super::super::lexer`] run over a
//! chunk with Python's tokenizer checks (brackets matched and nested at most
//! [`MAX_BRACKETS`] deep, literals well formed, no stray characters,
//! indentation as `Indent`/`Dedent` tokens), pasted number lists read in
//! one scan.

use std::cell::Cell;
use std::rc::Rc;

use super::super::ast::{NumberList, Span};
use super::super::lexer::{TokenKind, raw_token, string_is_terminated};
use super::super::literal::number_value;
use super::super::numbers::number_display;
use super::super::{SyntaxError, SyntaxErrorKind};
use super::{Ctx, K, Lexed, MAX_BRACKETS, Tok, err, line_breaks};

/// Lexes `src` completely. The first tokenizer error is returned (Python
/// reports it in preference to any parse error), except an unclosed bracket
/// at the end, which parsers report when they reach the end (where the
/// parser got stuck says more).
pub fn lex(src: &str, first_line: usize) -> Result<Lexed<'_>, SyntaxError> {
    lex_range(src, 0..src.len(), first_line, false)
}

/// [`lex`] of `src[range]` with spans into `src`; `nested` lexes it as if
/// inside brackets (an f-string's replacement field): line breaks are
/// blanks and indentation does not matter.
pub fn lex_range(
    src: &str,
    range: Span,
    first_line: usize,
    nested: bool,
) -> Result<Lexed<'_>, SyntaxError> {
    if src.len() >= u32::MAX as usize {
        return Err(err("source too large to parse", 0..0));
    }
    let mut l = Lexer {
        src: &src[..range.end],
        first_line,
        nested,
        pos: range.start,
        toks: Vec::new(),
        numbers: Vec::new(),
        brackets: Vec::new(),
        indents: vec![(0, 0)],
    };
    l.run()?;
    let unclosed = l
        .brackets
        .last()
        .map(|&(open, at)| err(format!("'{open}' was never closed"), at..at + 1));
    Ok(Lexed {
        toks: l.toks,
        ctx: Ctx {
            src,
            first_line,
            unclosed,
            depth: Cell::new(0),
            loops: Cell::new(0),
            functions: Cell::new(0),
            numbers: l.numbers,
        },
    })
}

struct Lexer<'a> {
    src: &'a str,
    first_line: usize,
    nested: bool,
    pos: usize,
    toks: Vec<Tok>,
    numbers: Vec<(u32, Rc<NumberList>)>,
    brackets: Vec<(char, usize)>,
    /// Open blocks' indentation: columns with tabs to multiples of 8, and
    /// with tabs as 1 (Python's check for inconsistent tabs).
    indents: Vec<(usize, usize)>,
}

impl Lexer<'_> {
    fn push(&mut self, kind: K, span: Span) {
        self.toks.push(Tok {
            kind,
            start: span.start as u32,
            end: span.end as u32,
        });
    }

    /// Whether an operand may start here (so a `[` opens a list display,
    /// not a subscript): not after a name, literal, closing bracket, `...`,
    /// `True`, `False` or `None`.
    fn operand_next(&self) -> bool {
        let Some(t) = self.toks.last() else {
            return true;
        };
        match t.kind {
            K::Op => &self.src[t.span()] != "...",
            K::Keyword => !matches!(&self.src[t.span()], "True" | "False" | "None"),
            K::Open | K::Newline | K::Indent | K::Dedent => true,
            K::Number | K::Str | K::Name | K::Close | K::Numbers | K::Unknown | K::Eof => false,
        }
    }

    fn line_of(&self, pos: usize) -> usize {
        self.first_line + line_breaks(&self.src[..pos.min(self.src.len())])
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        let mut line_start = !self.nested;
        while self.pos < self.src.len() {
            if line_start && self.brackets.is_empty() {
                line_start = false;
                self.indentation()?;
                continue;
            }
            let start = self.pos;
            let (kind, len) = raw_token(&self.src[start..]);
            self.pos += len;
            let span = start..self.pos;
            let text = &self.src[span.clone()];
            let k = match kind {
                TokenKind::Whitespace | TokenKind::Comment => continue,
                TokenKind::Newline if self.nested || !self.brackets.is_empty() => continue,
                TokenKind::Newline => {
                    line_start = true;
                    if self.toks.last().is_some_and(|t| t.kind != K::Newline) {
                        self.push(K::Newline, span);
                    }
                    continue;
                }
                TokenKind::Number => {
                    // Plain `123` / `1.5` (the bulk of pasted data) cannot be
                    // malformed; the parser converts every number once.
                    let b = text.as_bytes();
                    let plain = super::super::lexer::simple_number_len(text) == Some(text.len())
                        && !(b.len() > 1 && b[0] == b'0' && b[1].is_ascii_digit());
                    if !plain {
                        number_value(text).map_err(|m| err(m, span.clone()))?;
                    }
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
                    // Pasted data: a display of plain numbers in one scan.
                    if text == "["
                        && self.brackets.len() < MAX_BRACKETS
                        && super::super::numbers::compact()
                        && self.operand_next()
                        && let Some((list, end)) = number_display(self.src, start)
                    {
                        self.numbers.push((start as u32, Rc::new(list)));
                        self.pos = end;
                        self.push(K::Numbers, start..end);
                        continue;
                    }
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
            self.push(k, span);
        }
        let end = self.src.len();
        if !self.nested
            && self.brackets.is_empty()
            && self.toks.last().is_some_and(|t| t.kind != K::Newline)
        {
            self.push(K::Newline, end..end);
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(K::Dedent, end..end);
        }
        self.push(K::Eof, end..end);
        Ok(())
    }

    /// At the start of a line outside brackets: `Indent`/`Dedent` tokens
    /// for a line holding code (blank and comment lines do not count).
    fn indentation(&mut self) -> Result<(), SyntaxError> {
        let (mut col, mut alt, mut len) = (0usize, 0usize, 0usize);
        for b in self.src[self.pos..].bytes() {
            match b {
                b' ' => {
                    col += 1;
                    alt += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                b'\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            len += 1;
        }
        let at = self.pos + len;
        let rest = &self.src[at..];
        if rest.is_empty() || rest.starts_with(['#', '\n', '\r']) {
            return Ok(());
        }
        let tab_error = || SyntaxError {
            message: "inconsistent use of tabs and spaces in indentation".into(),
            span: at..at,
            kind: SyntaxErrorKind::Tab,
        };
        let &(top, top_alt) = self.indents.last().expect("the base level stays");
        if col > top {
            if alt <= top_alt {
                return Err(tab_error());
            }
            self.indents.push((col, alt));
            self.push(K::Indent, at..at);
            return Ok(());
        }
        while col < self.indents.last().expect("base level").0 {
            self.indents.pop();
            self.push(K::Dedent, at..at);
        }
        let &(top, top_alt) = self.indents.last().expect("the base level stays");
        if col != top {
            // Found only here: a pasted literal's line is megabytes long.
            let line_end = at + rest.find(['\n', '\r']).unwrap_or(rest.len());
            return Err(SyntaxError {
                message: "unindent does not match any outer indentation level".into(),
                span: line_end..line_end,
                kind: SyntaxErrorKind::Indentation,
            });
        }
        if alt != top_alt {
            return Err(tab_error());
        }
        Ok(())
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
