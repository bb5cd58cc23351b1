//! A statement's text as everyone who reads it holds it: the script item,
//! the cell, `In[n]`, each statement's outcome (error carets), the
//! functions defined in it and a pasted display of numbers ([`Text`], one
//! shared copy). A big script run from a file is not read into memory: it
//! is mapped ([`Source::read`]), its big statements are slices of the
//! mapping, and each pass over one (the split into statements, the
//! parser's scan, the values read into an array, the echo) hands the pages
//! it has passed back to the system ([`release`]). A page read again is
//! faulted back in from the page cache, so a pasted 20 MB literal is never
//! resident all at once beside the array it becomes.
//!
//! ```
//! use gradlab::text::Text;
//! let t = Text::from("a = [1, 2]");
//! let u = t.clone();
//! assert_eq!(&*u, "a = [1, 2]");
//! gradlab::text::release(t.as_bytes()); // heap text: nothing happens
//! assert_eq!(&*t, "a = [1, 2]");
//! ```
//!
//! This module is a leaf: it imports nothing of the crate.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::ops::Deref;
use std::path::Path;
use std::ptr::NonNull;
use std::rc::Rc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes a scan passes between two hand-backs ([`Behind`]).
pub const CHUNK: usize = 1 << 20;

/// Files at least this big are mapped; smaller ones are read. Copying a
/// small script costs nothing worth saving, and a mapped file has a
/// hazard a read one has not (see [`Mapping`]), so it is taken only where
/// it pays.
pub const MAP_MIN: u64 = 1 << 20;

/// Statements of a mapped script at least this long are slices of the
/// mapping; shorter ones are copied (their pages are not worth handing
/// back, and most of a script's statements are short).
pub const SLICE_MIN: usize = 64 << 10;

/// The page size the hand-backs round to.
pub const PAGE: usize = 4096;

/// Shared, immutable statement text: on the heap, or a slice of a mapped
/// script (valid UTF-8, checked when mapped). Clones share the bytes.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Heap(Rc<str>),
    Mapped(Rc<Slice>),
}

/// A slice of a mapped script, and its copy on the heap once one was
/// asked for (`In[n]` as a Python string: made once, then shared).
struct Slice {
    map: Rc<Mapping>,
    start: usize,
    len: usize,
    heap: std::cell::OnceCell<Rc<str>>,
}

impl Text {
    /// `map`'s bytes `start..start + len` (on character boundaries).
    fn mapped(map: &Rc<Mapping>, start: usize, len: usize) -> Text {
        let s = map.as_str();
        assert!(s.is_char_boundary(start) && s.is_char_boundary(start + len));
        Text(Repr::Mapped(Rc::new(Slice {
            map: Rc::clone(map),
            start,
            len,
            heap: std::cell::OnceCell::new(),
        })))
    }

    pub fn as_str(&self) -> &str {
        self
    }

    /// Whether the text is a slice of a mapped script (whose pages
    /// [`release`] hands back).
    pub fn is_mapped(&self) -> bool {
        matches!(self.0, Repr::Mapped(_))
    }

    /// Whether `a` and `b` share their bytes.
    pub fn ptr_eq(a: &Text, b: &Text) -> bool {
        std::ptr::eq(a.as_ptr(), b.as_ptr()) && a.len() == b.len()
    }
}

impl Deref for Text {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        match &self.0 {
            Repr::Heap(s) => s,
            Repr::Mapped(s) => &s.map.as_str()[s.start..s.start + s.len],
        }
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::from("")
    }
}

impl From<Rc<str>> for Text {
    fn from(s: Rc<str>) -> Text {
        Text(Repr::Heap(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Repr::Heap(Rc::from(s)))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Repr::Heap(Rc::from(s)))
    }
}

