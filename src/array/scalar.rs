//! One element of any dtype (a NumPy scalar's value).

use super::dtype::DType;
use super::element::{Complex128, Element};

/// A value of one of the dtypes, e.g. what `a[0]` or `a.item()` reads.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int8(i8),
    Int16(i16),
    Int32(i32),
    Int64(i64),
    UInt8(u8),
    UInt16(u16),
    UInt32(u32),
    UInt64(u64),
    Float32(f32),
    Float64(f64),
    Complex128(Complex128),
}

/// A scalar widened to its kind's widest Rust type: what casts start from.
#[derive(Clone, Copy, Debug)]
pub(super) enum Num {
    B(bool),
    I(i64),
    U(u64),
    F(f64),
    C(Complex128),
}

impl Scalar {
    /// The scalar's dtype.
    pub fn dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::Int8(_) => DType::Int8,
            Scalar::Int16(_) => DType::Int16,
            Scalar::Int32(_) => DType::Int32,
            Scalar::Int64(_) => DType::Int64,
            Scalar::UInt8(_) => DType::UInt8,
            Scalar::UInt16(_) => DType::UInt16,
            Scalar::UInt32(_) => DType::UInt32,
            Scalar::UInt64(_) => DType::UInt64,
            Scalar::Float32(_) => DType::Float32,
            Scalar::Float64(_) => DType::Float64,
            Scalar::Complex128(_) => DType::Complex128,
        }
    }

    pub(super) fn num(self) -> Num {
        match self {
            Scalar::Bool(b) => Num::B(b),
            Scalar::Int8(x) => Num::I(x.into()),
            Scalar::Int16(x) => Num::I(x.into()),
            Scalar::Int32(x) => Num::I(x.into()),
            Scalar::Int64(x) => Num::I(x),
            Scalar::UInt8(x) => Num::U(x.into()),
            Scalar::UInt16(x) => Num::U(x.into()),
            Scalar::UInt32(x) => Num::U(x.into()),
            Scalar::UInt64(x) => Num::U(x),
            Scalar::Float32(x) => Num::F(x.into()),
            Scalar::Float64(x) => Num::F(x),
            Scalar::Complex128(z) => Num::C(z),
        }
    }

    /// The value as element type `T`, cast with NumPy's `astype` rules.
    pub fn get<T: Element>(self) -> T {
        T::from_scalar(self)
    }

    /// The value cast to `dtype` with NumPy's `astype` (unsafe) rules.
    pub fn cast(self, dtype: DType) -> Scalar {
        crate::dispatch!(dtype, T => T::from_scalar(self).to_scalar())
    }

    /// The value as float64 (`float(x)`; complex drops the imaginary part).
    pub fn as_f64(self) -> f64 {
        self.get::<f64>()
    }

    /// A 0-d array holding the value.
    pub fn to_array(self) -> super::Array {
        super::Array::scalar(self)
    }

    /// Python truthiness: nonzero (either part, for complex).
    pub fn is_nonzero(self) -> bool {
        self.get::<bool>()
    }
}
