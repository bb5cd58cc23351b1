//! Criterion benchmarks of the engine on the cases `compare_numpy.py` also
//! times with NumPy. Benchmark ids are `gradient/<case>` and `diff/<case>`;
//! the data is the same deterministic data the Python script builds.
//! Times are process CPU time ([`cpu_time::CpuTime`]).

mod cpu_time;

use std::hint::black_box;

use cpu_time::CpuTime;
use criterion::{Criterion, criterion_group, criterion_main};
use gradlab::array::{Array, Axis, AxisSpec};
use gradlab::engine::{DiffArgs, DiffOrder, GradientArgs, diff, gradient};

/// `f[k] = sin(k * 0.001) * 100 + (k % 7)`, the data of every case.
fn data(len: usize) -> Vec<f64> {
    (0..len)
        .map(|k| (k as f64 * 0.001).sin() * 100.0 + (k % 7) as f64)
        .collect()
}

/// Coordinates with steps `1 + (k % 5) * 0.1`.
fn coords(len: usize) -> Array {
    let mut x = 0.0;
    Array::from_f64(
        (0..len)
            .map(|k| {
                let v = x;
                x += 1.0 + (k % 5) as f64 * 0.1;
                v
            })
            .collect(),
    )
}

fn nd(shape: &[usize]) -> Array {
    let len = shape.iter().product();
    Array::from_vec(shape, data(len)).unwrap()
}

fn bench_gradient(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("gradient");
    for (n, tag) in [(1_000, "1e3"), (100_000, "1e5"), (10_000_000, "1e7")] {
        let f = Array::from_f64(data(n));
        let x = coords(n);
        for edge_order in [1, 2] {
            let spacings = [
                ("unit", vec![]),
                ("h0.1", vec![Array::scalar_f64(0.1)]),
                ("coords", vec![x.clone()]),
            ];
            for (name, varargs) in spacings {
                let args = GradientArgs {
                    varargs,
                    edge_order: gradlab::engine::EdgeOrder::new(edge_order),
                    ..Default::default()
                };
                g.bench_function(format!("1d_{name}_e{edge_order}_{tag}"), |b| {
                    b.iter(|| gradient(black_box(&f), &args).unwrap())
                });
            }
        }
    }
    let i = Array::from_i64((0..10_000_000).map(|k| (k * 7919) % 100_003).collect());
    let unit = GradientArgs::default();
    g.bench_function("1d_int64_unit_e1_1e7", |b| {
        b.iter(|| gradient(black_box(&i), &unit).unwrap())
    });
    let f2 = nd(&[4000, 4000]);
    for (name, axis) in [
        ("all", AxisSpec::All),
        ("axis0", AxisSpec::One(Axis(0))),
        ("axis1", AxisSpec::One(Axis(1))),
    ] {
        let args = GradientArgs {
            axis,
            ..Default::default()
        };
        g.bench_function(format!("2d_4000x4000_{name}"), |b| {
            b.iter(|| gradient(black_box(&f2), &args).unwrap())
        });
    }
    let f3 = nd(&[256, 256, 256]);
    g.bench_function("3d_256cubed_all", |b| {
        b.iter(|| gradient(black_box(&f3), &unit).unwrap())
    });
    g.finish();
}

fn bench_diff(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("diff");
    let f = Array::from_f64(data(10_000_000));
    for n in [1, 2] {
        let args = DiffArgs {
            n: DiffOrder::new(n),
            ..Default::default()
        };
        g.bench_function(format!("1d_n{n}_1e7"), |b| {
            b.iter(|| diff(black_box(&f), &args).unwrap())
        });
    }
    let f2 = nd(&[4000, 4000]);
    for axis in [0, 1] {
        let args = DiffArgs {
            axis: Axis(axis),
            ..Default::default()
        };
        g.bench_function(format!("2d_4000x4000_axis{axis}"), |b| {
            b.iter(|| diff(black_box(&f2), &args).unwrap())
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = bench_gradient, bench_diff
}
criterion_main!(benches);
