//! Issue 13's everyday NumPy functions, part 1 (NaN-aware reductions,
//! searching and sorting, joining and reshaping) through the language: each
//! case is a fresh session compared with what NumPy 2.4.6 shows
//! (`tests/fixtures/numpy_funcs1.jsonl`, from
//! `tests/fixtures/gen_numpy_funcs1.py`): values, dtypes, printing and
//! NumPy's exact errors.

use crate::table;

const FIXTURE: &str = include_str!("fixtures/numpy_funcs1.jsonl");

#[test]
fn functions_show_what_numpy_shows() {
    table::check(FIXTURE, 150);
}

#[test]
fn every_table_example_is_a_checked_case() {
    table::assert_has_examples(FIXTURE, &["nanfuncs.rs", "nanstats.rs", "sorting.rs"], 20);
}
