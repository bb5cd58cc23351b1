//! `np.random.RandomState` (the functions under `np.random.*`): MT19937 with
//! NumPy's legacy seeding, the polar Gaussian with its cached second value,
//! masked bounded integers, and the 1.16-era `choice`/`shuffle`.

use super::bitgen::BitGen;
use super::choice::{self, Api, Draw, Population};
use super::dist::{self, Method};
use super::ints::{self, IntDType};
use super::mt19937::Mt19937;
use super::seed_sequence::SeedSequence;
use super::shape::{Param, Sample, Size, broadcast, broadcast_operands, numel, tuple_repr, walk};
use super::{Error, ErrorKind, Result};

/// What `np.random.seed(...)` was given.
#[derive(Clone, Debug, PartialEq)]
pub enum LegacySeed {
    /// `seed()` / `seed(None)`: fresh OS entropy.
    Entropy,
    /// An integer.
    Int(i128),
    /// An array-like of integers, with its shape.
    Array(Param<i128>),
}

/// NumPy's `RandomState`: the generator and the cached Gaussian.
#[derive(Clone, Debug)]
pub struct RandomState {
    mt: Mt19937,
    gauss: Option<f64>,
}

impl RandomState {
    /// `RandomState()`: seeded from OS entropy through a SeedSequence (the
    /// default generator of `np.random.*` before any `seed` call).
    pub fn from_entropy() -> RandomState {
        RandomState {
            mt: Mt19937::from_seed_sequence(&SeedSequence::from_entropy_or_clock()),
            gauss: None,
        }
    }

    /// `RandomState(seed)` for an integer seed.
    pub fn from_seed_int(seed: i128) -> Result<RandomState> {
        let mut rs = RandomState::from_entropy();
        rs.seed(&LegacySeed::Int(seed))?;
        Ok(rs)
    }

    /// `seed(seed)`: NumPy's `_legacy_seeding`; also forgets the cached
    /// Gaussian. A failed call changes nothing.
    pub fn seed(&mut self, seed: &LegacySeed) -> Result<()> {
        let out_of_range = || Error::value("Seed must be between 0 and 2**32 - 1");
        let mt = match seed {
            LegacySeed::Entropy => {
                let mut mt = self.mt.clone();
                if let Some(seq) = SeedSequence::from_os_entropy() {
                    mt.reseed_from_entropy(&seq);
                }
                mt
            }
            LegacySeed::Int(n) => {
                let n = u32::try_from(*n).map_err(|_| out_of_range())?;
                Mt19937::from_legacy_seed(n)
            }
            LegacySeed::Array(a) => {
                if a.data.is_empty() {
                    return Err(Error::value("Seed must be non-empty"));
                }
                if a.shape.len() != 1 {
                    return Err(Error::value("Seed array must be 1-d"));
                }
                let words = a
                    .data
                    .iter()
                    .map(|&x| u32::try_from(x).map_err(|_| out_of_range()))
                    .collect::<Result<Vec<u32>>>()?;
                Mt19937::from_key_array(&words)
            }
        };
        self.mt = mt;
        self.gauss = None;
        Ok(())
    }

    /// `random_sample(size)` (also `random`, `rand`): doubles in [0, 1).
    pub fn random_sample(&mut self, size: &Size) -> Sample<f64> {
        fill(size, || self.mt.next_double())
    }

    /// `standard_normal(size)` (also `randn`): the polar method.
    pub fn standard_normal(&mut self, size: &Size) -> Sample<f64> {
        fill(size, || dist::legacy_gauss(&mut self.mt, &mut self.gauss))
    }

    /// `normal(loc, scale, size)`: `loc + scale * gauss`.
    pub fn normal(
        &mut self,
        loc: &Param<f64>,
        scale: &Param<f64>,
        size: &Size,
    ) -> Result<Sample<f64>> {
        check_non_negative(scale, "scale")?;
        let (mt, gauss) = (&mut self.mt, &mut self.gauss);
        cont2(size, loc, scale, |l, s| {
            l + s * dist::legacy_gauss(mt, gauss)
        })
    }

    /// `uniform(low, high, size)`: `low + (high - low) * U`; `low > high`
    /// is allowed, a non-finite range is an OverflowError.
    pub fn uniform(
        &mut self,
        low: &Param<f64>,
        high: &Param<f64>,
        size: &Size,
    ) -> Result<Sample<f64>> {
        let range = range_of(low, high, "Range exceeds valid bounds")?;
        let mt = &mut self.mt;
        cont2(size, low, &range, |l, r| dist::uniform(mt, l, r))
    }

    /// `randint(low, high=None, size, dtype)`: masked rejection.
    pub fn randint(
        &mut self,
        low: &Param<i128>,
        high: Option<&Param<i128>>,
        size: &Size,
        dtype: IntDType,
    ) -> Result<Sample<i64>> {
        ints::bounded(&mut self.mt, low, high, size, dtype, Method::Masked, false)
    }

