//! Snapshot tests of every classroom view on the tutorials' arrays, at 80
//! columns in plain text (and a few in colour), plus error cases.

use gradlab::array::{Array, Axis, AxisSpec};
use gradlab::engine::{DiffArgs, DiffOrder, EdgeOrder, GradientArgs};
use gradlab::tui::{ColorMode, render_view};
use gradlab::views::{self, AccuracySpec, Plot, Timing, View};
use insta::assert_snapshot;

const NAN: f64 = f64::NAN;

fn ints(v: &[i64]) -> Array {
    Array::from_i64(v.to_vec())
}

fn floats(v: &[f64]) -> Array {
    Array::from_f64(v.to_vec())
}

fn matrix(rows: usize, cols: usize, v: Vec<f64>) -> Array {
    Array::from_vec(&[rows, cols], v).unwrap()
}

fn imatrix(rows: usize, cols: usize, v: Vec<i64>) -> Array {
    Array::from_vec(&[rows, cols], v).unwrap()
}

/// Any model drawn as a view.
fn render<T: Clone + Into<View>>(v: &T, width: u16, mode: ColorMode) -> String {
    render_view(&v.clone().into(), width, mode)
}

fn plain<T: Clone + Into<View>>(v: &T) -> String {
    let text = render(v, 80, ColorMode::Plain);
    for line in text.lines() {
        assert!(
            unicode_width(line) <= 80,
            "line wider than 80 columns: {line:?}"
        );
    }
    text
}

fn unicode_width(s: &str) -> usize {
    ratatui::text::Span::raw(s).width()
}

fn compare(a: &Array, varargs: &[Array], edge_order: i64) -> String {
    plain(&views::compare(a, varargs, &AxisSpec::All, EdgeOrder::new(edge_order)).unwrap())
}

fn explain_g(a: &Array, varargs: &[Array], edge_order: i64) -> String {
    let args = GradientArgs {
        varargs: varargs.to_vec(),
        edge_order: EdgeOrder::new(edge_order),
        ..GradientArgs::default()
    };
    plain(&views::explain_gradient(a, &args).unwrap())
}

fn explain_d(a: &Array, args: DiffArgs) -> String {
    plain(&views::explain_diff(a, &args).unwrap())
}

/// accuracy()'s default grid sizes.
const GRIDS: [usize; 5] = [10, 20, 40, 80, 160];
const TUTORIAL: [i64; 6] = [1, 2, 4, 7, 11, 16];
const COORDS: [i64; 6] = [2, 1, 5, 10, 11, 15];

#[test]
fn compare_snapshots() {
    let a = ints(&TUTORIAL);
    assert_snapshot!("compare_tutorial", compare(&a, &[], 1));
    assert_snapshot!("compare_spacing_2", compare(&a, &[Array::scalar_i64(2)], 1));
    assert_snapshot!("compare_edge_order_2", compare(&a, &[], 2));
    assert_snapshot!("compare_coordinates", compare(&a, &[ints(&COORDS)], 1));
    assert_snapshot!(
        "compare_2d",
        compare(&imatrix(2, 3, vec![10, 20, 30, 40, 50, 60]), &[], 1)
    );
    assert_snapshot!(
        "compare_nan",
        compare(&floats(&[2.0, 5.0, NAN, 9.0, 12.0]), &[], 1)
    );
    let squares: Vec<f64> = (0..40).map(|i| f64::from(i * i) / 10.0).collect();
    assert_snapshot!("compare_long", compare(&floats(&squares), &[], 2));
    assert_snapshot!("compare_two_points", compare(&ints(&[3, 5]), &[], 1));
}

#[test]
fn explain_gradient_snapshots() {
    let a = ints(&TUTORIAL);
    assert_snapshot!("explain_tutorial", explain_g(&a, &[], 1));
    assert_snapshot!(
        "explain_spacing_2",
        explain_g(&a, &[Array::scalar_i64(2)], 1)
    );
    assert_snapshot!("explain_edge_order_2", explain_g(&a, &[], 2));
    assert_snapshot!("explain_coordinates", explain_g(&a, &[ints(&COORDS)], 2));
    assert_snapshot!(
        "explain_2d",
        explain_g(&imatrix(2, 3, vec![10, 20, 30, 40, 50, 60]), &[], 1)
    );
    assert_snapshot!(
        "explain_nan",
        explain_g(&floats(&[2.0, 5.0, NAN, 9.0, 12.0]), &[], 1)
    );
    let mut long: Vec<f64> = (0..1000).map(f64::from).collect();
    long[500] = f64::INFINITY;
    assert_snapshot!("explain_long", explain_g(&floats(&long), &[], 1));
}

