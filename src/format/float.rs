//! The float64 element formatter of an array (rules F1-F6): one notation,
//! one digit count and one width for every element.

use super::digits::{Digits, fixed, scientific, shortest};

/// How finite elements are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Notation {
    /// `I.F`, `I` right-aligned to `pad_left`, `F` left-aligned to `pad_right`.
    Positional,
    /// `d.ddde+XX` with `digits` digits after the point and `exp_size`
    /// exponent digits.
    Scientific { digits: usize, exp_size: usize },
}

/// NumPy's `FloatingFormat` for `floatmode='maxprec'`, `sign='-'`,
/// `suppress=False`, built from the printed elements only (rule S2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FloatFormat {
    precision: usize,
    notation: Notation,
    /// Characters before the point (sign and integer part).
    pad_left: usize,
    /// Characters after the point (positional: fraction; scientific:
    /// digits, `e`, exponent sign and digits).
    pad_right: usize,
}

/// Positional `(I, F)` of a finite `x` (rule F3): the shortest digits when
/// they have at most `precision` fractional digits, else the exact value
/// rounded to `precision` decimals with trailing zeros dropped. `I` carries
/// the sign (`-0.` keeps it).
fn positional_parts(x: f64, precision: usize) -> (String, String) {
    let d = shortest(x);
    let d = if d.frac_len() <= precision {
        d
    } else {
        fixed(x, precision)
    };
    let (int, frac) = d.positional();
    let sign = if x.is_sign_negative() { "-" } else { "" };
    (format!("{sign}{int}"), frac)
}

/// Scientific digits of a finite `x` (rule F5.1): at most `precision + 1`
/// significant digits, trailing zeros dropped.
fn scientific_digits(x: f64, precision: usize) -> Digits {
    let d = shortest(x);
    if d.digits.len() <= precision + 1 {
        d
    } else {
        scientific(x, precision)
    }
}

fn exp_len(exp: i32) -> usize {
    exp.unsigned_abs().to_string().len().max(2)
}

impl FloatFormat {
    /// The formatter for an array whose printed elements are `values`.
    pub fn new(values: impl Iterator<Item = f64> + Clone, precision: usize) -> FloatFormat {
        let finite = values.clone().filter(|x| x.is_finite());
        let nonzero = finite.clone().map(f64::abs).filter(|&a| a != 0.0);
        let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
        for a in nonzero {
            min = min.min(a);
            max = max.max(a);
        }
        let any_nonzero = min.is_finite();
        let exp_format = any_nonzero && (max >= 1e8 || min < 1e-4 || max / min > 1000.0);

        let mut fmt = if exp_format {
            let (mut pad_left, mut digits, mut exp_size) = (0, 0, 0);
            for x in finite {
                let d = scientific_digits(x, precision);
                pad_left = pad_left.max(1 + usize::from(x.is_sign_negative()));
                digits = digits.max(d.digits.len() - 1);
                exp_size = exp_size.max(exp_len(d.exp));
            }
            FloatFormat {
                precision,
                notation: Notation::Scientific { digits, exp_size },
                pad_left,
                pad_right: exp_size + 2 + digits,
            }
        } else {
            let (mut pad_left, mut pad_right) = (0, 0);
            for x in finite {
                let (int, frac) = positional_parts(x, precision);
                pad_left = pad_left.max(int.len());
                pad_right = pad_right.max(frac.len());
            }
            FloatFormat {
                precision,
                notation: Notation::Positional,
                pad_left,
                pad_right,
            }
        };

        // Rule F6: `nan`, `inf` and `-inf` may widen the integer part.
        let mut nonfinite = values.filter(|x| !x.is_finite()).peekable();
        if nonfinite.peek().is_some() {
            let neginf = nonfinite.any(|x| x == f64::NEG_INFINITY);
            let offset = fmt.pad_right as i64 + 1;
            let need = (3 + i64::from(neginf) - offset).max(3 - offset);
            fmt.pad_left = fmt.pad_left.max(need.max(0) as usize);
        }
        fmt
    }

    /// The element string of `x`; every element has the same length.
    pub fn render(&self, x: f64) -> String {
        let width = self.pad_left + 1 + self.pad_right;
        if !x.is_finite() {
            let s = if x.is_nan() {
                "nan"
            } else if x < 0.0 {
                "-inf"
            } else {
                "inf"
            };
            return format!("{s:>width$}");
        }
        match self.notation {
            Notation::Positional => {
                let (int, frac) = positional_parts(x, self.precision);
                format!(
                    "{int:>l$}.{frac:<r$}",
                    l = self.pad_left,
                    r = self.pad_right
                )
            }
            Notation::Scientific { digits, exp_size } => {
                let sign = if x.is_sign_negative() { "-" } else { "" };
                // Rule F5.4: exact rounding to `digits + 1` significant
                // digits; zero is written `0.000e+00`.
                let (mantissa, exp) = if x == 0.0 {
                    let zeros = "0".repeat(digits);
                    let m = if digits == 0 {
                        "0".into()
                    } else {
                        format!("0.{zeros}")
                    };
                    (m, 0)
                } else {
                    let s = format!("{:.*e}", digits, x.abs());
                    let (m, e) = s.split_once('e').expect("`{:e}` has an exponent");
                    (m.to_string(), e.parse::<i32>().expect("exponent"))
                };
                let mantissa = if digits == 0 {
                    format!("{mantissa}.")
                } else {
                    mantissa
                };
                let esign = if exp < 0 { '-' } else { '+' };
                let head = format!("{sign}{}", &mantissa[..1]);
                format!(
                    "{head:>l$}{}e{esign}{:0x$}",
                    &mantissa[1..],
                    exp.unsigned_abs(),
                    l = self.pad_left,
                    x = exp_size
                )
            }
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

    /// The rendered elements of a 1-D array, at precision 8.
    fn rendered(values: &[f64]) -> Vec<String> {
        let f = FloatFormat::new(values.iter().copied(), 8);
        values.iter().map(|&x| f.render(x)).collect()
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
        let at = |p: usize, v: &[f64]| -> Vec<String> {
            let f = FloatFormat::new(v.iter().copied(), p);
            v.iter().map(|&x| f.render(x)).collect()
        };
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
