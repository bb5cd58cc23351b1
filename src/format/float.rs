//! The float64 element formatter of an array: NumPy's `FloatingFormat`
//! (rules F1-F6 for the default options), a port of
//! `numpy/_core/arrayprint.py` on top of [`dragon4`](super::dragon4) for
//! every `floatmode`, `precision`, `suppress`, `sign` and `legacy`: one
//! notation, one digit count and one width for every element.

use super::dragon4::{self, Options, Trim};
use super::{FloatMode, PrintOptions, Sign};

/// NumPy's `FloatingFormat`, built from the printed elements only (rule S2).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FloatFormat {
    exp_format: bool,
    /// The elements are float32 values (widened): Dragon4 runs on float32.
    single: bool,
    /// Dragon4's options for every finite element (padding included).
    dragon: Options,
    pad_left: i32,
    pad_right: i32,
}

/// `(integer part, fraction)` of a Dragon4 string such as `-1.25` or
/// `1.e+05` (the exponent dropped).
fn split(s: &str) -> (&str, &str) {
    let mantissa = s.split_once('e').map_or(s, |(m, _)| m);
    mantissa.split_once('.').unwrap_or((mantissa, ""))
}

impl FloatFormat {
    /// The formatter for an array whose printed elements are `values`
    /// (`zero_d`: the array is 0-d, which legacy 1.13 prints differently).
    pub fn new(
        values: impl Iterator<Item = f64> + Clone,
        o: &PrintOptions,
        zero_d: bool,
    ) -> FloatFormat {
        Self::typed(values, o, zero_d, false)
    }

    /// [`FloatFormat::new`] for float32 elements (`single`), given widened
    /// to f64: float32's digits, and its scientific threshold
    /// `10**min(8, finfo(float32).precision)` = 1e6.
    pub fn typed(
        values: impl Iterator<Item = f64> + Clone,
        o: &PrintOptions,
        zero_d: bool,
        single: bool,
    ) -> FloatFormat {
        let sci = |x: f64, d: &Options| {
            if single {
                dragon4::scientific(x as f32, d)
            } else {
                dragon4::scientific(x, d)
            }
        };
        let pos = |x: f64, d: &Options| {
            if single {
                dragon4::positional(x as f32, d)
            } else {
                dragon4::positional(x, d)
            }
        };
        let big = if single { 1e6 } else { 1e8 };
        let legacy = o.legacy.level();
        let mut sign = o.sign;
        if legacy <= 113 && !zero_d && sign == Sign::Minus {
            sign = Sign::Space;
        }
        let precision = match (o.floatmode, o.precision) {
            (FloatMode::Unique, _) | (_, None) => -1,
            (_, Some(p)) => p as i32,
        };
        let finite = values.clone().filter(|x| x.is_finite());
        let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
        for a in finite.clone().map(f64::abs).filter(|&a| a != 0.0) {
            min = min.min(a);
            max = max.max(a);
        }
        // 10**min(8, finfo.precision): 1e8 for float64, 1e6 for float32.
        let exp_format =
            min.is_finite() && (max >= big || (!o.suppress && (min < 1e-4 || max / min > 1000.0)));
        let plus = sign == Sign::Plus;
        let mut dragon = Options {
            precision,
            sign: plus,
            ..Options::default()
        };
        let (mut pad_left, pad_right);
        if finite.clone().next().is_none() {
            pad_left = 0;
            pad_right = 0;
            dragon.trim = Trim::Zeros;
        } else if exp_format {
            let fixed = o.floatmode == FloatMode::Fixed || legacy <= 113;
            dragon.unique = !fixed;
            dragon.trim = if fixed { Trim::Keep } else { Trim::Zeros };
            let (mut int_len, mut frac_len, mut exp_len) = (0, 0, 0);
            for x in finite.clone() {
                let s = sci(x, &dragon);
                let (int, frac) = split(&s);
                let exp = s.split_once('e').map_or("", |(_, e)| e);
                int_len = int_len.max(int.len() as i32);
                frac_len = frac_len.max(frac.len() as i32);
                exp_len = exp_len.max(exp.len() as i32);
            }
            dragon.exp_digits = exp_len - 1;
            dragon.trim = Trim::Keep;
            dragon.precision = frac_len;
            dragon.min_digits = frac_len;
            pad_left = if legacy <= 113 { 3 } else { int_len };
            pad_right = dragon.exp_digits + 2 + frac_len;
        } else {
            let fixed = o.floatmode == FloatMode::Fixed;
            dragon.unique = !fixed;
            dragon.trim = if fixed { Trim::Keep } else { Trim::Zeros };
            let (mut int_len, mut frac_len) = (0, 0);
            for x in finite.clone() {
                let s = pos(x, &dragon);
                let (int, frac) = split(&s);
                let int_len_here = if legacy <= 113 {
                    1 + int.trim_start_matches(['-', '+']).len() as i32
                } else {
                    int.len() as i32
                };
                int_len = int_len.max(int_len_here);
                frac_len = frac_len.max(frac.len() as i32);
            }
            pad_left = int_len;
            pad_right = frac_len;
            if matches!(o.floatmode, FloatMode::Fixed | FloatMode::MaxPrecEqual) {
                dragon.precision = frac_len;
                dragon.min_digits = frac_len;
                dragon.trim = Trim::Keep;
            } else {
                dragon.trim = Trim::Zeros;
                dragon.min_digits = 0;
            }
        }
        if legacy > 113 && sign == Sign::Space && !finite.clone().any(f64::is_sign_negative) {
            pad_left += 1;
        }
        // Rule F6: `nan`, `inf` and `-inf` may widen the integer part.
        let mut nonfinite = values.filter(|x| !x.is_finite()).peekable();
        if nonfinite.peek().is_some() {
            let neginf = sign != Sign::Minus || nonfinite.any(|x| x == f64::NEG_INFINITY);
            let offset = pad_right + 1;
            pad_left = pad_left.max(3 - offset).max(3 + i32::from(neginf) - offset);
        }
        dragon.pad_left = pad_left;
        dragon.pad_right = if exp_format { -1 } else { pad_right };
        FloatFormat {
            exp_format,
            single,
            dragon,
            pad_left,
            pad_right,
        }
    }

