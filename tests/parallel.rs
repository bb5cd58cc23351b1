//! Kernels split across threads give NumPy's bytes, on one thread and on
//! two: every case of `fixtures/parallel.jsonl` (inputs big enough to be
//! split, from `gen_parallel.py`) is computed in a fresh session on a
//! rayon pool of each size and hashed as NumPy hashed it, written both
//! with ordinary stores and with the non-temporal ones big results take.

use gradlab::array::DType;
use gradlab::eval::{Session, Value};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

fn fixture() -> Vec<Json> {
    let text = include_str!("fixtures/parallel.jsonl");
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `(stmt, dtype, shape, sha256)` of every case, computed on `threads`.
fn hashes(threads: usize, setup: &[String], stmts: &[String]) -> Vec<(String, String)> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        let mut s = Session::new();
        for line in setup {
            s.eval_source(line)
                .unwrap_or_else(|e| panic!("{line}: {e:?}"));
        }
        stmts
            .iter()
            .map(|stmt| {
                let v = s
                    .eval_source(stmt)
                    .unwrap_or_else(|e| panic!("{stmt}: {e:?}"));
                let Value::Array(a) = v else {
                    panic!("{stmt}: not an array")
                };
                let bytes: Vec<u8> = match a.dtype() {
                    DType::Float64 => a
                        .to_vec::<f64>()
                        .iter()
                        .flat_map(|x| x.to_le_bytes())
                        .collect(),
                    DType::Int64 => a
                        .to_vec::<i64>()
                        .iter()
                        .flat_map(|x| x.to_le_bytes())
                        .collect(),
                    DType::Bool => a.to_vec::<bool>().iter().map(|&x| u8::from(x)).collect(),
                    other => panic!("{stmt}: unexpected dtype {}", other.name()),
                };
                let shape: Vec<String> = a.shape().iter().map(ToString::to_string).collect();
                let key = format!("{} {}", a.dtype().name(), shape.join(","));
                (key, format!("{:x}", Sha256::digest(&bytes)))
            })
            .collect()
    })
}

#[test]
fn big_kernels_give_numpys_bytes_on_one_thread_and_on_two() {
    let cases = fixture();
    let setup: Vec<String> = cases[0]["setup"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    let stmts: Vec<String> = cases[1..]
        .iter()
        .map(|c| c["stmt"].as_str().unwrap().to_string())
        .collect();
    assert!(stmts.len() >= 25);
    // Each big result once as written by default and once through the
    // non-temporal stores that results bigger than the caches take.
    let default = gradlab::array::stream::min_bytes();
    for (threads, stream_from) in [(1, default), (2, default), (1, 1), (2, 1)] {
        gradlab::array::stream::set_min_bytes(stream_from);
        let got = hashes(threads, &setup, &stmts);
        gradlab::array::stream::set_min_bytes(0);
        for (case, (key, hash)) in cases[1..].iter().zip(&got) {
            let shape: Vec<String> = case["shape"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.to_string())
                .collect();
            let want_key = format!("{} {}", case["dtype"].as_str().unwrap(), shape.join(","));
            assert_eq!(key, &want_key, "{} on {threads} threads", case["stmt"]);
            assert_eq!(
                hash,
                case["sha256"].as_str().unwrap(),
                "{} on {threads} threads, streamed from {stream_from} bytes",
                case["stmt"]
            );
        }
    }
}
