//! Python's warnings filters (`warnings.filterwarnings`,
//! `warnings.simplefilter`, `warnings.catch_warnings`): what happens to a
//! warning once NumPy (or `warnings.warn`) has emitted it. As in Python
//! the first matching filter decides; with none, the `"default"` action
//! shows each warning once per location. The list lives in this thread,
//! beside NumPy's error state, for the same reason: kernels emit warnings
//! with no session at hand.

use std::cell::RefCell;

use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::WarningKind;

/// A filter's action, Python's names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Raise the warning as an exception.
    Error,
    /// Drop it.
    Ignore,
    /// Show it every time.
    Always,
    /// Show it once per location (per statement line of a cell).
    Default,
    /// Show it once per module (gradlab: once per session).
    Module,
    /// Show it once per session.
    Once,
}

impl Action {
    /// Python's spelling; `AssertionError: invalid action: 'x'` otherwise
    /// (Python's warnings module checks with `assert`).
    pub fn parse(name: &str) -> EvalResult<Action> {
        Ok(match name {
            "error" => Action::Error,
            "ignore" => Action::Ignore,
            "always" => Action::Always,
            "default" => Action::Default,
            "module" => Action::Module,
            "once" => Action::Once,
            other => {
                return Err(EvalError::new(
                    ErrorKind::AssertionError,
                    format!("invalid action: {}", crate::format::py_repr_str(other)),
                ));
            }
        })
    }
}

/// One entry of `warnings.filters`.
#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    pub action: Action,
    /// `message=`: a regular expression matched (case-insensitively) at
    /// the start of the warning's text; `None` matches every text.
    pub message: Option<String>,
    /// `category=`: the warning class (subclasses match too).
    pub category: ErrorKind,
    /// `module=`: matched against the module the warning is attributed to
    /// (`__main__` for the user's code, `numpy` for NumPy's own lines).
    pub module: Option<String>,
}

thread_local! {
    static FILTERS: RefCell<Vec<Filter>> = const { RefCell::new(Vec::new()) };
    static SHOWN_ONCE: RefCell<Vec<(WarningKind, String)>> = const { RefCell::new(Vec::new()) };
}

/// Adds a filter at the front of the list (or the end with `append`), as
/// `warnings.filterwarnings` does; an identical filter moves instead of
/// repeating.
pub fn add(filter: Filter, append: bool) {
    FILTERS.with(|f| {
        let mut f = f.borrow_mut();
        f.retain(|x| *x != filter);
        if append {
            f.push(filter);
        } else {
            f.insert(0, filter);
        }
    });
}

/// `warnings.resetwarnings()`: no filters.
pub fn reset() {
    FILTERS.with(|f| f.borrow_mut().clear());
    SHOWN_ONCE.with(|s| s.borrow_mut().clear());
}

/// The whole list (`catch_warnings` saves it on entry).
pub fn snapshot() -> Vec<Filter> {
    FILTERS.with(|f| f.borrow().clone())
}

/// Puts back a list [`snapshot`] took.
pub fn restore(saved: Vec<Filter>) {
    FILTERS.with(|f| *f.borrow_mut() = saved);
}

/// The exception class of a warning kind.
pub fn class_of(kind: WarningKind) -> ErrorKind {
    match kind {
        WarningKind::RuntimeWarning => ErrorKind::RuntimeWarning,
        WarningKind::UserWarning => ErrorKind::UserWarning,
        WarningKind::DeprecationWarning => ErrorKind::DeprecationWarning,
        WarningKind::FutureWarning => ErrorKind::FutureWarning,
        WarningKind::RankWarning => ErrorKind::RankWarning,
        WarningKind::Printed => ErrorKind::Warning,
    }
}

