//! Drawing speed of the views. Targets: `plot` of 10^7 points under 50 ms
//! (min/max decimation makes the chart cost independent of the length);
//! a key press in `:explore` on 10^6 elements under 50 ms, drawing
//! included (only what is on screen is formatted; the chart is decimated
//! once per setting).

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gradlab::engine::Array;
use gradlab::tui::explore::App;
use gradlab::tui::{ColorMode, render_view};
use gradlab::views::{Plot, View};
use ndarray::{ArrayD, IxDyn};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

fn plot_ten_million(c: &mut Criterion) {
    let y: Vec<f64> = (0..10_000_000).map(|i| (i as f64 * 1e-5).sin()).collect();
    let plot = View::from(Plot::new(None, vec![y], &[]).unwrap());
    c.bench_function("plot 1e7 points at 80 columns", |b| {
        b.iter(|| render_view(&plot, 80, ColorMode::TrueColor))
    });
}

/// One key press and the redraw it causes, on a 120×40 screen.
fn press_and_draw(app: &mut App, code: KeyCode, buf: &mut Buffer) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    Widget::render(&*app, buf.area, buf);
}

fn explore_a_million(c: &mut Criterion) {
    let n = 1_000_000;
    let line = Array::from_f64((0..n).map(|i| (i as f64 * 1e-4).sin()).collect());
    let grid = Array::Float(
        ArrayD::from_shape_vec(
            IxDyn(&[1000, 1000]),
            (0..n)
                .map(|k| ((k % 1000) as f64 * 0.01).sin() * (k / 1000) as f64)
                .collect(),
        )
        .unwrap(),
    );
    let mut buf = Buffer::empty(Rect::new(0, 0, 120, 40));
    for (what, array, keys) in [
        (
            "1-D",
            &line,
            [KeyCode::Right, KeyCode::Char('e'), KeyCode::Char('+')],
        ),
        (
            "2-D",
            &grid,
            [KeyCode::Right, KeyCode::Char('e'), KeyCode::Char('a')],
        ),
    ] {
        let mut app = App::new(array, "a").unwrap();
        for key in keys {
            let name = format!("explore {what} 1e6: {key} + draw");
            c.bench_function(&name, |b| {
                b.iter(|| press_and_draw(&mut app, key, &mut buf))
            });
        }
    }
}

criterion_group! {
    name = views;
    config = Criterion::default().sample_size(10);
    targets = plot_ten_million, explore_a_million
}
criterion_main!(views);