/// The text as a Python string's `Rc<str>`: a mapped one is copied once,
/// and the copy shared by every later call (on any clone).
impl From<&Text> for Rc<str> {
    fn from(t: &Text) -> Rc<str> {
        match &t.0 {
            Repr::Heap(s) => Rc::clone(s),
            Repr::Mapped(s) => Rc::clone(s.heap.get_or_init(|| copy(t))),
        }
    }
}

/// `Rc::from(text)`, the source's pages handed back a chunk at a time as
/// they are copied (the copy is resident, the mapped text need not be).
fn copy(text: &str) -> Rc<str> {
    let src = text.as_bytes();
    let mut rc = Rc::<[u8]>::new_uninit_slice(src.len());
    let dst = Rc::get_mut(&mut rc).expect("a new Rc is unique");
    for (d, s) in dst.chunks_mut(CHUNK).zip(src.chunks(CHUNK)) {
        for (d, &s) in d.iter_mut().zip(s) {
            d.write(s);
        }
        release(s);
    }
    // SAFETY: every byte was written by the loop above.
    let bytes = unsafe { rc.assume_init() };
    // SAFETY: a copy of a `str`'s bytes, so UTF-8; `str` and `[u8]` have
    // one layout.
    unsafe { Rc::from_raw(Rc::into_raw(bytes) as *const str) }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

/// A script's whole text: read into a string, or mapped.
pub enum Source {
    Owned(String),
    Mapped(Rc<Mapping>),
}

impl Source {
    /// The file's text: mapped when it is a regular file of at least
    /// [`MAP_MIN`] bytes, read otherwise (also when mapping fails). Not
    /// UTF-8: an `InvalidData` error, as `read_to_string` gives.
    pub fn read(path: &Path) -> io::Result<Source> {
        let mut file = File::open(path)?;
        let meta = file.metadata()?;
        if meta.is_file()
            && meta.len() >= MAP_MIN
            && let Ok(len) = usize::try_from(meta.len())
            && let Some(map) = Mapping::new(&file, len)
        {
            map.check_utf8()?;
            return Ok(Source::Mapped(Rc::new(map)));
        }
        let mut s = String::new();
        file.read_to_string(&mut s)?;
        Ok(Source::Owned(s))
    }

    pub fn as_str(&self) -> &str {
        match self {
            Source::Owned(s) => s,
            Source::Mapped(m) => m.as_str(),
        }
    }

    /// The text `range` of a mapped source (a [`Text`] sharing the
    /// mapping); `None` for a read one.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Option<Text> {
        match self {
            Source::Owned(_) => None,
            Source::Mapped(m) => Some(Text::mapped(m, range.start, range.len())),
        }
    }
}

/// A script file mapped read-only and private (`MAP_PRIVATE`,
/// `PROT_READ`): its pages are the page cache's, never written, so handing
/// them back ([`release`]) loses nothing.
///
/// The hazard of a mapping: if the file is truncated while gradlab runs
/// it, reading a page past the new end raises `SIGBUS` and ends the
/// process; if it is rewritten in place, pages read afterwards show the new
/// bytes. gradlab takes that for big scripts only ([`MAP_MIN`]): they are
/// pasted data, not files edited while they run, and editors (and
/// `--bless`) replace a file by writing a new one and renaming it, which
/// leaves the mapped one as it was. Small scripts, standard input and
/// `--bless` read the text into memory.
pub struct Mapping {
    ptr: NonNull<u8>,
    len: usize,
}

/// The mapped ranges `(start, end)` [`release`] may hand back, and how
/// many there are (0: nothing to look up).
static MAPPED: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());
static COUNT: AtomicUsize = AtomicUsize::new(0);

