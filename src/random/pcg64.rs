//! PCG64 (XSL-RR 128/64) as NumPy implements it
//! (`numpy/random/src/pcg64/pcg64.h`, `_pcg64.pyx`): a 128-bit LCG whose
//! 32-bit draws are the two halves of one 64-bit output, low half first.

use super::bitgen::{BitGen, u64_to_double};
use super::seed_sequence::SeedSequence;

const MULTIPLIER: u128 = (2_549_297_995_355_413_924u128 << 64) + 4_865_540_595_714_422_341;

/// PCG64's state, with NumPy's one-word buffer for 32-bit draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pcg64 {
    state: u128,
    inc: u128,
    /// The high half of the last 64-bit output, waiting to be a 32-bit draw.
    pending_u32: Option<u32>,
}

impl Pcg64 {
    /// `PCG64(seed_sequence)`: four 64-bit words, the first two the initial
    /// state and the last two the stream (`pcg64_set_seed`).
    pub fn from_seed_sequence(seq: &SeedSequence) -> Pcg64 {
        let w = seq.generate_state_u64(4);
        let initstate = (u128::from(w[0]) << 64) | u128::from(w[1]);
        let initseq = (u128::from(w[2]) << 64) | u128::from(w[3]);
        let mut rng = Pcg64 {
            state: 0,
            inc: (initseq << 1) | 1,
            pending_u32: None,
        };
        rng.step();
        rng.state = rng.state.wrapping_add(initstate);
        rng.step();
        rng
    }

    fn step(&mut self) {
        self.state = self.state.wrapping_mul(MULTIPLIER).wrapping_add(self.inc);
    }
}

impl BitGen for Pcg64 {
    fn next_u64(&mut self) -> u64 {
        self.step();
        let hi = (self.state >> 64) as u64;
        let lo = self.state as u64;
        (hi ^ lo).rotate_right((self.state >> 122) as u32)
    }

    fn next_u32(&mut self) -> u32 {
        if let Some(w) = self.pending_u32.take() {
            return w;
        }
        let next = self.next_u64();
        self.pending_u32 = Some((next >> 32) as u32);
        next as u32
    }

    fn next_double(&mut self) -> f64 {
        u64_to_double(self.next_u64())
    }
}
