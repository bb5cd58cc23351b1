//! The nom parser for gradlab's NumPy-flavoured Python statements. This is
//! the only module that imports nom.
//!
//! Pipeline: [`lexer`] (nom lexical rules, also the lossless highlighter
//! tokens) → a lazy token stream with Python's tokenizer checks (brackets,
//! literals) → a one-token-lookahead recursive-descent parser producing
//! [`ast`] nodes with byte spans. Parsing is linear time and recursion is
//! bounded, so no input can overflow the stack.
//!
//! ```
//! use gradlab::syntax::{parse_chunk, sexpr};
//! let stmts = parse_chunk("dx, dy = np.gradient(m, axis=0)").unwrap();
//! assert_eq!(sexpr::stmts(&stmts), "(= (tuple dx dy) (call (. np gradient) m axis=0))");
//! ```

mod assist;
pub mod ast;
mod expr;
mod lexer;
mod literal;
mod parser;
pub mod sexpr;
mod split;
mod stmt;
mod stream;

pub use assist::{CallContext, bracket_match, call_context};
pub use lexer::{KEYWORDS, Token, TokenKind, tokens};
pub use split::{needs_more_input, split_statements};
pub use stream::MAX_BRACKETS;

use ast::{Span, Stmt};

/// A syntax error: what was expected, what was found, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Python-style message, e.g. `invalid syntax`, `'(' was never closed`.
    pub message: String,
    /// Byte span of the offending text in the parsed source (may be empty,
    /// at the end of input).
    pub span: Span,
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
/// `unterminated string literal (detected at line 1)`, `too many nested
/// parentheses` (more than [`MAX_BRACKETS`] open brackets), `expression too
/// deeply nested` (e.g. thousands of unary minuses), and a few of gradlab's
/// own for Python features it does not support (`'for' statements are not
/// supported`). As in Python, a tokenizer error later in the chunk (an
/// unclosed bracket, a bad literal) is reported in preference to a parse
/// error before it.
pub fn parse_chunk(src: &str) -> Result<Vec<Stmt>, SyntaxError> {
    parse_chunk_at(src, 1)
}

/// [`parse_chunk`] for a chunk starting on line `first_line` of a script,
/// so that messages mentioning lines (`detected at line 7`) use script
/// line numbers. Spans stay relative to `src`.
pub fn parse_chunk_at(src: &str, first_line: usize) -> Result<Vec<Stmt>, SyntaxError> {
    let mut p = parser::Parser::new(src, first_line);
    p.chunk().map_err(|e| p.s.later_lex_error().unwrap_or(e))
}