impl Mapping {
    /// `len` (> 0) bytes of `file` mapped; `None` when mapping fails.
    fn new(file: &File, len: usize) -> Option<Mapping> {
        use std::os::fd::AsRawFd;
        if len == 0 {
            return None;
        }
        // SAFETY: a fresh read-only private mapping of an open file; the
        // kernel picks the address. The file may be closed afterwards.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                libc::MAP_PRIVATE,
                file.as_raw_fd(),
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return None;
        }
        let start = ptr as usize;
        MAPPED
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((start, start + len));
        COUNT.fetch_add(1, Ordering::Relaxed);
        Some(Mapping {
            ptr: NonNull::new(ptr.cast())?,
            len,
        })
    }

    fn bytes(&self) -> &[u8] {
        // SAFETY: `len` bytes mapped readable for as long as `self` lives.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    fn as_str(&self) -> &str {
        // SAFETY: checked by `check_utf8` before the mapping was shared
        // (see the type's note on files rewritten while mapped).
        unsafe { std::str::from_utf8_unchecked(self.bytes()) }
    }

    /// Checks that the bytes are UTF-8, a chunk at a time, handing back
    /// each chunk once checked.
    fn check_utf8(&self) -> io::Result<()> {
        let b = self.bytes();
        let mut at = 0;
        while at < b.len() {
            let from = at;
            let to = (at + CHUNK).min(b.len());
            match std::str::from_utf8(&b[at..to]) {
                Ok(_) => at = to,
                // A character cut by the chunk's end: checked with the next.
                Err(e) if e.error_len().is_none() && to < b.len() && e.valid_up_to() > 0 => {
                    at += e.valid_up_to();
                }
                Err(_) => {
                    release(b);
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "stream did not contain valid UTF-8",
                    ));
                }
            }
            release(&b[from..at]);
        }
        Ok(())
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        let start = self.ptr.as_ptr() as usize;
        let mut mapped = MAPPED.lock().unwrap_or_else(|e| e.into_inner());
        mapped.retain(|&(s, _)| s != start);
        COUNT.fetch_sub(1, Ordering::Relaxed);
        // SAFETY: unregistered above, so no `release` touches it; mapped
        // by `new` with this address and length, and no borrow outlives
        // `self`.
        unsafe {
            libc::munmap(self.ptr.as_ptr().cast(), self.len);
        }
    }
}

/// Hands the pages of `bytes` back to the system when they lie in a
/// mapped script (the first and last page whole, whatever part of them
/// `bytes` covers); memory of any other kind is left alone. Only a hint:
/// the bytes read the same afterwards (a page read again is faulted back
/// in from the page cache), so a scan may call it on what it has passed
/// and a caller still holding the bytes loses nothing.
pub fn release(bytes: &[u8]) {
    if COUNT.load(Ordering::Relaxed) == 0 || bytes.is_empty() {
        return;
    }
    let (lo, hi) = (
        bytes.as_ptr() as usize,
        bytes.as_ptr() as usize + bytes.len(),
    );
    let mapped = MAPPED.lock().unwrap_or_else(|e| e.into_inner());
    for &(s, e) in mapped.iter() {
        let start = lo.max(s) / PAGE * PAGE;
        let end = hi.min(e).next_multiple_of(PAGE);
        if lo.max(s) < hi.min(e) {
            // SAFETY: `start..end` lies within the mapping `s..e` (which
            // starts and, for madvise, ends on page boundaries), alive
            // while registered. MADV_DONTNEED on a private read-only file
            // mapping only drops pages that will be read again from the
            // file.
            unsafe {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED);
            }
        }
    }
}

/// The first `needle` in `hay` (memchr's search), handing back the pages
/// searched a [`CHUNK`] at a time.
pub fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    let mut at = 0;
    while at < hay.len() {
        let to = (at + CHUNK).min(hay.len());
        if let Some(k) = memchr::memchr(needle, &hay[at..to]) {
            return Some(at + k);
        }
        release(&hay[at..to]);
        at = to;
    }
    None
}

/// A scan's hand-backs: [`Behind::at`] with each position reached hands
/// back what lies before it, a [`CHUNK`] at a time.
pub struct Behind<'a> {
    bytes: &'a [u8],
    done: usize,
}

