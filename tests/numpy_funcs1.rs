//! Issue 13's everyday NumPy functions, part 1 (NaN-aware reductions,
//! searching and sorting, joining and reshaping) through the language: each
//! case is a fresh session compared with what NumPy 2.4.6 shows
//! (`tests/fixtures/numpy_funcs1.jsonl`, from
//! `tests/fixtures/gen_numpy_funcs1.py`): values, dtypes, printing and
//! NumPy's exact errors.

use crate::quiet;
use gradlab::eval::Session;
use gradlab::notebook::run_script;
use gradlab::script::Script;
use quiet::output_text;
use serde_json::Value as Json;

const FIXTURE: &str = include_str!("fixtures/numpy_funcs1.jsonl");

/// What the last statement of `src` shows in a fresh session.
fn shown(src: &str) -> String {
    let mut session = Session::new();
    let cells = run_script(&mut session, &Script::parse(&format!("{src}\n")), |_, _| {});
    cells
        .last()
        .and_then(|c| output_text(&session, c))
        .unwrap_or_default()
}

fn statements() -> Vec<(String, String)> {
    FIXTURE
        .lines()
        .map(|line| {
            let row: Json = serde_json::from_str(line).expect("json");
            let stmt = row["stmt"].as_str().expect("stmt").to_string();
            (stmt, row["shown"].as_str().expect("shown").to_string())
        })
        .collect()
}

#[test]
fn functions_show_what_numpy_shows() {
    let cases = statements();
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(stmt, want)| {
            let got = shown(stmt);
            (&got != want).then(|| format!("{stmt}\n    want: {want}\n    got:  {got}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_table_example_is_a_checked_case() {
    let stmts: Vec<String> = statements().into_iter().map(|(s, _)| s).collect();
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
