//! `%history` / `%hist`, as IPython prints it: this session's inputs, `-n`
//! numbered (`   3: text`, a multi-line input starting on the next line),
//! `-o` with their outputs, ranges `N` and `N-M`, and `-g PATTERN` (a glob,
//! `*` and `?`) over the kept history of every session.

use crate::eval::{ErrorKind, EvalError, Event};

use super::super::{CellKind, output_text};
use super::{Call, Host, MetaResult};

fn usage(msg: impl Into<String>) -> EvalError {
    EvalError::new(ErrorKind::UsageError, msg)
}

#[derive(Default)]
struct Args {
    numbered: bool,
    outputs: bool,
    search: Option<String>,
    ranges: Vec<(usize, usize)>,
}

fn parse(rest: &str) -> Result<Args, EvalError> {
    let mut a = Args::default();
    let mut words = rest.split_whitespace().peekable();
    while let Some(w) = words.next() {
        if let Some(flags) = w.strip_prefix('-').filter(|f| !f.is_empty()) {
            for f in flags.chars() {
                match f {
                    'n' => a.numbered = true,
                    'o' => a.outputs = true,
                    'g' => {
                        let pattern = words.next_if(|w| !w.starts_with('-'));
                        a.search = Some(pattern.unwrap_or("").to_string());
                    }
                    other => return Err(usage(format!("%history: unknown option -{other}"))),
                }
            }
            continue;
        }
        let range = match w.split_once('-') {
            Some((a, b)) => (a.parse(), b.parse()),
            None => (w.parse(), w.parse()),
        };
        match range {
            (Ok(from), Ok(to)) if from <= to => a.ranges.push((from, to)),
            _ => return Err(usage(format!("unrecognized arguments: {w}"))),
        }
    }
    Ok(a)
}

/// One history entry for printing: number, input, and its shown output.
pub type Entry = (usize, String, Option<String>);

/// The entries as `%history` prints them.
pub fn history_text(entries: &[Entry], numbered: bool) -> String {
    let mut out = String::new();
    for (n, input, output) in entries {
        if numbered {
            let sep = if input.contains('\n') { '\n' } else { ' ' };
            out.push_str(&format!("{n:>4}:{sep}{input}\n"));
        } else {
            out.push_str(input);
            out.push('\n');
        }
        if let Some(o) = output {
            out.push_str(o);
            out.push('\n');
        }
    }
    out
}

/// Python's `fnmatch` of `*`/`?` patterns (other characters literal).
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    // Classic two-pointer wildcard match, backtracking to the last `*`.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < t.len() {
        if i < p.len() && (p[i] == '?' || p[i] == t[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(s) = star {
            i = s + 1;
            mark += 1;
            j = mark;
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

pub fn history(h: &mut dyn Host, c: &Call) -> MetaResult {
    let args = parse(c.rest)?;
    if let Some(pattern) = &args.search {
        let glob = format!("*{pattern}*");
        let entries: Vec<Entry> = h
            .saved_history()
            .into_iter()
            .enumerate()
            .filter(|(_, e)| glob_match(&glob, e))
            .map(|(i, e)| (i + 1, e, None))
            .collect();
        return Ok(vec![Event::Stdout(history_text(&entries, true))]);
    }
    let current = h.session().count.saturating_sub(1);
    let mut entries: Vec<Entry> = Vec::new();
    for cell in h.cells() {
        if let CellKind::Code { text, .. } = &cell.kind {
            entries.push((cell.number, text.to_string(), None));
        }
    }
    entries.push((current, c.text.trim().to_string(), None));
    if !args.ranges.is_empty() {
        entries.retain(|(n, _, _)| args.ranges.iter().any(|&(a, b)| (a..=b).contains(n)));
    }
    if args.outputs {
        let outputs: Vec<(usize, Option<String>)> = {
            let cells = h.cells().to_vec();
            let s = h.session();
            cells
                .iter()
                .map(|cell| (cell.number, output_text(s, cell)))
                .collect()
        };
        for (n, _, out) in &mut entries {
            *out = outputs
                .iter()
                .find(|(m, _)| m == n)
                .and_then(|(_, o)| o.clone());
        }
    }
    Ok(vec![Event::Stdout(history_text(&entries, args.numbered))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_like_ipython() {
        let entries: Vec<Entry> = vec![
            (1, "a = 1".into(), None),
            (2, "def f(x):\n    return x".into(), None),
            (13, "%history -n".into(), None),
        ];
        // IPython 8.12's `%history -n` for the same inputs.
        assert_eq!(
            history_text(&entries, true),
            "   1: a = 1\n   2:\ndef f(x):\n    return x\n  13: %history -n\n"
        );
        assert_eq!(
            history_text(&entries, false),
            "a = 1\ndef f(x):\n    return x\n%history -n\n"
        );
    }

    #[test]
    fn ranges_and_flags() {
        let a = parse("-n 2-3 5").unwrap();
        assert!(a.numbered && !a.outputs);
        assert_eq!(a.ranges, [(2, 3), (5, 5)]);
        assert_eq!(parse("-g grad").unwrap().search.as_deref(), Some("grad"));
        assert_eq!(parse("-g").unwrap().search.as_deref(), Some(""));
        assert_eq!(parse("-ng x -o").unwrap().search.as_deref(), Some("x"));
        assert!(parse("-2-").is_err());
        assert!(parse("3-1").is_err());
        assert!(parse("-z").is_err());
    }

    #[test]
    fn globs_match_like_fnmatch() {
        for (p, t, want) in [
            ("*f(*", "def f(x):\n    return x", true),
            ("*grad*", "np.gradient(a)", true),
            ("*grad*", "np.diff(a)", false),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("**", "", true),
            ("*x", "xyx", true),
        ] {
            assert_eq!(glob_match(p, t), want, "{p} {t}");
        }
    }
}
