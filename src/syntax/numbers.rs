//! Pasted data in one pass: a list display of plain numbers (`[0.5, -1,
//! 2e-3]`, line breaks allowed) read straight from the source bytes into a
//! [`NumberList`], without a token per number and comma. The lexer calls
//! [`number_display`] at a `[` that starts an operand; anything the scan
//! does not recognise (a name, an underscore, a comment, `1.`, a leading
//! zero, an int past int64...) returns `None` and the display is lexed and
//! parsed by the general rules, which give the same value or Python's error.

use super::ast::{Expr, ExprKind, UnaryOp};

/// The items of an [`ExprKind::Numbers`] display: their values, stored
/// as compactly as their kinds allow (8 bytes an item when all are floats
/// or all ints), and where each was written, as byte gaps (3 bytes an
/// item: [`NumberList::exprs`] rebuilds the spans).
#[derive(Clone, Debug, PartialEq)]
pub struct NumberList {
    values: NumValues,
    /// The offset of the display's `[`.
    open: u32,
    /// Per item: bytes from the end of the previous item (from just after
    /// `[` for the first) to the item's start (its `-`, or its number),
    /// from there to its number, and the number's length.
    gaps: Vec<[u8; 3]>,
    /// Where the last item ends (just after `[` while there is none).
    last_end: u32,
}

/// The values of a [`NumberList`], signs applied.
#[derive(Clone, Debug, PartialEq)]
pub enum NumValues {
    Ints(Vec<i64>),
    Floats(Vec<f64>),
    /// Ints and floats mixed.
    Mixed(Vec<Num>),
}

/// An item of a [`NumberList`]: a Python int or float.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    Int(i64),
    Float(f64),
}

impl NumberList {
    /// An empty list for the display whose `[` is at `open`.
    pub fn new(open: usize) -> NumberList {
        NumberList {
            values: NumValues::Ints(Vec::new()),
            open: open as u32,
            gaps: Vec::new(),
            last_end: open as u32 + 1,
        }
    }

    /// Appends an item written from `start` (its `-`, if any) with its
    /// number at `num_start..end`. False, with nothing appended, when the
    /// item is too far from the previous one or too long for the compact
    /// spans (the caller leaves such a display to the general rules).
    pub fn push(&mut self, value: Num, start: usize, num_start: usize, end: usize) -> bool {
        let prev = self.last_end as usize;
        let gap = |a: usize, b: usize| b.checked_sub(a).and_then(|d| u8::try_from(d).ok());
        let (Some(g0), Some(g1), Some(g2)) =
            (gap(prev, start), gap(start, num_start), gap(num_start, end))
        else {
            return false;
        };
        self.gaps.push([g0, g1, g2]);
        self.last_end = end as u32;
        match (&mut self.values, value) {
            (NumValues::Ints(v), Num::Int(i)) => v.push(i),
            (NumValues::Floats(v), Num::Float(x)) => v.push(x),
            (NumValues::Mixed(v), n) => v.push(n),
            (NumValues::Ints(v), Num::Float(x)) if v.is_empty() => {
                self.values = NumValues::Floats(vec![x]);
            }
            (values, n) => {
                let mut mixed: Vec<Num> = Vec::with_capacity(self.gaps.len());
                match values {
                    NumValues::Ints(v) => mixed.extend(v.iter().map(|&i| Num::Int(i))),
                    NumValues::Floats(v) => mixed.extend(v.iter().map(|&x| Num::Float(x))),
                    NumValues::Mixed(_) => unreachable!("pushed above"),
                }
                mixed.push(n);
                *values = NumValues::Mixed(mixed);
            }
        }
        true
    }

    /// Each item's start, number start and end.
    fn ends(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.gaps
            .iter()
            .scan(self.open as usize + 1, |at, &[g0, g1, g2]| {
                let start = *at + g0 as usize;
                let num_start = start + g1 as usize;
                *at = num_start + g2 as usize;
                Some((start, num_start, *at))
            })
    }

    pub fn values(&self) -> &NumValues {
        &self.values
    }

