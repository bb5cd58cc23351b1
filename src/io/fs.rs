//! Opening, reading and atomically writing files, with Python's errors.

use super::parse::py_str_repr;
use super::{Error, IoErrorKind};
use std::io::{self, BufWriter, Write};
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
    // Wrapped errors (tempfile adds the path) lose the errno: recover it.
    let errno = e.raw_os_error().or(match e.kind() {
        io::ErrorKind::NotFound => Some(libc::ENOENT),
        io::ErrorKind::PermissionDenied => Some(libc::EACCES),
        io::ErrorKind::IsADirectory => Some(libc::EISDIR),
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

/// The whole file as UTF-8 text (NumPy's default `encoding=None` here).
pub(crate) fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| os_error(&e, path, Missing::DataSource))?;
    String::from_utf8(bytes).map_err(|e| {
        let err = e.utf8_error();
        let pos = err.valid_up_to();
        let byte = e.as_bytes()[pos];
        let reason = match err.error_len() {
            None => "unexpected end of data",
            Some(_) if (0x80..0xc2).contains(&byte) || byte >= 0xf5 => "invalid start byte",
            Some(_) => "invalid continuation byte",
        };
        Error::new(
            IoErrorKind::UnicodeDecodeError,
            format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: {reason}"),
        )
    })
}

/// Writes `path` atomically: `write` fills a temporary file in the same
/// directory, which then replaces `path` (so readers never see half a file
/// and a failure leaves the old file untouched).
pub(crate) fn atomic_write(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut std::fs::File>) -> Result<(), Error>,
) -> Result<(), Error> {
    let open_err = |e: &io::Error| os_error(e, path, Missing::Open);
    if path.is_dir() {
        let e = io::Error::from_raw_os_error(libc::EISDIR);
        return Err(open_err(&e));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".gradlab-")
        .suffix(".tmp")
        // 0666 less the umask, like a file NumPy creates (tempfile's 0600
        // would survive the rename)
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(|e| open_err(&e))?;
    {
        let mut w = BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        write(&mut w)?;
        w.flush().map_err(|e| open_err(&e))?;
    }
    tmp.persist(path).map_err(|e| open_err(&e.error))?;
    Ok(())
}

/// `write_all` with the error mapped for `path`.
pub(crate) fn put(w: &mut impl Write, bytes: &[u8], path: &Path) -> Result<(), Error> {
    w.write_all(bytes)
        .map_err(|e| os_error(&e, path, Missing::Open))
}
