//! The structural scans jump over plain runs ([`super::skip_plain`]); these
//! tests hold them to the token-by-token scans they replaced, on generated
//! inputs mixing every kind of token.

use super::super::lexer::{Token, tokens};
use super::*;
use proptest::prelude::*;

// ---- The token-by-token reference (the scans as they were). ----

fn ref_logical_lines(src: &str, toks: &[Token]) -> Vec<LogicalLine> {
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
                    compound: t.kind == TokenKind::Keyword && COMPOUND.contains(&text),
                    continuation: t.kind == TokenKind::Keyword
                        && matches!(text, "elif" | "else" | "except" | "finally"),
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
        let breaks = crate::syntax::tokens::line_breaks(text);
        if breaks > 0 {
            line += breaks;
            line_start = t.span.start + text.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        }
        if t.kind == TokenKind::Newline && depth == 0 {
            ref_finish(&mut current, last_sig, src, &mut out);
        }
    }
    ref_finish(&mut current, last_sig, src, &mut out);
    out
}

fn ref_finish(
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

fn ref_open_input(src: &str) -> bool {
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
            last.kind == TokenKind::Str && !crate::syntax::lexer::string_is_terminated(text) && {
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

fn ref_bracket_depth(src: &str) -> usize {
    let mut depth = 0usize;
    for t in &tokens(src) {
        match t.kind {
            TokenKind::OpenBracket => depth += 1,
            TokenKind::CloseBracket if depth == 0 => return 0,
            TokenKind::CloseBracket => depth -= 1,
            _ => {}
        }
    }
    depth
}

fn ref_ends_with_semicolon(text: &str) -> bool {
    tokens(text)
        .iter()
        .rev()
        .find(|t| {
            !matches!(
                t.kind,
                TokenKind::Whitespace | TokenKind::Newline | TokenKind::Comment
            )
        })
        .is_some_and(|t| t.kind == TokenKind::Op && &text[t.span.clone()] == ";")
}

fn fragments() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "1", "2.5", " ", "  ", ",", ", ", "-", "1e-3", "x", "rb", "r", "f", "'", "\"", "'''", "#c",
        "\\", "\n", "\r\n", "\r", "\t", ":", ";", "(", ")", "[", "]", "{", "}", "if", "for",
        "else", "def", "é", "€", "$", "1abc", "0x1F", ".5", "...", ":=", "a.b", "\x0c", "pass",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn agree(src: &str) {
    let toks = tokens(src);
    assert_eq!(logical_lines(src), ref_logical_lines(src, &toks), "{src:?}");
    assert_eq!(
        first_line_head(src),
        logical_lines(src).first().map(|l| (l.compound, l.indented)),
        "{src:?}"
    );
    assert_eq!(open_input(src), ref_open_input(src), "{src:?}");
    assert_eq!(bracket_depth(src), ref_bracket_depth(src), "{src:?}");
    assert_eq!(
        ends_with_semicolon(src),
        ref_ends_with_semicolon(src),
        "{src:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    #[test]
    fn scans_agree_with_tokens(src in fragments()) {
        agree(&src);
    }
}

#[test]
fn scans_agree_on_examples() {
    for src in [
        "a = [1, 2.5, -3e-3,\n 4]\nb = 1",
        "for i in x:\n    y = [1, 2]  # c\n",
        "x = rb'''a\n[' + [1, \\\n 2]",
        "d = {1: 2, 3: 4}; e = 5;",
        "if x: y = [1, 2,\r\n 3]:",
        "z = 1 \\",
        "q = f'{a}' ;  # c",
    ] {
        agree(src);
    }
}

/// Every line [`bracket_lines`] counts from line `i` of `src` is one that
/// [`continues_chunk`] joins, asked line by line as `Script::parse` asks.
fn bracket_lines_are_joined_lines(src: &str) {
    let lines: Vec<&str> = src
        .split_inclusive('\n')
        .map(|l| l.trim_end_matches(['\n', '\r']))
        .collect();
    let mut at = 0;
    for (i, raw) in src.split_inclusive('\n').enumerate() {
        let carried = bracket_lines(&src[at..]);
        at += raw.len();
        let mut text = lines[i].to_string();
        for j in i + 1..=(i + carried).min(lines.len() - 1) {
            assert!(
                continues_chunk(&text, lines[j], lines[j + 1..].iter().copied()),
                "line {j} of {src:?} counted from line {i}"
            );
            text.push('\n');
            text.push_str(lines[j]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    #[test]
    fn bracket_lines_only_counts_joined_lines(src in fragments()) {
        bracket_lines_are_joined_lines(&src);
    }
}

#[test]
fn bracket_lines_counts_a_pasted_literal() {
    let src = "a = np.array([1, 2,\n  3, 4,\r\n  5])\nb = [\n1]\n";
    assert_eq!(bracket_lines(src), 2);
    assert_eq!(bracket_lines("x = '''a\n' + [1,\n2]"), 0);
    assert_eq!(bracket_lines("x = [1, \\\n 2,\n 3]"), 0);
    bracket_lines_are_joined_lines(src);
}
