//! Reading ahead: a big file's chunks are read on a thread of their own
//! while the previous ones are split and converted, so that the copies
//! out of the page cache (the `read` calls) overlap the parsing instead of
//! running between blocks with the other core idle.

use std::fs::File;
use std::io::{self, Read};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// Bytes per read on the reading thread.
const CHUNK: usize = 1 << 20;

/// Chunks read ahead of the parser (memory: this many, plus the one being
/// handed over and the recycled ones).
const AHEAD: usize = 2;

/// A [`Read`] of `file` whose `read` calls hand over chunks a thread has
/// already read. The bytes, their order and the errors are the file's; the
/// thread stops at the end of the file, at an error, or when this reader
/// is dropped.
pub(super) struct Prefetch {
    chunks: Receiver<io::Result<Vec<u8>>>,
    /// Used chunks go back to the thread, so their pages are not faulted
    /// in again.
    used: SyncSender<Vec<u8>>,
    cur: Vec<u8>,
    at: usize,
    done: bool,
}

/// `file` read ahead on a thread, or as it is when no thread can be
/// started.
pub(super) fn read_ahead(file: File) -> Box<dyn Read + Send> {
    let Ok(clone) = file.try_clone() else {
        return Box::new(file);
    };
    match Prefetch::new(clone) {
        Ok(r) => Box::new(r),
        Err(_) => Box::new(file),
    }
}

impl Prefetch {
    pub(super) fn new(mut file: File) -> io::Result<Prefetch> {
        let (send, chunks) = sync_channel::<io::Result<Vec<u8>>>(AHEAD);
        let (used, recycled) = sync_channel::<Vec<u8>>(AHEAD + 2);
        let reader = std::thread::Builder::new().name("gradlab-read".into());
        reader.spawn(move || {
            loop {
                let mut buf = recycled.try_recv().unwrap_or_default();
                buf.resize(CHUNK, 0);
                let n = loop {
                    match file.read(&mut buf) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        other => break other,
                    }
                };
                let last = !matches!(n, Ok(k) if k > 0);
                let sent = send.send(n.map(|k| {
                    buf.truncate(k);
                    buf
                }));
                if last || sent.is_err() {
                    return;
                }
            }
        })?;
        Ok(Prefetch {
            chunks,
            used,
            cur: Vec::new(),
            at: 0,
            done: false,
        })
    }
}

impl Read for Prefetch {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.at == self.cur.len() {
            if self.done || out.is_empty() {
                return Ok(0);
            }
            let _ = self.used.try_send(std::mem::take(&mut self.cur));
            self.at = 0;
            match self.chunks.recv() {
                Ok(Ok(chunk)) if !chunk.is_empty() => self.cur = chunk,
                Ok(Err(e)) => {
                    self.done = true;
                    return Err(e);
                }
                // The end of the file (or a thread that could not run).
                _ => {
                    self.done = true;
                    return Ok(0);
                }
            }
        }
        let n = (self.cur.len() - self.at).min(out.len());
        out[..n].copy_from_slice(&self.cur[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read through in odd sizes, the bytes are the file's.
    #[test]
    fn gives_the_files_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.txt");
        let data: Vec<u8> = (0..3 * CHUNK + 12345).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &data).unwrap();
        let mut r = Prefetch::new(File::open(&path).unwrap()).unwrap();
        let mut got = Vec::new();
        let mut buf = vec![0; 70001];
        loop {
            let n = r.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
        }
        assert_eq!(got, data);
        assert_eq!(r.read(&mut buf).unwrap(), 0);
    }
}
