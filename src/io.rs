//! Data files the way NumPy 2.x reads and writes them: `np.loadtxt`,
//! `np.genfromtxt`, `np.savetxt`, `np.load` / `np.save` (`.npy`).
//!
//! Pure library code: paths in, [`Array`]s out (or the reverse), NumPy's
//! exception class and message on failure, warnings returned as data.
//!
//! ```no_run
//! use gradlab::io::{loadtxt, LoadTxtOptions};
//! let opts = LoadTxtOptions { delimiter: Some(",".into()), ..Default::default() };
//! let loaded = loadtxt("data.csv", &opts).unwrap();
//! println!("{:?} {:?}", loaded.array.shape(), loaded.warnings);
//! ```
//!
//! # Files
//! * A missing input file is NumPy's `FileNotFoundError`: `x.csv not found.`
//!   for the text readers, `[Errno 2] No such file or directory: 'x.npy'`
//!   for [`load_npy`]; other OS errors are `[Errno N] message: 'path'` with
//!   Python's class (`PermissionError`, `IsADirectoryError`, `OSError`).
//! * Text is UTF-8 (NumPy's default encoding here); invalid bytes are a
//!   `UnicodeDecodeError`.
//! * Every write in gradlab ([`savetxt`], [`save_npy`], and the front
//!   ends' `:save`, `:export`, `--bless`, `export -o`) goes through
//!   [`write_file`]: a regular file is replaced atomically (synced, its
//!   permissions kept, no temporary file left behind), a symbolic link
//!   writes to its target, and devices, FIFOs and `/proc/self/fd/N` are
//!   written through as NumPy does.
//! * Text readers stream the file (memory holds the result and one chunk),
//!   and every buffer grows through [`crate::memory`]'s cap: a huge file or
//!   an endless one (a FIFO fed from `/dev/zero`) is a `MemoryError`.
//!
//! # Performance
//! `cargo bench --bench io` vs `python3 tests/bench/io_numpy.py` (same
//! files; a shared 2-core machine, so ±15 %): `loadtxt` of a 10^6 × 3 CSV
//! 1.5 s vs NumPy 1.7 s; `load_npy` of 10^7 float64 150 ms vs 85 ms;
//! `save_npy` 225 ms vs 87 ms (the atomic rename replaces the old file).
//! `load_npy` of 10^8 float64 raises peak memory by exactly the data size
//! (test `load_npy_uses_one_copy_of_the_data`).
//!
//! [`Array`]: crate::array::Array

mod fs;
mod genfromtxt;
mod loadtxt;
mod npy;
pub(crate) mod parse;
mod printf;
mod savetxt;
mod text;
mod write;

pub use fs::read_bytes;
pub use genfromtxt::{GenFromTxtOptions, genfromtxt};
pub use loadtxt::{LoadTxtOptions, loadtxt};
pub use npy::{load_npy, load_npy_with_warnings, save_npy};
pub use savetxt::{SaveFmt, SaveTxtOptions, savetxt, savetxt_string};
pub use write::{Sink, write_bytes, write_file};

use crate::array::Array;

/// The Python exception class of an [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IoErrorKind {
    ValueError,
    AttributeError,
    TypeError,
    FileNotFoundError,
    PermissionError,
    IsADirectoryError,
    NotADirectoryError,
    OSError,
    EOFError,
    OverflowError,
    UnicodeDecodeError,
    MemoryError,
}

impl IoErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            IoErrorKind::ValueError => "ValueError",
            IoErrorKind::AttributeError => "AttributeError",
            IoErrorKind::TypeError => "TypeError",
            IoErrorKind::FileNotFoundError => "FileNotFoundError",
            IoErrorKind::PermissionError => "PermissionError",
            IoErrorKind::IsADirectoryError => "IsADirectoryError",
            IoErrorKind::NotADirectoryError => "NotADirectoryError",
            IoErrorKind::OSError => "OSError",
            IoErrorKind::EOFError => "EOFError",
            IoErrorKind::OverflowError => "OverflowError",
            IoErrorKind::UnicodeDecodeError => "UnicodeDecodeError",
            IoErrorKind::MemoryError => "MemoryError",
        }
    }
}

impl crate::array::ExceptionClass for IoErrorKind {
    fn name(self) -> &'static str {
        IoErrorKind::name(self)
    }
}

/// A failed read or write: NumPy's exception class and message.
pub type Error = crate::array::PyError<IoErrorKind>;

impl Error {
    pub fn value(message: impl Into<String>) -> Error {
        Error::new(IoErrorKind::ValueError, message)
    }
}

/// `Ok` when an array of `shape` fits under the memory cap
/// ([`crate::memory::reserve`]), else NumPy's `MemoryError`.
pub(crate) fn reserve_array(shape: &[usize], itemsize: usize, dtype: &str) -> Result<(), Error> {
    let bytes = shape
        .iter()
        .try_fold(itemsize, |acc, &d| acc.checked_mul(d))
        .unwrap_or(usize::MAX);
    crate::memory::reserve(bytes).map_err(|_| {
        Error::new(
            IoErrorKind::MemoryError,
            crate::memory::array_message(bytes, shape, dtype),
        )
    })
}

/// A Python warning raised while reading (shown, not fatal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// e.g. `UserWarning`.
    pub category: &'static str,
    pub message: String,
}

/// An array read from a file, with any warnings NumPy would print.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub array: Array,
    pub warnings: Vec<Warning>,
}
