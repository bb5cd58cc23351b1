//! The nom plumbing of the grammar: the error type (Python's message, the
//! byte span, and whether it is an `IndentationError`), token parsers
//! (`op`, `kw`, `name`), the nesting guard, and the chunk rule. Statements
//! are in [`super::stmt`] and [`super::block`], expressions in
//! [`super::expr`] and [`super::atom`].
//!
//! Every rule reads tokens left to right with at most two tokens of
//! lookahead and never re-parses: alternatives branch on the next token
//! (or on an item already parsed), so parsing is linear in the input.

use std::borrow::Cow;

use nom::Parser;
use nom::error::{ErrorKind, ParseError};

use super::ast::{Ident, Span, Stmt};
use super::tokens::{K, Tok, Tokens};
use super::{SyntaxError, SyntaxErrorKind};

/// Deepest expression nesting (brackets, unary operators, `**`, `not`,
/// lambdas) the parser recurses into before giving up with an error.
/// Above [`super::MAX_BRACKETS`] so that pure bracket nesting reports
/// Python's `too many nested parentheses` first.
pub const MAX_DEPTH: usize = 250;

/// Stack left before [`nested`] switches to a fresh segment.
const RED_ZONE: usize = 128 * 1024;
const STACK_SEGMENT: usize = 2 * 1024 * 1024;

/// A parse error: Python's message and where. Cheap to make, because
/// recoverable errors (`opt(op(","))` not finding a comma) are frequent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PErr {
    pub message: Cow<'static, str>,
    pub span: Span,
    pub kind: SyntaxErrorKind,
}

impl<'a> ParseError<Tokens<'a>> for PErr {
    fn from_error_kind(input: Tokens<'a>, _: ErrorKind) -> Self {
        let t = input.peek();
        unclosed_or(input, t, "invalid syntax".into(), t.span())
    }

    fn append(_: Tokens<'a>, _: ErrorKind, other: Self) -> Self {
        other
    }
}

impl From<PErr> for SyntaxError {
    fn from(e: PErr) -> SyntaxError {
        SyntaxError {
            message: e.message.into_owned(),
            span: e.span,
            kind: e.kind,
        }
    }
}

impl From<SyntaxError> for PErr {
    fn from(e: SyntaxError) -> PErr {
        PErr {
            message: e.message.into(),
            span: e.span,
            kind: e.kind,
        }
    }
}

pub type PResult<'a, T> = nom::IResult<Tokens<'a>, T, PErr>;

/// The error a parser reports about token `t`: reaching the end of input
/// inside an open bracket is `'(' was never closed` whatever was expected.
fn unclosed_or(i: Tokens, t: Tok, message: Cow<'static, str>, span: Span) -> PErr {
    match (&i.ctx.unclosed, t.kind) {
        (Some(e), K::Eof) => e.clone().into(),
        _ => PErr {
            message,
            span,
            kind: SyntaxErrorKind::Syntax,
        },
    }
}

/// A committed failure with `message` at `span`.
pub fn fail<'a, T>(message: impl Into<Cow<'static, str>>, span: Span) -> PResult<'a, T> {
    Err(nom::Err::Failure(PErr {
        message: message.into(),
        span,
        kind: SyntaxErrorKind::Syntax,
    }))
}

/// An `IndentationError`.
pub fn fail_indent<'a, T>(message: impl Into<Cow<'static, str>>, span: Span) -> PResult<'a, T> {
    Err(nom::Err::Failure(PErr {
        message: message.into(),
        span,
        kind: SyntaxErrorKind::Indentation,
    }))
}

/// A committed failure about the next token of `i`.
/// At a line break Python points just after the line's last token (an
/// empty span), not at the break itself.
pub fn fail_at<'a, T>(i: Tokens<'a>, message: impl Into<Cow<'static, str>>) -> PResult<'a, T> {
    let t = i.peek();
    let span = if t.kind == K::Newline {
        t.start()..t.start()
    } else {
        t.span()
    };
    Err(nom::Err::Failure(unclosed_or(i, t, message.into(), span)))
}

/// Python's `invalid syntax` at the next token.
pub fn invalid<'a, T>(i: Tokens<'a>) -> PResult<'a, T> {
    fail_at(i, "invalid syntax")
}

/// The next token. At the end of input inside open brackets this fails
/// with `'(' was never closed`, as Python's tokenizer does when the parser
/// asks for more.
pub fn look(i: Tokens) -> Result<Tok, nom::Err<PErr>> {
    let t = i.peek();
    match (&i.ctx.unclosed, t.kind) {
        (Some(e), K::Eof) => Err(nom::Err::Failure(e.clone().into())),
        _ => Ok(t),
    }
}

