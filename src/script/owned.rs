//! [`Script::parse_owned`](super::Script::parse_owned)'s copies: each
//! statement's text is copied out of the source a chunk at a time, and the
//! source's pages behind the copy are handed back to the system at once
//! (`madvise(MADV_DONTNEED)`), so the peak is about one copy of the text,
//! not two (a pasted 20 MB literal: 20 MB, not 40).

use std::ops::Range;
use std::rc::Rc;

use super::Script;
use crate::text::{CHUNK, PAGE};

/// Sets the text of each code item `k` to `src[range]` (ranges in source
/// order, not overlapping, on character boundaries of the UTF-8 text `src`
/// was made from).
pub(super) fn fill(script: &mut Script, mut src: Vec<u8>, slices: Vec<(usize, Range<usize>)>) {
    let mut given_back = 0;
    for (k, range) in slices {
        let mut text = Rc::<[u8]>::new_uninit_slice(range.len());
        let dst = Rc::get_mut(&mut text).expect("a new Rc is unique");
        let mut at = range.start;
        while at < range.end {
            let to = (at + CHUNK).min(range.end);
            for (d, &s) in dst[at - range.start..to - range.start]
                .iter_mut()
                .zip(&src[at..to])
            {
                d.write(s);
            }
            at = to;
            given_back = give_back(&mut src, given_back, at);
        }
        // SAFETY: every byte was written by the loop above.
        let text = unsafe { text.assume_init() };
        debug_assert!(std::str::from_utf8(&text).is_ok());
        // SAFETY: the bytes are a slice of a `str` between character
        // boundaries, so valid UTF-8; `str` and `[u8]` have one layout.
        let text: Rc<str> = unsafe { Rc::from_raw(Rc::into_raw(text) as *const str) };
        script.set_text(k, text.into());
    }
}

/// Hands back the whole pages of `src[from..upto]` (once at least a
/// chunk's worth is done, or the end) and returns where the next
/// hand-back starts.
/// Those bytes read as zeros afterwards: they were copied and nothing
/// reads them again.
fn give_back(src: &mut [u8], from: usize, upto: usize) -> usize {
    if upto - from < CHUNK && upto < src.len() {
        return from;
    }
    let base = src.as_mut_ptr() as usize;
    let start = (base + from).next_multiple_of(PAGE);
    let end = (base + upto) / PAGE * PAGE;
    if end <= start {
        return from;
    }
    // SAFETY: `start..end` lies within `src`, which we own mutably;
    // MADV_DONTNEED on private anonymous memory makes it read as zeros, as
    // if we had written them, and frees its pages. A failure (memory that
    // is not anonymous) leaves the bytes as they were.
    unsafe {
        libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED);
    }
    end - base
}
