//! The one way gradlab writes a file (`np.save`, `np.savetxt`, `:save`,
//! `:export`, `--bless`, `export -o`, the history file).
//!
//! It writes what the user asked, where they asked, as NumPy's
//! `open(path, "w")` would reach it, and never leaves a half-written file:
//! * A regular file (new, or existing with one link) is replaced
//!   atomically: the data goes to an unnamed file in the target's directory
//!   (`O_TMPFILE`, so a `kill -9` mid-write leaves nothing behind), which is
//!   synced, given a name beside the target and renamed over it; the
//!   directory is synced after. An existing file keeps its permissions and
//!   owner. Where `O_TMPFILE` is unsupported the temporary file is named
//!   `NAME.gradlab-PID.tmp` beside the target and a later write to the
//!   same target removes any left by a process that no longer runs.
//! * A symbolic link writes to the file it points to (the link stays).
//! * Anything else is opened and written through, as NumPy does: devices,
//!   FIFOs, terminals, `/proc/self/fd/N`, a file with several hard links, a
//!   file owned by another user, or a writable file in a directory the
//!   user cannot write.
//!
//! Errors are Python's `OSError`s naming the path as given:
//! `PermissionError: [Errno 13] Permission denied: 'out.csv'`.

use super::fs::{Missing, os_error};
use super::{Error, IoErrorKind};
use std::ffi::CString;
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// What [`write_file`]'s callback writes into (buffered).
pub type Sink = BufWriter<File>;

/// Writes the bytes `fill` produces to `path` (see the module docs for
/// where they land and how).
///
/// # Errors
/// `ValueError: embedded null byte` for a path with a NUL; the OS errors of
/// opening, writing and renaming, naming `path`; whatever `fill` returns.
/// On any error the target is unchanged (unless written through).
pub fn write_file(
    path: impl AsRef<Path>,
    fill: impl FnOnce(&mut Sink) -> Result<(), Error>,
) -> Result<(), Error> {
    let path = path.as_ref();
    if path.as_os_str().as_bytes().contains(&0) {
        return Err(Error::value("embedded null byte"));
    }
    let err = |e: &io::Error| os_error(e, path, Missing::Open);
    match target(path).map_err(|e| err(&e))? {
        Target::Through => write_through(path, fill),
        Target::Replace(real, old) => {
            let dir = match real.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            let name = real
                .file_name()
                .ok_or_else(|| err(&io::Error::from_raw_os_error(libc::EISDIR)))?;
            match Temp::create(dir, name) {
                Ok(temp) => replace(path, &real, dir, old.as_ref(), temp, fill),
                // No right to add a file beside it, but perhaps to write it.
                Err(e) if old.is_some() && is_denied(&e) => write_through(path, fill),
                Err(e) => Err(err(&e)),
            }
        }
    }
}

/// [`write_file`] of a byte string.
///
/// # Errors
/// As [`write_file`].
pub fn write_bytes(path: impl AsRef<Path>, bytes: &[u8]) -> Result<(), Error> {
    let path = path.as_ref();
    write_file(path, |w| put(w, bytes, path))
}

/// `write_all` with the error mapped for `path`.
pub(crate) fn put(w: &mut impl Write, bytes: &[u8], path: &Path) -> Result<(), Error> {
    w.write_all(bytes)
        .map_err(|e| os_error(&e, path, Missing::Open))
}

enum Target {
    /// Open the path and write into it.
    Through,
    /// Replace this file (the end of any chain of links), which exists with
    /// this metadata or not at all.
    Replace(PathBuf, Option<Metadata>),
}

