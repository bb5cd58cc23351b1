//! Property tests of the engine: calculus facts (gradients of linear and
//! quadratic data, constants, diff inverts cumsum) and the fast kernels
//! agreeing bit for bit with the slow reference across dtypes, shapes, axes,
//! spacings and edge orders.

use gradlab::array::{Array, Axis, AxisSpec, DType};
use gradlab::engine::{
    DiffArgs, DiffOrder, EdgeOrder, Gradient, GradientArgs, diff, gradient, reference,
};
use ndarray::{ArrayD, IxDyn};
use proptest::prelude::*;

/// A strictly increasing grid of `n` points with steps in [0.25, 4).
fn grid(n: usize) -> impl Strategy<Value = Vec<f64>> {
    (-100.0..100.0f64, prop::collection::vec(0.25..4.0f64, n - 1)).prop_map(|(x0, steps)| {
        let mut x = vec![x0];
        for s in steps {
            x.push(x.last().unwrap() + s);
        }
        x
    })
}

fn single(g: Gradient) -> Vec<f64> {
    g.into_single()
        .expect("one axis gives one array")
        .to_f64_vec()
}

/// A float that is often special: NaN, ±inf, ±0, huge, or ordinary.
fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => (-1000i32..1000).prop_map(f64::from),
        6 => -1e6..1e6f64,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(-0.0),
        1 => Just(1e308),
    ]
}

fn shape() -> impl Strategy<Value = Vec<usize>> {
    prop_oneof![
        3 => prop::collection::vec(0usize..7, 1..=4),
        1 => (0usize..300).prop_map(|n| vec![n]),
        1 => prop::collection::vec(1usize..40, 2..=2),
    ]
}

/// An array of `shape` with a random dtype.
fn array(shape: Vec<usize>) -> impl Strategy<Value = Array> {
    let len: usize = shape.iter().product();
    let s = shape;
    prop_oneof![
        4 => prop::collection::vec(float(), len)
            .prop_map({ let s = s.clone(); move |v| Array::from_vec(&s, v).unwrap() }),
        2 => prop::collection::vec(prop_oneof![
                4 => -1000i64..1000,
                1 => any::<i64>(),
            ], len)
            .prop_map({ let s = s.clone(); move |v| Array::from_vec(&s, v).unwrap() }),
        1 => prop::collection::vec(any::<bool>(), len)
            .prop_map(move |v| Array::from_vec(&s, v).unwrap()),
    ]
}

/// One spacing argument for an axis of length `n`: a scalar or coordinates
/// (uniform, non-uniform, integer, boolean, or with a NaN).
fn spacing(n: usize) -> impl Strategy<Value = Array> {
    prop_oneof![
        2 => float().prop_map(Array::scalar_f64),
        1 => (-5i64..5).prop_map(Array::scalar_i64),
        3 => prop::collection::vec(-50.0..50.0f64, n).prop_map(Array::from_f64),
        1 => (-3.0..3.0f64, -3.0..3.0f64)
            .prop_map(move |(x0, h)| Array::from_f64((0..n).map(|k| x0 + h * k as f64).collect())),
        1 => prop::collection::vec(-50i64..50, n).prop_map(Array::from_i64),
        1 => prop::collection::vec(any::<bool>(), n).prop_map(Array::from_bool),
        1 => prop::collection::vec(float(), n).prop_map(Array::from_f64),
    ]
}

