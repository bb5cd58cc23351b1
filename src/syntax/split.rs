//! Splitting scripts into statement chunks and deciding whether REPL input
//! is complete, from the lossless tokens (so brackets inside strings and
//! comments never count).

use super::Chunk;
use super::ast::Span;
use super::lexer::{Token, TokenKind, raw_token, skip_plain};

#[cfg(test)]
mod tests;

/// One logical line: physical lines joined by open brackets, `\`
/// continuations or triple-quoted strings.
#[derive(Debug, PartialEq)]
struct LogicalLine {
    /// Start of the physical line holding the first token (indentation
    /// included, so the parser can report `unexpected indent`).
    start: usize,
    /// End of the last token that is not blank or a line break.
    end: usize,
    /// 1-based line of the first token.
    line: usize,
    indented: bool,
    /// Starts with `def`, `if`, `for`, ... (a block may follow).
    compound: bool,
    /// Starts with `elif`, `else`, `except` or `finally`.
    continuation: bool,
    ends_with_colon: bool,
}

/// A piece of a structural scan: a token, or a run of plain bytes
/// ([`skip_plain`]: no bracket, string, comment, backslash, line break,
/// `:` or `;`) jumped over without lexing it.
enum Piece {
    Plain(Span),
    Tok(Token),
}

/// The pieces of `src` in order. Scripts and REPL input are scanned for
/// their structure several times (is a bracket open? where do statements
/// end?); jumping over plain runs keeps that cheap on a pasted 10⁶-number
/// literal, and nothing is collected.
fn pieces(src: &str) -> impl Iterator<Item = Piece> + '_ {
    let mut pos = 0;
    // A pasted literal's pages are handed back as the scan passes them.
    let mut behind = crate::text::Behind::new(src.as_bytes());
    std::iter::from_fn(move || {
        behind.at(pos);
        if pos >= src.len() {
            behind.finish();
            return None;
        }
        // A run is taken a chunk at most at a time (the pieces of one
        // run are plain too), so that the hand-backs keep up with it.
        let bound = (pos + crate::text::CHUNK).min(src.len());
        let end = skip_plain(&src.as_bytes()[..bound], pos);
        let piece = if end > pos {
            Piece::Plain(pos..end)
        } else {
            let (kind, len) = raw_token(&src[pos..]);
            Piece::Tok(Token {
                kind,
                span: pos..pos + len,
            })
        };
        pos = match &piece {
            Piece::Plain(s) => s.end,
            Piece::Tok(t) => t.span.end,
        };
        Some(piece)
    })
}

/// End of the last non-blank byte of a plain run, if any.
fn nonblank_end(src: &str, run: &Span) -> Option<usize> {
    src.as_bytes()[run.clone()]
        .iter()
        .rposition(|c| !matches!(c, b' ' | b'\t' | b'\x0c'))
        .map(|k| run.start + k + 1)
}

/// The last piece of `src`, when it is a token (a plain run holds none of
/// the tokens the callers look for: strings, continuations, `;`).
fn last_token(src: &str) -> Option<Token> {
    match pieces(src).last()? {
        Piece::Tok(t) => Some(t),
        Piece::Plain(_) => None,
    }
}

/// The non-blank, non-comment-only logical lines of `src`.
fn logical_lines(src: &str) -> Vec<LogicalLine> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut line = 1;
    let mut line_start = 0;
    let mut current: Option<LogicalLine> = None;
    // Whether the last significant token is `:` (a block header).
    let mut last_colon = false;
    let mut pos = 0;
    while pos < src.len() {
        if let Some(cur) = current.as_mut() {
            // Once a line has started, only brackets, strings, comments and
            // line breaks change its structure: jump over plain runs.
            let end = skip_plain(src.as_bytes(), pos);
            if end > pos {
                if let Some(e) = nonblank_end(src, &(pos..end)) {
                    cur.end = e;
                    last_colon = false;
                }
                pos = end;
                continue;
            }
        }
        let (kind, len) = raw_token(&src[pos..]);
        let t = Token {
            kind,
            span: pos..pos + len,
        };
        pos += len;
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
                    compound: t.kind == TokenKind::Keyword && COMPOUND.contains(&text),
                    continuation: t.kind == TokenKind::Keyword
                        && matches!(text, "elif" | "else" | "except" | "finally"),
                    ends_with_colon: false,
                });
            }
            last_colon = t.kind == TokenKind::Op && text == ":";
        }
        if let Some(cur) = current.as_mut()
            && !matches!(t.kind, TokenKind::Whitespace | TokenKind::Newline)
        {
            cur.end = t.span.end;
        }
        let breaks = super::tokens::line_breaks(text);
        if breaks > 0 {
            line += breaks;
            line_start = t.span.start + text.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        }
        if t.kind == TokenKind::Newline && depth == 0 {
            finish(&mut current, last_colon, &mut out);
        }
    }
    finish(&mut current, last_colon, &mut out);
    out
}

