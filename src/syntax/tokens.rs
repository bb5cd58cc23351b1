//! The parser's input: the significant tokens of a chunk, lexed eagerly by
//! the nom rules of [`super::lexer`], with Python's tokenizer checks
//! (brackets matched and nested at most [`MAX_BRACKETS`] deep, literals well
//! formed, no stray characters, indentation as `Indent`/`Dedent` tokens),
//! and the [`Tokens`] type through which nom parsers read them.

mod tokenizer;

use std::cell::Cell;
use std::iter::{Copied, Enumerate};
use std::rc::Rc;

use super::ast::{ExprKind, NumberList, Span};
use super::literal::number_value;
use super::{SyntaxError, SyntaxErrorKind};

pub use tokenizer::{lex, lex_range};

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
    /// A whole list display of plain numbers (pasted data), read at its
    /// `[` in one pass: its items are in [`Ctx::numbers`].
    Numbers,
    /// The end of a logical line (outside brackets).
    Newline,
    /// A line indented deeper than the block around it.
    Indent,
    /// The end of an indented block.
    Dedent,
    /// `$`, `?`, `!`, a backtick: the parser reports `invalid syntax`.
    Unknown,
    Eof,
}

/// One significant token: 12 bytes, so a pasted 10⁶-number literal's
/// tokens stay small.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub kind: K,
    start: u32,
    end: u32,
}

impl Tok {
    pub fn span(&self) -> Span {
        self.start as usize..self.end as usize
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }
}

/// What every parser shares: the source, number values, and the nesting
/// depth reached (see [`super::parser::nested`]).
pub struct Ctx<'a> {
    pub src: &'a str,
    first_line: usize,
    /// `'(' was never closed`, reported when a parser reaches the end.
    pub unclosed: Option<SyntaxError>,
    pub depth: Cell<usize>,
    /// Loops and functions around the statement being parsed, for
    /// `'break' outside loop` and `'return' outside function`.
    pub loops: Cell<usize>,
    pub functions: Cell<usize>,
    /// The items of each [`K::Numbers`] token, by the token's start, in
    /// source order.
    pub numbers: Vec<(u32, Rc<NumberList>)>,
}

impl<'a> Ctx<'a> {
    /// 1-based line number (in the caller's numbering) of byte `pos`.
    pub fn line_of(&self, pos: usize) -> usize {
        self.first_line + line_breaks(&self.src[..pos.min(self.src.len())])
    }

    /// The items of the [`K::Numbers`] token `t`.
    pub fn numbers_of(&self, t: Tok) -> Rc<NumberList> {
        let k = self
            .numbers
            .binary_search_by_key(&t.start, |(at, _)| *at)
            .expect("the lexer recorded every Numbers token");
        Rc::clone(&self.numbers[k].1)
    }
}

/// The parser's input: a slice of the token vector (always ending with
/// `Eof`) and the shared context.
#[derive(Clone, Copy)]
pub struct Tokens<'a> {
    /// Every token of the chunk (`toks` is a suffix of it).
    pub all: &'a [Tok],
    pub toks: &'a [Tok],
    pub ctx: &'a Ctx<'a>,
}

impl<'a> Tokens<'a> {
    /// The next token (the final `Eof` once the input is used up).
    pub fn peek(&self) -> Tok {
        match self.toks.first() {
            Some(t) => *t,
            None => Tok {
                kind: K::Eof,
                start: self.ctx.src.len() as u32,
                end: self.ctx.src.len() as u32,
            },
        }
    }

    /// The token after the next one.
    pub fn peek2(&self) -> Tok {
        match self.toks.get(1) {
            Some(t) => *t,
            None => self.skip(self.toks.len()).peek(),
        }
    }

    /// The input after the next token.
    pub fn advance(&self) -> Tokens<'a> {
        self.skip(1.min(self.toks.len()))
    }

    /// End of the last token before this input (0 at the start), for the
    /// spans of nodes that end there.
    pub fn prev_end(&self) -> usize {
        let at = self.all.len() - self.toks.len();
        at.checked_sub(1).map_or(0, |k| self.all[k].end())
    }

    pub fn text(&self, t: Tok) -> &'a str {
        &self.ctx.src[t.span()]
    }

    /// The value of a `Number` token (checked by the lexer).
    pub fn number(&self, t: Tok) -> Result<ExprKind, String> {
        number_value(self.text(t))
    }

    fn skip(&self, i: usize) -> Tokens<'a> {
        Tokens {
            all: self.all,
            toks: &self.toks[i..],
            ctx: self.ctx,
        }
    }
}

impl<'a> nom::Input for Tokens<'a> {
    type Item = Tok;
    type Iter = Copied<std::slice::Iter<'a, Tok>>;
    type IterIndices = Enumerate<Self::Iter>;

    fn input_len(&self) -> usize {
        self.toks.len()
    }

    fn take(&self, index: usize) -> Self {
        Tokens {
            all: self.all,
            toks: &self.toks[..index],
            ctx: self.ctx,
        }
    }

    fn take_from(&self, index: usize) -> Self {
        self.skip(index)
    }

    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }

    fn position<P: Fn(Tok) -> bool>(&self, predicate: P) -> Option<usize> {
        self.toks.iter().position(|t| predicate(*t))
    }

    fn iter_elements(&self) -> Self::Iter {
        self.toks.iter().copied()
    }

    fn iter_indices(&self) -> Self::IterIndices {
        self.iter_elements().enumerate()
    }

    fn slice_index(&self, count: usize) -> Result<usize, nom::Needed> {
        if count <= self.toks.len() {
            Ok(count)
        } else {
            Err(nom::Needed::new(count - self.toks.len()))
        }
    }
}

/// The lexed chunk: tokens and the context parsers share.
pub struct Lexed<'a> {
    pub toks: Vec<Tok>,
    pub ctx: Ctx<'a>,
}

/// A plain `SyntaxError`.
pub fn err(message: impl Into<String>, span: Span) -> SyntaxError {
    SyntaxError {
        message: message.into(),
        span,
        kind: SyntaxErrorKind::Syntax,
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
