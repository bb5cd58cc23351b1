//! The language end to end: statements evaluated by gradlab must show what
//! Python with NumPy 2.4 shows. Every expected text below was produced by
//! running the same statement in Python 3.11 with NumPy 2.4.6 (`repr` of the
//! value, printed text, or `ExceptionType: message`).

use crate::quiet;
use gradlab::eval::Session;
use gradlab::notebook::run_script;
use gradlab::script::Script;
use quiet::output_text;

/// Runs `setup` then `stmt` (with `np.` prefixes as written) and returns
/// what the statement's cell shows.
fn shown(setup: &str, stmt: &str) -> String {
    let mut session = Session::new();
    let src = format!("{setup}\n{stmt}\n");
    let cells = run_script(&mut session, &Script::parse(&src), |_, _| {});
    for c in &cells[..cells.len() - 1] {
        assert!(
            !c.has_error(),
            "setup failed: {setup}: {:?}",
            output_text(&session, c)
        );
    }
    output_text(&session, cells.last().expect("one cell")).unwrap_or_default()
}

#[test]
fn statements_show_what_numpy_shows() {
    let mut failures = Vec::new();
    let mut case = |setup: &str, stmt: &str, want: &str| {
        let got = shown(setup, stmt);
        if got != want {
            failures.push(format!("{stmt}\n    want: {want}\n    got:  {got}"));
        }
    };
    case(r#""#, r#"1 + 2"#, r#"3"#);
    case(r#""#, r#"7 / 2"#, r#"3.5"#);
    case(r#""#, r#"7 // 2"#, r#"3"#);
    case(r#""#, r#"-7 // 2"#, r#"-4"#);
    case(r#""#, r#"-7 % 3"#, r#"2"#);
    case(r#""#, r#"2 ** -1"#, r#"0.5"#);
    case(r#""#, r#"-2 ** 2"#, r#"-4"#);
    case(r#""#, r#"2 ** 3 ** 2"#, r#"512"#);
    case(r#""#, r#"1 / 0"#, r#"ZeroDivisionError: division by zero"#);
    case(
        r#""#,
        r#"1.0 / 0"#,
        r#"ZeroDivisionError: float division by zero"#,
    );
    case(
        r#""#,
        r#"5 % 0"#,
        r#"ZeroDivisionError: integer modulo by zero"#,
    );
    case(r#""#, r#"1e-3"#, r#"0.001"#);
    case(r#""#, r#"1_000 + .5"#, r#"1000.5"#);
    case(r#""#, r#"True + True"#, r#"2"#);
    case(r#""#, r#"'a' + 'b'"#, r#"'ab'"#);
    case(r#""#, r#"[1, 2] + [3]"#, r#"[1, 2, 3]"#);
    case(r#""#, r#"(1, 2) * 2"#, r#"(1, 2, 1, 2)"#);
    case(r#""#, r#"3 < 4 < 5"#, r#"True"#);
    case(r#""#, r#"1 if 2 > 3 else 4"#, r#"4"#);
    case(r#""#, r#"np.array([1, 2, 3]) + 1"#, r#"array([2, 3, 4])"#);
    case(
        r#""#,
        r#"np.array([1, 2, 3]) + 1.5"#,
        r#"array([2.5, 3.5, 4.5])"#,
    );
    case(
        r#""#,
        r#"np.array([1, 2, 3]) / 2"#,
        r#"array([0.5, 1. , 1.5])"#,
    );
    case(r#""#, r#"np.array([True, False]) + 1"#, r#"array([2, 1])"#);
    case(
        r#""#,
        r#"np.array([True, False]) - np.array([True, True])"#,
        r#"TypeError: numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."#,
    );
    case(
        r#""#,
        r#"-np.array([True])"#,
        r#"TypeError: The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead."#,
    );
    case(
        r#""#,
        r#"np.array([1, 2]) ** -1"#,
        r#"ValueError: Integers to negative integer powers are not allowed."#,
    );
    case(r#""#, r#"np.array([1., 2.]) ** -1"#, r#"array([1. , 0.5])"#);
    case(r#""#, r#"np.array([5, -5]) // 0"#, r#"array([0, 0])"#);
    case(
        r#""#,
        r#"np.array([5., -5., 0.]) / 0"#,
        r#"array([ inf, -inf,  nan])"#,
    );
    case(r#""#, r#"np.array([-7, 7]) % 3"#, r#"array([2, 1])"#);
    case(
        r#""#,
        r#"np.array([-7.5, 7.5]) % 2"#,
        r#"array([0.5, 1.5])"#,
    );
    case(
        r#""#,
        r#"np.array([-7.5, 7.5]) // 2"#,
        r#"array([-4.,  3.])"#,
    );
    case(
        r#""#,
        r#"np.array([1, 2, 3]) > 2"#,
        r#"array([False, False,  True])"#,
    );
    case(
        r#""#,
        r#"np.array([1., np.nan]) == np.nan"#,
        r#"array([False, False])"#,
    );
    case(
        r#""#,
        r#"np.array([[1, 2], [3, 4]]) * np.array([10, 100])"#,
        r#"array([[ 10, 200],
       [ 30, 400]])"#,
    );
    case(
        r#""#,
        r#"np.array([1, 2]) + np.array([1, 2, 3])"#,
        r#"ValueError: operands could not be broadcast together with shapes (2,) (3,) "#,
    );
    case(r#""#, r#"np.array(2.0) + 1"#, r#"np.float64(3.0)"#);
    case(r#""#, r#"np.array(3) / np.array(4)"#, r#"np.float64(0.75)"#);
    case(r#""#, r#"np.float64(2.5) * 2"#, r#"np.float64(5.0)"#);
    case(r#""#, r#"np.int64(7) // 2"#, r#"np.int64(3)"#);
    case(
        r#""#,
        r#"np.array([9223372036854775807]) + 1"#,
        r#"array([-9223372036854775808])"#,
    );
    case(
        r#""#,
        r#"np.array([2]) ** 63"#,
        r#"array([-9223372036854775808])"#,
    );
    case(
        r#"a = np.arange(10)"#,
        r#"a[1:-1]"#,
        r#"array([1, 2, 3, 4, 5, 6, 7, 8])"#,
    );
    case(
        r#"a = np.arange(10)"#,
        r#"a[::2]"#,
        r#"array([0, 2, 4, 6, 8])"#,
    );
    case(
        r#"a = np.arange(10)"#,
        r#"a[::-3]"#,
        r#"array([9, 6, 3, 0])"#,
    );
    case(r#"a = np.arange(10)"#, r#"a[-1]"#, r#"np.int64(9)"#);
    case(
        r#"a = np.arange(10)"#,
        r#"a[10]"#,
        r#"IndexError: index 10 is out of bounds for axis 0 with size 10"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m[:, 0]"#,
        r#"array([0, 4, 8])"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m[1, 2]"#,
        r#"np.int64(6)"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m[1]"#,
        r#"array([4, 5, 6, 7])"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m[..., 1]"#,
        r#"array([1, 5, 9])"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m[None, 0].shape"#,
        r#"(1, 4)"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m[m > 5]"#,
        r#"array([ 6,  7,  8,  9, 10, 11])"#,
    );
    case(
        r#"a = np.arange(10)"#,
        r#"a[[1, 3, -1]]"#,
        r#"array([1, 3, 9])"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m[1, 2, 3]"#,
        r#"IndexError: too many indices for array: array is 2-dimensional, but 3 were indexed"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.T"#,
        r#"array([[ 0,  4,  8],
       [ 1,  5,  9],
       [ 2,  6, 10],
       [ 3,  7, 11]])"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.shape"#,
        r#"(3, 4)"#,
    );
    case(r#"m = np.arange(12).reshape(3, 4)"#, r#"m.ndim"#, r#"2"#);
    case(r#"m = np.arange(12).reshape(3, 4)"#, r#"m.size"#, r#"12"#);
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.dtype"#,
        r#"dtype('int64')"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.sum()"#,
        r#"np.int64(66)"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.sum(axis=0)"#,
        r#"array([12, 15, 18, 21])"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.mean()"#,
        r#"np.float64(5.5)"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.mean(axis=1)"#,
        r#"array([1.5, 5.5, 9.5])"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.min()"#,
        r#"np.int64(0)"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.max(axis=0)"#,
        r#"array([ 8,  9, 10, 11])"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.std()"#,
        r#"np.float64(3.452052529534663)"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.astype(float)"#,
        r#"array([[ 0.,  1.,  2.,  3.],
       [ 4.,  5.,  6.,  7.],
       [ 8.,  9., 10., 11.]])"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.tolist()"#,
        r#"[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.reshape(2, 6)"#,
        r#"array([[ 0,  1,  2,  3,  4,  5],
       [ 6,  7,  8,  9, 10, 11]])"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.reshape((4, -1))"#,
        r#"array([[ 0,  1,  2],
       [ 3,  4,  5],
       [ 6,  7,  8],
       [ 9, 10, 11]])"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.reshape(5, 2)"#,
        r#"ValueError: cannot reshape array of size 12 into shape (5,2)"#,
    );
    case(
        r#"m = np.arange(12).reshape(3, 4)"#,
        r#"m.copy()[0]"#,
        r#"array([0, 1, 2, 3])"#,
    );
    case(
        r#""#,
        r#"np.linspace(0, 1, 5)"#,
        r#"array([0.  , 0.25, 0.5 , 0.75, 1.  ])"#,
    );
    case(
        r#""#,
        r#"np.linspace(0, 1, 5, endpoint=False)"#,
        r#"array([0. , 0.2, 0.4, 0.6, 0.8])"#,
    );
    case(
        r#""#,
        r#"np.linspace(0, 1, 7, retstep=True)"#,
        r#"(array([0.        , 0.16666667, 0.33333333, 0.5       , 0.66666667,
       0.83333333, 1.        ]), np.float64(0.16666666666666666))"#,
    );
    case(
        r#""#,
        r#"np.linspace(2, 3, -1)"#,
        r#"ValueError: Number of samples, -1, must be non-negative."#,
    );
    case(
        r#""#,
        r#"np.linspace(-1, 1, 11)"#,
        r#"array([-1. , -0.8, -0.6, -0.4, -0.2,  0. ,  0.2,  0.4,  0.6,  0.8,  1. ])"#,
    );
    case(
        r#""#,
        r#"np.arange(0, 1, 0.1)"#,
        r#"array([0. , 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])"#,
    );
    case(r#""#, r#"np.arange(5)"#, r#"array([0, 1, 2, 3, 4])"#);
    case(r#""#, r#"np.arange(1, 10, 3)"#, r#"array([1, 4, 7])"#);
    case(
        r#""#,
        r#"np.arange(10, 1, -2)"#,
        r#"array([10,  8,  6,  4,  2])"#,
    );
    case(r#""#, r#"np.arange(0.5, 3)"#, r#"array([0.5, 1.5, 2.5])"#);
    case(
        r#""#,
        r#"np.zeros((2, 3))"#,
        r#"array([[0., 0., 0.],
       [0., 0., 0.]])"#,
    );
    case(r#""#, r#"np.ones(3, dtype=int)"#, r#"array([1, 1, 1])"#);
    case(
        r#""#,
        r#"np.full((2, 2), 7)"#,
        r#"array([[7, 7],
       [7, 7]])"#,
    );
    case(r#""#, r#"np.full(3, 2.5)"#, r#"array([2.5, 2.5, 2.5])"#);
    case(
        r#""#,
        r#"np.zeros_like(np.array([1, 2]))"#,
        r#"array([0, 0])"#,
    );
    case(
        r#""#,
        r#"np.ones_like(np.array([[1.5]]))"#,
        r#"array([[1.]])"#,
    );
    case(
        r#""#,
        r#"np.meshgrid(np.arange(3), np.arange(2))"#,
        r#"(array([[0, 1, 2],
       [0, 1, 2]]), array([[0, 0, 0],
       [1, 1, 1]]))"#,
    );
    case(
        r#""#,
        r#"np.meshgrid(np.arange(3), np.arange(2), indexing='ij')"#,
        r#"(array([[0, 0],
       [1, 1],
       [2, 2]]), array([[0, 1],
       [0, 1],
       [0, 1]]))"#,
    );
    case(
        r#""#,
        r#"np.cumsum(np.array([1, 2, 3]))"#,
        r#"array([1, 3, 6])"#,
    );
    case(
        r#""#,
        r#"np.cumsum(np.array([[1, 2], [3, 4]]), axis=0)"#,
        r#"array([[1, 2],
       [4, 6]])"#,
    );
    case(
        r#""#,
        r#"np.cumsum(np.array([True, True]))"#,
        r#"array([1, 2])"#,
    );
    case(
        r#""#,
        r#"np.sum(np.array([0.1] * 10))"#,
        r#"np.float64(1.0)"#,
    );
    case(
        r#""#,
        r#"np.sum(np.linspace(0, 1, 1001))"#,
        r#"np.float64(500.5)"#,
    );
    case(
        r#""#,
        r#"np.mean(np.arange(10001))"#,
        r#"np.float64(5000.0)"#,
    );
    case(
        r#""#,
        r#"np.std(np.array([1., 2., 4., 8.]))"#,
        r#"np.float64(2.680951323690902)"#,
    );
    case(
        r#""#,
        r#"np.sum(np.array([True, False, True]))"#,
        r#"np.int64(2)"#,
    );
    case(
        r#""#,
        r#"np.max(np.array([1., np.nan]))"#,
        r#"np.float64(nan)"#,
    );
    case(
        r#""#,
        r#"np.min(np.array([]))"#,
        r#"ValueError: zero-size array to reduction operation minimum which has no identity"#,
    );
    case(r#""#, r#"np.abs(np.array([-1, 2]))"#, r#"array([1, 2])"#);
    case(r#""#, r#"np.abs(-2.5)"#, r#"np.float64(2.5)"#);
    case(
        r#""#,
        r#"np.sqrt(np.array([1, 4, 9]))"#,
        r#"array([1., 2., 3.])"#,
    );
    case(r#""#, r#"np.sqrt(-1.0)"#, r#"np.float64(nan)"#);
    case(r#""#, r#"np.exp(1)"#, r#"np.float64(2.718281828459045)"#);
    case(
        r#""#,
        r#"np.log(np.array([1., np.e]))"#,
        r#"array([0., 1.])"#,
    );
    case(r#""#, r#"np.log10(1000)"#, r#"np.float64(3.0)"#);
    case(r#""#, r#"np.log2(8)"#, r#"np.float64(3.0)"#);
    case(r#""#, r#"np.sin(np.pi / 2)"#, r#"np.float64(1.0)"#);
    case(
        r#""#,
        r#"np.cos(np.array([0., np.pi]))"#,
        r#"array([ 1., -1.])"#,
    );
    case(
        r#""#,
        r#"np.arctan2(1, 1)"#,
        r#"np.float64(0.7853981633974483)"#,
    );
    case(r#""#, r#"np.hypot(3, 4)"#, r#"np.float64(5.0)"#);
    case(
        r#""#,
        r#"np.hypot(np.array([3., 5.]), np.array([4., 12.]))"#,
        r#"array([ 5., 13.])"#,
    );
    case(
        r#""#,
        r#"np.square(np.array([1, 2, 3]))"#,
        r#"array([1, 4, 9])"#,
    );
    case(
        r#""#,
        r#"np.sign(np.array([-2., 0., 3., np.nan]))"#,
        r#"array([-1.,  0.,  1., nan])"#,
    );
    case(
        r#""#,
        r#"np.floor(np.array([1.5, -1.5]))"#,
        r#"array([ 1., -2.])"#,
    );
    case(
        r#""#,
        r#"np.ceil(np.array([1.5, -1.5]))"#,
        r#"array([ 2., -1.])"#,
    );
    case(r#""#, r#"np.floor(np.array([1, 2]))"#, r#"array([1, 2])"#);
    case(
        r#""#,
        r#"np.round(np.array([0.5, 1.5, 2.5, 2.675]), 2)"#,
        r#"array([0.5 , 1.5 , 2.5 , 2.68])"#,
    );
    case(
        r#""#,
        r#"np.round(np.array([0.5, 1.5, 2.5]))"#,
        r#"array([0., 2., 2.])"#,
    );
    case(
        r#""#,
        r#"np.isnan(np.array([1., np.nan]))"#,
        r#"array([False,  True])"#,
    );
    case(
        r#""#,
        r#"np.isfinite(np.array([1., np.inf, np.nan]))"#,
        r#"array([ True, False, False])"#,
    );
    case(
        r#""#,
        r#"np.where(np.array([1, -2, 3]) > 0, 1, 0)"#,
        r#"array([1, 0, 1])"#,
    );
    case(
        r#""#,
        r#"np.where(np.array([1, -2, 3]) > 0)"#,
        r#"(array([0, 2]),)"#,
    );
    case(
        r#""#,
        r#"np.where(np.array([1, -2, 3]) > 0, np.array([1., 2., 3.]), 0)"#,
        r#"array([1., 0., 3.])"#,
    );
    case(
        r#""#,
        r#"np.allclose(np.array([1., 2.]), np.array([1., 2.0000001]))"#,
        r#"True"#,
    );
    case(
        r#""#,
        r#"np.isclose(np.array([1., np.nan]), np.array([1., np.nan]), equal_nan=True)"#,
        r#"array([ True,  True])"#,
    );
    case(
        r#""#,
        r#"np.maximum(np.array([1, 5]), 3)"#,
        r#"array([3, 5])"#,
    );
    case(
        r#""#,
        r#"np.minimum(np.array([1., np.nan]), 3)"#,
        r#"array([ 1., nan])"#,
    );
    case(
        r#""#,
        r#"np.concatenate((np.array([1, 2]), np.array([3.5])))"#,
        r#"array([1. , 2. , 3.5])"#,
    );
    case(
        r#""#,
        r#"np.concatenate(([[1, 2]], [[3, 4]]), axis=1)"#,
        r#"array([[1, 2, 3, 4]])"#,
    );
    case(
        r#""#,
        r#"np.stack((np.array([1, 2]), np.array([3, 4])))"#,
        r#"array([[1, 2],
       [3, 4]])"#,
    );
    case(
        r#""#,
        r#"np.stack((np.array([1, 2]), np.array([3, 4])), axis=1)"#,
        r#"array([[1, 3],
       [2, 4]])"#,
    );
    case(
        r#""#,
        r#"np.transpose(np.array([[1, 2], [3, 4]]))"#,
        r#"array([[1, 3],
       [2, 4]])"#,
    );
    case(
        r#""#,
        r#"np.reshape(np.arange(6), (2, 3))"#,
        r#"array([[0, 1, 2],
       [3, 4, 5]])"#,
    );
    case(r#""#, r#"len(np.array([[1, 2], [3, 4], [5, 6]]))"#, r#"3"#);
    case(r#""#, r#"repr(np.array([1.5]))"#, r#"'array([1.5])'"#);
    case(r#""#, r#"str(np.array([1.5]))"#, r#"'[1.5]'"#);
    case(r#""#, r#"float(np.array([2.5])[0])"#, r#"2.5"#);
    case(r#""#, r#"int(3.9)"#, r#"3"#);
    case(r#""#, r#"int(-3.9)"#, r#"-3"#);
    case(
        r#""#,
        r#"np.array([[1, 2], [3]])"#,
        r#"ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part."#,
    );
    case(
        r#""#,
        r#"np.array([1, 2.5, True])"#,
        r#"array([1. , 2.5, 1. ])"#,
    );
    case(
        r#""#,
        r#"np.array([True, False])"#,
        r#"array([ True, False])"#,
    );
    case(r#""#, r#"np.array([])"#, r#"array([], dtype=float64)"#);
    case(
        r#""#,
        r#"np.array([[], []])"#,
        r#"array([], shape=(2, 0), dtype=float64)"#,
    );
    case(r#""#, r#"np.array(5)"#, r#"array(5)"#);
    case(
        r#""#,
        r#"np.array([1, 2], dtype=float)"#,
        r#"array([1., 2.])"#,
    );
    case(
        r#""#,
        r#"np.array([1.7, -1.7], dtype=int)"#,
        r#"array([ 1, -1])"#,
    );
    case(
        r#""#,
        r#"np.array([0, 2], dtype=bool)"#,
        r#"array([False,  True])"#,
    );
    case(r#""#, r#"np.asarray([1, 2])"#, r#"array([1, 2])"#);
    case(
        r#"def f(x): return x**2 + 1"#,
        r#"f(np.array([1., 2., 3.]))"#,
        r#"array([ 2.,  5., 10.])"#,
    );
    case(r#"f = lambda x, h=2: x * h"#, r#"f(3)"#, r#"6"#);
    case(
        r#"f = lambda x: x * 2"#,
        r#"f(1, 2)"#,
        r#"TypeError: <lambda>() takes 1 positional argument but 2 were given"#,
    );
    case(
        r#"a = np.arange(5)"#,
        r#"np.gradient(a)"#,
        r#"array([1., 1., 1., 1., 1.])"#,
    );
    case(
        r#"x = 5"#,
        r#"x.shape"#,
        r#"AttributeError: 'int' object has no attribute 'shape'"#,
    );
    case(
        r#""#,
        r#"undefined_name"#,
        r#"NameError: name 'undefined_name' is not defined"#,
    );
    // Python prints this suggestion in the traceback rather than in str(e);
    // gradlab puts it in the message, where its one-line errors can show it.
    case(
        r#"gradient_values = 1"#,
        r#"gradient_value"#,
        r#"NameError: name 'gradient_value' is not defined. Did you mean: 'gradient_values'?"#,
    );
    case(
        r#""#,
        r#"np.gradient(np.array([1, 2, 4]), axis=(0, 0))"#,
        r#"ValueError: repeated axis"#,
    );
    case(
        r#""#,
        r#"np.diff(np.array([1, 2, 4]), 0)"#,
        r#"array([1, 2, 4])"#,
    );
    case(r#""#, r#"np.diff(np.array(5), n=0)"#, r#"array(5)"#);
    case(
        r#""#,
        r#"np.gradient(np.array([1., 2., 4.]), axes=0)"#,
        r#"TypeError: gradient() got an unexpected keyword argument 'axes'"#,
    );
    case(
        r#""#,
        r#"np.diff(np.array([1, 2]), 1, 0, 3, 4, 5)"#,
        r#"TypeError: diff() takes from 1 to 5 positional arguments but 6 were given"#,
    );
    case(
        r#""#,
        r#"np.diff()"#,
        r#"TypeError: diff() missing 1 required positional argument: 'a'"#,
    );
    case(
        r#""#,
        r#"np.array([1, 2, 3])[1.5]"#,
        r#"IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices"#,
    );
    case(
        r#""#,
        r#"len(5)"#,
        r#"TypeError: object of type 'int' has no len()"#,
    );
    case(
        r#""#,
        r#"(1, 2)[5]"#,
        r#"IndexError: tuple index out of range"#,
    );
    case(r#""#, r#"np.nan"#, r#"nan"#);
    case(r#""#, r#"np.inf"#, r#"inf"#);
    case(r#""#, r#"np.pi"#, r#"3.141592653589793"#);
    case(r#""#, r#"np.e"#, r#"2.718281828459045"#);
    case(
        r#""#,
        r#"np.array([1, 2]) and True"#,
        r#"ValueError: The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()"#,
    );
    case(r#""#, r#"not np.array([1])"#, r#"False"#);
    case(
        r#""#,
        r#"~np.array([True, False])"#,
        r#"array([False,  True])"#,
    );
    case(r#""#, r#"~np.array([1, 2])"#, r#"array([-2, -3])"#);
    case(
        r#""#,
        r#"np.array([1, 2]) @ np.array([3, 4])"#,
        r#"np.int64(11)"#,
    );
    case(
        r#""#,
        r#"np.float64(0.1) + np.float64(0.2)"#,
        r#"np.float64(0.30000000000000004)"#,
    );
    case(r#""#, r#"np.array([1.5]).item()"#, r#"1.5"#);
    case(r#""#, r#"np.array([3, 1, 2]).argmax()"#, r#"np.int64(0)"#);
    case(
        r#""#,
        r#"np.array([[1, 2], [3, 4]]).flatten()"#,
        r#"array([1, 2, 3, 4])"#,
    );
    case(r#""#, r#"np.array([1., 2.]).any()"#, r#"np.True_"#);
    case(r#""#, r#"np.sum([1, 2, 3])"#, r#"np.int64(6)"#);
    case(r#""#, r#"np.max([1, 5, 3])"#, r#"np.int64(5)"#);
    case(r#""#, r#"np.array([1e300]) * 1e300"#, r#"array([inf])"#);
    case(r#""#, r#"np.array([-1.0]) ** 0.5"#, r#"array([nan])"#);
    case(r#""#, r#"0.1 + 0.2"#, r#"0.30000000000000004"#);
    case(r#""#, r#"1e16"#, r#"1e+16"#);
    case(r#""#, r#"2.0"#, r#"2.0"#);
    case(r#""#, r#"-0.0"#, r#"-0.0"#);
    case(r#""#, r#"float('nan')"#, r#"nan"#);
    case(
        r#""#,
        r#"print(1, 'a', np.array([1.5, 2]), sep=', ')"#,
        r#"1, a, [1.5 2. ]"#,
    );
    case(
        r#""#,
        r#"print(np.float64(1.5), np.int64(3), True, None, [1, 2.5], (1,))"#,
        r#"1.5 3 True None [1, 2.5] (1,)"#,
    );
    case(r#""#, r#"np.array([1, 2, 3])[::-1]"#, r#"array([3, 2, 1])"#);
    case(r#""#, r#"np.array([1, 2, 3])[5:1:-1]"#, r#"array([3])"#);
    case(
        r#""#,
        r#"np.array([1, 2, 3])[::0]"#,
        r#"ValueError: slice step cannot be zero"#,
    );
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Runs `src` in a session holding a few arrays; returns every error kind.
fn error_kinds(src: &str) -> Vec<String> {
    let mut session = Session::new();
    session.run_chunk("a = np.array([1., 2., 4., 7.]); m = np.arange(6).reshape(2, 3); x = np.array([0., 1., 3., 4.])");
    session
        .run_chunk(src)
        .into_iter()
        .flat_map(|o| o.events)
        .filter_map(|e| match e {
            gradlab::eval::Event::Error(err) => Some(err.kind.name().to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn broken_statements_are_errors_never_panics() {
    let valid = [
        "np.gradient(a, x, edge_order=2)",
        "dx, dy = np.gradient(m, 2.0, axis=(0, 1))",
        "np.diff(m, n=2, axis=0, prepend=0, append=np.array([[1, 2, 3]]))",
        "b = np.array([[1, 2], [3, 4]], dtype=float)[::-1, 1:]",
        "f = lambda t, h=0.5: (np.sin(t + h) - np.sin(t - h)) / (2 * h)",
        "print(\"g:\", np.gradient(a)[1:-1], sep=', ')",
        "compare(a, x, edge_order=2)",
        "explain(np.diff(a, n=2))",
        "a[a > 2] = -a[a > 2].sum() ** 2 // 3 % 5",
    ];
    let mut inputs: Vec<String> = Vec::new();
    for v in valid {
        for (i, _) in v.char_indices().skip(1) {
            inputs.push(v[..i].to_string());
            inputs.push(format!("{}{}", &v[..i], &v[i + 1..]));
        }
    }
    inputs.extend(
        [
            "(((((",
            "]]]",
            "np.gradient(",
            "a[1:2:3:4]",
            "1 +* 2",
            "def f(x) return x",
            "lambda: ",
            "a..b",
            "np..gradient(a)",
            "@a",
            "9",
            "1e999999",
            "0x",
            "'abc",
            "\"\"\"",
            "np.gradient(a, edge_order=3)",
            "np.gradient(a, axis=5)",
            "np.diff(a, n=-1)",
            "np.gradient(np.array(5.0))",
            "np.array([[1], [1, 2]])",
            "np.zeros(-1)",
            "np.zeros((10**6, 10**6))",
            "np.arange(0, 1, 0)",
            "undefined(1)",
            "a(1)",
            "a.nope",
            "np.nope",
            "np.gradient(a, 'x')",
            "len(1)",
            "a[10]",
            "a['x']",
            "a[1.5]",
            "m[1, 2, 3]",
            "np.reshape(a, (3, 3))",
            "a + m",
            "1 / 0",
            "1 // 0",
            "2 ** -1 ** 0.5 ** 2",
            "np.concatenate(())",
            "np.stack((a, m))",
            "np.where(a)",
            "int('x')",
            "float('y')",
        ]
        .map(str::to_string),
    );
    inputs.push(format!("{}1{}", "(".repeat(5000), ")".repeat(5000)));
    inputs.push(format!("{}1", "-".repeat(5000)));
    inputs.push(format!("a{}", "[0]".repeat(3000)));
    inputs.push(format!("x = [{}]", "1, ".repeat(100_000)));
    assert!(inputs.len() > 500, "{}", inputs.len());
    let mut errors = 0;
    for src in &inputs {
        let kinds = error_kinds(src);
        assert!(
            !kinds.iter().any(|k| k == "SystemError"),
            "internal error for {src:?}"
        );
        errors += usize::from(!kinds.is_empty());
    }
    // Most truncations are errors; every one of them is reported, not thrown.
    assert!(errors > inputs.len() / 2, "{errors} of {}", inputs.len());
}

#[test]
fn a_failed_statement_leaves_the_session_as_it_was() {
    let mut s = Session::new();
    s.run_chunk("a = np.array([1, 2, 3]); b = 5");
    for bad in [
        "a = undefined + 1",
        "a, b = (1, 2, 3)",
        "a[0] = np.zeros((10**6, 10**6))",
        "a[5] = 1",
        "b = 1 / 0",
    ] {
        let events: Vec<_> = s
            .run_chunk(bad)
            .into_iter()
            .flat_map(|o| o.events)
            .collect();
        assert!(
            matches!(events.last(), Some(gradlab::eval::Event::Error(_))),
            "{bad}"
        );
        assert_eq!(s.repr(s.get("a").unwrap()), "array([1, 2, 3])", "{bad}");
        assert_eq!(s.repr(s.get("b").unwrap()), "5", "{bad}");
    }
}
