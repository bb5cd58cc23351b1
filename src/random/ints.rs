//! Bounded random integers of every integer dtype: NumPy's
//! `_bounded_integers.pyx.in` (`_rand_int64` and friends), shared by
//! `RandomState.randint` (masked rejection) and `Generator.integers`
//! (Lemire's method).

use super::bitgen::BitGen;
use super::dist::{Buffer, Method, bounded_small, bounded_u64};
use super::shape::{Param, Sample, Size, broadcast, broadcast_operands, numel, walk};
use super::{Error, Result};

/// The integer dtypes NumPy's samplers can return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntDType {
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
}

impl IntDType {
    /// NumPy's name (`int64`, `bool`).
    pub fn name(self) -> &'static str {
        match self {
            IntDType::Bool => "bool",
            IntDType::Int8 => "int8",
            IntDType::Int16 => "int16",
            IntDType::Int32 => "int32",
            IntDType::Int64 => "int64",
            IntDType::UInt8 => "uint8",
            IntDType::UInt16 => "uint16",
            IntDType::UInt32 => "uint32",
            IntDType::UInt64 => "uint64",
        }
    }

    fn bits(self) -> u32 {
        match self {
            IntDType::Bool => 1,
            IntDType::Int8 | IntDType::UInt8 => 8,
            IntDType::Int16 | IntDType::UInt16 => 16,
            IntDType::Int32 | IntDType::UInt32 => 32,
            IntDType::Int64 | IntDType::UInt64 => 64,
        }
    }

    fn signed(self) -> bool {
        matches!(
            self,
            IntDType::Int8 | IntDType::Int16 | IntDType::Int32 | IntDType::Int64
        )
    }

    /// The smallest and largest value of the dtype.
    fn bounds(self) -> (i128, i128) {
        let bits = self.bits();
        if self.signed() {
            (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
        } else {
            (0, (1i128 << bits) - 1)
        }
    }

    /// The value of the dtype whose two's-complement bits are the low
    /// `bits` of `raw`, as an i64 (a uint64 above 2**63 keeps its bits).
    fn value_of_bits(self, raw: u64) -> i64 {
        let bits = self.bits();
        if bits == 64 || !self.signed() {
            return raw as i64;
        }
        let shift = 64 - bits;
        ((raw << shift) as i64) >> shift
    }
}

/// NumPy's `format_bounds_error`: `high <= 0` when every low is 0 (the
/// one-argument call), else `low >= high` (`<`/`>` when `closed`).
fn bounds_error(closed: bool, any_low_nonzero: bool) -> Error {
    Error::value(match (any_low_nonzero, closed) {
        (false, false) => "high <= 0",
        (false, true) => "high < 0",
        (true, false) => "low >= high",
        (true, true) => "low > high",
    })
}

/// `_rand_<dtype>(low, high, size, use_masked, closed)`: integers uniform in
/// [low, high) (or [low, high] when `closed`), values as i64 (for
/// `uint64`, the bits). Bounds are Python ints already truncated from any
/// float input; `high: None` is the one-argument call, [0, low).
pub fn bounded<B: BitGen>(
    b: &mut B,
    low: &Param<i128>,
    high: Option<&Param<i128>>,
    size: &Size,
    dtype: IntDType,
    method: Method,
    closed: bool,
) -> Result<Sample<i64>> {
    let zero = Param::scalar(0);
    let (low, high) = match high {
        Some(h) => (low, h),
        None => (&zero, low),
    };
    if let Size::Shape(s) = size
        && numel(s) == 0
    {
        return Ok(Sample::array(s.clone(), Vec::new()));
    }
    let (lb, ub) = dtype.bounds();
    let name = dtype.name();
    let open = i128::from(!closed);
    let wide = dtype.bits() == 64;
    if low.data.iter().any(|&l| l < lb || (wide && l > ub)) {
        return Err(Error::value(format!("low is out of bounds for {name}")));
    }
    if high.data.iter().any(|&h| h - open > ub) {
        return Err(Error::value(format!("high is out of bounds for {name}")));
    }
    let mut buf = Buffer::default();
    let mask = if wide {
        u64::MAX
    } else {
        (1u64 << dtype.bits()) - 1
    };
    let mut draw = |b: &mut B, lo: i128, hi: i128| -> i64 {
        // off and rng in the dtype's unsigned type; the sum wraps there.
        let rng = (hi - open - lo) as u64;
        let off = (lo as u64) & mask;
        let raw = match dtype.bits() {
            64 | 32 => bounded_u64(b, off, rng, method) & mask,
            bits => bounded_small(b, &mut buf, bits, off, rng, method),
        };
        dtype.value_of_bits(raw)
    };
    let any_low = low.data.iter().any(|&l| l != 0);
    if low.is_scalar() && high.is_scalar() {
        let (lo, hi) = (low.data[0], high.data[0]);
        if lo > hi - open {
            return Err(bounds_error(closed, any_low));
        }
        return Ok(match size {
            Size::Scalar => Sample::scalar(draw(b, lo, hi)),
            Size::Shape(s) => {
                let data = (0..numel(s)).map(|_| draw(b, lo, hi)).collect();
                Sample::array(s.clone(), data)
            }
        });
    }
    // `np.any(low >= high)` is a ufunc: its broadcasting message.
    let shape = broadcast_operands(&low.shape, &high.shape)?;
    let count = shape.iter().product::<usize>();
    let mut bad = false;
    walk(&shape, &[&low.shape, &high.shape], count, |o| {
        bad |= low.data[o[0]] > high.data[o[1]] - open;
    });
    if bad {
        return Err(bounds_error(closed, any_low));
    }
    let out_shape = match size {
        Size::Shape(s) => s.clone(),
        Size::Scalar => shape,
    };
    // NumPy iterates broadcast(low, high, out) without checking that it is
    // the output's shape; the output takes the first elements.
    let iter_shape = broadcast(&[&low.shape, &high.shape, &out_shape])?;
    let n = numel(&out_shape);
    let mut data = Vec::with_capacity(n);
    walk(&iter_shape, &[&low.shape, &high.shape], n, |o| {
        data.push(draw(b, low.data[o[0]], high.data[o[1]]));
    });
    Ok(Sample::array(out_shape, data))
}
