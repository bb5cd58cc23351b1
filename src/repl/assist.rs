//! The other editing aids as plain functions: the signature hint, the
//! submit-or-continue decision, and highlight spans for typed code.

use std::ops::Range;

use crate::notebook::meta;
use crate::syntax::{TokenKind, bracket_match, call_context, needs_more_input, tokens};
use crate::tui::Tone;

use super::names::Names;

/// The greyed text shown after the cursor at the end of the line: the
/// signature of the innermost call being typed, or a meta command's
/// arguments and help.
pub fn hint(line: &str, pos: usize, names: &Names) -> Option<String> {
    if pos != line.len() || line.is_empty() {
        return None;
    }
    if crate::script::is_meta(line) {
        let (m, call) = meta::parse(line).ok()?;
        let word = line.trim().trim_start_matches([':', '%']);
        let typed_name = m.is_named(word);
        return (typed_name && call.rest.is_empty() && !line.ends_with(' ')).then(|| {
            let args = if m.args.is_empty() {
                String::new()
            } else {
                format!(" {}", m.args)
            };
            format!("{args}  — {}", m.help)
        });
    }
    let ctx = call_context(line, pos)?;
    let sig = names.signature(&ctx.callee)?;
    Some(format!("  {sig}"))
}

/// Whether Enter submits `input` (else it inserts a line break): submit
/// unless a bracket is open, a string is unterminated or a `def` header
/// waits for its body. An empty last line and a meta command always submit,
/// so no parser mistake can trap the user in the editor; a cell magic
/// (`%%timeit`) takes lines until an empty one, as in IPython.
pub fn submits(input: &str) -> bool {
    let last_blank = input
        .rsplit('\n')
        .next()
        .is_some_and(|l| l.trim().is_empty());
    if crate::script::is_cell_magic(input) {
        return input.contains('\n') && last_blank;
    }
    input.is_empty()
        || input.ends_with('\n')
        || last_blank
        || crate::script::is_meta(input)
        || !needs_more_input(input)
}

/// The tone of every byte range of `line` (together covering it). With
/// `cursor`, the bracket at or before it and its partner are marked.
pub fn highlight_spans(
    line: &str,
    cursor: Option<usize>,
    names: &Names,
) -> Vec<(Tone, Range<usize>)> {
    let mut out = Vec::new();
    let mut code_start = 0;
    if crate::script::is_meta(line) {
        let lead = line.len() - line.trim_start().len();
        let end = line[lead..]
            .find(char::is_whitespace)
            .map_or(line.len(), |i| lead + i);
        out.push((Tone::Plain, 0..lead));
        out.push((Tone::Keyword, lead..end));
        code_start = end;
    }
    let code = &line[code_start..];
    let marked: Vec<usize> = cursor
        .and_then(|c| {
            let partner = bracket_match(code, c.checked_sub(code_start)?)?;
            // The bracket at or just before the cursor is its partner's partner.
            let here = bracket_match(code, partner)?;
            Some(vec![here + code_start, partner + code_start])
        })
        .unwrap_or_default();
    for t in tokens(code) {
        let span = t.span.start + code_start..t.span.end + code_start;
        let text = &line[span.clone()];
        let tone = match t.kind {
            TokenKind::Number => Tone::Number,
            TokenKind::Str => Tone::Str,
            TokenKind::Keyword => Tone::Keyword,
            TokenKind::Comment => Tone::Comment,
            TokenKind::Name if names.is_builtin(text) && !after_dot(line, span.start) => {
                Tone::Builtin
            }
            TokenKind::OpenBracket | TokenKind::CloseBracket if marked.contains(&span.start) => {
                Tone::MatchedBracket
            }
            _ => Tone::Plain,
        };
        out.push((tone, span));
    }
    out.retain(|(_, r)| !r.is_empty());
    out
}

