//! Persistent input history: one file in the user's data directory, in
//! rustyline's `#V2` format (one entry a line, `\n` and `\` escaped, so a
//! multi-line cell stays one entry). Each entry is appended and synced as it
//! is entered, so a crash loses at most the entry being written and never
//! truncates the file; the file is compacted (temp file + rename) at
//! start-up once it grows past twice the limit.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Entries kept.
pub const MAX_ENTRIES: usize = 10_000;
const HEADER: &str = "#V2";

/// The history file: `$GRADLAB_HISTORY`, else
/// `$XDG_DATA_HOME/gradlab/history`, else `~/.local/share/gradlab/history`.
pub fn default_path() -> Option<PathBuf> {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(p) = var("GRADLAB_HISTORY") {
        return Some(PathBuf::from(p));
    }
    let data = var("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|h| Path::new(&h).join(".local/share")))?;
    Some(data.join("gradlab").join("history"))
}

/// A history file being appended to.
#[derive(Debug)]
pub struct HistoryFile {
    path: PathBuf,
}

/// The entries of a history file, oldest first, and how many lines were
/// skipped because they are not valid UTF-8 (one bad byte loses its own
/// entry, never the others). A missing file has no entries.
///
/// # Errors
/// When the file exists but cannot be read.
pub fn read_entries_checked(path: &Path) -> std::io::Result<(Vec<String>, usize)> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    let mut skipped = 0;
    let mut entries = Vec::new();
    for raw in bytes.split(|&b| b == b'\n') {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        match std::str::from_utf8(raw) {
            Ok("") | Ok(HEADER) => {}
            Ok(line) => entries.push(unescape(line)),
            Err(_) => skipped += 1,
        }
    }
    Ok((entries, skipped))
}

/// [`read_entries_checked`], empty when the file cannot be read.
pub fn read_entries(path: &Path) -> (Vec<String>, usize) {
    read_entries_checked(path).unwrap_or_default()
}

impl HistoryFile {
    /// Opens (creating its directory) and reads the file: the last
    /// [`MAX_ENTRIES`] entries, oldest first, and how many lines were
    /// skipped as invalid UTF-8.
    pub fn open(path: PathBuf) -> std::io::Result<(HistoryFile, Vec<String>, usize)> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let (mut entries, skipped) = read_entries_checked(&path)?;
        let file = HistoryFile { path };
        if entries.len() > MAX_ENTRIES {
            let total = entries.len();
            entries.drain(..total - MAX_ENTRIES);
            if total > 2 * MAX_ENTRIES {
                file.rewrite(&entries)?;
            }
        }
        Ok((file, entries, skipped))
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one entry and syncs it to disk.
    pub fn append(&self, entry: &str) -> std::io::Result<()> {
        let mut f = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        let mut line = String::new();
        if f.metadata()?.len() == 0 {
            line.push_str(HEADER);
            line.push('\n');
        }
        line.push_str(&escape(entry));
        line.push('\n');
        // One write: concurrent sessions interleave whole entries.
        f.write_all(line.as_bytes())?;
        f.sync_data()
    }

    fn rewrite(&self, entries: &[String]) -> std::io::Result<()> {
        let mut text = format!("{HEADER}\n");
        for e in entries {
            text.push_str(&escape(e));
            text.push('\n');
        }
        crate::io::write_bytes(&self.path, text.as_bytes()).map_err(Into::into)
    }
}

fn escape(entry: &str) -> String {
    entry.replace('\\', "\\\\").replace('\n', "\\n")
}

fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        std::env::temp_dir()
            .join(format!("gradlab-hist-{}-{name}", std::process::id()))
            .join("history")
    }

    #[test]
    fn entries_round_trip_whole() {
        let path = temp("roundtrip");
        let (h, old, _) = HistoryFile::open(path.clone()).unwrap();
        assert!(old.is_empty());
        for e in [
            "a = 1",
            "m = np.array([[1, 2],\n   [3, 4]])",
            "print('a\\nb')",
        ] {
            h.append(e).unwrap();
        }
        let (_, back, _) = HistoryFile::open(path.clone()).unwrap();
        assert_eq!(
            back,
            [
                "a = 1",
                "m = np.array([[1, 2],\n   [3, 4]])",
                "print('a\\nb')"
            ]
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("#V2\n") && text.lines().count() == 4,
            "{text}"
        );
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn an_invalid_byte_loses_only_its_own_entry() {
        let path = temp("badbyte");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"#V2\na = 1\nb = '\xff'\nc = 3\n").unwrap();
        let (h, entries, skipped) = HistoryFile::open(path.clone()).unwrap();
        assert_eq!(entries, ["a = 1", "c = 3"]);
        assert_eq!(skipped, 1);
        h.append("d = 4").unwrap();
        let (_, entries, _) = HistoryFile::open(path.clone()).unwrap();
        assert_eq!(entries, ["a = 1", "c = 3", "d = 4"]);
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn old_entries_are_dropped_past_the_limit() {
        let path = temp("limit");
        let (h, _, _) = HistoryFile::open(path.clone()).unwrap();
        let many: String = (0..2 * MAX_ENTRIES + 5)
            .map(|i| format!("x = {i}\n"))
            .collect();
        std::fs::write(&path, format!("#V2\n{many}")).unwrap();
        let (_, entries, _) = HistoryFile::open(path.clone()).unwrap();
        assert_eq!(entries.len(), MAX_ENTRIES);
        assert_eq!(
            entries.last().unwrap(),
            &format!("x = {}", 2 * MAX_ENTRIES + 4)
        );
        let lines = std::fs::read_to_string(&path).unwrap().lines().count();
        assert_eq!(lines, MAX_ENTRIES + 1, "compacted on disk");
        h.append("y").unwrap();
        let (_, entries, _) = HistoryFile::open(path.clone()).unwrap();
        assert_eq!(entries.last().unwrap(), "y");
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }
}
