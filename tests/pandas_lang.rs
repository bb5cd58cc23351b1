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
    table::check(include_str!("fixtures/pandas_lang.jsonl"), 120);
}

/// A DataFrame of mixed kinds is an object array in pandas, which
/// gradlab's arrays do not hold: a clear error naming the dtypes, never a
/// wrong array.
#[test]
fn mixed_dtype_frames_say_why_they_have_no_array() {
    let df = "import pandas as pd; df = pd.DataFrame({'t': [0.0, 0.5], 'x': [0, 2], 'ok': [True, False]}); ";
    for tail in ["df.to_numpy()", "df.values", "np.asarray(df)"] {
        let got = table::shown(&format!("{df}{tail}"));
        assert!(
            got.starts_with(
                "NotImplementedError: columns of dtypes float64, int64, bool make an object array"
            ),
            "{tail}: {got}"
        );
    }
    assert!(table::shown(&format!("{df}df[['t', 'x']].to_numpy()")).starts_with("array("));
}