/// A whole `np.gradient` call: input, axes, spacing, edge order.
fn gradient_call() -> impl Strategy<Value = (Array, GradientArgs)> {
    shape().prop_flat_map(|shape| {
        let nd = shape.len() as i64;
        let axis = prop_oneof![
            2 => Just(AxisSpec::All),
            1 => (-nd..nd).prop_map(|a| AxisSpec::One(Axis(a))),
            1 => Just((0..nd).collect::<Vec<_>>()).prop_shuffle().prop_flat_map(|v| {
                    let k = v.len();
                    (Just(v), 0..=k)
                })
                .prop_map(|(v, k)| AxisSpec::Many(v[..k].iter().map(|&a| Axis(if a % 2 == 0 { a } else { a - 4 }.max(a - 4).min(a))).collect())),
        ];
        (array(shape.clone()), axis, -1i64..=2, Just(shape))
    })
    .prop_flat_map(|(f, axis, edge_order, shape)| {
        let axes: Vec<usize> = match &axis {
            AxisSpec::All => (0..shape.len()).collect(),
            AxisSpec::One(a) => vec![a.0.rem_euclid(shape.len() as i64) as usize],
            AxisSpec::Many(v) => v.iter().map(|a| a.0.rem_euclid(shape.len() as i64) as usize).collect(),
        };
        let per_axis: Vec<_> = axes.iter().map(|&a| spacing(shape[a])).collect();
        let varargs = prop_oneof![
            1 => Just(Vec::new()),
            1 => float().prop_map(|d| vec![Array::scalar_f64(d)]),
            3 => per_axis,
        ];
        (Just(f), varargs, Just(axis), Just(edge_order))
    })
    .prop_map(|(f, varargs, axis, edge_order)| (f, GradientArgs { varargs, axis, edge_order: EdgeOrder::new(edge_order) }))
}

/// An array with `f`'s elements that is not stored in C order: every other
/// element of a wider array, a reversed copy seen reversed, or a transposed
/// copy seen transposed.
fn strided(f: &Array, how: u8) -> Array {
    let last = f.ndim() - 1;
    match how {
        0 => {
            let mut shape = f.shape().to_vec();
            shape[last] *= 2;
            let wide = Array::zeros(f.dtype(), &shape).unwrap();
            let v = wide.slice_axis(last, None, None, Some(2)).unwrap();
            v.assign(f).unwrap();
            v
        }
        1 => f
            .slice_axis(0, None, None, Some(-1))
            .unwrap()
            .copy()
            .unwrap()
            .slice_axis(0, None, None, Some(-1))
            .unwrap(),
        _ => f.t().copy().unwrap().t(),
    }
}

/// Bit-for-bit equality (every NaN is the same NaN).
fn same_bits(a: &Array, b: &Array) -> bool {
    match (a.dtype(), b.dtype()) {
        (DType::Float64, DType::Float64) => {
            let (x, y) = (a.to_f64_vec(), b.to_f64_vec());
            a.shape() == b.shape()
                && x.iter()
                    .zip(&y)
                    .all(|(p, q)| p.to_bits() == q.to_bits() || (p.is_nan() && q.is_nan()))
        }
        _ => a == b,
    }
}

