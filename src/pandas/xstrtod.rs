//! pandas' default float parser for CSV fields (`precise_xstrtod` in
//! `pandas/_libs/src/parser/tokenizer.c`, `float_precision=None`): up to
//! 17 significant digits accumulated in a double, then one multiplication
//! or division by a power of ten. It is not always correctly rounded
//! (`3.0000000000000004e-09` reads as `3e-09`), and pandas prints what it
//! read, so gradlab reads the same way.

/// Powers of ten 1e0 … 1e308 as double literals.
fn pow10(k: usize) -> f64 {
    // `format!("1e{k}").parse()` is the correctly rounded literal, as the
    // C table holds; computed once.
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=308)
            .map(|k| format!("1e{k}").parse().unwrap_or(f64::INFINITY))
            .collect()
    })[k]
}

/// The whole of `s` as a number (surrounding spaces allowed), or `None`.
pub(crate) fn precise_xstrtod(s: &str, decimal: char) -> Option<f64> {
    const MAX_DIGITS: i32 = 17;
    let b = s.as_bytes();
    let mut p = 0;
    while p < b.len() && b[p].is_ascii_whitespace() {
        p += 1;
    }
    let mut negative = false;
    if p < b.len() && (b[p] == b'-' || b[p] == b'+') {
        negative = b[p] == b'-';
        p += 1;
    }
    let (mut number, mut exponent, mut num_digits) = (0f64, 0i32, 0i32);
    while p < b.len() && b[p].is_ascii_digit() {
        if num_digits < MAX_DIGITS {
            number = number * 10. + f64::from(b[p] - b'0');
            num_digits += 1;
        } else {
            exponent += 1;
        }
        p += 1;
    }
    let dec = decimal as u32;
    if dec < 128 && p < b.len() && u32::from(b[p]) == dec {
        p += 1;
        let mut num_decimals = 0;
        while num_digits < MAX_DIGITS && p < b.len() && b[p].is_ascii_digit() {
            number = number * 10. + f64::from(b[p] - b'0');
            p += 1;
            num_digits += 1;
            num_decimals += 1;
        }
        if num_digits >= MAX_DIGITS {
            while p < b.len() && b[p].is_ascii_digit() {
                p += 1;
            }
        }
        exponent -= num_decimals;
    }
    if num_digits == 0 {
        return None;
    }
    if negative {
        number = -number;
    }
    if p < b.len() && (b[p] == b'e' || b[p] == b'E') {
        let save = p;
        p += 1;
        let mut neg_exp = false;
        if p < b.len() && (b[p] == b'-' || b[p] == b'+') {
            neg_exp = b[p] == b'-';
            p += 1;
        }
        let (mut n, mut digits) = (0i32, 0);
        while digits < MAX_DIGITS && p < b.len() && b[p].is_ascii_digit() {
            n = n * 10 + i32::from(b[p] - b'0');
            digits += 1;
            p += 1;
        }
        exponent += if neg_exp { -n } else { n };
        if digits == 0 {
            p = save;
        }
    }
    if exponent > 308 {
        return None;
    } else if exponent > 0 {
        number *= pow10(exponent as usize);
    } else if exponent < -308 {
        if exponent < -616 {
            number = 0.0;
        } else {
            number /= pow10((-308 - exponent) as usize);
            number /= pow10(308);
        }
    } else {
        number /= pow10((-exponent) as usize);
    }
    if number.is_infinite() {
        return None;
    }
    while p < b.len() && b[p].is_ascii_whitespace() {
        p += 1;
    }
    (p == b.len()).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::precise_xstrtod;

    #[test]
    fn reads_as_pandas_reads() {
        assert_eq!(precise_xstrtod("3.0000000000000004e-09", '.'), Some(3e-09));
        assert_eq!(precise_xstrtod(" 1.5 ", '.'), Some(1.5));
        assert_eq!(precise_xstrtod("1,25", ','), Some(1.25));
        assert_eq!(precise_xstrtod(".5", '.'), Some(0.5));
        assert_eq!(precise_xstrtod("1e", '.'), None);
        assert_eq!(precise_xstrtod("e5", '.'), None);
        assert_eq!(precise_xstrtod("1.5x", '.'), None);
    }
}
