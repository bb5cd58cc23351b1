//! Whole-array cases: the examples of numpy-printing.md (numpy 2.4.6
//! output), one per line. Element-level rules are tested next to their
//! code; the oracle corpus lives in `tests/format_random.rs`.

use super::*;

fn fl(shape: &[usize], v: Vec<f64>) -> Array {
    Array::from_vec(shape, v).unwrap()
}
fn f1(v: &[f64]) -> Array {
    Array::from_f64(v.to_vec())
}
fn int(shape: &[usize], v: Vec<i64>) -> Array {
    Array::from_vec(shape, v).unwrap()
}
fn boo(shape: &[usize], v: Vec<bool>) -> Array {
    Array::from_vec(shape, v).unwrap()
}
/// `np.arange(n).reshape(shape)` for `n = prod(shape)`.
fn arange(shape: &[usize]) -> Array {
    int(shape, (0..shape.iter().product::<usize>() as i64).collect())
}
/// `np.arange(float(n)).reshape(shape)`, each element passed through `g`.
fn arangef(shape: &[usize], g: impl Fn(f64) -> f64) -> Array {
    let n = shape.iter().product::<usize>();
    fl(shape, (0..n).map(|i| g(i as f64)).collect())
}

#[track_caller]
fn check(a: Array, repr: &str, str: &str) {
    let o = PrintOptions::default();
    assert_eq!(array_repr(&a, &o), repr, "repr");
    assert_eq!(array_str(&a, &o), str, "str");
}

#[track_caller]
fn check_with(o: PrintOptions, a: Array, repr: &str, str: &str) {
    assert_eq!(array_repr(&a, &o), repr, "repr");
    assert_eq!(array_str(&a, &o), str, "str");
}

#[test]
fn e4_n3_zero_d_arrays() {
    check(
        Array::scalar_f64(0.30000000000000004),
        "array(0.3)",
        "0.30000000000000004",
    );
    check(
        Array::scalar_f64(123456789.123),
        "array(1.23456789e+08)",
        "123456789.123",
    );
    check(Array::scalar_f64(1e-5), "array(1.e-05)", "1e-05");
    check(Array::scalar_f64(-0.0), "array(-0.)", "-0.0");
    check(Array::scalar_f64(1.0), "array(1.)", "1.0");
    check(Array::scalar_f64(f64::NAN), "array(nan)", "nan");
    check(Array::scalar_f64(f64::NEG_INFINITY), "array(-inf)", "-inf");
    check(Array::scalar_i64(-42), "array(-42)", "-42");
    check(Array::scalar_bool(true), "array(True)", "True");
    check(Array::scalar_bool(false), "array(False)", "False");
}

#[test]
fn b1_i1_bools_and_ints() {
    check(
        boo(&[2], vec![true, true]),
        "array([ True,  True])",
        "[ True  True]",
    );
    check(boo(&[1], vec![false]), "array([False])", "[False]");
    check(
        boo(&[2, 2], vec![true, false, false, true]),
        "array([[ True, False],\n       [False,  True]])",
        "[[ True False]\n [False  True]]",
    );
    check(int(&[2], vec![-10, 5]), "array([-10,   5])", "[-10   5]");
    check(
        int(&[2, 2], vec![1, -200, 30, 4]),
        "array([[   1, -200],\n       [  30,    4]])",
        "[[   1 -200]\n [  30    4]]",
    );
    check(
        int(&[5], vec![-2, -1, 0, 1, 2]),
        "array([-2, -1,  0,  1,  2])",
        "[-2 -1  0  1  2]",
    );
    check(
        int(&[2], vec![i64::MAX, -i64::MAX]),
        "array([ 9223372036854775807, -9223372036854775807])",
        "[ 9223372036854775807 -9223372036854775807]",
    );
}