    pub fn len(&self) -> usize {
        self.gaps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.gaps.is_empty()
    }

    /// The values in order.
    pub fn iter(&self) -> Box<dyn Iterator<Item = Num> + '_> {
        match &self.values {
            NumValues::Ints(v) => Box::new(v.iter().map(|&i| Num::Int(i))),
            NumValues::Floats(v) => Box::new(v.iter().map(|&x| Num::Float(x))),
            NumValues::Mixed(v) => Box::new(v.iter().copied()),
        }
    }

    /// The items as the expressions they were written as: a literal, or
    /// `-` applied to one.
    pub fn exprs(&self) -> Vec<Expr> {
        self.iter()
            .zip(self.ends())
            .map(|(v, (start, num_start, end))| {
                let minus = start < num_start;
                let literal = match v {
                    Num::Int(i) if minus => ExprKind::Int(-i),
                    Num::Int(i) => ExprKind::Int(i),
                    Num::Float(x) if minus => ExprKind::Float(-x),
                    Num::Float(x) => ExprKind::Float(x),
                };
                let literal = Expr {
                    kind: literal,
                    span: num_start..end,
                };
                if !minus {
                    return literal;
                }
                Expr {
                    kind: ExprKind::Unary {
                        op: UnaryOp::Neg,
                        operand: Box::new(literal),
                    },
                    span: start..end,
                }
            })
            .collect()
    }
}

