use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gradlab::engine::Array;
use gradlab::tui::explore::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::time::Instant;

#[test]
fn timing() {
    let n = 1_000_000;
    let a = Array::from_f64((0..n).map(|i| (i as f64 * 1e-4).sin()).collect());
    let mut app = App::new(&a, "a").unwrap();
    let mut buf = Buffer::empty(Rect::new(0, 0, 120, 40));
    Widget::render(&app, buf.area, &mut buf);
    for _ in 0..3 {
        let t = Instant::now();
        app.handle_key(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE));
        let t1 = t.elapsed();
        Widget::render(&app, buf.area, &mut buf);
        let t2 = t.elapsed();
        eprintln!("e: compute {:?} total {:?}", t1, t2);
    }
    let t = std::time::Instant::now();
    let mut c = 0.0;
    for _ in 0..1 { let v: Vec<f64> = (0..n).map(|i| i as f64).collect(); c += v[5]; }
    eprintln!("alloc+fill 1e6: {:?} {c}", t.elapsed());
}

#[test]
fn timing_plot() {
    use gradlab::views::{Plot, Series};
    let n = 1_000_000;
    let t = Instant::now();
    let x: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let y: Vec<f64> = (0..n).map(|i| (i as f64 * 1e-4).sin()).collect();
    eprintln!("build: {:?}", t.elapsed());
    let t = Instant::now();
    let keep = |x: f64| x >= 0.0 && x <= 1e9;
    let (xs, ys): (Vec<f64>, Vec<f64>) = x.iter().copied().zip(y.iter().copied()).filter(|p| keep(p.0)).unzip();
    eprintln!("build+unzip: {:?}", t.elapsed());
    let p = Plot { title: String::new(), series: vec![Series { label: "f".into(), x: xs, y: ys }] };
    let t = Instant::now();
    let s = p.segments(0, 160);
    eprintln!("segments: {:?} {}", t.elapsed(), s.len());
}