fn finish(current: &mut Option<LogicalLine>, last_colon: bool, out: &mut Vec<LogicalLine>) {
    if let Some(mut l) = current.take() {
        l.ends_with_colon = last_colon;
        out.push(l);
    }
}

/// Whether the first logical line of `src` (as [`logical_lines`] finds
/// it) is compound and indented, from its first significant token alone:
/// a pasted literal after it is not scanned again.
fn first_line_head(src: &str) -> Option<(bool, bool)> {
    let mut line_start = 0;
    let mut pos = 0;
    while pos < src.len() {
        let (kind, len) = raw_token(&src[pos..]);
        let text = &src[pos..pos + len];
        if !matches!(
            kind,
            TokenKind::Whitespace | TokenKind::Newline | TokenKind::Comment
        ) {
            let compound = kind == TokenKind::Keyword && COMPOUND.contains(&text);
            return Some((compound, line_start < pos));
        }
        if super::tokens::line_breaks(text) > 0 {
            line_start = pos + text.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        }
        pos += len;
    }
    None
}

/// Keywords that open a compound statement.
const COMPOUND: &[&str] = &["def", "if", "for", "while", "with", "try", "class"];

/// Splits a script into statement chunks. A chunk is one logical line
/// (brackets, `\` continuations and triple-quoted strings join physical
/// lines), plus, after a line starting a compound statement (`def`, `for`,
/// `if`, ...), the indented lines that follow it (the body) and its
/// `elif`/`else`/`except`/`finally` clauses. Blank and comment-only lines
/// belong to no chunk.
pub fn split_statements(src: &str) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut in_block = false;
    for l in logical_lines(src) {
        if in_block && (l.indented || l.continuation) {
            if let Some(last) = chunks.last_mut() {
                last.range.end = l.end;
            }
            continue;
        }
        in_block = l.compound;
        chunks.push(Chunk {
            range: l.start..l.end,
            line: l.line,
        });
    }
    chunks
}

/// True when `src` cannot be complete yet, as IPython decides: a bracket
/// is open, a triple-quoted string is unterminated, the input ends with a
/// `\` continuation, or a compound statement (`for ...:`, `def ...:`) has
/// not been ended by an empty line (a bare header followed by an empty
/// line is submitted, so the parser reports the missing body). Pasted
/// `>>> ` / `In [n]: ` prompts are read as IPython reads them.
/// False as soon as a closing bracket has no opener, so the REPL submits
/// and reports the error.
pub fn needs_more_input(src: &str) -> bool {
    match super::prompts::strip_prompts(src) {
        Some(clean) => open_input(&clean) || open_block(&clean),
        None => open_input(src) || open_block(src),
    }
}

/// Whether line `next` of a script belongs to the chunk `text` read so
/// far: an open bracket, string or `\` continuation, or the indented body
/// (and `else`/`except`/... clauses) of a compound statement. Blank and
/// comment lines inside a body belong to it when `after` (the lines after
/// `next`) continue the body.
pub fn continues_chunk<'a>(
    text: &str,
    next: &str,
    mut after: impl Iterator<Item = &'a str>,
) -> bool {
    if open_input(text) && !continuation_closed(text) {
        return true;
    }
    let Some((compound, indented)) = first_line_head(text) else {
        return false;
    };
    if !compound || indented {
        return false;
    }
    let belongs = |line: &str| {
        let t = line.trim_start();
        let indented = t.len() < line.len() && !t.is_empty() && !t.starts_with('#');
        let clause = ["elif", "else", "except", "finally"].iter().any(|k| {
            t.strip_prefix(k)
                .is_some_and(|r| r.starts_with([':', ' ', '\t', '(']))
        });
        indented || clause
    };
    let blank = |line: &str| {
        let t = line.trim();
        t.is_empty() || (t.starts_with('#') && !line.starts_with("#>") && !line.starts_with("##"))
    };
    if belongs(next) {
        return true;
    }
    if blank(next) {
        return after.find(|l| !blank(l)).is_some_and(belongs);
    }
    false
}