/// Whether the next token is `kind` spelled `text`.
pub fn is(i: Tokens, kind: K, text: &str) -> Result<bool, nom::Err<PErr>> {
    let t = look(i)?;
    Ok(t.kind == kind && i.text(t) == text)
}

fn token<'a>(kind: K, text: &'static str) -> impl Fn(Tokens<'a>) -> PResult<'a, Tok> {
    move |i: Tokens<'a>| {
        let t = look(i)?;
        if t.kind == kind && i.text(t) == text {
            Ok((i.advance(), t))
        } else {
            Err(nom::Err::Error(PErr::from_error_kind(i, ErrorKind::Tag)))
        }
    }
}

/// The operator `text` (`,`, `=`, `**`, ...).
pub fn op<'a>(text: &'static str) -> impl Fn(Tokens<'a>) -> PResult<'a, Tok> {
    token(K::Op, text)
}

/// The keyword `text`.
pub fn kw<'a>(text: &'static str) -> impl Fn(Tokens<'a>) -> PResult<'a, Tok> {
    token(K::Keyword, text)
}

/// The bracket `text`.
pub fn bracket<'a>(text: &'static str) -> impl Fn(Tokens<'a>) -> PResult<'a, Tok> {
    move |i: Tokens<'a>| {
        let t = look(i)?;
        if matches!(t.kind, K::Open | K::Close) && i.text(t) == text {
            Ok((i.advance(), t))
        } else {
            Err(nom::Err::Error(PErr::from_error_kind(i, ErrorKind::Tag)))
        }
    }
}

/// Any token of `kind`.
pub fn kind<'a>(kind: K) -> impl Fn(Tokens<'a>) -> PResult<'a, Tok> {
    move |i: Tokens<'a>| {
        let t = look(i)?;
        if t.kind == kind {
            Ok((i.advance(), t))
        } else {
            Err(nom::Err::Error(PErr::from_error_kind(i, ErrorKind::Tag)))
        }
    }
}

/// `op` or a committed failure with `message` at the token found instead.
pub fn expect<'a>(
    text: &'static str,
    message: &'static str,
) -> impl Fn(Tokens<'a>) -> PResult<'a, Tok> {
    move |i: Tokens<'a>| match op(text).parse(i) {
        Err(nom::Err::Error(_)) => fail_at(i, message),
        r => r,
    }
}

/// A name token as an identifier (recoverable error otherwise).
pub fn name(i: Tokens) -> PResult<Ident> {
    let (rest, t) = kind(K::Name).parse(i)?;
    Ok((
        rest,
        Ident {
            name: i.text(t).to_string(),
            span: t.span(),
        },
    ))
}

/// A name, or `invalid syntax` at the token found instead.
pub fn ident(i: Tokens) -> PResult<Ident> {
    match name(i) {
        Err(nom::Err::Error(_)) => invalid(i),
        r => r,
    }
}

/// Runs `f` one nesting level deeper, failing past [`MAX_DEPTH`].
pub fn nested<'a, T>(
    i: Tokens<'a>,
    f: impl FnOnce(Tokens<'a>) -> PResult<'a, T>,
) -> PResult<'a, T> {
    let depth = &i.ctx.depth;
    if depth.get() >= MAX_DEPTH {
        return fail_at(i, "expression too deeply nested");
    }
    depth.set(depth.get() + 1);
    // Debug builds spend ~18 KiB of stack per bracket level (release
    // ~3 KiB), so a 2 MiB test thread could not hold the allowed depth:
    // grow the stack on demand instead of lowering the limit.
    let out = stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || f(i));
    depth.set(depth.get() - 1);
    out
}

/// A whole chunk: statements separated by `;` and line breaks.
pub fn chunk(mut i: Tokens) -> PResult<Vec<Stmt>> {
    let mut out: Vec<Stmt> = Vec::new();
    loop {
        let t = look(i)?;
        match t.kind {
            K::Eof => return Ok((i, out)),
            K::Newline => {
                i = i.advance();
                continue;
            }
            K::Indent => {
                let next = i.peek2();
                return fail_indent("unexpected indent", next.span());
            }
            _ => {}
        }
        let (rest, stmts) = super::block::statement(i)?;
        out.extend(stmts);
        i = rest;
    }
}