fn target(path: &Path) -> io::Result<Target> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(io::Error::from_raw_os_error(libc::EISDIR)),
        Ok(m) if !m.is_file() || m.nlink() > 1 => Ok(Target::Through),
        // SAFETY: geteuid has no preconditions.
        Ok(m) if m.uid() != unsafe { libc::geteuid() } && unsafe { libc::geteuid() } != 0 => {
            // A replacement would belong to us, not to the file's owner.
            Ok(Target::Through)
        }
        Ok(m) => {
            let (real, via_proc) = resolve_links(path)?;
            // `/proc/self/fd/N` names an open file (perhaps one no path
            // names any more): write into that file, as NumPy would.
            match std::fs::symlink_metadata(&real) {
                Ok(r) if !via_proc && r.dev() == m.dev() && r.ino() == m.ino() => {
                    Ok(Target::Replace(real, Some(m)))
                }
                _ => Ok(Target::Through),
            }
        }
        // A dangling link creates the file it names, as `open` does.
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Ok(Target::Replace(resolve_links(path)?.0, None))
        }
        Err(e) => Err(e),
    }
}

/// The path at the end of `path`'s chain of symbolic links, and whether
/// the chain passes through `/proc` (whose links are not paths).
fn resolve_links(path: &Path) -> io::Result<(PathBuf, bool)> {
    let mut p = path.to_path_buf();
    let mut via_proc = false;
    for _ in 0..40 {
        via_proc |= p.starts_with("/proc");
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok((p, via_proc)),
        }
    }
    Err(io::Error::from_raw_os_error(libc::ELOOP))
}

fn is_denied(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EACCES | libc::EPERM))
}

/// Opens `path` like Python's `open(path, "w")` and writes into it.
fn write_through(
    path: &Path,
    fill: impl FnOnce(&mut Sink) -> Result<(), Error>,
) -> Result<(), Error> {
    let err = |e: &io::Error| os_error(e, path, Missing::Open);
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o666)
        .open(path)
        .map_err(|e| err(&e))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    fill(&mut w)?;
    w.flush().map_err(|e| err(&e))
}

/// Fills `temp`, syncs it and renames it over `real` (`path` as given,
/// for errors), keeping `old`'s owner and permissions.
fn replace(
    path: &Path,
    real: &Path,
    dir: &Path,
    old: Option<&Metadata>,
    temp: Temp,
    fill: impl FnOnce(&mut Sink) -> Result<(), Error>,
) -> Result<(), Error> {
    let err = |e: &io::Error| os_error(e, path, Missing::Open);
    if let Some(m) = old {
        // Best effort: only root may give a file to someone else.
        let _ = std::os::unix::fs::fchown(&temp.file, Some(m.uid()), Some(m.gid()));
        temp.file
            .set_permissions(m.permissions())
            .map_err(|e| err(&e))?;
    }
    let mut w = BufWriter::with_capacity(1 << 20, temp.file.try_clone().map_err(|e| err(&e))?);
    fill(&mut w)?;
    w.flush().map_err(|e| err(&e))?;
    drop(w);
    temp.file.sync_all().map_err(|e| err(&e))?;
    temp.rename_to(real).map_err(|e| err(&e))?;
    // The rename is durable once the directory is; a file system that
    // cannot sync directories still renamed.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A temporary file in the target's directory: unnamed (`O_TMPFILE`) where
/// the file system allows, else `NAME.gradlab-PID.tmp`. Dropped unrenamed,
/// it disappears.
struct Temp {
    file: File,
    dir: PathBuf,
    /// The target's file name, for the temporary name.
    target: std::ffi::OsString,
    /// The name of a named temporary file (`None` while unnamed).
    named: Option<PathBuf>,
}

impl Temp {
    fn create(dir: &Path, target: &std::ffi::OsStr) -> io::Result<Temp> {
        let unnamed = OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_TMPFILE)
            .mode(0o666)
            .open(dir);
        let temp = |file, named| Temp {
            file,
            dir: dir.to_path_buf(),
            target: target.to_owned(),
            named,
        };
        match unnamed {
            Ok(file) => Ok(temp(file, None)),
            // EOPNOTSUPP/EISDIR/EINVAL: no O_TMPFILE on this file system.
            Err(e) if is_denied(&e) || e.raw_os_error() == Some(libc::ENOENT) => Err(e),
            Err(_) => {
                remove_stale(dir, target);
                let name = temp_name(dir, target);
                let file = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o666)
                    .open(&name)?;
                Ok(temp(file, Some(name)))
            }
        }
    }

    /// Gives the file its name: links an unnamed file into the directory
    /// under a temporary name, then renames that over `real`.
    fn rename_to(mut self, real: &Path) -> io::Result<()> {
        if self.named.is_none() {
            let name = temp_name(&self.dir, &self.target);
            link_fd(&self.file, &name)?;
            self.named = Some(name);
        }
        let name = self.named.as_ref().expect("named above");
        std::fs::rename(name, real)?;
        self.named = None;
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(name) = &self.named {
            let _ = std::fs::remove_file(name);
        }
    }
}