#[test]
fn explain_diff_snapshots() {
    let a = ints(&TUTORIAL);
    assert_snapshot!("explain_diff", explain_d(&a, DiffArgs::default()));
    assert_snapshot!(
        "explain_diff_n2",
        explain_d(
            &a,
            DiffArgs {
                n: DiffOrder::new(2),
                ..DiffArgs::default()
            }
        )
    );
    assert_snapshot!(
        "explain_diff_nan",
        explain_d(&floats(&[2.0, 5.0, NAN, 9.0, 12.0]), DiffArgs::default())
    );
    let prepend = DiffArgs {
        prepend: Some(Array::scalar_i64(0)),
        ..DiffArgs::default()
    };
    assert_snapshot!("explain_diff_prepend", explain_d(&a, prepend));
    assert_snapshot!(
        "explain_diff_bool",
        explain_d(
            &Array::from_bool(vec![true, true, false, true]),
            DiffArgs::default()
        )
    );
    assert_snapshot!(
        "explain_diff_2d",
        explain_d(
            &imatrix(2, 3, vec![10, 20, 30, 40, 50, 60]),
            DiffArgs {
                axis: Axis(0),
                ..DiffArgs::default()
            }
        )
    );
}

#[test]
fn accuracy_snapshots() {
    let spec = AccuracySpec {
        timing_len: 0,
        ..AccuracySpec::new(0.0, 1.0, GRIDS.to_vec())
    };
    let mut acc = views::accuracy(&mut |x| Ok(x.exp()), Some(&mut |x| Ok(x.exp())), &spec).unwrap();
    // Timings vary from run to run; the layout is what is snapshotted.
    acc.timings = vec![
        Timing {
            edge_order: EdgeOrder::FIRST,
            len: 1_000_000,
            seconds: 0.004,
        },
        Timing {
            edge_order: EdgeOrder::SECOND,
            len: 1_000_000,
            seconds: 0.005,
        },
    ];
    assert_snapshot!("accuracy_exp_exact", plain(&acc));
    let spec = AccuracySpec {
        timing_len: 0,
        ..AccuracySpec::new(0.5, 2.0, GRIDS.to_vec())
    };
    let acc = views::accuracy(&mut |x| Ok(x.sin()), None, &spec).unwrap();
    assert_snapshot!("accuracy_sin_numerical", plain(&acc));
}

#[test]
fn plot_snapshots() {
    let y: Vec<f64> = TUTORIAL.iter().map(|&v| v as f64).collect();
    let p = Plot::new(None, vec![y], &[]).unwrap();
    assert_snapshot!("plot_tutorial", plain(&p));
    let p = Plot::new(None, vec![vec![2.0, 5.0, NAN, 9.0, 12.0]], &["data".into()]).unwrap();
    assert_snapshot!("plot_nan", plain(&p));
    let x: Vec<f64> = (0..200).map(|i| f64::from(i) * 0.05).collect();
    let s: Vec<f64> = x.iter().map(|t| t.sin()).collect();
    let c: Vec<f64> = x.iter().map(|t| t.cos()).collect();
    let p = Plot::new(Some(x), vec![s, c], &["sin".into(), "cos".into()]).unwrap();
    assert_snapshot!("plot_sin_cos", plain(&p));
    let cmp = views::compare(&ints(&TUTORIAL), &[], &AxisSpec::All, EdgeOrder::FIRST).unwrap();
    assert_snapshot!("plot_compare", plain(&Plot::from_compare(&cmp).unwrap()));
}

fn image() -> Array {
    // A bright square on a dark background: edges light up around it.
    let v = (0..10)
        .flat_map(|i| {
            (0..16).map(move |j| {
                if (3..7).contains(&i) && (4..12).contains(&j) {
                    9.0
                } else {
                    1.0
                }
            })
        })
        .collect();
    matrix(10, 16, v)
}

