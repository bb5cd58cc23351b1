//! Text → number conversions with NumPy's and Python's acceptance rules,
//! and Python's `repr` of a string for messages.

/// NumPy's `loadtxt` float64 parser: Python float syntax without
/// underscores (`1.`, `.5`, `1e5`, `nan`, `inf`, `Infinity`, signs),
/// surrounding whitespace ignored. Rejects `0x10`, `1_000`, `1d3`, `nan(1)`.
pub(crate) fn numpy_f64(s: &str) -> Option<f64> {
    let t = trimmed(s);
    // Rust's grammar equals Python's here except that Rust also accepts
    // a lone sign or dot in no case, and both reject hex and `d` exponents.
    if t.is_empty() {
        return None;
    }
    decimal_f64(t)
}

/// `s.parse::<f64>()`, through fast-float2 when `s` is spelled with
/// digits, `.`, `e`/`E` and signs only (the spellings of data files and
/// pasted literals), where it accepts the same texts and rounds the same
/// (the proptest below); std's parser for the rest (`inf`, `nan`).
pub(crate) fn decimal_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let plain = b
        .iter()
        .all(|&c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'));
    if plain {
        fast_float2::parse::<f64, _>(b).ok()
    } else {
        s.parse::<f64>().ok()
    }
}

/// `s.trim()`, skipped when `s` plainly has no whitespace at either end
/// (an ASCII non-blank first and last byte: nearly every field of a data
/// file).
fn trimmed(s: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&c| c > b' ' && c < 0x80);
    let b = s.as_bytes();
    if plain(b.first()) && plain(b.last()) {
        s
    } else {
        s.trim()
    }
}

/// Python's `float(s)` (what `genfromtxt` calls): [`numpy_f64`] plus
/// single underscores between digits (`1_000`).
pub(crate) fn python_f64(s: &str) -> Option<f64> {
    let t = s.trim();
    if !t.contains('_') {
        return numpy_f64(t);
    }
    let b = t.as_bytes();
    let ok = b.iter().enumerate().all(|(i, &c)| {
        c != b'_'
            || (i > 0 && i + 1 < b.len() && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit())
    });
    if !ok {
        return None;
    }
    numpy_f64(&t.replace('_', ""))
}

/// NumPy's `loadtxt` int64 parser: optional sign and decimal digits only.
pub(crate) fn numpy_i64(s: &str) -> Option<i64> {
    let t = trimmed(s);
    if t.is_empty() || t.contains('_') {
        return None;
    }
    t.parse::<i64>().ok()
}

/// NumPy's `loadtxt(dtype=bool)`: an integer, true when nonzero
/// (`True` and `0.0` are errors).
pub(crate) fn numpy_bool(s: &str) -> Option<bool> {
    numpy_i64(s).map(|v| v != 0)
}

pub use crate::format::py_repr_str as py_str_repr;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20000))]

        /// fast-float2 and std accept the same texts and give the same
        /// bits: random spellings over the decimal alphabet (mostly digits,
        /// long mantissas past 19 digits, exponents to the range's ends)...
        #[test]
        fn decimal_parse_matches_std_on_any_spelling(
            parts in prop::collection::vec(prop::sample::select(vec![
                "0", "1", "5", "9", "12345678", "99999999999", ".", "e", "E", "+", "-",
                "e-3", "e+308", "e-324", "e309", "e-400", "00000000000000000001",
            ]), 0..10)
        ) {
            let s = parts.concat();
            prop_assert_eq!(decimal_f64(&s).map(f64::to_bits), s.parse::<f64>().ok().map(f64::to_bits), "{}", s);
        }

        /// ... and every double's shortest repr and `%.18e` / `%.17g` text.
        #[test]
        fn decimal_parse_matches_std_on_doubles(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            for s in [format!("{x:?}"), format!("{x:.18e}"), format!("{x:.17e}"), format!("{:.25}", x.abs())] {
                prop_assert_eq!(decimal_f64(&s).map(f64::to_bits), s.parse::<f64>().ok().map(f64::to_bits), "{}", s);
            }
        }
    }

    #[test]
    fn float_grammar_matches_numpy_loadtxt() {
        for (s, want) in [
            (".5", Some(0.5)),
            ("1.", Some(1.0)),
            ("  7  ", Some(7.0)),
            ("1e+05", Some(1e5)),
            ("1e400", Some(f64::INFINITY)),
            ("-Infinity", Some(f64::NEG_INFINITY)),
            ("iNfInItY", Some(f64::INFINITY)),
            ("1_000", None),
            ("1e", None),
            ("1d3", None),
            ("0x10", None),
            ("nan(123)", None),
            ("--1", None),
            ("", None),
            (".", None),
            ("+", None),
        ] {
            assert_eq!(numpy_f64(s), want, "{s:?}");
        }
        assert!(numpy_f64("-nan").unwrap().is_nan());
        assert!(numpy_f64("NaN").unwrap().is_nan());
    }

    #[test]
    fn python_float_allows_digit_underscores() {
        assert_eq!(python_f64("1_000"), Some(1000.0));
        assert_eq!(python_f64("1__0"), None);
        assert_eq!(python_f64("_1"), None);
        assert_eq!(python_f64("1_.5"), None);
    }

    #[test]
    fn ints_and_bools() {
        assert_eq!(numpy_i64("+3"), Some(3));
        assert_eq!(numpy_i64(" 3 "), Some(3));
        assert_eq!(numpy_i64("-9223372036854775808"), Some(i64::MIN));
        for bad in ["1.0", "1e3", "9223372036854775808", "1_0", "0x10", "true"] {
            assert_eq!(numpy_i64(bad), None, "{bad}");
        }
        assert_eq!(numpy_bool("2"), Some(true));
        assert_eq!(numpy_bool("0"), Some(false));
        assert_eq!(numpy_bool("True"), None);
    }

    #[test]
    fn str_repr_like_python() {
        assert_eq!(py_str_repr("abc"), "'abc'");
        assert_eq!(py_str_repr("it's"), "\"it's\"");
        assert_eq!(py_str_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(py_str_repr("a\\b\tc"), "'a\\\\b\\tc'");
    }
}
