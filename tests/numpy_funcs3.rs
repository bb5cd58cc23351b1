//! Issue 13's everyday NumPy functions, part 3 (stacking and splitting,
//! reordering and padding, statistics, creation, linear algebra and
//! polynomials), each case a fresh session compared with what NumPy 2.4.6
//! shows (`tests/fixtures/numpy_funcs3.jsonl`, from
//! `tests/fixtures/gen_numpy_funcs3.py`, which also takes every example of
//! the families' table rows): values, dtypes, views, printing and NumPy's
//! exact errors.

use crate::table;

const FIXTURE: &str = include_str!("fixtures/numpy_funcs3.jsonl");

#[test]
fn functions_show_what_numpy_shows() {
    table::check(FIXTURE, 150);
}

/// The families `gen_numpy_funcs3.py` takes its table examples from.
const FAMILIES: &[&str] = &[
    "stacking.rs",
    "rearrange.rs",
    "stats.rs",
    "order_stats.rs",
    "matrices.rs",
    "histogram.rs",
    "numpy_linalg.rs",
    "polynomials.rs",
];

#[test]
fn every_table_example_is_a_checked_case() {
    table::assert_has_examples(FIXTURE, FAMILIES, 45);
}
