//! Drawing speed of the views. Target: `plot` of 10^7 points under 50 ms
//! (min/max decimation makes the chart cost independent of the length).

use criterion::{Criterion, criterion_group, criterion_main};
use gradlab::tui::{ColorMode, render_view};
use gradlab::views::{Plot, View};

fn plot_ten_million(c: &mut Criterion) {
    let y: Vec<f64> = (0..10_000_000).map(|i| (i as f64 * 1e-5).sin()).collect();
    let plot = View::from(Plot::new(None, vec![y], &[]).unwrap());
    c.bench_function("plot 1e7 points at 80 columns", |b| {
        b.iter(|| render_view(&plot, 80, ColorMode::TrueColor))
    });
}

criterion_group! {
    name = views;
    config = Criterion::default().sample_size(10);
    targets = plot_ten_million
}
criterion_main!(views);
