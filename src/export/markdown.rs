//! The Markdown export: prose as paragraphs (escaped, so `x**3` stays
//! `x**3`), code in fenced blocks, each output in a ```` ```text ```` block
//! after its code. Statements that are not Python (views, meta commands)
//! are fenced as text, not as python.

use crate::eval::Session;
use crate::notebook::{Cell, CellKind, output_text};

use super::translate::Translator;

/// The cells as Markdown: prose paragraphs, ```` ```python ```` code blocks
/// (consecutive cells without output share one) and ```` ```text ```` output
/// blocks.
pub fn to_markdown(session: &Session, cells: &[Cell]) -> String {
    let mut out = String::new();
    // The open code block: its language and its lines.
    let mut code = (String::new(), "python");
    let flush = |code: &mut (String, &str), out: &mut String| {
        if !code.0.is_empty() {
            out.push_str(&format!("```{}\n{}```\n\n", code.1, code.0));
            code.0.clear();
        }
    };
    let mut t = Translator::new();
    let mut in_prose = false;
    for cell in cells {
        match &cell.kind {
            CellKind::Prose(text) => {
                flush(&mut code, &mut out);
                if text.is_empty() {
                    if in_prose {
                        out.push('\n');
                    }
                } else {
                    out.push_str(&escape(text));
                    out.push('\n');
                }
                in_prose = true;
            }
            CellKind::Code { text, .. } => {
                if in_prose {
                    out.push('\n');
                    in_prose = false;
                }
                let python = t.cell(cell).iter().all(|s| s.code.is_some());
                let lang = if python { "python" } else { "text" };
                if code.1 != lang {
                    flush(&mut code, &mut out);
                    code.1 = lang;
                }
                code.0.push_str(text);
                code.0.push('\n');
                if let Some(shown) = output_text(session, cell) {
                    flush(&mut code, &mut out);
                    out.push_str(&format!("```text\n{shown}\n```\n\n"));
                }
            }
        }
    }
    flush(&mut code, &mut out);
    if in_prose {
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Prose as Markdown that shows it as written: emphasis, link and HTML
/// characters escaped, a leading `#`/`>`/list marker too; `` `code` ``
/// spans are kept (lessons use them as Markdown does).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_code = false;
    for (i, c) in text.char_indices() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code
            && (matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '|')
                || (i == 0 && matches!(c, '#' | '+' | '-')))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_shows_as_written() {
        for (prose, md) in [
            (
                "f(x) = x**3, so f'(x) = 3x**2",
                "f(x) = x\\*\\*3, so f'(x) = 3x\\*\\*2",
            ),
            ("the `x**3` stays", "the `x**3` stays"),
            ("dx_dt and a[0] <b>", "dx\\_dt and a\\[0\\] \\<b\\>"),
            ("# not a heading", "\\# not a heading"),
            ("- not a list", "\\- not a list"),
            ("a - b", "a - b"),
        ] {
            assert_eq!(escape(prose), md, "{prose}");
        }
    }

    #[test]
    fn views_and_metas_are_fenced_as_text() {
        let mut s = Session::new();
        let src = "a = np.array([1., 2., 4.])\ncompare(a)\n:vars\nnp.diff(a)\n";
        let cells =
            crate::notebook::run_script(&mut s, &crate::script::Script::parse(src), |_, _| {});
        let md = to_markdown(&s, &cells);
        assert!(md.starts_with("```python\na = np.array([1., 2., 4.])\n```\n\n```text\ncompare(a)\n```\n\n```text\n"), "{md}");
        assert!(md.contains("```text\n:vars\n```\n\n"), "{md}");
        assert!(
            md.contains("```python\nnp.diff(a)\n```\n\n```text\narray([1., 2.])\n```"),
            "{md}"
        );
    }
}
