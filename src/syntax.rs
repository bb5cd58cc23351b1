//! The nom parser for the Python gradlab reads. This is the only module
//! that imports nom.
//!
//! Pipeline: [`lexer`] (nom lexical rules, also the lossless highlighter
//! tokens) → the chunk's significant tokens with Python's tokenizer checks
//! (brackets, literals, indentation) → nom combinators over those tokens
//! (a [`nom::Input`] of its own) producing [`ast`] nodes with byte spans.
//! Parsing is linear time and recursion is bounded, so no input can
//! overflow the stack.
//!
//! ```
//! use gradlab::syntax::{parse_chunk, sexpr};
//! let stmts = parse_chunk("dx, dy = np.gradient(m, axis=0)").unwrap();
//! assert_eq!(sexpr::stmts(&stmts), "(= (tuple dx dy) (call (. np gradient) m axis=0))");
//! ```

mod assist;
pub mod ast;
mod atom;
mod block;
mod expr;
mod fstring;
mod lexer;
mod literal;
mod numbers;
mod parser;
mod prompts;
mod scan;
mod scope;
pub mod sexpr;
mod split;
mod stmt;
mod tokens;

pub use assist::{CallContext, bracket_match, call_context};
pub use lexer::{KEYWORDS, Token, TokenKind, tokens};
pub use prompts::strip_prompts;
pub use scope::target_names as ast_target_names;

/// The names a function body with these parameters binds (its locals).
pub fn function_scope(params: &[ast::Param], body: &[Stmt]) -> Result<ast::Scope, SyntaxError> {
    scope::function_scope(params, body).map_err(|e| match e {
        nom::Err::Error(e) | nom::Err::Failure(e) => e.into(),
        nom::Err::Incomplete(_) => tokens::err("invalid syntax", 0..0),
    })
}
pub use split::{
    bracket_lines, continues_chunk, ends_with_semicolon, needs_more_input, split_statements,
};
pub use tokens::MAX_BRACKETS;

use ast::{Span, Stmt};

/// A syntax error: what was expected, what was found, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Python-style message, e.g. `invalid syntax`, `'(' was never closed`.
    pub message: String,
    /// Byte span of the offending text in the parsed source (may be empty,
    /// at the end of input).
    pub span: Span,
    /// Which of Python's syntax error classes it is.
    pub kind: SyntaxErrorKind,
}

/// Python's `SyntaxError` and its subclasses for indentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    Syntax,
    /// `IndentationError`: `unexpected indent`, `expected an indented block ...`.
    Indentation,
    /// `TabError`: inconsistent use of tabs and spaces.
    Tab,
}

/// One logical statement line of a script: its byte range in the source and
/// its 1-based first line number. May hold several `;`-separated statements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub range: Span,
    pub line: usize,
}

/// Parses one chunk (one or more statements separated by `;` or line
/// breaks). Spans are byte offsets into `src`; line numbers in messages
/// count from 1 (see [`parse_chunk_at`]).
///
/// Errors carry Python's messages: `invalid syntax`, `'(' was never
/// closed`, `unmatched ')'`, `expected ':'`, `invalid decimal literal`,
/// `unterminated string literal (detected at line 1)`, `expected an
/// indented block after 'for' statement on line 1`, `'break' outside
/// loop`, `f-string: expecting '}'`, `too many nested parentheses` (more
/// than [`MAX_BRACKETS`] open brackets), `expression too deeply nested`
/// (e.g. thousands of unary minuses), and a few of gradlab's own for Python
/// features it does not support (`'class' statements are not supported`).
/// As in Python, a tokenizer error anywhere in the chunk (a stray bracket,
/// a bad literal) is reported in preference to a parse error before it.
pub fn parse_chunk(src: &str) -> Result<Vec<Stmt>, SyntaxError> {
    parse_chunk_at(src, 1)
}

/// [`parse_chunk`] of a text the caller keeps (a statement shared with
/// `In[n]`): a pasted display of numbers points into it instead of
/// holding a copy of its items.
pub fn parse_chunk_shared(src: &crate::text::Text) -> Result<Vec<Stmt>, SyntaxError> {
    numbers::with_shared(src, || parse_chunk_at(src, 1))
}

/// [`parse_chunk`] for a chunk starting on line `first_line` of a script,
/// so that messages mentioning lines (`detected at line 7`) use script
/// line numbers. Spans stay relative to `src`.
pub fn parse_chunk_at(src: &str, first_line: usize) -> Result<Vec<Stmt>, SyntaxError> {
    let lexed = tokens::lex(src, first_line)?;
    let input = tokens::Tokens {
        all: &lexed.toks,
        toks: &lexed.toks,
        ctx: &lexed.ctx,
    };
    match parser::chunk(input) {
        Ok((_, stmts)) => Ok(stmts),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(e.into()),
        Err(nom::Err::Incomplete(_)) => Err(tokens::err("invalid syntax", src.len()..src.len())),
    }
}