/// True for the `gradient` of `a.gradient`: a member, not the builtin.
fn after_dot(line: &str, at: usize) -> bool {
    let before = line[..at].trim_end();
    before.ends_with('.') && !before.ends_with("np.") && !before.ends_with("numpy.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repl::names::Kind;

    fn names() -> Names {
        Names::with(&[("data", Kind::Array), ("diff", Kind::Array)])
    }

    #[test]
    fn hints_show_the_innermost_signature() {
        for (line, want) in [
            (
                "np.gradient(",
                Some("  gradient(f, *varargs, axis=None, edge_order=1)"),
            ),
            (
                "gradient(data, axis=0, ",
                Some("  gradient(f, *varargs, axis=None, edge_order=1)"),
            ),
            (
                "np.diff(np.linspace(0, 1",
                Some("  linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None)"),
            ),
            (
                "np.diff(np.linspace(0, 1), ",
                Some("  diff(a, n=1, axis=-1, prepend=<no value>, append=<no value>)"),
            ),
            ("diff(", None), // shadowed by the user's array
            ("np.diff(data)", None),
            ("x = 1", None),
            (
                ":timeit",
                Some(
                    " [-n N] [-r R] [-o] [-q] STMT  — time a statement as IPython does (7 runs of enough loops for 0.2 s)",
                ),
            ),
            (
                ":vars",
                Some("  — your variables: name, type, dtype, shape"),
            ),
            (":timeit np.gr", None),
            ("", None),
        ] {
            assert_eq!(
                hint(line, line.len(), &names()).as_deref(),
                want,
                "{line:?}"
            );
        }
        assert_eq!(
            hint("np.gradient(", 3, &names()),
            None,
            "only at the end of the line"
        );
    }

    #[test]
    fn enter_submits_or_continues() {
        for (input, want) in [
            ("a = 1", true),
            ("a = [1, 2,", false),
            ("a = [1, 2,\n 3]", true),
            ("np.array([[1, 2],\n", true), // an empty line always submits
            ("np.array([[1, 2],\n   ", true),
            ("def f(x):", false),
            ("def f(x):\n    return x", false), // a block ends at an empty line
            ("def f(x):\n    return x\n", true),
            ("s = '''abc", false),
            (":timeit np.gradient(", true),
            ("a = 1)", true),
            ("", true),
        ] {
            assert_eq!(submits(input), want, "{input:?}");
        }
    }

    fn tones(line: &str, cursor: Option<usize>) -> Vec<(Tone, &str)> {
        highlight_spans(line, cursor, &names())
            .into_iter()
            .filter(|(t, _)| *t != Tone::Plain)
            .map(|(t, r)| (t, &line[r]))
            .collect()
    }

    #[test]
    fn highlight_tones() {
        use Tone::*;
        assert_eq!(
            tones("x = np.gradient(data, 2.0)  # hi", None),
            [
                (Builtin, "np"),
                (Builtin, "gradient"),
                (Number, "2.0"),
                (Comment, "# hi")
            ]
        );
        assert_eq!(
            tones("print('a', True)", None),
            [(Builtin, "print"), (Str, "'a'"), (Keyword, "True")]
        );
        assert_eq!(
            tones("diff(data)", None),
            [],
            "user variables shadow builtins"
        );
        assert_eq!(tones("data.sum()", None), [], "members are not builtins");
        assert_eq!(
            tones("f(a[1])", Some(7)),
            [(MatchedBracket, "("), (Number, "1"), (MatchedBracket, ")")]
        );
        assert_eq!(
            tones("f(a[1])", Some(3)),
            [(MatchedBracket, "["), (Number, "1"), (MatchedBracket, "]")]
        );
        assert_eq!(
            tones(":timeit sum(1)", None),
            [(Keyword, ":timeit"), (Builtin, "sum"), (Number, "1")]
        );
    }

    #[test]
    fn spans_cover_the_line() {
        for line in [
            "x = np.gradient(data, 2.0)  # hi",
            ":timeit  a",
            "s = 'unterminated",
            "€ $",
        ] {
            let spans = highlight_spans(line, Some(line.len()), &names());
            let joined: String = spans.iter().map(|(_, r)| &line[r.clone()]).collect();
            assert_eq!(joined, line);
        }
    }
}
