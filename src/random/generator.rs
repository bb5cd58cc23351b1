//! `np.random.Generator` on PCG64, as `np.random.default_rng(seed)` makes
//! it: the ziggurat normal, Lemire's bounded integers, Floyd's and
//! tail-shuffle sampling without replacement.

use super::Result;
use super::bitgen::BitGen;
use super::choice::{self, Api, Draw, Population};
use super::dist::{self, Method, bounded_u64, gen_mask};
use super::ints::{self, IntDType};
use super::legacy::{check_non_negative, cont2, fill, range_of, shuffle_order};
use super::pcg64::Pcg64;
use super::seed_sequence::SeedSequence;
use super::shape::{Param, Sample, Size};

/// NumPy's `Generator(PCG64(seed))`.
#[derive(Clone, Debug)]
pub struct Generator {
    bits: Pcg64,
}

impl Generator {
    /// `default_rng([a, b, ...])` (one element for `default_rng(a)`): the
    /// integers through a SeedSequence.
    pub fn from_seed_ints(seed: &[u64]) -> Generator {
        Generator::from_seed_sequence(&SeedSequence::from_ints(seed))
    }

    /// `default_rng()`: 128 bits of OS entropy (the clock if the OS has
    /// none).
    pub fn from_entropy() -> Generator {
        Generator::from_seed_sequence(&SeedSequence::from_entropy_or_clock())
    }

    /// `Generator(PCG64(seq))`.
    pub fn from_seed_sequence(seq: &SeedSequence) -> Generator {
        Generator {
            bits: Pcg64::from_seed_sequence(seq),
        }
    }

    /// `random(size)`: doubles in [0, 1).
    pub fn random(&mut self, size: &Size) -> Sample<f64> {
        fill(size, || self.bits.next_double())
    }

    /// `standard_normal(size)`: the ziggurat.
    pub fn standard_normal(&mut self, size: &Size) -> Sample<f64> {
        fill(size, || dist::standard_normal(&mut self.bits))
    }

    /// `normal(loc, scale, size)`: `loc + scale * z`.
    pub fn normal(
        &mut self,
        loc: &Param<f64>,
        scale: &Param<f64>,
        size: &Size,
    ) -> Result<Sample<f64>> {
        check_non_negative(scale, "scale")?;
        let bits = &mut self.bits;
        cont2(size, loc, scale, |l, s| l + s * dist::standard_normal(bits))
    }

    /// `uniform(low, high, size)`: `high - low` must be finite and not
    /// negative.
    pub fn uniform(
        &mut self,
        low: &Param<f64>,
        high: &Param<f64>,
        size: &Size,
    ) -> Result<Sample<f64>> {
        let range = range_of(low, high, "high - low range exceeds valid bounds")?;
        check_non_negative(&range, "high - low")?;
        let bits = &mut self.bits;
        cont2(size, low, &range, |l, r| dist::uniform(bits, l, r))
    }

    /// `integers(low, high=None, size, dtype, endpoint)`: Lemire's method.
    pub fn integers(
        &mut self,
        low: &Param<i128>,
        high: Option<&Param<i128>>,
        size: &Size,
        dtype: IntDType,
        endpoint: bool,
    ) -> Result<Sample<i64>> {
        ints::bounded(
            &mut self.bits,
            low,
            high,
            size,
            dtype,
            Method::Lemire,
            endpoint,
        )
    }

    /// The order `shuffle`/`permutation` put n items (or slices along the
    /// axis) in: `out[k] = x[order[k]]`.
    pub fn shuffle_order(&mut self, n: usize) -> Vec<usize> {
        shuffle_order(&mut self.bits, n)
    }

    /// `choice(a, size, replace, p, shuffle=shuffle)` as indices into `a`
    /// along its axis (or values of `range(a)`).
    pub fn choice(
        &mut self,
        pop: Population,
        size: &Size,
        replace: bool,
        p: Option<&Param<f64>>,
        shuffle: bool,
    ) -> Result<Sample<i64>> {
        choice::choose(self, Api::Generator, pop, size, replace, p, shuffle)
    }

    /// `size` distinct values of `range(pop)`: a partial shuffle of the
    /// tail for large samples of large populations, else Floyd's algorithm
    /// with NumPy's open-addressing set, then (when `shuffle`) a shuffle of
    /// the result.
    fn distinct(&mut self, pop: u64, size: u64, shuffle: bool) -> Vec<i64> {
        let cutoff = if shuffle { 50 } else { 20 };
        let b = &mut self.bits;
        if pop > 10_000 && size > pop / cutoff {
            let mut idx: Vec<i64> = (0..pop as i64).collect();
            shuffle_tail(b, &mut idx, (pop - size).max(1) as usize);
            return idx.split_off((pop - size) as usize);
        }
        let mask = gen_mask((1.2 * size as f64) as u64);
        let mut set = vec![u64::MAX; (mask + 1) as usize];
        let mut out = Vec::with_capacity(size as usize);
        for j in pop - size..pop {
            let val = bounded_u64(b, 0, j, Method::Lemire);
            let mut loc = val & mask;
            while set[loc as usize] != u64::MAX && set[loc as usize] != val {
                loc = (loc + 1) & mask;
            }
            if set[loc as usize] == u64::MAX {
                set[loc as usize] = val;
                out.push(val as i64);
            } else {
                loc = j & mask;
                while set[loc as usize] != u64::MAX {
                    loc = (loc + 1) & mask;
                }
                set[loc as usize] = j;
                out.push(j as i64);
            }
        }
        if shuffle {
            shuffle_tail(b, &mut out, 1);
        }
        out
    }
}

impl Draw for Generator {
    fn double(&mut self) -> f64 {
        self.bits.next_double()
    }

    fn below(&mut self, n: i64, shape: &[usize]) -> Result<Vec<i64>> {
        let all = Size::Shape(shape.to_vec());
        let high = Param::scalar(i128::from(n));
        Ok(self
            .integers(&high, None, &all, IntDType::Int64, false)?
            .data)
    }

    fn distinct(&mut self, pop: i64, count: usize, shuffle: bool) -> Vec<i64> {
        Generator::distinct(self, pop as u64, count as u64, shuffle)
    }
}

/// NumPy's `_shuffle_int`: Fisher–Yates over positions n-1 down to
/// `first` with Lemire draws.
fn shuffle_tail<B: BitGen>(b: &mut B, data: &mut [i64], first: usize) {
    for i in (first..data.len()).rev() {
        let j = bounded_u64(b, 0, i as u64, Method::Lemire) as usize;
        data.swap(i, j);
    }
}
