//! Data-file throughput: `loadtxt` of a 10^6-row CSV and `load_npy` /
//! `save_npy` of 10^7 float64. Compare with NumPy using
//! `python3 tests/bench/io_numpy.py` (same files, same sizes).

use criterion::{Criterion, criterion_group, criterion_main};
use gradlab::array::Array;
use gradlab::io::{LoadTxtOptions, load_npy, loadtxt, save_npy};
use std::hint::black_box;
use std::path::PathBuf;

const ROWS: usize = 1_000_000;
const NPY_LEN: usize = 10_000_000;

/// `bench-data/` under the target directory, shared with io_numpy.py.
fn data_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// 10^6 rows of `x,sin(x),x^2` with 6 decimals, like `np.savetxt(fmt="%.6f")`.
fn csv_file() -> PathBuf {
    let path = data_dir().join("rows.csv");
    if !path.exists() {
        let mut text = String::with_capacity(ROWS * 40);
        for i in 0..ROWS {
            let x = i as f64 * 1e-3;
            text.push_str(&format!("{x:.6},{:.6},{:.6}\n", x.sin(), x * x));
        }
        std::fs::write(&path, text).unwrap();
    }
    path
}

fn io(c: &mut Criterion) {
    let csv = csv_file();
    let opts = LoadTxtOptions {
        delimiter: Some(",".into()),
        ..Default::default()
    };
    let mut g = c.benchmark_group("io");
    g.sample_size(10);
    g.bench_function("loadtxt_1e6x3_csv", |b| {
        b.iter(|| black_box(loadtxt(&csv, &opts).unwrap()))
    });
    let npy = data_dir().join("big.npy");
    let a = Array::from_f64((0..NPY_LEN).map(|i| i as f64 * 0.5).collect());
    g.bench_function("save_npy_1e7", |b| b.iter(|| save_npy(&npy, &a).unwrap()));
    g.bench_function("load_npy_1e7", |b| {
        b.iter(|| black_box(load_npy(&npy).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, io);
criterion_main!(benches);