impl<'a> Behind<'a> {
    pub fn new(bytes: &'a [u8]) -> Behind<'a> {
        Behind::from(bytes, 0)
    }

    /// A scan of `bytes` from `start` (what lies before is another's).
    pub fn from(bytes: &'a [u8], start: usize) -> Behind<'a> {
        Behind { bytes, done: start }
    }

    /// The scan has passed `bytes[..pos]`.
    #[inline]
    pub fn at(&mut self, pos: usize) {
        if pos >= self.done + CHUNK {
            self.flush(pos);
        }
    }

    #[cold]
    fn flush(&mut self, pos: usize) {
        let pos = pos.min(self.bytes.len());
        // The page holding `pos` is still being read: keep it.
        let keep = (self.bytes.as_ptr() as usize + pos) % PAGE;
        if pos - self.done > keep {
            release(&self.bytes[self.done..pos - keep]);
        }
        self.done = pos - keep.min(pos - self.done);
    }

    /// The scan is over: hands back everything it passed.
    pub fn finish(&mut self) {
        self.finish_at(self.bytes.len());
    }

    /// The scan is over at `pos`: hands back what lies before.
    pub fn finish_at(&mut self, pos: usize) {
        let pos = pos.min(self.bytes.len());
        if pos > self.done {
            release(&self.bytes[self.done..pos]);
            self.done = pos;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapped_text_reads_the_file_after_its_pages_are_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.py");
        let body: String = (0..300_000).map(|i| format!("{i}, ")).collect();
        let src = format!("a = [{body}]\nprint(len(a))\n");
        std::fs::write(&path, &src).unwrap();
        let source = Source::read(&path).unwrap();
        assert!(matches!(source, Source::Mapped(_)));
        assert_eq!(source.as_str(), src);
        let t = source.slice(0..src.len() - 14).unwrap();
        assert!(t.is_mapped());
        release(t.as_bytes());
        assert_eq!(&*t, &src[..src.len() - 14]);
        let mut b = Behind::new(t.as_bytes());
        for pos in (0..t.len()).step_by(4096) {
            b.at(pos);
        }
        b.finish();
        assert_eq!(t.clone(), Text::from(&src[..src.len() - 14]));
    }

    #[test]
    fn a_mapped_text_as_a_python_string_is_copied_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.py");
        let src = "0.5, ".repeat(300_000);
        std::fs::write(&path, &src).unwrap();
        let t = Source::read(&path)
            .unwrap()
            .slice(3..src.len() - 3)
            .unwrap();
        let u = t.clone();
        let a: Rc<str> = (&t).into();
        let b: Rc<str> = (&u).into();
        assert!(Rc::ptr_eq(&a, &b));
        assert_eq!(&*a, &src[3..src.len() - 3]);
        let heap = Text::from("x");
        let c: Rc<str> = (&heap).into();
        assert!(Rc::ptr_eq(&c, &(&heap.clone()).into()));
    }

    #[test]
    fn a_small_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("small.py");
        std::fs::write(&path, "x = 1\n").unwrap();
        let source = Source::read(&path).unwrap();
        assert!(matches!(source, Source::Owned(_)));
        assert!(source.slice(0..1).is_none());
    }

    #[test]
    fn a_big_file_that_is_not_utf8_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.py");
        let mut bytes = vec![b'1'; (MAP_MIN as usize) + 10];
        bytes[CHUNK - 1] = 0xc3; // é cut by the first chunk's end: fine
        bytes[CHUNK] = 0xa9;
        std::fs::write(&path, &bytes).unwrap();
        assert!(Source::read(&path).is_ok());
        bytes[CHUNK + 5] = 0xff;
        std::fs::write(&path, &bytes).unwrap();
        let err = Source::read(&path).err().unwrap();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(
            err.kind(),
            std::fs::read_to_string(&path).unwrap_err().kind()
        );
    }
}