#[test]
fn f_rules_through_the_array_printer() {
    check(
        f1(&[1., 2.5, 3.25]),
        "array([1.  , 2.5 , 3.25])",
        "[1.   2.5  3.25]",
    );
    check(
        f1(&[1., 1001.]),
        "array([1.000e+00, 1.001e+03])",
        "[1.000e+00 1.001e+03]",
    );
    check(f1(&[f64::NAN, -0.]), "array([nan, -0.])", "[nan -0.]");
    check(
        f1(&[-f64::INFINITY, -123.456]),
        "array([    -inf, -123.456])",
        "[    -inf -123.456]",
    );
    // Section 7's walk-through.
    check(
        fl(&[2, 3], vec![1.5, -0.0, f64::NAN, 1000., 2.25, -3.]),
        "array([[   1.5 ,   -0.  ,     nan],\n       [1000.  ,    2.25,   -3.  ]])",
        "[[   1.5    -0.       nan]\n [1000.      2.25   -3.  ]]",
    );
}

#[test]
fn l2_nested_blocks() {
    check(
        arangef(&[2, 3], |x| x),
        "array([[0., 1., 2.],\n       [3., 4., 5.]])",
        "[[0. 1. 2.]\n [3. 4. 5.]]",
    );
    check(
        arange(&[2, 3, 4]),
        "array([[[ 0,  1,  2,  3],\n        [ 4,  5,  6,  7],\n        [ 8,  9, 10, 11]],\n\n       [[12, 13, 14, 15],\n        [16, 17, 18, 19],\n        [20, 21, 22, 23]]])",
        "[[[ 0  1  2  3]\n  [ 4  5  6  7]\n  [ 8  9 10 11]]\n\n [[12 13 14 15]\n  [16 17 18 19]\n  [20 21 22 23]]]",
    );
    check(
        arangef(&[2, 2, 2, 2], |x| x),
        "array([[[[ 0.,  1.],\n         [ 2.,  3.]],\n\n        [[ 4.,  5.],\n         [ 6.,  7.]]],\n\n\n       [[[ 8.,  9.],\n         [10., 11.]],\n\n        [[12., 13.],\n         [14., 15.]]]])",
        "[[[[ 0.  1.]\n   [ 2.  3.]]\n\n  [[ 4.  5.]\n   [ 6.  7.]]]\n\n\n [[[ 8.  9.]\n   [10. 11.]]\n\n  [[12. 13.]\n   [14. 15.]]]]",
    );
    check(
        arange(&[1, 1, 6]),
        "array([[[0, 1, 2, 3, 4, 5]]])",
        "[[[0 1 2 3 4 5]]]",
    );
}

#[test]
fn l3_wrapping() {
    check(
        arange(&[30]),
        "array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,\n       17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29])",
        "[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29]",
    );
    check(
        arangef(&[2, 7], |x| x / 3.),
        "array([[0.        , 0.33333333, 0.66666667, 1.        , 1.33333333,\n        1.66666667, 2.        ],\n       [2.33333333, 2.66666667, 3.        , 3.33333333, 3.66666667,\n        4.        , 4.33333333]])",
        "[[0.         0.33333333 0.66666667 1.         1.33333333 1.66666667\n  2.        ]\n [2.33333333 2.66666667 3.         3.33333333 3.66666667 4.\n  4.33333333]]",
    );
    check(
        arangef(&[5], |x| (x + 1.).powi(10)),
        "array([1.000000e+00, 1.024000e+03, 5.904900e+04, 1.048576e+06,\n       9.765625e+06])",
        "[1.000000e+00 1.024000e+03 5.904900e+04 1.048576e+06 9.765625e+06]",
    );
}

