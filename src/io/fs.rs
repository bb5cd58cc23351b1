//! Opening files and reporting OS errors as Python does.

use super::parse::py_str_repr;
use super::{Error, IoErrorKind};
use std::fs::File;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// How a missing file is reported: NumPy's text readers go through
/// `np.lib._datasource` (`x.csv not found.`), `np.load`/`np.save` through
/// `open` (`[Errno 2] No such file or directory: 'x.npy'`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Missing {
    DataSource,
    Open,
}

/// Python's `OSError` subclass and `[Errno N] strerror: 'path'` message.
pub(crate) fn os_error(e: &io::Error, path: &Path, missing: Missing) -> Error {
    let shown = path.to_string_lossy();
    // Errors made from a kind alone have no errno: recover it.
    let errno = e.raw_os_error().or(match e.kind() {
        io::ErrorKind::NotFound => Some(libc::ENOENT),
        io::ErrorKind::PermissionDenied => Some(libc::EACCES),
        io::ErrorKind::IsADirectory => Some(libc::EISDIR),
        io::ErrorKind::NotADirectory => Some(libc::ENOTDIR),
        io::ErrorKind::ReadOnlyFilesystem => Some(libc::EROFS),
        io::ErrorKind::StorageFull => Some(libc::ENOSPC),
        _ => None,
    });
    let Some(errno) = errno else {
        return Error::new(
            IoErrorKind::OSError,
            format!("{e}: {}", py_str_repr(&shown)),
        );
    };
    let kind = match errno {
        libc::ENOENT => IoErrorKind::FileNotFoundError,
        libc::EACCES | libc::EPERM => IoErrorKind::PermissionError,
        libc::EISDIR => IoErrorKind::IsADirectoryError,
        libc::ENOTDIR => IoErrorKind::NotADirectoryError,
        _ => IoErrorKind::OSError,
    };
    if errno == libc::ENOENT && missing == Missing::DataSource {
        return Error::new(kind, format!("{shown} not found."));
    }
    // Rust's message is "<strerror> (os error N)".
    let text = io::Error::from_raw_os_error(errno).to_string();
    let strerror = text
        .strip_suffix(&format!(" (os error {errno})"))
        .unwrap_or(&text);
    Error::new(
        kind,
        format!("[Errno {errno}] {strerror}: {}", py_str_repr(&shown)),
    )
}

/// Opens an input file for NumPy's text readers; returns it with its size
/// in bytes (0 when unknown, as for a FIFO).
///
/// # Errors
/// `x.csv not found.` (`FileNotFoundError`, also for a path with a NUL, as
/// NumPy's `_datasource` says), `IsADirectoryError`, other OS errors.
pub(crate) fn open_input(path: &Path) -> Result<(File, u64), Error> {
    let err = |e: &io::Error| os_error(e, path, Missing::DataSource);
    if path.as_os_str().as_bytes().contains(&0) {
        return Err(err(&io::Error::from_raw_os_error(libc::ENOENT)));
    }
    let file = File::open(path).map_err(|e| err(&e))?;
    let meta = file.metadata().map_err(|e| err(&e))?;
    if meta.is_dir() {
        return Err(err(&io::Error::from_raw_os_error(libc::EISDIR)));
    }
    Ok((file, if meta.is_file() { meta.len() } else { 0 }))
}

/// The whole of `path`, as Python's `open(path, 'rb').read()` fails:
/// `[Errno 2] No such file or directory: 'x.csv'` and the other OS errors
/// with their class (what the pandas and matplotlib readers raise).
///
/// # Errors
/// [`os_error`] with [`Missing::Open`].
pub fn read_bytes(path: impl AsRef<Path>) -> Result<Vec<u8>, Error> {
    let path = path.as_ref();
    std::fs::read(path).map_err(|e| os_error(&e, path, Missing::Open))
}
