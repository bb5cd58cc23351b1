//! NumPy's Dragon4 float formatter, ported from
//! `numpy/_core/src/multiarray/dragon4.c` (Ryan Juckett's Dragon4 as NumPy
//! rewrote it): the engine of `np.format_float_positional`,
//! `np.format_float_scientific` and of array printing under any print
//! options. Digits are generated with exact big-integer arithmetic in
//! NumPy's two modes: *unique* (the shortest digits that round-trip, but
//! at least `min_digits` and at most `precision`) and *exact* (the value
//! rounded at `precision`, ties to even).

mod generator;
mod parts;

use generator::dragon4;
pub use parts::Binary;
use parts::{inf_nan, start};

/// How trailing zeros and the decimal point are trimmed (`trim=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trim {
    /// `'k'`: keep trailing zeros (and pad to `min_digits`/`precision`).
    Keep,
    /// `'.'`: trim trailing zeros, keep the point.
    Zeros,
    /// `'0'`: trim trailing zeros but keep one after the point.
    LeaveOneZero,
    /// `'-'`: trim trailing zeros and the point.
    DptZeros,
}

impl Trim {
    /// NumPy's one-letter spelling.
    pub fn parse(s: &str) -> Option<Trim> {
        match s {
            "k" => Some(Trim::Keep),
            "." => Some(Trim::Zeros),
            "0" => Some(Trim::LeaveOneZero),
            "-" => Some(Trim::DptZeros),
            _ => None,
        }
    }
}

/// The options of NumPy's `dragon4_positional` / `dragon4_scientific`;
/// negative numbers mean "not given" (NumPy's `-1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Shortest round-trip digits (`True`) or the exact value (`False`).
    pub unique: bool,
    /// Positional only: `precision` counts fractional digits (`True`) or
    /// significant digits (`False`).
    pub fractional: bool,
    pub precision: i32,
    pub min_digits: i32,
    /// Print `+` for positive values.
    pub sign: bool,
    pub trim: Trim,
    pub pad_left: i32,
    pub pad_right: i32,
    pub exp_digits: i32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            unique: true,
            fractional: true,
            precision: -1,
            min_digits: -1,
            sign: false,
            trim: Trim::Keep,
            pad_left: -1,
            pad_right: -1,
            exp_digits: -1,
        }
    }
}

/// `np.format_float_positional`'s formatting of `x`.
pub fn positional<F: Binary>(x: F, o: &Options) -> String {
    let Some((mut out, parts)) = start(x, o) else {
        return inf_nan(x.widen(), o.sign);
    };
    let has_sign = i32::from(!out.is_empty());
    let cutoff_total = !o.fractional;
    let (digits, print_exp) = dragon4(parts, o.unique, cutoff_total, o.precision, o.min_digits);
    let n = digits.len() as i32;
    let (whole, mut frac);
    if print_exp >= 0 {
        whole = print_exp + 1;
        if n <= whole {
            out.push_str(&digits);
            out.push_str(&"0".repeat((whole - n) as usize));
            frac = 0;
        } else {
            out.push_str(&digits[..whole as usize]);
            out.push('.');
            out.push_str(&digits[whole as usize..]);
            frac = n - whole;
        }
    } else {
        let zeros = -(print_exp + 1);
        out.push_str("0.");
        out.push_str(&"0".repeat(zeros as usize));
        out.push_str(&digits);
        frac = zeros + n;
        whole = 1;
    }
    if o.trim != Trim::DptZeros && frac == 0 {
        out.push('.');
    }
    let add = if o.unique { o.min_digits } else { o.precision };
    let desired = if cutoff_total {
        add - whole
    } else {
        add.max(0)
    };
    match o.trim {
        Trim::LeaveOneZero if frac == 0 => {
            out.push('0');
            frac += 1;
        }
        Trim::Keep if desired > frac => {
            out.push_str(&"0".repeat((desired - frac) as usize));
            frac = desired;
        }
        _ => {}
    }
    if o.trim != Trim::Keep && frac > 0 {
        while out.ends_with('0') {
            out.pop();
            frac -= 1;
        }
        if out.ends_with('.') {
            match o.trim {
                Trim::LeaveOneZero => {
                    out.push('0');
                    frac += 1;
                }
                Trim::DptZeros => {
                    out.pop();
                }
                _ => {}
            }
        }
    }
    if o.pad_right >= frac {
        if o.trim == Trim::DptZeros && frac == 0 {
            out.push(' ');
        }
        out.push_str(&" ".repeat((o.pad_right - frac) as usize));
    }
    if o.pad_left > whole + has_sign {
        let shift = (o.pad_left - whole - has_sign) as usize;
        out.insert_str(0, &" ".repeat(shift));
    }
    out
}

/// `np.format_float_scientific`'s formatting of `x`.
pub fn scientific<F: Binary>(x: F, o: &Options) -> String {
    let Some((sign, parts)) = start(x, o) else {
        return inf_nan(x.widen(), o.sign);
    };
    let leftchars = 1 + i32::from(!sign.is_empty());
    let mut out = " ".repeat((o.pad_left - leftchars).max(0) as usize);
    out.push_str(&sign);
    let plus_one = |v: i32| if v < 0 { -1 } else { v + 1 };
    let (digits, print_exp) = dragon4(
        parts,
        o.unique,
        true,
        plus_one(o.precision),
        plus_one(o.min_digits),
    );
    out.push_str(&digits[..1]);
    let mut frac = digits.len() as i32 - 1;
    if frac > 0 {
        out.push('.');
        out.push_str(&digits[1..]);
    }
    if o.trim != Trim::DptZeros && frac == 0 {
        out.push('.');
    }
    let add = (if o.unique { o.min_digits } else { o.precision }).max(0);
    match o.trim {
        Trim::LeaveOneZero if frac == 0 => {
            out.push('0');
            frac += 1;
        }
        Trim::Keep if add > frac => {
            out.push_str(&"0".repeat((add - frac) as usize));
        }
        _ => {}
    }
    if o.trim != Trim::Keep && frac > 0 {
        while out.ends_with('0') {
            out.pop();
        }
        if o.trim == Trim::LeaveOneZero && out.ends_with('.') {
            out.push('0');
        }
    }
    let exp_digits = match o.exp_digits {
        d if d < 0 => 2,
        d => d.min(5),
    } as usize;
    let e = print_exp.unsigned_abs().to_string();
    let e = if e.len() < exp_digits {
        "0".repeat(exp_digits - e.len()) + &e
    } else {
        e
    };
    out.push('e');
    out.push(if print_exp >= 0 { '+' } else { '-' });
    out.push_str(&e);
    out
}
