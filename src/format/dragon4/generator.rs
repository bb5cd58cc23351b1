//! Dragon4's digit generator and the big integers it computes with
//! exactly.

use std::cmp::Ordering;

use super::parts::Parts;

/// NumPy's scratch buffer size: bounds the digits of an uncut value.
const BUFFER: i32 = 16384;

/// The digit generator: the digits (without trailing rounding carries)
/// and the decimal exponent of the first one. `cutoff_max`/`cutoff_min`
/// (negative: none) count fractional digits, or significant digits when
/// `total`.
pub(super) fn dragon4(
    p: Parts,
    unique: bool,
    total: bool,
    cutoff_max: i32,
    cutoff_min: i32,
) -> (String, i32) {
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
