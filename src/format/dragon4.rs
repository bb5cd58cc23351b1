//! NumPy's Dragon4 float formatter, ported from
//! `numpy/_core/src/multiarray/dragon4.c` (Ryan Juckett's Dragon4 as NumPy
//! rewrote it): the engine of `np.format_float_positional`,
//! `np.format_float_scientific` and of array printing under any print
//! options. Digits are generated with exact big-integer arithmetic in
//! NumPy's two modes: *unique* (the shortest digits that round-trip, but
//! at least `min_digits` and at most `precision`) and *exact* (the value
//! rounded at `precision`, ties to even).

use std::cmp::Ordering;

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

/// NumPy's scratch buffer size: bounds the digits of an uncut value.
const BUFFER: i32 = 16384;

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

/// A finite float's mantissa, binary exponent, top mantissa bit and
/// whether its margins differ (NumPy's `Dragon4_PrintFloat_IEEE_binary64`).
#[derive(Clone, Copy)]
struct Parts {
    mantissa: u64,
    exponent: i32,
    mantissa_bit: u32,
    unequal_margins: bool,
}

/// A binary float Dragon4 formats with its own mantissa width: NumPy
/// prints a float32 with float32's shortest digits (`0.1`, not
/// `0.10000000149011612`).
pub trait Binary: Copy {
    /// Mantissa bits (without the implicit one).
    const MANTISSA: u32;
    /// Exponent bias.
    const BIAS: i32;
    /// The value as float64 (exact).
    fn widen(self) -> f64;
    /// `(negative, biased exponent field, mantissa field)`.
    fn fields(self) -> (bool, i32, u64);
}

impl Binary for f64 {
    const MANTISSA: u32 = 52;
    const BIAS: i32 = 1023;
    fn widen(self) -> f64 {
        self
    }
    fn fields(self) -> (bool, i32, u64) {
        let b = self.to_bits();
        (
            b >> 63 == 1,
            ((b >> 52) & 0x7ff) as i32,
            b & ((1 << 52) - 1),
        )
    }
}

impl Binary for f32 {
    const MANTISSA: u32 = 23;
    const BIAS: i32 = 127;
    fn widen(self) -> f64 {
        f64::from(self)
    }
    fn fields(self) -> (bool, i32, u64) {
        let b = self.to_bits();
        (
            b >> 31 == 1,
            ((b >> 23) & 0xff) as i32,
            u64::from(b & ((1 << 23) - 1)),
        )
    }
}

/// The sign text and the parts of a finite `x`; `None` for inf and nan.
fn start<F: Binary>(x: F, o: &Options) -> Option<(String, Parts)> {
    let (negative, exp, frac) = x.fields();
    let mb = F::MANTISSA;
    if exp == 2 * F::BIAS + 1 {
        return None;
    }
    let sign = if negative {
        "-"
    } else if o.sign {
        "+"
    } else {
        ""
    };
    let parts = if exp != 0 {
        Parts {
            mantissa: (1u64 << mb) | frac,
            exponent: exp - F::BIAS - mb as i32,
            mantissa_bit: mb,
            unequal_margins: exp != 1 && frac == 0,
        }
    } else {
        Parts {
            mantissa: frac,
            exponent: 1 - F::BIAS - mb as i32,
            mantissa_bit: 63u32.saturating_sub(frac.leading_zeros()),
            unequal_margins: false,
        }
    };
    Some((sign.to_string(), parts))
}

/// NumPy's `PrintInfNan`: a sign only on infinities.
fn inf_nan(x: f64, plus: bool) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    let sign = if x < 0.0 {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    };
    format!("{sign}inf")
}

