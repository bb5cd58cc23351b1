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
/// many chunks and pieces).
const CHUNK: usize = if cfg!(test) { 200 } else { 1 << 20 };

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
    let mut outs: Vec<Vec<f64>> = (0..PIECES).map(|_| Vec::new()).collect();
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
        if cut == 0 {
            // The end, or a line longer than a chunk.
            return Ok(LineReader::resume(src, path, pending, base, eof));
        }
        let text = &pending[..cut];
        next.clear();
        next.extend_from_slice(&pending[cut..]);
        let mut pieces = split(text, &mut outs);
        let (read, rows) = rayon::join(
            || (!eof).then(|| read_chunk(&mut src, &mut next)),
            || {
                pieces
                    .par_iter_mut()
                    .with_max_len(1)
                    .map(|(t, out)| {
                        out.clear();
                        floats_into(t, ncols, delimiter, comment, out)
                    })
                    .collect::<Vec<_>>()
            },
        );
        drop(pieces);
        if rows.iter().any(Option::is_none) {
            // The chunk again, then what was read after it.
            let now_eof = match read {
                Some(Ok(e)) => e,
                _ => eof,
            };
            pending.truncate(cut);
            pending.extend_from_slice(&next);
            return Ok(LineReader::resume(src, path, pending, base, now_eof));
        }
        for (out, n) in outs.iter().zip(&rows) {
            reader.append_floats(out)?;
            reader.rows += n.unwrap_or(0);
        }
        if let Some(read) = read {
            eof = read.map_err(|e| os_error(&e, path, Missing::Open))?;
        }
        base += cut as u64;
        std::mem::swap(&mut pending, &mut next);
    }
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
/// `src`.
fn read_chunk(src: &mut impl Read, buf: &mut Vec<u8>) -> std::io::Result<bool> {
    let start = buf.len();
    buf.resize(start + CHUNK, 0);
    let mut len = start;
    let result = loop {
        match src.read(&mut buf[len..]) {
            Ok(0) => break Ok(true),
            Ok(n) => {
                len += n;
                if len == buf.len() {
                    break Ok(false);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => break Err(e),
        }
    };
    buf.truncate(len);
    result
}