#[test]
fn s1_s2_l5_l6_summarised() {
    check(
        arange(&[2000]),
        "array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))",
        "[   0    1    2 ... 1997 1998 1999]",
    );
    // S2: the hidden middle (about +-2) would force scientific notation.
    check(
        arangef(&[1001], |x| 1. / (x - 500.5)),
        "array([-0.001998  , -0.002002  , -0.00200602, ...,  0.00201005,\n        0.00200602,  0.002002  ], shape=(1001,))",
        "[-0.001998   -0.002002   -0.00200602 ...  0.00201005  0.00200602\n  0.002002  ]",
    );
    check(
        arange(&[1001, 3]),
        "array([[   0,    1,    2],\n       [   3,    4,    5],\n       [   6,    7,    8],\n       ...,\n       [2994, 2995, 2996],\n       [2997, 2998, 2999],\n       [3000, 3001, 3002]], shape=(1001, 3))",
        "[[   0    1    2]\n [   3    4    5]\n [   6    7    8]\n ...\n [2994 2995 2996]\n [2997 2998 2999]\n [3000 3001 3002]]",
    );
    check(
        arangef(&[2, 1000], |x| x),
        "array([[0.000e+00, 1.000e+00, 2.000e+00, ..., 9.970e+02, 9.980e+02,\n        9.990e+02],\n       [1.000e+03, 1.001e+03, 1.002e+03, ..., 1.997e+03, 1.998e+03,\n        1.999e+03]], shape=(2, 1000))",
        "[[0.000e+00 1.000e+00 2.000e+00 ... 9.970e+02 9.980e+02 9.990e+02]\n [1.000e+03 1.001e+03 1.002e+03 ... 1.997e+03 1.998e+03 1.999e+03]]",
    );
    check(
        arange(&[7, 1, 150]),
        "array([[[   0,    1,    2, ...,  147,  148,  149]],\n\n       [[ 150,  151,  152, ...,  297,  298,  299]],\n\n       [[ 300,  301,  302, ...,  447,  448,  449]],\n\n       ...,\n\n       [[ 600,  601,  602, ...,  747,  748,  749]],\n\n       [[ 750,  751,  752, ...,  897,  898,  899]],\n\n       [[ 900,  901,  902, ..., 1047, 1048, 1049]]], shape=(7, 1, 150))",
        "[[[   0    1    2 ...  147  148  149]]\n\n [[ 150  151  152 ...  297  298  299]]\n\n [[ 300  301  302 ...  447  448  449]]\n\n ...\n\n [[ 600  601  602 ...  747  748  749]]\n\n [[ 750  751  752 ...  897  898  899]]\n\n [[ 900  901  902 ... 1047 1048 1049]]]",
    );
    // Exactly 1000 elements are printed in full; no shape suffix.
    let full = array_repr(&arange(&[1000]), &PrintOptions::default());
    assert!(full.ends_with(" 997, 998, 999])") && !full.contains("..."));
}

#[test]
fn r1_r2_suffix() {
    check(f1(&[]), "array([], dtype=float64)", "[]");
    check(
        fl(&[0, 3], vec![]),
        "array([], shape=(0, 3), dtype=float64)",
        "[]",
    );
    check(
        int(&[2, 0], vec![]),
        "array([], shape=(2, 0), dtype=int64)",
        "[]",
    );
    check(
        boo(&[0, 2, 3], vec![]),
        "array([], shape=(0, 2, 3), dtype=bool)",
        "[]",
    );
    let big = |g: fn(i64) -> i64, shape: &[usize]| {
        int(
            shape,
            (0..shape.iter().product::<usize>() as i64).map(g).collect(),
        )
    };
    check(
        big(|x| x * 1001, &[2, 1001]),
        "array([[      0,    1001,    2002, ...,  998998,  999999, 1001000],\n       [1002001, 1003002, 1004003, ..., 2000999, 2002000, 2003001]],\n      shape=(2, 1001))",
        "[[      0    1001    2002 ...  998998  999999 1001000]\n [1002001 1003002 1004003 ... 2000999 2002000 2003001]]",
    );
    check(
        big(|x| x * 1_000_000_000_000, &[1001]),
        "array([               0,    1000000000000,    2000000000000, ...,\n        998000000000000,  999000000000000, 1000000000000000],\n      shape=(1001,))",
        "[               0    1000000000000    2000000000000 ...  998000000000000\n  999000000000000 1000000000000000]",
    );
}

#[test]
fn e5_tuple_items_keep_their_indent() {
    let o = PrintOptions::default();
    let items = [
        fl(&[2, 2], vec![2., 3., 2., 3.]),
        fl(&[2, 2], vec![1., 1., 2., 2.]),
    ];
    let reprs: Vec<String> = items.iter().map(|a| array_repr(a, &o)).collect();
    assert_eq!(
        tuple_repr(&reprs),
        "(array([[2., 3.],\n       [2., 3.]]), array([[1., 1.],\n       [2., 2.]]))"
    );
}

