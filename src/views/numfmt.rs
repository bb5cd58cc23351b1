//! Compact but exact number text for views.

use serde_json::{Value, json};

/// A JSON number, or `"nan"`/`"inf"`/`"-inf"` as in CLI.md's array data.
pub(crate) fn json_num(x: f64) -> Value {
    if x.is_nan() {
        json!("nan")
    } else if x.is_infinite() {
        json!(if x > 0.0 { "inf" } else { "-inf" })
    } else {
        json!(x)
    }
}

/// [`json_num`] for one value, a list for a cross-section.
pub(crate) fn json_vals(v: &[f64]) -> Value {
    if v.len() == 1 {
        json_num(v[0])
    } else {
        Value::Array(v.iter().map(|&x| json_num(x)).collect())
    }
}

/// Shortest text that round-trips to `x` (ryu), without a trailing `.0`:
/// `1`, `1.5`, `-0.25`, `1e-20`, `nan`, `inf`, `-inf`.
pub fn num(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let mut buf = ryu::Buffer::new();
    let s = buf.format_finite(x);
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s.to_string(),
    }
}

/// [`num`] wrapped in parentheses when negative, for use inside a formula
/// (`4 · (−1)`); the minus sign is the typographic `−`.
pub fn num_paren(x: f64) -> String {
    let s = minus(&num(x));
    if s.starts_with('−') {
        format!("({s})")
    } else {
        s
    }
}

/// A shape as Python prints the tuple: `(6,)`, `(3, 4)`, `()`.
pub fn shape_text(shape: &[usize]) -> String {
    let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
    crate::format::tuple_repr(&dims)
}

/// The typographic minus for display (`-1` → `−1`, `1e-5` keeps its ASCII
/// exponent sign so the number can still be copied).
pub fn minus(s: &str) -> String {
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_round_trip_text() {
        for (x, want) in [
            (1.0, "1"),
            (1.5, "1.5"),
            (-0.25, "-0.25"),
            (1e-20, "1e-20"),
            (0.1 + 0.2, "0.30000000000000004"),
            (f64::NAN, "nan"),
            (f64::NEG_INFINITY, "-inf"),
            (-0.0, "-0"),
        ] {
            assert_eq!(num(x), want, "{x:?}");
            if x.is_finite() {
                assert_eq!(num(x).parse::<f64>().unwrap().to_bits(), x.to_bits());
            }
        }
    }

    #[test]
    fn negative_numbers_are_parenthesised_in_formulas() {
        assert_eq!(num_paren(-1.0), "(−1)");
        assert_eq!(num_paren(2.5), "2.5");
    }
}
