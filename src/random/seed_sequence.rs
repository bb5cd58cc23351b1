//! NumPy's `SeedSequence` (`numpy/random/bit_generator.pyx`, after
//! O'Neill's `seed_seq` design): entropy words hashed into a pool of four
//! 32-bit words, from which any number of state words is derived.

const POOL_SIZE: usize = 4;
const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;

/// A SeedSequence without spawn key and with the default pool size, the
/// one `default_rng(seed)` and `MT19937(seed)` build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedSequence {
    /// The entropy as NumPy's `_coerce_to_uint32_array` spells it.
    entropy: Vec<u32>,
    pool: [u32; POOL_SIZE],
}

impl SeedSequence {
    /// A SeedSequence of non-negative integers (one for `SeedSequence(n)`,
    /// several for `SeedSequence([a, b, ...])`): each becomes its 32-bit
    /// words, least significant first (0 is one word).
    pub fn from_ints(ints: &[u64]) -> SeedSequence {
        let mut words = Vec::new();
        for &n in ints {
            words.extend(int_words(n));
        }
        SeedSequence::from_words(words)
    }

    /// A SeedSequence of 128 bits of OS entropy (NumPy's
    /// `secrets.randbits(128)`); `None` when the OS has none to give.
    pub fn from_os_entropy() -> Option<SeedSequence> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).ok()?;
        let n = u128::from_le_bytes(bytes);
        let mut words = Vec::new();
        let mut rest = n;
        while rest > 0 {
            words.push(rest as u32);
            rest >>= 32;
        }
        if words.is_empty() {
            words.push(0);
        }
        Some(SeedSequence::from_words(words))
    }

    /// [`from_os_entropy`](Self::from_os_entropy), or the clock when the
    /// OS has no entropy to give (as NumPy's docs describe for that case):
    /// what both `default_rng()` and `RandomState()` start from.
    pub fn from_entropy_or_clock() -> SeedSequence {
        SeedSequence::from_os_entropy().unwrap_or_else(|| {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64);
            SeedSequence::from_ints(&[t])
        })
    }

    fn from_words(entropy: Vec<u32>) -> SeedSequence {
        let pool = mix_entropy(&entropy);
        SeedSequence { entropy, pool }
    }

    /// The entropy words (for tests and `repr`).
    pub fn entropy_words(&self) -> &[u32] {
        &self.entropy
    }

    /// `generate_state(n, np.uint32)`.
    pub fn generate_state_u32(&self, n: usize) -> Vec<u32> {
        let mut hash_const = INIT_B;
        (0..n)
            .map(|i| {
                let mut v = self.pool[i % POOL_SIZE] ^ hash_const;
                hash_const = hash_const.wrapping_mul(MULT_B);
                v = v.wrapping_mul(hash_const);
                v ^ (v >> XSHIFT)
            })
            .collect()
    }

    /// `generate_state(n, np.uint64)`: pairs of 32-bit words, little end
    /// first.
    pub fn generate_state_u64(&self, n: usize) -> Vec<u64> {
        self.generate_state_u32(2 * n)
            .chunks_exact(2)
            .map(|w| u64::from(w[0]) | (u64::from(w[1]) << 32))
            .collect()
    }
}

fn int_words(n: u64) -> Vec<u32> {
    if n == 0 {
        return vec![0];
    }
    let mut out = Vec::new();
    let mut rest = n;
    while rest > 0 {
        out.push(rest as u32);
        rest >>= 32;
    }
    out
}

fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut v = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    v = v.wrapping_mul(*hash_const);
    v ^ (v >> XSHIFT)
}

fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> XSHIFT)
}

fn mix_entropy(entropy: &[u32]) -> [u32; POOL_SIZE] {
    let mut hash_const = INIT_A;
    let mut pool = [0u32; POOL_SIZE];
    for (i, slot) in pool.iter_mut().enumerate() {
        *slot = hashmix(entropy.get(i).copied().unwrap_or(0), &mut hash_const);
    }
    for src in 0..POOL_SIZE {
        for dst in 0..POOL_SIZE {
            if src != dst {
                pool[dst] = mix(pool[dst], hashmix(pool[src], &mut hash_const));
            }
        }
    }
    for &word in entropy.iter().skip(POOL_SIZE) {
        for slot in pool.iter_mut() {
            *slot = mix(*slot, hashmix(word, &mut hash_const));
        }
    }
    pool
}
