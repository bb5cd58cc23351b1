//! A display of plain numbers kept as its text: the lexer checks it in one
//! scan that converts nothing, and its values are read from the text when
//! the display is evaluated, straight into their destination (the array
//! buffer of `np.array([...])`). Pasted data then costs its text, which the
//! statement keeps anyway, and the array, instead of also a list of values
//! and spans in the syntax tree.
//!
//! The text is shared with the statement when the parser was given it as an
//! `Rc<str>` ([`with_shared`]); otherwise the display's bytes are copied.

use crate::text::Text;
use std::cell::RefCell;
use std::ops::Range;

use super::{Num, NumKind};

thread_local! {
    /// The shared text being parsed, while [`with_shared`] runs.
    static SHARED: RefCell<Option<Text>> = const { RefCell::new(None) };
}

/// Runs `parse` with `src` known as the text it parses, so that displays
/// point into it instead of copying their bytes.
pub fn with_shared<R>(src: &Text, parse: impl FnOnce() -> R) -> R {
    struct Reset(Option<Text>);
    impl Drop for Reset {
        fn drop(&mut self) {
            SHARED.set(self.0.take());
        }
    }
    let _reset = Reset(SHARED.replace(Some(src.clone())));
    parse()
}

/// A checked display: the text holding it (`src[p]` is `text[p - shift]`),
/// its span in `src`, its item count and kind.
#[derive(Clone)]
pub struct Display {
    text: Text,
    shift: usize,
    pub span: Range<usize>,
    pub len: usize,
    pub kind: NumKind,
    /// Every [`STRIDE`] bytes, the start of the next item (in `src`'s
    /// offsets) and its index: where the fill can be split between cores.
    pub(super) marks: Vec<(usize, usize)>,
}

/// Bytes of text between two [`Display::marks`].
const STRIDE: usize = 1 << 20;

impl PartialEq for Display {
    fn eq(&self, other: &Display) -> bool {
        self.span == other.span && self.len == other.len && self.kind == other.kind && {
            self.bytes() == other.bytes()
        }
    }
}

/// Where one item is written: its start (its `-`, if any), its number's
/// start and end, and whether the number is a float.
#[derive(Clone, Copy)]
pub struct Item {
    pub start: usize,
    pub num_start: usize,
    pub end: usize,
    pub float: bool,
}

impl Display {
    /// The display's own bytes, `[` to `]`.
    fn bytes(&self) -> &[u8] {
        &self.text.as_bytes()[self.span.start - self.shift..self.span.end - self.shift]
    }

    /// Calls `each` with every item and its value (`-` applied), spans in
    /// the parsed source's offsets; false if the text no longer reads as
    /// it did when checked (which cannot happen: the text is immutable).
    pub fn each(&self, mut each: impl FnMut(Item, Num)) -> bool {
        let b = &self.text.as_bytes()[..self.span.end - self.shift];
        let shift = self.shift;
        let mut count = 0;
        let end = walk(b, self.span.start - shift, |it| {
            let digits = &b[it.num_start..it.end];
            let minus = it.start < it.num_start;
            let value = if it.float {
                let x = fast_float2::parse::<f64, _>(digits).ok()?;
                Num::Float(if minus { -x } else { x })
            } else {
                let i = int(digits)?;
                Num::Int(if minus { -i } else { i })
            };
            let at = |p: usize| p + shift;
            let item = Item {
                start: at(it.start),
                num_start: at(it.num_start),
                end: at(it.end),
                float: it.float,
            };
            each(item, value);
            count += 1;
            Some(())
        });
        end == Some(self.span.end - shift) && count == self.len
    }
}

impl Display {
    /// Writes the values into `out` (as long as the display), ints
    /// converted as NumPy converts a list's Python ints; false if the text
    /// no longer reads as it did when checked (which cannot happen).
    ///
    /// [`check`] proved the shape, so this reads each number with one
    /// `parse_partial` call and does not scan its spelling again. An int
    /// read as a float has the value `i as f64` gives (both are correctly
    /// rounded), except `-0`, which is the int 0, not the float -0.0.
    pub fn fill_f64(&self, out: &mut [f64]) -> bool {
        let b = &self.text.as_bytes()[..self.span.end - self.shift];
        let open = self.span.start - self.shift;
        if out.len() != self.len {
            return false;
        }
        // A big display is read in two halves on two cores (the same
        // values: each number is read on its own), split at the mark
        // nearest its middle.
        let middle = (self.span.start + self.span.end) / 2;
        let mark = self
            .marks
            .iter()
            .min_by_key(|&&(at, _)| at.abs_diff(middle))
            .filter(|_| rayon::current_num_threads() > 1);
        let Some(&(at, k)) = mark else {
            return fill_from(b, open + 1, out) == Some((b.len(), true));
        };
        let at = at - self.shift;
        let (head, tail) = out.split_at_mut(k);
        let (first, second) = rayon::join(
            || fill_from(&b[..at], open + 1, head),
            || fill_from(b, at, tail),
        );
        first.is_some_and(|(end, closed)| !closed && skip_blanks(b, end) == at)
            && second == Some((b.len(), true))
    }
}

