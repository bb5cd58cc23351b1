//! Recursive-descent parser over [`Stream`]: shared helpers and the
//! statement rules. Expressions are in [`super::expr`].
//!
//! One token of lookahead and no backtracking, so parsing is linear in the
//! input; recursion is bounded by [`MAX_DEPTH`].

use super::SyntaxError;
use super::ast::{Span, Stmt};
use super::stream::{K, Stream, Tok, err};

/// Deepest expression nesting (brackets, unary operators, `**`, `not`,
/// lambdas) the parser recurses into before giving up with an error.
/// Above [`super::MAX_BRACKETS`] so that pure bracket nesting reports
/// Python's `too many nested parentheses` first.
pub const MAX_DEPTH: usize = 250;

/// Stack left before [`Parser::nested`] switches to a fresh segment.
const RED_ZONE: usize = 128 * 1024;
const STACK_SEGMENT: usize = 2 * 1024 * 1024;

pub type PResult<T> = Result<T, SyntaxError>;

pub struct Parser<'a> {
    pub s: Stream<'a>,
    depth: usize,
    /// End of the last consumed token, for node spans.
    pub last_end: usize,
}

impl<'a> Parser<'a> {
    pub fn new(src: &'a str, first_line: usize) -> Self {
        Parser {
            s: Stream::new(src, first_line),
            depth: 0,
            last_end: 0,
        }
    }

    pub fn peek(&mut self) -> PResult<Tok> {
        self.s.peek().cloned()
    }

    pub fn bump(&mut self) -> PResult<Tok> {
        let t = self.s.next()?;
        self.last_end = t.span.end;
        Ok(t)
    }

    pub fn text(&self, t: &Tok) -> &'a str {
        self.s.text(t)
    }

    pub fn is(&self, t: &Tok, kind: K, text: &str) -> bool {
        t.kind == kind && self.text(t) == text
    }

    pub fn at(&mut self, kind: K, text: &str) -> PResult<bool> {
        let t = self.peek()?;
        Ok(self.is(&t, kind, text))
    }

    pub fn at_op(&mut self, op: &str) -> PResult<bool> {
        self.at(K::Op, op)
    }

    pub fn at_kw(&mut self, kw: &str) -> PResult<bool> {
        self.at(K::Keyword, kw)
    }

    pub fn at_kind(&mut self, kind: K) -> PResult<bool> {
        Ok(self.peek()?.kind == kind)
    }

    pub fn eat_op(&mut self, op: &str) -> PResult<bool> {
        let yes = self.at_op(op)?;
        if yes {
            self.bump()?;
        }
        Ok(yes)
    }

    /// Consumes `op` or fails with `message` at the token found instead.
    pub fn expect_op(&mut self, op: &str, message: &str) -> PResult<Tok> {
        let t = self.peek()?;
        if self.is(&t, K::Op, op) {
            self.bump()
        } else {
            Err(err(message, t.span))
        }
    }

    /// Python's generic `invalid syntax`, at the next token.
    pub fn invalid(&mut self) -> SyntaxError {
        match self.peek() {
            Ok(t) => err("invalid syntax", t.span),
            Err(e) => e,
        }
    }

    /// A name token as an identifier, or `invalid syntax`.
    pub fn ident(&mut self) -> PResult<super::ast::Ident> {
        let t = self.peek()?;
        if t.kind != K::Name {
            return Err(self.invalid());
        }
        self.bump()?;
        Ok(super::ast::Ident {
            name: self.text(&t).to_string(),
            span: t.span,
        })
    }

    /// Runs `f` one nesting level deeper, failing past [`MAX_DEPTH`].
    pub fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.depth >= MAX_DEPTH {
            let span = self.peek()?.span;
            return Err(err("expression too deeply nested", span));
        }
        self.depth += 1;
        // Debug builds spend ~18 KiB of stack per bracket level (release
        // ~3 KiB), so a 2 MiB test thread could not hold the allowed depth:
        // grow the stack on demand instead of lowering the limit.
        let out = stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || f(self));
        self.depth -= 1;
        out
    }

    /// Items up to and including a closing bracket, separated by commas (a
    /// trailing comma allowed). Returns the items, whether a trailing comma
    /// was seen, and the closing token. The stream has already checked that
    /// the bracket matches.
    pub fn bracketed<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<(Vec<T>, bool, Tok)> {
        let mut items = Vec::new();
        let mut trailing = false;
        loop {
            if self.at_kind(K::Close)? {
                let close = self.bump()?;
                return Ok((items, trailing, close));
            }
            let start = self.peek()?.span.start;
            items.push(item(self)?);
            if self.eat_op(",")? {
                trailing = true;
            } else if !self.at_kind(K::Close)? {
                return Err(self.missing_comma(start));
            } else {
                trailing = false;
            }
        }
    }

    /// The error for an unexpected token after an item that started at
    /// `start`, inside brackets.
    pub fn missing_comma(&mut self, start: usize) -> SyntaxError {
        let t = match self.peek() {
            Ok(t) => t,
            Err(e) => return e,
        };
        if self.starts_expr(&t) {
            err(
                "invalid syntax. Perhaps you forgot a comma?",
                start..t.span.end,
            )
        } else if self.is(&t, K::Keyword, "for") {
            err("comprehensions are not supported", t.span)
        } else {
            err("invalid syntax", t.span)
        }
    }

    /// Whether `t` can begin an expression.
    pub fn starts_expr(&self, t: &Tok) -> bool {
        match t.kind {
            K::Number | K::Str | K::Name => true,
            K::Open => true,
            K::Keyword => matches!(self.text(t), "True" | "False" | "None" | "lambda" | "not"),
            K::Op => matches!(self.text(t), "-" | "+" | "~" | "..."),
            _ => false,
        }
    }

    /// A whole chunk: statements separated by `;` and line breaks.
    pub fn chunk(&mut self) -> PResult<Vec<Stmt>> {
        let mut out: Vec<Stmt> = Vec::new();
        loop {
            let t = self.peek()?;
            match t.kind {
                K::Eof => return Ok(out),
                K::Newline => {
                    self.bump()?;
                    continue;
                }
                _ => {}
            }
            if self.s.indented(t.span.start) {
                let after_def = matches!(out.last(), Some(s) if matches!(s.kind, super::ast::StmtKind::Def { .. }));
                let message = if after_def {
                    "unexpected indent (a function body is one 'return' line)"
                } else {
                    "unexpected indent"
                };
                return Err(err(message, t.span));
            }
            self.line(&mut out)?;
        }
    }

    /// One logical line: `stmt (; stmt)* [;]`, then a line break or the end.
    fn line(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            self.statement(out)?;
            if !self.eat_op(";")? {
                break;
            }
            if matches!(self.peek()?.kind, K::Newline | K::Eof) {
                break;
            }
        }
        let t = self.peek()?;
        if matches!(t.kind, K::Newline | K::Eof) {
            return Ok(());
        }
        if let Some(last) = out.last()
            && let super::ast::StmtKind::Expr(e) = &last.kind
            && e.kind == super::ast::ExprKind::Name("print".into())
            && self.starts_expr(&t)
        {
            return Err(err(
                "Missing parentheses in call to 'print'. Did you mean print(...)?",
                e.span.start..t.span.end,
            ));
        }
        Err(err("invalid syntax", t.span))
    }

    pub fn stmt(&self, kind: super::ast::StmtKind, span: Span) -> Stmt {
        Stmt { kind, span }
    }
}
