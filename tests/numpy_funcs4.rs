//! Issue 13's everyday NumPy functions, part 4 (complex parts, mgrid and
//! ogrid, np.linalg inv/det and solve with several right-hand sides,
//! polyfit and poly1d), each case a fresh session compared with what NumPy
//! 2.4.6 shows (`tests/fixtures/numpy_funcs4.jsonl`, from
//! `tests/fixtures/gen_numpy_funcs4.py`, which also takes every example of
//! the families' table rows). Where gradlab's least squares cannot be
//! LAPACK's bit for bit, the generator's cases round or use `np.allclose`
//! (said beside each such case there).

use crate::table;

#[test]
fn functions_show_what_numpy_shows() {
    table::check(include_str!("fixtures/numpy_funcs4.jsonl"), 200);
}
