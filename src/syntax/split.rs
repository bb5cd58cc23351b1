//! Splitting scripts into statement chunks and deciding whether REPL input
//! is complete, from the lossless tokens (so brackets inside strings and
//! comments never count).

use super::Chunk;
use super::lexer::{Token, TokenKind, tokens};

/// One logical line: physical lines joined by open brackets, `\`
/// continuations or triple-quoted strings.
struct LogicalLine {
    /// Start of the physical line holding the first token (indentation
    /// included, so the parser can report `unexpected indent`).
    start: usize,
    /// End of the last token that is not blank or a line break.
    end: usize,
    /// 1-based line of the first token.
    line: usize,
    indented: bool,
    starts_with_def: bool,
    ends_with_colon: bool,
}

/// The non-blank, non-comment-only logical lines of `src`.
fn logical_lines(src: &str, toks: &[Token]) -> Vec<LogicalLine> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut line = 1;
    let mut line_start = 0;
    let mut current: Option<LogicalLine> = None;
    let mut last_sig: Option<&Token> = None;
    for t in toks {
        let text = &src[t.span.clone()];
        match t.kind {
            TokenKind::OpenBracket => depth += 1,
            TokenKind::CloseBracket => depth = depth.saturating_sub(1),
            _ => {}
        }
        let significant = !matches!(
            t.kind,
            TokenKind::Whitespace | TokenKind::Newline | TokenKind::Comment
        );
        if significant {
            if current.is_none() {
                current = Some(LogicalLine {
                    start: line_start,
                    end: t.span.end,
                    line,
                    indented: line_start < t.span.start,
                    starts_with_def: t.kind == TokenKind::Keyword && text == "def",
                    ends_with_colon: false,
                });
            }
            last_sig = Some(t);
        }
        if let Some(cur) = current.as_mut()
            && !matches!(t.kind, TokenKind::Whitespace | TokenKind::Newline)
        {
            cur.end = t.span.end;
        }
        let breaks = super::stream::line_breaks(text);
        if breaks > 0 {
            line += breaks;
            line_start = t.span.start + text.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        }
        if t.kind == TokenKind::Newline && depth == 0 {
            finish(&mut current, last_sig, src, &mut out);
        }
    }
    finish(&mut current, last_sig, src, &mut out);
    out
}

fn finish(
    current: &mut Option<LogicalLine>,
    last_sig: Option<&Token>,
    src: &str,
    out: &mut Vec<LogicalLine>,
) {
    if let Some(mut l) = current.take() {
        l.ends_with_colon =
            last_sig.is_some_and(|t| t.kind == TokenKind::Op && &src[t.span.clone()] == ":");
        out.push(l);
    }
}

/// Splits a script into statement chunks. A chunk is one logical line
/// (brackets, `\` continuations and triple-quoted strings join physical
/// lines), plus, after a line starting with `def`, the indented lines that
/// follow it (the body). Blank and comment-only lines belong to no chunk.
pub fn split_statements(src: &str) -> Vec<Chunk> {
    let toks = tokens(src);
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut in_def = false;
    for l in logical_lines(src, &toks) {
        if in_def && l.indented {
            if let Some(last) = chunks.last_mut() {
                last.range.end = l.end;
            }
            continue;
        }
        in_def = l.starts_with_def;
        chunks.push(Chunk {
            range: l.start..l.end,
            line: l.line,
        });
    }
    chunks
}

/// True when `src` cannot be complete yet: a bracket is open, a
/// triple-quoted string is unterminated, the input ends with a `\`
/// continuation, or the input ends with a `def ...:` header line (no body,
/// no empty line after it yet).
/// False as soon as a closing bracket has no opener, so the REPL submits
/// and reports the error.
pub fn needs_more_input(src: &str) -> bool {
    let toks = tokens(src);
    let mut depth = 0usize;
    for t in &toks {
        match t.kind {
            TokenKind::OpenBracket => depth += 1,
            TokenKind::CloseBracket if depth == 0 => return false,
            TokenKind::CloseBracket => depth -= 1,
            _ => {}
        }
    }
    if depth > 0 {
        return true;
    }
    if let Some(last) = toks.last() {
        let text = &src[last.span.clone()];
        let open_triple =
            last.kind == TokenKind::Str && !super::lexer::string_is_terminated(text) && {
                let body = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                body.starts_with("'''") || body.starts_with("\"\"\"")
            };
        let continuation = (last.kind == TokenKind::Whitespace && text.contains('\\'))
            || (last.kind == TokenKind::Unknown && text == "\\");
        if open_triple || continuation {
            return true;
        }
    }
    // A line break after a bare header means the user entered an empty
    // line: submit, so the parser can report the missing body.
    logical_lines(src, &toks).last().is_some_and(|l| {
        l.starts_with_def && l.ends_with_colon && super::stream::line_breaks(&src[l.end..]) == 0
    })
}
