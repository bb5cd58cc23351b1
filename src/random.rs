//! NumPy's random numbers, bit for bit: the legacy `np.random.*` functions
//! (`RandomState` on MT19937 with NumPy's seeding and its polar Gaussian)
//! and the `Generator` API (`default_rng`: SeedSequence + PCG64, the
//! ziggurat normal, Lemire's bounded integers). A leaf module: it knows
//! nothing of values, evaluation or printing. Samplers take NumPy's
//! arguments as plain data ([`Param`], [`Size`]) and return a [`Sample`]
//! (values in C order and the shape NumPy returns, or a scalar), or
//! NumPy's exception kind and message.
//!
//! Ported from NumPy 2.4's `numpy/random` (BSD-3-Clause): `mtrand.pyx`,
//! `_generator.pyx`, `_bounded_integers.pyx.in`, `_common.pyx`,
//! `bit_generator.pyx`, `src/distributions/*.c`, `src/mt19937`,
//! `src/pcg64`, `src/legacy`.
//!
//! ```
//! use gradlab::random::{Generator, RandomState, Size};
//! let mut rs = RandomState::from_seed_int(0).unwrap();
//! assert_eq!(rs.random_sample(&Size::Scalar).data, [0.5488135039273248]);
//! let mut rng = Generator::from_seed_ints(&[42]);
//! assert_eq!(rng.random(&Size::Scalar).data, [0.7739560485559633]);
//! ```

mod bitgen;
mod choice;
mod dist;
mod generator;
mod ints;
mod legacy;
mod mt19937;
mod pcg64;
mod seed_sequence;
mod shape;
mod ziggurat;

pub use bitgen::BitGen;
pub use choice::Population;
pub use generator::Generator;
pub use ints::IntDType;
pub use legacy::{LegacySeed, RandomState};
pub use mt19937::Mt19937;
pub use pcg64::Pcg64;
pub use seed_sequence::SeedSequence;
pub use shape::{Param, Sample, Size, broadcast, numel, tuple_repr};

/// The Python exception class of a [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    ValueError,
    TypeError,
    OverflowError,
    IndexError,
}

impl crate::array::ExceptionClass for ErrorKind {
    fn name(self) -> &'static str {
        match self {
            ErrorKind::ValueError => "ValueError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::OverflowError => "OverflowError",
            ErrorKind::IndexError => "IndexError",
        }
    }
}

/// NumPy's exception for bad arguments: its class and exact message.
pub type Error = crate::array::PyError<ErrorKind>;

impl Error {
    fn value(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::ValueError, message)
    }
}

/// The result of a sampler.
pub type Result<T> = std::result::Result<T, Error>;
