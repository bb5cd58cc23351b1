//! Plain float64 data past the first row, read and converted at once: the
//! next chunk of the file is read while the whole lines of the last one
//! are converted in pieces on both cores (work-stealing, so the thread
//! that read takes its share of the pieces when done). Reading used to
//! stop the converting threads for about a third of the time.

use super::Reader;
use super::fast::floats_into;
use crate::io::Error;
use crate::io::fs::{Missing, os_error};
use crate::io::text::LineReader;
use rayon::prelude::*;
use std::io::Read;
use std::path::Path;

/// Bytes read at a time (small in unit tests, so that their files span
/// many chunks and pieces). Half a MiB: two chunks' values are held at
/// once (one set converted into, one appended), 4 MiB for a MiB of short
/// CSV numbers, which the memory cap's tests count.
const CHUNK: usize = if cfg!(test) { 200 } else { 1 << 19 };

/// Pieces of a chunk converted apart: enough for the thread that read to
/// find some left.
const PIECES: usize = 8;

/// Reads the rows of `lines` into `reader` (float64 cells, its columns
/// fixed, no `usecols`, an ASCII `delimiter` and `comment`) with
/// [`floats_into`] until the end or a chunk it cannot read; returns a line
/// reader at the start of that chunk, so the caller reads it the general
/// way (values, errors and their row numbers stay the line reader's).
///
/// # Errors
/// An OS error of reading after whole chunks that were read; the memory
/// cap's `MemoryError` as the result grows.
pub(super) fn floats<'p, R: Read + Send>(
    lines: LineReader<'p, R>,
    path: &'p Path,
    reader: &mut Reader<'_>,
    ncols: usize,
    delimiter: Option<u8>,
    comment: Option<u8>,
) -> Result<LineReader<'p, R>, Error> {
    let (mut src, mut pending, mut base, mut eof) = lines.into_parts();
    let mut next: Vec<u8> = Vec::new();
    // Two sets of pieces: one is converted into while the other (the last
    // chunk's, their row counts in `held`) is appended to `reader` by the
    // thread that reads, so no core waits on the copy.
    let mut sets: [Vec<Vec<f64>>; 2] = std::array::from_fn(|_| vec![Vec::new(); PIECES]);
    let mut held: Vec<usize> = Vec::new();
    if !eof && pending.len() < CHUNK {
        let read = read_chunk(&mut src, &mut pending);
        eof = read.map_err(|e| os_error(&e, path, Missing::Open))?;
    }
    loop {
        let cut = if eof {
            pending.len()
        } else {
            memchr::memrchr(b'\n', &pending).map_or(0, |i| i + 1)
        };
        let [fill, old] = &mut sets;
        if cut == 0 {
            // The end, or a line longer than a chunk.
            append(reader, old, &held)?;
            return Ok(LineReader::resume(src, path, pending, base, eof));
        }
        let text = &pending[..cut];
        next.clear();
        next.extend_from_slice(&pending[cut..]);
        let mut pieces = split(text, fill);
        let ((appended, read), rows) = rayon::join(
            || {
                let appended = append(reader, old, &held);
                (appended, (!eof).then(|| read_chunk(&mut src, &mut next)))
            },
            || {
                pieces
                    .par_iter_mut()
                    .with_max_len(1)
                    .map(|(t, out)| {
                        out.clear();
                        floats_into(t, ncols, delimiter, comment, out)
                    })
                    .collect::<Option<Vec<_>>>()
            },
        );
        drop(pieces);
        // The last chunk's rows come before anything of this one.
        appended?;
        let Some(rows) = rows else {
            // The chunk again, then what was read after it.
            let now_eof = match read {
                Some(Ok(e)) => e,
                _ => eof,
            };
            pending.truncate(cut);
            pending.extend_from_slice(&next);
            return Ok(LineReader::resume(src, path, pending, base, now_eof));
        };
        held = rows;
        sets.swap(0, 1);
        if let Some(read) = read {
            eof = read.map_err(|e| {
                // This chunk's rows (a `MemoryError`) come before the error.
                let [_, last] = &sets;
                append(reader, last, &held)
                    .err()
                    .unwrap_or_else(|| os_error(&e, path, Missing::Open))
            })?;
        }
        base += cut as u64;
        std::mem::swap(&mut pending, &mut next);
    }
}

/// Appends the values of `pieces` converted last, `rows[k]` rows in piece
/// `k` (pieces past `rows` are not part of that chunk).
fn append(reader: &mut Reader<'_>, pieces: &[Vec<f64>], rows: &[usize]) -> Result<(), Error> {
    for (out, &n) in pieces.iter().zip(rows) {
        reader.append_floats(out)?;
        reader.rows += n;
    }
    Ok(())
}

/// `text` (whole lines) cut at line ends into at most [`PIECES`] pieces of
/// about equal length, each with its output vector.
fn split<'t, 'o>(text: &'t [u8], outs: &'o mut [Vec<f64>]) -> Vec<(&'t [u8], &'o mut Vec<f64>)> {
    let want = text.len().div_ceil(outs.len()).max(1);
    let mut pieces = Vec::with_capacity(outs.len());
    let mut rest = text;
    let last = outs.len() - 1;
    for (k, out) in outs.iter_mut().enumerate() {
        if rest.is_empty() {
            break;
        }
        let end = if rest.len() <= want || k == last {
            rest.len()
        } else {
            memchr::memchr(b'\n', &rest[want..]).map_or(rest.len(), |i| want + i + 1)
        };
        let (piece, tail) = rest.split_at(end);
        pieces.push((piece, out));
        rest = tail;
    }
    pieces
}

/// Appends up to [`CHUNK`] bytes of `src` to `buf`; true at the end of
/// `src`. The room is not zeroed first (`read_to_end` reads into spare
/// capacity), which cost a memset of each chunk.
fn read_chunk(src: &mut impl Read, buf: &mut Vec<u8>) -> std::io::Result<bool> {
    let start = buf.len();
    buf.reserve(CHUNK);
    let limit = CHUNK as u64;
    let mut taken = src.by_ref().take(limit);
    loop {
        match taken.read_to_end(buf) {
            Ok(_) => return Ok(buf.len() - start < CHUNK),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}
