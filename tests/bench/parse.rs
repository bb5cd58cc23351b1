//! Parser throughput on pasted data: a list literal of 10⁶ floats (≈ 12 MB
//! of source), a 1000 × 100 nested list, and a typical statement.

use criterion::{Criterion, criterion_group, criterion_main};
use gradlab::syntax::{parse_chunk, split_statements, tokens};
use std::hint::black_box;

fn big_list(n: usize) -> String {
    let items: Vec<String> = (0..n).map(|i| format!("{}.5", i % 1000)).collect();
    format!("data = [{}]", items.join(", "))
}

fn matrix(rows: usize, cols: usize) -> String {
    let row = format!("[{}]", vec!["1.25"; cols].join(", "));
    format!("m = np.array([{}])", vec![row; rows].join(",\n  "))
}

fn bench(c: &mut Criterion) {
    let list = big_list(1_000_000);
    let mut g = c.benchmark_group("parse");
    g.sample_size(10);
    g.bench_function("list_1e6_floats", |b| {
        b.iter(|| parse_chunk(black_box(&list)).unwrap())
    });
    g.bench_function("tokens_list_1e6_floats", |b| {
        b.iter(|| tokens(black_box(&list)).len())
    });
    g.bench_function("split_list_1e6_floats", |b| {
        b.iter(|| split_statements(black_box(&list)).len())
    });
    let m = matrix(1000, 100);
    g.bench_function("matrix_1000x100", |b| {
        b.iter(|| parse_chunk(black_box(&m)).unwrap())
    });
    g.finish();
    let stmt = "dx, dy = np.gradient(m[1:-1, ::2], 0.5, axis=(0, 1), edge_order=2)";
    c.bench_function("statement", |b| {
        b.iter(|| parse_chunk(black_box(stmt)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
