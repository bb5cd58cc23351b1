//! Pasted data in one pass: a list display of plain numbers (`[0.5, -1,
//! 2e-3]`, line breaks allowed) becomes one [`NumberList`] node instead of
//! a token and an expression per number and comma. The lexer calls
//! [`number_display`] at a `[` that starts an operand: such a display is
//! kept as its text and read when evaluated ([`text`]). Anything that scan
//! does not recognise (a name, an underscore, a comment, `1.`, a leading
//! zero, an int past int64...) is lexed by the general rules; a display of
//! number tokens only is then still one node, with its values stored
//! (`atom.rs`). Either way the values are what the general rules give.

mod text;

use super::ast::{Expr, ExprKind, UnaryOp};
pub use text::with_shared;

/// The items of an [`ExprKind::Numbers`] display.
#[derive(Clone, PartialEq)]
pub struct NumberList(Repr);

#[derive(Clone, PartialEq)]
enum Repr {
    /// Plain spellings only: the text, read again when evaluated.
    Text(text::Display),
    /// Values as the general number rule read them, stored compactly.
    Stored(Stored),
}

/// The values, stored as compactly as their kinds allow (8 bytes an item
/// when all are floats or all ints), and where each was written, as byte
/// gaps (3 bytes an item: [`NumberList::exprs`] rebuilds the spans).
#[derive(Clone, PartialEq)]
struct Stored {
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

/// Stored values, signs applied.
#[derive(Clone, Debug, PartialEq)]
enum NumValues {
    Ints(Vec<i64>),
    Floats(Vec<f64>),
    /// Ints and floats mixed.
    Mixed(Vec<Num>),
}

/// What a display's items are: all ints, all floats, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumKind {
    Ints,
    Floats,
    Mixed,
}

/// An item of a [`NumberList`]: a Python int or float.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    Int(i64),
    Float(f64),
}

impl std::fmt::Debug for NumberList {
    /// Not the items: a pasted display can hold millions.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NumberList({:?} x{})", self.kind(), self.len())
    }
}

impl NumberList {
    /// An empty stored list for the display whose `[` is at `open`.
    pub fn new(open: usize) -> NumberList {
        NumberList(Repr::Stored(Stored {
            values: NumValues::Ints(Vec::new()),
            open: open as u32,
            gaps: Vec::new(),
            last_end: open as u32 + 1,
        }))
    }

