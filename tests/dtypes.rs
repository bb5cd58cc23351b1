//! Issue 10's dtypes through the language: every dtype of the array layer
//! by name and as a callable scalar type, dtype objects, `iinfo`/`finfo`,
//! NEP 50 promotion and its OverflowErrors, wrap-around, printing
//! (float32's own digits, complex, `dtype=` suffixes) and np.gradient /
//! np.diff per dtype. Each case is a fresh session compared with what NumPy
//! 2.4.6 shows (`tests/fixtures/dtypes.jsonl`, from
//! `tests/fixtures/gen_dtypes.py`).

use crate::table;

#[test]
fn dtypes_show_what_numpy_shows() {
    table::check(include_str!("fixtures/dtypes.jsonl"), 700);
}
