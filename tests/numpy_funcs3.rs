//! Issue 13's everyday NumPy functions, part 3 (stacking and splitting,
//! reordering and padding, statistics, creation, linear algebra and
//! polynomials), each case a fresh session compared with what NumPy 2.4.6
//! shows (`tests/fixtures/numpy_funcs3.jsonl`, from
//! `tests/fixtures/gen_numpy_funcs3.py`, which also takes every example of
//! the families' table rows): values, dtypes, views, printing and NumPy's
//! exact errors.

use crate::table;

#[test]
fn functions_show_what_numpy_shows() {
    table::check(include_str!("fixtures/numpy_funcs3.jsonl"), 150);
}
