//! Line handling shared by the text readers: a streaming reader with
//! universal newlines and UTF-8 checks, and NumPy's `ndmin` squeezing.

use super::fs::{Missing, os_error};
use super::{Error, IoErrorKind};
use crate::memory;
use std::io::Read;
use std::path::Path;

/// Bytes read per call; also the first buffer size.
/// (Small in unit tests, so that their files span many reads and blocks.)
const CHUNK: usize = if cfg!(test) { 256 } else { 1 << 20 };

/// Physical lines of a file (`\n`, `\r\n` and `\r` end a line, as
/// Python's universal newlines), read in chunks so that memory holds one
/// chunk or one line, whichever is longer. A line longer than the memory
/// cap (say, from `/dev/zero`) is a `MemoryError`, not an exhausted machine.
pub(super) struct LineReader<'p, R> {
    src: R,
    path: &'p Path,
    buf: Vec<u8>,
    /// Unread bytes are `buf[pos..len]`.
    pos: usize,
    len: usize,
    /// File offset of `buf[0]`, for the positions of decoding errors.
    base: u64,
    eof: bool,
}

impl<'p, R: Read> LineReader<'p, R> {
    pub(super) fn new(src: R, path: &'p Path) -> LineReader<'p, R> {
        LineReader {
            src,
            path,
            buf: Vec::new(),
            pos: 0,
            len: 0,
            base: 0,
            eof: false,
        }
    }

    /// The source, the unread bytes, the file offset of the first of them
    /// and whether the source is exhausted: for a reader that takes over
    /// and perhaps hands back with [`resume`](Self::resume).
    pub(super) fn into_parts(self) -> (R, Vec<u8>, u64, bool) {
        let mut buf = self.buf;
        buf.truncate(self.len);
        buf.drain(..self.pos);
        (self.src, buf, self.base + self.pos as u64, self.eof)
    }

    /// A reader of `unread` (the bytes at file offset `base`), then of the
    /// rest of `src` unless `eof`.
    pub(super) fn resume(
        src: R,
        path: &'p Path,
        unread: Vec<u8>,
        base: u64,
        eof: bool,
    ) -> LineReader<'p, R> {
        LineReader {
            src,
            path,
            len: unread.len(),
            buf: unread,
            pos: 0,
            base,
            eof,
        }
    }

    /// The next line without its terminator, or `None` at the end.
    ///
    /// # Errors
    /// The OS error of reading; `UnicodeDecodeError` with Python's message
    /// (the position counts bytes from the start of the file);
    /// `MemoryError` for a line that does not fit under the cap.
    pub(super) fn next_line(&mut self) -> Result<Option<&str>, Error> {
        // Bytes after `pos` known to hold no line end (positions relative
        // to `pos`, which `fill` may move).
        let mut scanned = 0;
        let (end, next) = loop {
            let from = self.pos + scanned;
            let found = self.buf[from..self.len]
                .iter()
                .position(|&b| b == b'\n' || b == b'\r');
            if let Some(j) = found {
                let i = from + j;
                if self.buf[i] == b'\n' {
                    break (i, i + 1);
                }
                // A `\r` at the end of the data may be half of `\r\n`.
                if i + 1 == self.len && !self.eof {
                    scanned = i - self.pos;
                    self.fill()?;
                    continue;
                }
                let crlf = i + 1 < self.len && self.buf[i + 1] == b'\n';
                break (i, if crlf { i + 2 } else { i + 1 });
            }
            if self.eof {
                if self.pos == self.len {
                    return Ok(None);
                }
                break (self.len, self.len);
            }
            scanned = self.len - self.pos;
            self.fill()?;
        };
        let start = self.pos;
        self.pos = next;
        let bytes = &self.buf[start..end];
        match std::str::from_utf8(bytes) {
            Ok(line) => Ok(Some(line)),
            Err(e) => {
                let at = self.base + (start + e.valid_up_to()) as u64;
                // A sequence cut short by the line's end is followed by a
                // newline in the file, which is not a continuation byte.
                let cut_by_eof = e.error_len().is_none() && end == self.len && self.eof;
                Err(decode_error(&bytes[e.valid_up_to()..], at, cut_by_eof))
            }
        }
    }

    /// The next run of whole lines, about [`CHUNK`] bytes of them with
    /// their terminators (the last may lack one at the end of the file),
    /// as one text, for readers that split lines themselves; `None` when
    /// the next line must be read alone with [`next_line`](Self::next_line)
    /// (the end of the file, a line longer than the buffer, or one that is
    /// not UTF-8, whose error `next_line` reports). A run ends after a
    /// `\n`, so splitting it at `\n`, `\r\n` and `\r` gives the lines
    /// `next_line` would.
    pub(super) fn next_block(&mut self) -> Result<Option<&str>, Error> {
        if self.len - self.pos < CHUNK && !self.eof {
            self.fill()?;
        }
        let start = self.pos;
        let unread = &self.buf[start..self.len];
        let end = if self.eof {
            unread.len()
        } else {
            match memchr::memrchr(b'\n', unread) {
                Some(i) => i + 1,
                None => return Ok(None),
            }
        };
        let valid = match std::str::from_utf8(&unread[..end]) {
            Ok(text) => {
                self.pos += end;
                return Ok((!text.is_empty()).then_some(text));
            }
            // The whole lines before the bad one.
            Err(e) => match memchr::memrchr(b'\n', &unread[..e.valid_up_to()]) {
                Some(i) => i + 1,
                None => return Ok(None),
            },
        };
        self.pos += valid;
        // A prefix of valid UTF-8 ending at a line break (a character
        // boundary) is valid.
        let block = std::str::from_utf8(&self.buf[start..start + valid]);
        Ok(Some(block.expect("valid up to here")))
    }

