//! A small multiplicative hasher for the evaluator's hot maps (variable
//! names, the builtins table, the signature cache), which every statement
//! consults: SipHash's flooding resistance buys nothing for names a user
//! types into their own notebook, and it costs more than the rest of a name
//! lookup.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash-style: each word is folded in with a rotate, an xor and one
/// multiply.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.write_u64(u64::from_le_bytes(w.try_into().expect("8 bytes")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            self.write_u64(tail_word(rest));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(K);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// The last 1 to 7 bytes of a name as one word, read straight from the
/// slice: two overlapping loads (or three bytes), and the length. Copying
/// them into a zeroed 8-byte buffer first and loading that as a word stalls
/// the load on the byte stores it overlaps (store forwarding fails), which
/// cost a third of every variable lookup.
#[inline(always)]
fn tail_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    let word = if n >= 4 {
        let lo = u32::from_le_bytes(rest[..4].try_into().expect("4 bytes"));
        let hi = u32::from_le_bytes(rest[n - 4..].try_into().expect("4 bytes"));
        u64::from(lo) | (u64::from(hi) << 32)
    } else {
        u64::from(rest[0]) | (u64::from(rest[n / 2]) << 8) | (u64::from(rest[n - 1]) << 16)
    };
    word ^ ((n as u64) << 59)
}

/// A `HashMap` hashed with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_differ_anywhere_are_told_apart() {
        let mut m = FastMap::default();
        let names = [
            "a",
            "b",
            "ab",
            "ba",
            "a\0",
            "np",
            "numpy",
            "x_long_name_1",
            "x_long_name_2",
            "aa",
            "aaa",
            "abc",
            "acb",
            "abcd",
            "abcde",
            "abcdf",
            "bbcde",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
        ];
        for (i, n) in names.iter().enumerate() {
            m.insert(n.to_string(), i);
        }
        for (i, n) in names.iter().enumerate() {
            assert_eq!(m.get(*n), Some(&i));
        }
        assert_eq!(m.get("c"), None);
    }

    #[test]
    fn short_names_hash_apart() {
        use std::hash::BuildHasher;
        let build = BuildHasherDefault::<FastHasher>::default();
        let mut names: Vec<String> = Vec::new();
        for len in 1..=9 {
            for c in [b'a', b'b', b'_', b'0'] {
                let mut n = vec![b'x'; len];
                names.push(String::from_utf8(n.clone()).unwrap());
                for i in 0..len {
                    n[i] = c;
                    names.push(String::from_utf8(n.clone()).unwrap());
                    n[i] = b'x';
                }
            }
        }
        names.sort();
        names.dedup();
        let mut hashes: Vec<u64> = names.iter().map(|n| build.hash_one(n.as_str())).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), names.len());
    }
}
