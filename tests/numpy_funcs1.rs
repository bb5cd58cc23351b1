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
    let stmts: Vec<String> = table::rows(FIXTURE).into_iter().map(|(s, _)| s).collect();
    let families = ["nanfuncs.rs", "sorting.rs", "joining.rs"];
    let mut n = 0;
    for family in families {
        let Ok(src) = std::fs::read_to_string(format!("src/eval/builtins/{family}")) else {
            continue;
        };
        for line in src.lines().filter(|l| l.trim_start().starts_with('"')) {
            if let Some(name) = line
                .trim_start()
                .strip_prefix('"')
                .and_then(|l| l.split('"').next())
                && let Some(b) = gradlab::eval::builtins::lookup(name)
            {
                n += 1;
                assert!(
                    stmts.iter().any(|s| s == b.example),
                    "{name}: example {:?} not in the fixture",
                    b.example
                );
            }
        }
    }
    assert!(n >= 20, "{n} rows");
}