#[cfg(test)]
thread_local! {
    /// Tests turn the compact paths off to compare with the general rules.
    pub(super) static GENERAL_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether list displays of plain numbers take the compact paths (always,
/// outside tests).
pub(super) fn compact() -> bool {
    #[cfg(test)]
    if GENERAL_ONLY.get() {
        return false;
    }
    true
}

/// The items of the display opening at `src[open] == b'['` and the end of
/// its `]`, when it holds only numbers, each perhaps negated, separated by
/// commas (a trailing comma allowed); `None` otherwise (`[]` included).
pub fn number_display(src: &str, open: usize) -> Option<(NumberList, usize)> {
    let b = src.as_bytes();
    debug_assert_eq!(b.get(open), Some(&b'['));
    let mut list = NumberList::new(open);
    let mut pos = skip_blanks(b, open + 1);
    loop {
        let start = pos;
        let minus = b.get(pos) == Some(&b'-');
        if minus {
            pos = skip_blanks(b, pos + 1);
        }
        let num_start = pos;
        let (value, end) = number(src, pos)?;
        let value = match value {
            Num::Int(i) if minus => Num::Int(-i),
            Num::Float(x) if minus => Num::Float(-x),
            v => v,
        };
        if !list.push(value, start, num_start, end) {
            return None;
        }
        pos = skip_blanks(b, end);
        match b.get(pos)? {
            b']' => return Some((list, pos + 1)),
            b',' => pos = skip_blanks(b, pos + 1),
            _ => return None,
        }
        if b.get(pos) == Some(&b']') {
            return Some((list, pos + 1));
        }
    }
}

/// Blanks inside brackets: spaces, tabs, form feeds and line breaks.
fn skip_blanks(b: &[u8], mut pos: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\x0c' | b'\n' | b'\r') = b.get(pos) {
        pos += 1;
    }
    pos
}

fn digits(b: &[u8], pos: usize) -> usize {
    pos + b[pos.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// A decimal `123`, `1.5`, `1.5e-3` or `2E10` at `pos` and its end; `None`
/// for any other spelling (those go through the general number rule).
fn number(src: &str, pos: usize) -> Option<(Num, usize)> {
    let b = src.as_bytes();
    let mut end = digits(b, pos);
    if end == pos {
        return None;
    }
    let mut float = false;
    if b.get(end) == Some(&b'.') {
        let frac = digits(b, end + 1);
        if frac == end + 1 {
            return None;
        }
        end = frac;
        float = true;
    }
    if let Some(b'e' | b'E') = b.get(end) {
        let sign = usize::from(matches!(b.get(end + 1), Some(b'+' | b'-')));
        let exp = digits(b, end + 1 + sign);
        if exp == end + 1 + sign {
            return None;
        }
        end = exp;
        float = true;
    }
    if let Some(&c) = b.get(end)
        && (c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c >= 0x80)
    {
        return None;
    }
    let text = &src[pos..end];
    if float {
        // Correctly rounded, as Python's parser (`1e999` is inf).
        return crate::io::parse::decimal_f64(text).map(|x| (Num::Float(x), end));
    }
    if text.len() > 1 && text.starts_with('0') {
        return None;
    }
    text.parse::<i64>().ok().map(|i| (Num::Int(i), end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::{Expr, ExprKind, StmtKind};
    use proptest::prelude::*;

    /// The display's items as the general rules parse them (or the error),
    /// spans included; floats by their bits (`-0.0`).
    fn items(src: &str, general: bool) -> String {
        GENERAL_ONLY.set(general);
        let parsed = crate::syntax::parse_chunk(src);
        GENERAL_ONLY.set(false);
        let stmts = match parsed {
            Ok(s) => s,
            Err(e) => return format!("error {e:?}"),
        };
        let show = |e: &Expr| match &e.kind {
            ExprKind::Numbers(ns) => format!("{:?}", ns.exprs()),
            ExprKind::List(items) => format!("{items:?}"),
            k => format!("{k:?}"),
        };
        stmts
            .iter()
            .map(|s| match &s.kind {
                StmtKind::Expr(e) => show(e),
                k => format!("{k:?}"),
            })
            .collect::<Vec<_>>()
            .join(";")
            .replace("-0.0", "negzero")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        /// The one-pass scan gives exactly the general rules' items (values
        /// and spans) or leaves the display to them (same error).
        #[test]
        fn compact_displays_match_the_general_rules(parts in prop::collection::vec(prop::sample::select(vec![
            "0", "1", "-", "- ", "12", "007", "0.5", "1.", ".5", "3.25e-3", "1E5", "1e+", "1e999",
            "9223372036854775807", "9223372036854775808", "1_0", "2j", "0x1F", ",", ", ", ",\n",
            "\n", " ", "\t", "#c\n", "]", "x", "+", "(",
        ]), 0..14)) {
            let body = parts.concat();
            let src = format!("[{body}]");
            prop_assert_eq!(items(&src, false), items(&src, true), "{}", src);
        }
    }

    fn scan(src: &str) -> Option<(Vec<Num>, usize)> {
        number_display(src, 0).map(|(l, end)| (l.iter().collect(), end))
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(
            scan("[1, -2.5,\n 3e2 ,4E-1,]x"),
            Some((
                vec![
                    Num::Int(1),
                    Num::Float(-2.5),
                    Num::Float(300.0),
                    Num::Float(0.4)
                ],
                22
            ))
        );
        assert_eq!(
            scan("[- 0.0]").map(|(v, _)| v),
            Some(vec![Num::Float(-0.0)])
        );
        let (l, _) = number_display("[7, - 8]", 0).unwrap();
        assert_eq!(l.ends().collect::<Vec<_>>(), vec![(1, 1, 2), (4, 6, 7)]);
    }

    #[test]
    fn anything_else_is_left_to_the_general_rules() {
        for src in [
            "[]",
            "[,]",
            "[1 2]",
            "[1,,2]",
            "[1.]",
            "[.5]",
            "[01]",
            "[1_0]",
            "[1j]",
            "[1e]",
            "[1e+]",
            "[x]",
            "[1, # c\n 2]",
            "[1, \\\n 2]",
            "[--1]",
            "[+1]",
            "[1",
            "[1,",
            "[9223372036854775808]",
            "[1if 1 else 2]",
            "[1.5.2]",
            "[1, 2)",
            "[1 for]",
        ] {
            assert_eq!(scan(src), None, "{src}");
        }
        assert_eq!(
            scan("[-9223372036854775807]").map(|(v, _)| v),
            Some(vec![Num::Int(-9223372036854775807)])
        );
    }
}