/// Reads `out.len()` items from `b[pos..]` (just after the `[`, or after a
/// comma) into `out`; where the reading stopped (just after the last
/// item's comma, or the display's `]`) and whether at the `]`.
fn fill_from(b: &[u8], mut pos: usize, out: &mut [f64]) -> Option<(usize, bool)> {
    let mut closed = false;
    // The text's pages are handed back as the values are read (a mapped
    // script's: see `crate::text`).
    let mut behind = crate::text::Behind::from(b, pos);
    for slot in out.iter_mut() {
        behind.at(pos);
        if closed {
            return None;
        }
        pos = skip_blanks(b, pos);
        let minus = b.get(pos) == Some(&b'-');
        if minus {
            pos = skip_blanks(b, pos + 1);
        }
        if !b.get(pos).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let Ok((x, n)) = fast_float2::parse_partial::<f64, _>(&b[pos..]) else {
            return None;
        };
        *slot = match minus {
            false => x,
            true if x == 0.0
                && !b[pos..pos + n]
                    .iter()
                    .any(|c| matches!(c, b'.' | b'e' | b'E')) =>
            {
                0.0
            }
            true => -x,
        };
        pos = skip_blanks(b, pos + n);
        match b.get(pos) {
            Some(b',') => {}
            Some(b']') => closed = true,
            _ => return None,
        }
        pos += 1;
    }
    behind.finish_at(pos);
    if !closed && skip_blanks(b, pos) + 1 == b.len() && b.last() == Some(&b']') {
        return Some((b.len(), true));
    }
    Some((pos, closed))
}

/// The display opening at `src[open] == b'['` and the end of its `]`, when
/// it holds only numbers written `123`, `1.5`, `1.5e-3` or `2E10` (ints
/// within int64, no leading zeros), each perhaps negated, separated by
/// commas (a trailing comma allowed); `None` otherwise (`[]` included).
pub fn check(src: &str, open: usize) -> Option<Display> {
    let b = src.as_bytes();
    let mut len = 0;
    let (mut ints, mut floats) = (false, false);
    let mut marks = Vec::new();
    let mut next_mark = open + STRIDE;
    let end = walk(b, open, |it| {
        if it.start >= next_mark {
            marks.push((it.start, len));
            next_mark = it.start + STRIDE;
        }
        if it.float {
            floats = true;
        } else {
            int(&b[it.num_start..it.end])?;
            ints = true;
        }
        len += 1;
        Some(())
    })?;
    let kind = match (ints, floats) {
        (true, false) => NumKind::Ints,
        (false, true) => NumKind::Floats,
        _ => NumKind::Mixed,
    };
    let shared = SHARED.with_borrow(|s| {
        s.as_ref()
            .filter(|rc| rc.as_ptr() == src.as_ptr() && rc.len() >= src.len())
            .cloned()
    });
    let (text, shift) = match shared {
        Some(rc) => (rc, 0),
        None => (Text::from(&src[open..end]), open),
    };
    Some(Display {
        text,
        shift,
        span: open..end,
        len,
        kind,
        marks,
    })
}

/// An int's digits as Python reads them: no leading zero, within int64
/// (a bigger one is left to the general rules).
fn int(digits: &[u8]) -> Option<i64> {
    if digits.len() > 1 && digits[0] == b'0' {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse::<i64>().ok()
}

/// Calls `each` with the items of the display at `b[open] == b'['`; the end
/// of its `]`, or `None` at anything else (or when `each` says `None`).
fn walk(b: &[u8], open: usize, mut each: impl FnMut(Item) -> Option<()>) -> Option<usize> {
    debug_assert_eq!(b.get(open), Some(&b'['));
    let mut pos = skip_blanks(b, open + 1);
    let mut behind = crate::text::Behind::from(b, open);
    loop {
        behind.at(pos);
        let start = pos;
        if b.get(pos) == Some(&b'-') {
            pos = skip_blanks(b, pos + 1);
        }
        let (end, float) = spelling(b, pos)?;
        each(Item {
            start,
            num_start: pos,
            end,
            float,
        })?;
        pos = skip_blanks(b, end);
        match b.get(pos)? {
            b']' => break,
            b',' => pos = skip_blanks(b, pos + 1),
            _ => return None,
        }
        if b.get(pos) == Some(&b']') {
            break;
        }
    }
    behind.finish_at(pos + 1);
    Some(pos + 1)
}

/// Blanks inside brackets: spaces, tabs, form feeds and line breaks.
fn skip_blanks(b: &[u8], mut pos: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\x0c' | b'\n' | b'\r') = b.get(pos) {
        pos += 1;
    }
    pos
}

fn digits(b: &[u8], pos: usize) -> usize {
    pos + crate::syntax::scan::digit_run(&b[pos.min(b.len())..])
}

/// The end of a decimal `123`, `1.5`, `1.5e-3` or `2E10` at `pos` and
/// whether it is a float; `None` for any other spelling (those go through
/// the general number rule). fast-float2 reads every such float as
/// Python does (correctly rounded, `1e999` is inf: `io::parse`'s proptest).
fn spelling(b: &[u8], pos: usize) -> Option<(usize, bool)> {
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
    Some((end, float))
}