    /// The element string of `x`; every element has the same length.
    pub fn render(&self, x: f64) -> String {
        if !x.is_finite() {
            let plus = if self.dragon.sign { "+" } else { "" };
            let s = if x.is_nan() {
                format!("{plus}nan")
            } else if x < 0.0 {
                "-inf".to_string()
            } else {
                format!("{plus}inf")
            };
            let width = (self.pad_left + self.pad_right + 1).max(0) as usize;
            return format!("{s:>width$}");
        }
        match (self.exp_format, self.single) {
            (true, true) => dragon4::scientific(x as f32, &self.dragon),
            (true, false) => dragon4::scientific(x, &self.dragon),
            (false, true) => dragon4::positional(x as f32, &self.dragon),
            (false, false) => dragon4::positional(x, &self.dragon),
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "exact ties such as 67108864.001953125 are written in full"
)]
mod tests {
    use super::*;

    fn at_precision(p: usize, values: &[f64]) -> Vec<String> {
        let o = PrintOptions {
            precision: Some(p),
            ..PrintOptions::default()
        };
        let f = FloatFormat::new(values.iter().copied(), &o, false);
        values.iter().map(|&x| f.render(x)).collect()
    }

    /// The rendered elements of a 1-D array, at precision 8.
    fn rendered(values: &[f64]) -> Vec<String> {
        at_precision(8, values)
    }

    fn case(values: &[f64], want: &[&str]) {
        assert_eq!(rendered(values), want, "{values:?}");
    }

    #[test]
    fn f2_notation_choice() {
        case(&[1., 1000.], &["   1.", "1000."]);
        case(&[1., 1001.], &["1.000e+00", "1.001e+03"]);
        case(&[0.0001, 0.1], &["0.0001", "0.1   "]);
        case(&[0.0001, 0.1001], &["1.000e-04", "1.001e-01"]);
        case(&[99999999.99], &["99999999.99"]);
        case(&[1e8], &["1.e+08"]);
        case(&[0., 1e-5], &["0.e+00", "1.e-05"]);
        case(&[0., -0.], &[" 0.", "-0."]);
        case(&[1e-300, 1e300], &["1.e-300", "1.e+300"]);
    }