/// How many line breaks the statement starting `src` runs over inside
/// brackets, found in one scan: those met while a bracket opened in `src`
/// is open. The count stops at the first line break outside brackets, and
/// at a string or `\` continuation spanning lines or a lone `\r` (the
/// caller decides those line by line with [`continues_chunk`]), so the
/// lines counted are exactly ones [`continues_chunk`] would join. A pasted
/// 10⁵-line literal is joined in linear time.
pub fn bracket_lines(src: &str) -> usize {
    let mut depth = 0usize;
    let mut lines = 0;
    for p in pieces(src) {
        let Piece::Tok(t) = p else { continue };
        let text = &src[t.span.clone()];
        match t.kind {
            TokenKind::OpenBracket => depth += 1,
            TokenKind::CloseBracket if depth == 0 => return lines,
            TokenKind::CloseBracket => depth -= 1,
            TokenKind::Newline if depth == 0 || text == "\r" => return lines,
            TokenKind::Newline => lines += 1,
            _ if text.contains(['\n', '\r']) => return lines,
            _ => {}
        }
    }
    lines
}

/// A compound statement still open in REPL input (see [`needs_more_input`]).
fn open_block(src: &str) -> bool {
    let lines = logical_lines(src);
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return false;
    };
    if !first.compound || !first.ends_with_colon && lines.len() == 1 {
        return false;
    }
    if lines.len() == 1 {
        // A bare header: more unless the user already entered an empty line.
        return super::tokens::line_breaks(&src[last.end..]) == 0;
    }
    let tail = &src[last.end..];
    let last_line = src.rsplit(['\n', '\r']).next().unwrap_or("");
    let ended = super::tokens::line_breaks(tail) >= 1 && last_line.trim().is_empty();
    !ended
}

/// An open bracket, triple-quoted string or `\` continuation.
/// Whether `text` (a chunk's lines joined without a final line break)
/// ends in a backslash continuation that a blank line has already closed,
/// as Python's tokenizer closes it: `0\` then an empty line is the whole
/// statement `0`, and whatever follows (a `#>` output line) is not part of
/// it. Open brackets still continue.
fn continuation_closed(text: &str) -> bool {
    // A lone carriage return ends a line too, as in Python's source reading.
    let mut lines = text.rsplit(['\n', '\r']);
    let closed = lines.next().is_some_and(|l| l.trim().is_empty())
        && lines.next().is_some_and(|l| l.ends_with('\\'));
    // The backslash must be a continuation token (not text inside an
    // unterminated triple-quoted string).
    let continuation = last_token(text)
        .is_some_and(|t| t.kind == TokenKind::Whitespace && text[t.span.clone()].contains('\\'));
    closed && continuation && bracket_depth(text) == 0
}

/// How many brackets `src` leaves open (0 also for a stray closer).
fn bracket_depth(src: &str) -> usize {
    let mut depth = 0usize;
    for p in pieces(src) {
        match p {
            Piece::Tok(t) if t.kind == TokenKind::OpenBracket => depth += 1,
            Piece::Tok(t) if t.kind == TokenKind::CloseBracket && depth == 0 => return 0,
            Piece::Tok(t) if t.kind == TokenKind::CloseBracket => depth -= 1,
            _ => {}
        }
    }
    depth
}

fn open_input(src: &str) -> bool {
    let mut depth = 0usize;
    let mut last = None;
    for p in pieces(src) {
        last = match p {
            Piece::Tok(t) => {
                match t.kind {
                    TokenKind::OpenBracket => depth += 1,
                    TokenKind::CloseBracket if depth == 0 => return false,
                    TokenKind::CloseBracket => depth -= 1,
                    _ => {}
                }
                Some(t)
            }
            Piece::Plain(_) => None,
        };
    }
    if depth > 0 {
        return true;
    }
    if let Some(last) = last {
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
    false
}

/// IPython's rule: a trailing `;` hides the last statement's `Out` value
/// (printed text and errors still show).
pub fn ends_with_semicolon(text: &str) -> bool {
    // Most cells (and every pasted literal) hold no `;` at all: a
    // vectorised search instead of a structural scan.
    if crate::text::find_byte(b';', text.as_bytes()).is_none() {
        return false;
    }
    let mut semicolon = false;
    for p in pieces(text) {
        match p {
            Piece::Plain(run) => {
                if nonblank_end(text, &run).is_some() {
                    semicolon = false;
                }
            }
            Piece::Tok(t) => {
                if !matches!(
                    t.kind,
                    TokenKind::Whitespace | TokenKind::Newline | TokenKind::Comment
                ) {
                    semicolon = t.kind == TokenKind::Op && &text[t.span] == ";";
                }
            }
        }
    }
    semicolon
}