fn same_gradient(a: &Gradient, b: &Gradient) -> bool {
    match (a, b) {
        (Gradient::One(x), Gradient::One(y)) => same_bits(x, y),
        (Gradient::Many(x), Gradient::Many(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_bits(p, q))
        }
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn linear_data_has_exact_first_order_gradient(
        x in (3usize..60).prop_flat_map(grid), m in -10.0..10.0f64, c in -10.0..10.0f64,
    ) {
        let f = Array::from_f64(x.iter().map(|&x| m * x + c).collect());
        let args = GradientArgs { varargs: vec![Array::from_f64(x.clone())], ..Default::default() };
        let scale = (m.abs() + c.abs()) * 800.0;
        for g in single(gradient(&f, &args).unwrap()) {
            prop_assert!((g - m).abs() <= 1e-11 * scale, "{g} vs {m}");
        }
    }

    #[test]
    fn quadratic_data_has_exact_second_order_gradient(
        x in (3usize..60).prop_flat_map(grid), a in -3.0..3.0f64, b in -3.0..3.0f64, c in -3.0..3.0f64,
    ) {
        let f = Array::from_f64(x.iter().map(|&x| a * x * x + b * x + c).collect());
        let args = GradientArgs { varargs: vec![Array::from_f64(x.clone())], edge_order: EdgeOrder::SECOND, ..Default::default() };
        let xmax = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let scale = (a.abs() * xmax * xmax + b.abs() * xmax + c.abs()) * 16.0;
        for (g, &x) in single(gradient(&f, &args).unwrap()).iter().zip(&x) {
            let want = 2.0 * a * x + b;
            prop_assert!((g - want).abs() <= 1e-11 * scale, "{g} vs {want} at {x}");
        }
    }

    #[test]
    fn constant_has_zero_gradient(
        x in (2usize..60).prop_flat_map(grid), c in -1e6..1e6f64, h in 0.01..10.0f64, edge_order in 1i64..=2,
    ) {
        let f = Array::from_f64(vec![c; x.len()]);
        let uniform = GradientArgs { varargs: vec![Array::scalar_f64(h)], edge_order: EdgeOrder::new(edge_order), ..Default::default() };
        if x.len() > edge_order as usize {
            // Uniform steps: `c - c` is exactly zero, and so is every
            // first-order edge; second-order edge weights sum to zero only
            // up to rounding, as do the non-uniform weights.
            let g = single(gradient(&f, &uniform).unwrap());
            let (ends, mid) = ([g[0], g[g.len() - 1]], &g[1..g.len() - 1]);
            prop_assert!(mid.iter().all(|&g| g == 0.0), "{g:?}");
            let tol = 1e-15 * 8.0 * c.abs() / h;
            prop_assert!(ends.iter().all(|&e| e.abs() <= tol && (edge_order == 2 || e == 0.0)), "{g:?}");
            let coords = GradientArgs { varargs: vec![Array::from_f64(x.clone())], edge_order: EdgeOrder::new(edge_order), ..Default::default() };
            for g in single(gradient(&f, &coords).unwrap()) {
                prop_assert!(g.abs() <= 1e-15 * 64.0 * c.abs() / 0.25, "{g}");
            }
        }
    }

    #[test]
    fn diff_inverts_cumsum(data in prop::collection::vec(any::<i64>(), 0..200)) {
        let mut sum = 0i64;
        let cumsum: Vec<i64> = data.iter().map(|&v| { sum = sum.wrapping_add(v); sum }).collect();
        let args = DiffArgs { prepend: Some(Array::scalar_i64(0)), ..Default::default() };
        prop_assert_eq!(diff(&Array::from_i64(cumsum), &args).unwrap(), Array::from_i64(data));
    }

    #[test]
    fn gradient_kernels_match_reference((f, args) in gradient_call()) {
        let fast = gradient(&f, &args);
        let slow = reference::gradient(&f, &args);
        match (&fast, &slow) {
            (Ok(a), Ok(b)) => prop_assert!(same_gradient(a, b), "{f:?} {args:?}\nfast {a:?}\nslow {b:?}"),
            _ => prop_assert_eq!(fast, slow),
        }
    }

    #[test]
    fn strided_views_match_contiguous_arrays((f, args) in gradient_call(), how in 0u8..3, axis in -3i64..3) {
        // The strided kernels read views in place; the contiguous ones read
        // a copy: same bits, same errors.
        prop_assume!(f.ndim() > 0);
        let view = strided(&f, how);
        match (gradient(&view, &args), gradient(&f, &args)) {
            (Ok(a), Ok(b)) => prop_assert!(same_gradient(&a, &b), "{f:?} {args:?} {how}"),
            (a, b) => prop_assert_eq!(a, b),
        }
        for n in 1..4 {
            let d = DiffArgs { n: DiffOrder::new(n), axis: Axis(axis), ..Default::default() };
            match (diff(&view, &d), diff(&f, &d)) {
                (Ok(a), Ok(b)) => prop_assert!(same_bits(&a, &b), "{f:?} n={n} axis={axis} {how}"),
                (a, b) => prop_assert_eq!(a, b),
            }
        }
    }

    #[test]
    fn diff_kernels_match_reference(
        (a, axis) in shape().prop_flat_map(|s| { let nd = s.len() as i64; (array(s), -nd - 1..=nd) }),
        n in prop_oneof![4 => 0i64..4, 1 => 4i64..12, 1 => -1i64..0],
        prepend in prop::option::of(prop_oneof![float().prop_map(Array::scalar_f64), (-9i64..9).prop_map(Array::scalar_i64), any::<bool>().prop_map(Array::scalar_bool)]),
        append in prop::option::of(prop_oneof![float().prop_map(Array::scalar_f64), (-9i64..9).prop_map(Array::scalar_i64), any::<bool>().prop_map(Array::scalar_bool)]),
    ) {
        let args = DiffArgs { n: DiffOrder::new(n), axis: Axis(axis), prepend, append };
        let fast = diff(&a, &args);
        let slow = reference::diff(&a, &args);
        match (&fast, &slow) {
            (Ok(x), Ok(y)) => prop_assert!(same_bits(x, y), "{a:?} {args:?}\nfast {x:?}\nslow {y:?}"),
            _ => prop_assert_eq!(fast, slow),
        }
    }
}

/// Lanes longer than the kernels' chunks and blocks, for every spacing kind
/// and edge order, on 1-D and on both axes of 2-D data.
#[test]
fn long_lanes_match_reference() {
    let n = 70_001;
    let f: Vec<f64> = (0..n)
        .map(|k| ((k * 7919) % 1000) as f64 * 0.37 - 11.0)
        .collect();
    let x: Vec<f64> = (0..n)
        .map(|k| k as f64 + ((k * 31) % 7) as f64 * 0.1)
        .collect();
    let one_d = Array::from_f64(f.clone());
    let two_d = Array::from_vec(&[7, 10_000], f[..70_000].to_vec()).unwrap();
    for edge_order in [1, 2] {
        for varargs in [
            vec![],
            vec![Array::scalar_f64(0.3)],
            vec![Array::scalar_f64(0.25)],
            vec![Array::from_f64(x.clone())],
        ] {
            let args = GradientArgs {
                varargs,
                edge_order: EdgeOrder::new(edge_order),
                ..Default::default()
            };
            let (fast, slow) = (
                gradient(&one_d, &args).unwrap(),
                reference::gradient(&one_d, &args).unwrap(),
            );
            assert!(same_gradient(&fast, &slow), "1-D {:?}", args.varargs.len());
        }
        let args = GradientArgs {
            edge_order: EdgeOrder::new(edge_order),
            ..Default::default()
        };
        let (fast, slow) = (
            gradient(&two_d, &args).unwrap(),
            reference::gradient(&two_d, &args).unwrap(),
        );
        assert!(same_gradient(&fast, &slow));
    }
    for n in [1, 2, 3] {
        for axis in [-1, 0] {
            let args = DiffArgs {
                n: DiffOrder::new(n),
                axis: Axis(axis),
                ..Default::default()
            };
            let a = if axis == 0 { &two_d } else { &one_d };
            assert!(
                same_bits(
                    &diff(a, &args).unwrap(),
                    &reference::diff(a, &args).unwrap()
                ),
                "n={n}"
            );
        }
    }
    // n > BLOCK / 4 grows the diff kernel's blocks.
    let short = Array::from_f64(f[..10_000].to_vec());
    let args = DiffArgs {
        n: DiffOrder::new(1500),
        ..Default::default()
    };
    assert!(same_bits(
        &diff(&short, &args).unwrap(),
        &reference::diff(&short, &args).unwrap()
    ));
}

/// Arrays that are not in row-major order (transposed, strided views as the
/// evaluator may pass) give the same results as their row-major copies.
#[test]
fn non_contiguous_inputs() {
    let base = ArrayD::from_shape_fn(IxDyn(&[5, 7]), |i| (i[0] * 10 + i[1] * i[1]) as f64);
    let t = Array::from_ndarray(base).t();
    let copy = t.copy().unwrap();
    assert!(!t.is_c_contiguous() && copy.is_c_contiguous());
    let (f, g) = (t, copy);
    for edge_order in [1, 2] {
        let args = GradientArgs {
            edge_order: EdgeOrder::new(edge_order),
            ..Default::default()
        };
        assert_eq!(gradient(&f, &args).unwrap(), gradient(&g, &args).unwrap());
    }
    for axis in [0, 1] {
        let args = DiffArgs {
            axis: Axis(axis),
            n: DiffOrder::new(2),
            ..Default::default()
        };
        assert_eq!(diff(&f, &args).unwrap(), diff(&g, &args).unwrap());
    }
}