    #[test]
    fn f3_positional_digits() {
        case(&[67108864.0000002], &["67108864.0000002"]);
        case(&[67108864.001953125], &["67108864.00195312"]);
        case(&[0.1, 0.2, 0.30000000000000004], &["0.1", "0.2", "0.3"]);
        case(&[1. / 3., 2. / 3.], &["0.33333333", "0.66666667"]);
        case(&[0.001953125, 1.], &["0.00195312", "1.        "]);
        case(&[0.999999999, 1.5], &["1. ", "1.5"]);
        case(&[9.999999999, 1.], &["10.", " 1."]);
        case(&[0.00012345678, 0.1], &["0.00012346", "0.1       "]);
    }

    #[test]
    fn f4_positional_alignment() {
        case(&[1., 2.5, 3.25], &["1.  ", "2.5 ", "3.25"]);
        case(&[-1.5, 10.25], &["-1.5 ", "10.25"]);
        case(&[100., 2., -1.], &["100.", "  2.", " -1."]);
        case(&[12345678.9, 99999.5], &["12345678.9", "   99999.5"]);
    }

    #[test]
    fn f5_scientific() {
        case(&[1e-5, 1.], &["1.e-05", "1.e+00"]);
        case(&[1.5e10, -2.25e-3], &[" 1.50e+10", "-2.25e-03"]);
        case(
            &[1. / 3e7, 2. / 3e7, 3. / 3e7],
            &["3.33333333e-08", "6.66666667e-08", "1.00000000e-07"],
        );
        case(&[1e-100, 1.], &["1.e-100", "1.e+000"]);
        case(&[1e300, -1e-300], &[" 1.e+300", "-1.e-300"]);
        case(&[-0., 1e-5], &["-0.e+00", " 1.e-05"]);
        case(&[9.9999999999e5, 1.], &["1.e+06", "1.e+00"]);
        case(
            &[123456788.5, 123456789.5],
            &["1.23456788e+08", "1.23456790e+08"],
        );
        case(&[5e-324, 1.5e-323], &["4.9e-324", "1.5e-323"]);
        case(&[67108864.0000002, 1.], &["6.7108864e+07", "1.0000000e+00"]);
    }

    #[test]
    fn f6_nan_and_inf() {
        let (nan, inf) = (f64::NAN, f64::INFINITY);
        case(&[nan, 1.], &["nan", " 1."]);
        case(&[1.5, nan], &["1.5", "nan"]);
        case(&[-inf, 1.], &["-inf", "  1."]);
        case(&[nan, inf, -inf], &[" nan", " inf", "-inf"]);
        case(&[1e-5, nan], &["1.e-05", "   nan"]);
        case(&[1.5e10, -inf, nan], &["1.5e+10", "   -inf", "    nan"]);
        case(
            &[nan, 0.123, -inf, 12.5],
            &["   nan", " 0.123", "  -inf", "12.5  "],
        );
        case(&[inf, 2.5, 1000.], &["   inf", "   2.5", "1000. "]);
        case(&[nan], &["nan"]);
    }

    #[test]
    fn precision_option() {
        let at = at_precision;
        // numpy 2.4.6 with np.printoptions(precision=p).
        assert_eq!(
            at(0, &[0.5, 1.5, 2.5, -0.004]),
            [" 0.", " 2.", " 2.", "-0."]
        );
        assert_eq!(at(2, &[1. / 3., 0.1]), ["0.33", "0.1 "]);
        assert_eq!(at(1, &[1e-323, 1.5e-323]), ["9.9e-324", "1.5e-323"]);
        assert_eq!(
            at(17, &[1. / 3., 0.1]),
            ["0.3333333333333333", "0.1               "]
        );
    }
}
