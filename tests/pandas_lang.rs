//! Issue 14: pandas reached from the language (`import pandas as pd`,
//! DataFrame/Series values, subscripts, `.iloc`/`.loc`, methods,
//! arithmetic, `np.gradient` of Series, column assignment, errors), each
//! case a fresh session compared with what pandas 2.3.3 + NumPy 2.4.6 show
//! (`tests/fixtures/pandas_lang.jsonl`, from
//! `tests/fixtures/gen_pandas_lang.py`). Cases name the lesson data in
//! sessions/data/, relative to the repository root (the test's folder).

use crate::table;

#[test]
fn pandas_statements_show_what_pandas_shows() {
    table::check(include_str!("fixtures/pandas_lang.jsonl"), 85);
}
