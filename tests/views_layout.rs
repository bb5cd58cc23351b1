//! What the views must show whatever the width and the data: nothing
//! dropped in narrow terminals, NumPy's names for the edge components,
//! visible glyphs without colour, indices on heat maps, roundoff named as
//! such, and `edge_order=0` explained as NumPy computes it.

use gradlab::array::{Array, AxisSpec};
use gradlab::engine::{EdgeOrder, Gradient, GradientArgs, gradient};
use gradlab::tui::{ColorMode, render_view};
use gradlab::views::{self, AccuracySpec, Observed, View, num};

fn floats(v: &[f64]) -> Array {
    Array::from_f64(v.to_vec())
}

fn matrix(rows: usize, cols: usize, v: Vec<f64>) -> Array {
    Array::from_vec(&[rows, cols], v).unwrap()
}

fn text(v: impl Into<View>, width: u16, mode: ColorMode) -> String {
    let out = render_view(&v.into(), width, mode);
    if mode == ColorMode::Plain {
        for line in out.lines() {
            let w = ratatui::text::Span::raw(line).width();
            assert!(w <= usize::from(width.max(20)), "{w} > {width}: {line:?}");
        }
    }
    out
}

const WIDTHS: [u16; 6] = [24, 32, 40, 52, 64, 80];

#[test]
fn compare_keeps_every_column_in_narrow_terminals() {
    let f = floats(&[1.0, 2.0, 4.0, 7.0, 11.0, 16.0]);
    let x = floats(&[0.0, 1.5, 3.0, 4.0, 7.0, 10.0]);
    let model = views::compare(&f, &[x], &AxisSpec::All, EdgeOrder::SECOND).unwrap();
    let lane = &model.blocks[0].lane;
    for w in WIDTHS {
        let t = text(model.clone(), w, ColorMode::Plain);
        for v in lane.g.iter().chain(&lane.d).chain(&lane.f) {
            assert!(
                t.contains(&num(*v)),
                "width {w}: {} missing in\n{t}",
                num(*v)
            );
        }
        assert!(t.contains("scheme"), "width {w}:\n{t}");
    }
}

#[test]
fn accuracy_keeps_every_column_and_separates_the_headers() {
    let spec = AccuracySpec {
        timing_len: 0,
        ..AccuracySpec::new(0.0, 1.0, vec![10, 20, 40])
    };
    let model = views::accuracy(&mut |x| Ok(x.exp()), Some(&mut |x| Ok(x.exp())), &spec).unwrap();
    for w in WIDTHS {
        let t = text(model.clone(), w, ColorMode::Plain);
        for r in &model.rows {
            for e in [r.edge_error, r.interior_error] {
                assert!(t.contains(&format!("{e:.3e}")), "width {w}: {e:.3e}\n{t}");
            }
        }
    }
    let wide = text(model, 80, ColorMode::Plain);
    let header = wide.lines().find(|l| l.contains("edge error")).unwrap();
    assert!(
        header.contains("order  interior error") && header.contains("edge error  order"),
        "{header:?}"
    );
}

#[test]
fn accuracy_says_roundoff_where_the_error_is_rounding() {
    let spec = AccuracySpec {
        timing_len: 0,
        ..AccuracySpec::new(0.0, 1.0, vec![10, 20, 40])
    };
    let model = views::accuracy(&mut |x| Ok(x * x), Some(&mut |x| Ok(2.0 * x)), &spec).unwrap();
    let second: Vec<_> = model
        .rows
        .iter()
        .filter(|r| r.edge_order == EdgeOrder::SECOND)
        .collect();
    assert!(
        second
            .iter()
            .all(|r| r.edge_order_obs == Observed::Roundoff)
    );
    let t = text(model.clone(), 80, ColorMode::Plain);
    assert!(t.contains("roundoff"), "{t}");
    let json = View::from(model).to_json();
    assert_eq!(
        json["data"]["rows"][5]["edge_order_observed"], "roundoff",
        "{json}"
    );
}

#[test]
fn edges_name_the_components_in_numpys_order() {
    let m = matrix(3, 4, (0..12).map(|k| f64::from(k * k)).collect());
    let e = views::edges(&m).unwrap();
    let Gradient::Many(g) = gradient(&m, &GradientArgs::default()).unwrap() else {
        panic!("2-D gradient is a tuple")
    };
    // dx, dy = np.gradient(m): dx is axis 0.
    assert_eq!(e.dx.data, g[0].to_f64_vec());
    assert_eq!(e.dy.data, g[1].to_f64_vec());
    let t = text(e, 100, ColorMode::Plain);
    assert!(
        t.contains("dx along axis 0") && t.contains("dx (axis 0)"),
        "{t}"
    );
}

#[test]
fn heat_maps_draw_every_level_and_their_indices() {
    let m = matrix(2, 3, vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
    let plain = text(views::heatmap(&m).unwrap(), 80, ColorMode::Plain);
    // The lowest level is drawn (·), not left blank.
    let grid: Vec<&str> = plain.lines().skip(2).take(1).collect();
    assert!(grid[0].starts_with("0 ·"), "{plain}");
    let colour = text(views::heatmap(&m).unwrap(), 80, ColorMode::TrueColor);
    let stripped: String = strip_escapes(&colour);
    let lines: Vec<&str> = stripped.lines().collect();
    assert!(lines[1].trim_start().starts_with("0 "), "{stripped}");
    assert!(lines[1].contains(" 2"), "column indices: {stripped}");
    assert!(
        lines.iter().any(|l| l.starts_with("1 ")),
        "row indices: {stripped}"
    );
}

fn strip_escapes(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// NumPy takes any edge_order other than 1 as second order (its check is
/// `edge_order > 2`); explain and compare show what it computes. A past bug
/// dropped the non-uniform weight lines for `edge_order=0`.
#[test]
fn edge_order_zero_is_explained_as_second_order() {
    let f = floats(&[1.0, 2.0, 4.0, 7.0, 11.0]);
    let spacings = [
        vec![],
        vec![Array::scalar_f64(0.5)],
        vec![floats(&[0.0, 1.0, 3.0, 4.0, 7.0])],
    ];
    for varargs in spacings {
        let show = |eo: i64| {
            let args = GradientArgs {
                varargs: varargs.clone(),
                edge_order: EdgeOrder::new(eo),
                ..GradientArgs::default()
            };
            text(
                views::explain_gradient(&f, &args).unwrap(),
                80,
                ColorMode::Plain,
            )
        };
        let (zero, two) = (show(0), show(2));
        assert_eq!(
            zero.replace("edge_order = 0", "edge_order = 2"),
            two,
            "{varargs:?}"
        );
        if varargs.first().is_some_and(|a| a.ndim() == 1) {
            assert!(zero.contains("forward weights"), "{zero}");
        }
    }
}
