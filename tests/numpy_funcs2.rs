//! Issue 13's everyday NumPy functions, part 2 (products, signal math,
//! more ufuncs, NumPy 2 removals), each case a fresh session compared with
//! what NumPy 2.4.6 shows (`tests/fixtures/numpy_funcs2.jsonl`, from
//! `tests/fixtures/gen_numpy_funcs2.py`, which also takes every example of
//! the families' table rows).

use crate::table;

/// What the last statement of `src` (`; ` separating statements, as the
/// table rows' examples write them) shows in a fresh session.
fn shown(src: &str) -> String {
    table::shown(&src.replace("; ", "\n"))
}

#[test]
fn functions_show_what_numpy_shows() {
    table::check_with(include_str!("fixtures/numpy_funcs2.jsonl"), 150, shown);
}