#[test]
fn heatmap_snapshots() {
    let m = imatrix(2, 3, vec![10, 20, 30, 40, 50, 60]);
    assert_snapshot!("heatmap_tutorial", plain(&views::heatmap(&m).unwrap()));
    let signed = matrix(
        3,
        4,
        vec![
            -3.0, -1.0, 0.0, 1.0, -2.0, NAN, 2.0, 3.0, 0.5, 1.5, -0.5, 2.5,
        ],
    );
    assert_snapshot!(
        "heatmap_signed_nan",
        plain(&views::heatmap(&signed).unwrap())
    );
    let big = matrix(
        100,
        120,
        (0..12_000)
            .map(|k| f64::from(k % 120) - f64::from(k / 120))
            .collect(),
    );
    assert_snapshot!(
        "heatmap_block_averaged",
        plain(&views::heatmap(&big).unwrap())
    );
    assert_snapshot!("edges_square", plain(&views::edges(&image()).unwrap()));
    let narrow = render(&views::edges(&image()).unwrap(), 60, ColorMode::Plain);
    assert_snapshot!("edges_square_narrow", narrow);
}

#[test]
fn colour_snapshots() {
    let m = matrix(2, 3, vec![-1.0, 0.0, 1.0, 2.0, NAN, -2.0]);
    let text = render(&views::heatmap(&m).unwrap(), 80, ColorMode::TrueColor);
    assert_snapshot!("heatmap_truecolor", text.replace('\x1b', "\\e"));
    let cmp = views::compare(&ints(&TUTORIAL), &[], &AxisSpec::All, EdgeOrder::FIRST).unwrap();
    let text = render(&cmp, 80, ColorMode::Ansi256);
    assert_snapshot!("compare_ansi256", text.replace('\x1b', "\\e"));
}

#[test]
fn plain_output_has_no_escape_codes() {
    let cmp = views::compare(&ints(&TUTORIAL), &[], &AxisSpec::All, EdgeOrder::FIRST).unwrap();
    let views: Vec<View> = vec![
        cmp.clone().into(),
        Plot::from_compare(&cmp).unwrap().into(),
        views::edges(&image()).unwrap().into(),
    ];
    for v in &views {
        assert!(
            !render_view(v, 80, ColorMode::Plain).contains('\x1b'),
            "{}",
            v.name()
        );
    }
}

#[test]
fn json_wraps_the_numbers_shown() {
    let cmp = views::compare(
        &floats(&[2.0, 5.0, NAN, 9.0, 12.0]),
        &[],
        &AxisSpec::All,
        EdgeOrder::FIRST,
    )
    .unwrap();
    let j = View::from(cmp).to_json();
    assert_eq!(j["kind"], "view");
    assert_eq!(j["name"], "compare");
    let rows = &j["data"]["blocks"][0]["rows"];
    assert_eq!(rows[1]["gradient"], "nan");
    assert_eq!(rows[2]["gradient"], 2.0);
    assert_eq!(rows[1]["diff_after"], "nan");
}

/// Mistakes give NumPy's errors, never panics.
#[test]
fn errors_not_panics() {
    let empty = floats(&[]);
    let one = floats(&[1.0]);
    let g = |a: &Array, eo: i64| {
        views::compare(a, &[], &AxisSpec::All, EdgeOrder::new(eo))
            .unwrap_err()
            .to_string()
    };
    let too_small = "ValueError: Shape of array too small to calculate a numerical gradient, \
                     at least (edge_order + 1) elements are required.";
    assert_eq!(g(&empty, 1), too_small);
    assert_eq!(g(&one, 1), too_small);
    assert_eq!(g(&ints(&[1, 2]), 2), too_small);
    let e = views::compare(
        &ints(&TUTORIAL),
        &[],
        &AxisSpec::One(Axis(1)),
        EdgeOrder::FIRST,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "AxisError: axis 1 is out of bounds for array of dimension 1"
    );
    let e = views::explain_gradient(
        &ints(&TUTORIAL),
        &GradientArgs {
            varargs: vec![ints(&[1, 2])],
            ..GradientArgs::default()
        },
    );
    assert!(e.is_err());
    let e = views::explain_diff(
        &ints(&TUTORIAL),
        &DiffArgs {
            n: DiffOrder::new(-1),
            ..DiffArgs::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.kind.name(), "ValueError");
    assert!(views::heatmap(&ints(&TUTORIAL)).is_err());
    assert!(views::edges(&imatrix(1, 3, vec![1, 2, 3])).is_err());
    assert!(Plot::new(None, vec![], &[]).is_err());
    // Tiny but valid inputs render.
    assert!(plain(&views::explain_diff(&one, &DiffArgs::default()).unwrap()).contains("(0,)"));
    assert!(plain(&views::heatmap(&matrix(0, 3, vec![])).unwrap()).contains("(empty)"));
    let p = Plot::new(None, vec![vec![NAN, NAN]], &[]).unwrap();
    assert!(plain(&p).contains("nothing to plot"));
}
