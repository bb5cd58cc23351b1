//! The Mersenne Twister MT19937 as NumPy implements it
//! (`numpy/random/src/mt19937/mt19937.c` and `_mt19937.pyx`), with both of
//! NumPy's seedings: the legacy one (`np.random.seed(int)`: Knuth's
//! initialiser; `seed(array)`: `init_by_array`) and the SeedSequence one.

use super::bitgen::BitGen;
use super::seed_sequence::SeedSequence;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// MT19937's state: 624 words and the position of the next one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mt19937 {
    key: [u32; N],
    pos: usize,
}

impl Mt19937 {
    /// `np.random.seed(seed)` for an integer seed (NumPy's `mt19937_seed`).
    pub fn from_legacy_seed(seed: u32) -> Mt19937 {
        let mut key = [0u32; N];
        let mut s = seed;
        for (pos, k) in key.iter_mut().enumerate() {
            *k = s;
            s = 1_812_433_253u32
                .wrapping_mul(s ^ (s >> 30))
                .wrapping_add(pos as u32 + 1);
        }
        Mt19937 { key, pos: N }
    }

    /// `np.random.seed(array)` (NumPy's `mt19937_init_by_array`, the
    /// reference implementation's `init_by_array`). `init_key` must not be
    /// empty.
    pub fn from_key_array(init_key: &[u32]) -> Mt19937 {
        let mut mt = Mt19937::from_genrand(19_650_218);
        let key = &mut mt.key;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(init_key.len()) {
            let prev = key[i - 1] ^ (key[i - 1] >> 30);
            key[i] = (key[i] ^ prev.wrapping_mul(1_664_525))
                .wrapping_add(init_key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                key[0] = key[N - 1];
                i = 1;
            }
            if j >= init_key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = key[i - 1] ^ (key[i - 1] >> 30);
            key[i] = (key[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                key[0] = key[N - 1];
                i = 1;
            }
        }
        key[0] = 0x8000_0000;
        mt
    }

    /// `MT19937(seed_sequence)`: words 1..624 from the SeedSequence, word 0
    /// the most significant bit only. NumPy leaves the position at 623
    /// (its loop variable), so the first draw tempers word 623 before the
    /// first twist; kept for bit-for-bit streams.
    pub fn from_seed_sequence(seq: &SeedSequence) -> Mt19937 {
        let words = seq.generate_state_u32(N);
        let mut key = [0u32; N];
        key[1..].copy_from_slice(&words[1..]);
        key[0] = 0x8000_0000;
        Mt19937 { key, pos: N - 1 }
    }

    /// `np.random.seed(None)`: the SeedSequence words, but NumPy keeps the
    /// previous position.
    pub fn reseed_from_entropy(&mut self, seq: &SeedSequence) {
        let words = seq.generate_state_u32(N);
        self.key[1..].copy_from_slice(&words[1..]);
        self.key[0] = 0x8000_0000;
    }

    /// The reference `init_genrand`.
    fn from_genrand(s: u32) -> Mt19937 {
        let mut key = [0u32; N];
        key[0] = s;
        for i in 1..N {
            key[i] = 1_812_433_253u32
                .wrapping_mul(key[i - 1] ^ (key[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        Mt19937 { key, pos: N }
    }

    fn twist(&mut self) {
        let key = &mut self.key;
        let mix = |hi: u32, lo: u32| {
            let y = (hi & UPPER_MASK) | (lo & LOWER_MASK);
            (y >> 1) ^ (0u32.wrapping_sub(y & 1) & MATRIX_A)
        };
        for i in 0..N - M {
            key[i] = key[i + M] ^ mix(key[i], key[i + 1]);
        }
        for i in N - M..N - 1 {
            key[i] = key[i + M - N] ^ mix(key[i], key[i + 1]);
        }
        key[N - 1] = key[M - 1] ^ mix(key[N - 1], key[0]);
        self.pos = 0;
    }

    fn next(&mut self) -> u32 {
        if self.pos == N {
            self.twist();
        }
        let mut y = self.key[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }
}

impl BitGen for Mt19937 {
    fn next_u64(&mut self) -> u64 {
        // NumPy's `(uint64_t)next(state) << 32 | next(state)`: GCC
        // evaluates the high word first.
        let hi = u64::from(self.next());
        (hi << 32) | u64::from(self.next())
    }

    fn next_u32(&mut self) -> u32 {
        self.next()
    }

    fn next_double(&mut self) -> f64 {
        let a = f64::from(self.next() >> 5);
        let b = f64::from(self.next() >> 6);
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_init_by_array_output() {
        // Matsumoto & Nishimura's mt19937ar.c test vector:
        // init_by_array({0x123, 0x234, 0x345, 0x456}) then genrand_int32().
        let mut mt = Mt19937::from_key_array(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| mt.next_u32()).collect();
        assert_eq!(
            first,
            [1067595299, 955945823, 477289528, 4107218783, 4228976476]
        );
    }
}
