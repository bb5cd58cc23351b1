//! complex128 reductions (NumPy's pairwise sums over the interleaved
//! real/imaginary stream), sorting in NumPy's order (lexicographic, NaNs
//! last), the nan-functions, and the complex ufuncs (C's `cexp`, `clog`,
//! `csqrt`, ... as NumPy calls them, and NumPy's own `power`), each case
//! compared with what NumPy shows (`tests/fixtures/complex_math.jsonl`,
//! from `tests/fixtures/gen_complex_math.py`): random and edge values
//! (infinities, NaNs, signed zeros, branch cuts), every result shown with
//! `.tolist()` or a scalar's repr so that the rows check bits, not 8
//! printed digits.

#[test]
fn complex_math_is_numpys() {
    super::warnings::check_cells(include_str!("fixtures/complex_math.jsonl"), 600);
}
