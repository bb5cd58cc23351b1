//! pandas' printing of values (`pandas.io.formats.format`): one column's
//! strings, fixed width, as `format_array` makes them. The layout of whole
//! frames and series is in `format/layout.rs`.

mod layout;

pub(crate) use layout::{frame_to_string, series_to_string};

use super::column::{Cell, Column};
use super::pyfmt;

/// `display.precision`.
pub(crate) const PRECISION: usize = 6;
/// `display.max_colwidth`.
const MAX_COLWIDTH: usize = 50;

/// How `_make_fixed_width` pads a column's strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Justify {
    Left,
    Right,
    /// pandas' `"all"`: no padding (object indexes).
    None,
}

/// pandas' `format_array`: the strings of one column's values, padded to
/// one width. `leading_space` is the room for a sign pandas leaves when
/// the index is shown.
pub(crate) fn format_array(col: &Column, justify: Justify, leading_space: bool) -> Vec<String> {
    let strings = match col {
        Column::Float(v) => float_strings(v, leading_space, justify == Justify::Left),
        Column::Int(v) => v
            .iter()
            .map(|x| {
                if leading_space && *x >= 0 {
                    format!(" {x}")
                } else {
                    x.to_string()
                }
            })
            .collect(),
        Column::Bool(v) => v
            .iter()
            .map(|&b| generic(&Cell::Bool(b), leading_space))
            .collect(),
        Column::Object(v) => v.iter().map(|c| generic(c, leading_space)).collect(),
    };
    make_fixed_width(strings, justify, 0)
}

/// `_GenericArrayFormatter` for one element of an object (or bool) column.
fn generic(cell: &Cell, leading_space: bool) -> String {
    if let Cell::Float(x) = cell
        && !x.is_nan()
    {
        return pyfmt::trim_zeros_single(&pyfmt::fixed(*x, PRECISION, true));
    }
    let text = match cell {
        Cell::Float(_) => "NaN".to_string(),
        Cell::Str(s) => s
            .replace('\t', "\\t")
            .replace('\r', "\\r")
            .replace('\n', "\\n"),
        other => other.py_str(),
    };
    if leading_space {
        format!(" {text}")
    } else {
        text
    }
}

/// `FloatArrayFormatter.get_result_as_array` at fixed width: six decimals
/// with trailing zeros trimmed equally, or scientific notation when a value
/// would show as 0 or when large values make the column too wide.
fn float_strings(values: &[f64], leading_space: bool, left: bool) -> Vec<String> {
    let na = if left { " NaN" } else { "NaN" };
    let format_with = |sci: bool| -> Vec<String> {
        let strings = values
            .iter()
            .map(|&x| {
                if x.is_nan() {
                    na.to_string()
                } else if sci {
                    pyfmt::sci(x, PRECISION, leading_space)
                } else {
                    pyfmt::fixed(x, PRECISION, leading_space)
                }
            })
            .collect();
        trim_zeros_float(strings)
    };
    let fixed = format_with(false);
    let too_long = fixed.iter().map(|s| s.chars().count()).max().unwrap_or(0) > PRECISION + 6;
    let has_large = values.iter().any(|x| x.abs() > 1e6);
    let small = 10f64.powi(-(PRECISION as i32));
    let has_small = values.iter().any(|x| x.abs() < small && x.abs() > 0.0);
    if has_small || (too_long && has_large) {
        format_with(true)
    } else {
        fixed
    }
}

/// `^\s*[+-]?[0-9]+\.[0-9]*$`: the strings `_trim_zeros_float` trims.
fn is_number_with_decimal(s: &str) -> bool {
    let t = s.trim_start();
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    match t.split_once('.') {
        Some((int, frac)) => {
            !int.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// pandas' `_trim_zeros_float`: trailing zeros off all numbers at once
/// while every one ends in 0, leaving one digit after the point.
fn trim_zeros_float(mut strings: Vec<String>) -> Vec<String> {
    let should_trim = |v: &[String]| {
        let mut numbers = v.iter().filter(|s| is_number_with_decimal(s)).peekable();
        numbers.peek().is_some() && numbers.all(|s| s.ends_with('0'))
    };
    while should_trim(&strings) {
        for s in strings.iter_mut() {
            if is_number_with_decimal(s) {
                s.pop();
            }
        }
    }
    for s in strings.iter_mut() {
        if is_number_with_decimal(s) && s.ends_with('.') {
            s.push('0');
        }
    }
    strings
}

/// The display width of a string (pandas counts characters).
pub(crate) fn width(s: &str) -> usize {
    s.chars().count()
}

/// pandas' `_make_fixed_width`: pad to the widest string (at least
/// `minimum`), cutting strings over `max_colwidth` to `...`.
pub(crate) fn make_fixed_width(
    strings: Vec<String>,
    justify: Justify,
    minimum: usize,
) -> Vec<String> {
    if strings.is_empty() || justify == Justify::None {
        return strings;
    }
    let max_len = strings
        .iter()
        .map(|s| width(s))
        .max()
        .unwrap_or(0)
        .max(minimum)
        .min(MAX_COLWIDTH);
    strings
        .into_iter()
        .map(|s| {
            let s = if width(&s) > max_len {
                let head: String = s.chars().take(max_len - 3).collect();
                format!("{head}...")
            } else {
                s
            };
            pad(&s, max_len, justify)
        })
        .collect()
}

/// `str.ljust` / `str.rjust`.
pub(crate) fn pad(s: &str, w: usize, justify: Justify) -> String {
    let fill = w.saturating_sub(width(s));
    match justify {
        Justify::Left => format!("{s}{}", " ".repeat(fill)),
        Justify::Right => format!("{}{s}", " ".repeat(fill)),
        Justify::None => s.to_string(),
    }
}

/// pandas' `adjoin`: columns side by side, each left-justified to its
/// widest string plus `space` (the last one without the space), shorter
/// columns padded at the top.
pub(crate) fn adjoin(space: usize, lists: &[Vec<String>]) -> String {
    let Some(last) = lists.len().checked_sub(1) else {
        return String::new();
    };
    let lengths: Vec<usize> = lists
        .iter()
        .enumerate()
        .map(|(i, l)| {
            l.iter().map(|s| width(s)).max().unwrap_or(0) + if i < last { space } else { 0 }
        })
        .collect();
    let rows = lists.iter().map(Vec::len).max().unwrap_or(0);
    let mut lines = vec![String::new(); rows];
    for (list, &w) in lists.iter().zip(&lengths) {
        let top = rows - list.len();
        for (r, line) in lines.iter_mut().enumerate() {
            let cell = if r < top { "" } else { &list[r - top] };
            line.push_str(&pad(cell, w, Justify::Left));
        }
    }
    lines.join("\n")
}