    /// Appends an item written from `start` (its `-`, if any) with its
    /// number at `num_start..end`. False, with nothing appended, when the
    /// item is too far from the previous one or too long for the compact
    /// spans (the caller leaves such a display to the general rules).
    pub fn push(&mut self, value: Num, start: usize, num_start: usize, end: usize) -> bool {
        let Repr::Stored(s) = &mut self.0 else {
            return false;
        };
        let prev = s.last_end as usize;
        let gap = |a: usize, b: usize| b.checked_sub(a).and_then(|d| u8::try_from(d).ok());
        let (Some(g0), Some(g1), Some(g2)) =
            (gap(prev, start), gap(start, num_start), gap(num_start, end))
        else {
            return false;
        };
        s.gaps.push([g0, g1, g2]);
        s.last_end = end as u32;
        match (&mut s.values, value) {
            (NumValues::Ints(v), Num::Int(i)) => v.push(i),
            (NumValues::Floats(v), Num::Float(x)) => v.push(x),
            (NumValues::Mixed(v), n) => v.push(n),
            (NumValues::Ints(v), Num::Float(x)) if v.is_empty() => {
                s.values = NumValues::Floats(vec![x]);
            }
            (values, n) => {
                let mut mixed: Vec<Num> = Vec::with_capacity(s.gaps.len());
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

    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Text(d) => d.len,
            Repr::Stored(s) => s.gaps.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn kind(&self) -> NumKind {
        match &self.0 {
            Repr::Text(d) => d.kind,
            Repr::Stored(s) => match s.values {
                NumValues::Ints(_) => NumKind::Ints,
                NumValues::Floats(_) => NumKind::Floats,
                NumValues::Mixed(_) => NumKind::Mixed,
            },
        }
    }

    /// Calls `each` with every item's value in order, and its start (its
    /// `-`, if any), number start and end; false if a kept text failed
    /// to read again (which an immutable text cannot do).
    fn each(&self, mut each: impl FnMut(Num, (usize, usize, usize))) -> bool {
        let s = match &self.0 {
            Repr::Text(d) => return d.each(|it, v| each(v, (it.start, it.num_start, it.end))),
            Repr::Stored(s) => s,
        };
        let ends = s
            .gaps
            .iter()
            .scan(s.open as usize + 1, |at, &[g0, g1, g2]| {
                let start = *at + g0 as usize;
                let num_start = start + g1 as usize;
                *at = num_start + g2 as usize;
                Some((start, num_start, *at))
            });
        match &s.values {
            NumValues::Ints(v) => v.iter().zip(ends).for_each(|(&i, e)| each(Num::Int(i), e)),
            NumValues::Floats(v) => v
                .iter()
                .zip(ends)
                .for_each(|(&x, e)| each(Num::Float(x), e)),
            NumValues::Mixed(v) => v.iter().zip(ends).for_each(|(&n, e)| each(n, e)),
        }
        true
    }

    /// Calls `each` with the values in order (false as for
    /// [`NumberList::fill_f64`]).
    pub fn each_value(&self, mut each: impl FnMut(Num)) -> bool {
        self.each(|v, _| each(v))
    }

    /// The values in order (`None` as for [`NumberList::fill_f64`]).
    pub fn values(&self) -> Option<Vec<Num>> {
        let mut out = Vec::with_capacity(self.len());
        self.each_value(|v| out.push(v)).then_some(out)
    }

    /// Writes the values into `out` (as long as [`NumberList::len`]), ints
    /// converted as NumPy converts a list's Python ints; false if the text
    /// could not be read again (a bug, reported rather than panicking).
    pub fn fill_f64(&self, out: &mut [f64]) -> bool {
        if let Repr::Text(d) = &self.0 {
            return d.fill_f64(out);
        }
        if let Repr::Stored(Stored {
            values: NumValues::Floats(v),
            ..
        }) = &self.0
        {
            out.copy_from_slice(v);
            return true;
        }
        let mut slots = out.iter_mut();
        let ok = self.each(|v, _| {
            if let Some(o) = slots.next() {
                *o = match v {
                    Num::Int(i) => i as f64,
                    Num::Float(x) => x,
                };
            }
        });
        ok && slots.next().is_none() && out.len() == self.len()
    }

    /// [`NumberList::fill_f64`] for a list of ints only (false otherwise).
    pub fn fill_i64(&self, out: &mut [i64]) -> bool {
        let mut slots = out.iter_mut();
        let mut ints = true;
        let ok = self.each(|v, _| match (v, slots.next()) {
            (Num::Int(i), Some(o)) => *o = i,
            _ => ints = false,
        });
        ok && ints && slots.next().is_none()
    }

    /// The items as the expressions they were written as: a literal, or
    /// `-` applied to one.
    pub fn exprs(&self) -> Vec<Expr> {
        let mut out = Vec::with_capacity(self.len());
        self.each(|v, (start, num_start, end)| {
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
            out.push(if minus {
                Expr {
                    kind: ExprKind::Unary {
                        op: UnaryOp::Neg,
                        operand: Box::new(literal),
                    },
                    span: start..end,
                }
            } else {
                literal
            });
        });
        out
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

/// The display opening at `src[open] == b'['` and the end of its `]`, when
/// it holds only numbers, each perhaps negated, separated by commas (a
/// trailing comma allowed); `None` otherwise (`[]` included).
pub fn number_display(src: &str, open: usize) -> Option<(NumberList, usize)> {
    let d = text::check(src, open)?;
    let end = d.span.end;
    Some((NumberList(Repr::Text(d)), end))
}

#[cfg(test)]
mod tests;