fn temp_prefix(target: &std::ffi::OsStr) -> Vec<u8> {
    let mut p = target.as_bytes().to_vec();
    p.extend_from_slice(b".gradlab-");
    p
}

fn temp_name(dir: &Path, target: &std::ffi::OsStr) -> PathBuf {
    let mut name = temp_prefix(target);
    name.extend_from_slice(format!("{}.tmp", std::process::id()).as_bytes());
    dir.join(std::ffi::OsStr::from_bytes(&name))
}

/// Removes `NAME.gradlab-PID.tmp` files beside the target left by
/// processes that no longer run (killed mid-write).
fn remove_stale(dir: &Path, target: &std::ffi::OsStr) {
    let prefix = temp_prefix(target);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name
            .as_bytes()
            .strip_prefix(prefix.as_slice())
            .and_then(|rest| rest.strip_suffix(b".tmp"))
            .and_then(|pid| std::str::from_utf8(pid).ok()?.parse::<libc::pid_t>().ok());
        if let Some(pid) = pid
            && pid > 0
            && !process_runs(pid)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn process_runs(pid: libc::pid_t) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Links the unnamed file `file` into the file system as `name`.
fn link_fd(file: &File, name: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let from =
        CString::new(format!("/proc/self/fd/{}", file.as_raw_fd())).expect("no NUL in a number");
    let to = CString::new(name.as_os_str().as_bytes())
        .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
    // SAFETY: both paths are valid NUL-terminated strings.
    let r = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

impl From<Error> for io::Error {
    /// For front ends that report `std::io::Error`s: Python's message
    /// (which names the path) and the closest kind.
    fn from(e: Error) -> io::Error {
        let kind = match e.kind {
            IoErrorKind::FileNotFoundError => io::ErrorKind::NotFound,
            IoErrorKind::PermissionError => io::ErrorKind::PermissionDenied,
            IoErrorKind::IsADirectoryError => io::ErrorKind::IsADirectory,
            IoErrorKind::ValueError => io::ErrorKind::InvalidInput,
            IoErrorKind::MemoryError => io::ErrorKind::OutOfMemory,
            _ => io::ErrorKind::Other,
        };
        io::Error::new(kind, e.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_temporary_files_of_dead_processes_are_removed() {
        let dir = std::env::temp_dir().join(format!("gradlab-write-stale-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = std::ffi::OsStr::new("data.npy");
        // pid_max is at most 2**22: no process has this id
        let dead = dir.join("data.npy.gradlab-99999999.tmp");
        let ours = temp_name(&dir, target);
        let other = dir.join("other.npy.gradlab-99999999.tmp");
        for f in [&dead, &ours, &other] {
            std::fs::write(f, "x").unwrap();
        }
        remove_stale(&dir, target);
        assert!(!dead.exists());
        assert!(ours.exists() && other.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_named_temporary_file_is_renamed_or_removed() {
        let dir = std::env::temp_dir().join(format!("gradlab-write-named-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = std::ffi::OsStr::new("t.txt");
        let name = temp_name(&dir, target);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&name)
            .unwrap();
        let temp = Temp {
            file,
            dir: dir.clone(),
            target: target.to_owned(),
            named: Some(name.clone()),
        };
        drop(temp);
        assert!(!name.exists(), "dropped unrenamed, it is removed");
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&name)
            .unwrap();
        let temp = Temp {
            file,
            dir: dir.clone(),
            target: target.to_owned(),
            named: Some(name.clone()),
        };
        temp.rename_to(&dir.join("t.txt")).unwrap();
        assert!(!name.exists() && dir.join("t.txt").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
