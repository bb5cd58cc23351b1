//! Editing aids for the REPL: matching brackets and the call being typed.
//! Both work on incomplete input, from the lossless tokens.

use super::lexer::{Token, TokenKind, tokens};

/// The innermost call the cursor is inside, for signature hints and
/// keyword-argument completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallContext {
    /// The called name as written, dotted (`np.gradient`, `gradient`).
    pub callee: String,
    /// 0-based index of the argument being typed (commas before the cursor).
    pub arg_index: usize,
    /// When the cursor is where a keyword name may be typed (right after
    /// `(` or `,`, or at the end of a bare name there): the name typed so far.
    pub keyword_prefix: Option<String>,
    /// Keywords already given (`axis` in `f(a, axis=0, `).
    pub used_keywords: Vec<String>,
}

/// The byte offset of the bracket matching the one at `cursor` (or, if none
/// is there, the one just before `cursor`). Brackets in strings and comments
/// are ignored; an unmatched bracket has no partner.
pub fn bracket_match(src: &str, cursor: usize) -> Option<usize> {
    let mut partner: Vec<(usize, usize)> = Vec::new();
    let mut stack: Vec<(u8, usize)> = Vec::new();
    for t in tokens(src) {
        let b = src.as_bytes()[t.span.start];
        match t.kind {
            TokenKind::OpenBracket => stack.push((b, t.span.start)),
            TokenKind::CloseBracket => {
                let opener = match b {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                if stack.last().is_some_and(|&(o, _)| o == opener) {
                    let (_, at) = stack.pop().expect("checked non-empty");
                    partner.push((at, t.span.start));
                    partner.push((t.span.start, at));
                }
            }
            _ => {}
        }
    }
    let find = |pos: usize| partner.iter().find(|&&(a, _)| a == pos).map(|&(_, b)| b);
    find(cursor).or_else(|| cursor.checked_sub(1).and_then(find))
}

struct Frame {
    callee: Option<String>,
    arg_index: usize,
    used: Vec<String>,
}

/// The innermost call around `cursor` (best effort on incomplete input):
/// `np.gradient(f, axis=0, ed|` gives callee `np.gradient`, argument 2,
/// keyword prefix `ed`, used keywords `[axis]`. None outside any call.
pub fn call_context(src: &str, cursor: usize) -> Option<CallContext> {
    let mut cursor = cursor.min(src.len());
    while !src.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let before = &src[..cursor];
    let all = tokens(before);
    let sig: Vec<&Token> = all
        .iter()
        .filter(|t| {
            !matches!(
                t.kind,
                TokenKind::Whitespace | TokenKind::Newline | TokenKind::Comment
            )
        })
        .collect();
    let text = |t: &Token| &before[t.span.clone()];
    let mut frames: Vec<Frame> = Vec::new();
    for (i, t) in sig.iter().enumerate() {
        match (t.kind, text(t)) {
            (TokenKind::OpenBracket, b) => {
                let callee = if b == "(" {
                    callee_before(&sig[..i], before)
                } else {
                    None
                };
                frames.push(Frame {
                    callee,
                    arg_index: 0,
                    used: Vec::new(),
                });
            }
            (TokenKind::CloseBracket, _) => {
                frames.pop();
            }
            (TokenKind::Op, ",") => {
                if let Some(f) = frames.last_mut() {
                    f.arg_index += 1;
                }
            }
            (TokenKind::Op, "=") if i >= 2 && sig[i - 1].kind == TokenKind::Name => {
                let opener = text(sig[i - 2]);
                if let Some(f) = frames.last_mut()
                    && (opener == "(" || opener == ",")
                {
                    f.used.push(text(sig[i - 1]).to_string());
                }
            }
            _ => {}
        }
    }
    let innermost = frames.len().checked_sub(1)?;
    let at = frames.iter().rposition(|f| f.callee.is_some())?;
    let keyword_prefix = if at == innermost {
        keyword_prefix(&sig, all.last(), before)
    } else {
        None
    };
    let f = frames.swap_remove(at);
    Some(CallContext {
        callee: f.callee?,
        arg_index: f.arg_index,
        keyword_prefix,
        used_keywords: f.used,
    })
}

/// The dotted name just before a `(`, if it is a call (not `def f(`).
fn callee_before(sig: &[&Token], src: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut i = sig.len();
    loop {
        let t = sig.get(i.checked_sub(1)?)?;
        if t.kind != TokenKind::Name {
            return None;
        }
        parts.push(&src[t.span.clone()]);
        i -= 1;
        match sig.get(i.wrapping_sub(1)) {
            Some(dot) if &src[dot.span.clone()] == "." => i -= 1,
            Some(kw) if kw.kind == TokenKind::Keyword && &src[kw.span.clone()] == "def" => {
                return None;
            }
            _ => break,
        }
    }
    parts.reverse();
    Some(parts.join("."))
}

fn keyword_prefix(sig: &[&Token], last: Option<&Token>, src: &str) -> Option<String> {
    let is_sep = |t: &Token| matches!(&src[t.span.clone()], "(" | ",");
    let (&end, rest) = sig.split_last()?;
    if is_sep(end) {
        return Some(String::new());
    }
    let touching = last.is_some_and(|l| l.span == end.span);
    if end.kind == TokenKind::Name && touching && rest.last().is_some_and(|t| is_sep(t)) {
        return Some(src[end.span.clone()].to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(src: &str) -> Option<(String, usize, Option<String>, Vec<String>)> {
        call_context(src, src.len())
            .map(|c| (c.callee, c.arg_index, c.keyword_prefix, c.used_keywords))
    }

    fn s(x: &str) -> String {
        x.to_string()
    }

    #[test]
    fn call_contexts() {
        assert_eq!(
            ctx("np.gradient("),
            Some((s("np.gradient"), 0, Some(s("")), vec![]))
        );
        assert_eq!(
            ctx("np.gradient(f, ax"),
            Some((s("np.gradient"), 1, Some(s("ax")), vec![]))
        );
        assert_eq!(
            ctx("np.gradient(f, axis=0, ed"),
            Some((s("np.gradient"), 2, Some(s("ed")), vec![s("axis")]))
        );
        assert_eq!(
            ctx("gradient(f, axis=0"),
            Some((s("gradient"), 1, None, vec![s("axis")]))
        );
        assert_eq!(ctx("diff([1, 2, 3"), Some((s("diff"), 0, None, vec![])));
        assert_eq!(
            ctx("diff([1, 2], n=f(x"),
            Some((s("f"), 0, Some(s("x")), vec![]))
        );
        assert_eq!(ctx("diff(a) + 1"), None);
        assert_eq!(ctx("x = (1, 2"), None);
        assert_eq!(ctx("def f(x"), None);
        assert_eq!(ctx("f('(', "), Some((s("f"), 1, Some(s("")), vec![])));
        assert_eq!(ctx("f(a "), Some((s("f"), 0, None, vec![])));
    }

    #[test]
    fn brackets() {
        assert_eq!(bracket_match("f(a[1])", 1), Some(6));
        assert_eq!(bracket_match("f(a[1])", 7), Some(1));
        assert_eq!(bracket_match("f(a[1])", 3), Some(5));
        assert_eq!(bracket_match("f(a[1])", 0), None);
        assert_eq!(bracket_match("f('(')", 3), None);
        assert_eq!(bracket_match("(]", 0), None);
        assert_eq!(bracket_match("((", 1), None);
    }
}
