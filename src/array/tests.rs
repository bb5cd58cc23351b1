//! Unit tests of the array layer: geometry, views, writes, casts.

use super::*;

type SliceCase = (usize, Option<i64>, Option<i64>, Option<i64>, &'static [i64]);

#[test]
fn python_slice_indices() {
    // (len, start, stop, step) -> python's range(*slice(...).indices(len))
    let cases: &[SliceCase] = &[
        (5, None, None, None, &[0, 1, 2, 3, 4]),
        (5, Some(1), Some(-1), None, &[1, 2, 3]),
        (5, None, None, Some(2), &[0, 2, 4]),
        (5, None, None, Some(-1), &[4, 3, 2, 1, 0]),
        (5, Some(3), Some(0), Some(-2), &[3, 1]),
        (5, Some(-10), Some(10), None, &[0, 1, 2, 3, 4]),
        (5, Some(4), Some(4), None, &[]),
        (0, None, None, Some(-1), &[]),
        (5, Some(i64::MIN), Some(i64::MAX), Some(i64::MIN), &[]),
        (5, None, None, Some(i64::MIN), &[4]),
    ];
    for &(len, a, b, c, want) in cases {
        let (start, step, count) = slice_indices(len, a, b, c).unwrap();
        let got: Vec<i64> = (0..count as i64).map(|k| start + k * step).collect();
        assert_eq!(got, want, "slice({a:?}, {b:?}, {c:?}) on {len}");
    }
}
