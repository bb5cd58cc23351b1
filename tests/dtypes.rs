//! Issue 10's dtypes through the language: every dtype of the array layer
//! by name and as a callable scalar type, dtype objects, `iinfo`/`finfo`,
//! NEP 50 promotion and its OverflowErrors, wrap-around, printing
//! (float32's own digits, complex, `dtype=` suffixes) and np.gradient /
//! np.diff per dtype. Each case is a fresh session compared with what NumPy
//! 2.4.6 shows (`tests/fixtures/dtypes.jsonl`, from
//! `tests/fixtures/gen_dtypes.py`).

use crate::table;

const FIXTURE: &str = include_str!("fixtures/dtypes.jsonl");

#[test]
fn dtypes_show_what_numpy_shows() {
    table::check(FIXTURE, 700);
}

/// `gen_dtypes.py` runs the example of every row of these tables too.
#[test]
fn every_table_example_is_a_checked_case() {
    table::assert_has_examples(FIXTURE, &["dtypes.rs", "sharing.rs"], 9);
}