#[test]
fn print_options() {
    let o = |precision, linewidth, threshold, edgeitems| PrintOptions {
        precision: Some(precision),
        linewidth,
        threshold: Threshold::Int(threshold),
        edgeitems,
        ..PrintOptions::default()
    };
    // numpy 2.4.6 under np.printoptions(...).
    check_with(
        o(3, 75, 1000, 3),
        f1(&[1. / 3., 0.1]),
        "array([0.333, 0.1  ])",
        "[0.333 0.1  ]",
    );
    check_with(
        o(8, 11, 1000, 3),
        arange(&[3]),
        "array([0,\n       1,\n       2])",
        "[0 1 2]",
    );
    check_with(
        o(8, 8, 1000, 3),
        arange(&[5]),
        "array([0,\n       1,\n       2,\n       3,\n       4])",
        "[0 1 2\n 3 4]",
    );
    check_with(
        o(8, 75, 0, 3),
        Array::scalar_f64(5.),
        "array(5., shape=())",
        "5.0",
    );
    check_with(
        o(8, 75, 5, 0),
        arange(&[10]),
        "array([..., 9], shape=(10,))",
        "[... 9]",
    );
    check_with(
        o(8, 75, 5, 0),
        arange(&[3, 4]),
        "array([...,\n       [..., 11]], shape=(3, 4))",
        "[...\n [... 11]]",
    );
    check_with(
        o(8, 75, 5, 1),
        arange(&[10]),
        "array([0, ..., 9], shape=(10,))",
        "[0 ... 9]",
    );
}

#[test]
fn summarised_cost_depends_on_printed_elements_only() {
    // 10^6 elements: only 6 x 6 are formatted, so this is instant even in
    // a debug build; a formatter that looked at every element would not
    // change the output but would take far longer than the bound.
    let a = arangef(&[1000, 1000], |x| x * 0.5);
    let o = PrintOptions::default();
    let start = std::time::Instant::now();
    let r = array_repr(&a, &o);
    let elapsed = start.elapsed();
    assert_eq!(
        r,
        "array([[0.000000e+00, 5.000000e-01, 1.000000e+00, ..., 4.985000e+02,\n        4.990000e+02, 4.995000e+02],\n       [5.000000e+02, 5.005000e+02, 5.010000e+02, ..., 9.985000e+02,\n        9.990000e+02, 9.995000e+02],\n       [1.000000e+03, 1.000500e+03, 1.001000e+03, ..., 1.498500e+03,\n        1.499000e+03, 1.499500e+03],\n       ...,\n       [4.985000e+05, 4.985005e+05, 4.985010e+05, ..., 4.989985e+05,\n        4.989990e+05, 4.989995e+05],\n       [4.990000e+05, 4.990005e+05, 4.990010e+05, ..., 4.994985e+05,\n        4.994990e+05, 4.994995e+05],\n       [4.995000e+05, 4.995005e+05, 4.995010e+05, ..., 4.999985e+05,\n        4.999990e+05, 4.999995e+05]], shape=(1000, 1000))"
    );
    assert!(
        elapsed.as_millis() < 200,
        "summarised repr took {elapsed:?}"
    );
}

/// Timings for the report: `cargo test --release --lib format::tests::timings
/// -- --ignored --nocapture`.
#[test]
#[ignore = "prints timings only"]
fn timings() {
    let o = PrintOptions::default();
    let cases = [
        (
            "10^6 floats, summarised",
            arangef(&[1000, 1000], |x| x / 7.),
        ),
        ("1000 floats, full", arangef(&[1000], |x| x / 7.)),
        ("1000 ints, full", arange(&[1000])),
        (
            "10x10x10 floats, full",
            arangef(&[10, 10, 10], |x| x.sqrt()),
        ),
    ];
    for (name, a) in cases {
        let runs = 200;
        let start = std::time::Instant::now();
        for _ in 0..runs {
            std::hint::black_box(array_repr(&a, &o));
        }
        println!("{name}: {:?} per repr", start.elapsed() / runs);
    }
}
