//! Drawing speed of the views. Targets: `plot` of 10^7 points under 50 ms
//! (min/max decimation makes the chart cost independent of the length);
//! one `:explore` key (handled and the screen drawn) under 50 ms at 10^6
//! elements, 1-D and 2-D.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gradlab::array::Array;
use gradlab::tui::explore::App;
use gradlab::tui::{ColorMode, render_view};
use gradlab::views::{Plot, View};

fn plot_ten_million(c: &mut Criterion) {
    let y: Vec<f64> = (0..10_000_000).map(|i| (i as f64 * 1e-5).sin()).collect();
    let plot = View::from(Plot::new(None, vec![y], &[]).unwrap());
    c.bench_function("plot 1e7 points at 80 columns", |b| {
        b.iter(|| render_view(&plot, 80, ColorMode::TrueColor))
    });
}

/// Each key of `keys` handled and a 160×48 screen drawn, as the event
/// loop does per key.
fn explore_keys(c: &mut Criterion, label: &str, shape: &[usize], keys: &[KeyCode]) {
    let n: usize = shape.iter().product();
    let data: Vec<f64> = (0..n).map(|i| (i as f64 * 1e-4).sin()).collect();
    let a = Array::from_vec(shape, data).unwrap();
    let mut app = App::new(&a, "a").unwrap();
    let area = ratatui::layout::Rect::new(0, 0, 160, 48);
    let mut k = 0;
    c.bench_function(label, |b| {
        b.iter(|| {
            let key = keys[k % keys.len()];
            k += 1;
            app.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
            let mut buf = ratatui::buffer::Buffer::empty(area);
            ratatui::widgets::Widget::render(&app, area, &mut buf);
            buf
        })
    });
}

fn explore_ten_to_the_six(c: &mut Criterion) {
    let moves = [KeyCode::Right, KeyCode::Right, KeyCode::Left];
    explore_keys(c, "explore 1e6 1-D: arrow key", &[1_000_000], &moves);
    explore_keys(
        c,
        "explore 1e6 1-D: edge_order key",
        &[1_000_000],
        &[KeyCode::Char('e')],
    );
    let grid = [KeyCode::Right, KeyCode::Down, KeyCode::Left];
    explore_keys(c, "explore 1000x1000: arrow key", &[1000, 1000], &grid);
    explore_keys(
        c,
        "explore 1000x1000: axis key",
        &[1000, 1000],
        &[KeyCode::Char('a')],
    );
    explore_keys(c, "explore 2x500000: arrow key", &[2, 500_000], &grid);
}

criterion_group! {
    name = views;
    config = Criterion::default().sample_size(10);
    targets = plot_ten_million, explore_ten_to_the_six
}
criterion_main!(views);
