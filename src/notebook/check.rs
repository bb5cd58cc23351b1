//! `gradlab run --check`: a script's `#>` lines against what its statements
//! show now. Honest both ways: a recorded output that differs fails, and so
//! does a statement that shows something (a value, printed text, an error)
//! with no `#>` lines at all — an unexpected error or an unrecorded output
//! would otherwise pass unseen. Timings (`%timeit`) are never recorded.

use std::io::{self, Write};

use crate::eval::Session;
use crate::script::Script;

use super::{Cell, CellKind, output_text};

/// How a script's recorded outputs compare with a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Statements with `#>` lines.
    pub checked: usize,
    /// Of those, the ones whose output differs.
    pub differ: usize,
    /// Statements that show output but record none.
    pub unrecorded: usize,
}

impl Report {
    /// Whether the script passes `--check`.
    pub fn passed(&self) -> bool {
        self.differ == 0 && self.unrecorded == 0
    }

    /// The summary line: `NAME: 3 of 4 checked outputs match, 1 differ`.
    pub fn summary(&self, name: &str) -> String {
        let mut line = format!(
            "{name}: {} of {} checked outputs match",
            self.checked - self.differ,
            self.checked
        );
        if self.differ > 0 {
            line.push_str(&format!(", {} differ", self.differ));
        }
        if self.unrecorded > 0 {
            line.push_str(&format!(
                ", {} {} output but record{} none",
                self.unrecorded,
                if self.unrecorded == 1 {
                    "statement shows"
                } else {
                    "statements show"
                },
                if self.unrecorded == 1 { "s" } else { "" }
            ));
        }
        line
    }
}

/// `text` with every CPython object address (`<zip object at 0x7f...>`,
/// `<matplotlib.lines.Line2D object at 0x...>`) written `0x...`: an
/// address differs from run to run, so a recorded one matches any.
fn any_address(text: &str) -> String {
    const MARK: &str = " object at 0x";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(MARK) {
        out.push_str(&rest[..i + MARK.len()]);
        rest = rest[i + MARK.len()..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
        out.push_str("...");
    }
    out.push_str(rest);
    out
}

/// Compares each executed cell with its script item, writing a unified
/// diff per failing statement (headed `NAME:LINE: first line of it`) and
/// then the summary line.
pub fn check(
    session: &Session,
    script: &Script,
    cells: &[Cell],
    name: &str,
    out: &mut dyn Write,
) -> io::Result<Report> {
    let mut report = Report::default();
    for (item, cell) in script.items.iter().zip(cells) {
        let CellKind::Code { text, .. } = &cell.kind else {
            continue;
        };
        let got = output_text(session, cell);
        let (want, header) = match item.expected() {
            Some(e) => {
                report.checked += 1;
                (Some(e.text()), "expected")
            }
            None => (None, "expected (no #> lines)"),
        };
        if want.as_deref().map(any_address) == got.as_deref().map(any_address) {
            continue;
        }
        if want.is_some() {
            report.differ += 1;
        } else {
            report.unrecorded += 1;
        }
        writeln!(
            out,
            "{name}:{}: {}",
            cell.line,
            text.lines().next().unwrap_or("")
        )?;
        let lines = |t: Option<String>| t.map(|t| format!("{t}\n")).unwrap_or_default();
        let (want, got) = (lines(want), lines(got));
        let diff = similar::TextDiff::from_lines(&want, &got)
            .unified_diff()
            .header(header, "actual")
            .to_string();
        writeln!(out, "{diff}")?;
    }
    writeln!(out, "{}", report.summary(name))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (script, passes, summary after the name)
    #[test]
    fn honest_in_both_directions() {
        let cases: &[(&str, bool, &str)] = &[
            ("a = 1\na\n#> 1\n", true, "1 of 1 checked outputs match"),
            (
                "a = 1\na\n#> 2\n",
                false,
                "0 of 1 checked outputs match, 1 differ",
            ),
            (
                "undefined_name\n",
                false,
                "0 of 0 checked outputs match, 1 statement shows output but records none",
            ),
            (
                "1 / 0\n#> ZeroDivisionError: division by zero\n",
                true,
                "1 of 1 checked outputs match",
            ),
            // Shown as it was, not as a later in-place write left it.
            (
                "import numpy as np\na = np.array([1, 2, 3])\na\n#> array([1, 2, 3])\na[0] = 9\n(a, [a])\n#> (array([9, 2, 3]), [array([9, 2, 3])])\na[1] = 7\n",
                true,
                "2 of 2 checked outputs match",
            ),
            (
                "print(1)\n2\n",
                false,
                "0 of 0 checked outputs match, 2 statements show output but record none",
            ),
            // An object's address matches any address, nothing else does.
            (
                "zip([1])\n#> <zip object at 0x7f0012ab>\n",
                true,
                "1 of 1 checked outputs match",
            ),
            (
                "zip([1])\n#> <enumerate object at 0x7f0012ab>\n",
                false,
                "0 of 1 checked outputs match, 1 differ",
            ),
            (
                "x = 1;\nx;\n:timeit x + 1\n",
                true,
                "0 of 0 checked outputs match",
            ),
        ];
        for (src, passes, summary) in cases {
            let script = Script::parse(src);
            let mut s = Session::new();
            let cells = super::super::run_script(&mut s, &script, |_, _| {});
            let mut out = Vec::new();
            let r = check(&s, &script, &cells, "t", &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert_eq!(r.passed(), *passes, "{src:?}\n{text}");
            assert!(
                text.ends_with(&format!("t: {summary}\n")),
                "{src:?}\n{text}"
            );
        }
    }

    #[test]
    fn an_unrecorded_error_is_shown_with_its_line() {
        let script = Script::parse("a = 1\nnope + 1\n");
        let mut s = Session::new();
        let cells = super::super::run_script(&mut s, &script, |_, _| {});
        let mut out = Vec::new();
        check(&s, &script, &cells, "t.grad", &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("t.grad:2: nope + 1\n"), "{text}");
        assert!(
            text.contains("+NameError: name 'nope' is not defined"),
            "{text}"
        );
    }
}