    /// The order `shuffle` puts n items (or rows) in: `out[k] = x[order[k]]`
    /// (Fisher–Yates from the end with `random_interval`).
    pub fn shuffle_order(&mut self, n: usize) -> Vec<usize> {
        shuffle_order(&mut self.mt, n)
    }

    /// `permutation(n)` for an integer n (`arange(n)` shuffled; empty for
    /// n <= 0).
    pub fn permutation_int(&mut self, n: i64) -> Vec<i64> {
        let n = usize::try_from(n).unwrap_or(0);
        self.shuffle_order(n)
            .into_iter()
            .map(|i| i as i64)
            .collect()
    }

    /// `choice(a, size, replace, p)` as indices into `a` (or values of
    /// `range(a)`).
    pub fn choice(
        &mut self,
        pop: Population,
        size: &Size,
        replace: bool,
        p: Option<&Param<f64>>,
    ) -> Result<Sample<i64>> {
        choice::choose(self, Api::Legacy, pop, size, replace, p, true)
    }
}

impl Draw for RandomState {
    fn double(&mut self) -> f64 {
        self.mt.next_double()
    }

    fn below(&mut self, n: i64, shape: &[usize]) -> Result<Vec<i64>> {
        let all = Size::Shape(shape.to_vec());
        let high = Param::scalar(i128::from(n));
        Ok(self.randint(&high, None, &all, IntDType::Int64)?.data)
    }

    /// A permutation of `range(pop)`, cut to `count`.
    fn distinct(&mut self, pop: i64, count: usize, _shuffle: bool) -> Vec<i64> {
        let mut perm = self.permutation_int(pop);
        perm.truncate(count);
        perm
    }
}

/// Fisher–Yates as NumPy's shuffles run it: i from n-1 down to 1, swap
/// with `random_interval(i)`.
pub(super) fn shuffle_order<B: BitGen>(b: &mut B, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = dist::interval(b, i as u64) as usize;
        order.swap(i, j);
    }
    order
}

/// NumPy's `double_fill`/`cont` with no parameters.
pub(super) fn fill(size: &Size, mut f: impl FnMut() -> f64) -> Sample<f64> {
    match size {
        Size::Scalar => Sample::scalar(f()),
        Size::Shape(s) => Sample::array(s.clone(), (0..numel(s)).map(|_| f()).collect()),
    }
}

/// NumPy's `cont` with two parameters: the scalar path, or the broadcast
/// one (output shaped by `size` or by the parameters, which must broadcast
/// to exactly that shape).
pub(super) fn cont2(
    size: &Size,
    a: &Param<f64>,
    b: &Param<f64>,
    mut f: impl FnMut(f64, f64) -> f64,
) -> Result<Sample<f64>> {
    if a.is_scalar() && b.is_scalar() {
        let (x, y) = (a.data[0], b.data[0]);
        return Ok(fill(size, || f(x, y)));
    }
    let out = match size {
        Size::Shape(s) => s.clone(),
        Size::Scalar => broadcast(&[&a.shape, &b.shape])?,
    };
    let it = broadcast(&[&out, &a.shape, &b.shape])?;
    if it != out {
        return Err(Error::value(format!(
            "Output size {} is not compatible with broadcast dimensions of inputs {}.",
            tuple_repr(&out),
            tuple_repr(&it)
        )));
    }
    let n = numel(&out);
    let mut data = Vec::with_capacity(n);
    walk(&out, &[&a.shape, &b.shape], n, |o| {
        data.push(f(a.data[o[0]], b.data[o[1]]))
    });
    Ok(Sample::array(out, data))
}

/// NumPy's `CONS_NON_NEGATIVE`: any non-NaN value with its sign bit set
/// (so -0.0 too) is `name < 0`.
pub(super) fn check_non_negative(x: &Param<f64>, name: &str) -> Result<()> {
    if x.data.iter().any(|v| !v.is_nan() && v.is_sign_negative()) {
        return Err(Error::value(format!("{name} < 0")));
    }
    Ok(())
}

/// `high - low` for `uniform`, broadcast as `np.subtract` does, with the
/// OverflowError NumPy raises for a non-finite range. `scalar_msg` is the
/// message of the all-scalar path (the array path always says
/// "Range exceeds valid bounds").
pub(super) fn range_of(
    low: &Param<f64>,
    high: &Param<f64>,
    scalar_msg: &str,
) -> Result<Param<f64>> {
    let overflow = |m: &str| Error::new(ErrorKind::OverflowError, m);
    if low.is_scalar() && high.is_scalar() {
        let r = high.data[0] - low.data[0];
        if !r.is_finite() {
            return Err(overflow(scalar_msg));
        }
        return Ok(Param::scalar(r));
    }
    let shape = broadcast_operands(&high.shape, &low.shape)?;
    let mut data = Vec::with_capacity(numel(&shape));
    walk(&shape, &[&high.shape, &low.shape], numel(&shape), |o| {
        data.push(high.data[o[0]] - low.data[o[1]]);
    });
    if data.iter().any(|r| !r.is_finite()) {
        return Err(overflow("Range exceeds valid bounds"));
    }
    Ok(Param { shape, data })
}