/// What the filters do with a warning: its action, or the exception to
/// raise for `"error"`.
pub fn action_for(kind: WarningKind, message: &str, internal: bool) -> EvalResult<Action> {
    let module = if internal { "numpy" } else { "__main__" };
    let class = class_of(kind);
    let action = FILTERS.with(|f| {
        f.borrow()
            .iter()
            .find(|x| {
                class.is_a(x.category)
                    && x.message
                        .as_deref()
                        .is_none_or(|p| matches_start(p, message, true))
                    && x.module.as_deref().is_none_or(|p| matches_all(p, module))
            })
            .map_or(Action::Default, |x| x.action)
    });
    if action == Action::Error {
        return Err(EvalError::new(class, message));
    }
    Ok(action)
}

/// For `"once"` and `"module"`: whether this warning is new to the session.
pub fn first_time(kind: WarningKind, message: &str) -> bool {
    SHOWN_ONCE.with(|s| {
        let mut s = s.borrow_mut();
        let key = (kind, message.to_string());
        if s.contains(&key) {
            false
        } else {
            s.push(key);
            true
        }
    })
}

/// `re.match(pattern, text, re.I)`: the pattern matches a prefix of the
/// text. The part of Python's regular expressions warning filters use:
/// literal text, `.`, `*` after an atom, `\` escapes; another special
/// character is taken literally.
fn matches_start(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let p = atoms(pattern);
    let t: Vec<char> = text.chars().collect();
    prefix(&p, &t, ignore_case)
}

/// `re.match(pattern + r"\Z", text)`: the whole text.
fn matches_all(pattern: &str, text: &str) -> bool {
    let mut p = atoms(pattern);
    p.push(Atom::End);
    let t: Vec<char> = text.chars().collect();
    prefix(&p, &t, false)
}

#[derive(Clone, Copy, Debug)]
enum Atom {
    Char(char, bool),
    Any(bool),
    End,
}

/// The atoms of a pattern; the flag is a following `*`.
fn atoms(pattern: &str) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        let atom = |star| match c {
            '.' => Atom::Any(star),
            '\\' => Atom::Char('\\', star),
            c => Atom::Char(c, star),
        };
        let escaped = if c == '\\' { chars.next() } else { None };
        let star = chars.peek() == Some(&'*');
        if star {
            chars.next();
        }
        out.push(match escaped {
            Some(e) => Atom::Char(e, star),
            None => atom(star),
        });
    }
    out
}

fn prefix(p: &[Atom], t: &[char], ic: bool) -> bool {
    let same = |a: char, b: char| {
        if ic {
            a.to_lowercase().eq(b.to_lowercase())
        } else {
            a == b
        }
    };
    let one = |a: &Atom, c: char| match *a {
        Atom::Char(x, _) => same(x, c),
        Atom::Any(_) => c != '\n',
        Atom::End => false,
    };
    match p.split_first() {
        None => true,
        Some((Atom::End, _)) => t.is_empty(),
        Some((a @ (Atom::Char(_, true) | Atom::Any(true)), rest)) => {
            // Greedy star with backtracking (patterns are short).
            let mut k = 0;
            while k < t.len() && one(a, t[k]) {
                k += 1;
            }
            (0..=k).rev().any(|n| prefix(rest, &t[n..], ic))
        }
        Some((a, rest)) => t.first().is_some_and(|&c| one(a, c)) && prefix(rest, &t[1..], ic),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_as_python_re_match_does() {
        for (p, t, want) in [
            ("", "anything", true),
            ("divide", "divide by zero encountered in divide", true),
            ("DIVIDE", "divide by zero", true),
            ("by zero", "divide by zero", false),
            (".*by zero", "divide by zero", true),
            (
                "invalid value.*log",
                "invalid value encountered in log",
                true,
            ),
            (
                "invalid value.*log",
                "invalid value encountered in sqrt",
                false,
            ),
            ("Mean of empty slice", "Mean of empty slice", true),
            ("a\\.b", "a.b", true),
            ("a\\.b", "axb", false),
        ] {
            assert_eq!(matches_start(p, t, true), want, "{p:?} {t:?}");
        }
        assert!(matches_all("__main__", "__main__"));
        assert!(!matches_all("__main", "__main__"));
        assert!(matches_all("num.*", "numpy"));
    }
}