/// The digit generator: the digits (without trailing rounding carries)
/// and the decimal exponent of the first one. `cutoff_max`/`cutoff_min`
/// (negative: none) count fractional digits, or significant digits when
/// `total`.
fn dragon4(p: Parts, unique: bool, total: bool, cutoff_max: i32, cutoff_min: i32) -> (String, i32) {
    if p.mantissa == 0 {
        return ("0".into(), 0);
    }
    let even = p.mantissa & 1 == 0;
    let mut value = Big::from_u64(p.mantissa);
    let mut scale;
    let mut margin = Big::from_u64(1);
    // The high margin is twice the low one when they differ.
    let unequal = p.unequal_margins;
    let boost = if unequal { 2 } else { 1 };
    if p.exponent > 0 {
        value.shl(p.exponent as u32 + boost);
        scale = Big::from_u64(2 * u64::from(boost));
        margin.shl(p.exponent as u32);
    } else {
        value.shl(boost);
        scale = Big::from_u64(1);
        scale.shl((-p.exponent) as u32 + boost);
    }
    let mut digit_exp =
        ((f64::from(p.mantissa_bit as i32 + p.exponent)) * std::f64::consts::LOG10_2 - 0.69).ceil()
            as i32;
    if cutoff_max >= 0 && !total && digit_exp <= -cutoff_max {
        digit_exp = -cutoff_max + 1;
    }
    match digit_exp.cmp(&0) {
        Ordering::Greater => scale.mul_pow10(digit_exp as u32),
        Ordering::Less => {
            value.mul_pow10((-digit_exp) as u32);
            margin.mul_pow10((-digit_exp) as u32);
        }
        Ordering::Equal => {}
    }
    if value.cmp(&scale) != Ordering::Less {
        digit_exp += 1;
    } else {
        value.mul_small(10);
        margin.mul_small(10);
    }
    let mut max_exp = digit_exp - BUFFER;
    if cutoff_max >= 0 {
        let want = if total {
            digit_exp - cutoff_max
        } else {
            -cutoff_max
        };
        max_exp = max_exp.max(want);
    }
    let mut min_exp = digit_exp;
    if cutoff_min >= 0 {
        let want = if total {
            digit_exp - cutoff_min
        } else {
            -cutoff_min
        };
        min_exp = min_exp.min(want);
    }
    let mut out_exp = digit_exp - 1;
    let mut digits: Vec<u8> = Vec::new();
    let (mut low, mut high) = (false, false);
    let mut digit;
    if unique {
        loop {
            digit_exp -= 1;
            digit = value.div_small_quotient(&scale);
            let mut value_high = value.clone();
            let mut margin_high = margin.clone();
            margin_high.mul_small(boost);
            value_high.add(&margin_high);
            let c = value.cmp(&margin);
            low = if even {
                c != Ordering::Greater
            } else {
                c == Ordering::Less
            };
            let c = value_high.cmp(&scale);
            high = if even {
                c != Ordering::Less
            } else {
                c == Ordering::Greater
            };
            if ((low || high) && digit_exp <= min_exp) || digit_exp == max_exp {
                break;
            }
            digits.push(b'0' + digit);
            value.mul_small(10);
            margin.mul_small(10);
        }
    } else {
        loop {
            digit_exp -= 1;
            digit = value.div_small_quotient(&scale);
            if value.is_zero() || digit_exp == max_exp {
                break;
            }
            digits.push(b'0' + digit);
            value.mul_small(10);
        }
    }
    let mut round_down = low;
    if low == high {
        value.mul_small(2);
        round_down = match value.cmp(&scale) {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal => digit & 1 == 0,
        };
    }
    if round_down {
        digits.push(b'0' + digit);
    } else if digit < 9 {
        digits.push(b'0' + digit + 1);
    } else {
        // Carry into the first digit that is not a 9, dropping the nines.
        loop {
            match digits.pop() {
                None => {
                    digits.push(b'1');
                    out_exp += 1;
                    break;
                }
                Some(b'9') => {}
                Some(d) => {
                    digits.push(d + 1);
                    break;
                }
            }
        }
    }
    (String::from_utf8(digits).expect("ASCII digits"), out_exp)
}

/// A non-negative big integer, little-endian 32-bit blocks, no leading
/// zero blocks (zero is empty).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(x: u64) -> Big {
        let mut b = Big(vec![x as u32, (x >> 32) as u32]);
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn shl(&mut self, n: u32) {
        let (blocks, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for b in &mut self.0 {
                let v = (u64::from(*b) << bits) | u64::from(carry);
                *b = v as u32;
                carry = (v >> 32) as u32;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if !self.0.is_empty() {
            self.0.splice(0..0, std::iter::repeat_n(0, blocks));
        }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for b in &mut self.0 {
            let v = u64::from(*b) * u64::from(m) + carry;
            *b = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    fn mul_pow10(&mut self, mut n: u32) {
        while n >= 9 {
            self.mul_small(1_000_000_000);
            n -= 9;
        }
        if n > 0 {
            self.mul_small(10u32.pow(n));
        }
    }

    fn add(&mut self, other: &Big) {
        let mut carry = 0u64;
        let len = self.0.len().max(other.0.len());
        self.0.resize(len, 0);
        for (i, b) in self.0.iter_mut().enumerate() {
            let v = u64::from(*b) + u64::from(other.0.get(i).copied().unwrap_or(0)) + carry;
            *b = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, b) in self.0.iter_mut().enumerate() {
            let v = i64::from(*b) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(v < 0);
            *b = v.rem_euclid(1 << 32) as u32;
        }
        self.trim();
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    /// `self / d` for a quotient known to be below 10; `self` becomes the
    /// remainder.
    fn div_small_quotient(&mut self, d: &Big) -> u8 {
        let mut q = 0;
        while self.cmp(d) != Ordering::Less {
            self.sub(d);
            q += 1;
        }
        q
    }
}
