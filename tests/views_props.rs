//! Property tests: the numbers inside `compare` and `explain` are the
//! engine's outputs bit for bit, and the formula each explanation shows,
//! evaluated in NumPy's operation order, gives exactly that number.

use gradlab::array::{Array, AxisSpec};
use gradlab::engine::{DiffArgs, DiffOrder, EdgeOrder, Gradient, GradientArgs, diff, gradient};
use gradlab::views::{compare, explain_diff, explain_gradient};
use proptest::prelude::*;

fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => -100.0..100.0f64,
        2 => (-50i32..50).prop_map(f64::from),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
    ]
}

/// An array, its spacing arguments and an edge order it is long enough for.
fn case() -> impl Strategy<Value = (Vec<f64>, Vec<Array>, i64)> {
    (3usize..12, 1i64..=2).prop_flat_map(|(n, eo)| {
        let coords = proptest::collection::vec(0.1..5.0f64, n).prop_map(|steps| {
            let mut x = 0.0;
            let c: Vec<f64> = steps
                .iter()
                .map(|s| {
                    x += s;
                    x
                })
                .collect();
            vec![Array::from_f64(c)]
        });
        let spacing = prop_oneof![
            Just(Vec::new()),
            (0.1..10.0f64).prop_map(|h| vec![Array::scalar_f64(h)]),
            coords,
        ];
        (proptest::collection::vec(value(), n), spacing, Just(eo))
    })
}

fn engine_gradient(a: &Array, varargs: &[Array], eo: i64) -> Vec<f64> {
    let args = GradientArgs {
        varargs: varargs.to_vec(),
        edge_order: EdgeOrder::new(eo),
        ..GradientArgs::default()
    };
    match gradient(a, &args).unwrap() {
        Gradient::One(g) => g.to_f64_vec(),
        Gradient::Many(_) => unreachable!("1-D"),
    }
}

proptest! {
    #[test]
    fn compare_shows_the_engine_numbers((y, varargs, eo) in case()) {
        let a = Array::from_f64(y.clone());
        let g = engine_gradient(&a, &varargs, eo);
        let d = diff(&a, &DiffArgs::default()).unwrap().to_f64_vec();
        let c = compare(&a, &varargs, &AxisSpec::All, EdgeOrder::new(eo)).unwrap();
        for row in &c.blocks[0].rows {
            prop_assert!(same(row.g[0], g[row.i]), "g[{}]", row.i);
            prop_assert!(same(row.f[0], y[row.i]));
            if let Some(di) = &row.diff_after {
                prop_assert!(same(di[0], d[row.i]), "d[{}]", row.i);
            }
        }
    }

    #[test]
    fn explained_formulas_evaluate_to_the_engine_numbers((y, varargs, eo) in case()) {
        let a = Array::from_f64(y);
        let g = engine_gradient(&a, &varargs, eo);
        let args = GradientArgs { varargs, edge_order: EdgeOrder::new(eo), ..GradientArgs::default() };
        let e = explain_gradient(&a, &args).unwrap();
        for item in e.sections.iter().flat_map(|s| &s.items) {
            let i = item.index[0];
            prop_assert!(same(item.value, g[i]), "{} shows {} not {}", item.lhs, item.value, g[i]);
            prop_assert!(same(item.reference, g[i]),
                "{} = {} evaluates to {} but NumPy gives {}", item.lhs, item.symbolic, item.reference, g[i]);
        }
    }

    #[test]
    fn explained_diffs_are_the_engine_numbers(
        y in proptest::collection::vec(value(), 1..10),
        n in 1i64..4,
    ) {
        let a = Array::from_f64(y);
        let args = DiffArgs { n: DiffOrder::new(n), ..DiffArgs::default() };
        let d = diff(&a, &args).unwrap().to_f64_vec();
        let e = explain_diff(&a, &args).unwrap();
        for item in e.sections.iter().flat_map(|s| &s.items).filter(|it| it.output == n as usize) {
            let i = item.index[0];
            prop_assert!(same(item.value, d[i]));
            prop_assert!(same(item.reference, d[i]), "{}: {} vs {}", item.lhs, item.reference, d[i]);
        }
    }

    #[test]
    fn two_d_compare_matches_each_component(
        v in proptest::collection::vec(-20i64..20, 12),
        eo in 1i64..=2,
    ) {
        let m = Array::from_vec(&[3, 4], v).unwrap();
        let Gradient::Many(gs) = gradient(&m, &GradientArgs { edge_order: EdgeOrder::new(eo), ..GradientArgs::default() }).unwrap() else {
            panic!("2-D gives a tuple")
        };
        let c = compare(&m, &[], &AxisSpec::All, EdgeOrder::new(eo)).unwrap();
        for (b, g) in c.blocks.iter().zip(&gs) {
            let g = g.to_f64();
            for row in &b.rows {
                let want: Vec<f64> = g.index_axis(ndarray::Axis(b.axis), row.i).iter().copied().collect();
                prop_assert_eq!(&row.g, &want);
            }
        }
    }
}
