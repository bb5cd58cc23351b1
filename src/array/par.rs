//! Both cores for big elementwise work, on rayon's pool.
//!
//! Kernels hand their output to [`for_chunks`] in fixed-size chunks; each
//! chunk is computed by the same code whichever thread runs it, so results
//! do not depend on the thread count (every element is computed by the
//! same formula from the same inputs; nothing is reduced across chunks).
//! Small work stays on the calling thread, where waking a second thread
//! would cost more than it saves. `RAYON_NUM_THREADS=1` runs everything on
//! one thread. Floating-point flags raised by chunks on other threads
//! reach [`fpe::take`](super::fpe::take).

use rayon::prelude::*;

use super::error::Error;

/// Elements of work below which a kernel stays on the calling thread
/// (about 1 MiB of f64: a few hundred microseconds of memory traffic).
pub const PAR_MIN: usize = 1 << 17;

/// `f(k, chunk)` for each `chunk`-sized piece of `out` (the last may be
/// shorter), `k` counting pieces from 0; in parallel when `work` (elements
/// touched in all) is at least [`PAR_MIN`]. The first error stops the
/// rest and is returned.
///
/// # Errors
/// The first error `f` returns.
pub fn for_chunks<T: Send>(
    out: &mut [T],
    chunk: usize,
    work: usize,
    f: impl Fn(usize, &mut [T]) -> Result<(), Error> + Sync,
) -> Result<(), Error> {
    let chunk = chunk.max(1);
    if work >= PAR_MIN && rayon::current_num_threads() > 1 {
        par_chunks(out, chunk, &f)
    } else {
        out.chunks_mut(chunk)
            .enumerate()
            .try_for_each(|(k, c)| f(k, c))
    }
}

/// A chunk kernel as [`par_chunks`] takes it: `f(k, chunk)`.
type Kernel<'f, T> = dyn Fn(usize, &mut [T]) -> Result<(), Error> + Sync + 'f;

/// The parallel half of [`for_chunks`], taking the kernel as a trait
/// object: rayon's machinery (bridges, jobs, joins, unwinding) is then
/// compiled once per element type instead of once per kernel closure. It
/// was instantiated ~980 times and made up ~40 % of the crate's LLVM IR,
/// doubling release build times; the kernel itself stays monomorphic and
/// is called once per chunk, so its inner loop vectorises as before.
fn par_chunks<T: Send>(out: &mut [T], chunk: usize, f: &Kernel<'_, T>) -> Result<(), Error> {
    out.par_chunks_mut(chunk)
        .enumerate()
        .try_for_each(|(k, c)| super::fpe::on_worker(|| f(k, c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chunk_is_visited_once_with_its_index() {
        for n in [0usize, 5, PAR_MIN + 3] {
            let mut out = vec![0usize; n];
            for_chunks(&mut out, 1000, n, |k, c| {
                for (j, o) in c.iter_mut().enumerate() {
                    *o += k * 1000 + j;
                }
                Ok(())
            })
            .unwrap();
            assert!(out.iter().enumerate().all(|(i, &v)| v == i));
        }
    }

    #[test]
    fn an_error_in_any_chunk_is_returned() {
        let mut out = vec![0u8; PAR_MIN * 2];
        let r = for_chunks(&mut out, 4096, PAR_MIN * 2, |k, _| match k {
            7 => Err(Error::value("stop")),
            _ => Ok(()),
        });
        assert_eq!(r.unwrap_err().message, "stop");
    }
}
