//! Byte-class runs measured sixteen or thirty-two bytes at a time: the
//! two scans that cross every byte of a pasted literal (the structural
//! scan's plain runs and the number check's digit runs). Each answers
//! exactly what its byte-by-byte loop answers; the tests compare them at
//! every length and stop position around the vector steps.

/// The length of `b`'s prefix of bytes for which `stop` is false.
fn run_while_not(b: &[u8], stop: impl Fn(u8) -> bool) -> usize {
    b.iter().position(|&c| stop(c)).unwrap_or(b.len())
}

/// The length of `b`'s prefix of ASCII digits.
pub fn digit_run(b: &[u8]) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_set1_epi8,
            _mm_sub_epi8,
        };
        let mut k = 0;
        while k + 16 <= b.len() {
            // SAFETY: the 16 bytes at `b[k..]` are in bounds (checked
            // above), and SSE2 is part of x86_64.
            let digits = unsafe {
                let v = _mm_loadu_si128(b.as_ptr().add(k).cast());
                // `c - '0'` (wrapping) is at most 9 exactly for a digit.
                let d = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
                _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d)) as u32
            };
            if digits != 0xFFFF {
                return k + (!digits).trailing_zeros() as usize;
            }
            k += 16;
        }
        k + run_while_not(&b[k..], |c| !c.is_ascii_digit())
    }
    #[cfg(not(target_arch = "x86_64"))]
    run_while_not(b, |c| !c.is_ascii_digit())
}

/// The bytes that end a plain run (see [`plain_run`]), as a class table
/// for the byte-by-byte steps.
pub(super) const STRUCTURAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x80;
    while b < 256 {
        t[b] = true;
        b += 1;
    }
    let special = b"()[]{}'\"#\\\n\r:;";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = true;
        i += 1;
    }
    t
};

/// The length of `b`'s prefix of plain bytes: ASCII except brackets,
/// quotes, `#`, backslash, line breaks, `:` and `;` ([`STRUCTURAL`]).
pub fn plain_run(b: &[u8]) -> usize {
    #[cfg(target_arch = "x86_64")]
    if b.len() >= 32 && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked above).
        return unsafe { plain_run_avx2(b) };
    }
    run_while_not(b, |c| STRUCTURAL[c as usize])
}

/// [`plain_run`] thirty-two bytes a step. A byte is classified by its two
/// nibbles (the table lookup of simdjson's structural scan): each high
/// nibble that has structural bytes gets a bit, set in `HIGH[hi]` and in
/// `LOW[lo]` for each of its structural low nibbles, so the byte is
/// structural when `HIGH[hi] & LOW[lo]` is not zero, or when its top bit
/// is set (not ASCII).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn plain_run_avx2(b: &[u8]) -> usize {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_set1_epi8, _mm256_setzero_si256, _mm256_shuffle_epi8, _mm256_srli_epi16,
    };
    // One bit per high nibble that has structural bytes.
    const LINE: u8 = 1; // 0x0_: `\n` `\r`
    const QUOTE: u8 = 2; // 0x2_: `"` `#` `'` `(` `)`
    const COLON: u8 = 4; // 0x3_: `:` `;`
    const SQUARE: u8 = 8; // 0x5_: `[` `\` `]`
    const CURLY: u8 = 16; // 0x7_: `{` `}`
    #[rustfmt::skip]
    const HIGH: [u8; 16] = [LINE, 0, QUOTE, COLON, 0, SQUARE, 0, CURLY, 0, 0, 0, 0, 0, 0, 0, 0];
    #[rustfmt::skip]
    const LOW: [u8; 16] = [
        0, 0, QUOTE, QUOTE, 0, 0, 0, QUOTE, QUOTE, QUOTE,
        LINE | COLON, COLON | SQUARE | CURLY, SQUARE, LINE | SQUARE | CURLY, 0, 0,
    ];
    let table = |t: [u8; 16]| -> __m256i {
        let mut both = [0u8; 32];
        both[..16].copy_from_slice(&t);
        both[16..].copy_from_slice(&t);
        // SAFETY: `both` is 32 readable bytes.
        unsafe { _mm256_loadu_si256(both.as_ptr().cast()) }
    };
    let (high, low) = (table(HIGH), table(LOW));
    let nibble = _mm256_set1_epi8(0x0f);
    let mut k = 0;
    while k + 32 <= b.len() {
        // SAFETY: the 32 bytes at `b[k..]` are in bounds (checked above).
        let v = unsafe { _mm256_loadu_si256(b.as_ptr().add(k).cast()) };
        let lo = _mm256_shuffle_epi8(low, _mm256_and_si256(v, nibble));
        let hi = _mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble));
        let plain_ascii = _mm256_cmpeq_epi8(_mm256_and_si256(lo, hi), _mm256_setzero_si256());
        let plain = _mm256_movemask_epi8(plain_ascii) as u32 & !(_mm256_movemask_epi8(v) as u32);
        if plain != u32::MAX {
            return k + (!plain).trailing_zeros() as usize;
        }
        k += 32;
    }
    k + run_while_not(&b[k..], |c| STRUCTURAL[c as usize])
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The bytes that end a plain run, as the byte loop that
    /// [`plain_run`] replaced tested them.
    pub(in crate::syntax) fn structural(b: u8) -> bool {
        b >= 0x80 || b"()[]{}'\"#\\\n\r:;".contains(&b)
    }

    #[test]
    fn the_class_table_holds_the_structural_bytes() {
        for b in 0..=255u8 {
            assert_eq!(STRUCTURAL[b as usize], structural(b), "{b}");
        }
    }

    /// Every byte value as the stop, at every position of buffers of every
    /// length around the vector steps, against the byte-by-byte answer.
    fn check_run(run: fn(&[u8]) -> usize, filler: &[u8], stops: impl Fn(u8) -> bool) {
        for len in 0..80 {
            let plain: Vec<u8> = (0..len).map(|i| filler[i % filler.len()]).collect();
            assert_eq!(run(&plain), len, "{len}");
            for at in 0..len {
                for c in 0..=255u8 {
                    let mut b = plain.clone();
                    b[at] = c;
                    let want = if stops(c) { at } else { len };
                    assert_eq!(run(&b), want, "len {len}, byte {c:#x} at {at}");
                }
            }
        }
    }

    #[test]
    fn digit_runs_end_at_the_first_other_byte() {
        check_run(digit_run, b"0123456789", |c| !c.is_ascii_digit());
    }

    #[test]
    fn plain_runs_end_at_the_first_structural_byte() {
        check_run(plain_run, b"0.51182, -1e-3 +x_=Z|*\t\x0b", structural);
    }
}