    /// Reads more bytes after the unread ones, first moving them to the
    /// front and growing the buffer (through the memory cap) when full.
    fn fill(&mut self) -> Result<(), Error> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.len, 0);
            self.base += self.pos as u64;
            self.len -= self.pos;
            self.pos = 0;
        }
        if self.buf.len() - self.len < CHUNK / 2 {
            let want = self.len + CHUNK.max(self.len);
            let extra = want - self.buf.len();
            memory::try_grow(&mut self.buf, extra)
                .map_err(|_| Error::new(IoErrorKind::MemoryError, ""))?;
            self.buf.resize(self.buf.capacity().min(want), 0);
        }
        let n = loop {
            match self.src.read(&mut self.buf[self.len..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(os_error(&e, self.path, Missing::Open)),
            }
        };
        self.len += n;
        self.eof = n == 0;
        Ok(())
    }

    /// Skips `n` lines (fewer at the end of the file).
    pub(super) fn skip(&mut self, n: usize) -> Result<(), Error> {
        for _ in 0..n {
            if self.next_line()?.is_none() {
                break;
            }
        }
        Ok(())
    }
}

/// Python's `UnicodeDecodeError` for the invalid sequence starting `rest`,
/// at byte `at` of the file.
pub(super) fn decode_error(rest: &[u8], at: u64, cut_by_eof: bool) -> Error {
    let byte = rest[0];
    let reason = if cut_by_eof {
        "unexpected end of data"
    } else if (0x80..0xc2).contains(&byte) || byte >= 0xf5 {
        "invalid start byte"
    } else {
        "invalid continuation byte"
    };
    Error::new(
        IoErrorKind::UnicodeDecodeError,
        format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {at}: {reason}"),
    )
}

/// NumPy's `_ensure_ndmin_ndarray`: squeeze when above `ndmin`, then
/// `atleast_1d` / `atleast_2d(a).T`.
pub(super) fn ndmin_shape(shape: &[usize], ndmin: usize) -> Vec<usize> {
    let mut s: Vec<usize> = shape.to_vec();
    if s.len() > ndmin {
        s.retain(|&d| d != 1);
    }
    match (s.len(), ndmin) {
        (0, 1) => vec![1],
        (0, 2) => vec![1, 1],
        (1, 2) => vec![s[0], 1],
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> Result<Vec<String>, Error> {
        let mut r = LineReader::new(bytes, Path::new("t"));
        let mut out = Vec::new();
        while let Some(line) = r.next_line()? {
            out.push(line.to_string());
        }
        Ok(out)
    }

    #[test]
    fn universal_newlines_and_skipping() {
        let lines = read_all(b"a\r\nb\rc\n\nd").unwrap();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
        assert_eq!(read_all(b"a\n").unwrap(), ["a"]);
        assert_eq!(read_all(b"").unwrap(), Vec::<String>::new());
        let mut r = LineReader::new(&b"a\r\nb\rc\n\nd"[..], Path::new("t"));
        r.skip(2).unwrap();
        assert_eq!(r.next_line().unwrap(), Some("c"));
        r.skip(9).unwrap();
        assert_eq!(r.next_line().unwrap(), None);
    }

    /// A source that hands out at most `k` bytes per read, so every
    /// boundary falls everywhere (`\r` | `\n`, a line across reads).
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn lines_split_across_reads_and_longer_than_a_chunk() {
        let text = b"ab\r\ncd\re\n\r\n\rf";
        for k in 1..6 {
            let mut r = LineReader::new(Trickle(text, k), Path::new("t"));
            let mut got = Vec::new();
            while let Some(line) = r.next_line().unwrap() {
                got.push(line.to_string());
            }
            assert_eq!(got, ["ab", "cd", "e", "", "", "f"], "{k} bytes per read");
        }
        let long = "x".repeat(3 * CHUNK + 7);
        let lines = read_all(format!("{long}\nz").as_bytes()).unwrap();
        assert_eq!(lines, [long.as_str(), "z"]);
    }

    #[test]
    fn decoding_errors_name_the_file_position() {
        let msg = |b: &[u8]| read_all(b).unwrap_err().message;
        assert_eq!(
            msg(b"ab\n\xffc"),
            "'utf-8' codec can't decode byte 0xff in position 3: invalid start byte"
        );
        assert_eq!(
            msg(b"a\xc3\nb"),
            "'utf-8' codec can't decode byte 0xc3 in position 1: invalid continuation byte"
        );
        assert_eq!(
            msg(b"ab\xc3"),
            "'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of data"
        );
    }

    #[test]
    fn ndmin_squeezes_then_pads() {
        assert_eq!(ndmin_shape(&[1, 3], 0), vec![3]);
        assert_eq!(ndmin_shape(&[1, 1], 0), Vec::<usize>::new());
        assert_eq!(ndmin_shape(&[1, 1], 1), vec![1]);
        assert_eq!(ndmin_shape(&[0, 1], 0), vec![0]);
        assert_eq!(ndmin_shape(&[1, 3], 2), vec![1, 3]);
    }
}
