//! Issue 13's everyday NumPy functions, part 2 (products, signal math,
//! more ufuncs, NumPy 2 removals), each case a fresh session compared with
//! what NumPy 2.4.6 shows (`tests/fixtures/numpy_funcs2.jsonl`, from
//! `tests/fixtures/gen_numpy_funcs2.py`, which also takes every example of
//! the families' table rows).

use crate::quiet;
use gradlab::eval::Session;
use gradlab::notebook::run_script;
use gradlab::script::Script;
use quiet::output_text;
use serde_json::Value as Json;

/// What the last statement of `src` shows in a fresh session.
fn shown(src: &str) -> String {
    let mut session = Session::new();
    let text = src.replace("; ", "\n");
    let cells = run_script(
        &mut session,
        &Script::parse(&format!("{text}\n")),
        |_, _| {},
    );
    cells
        .last()
        .and_then(|c| output_text(&session, c))
        .unwrap_or_default()
}

#[test]
fn functions_show_what_numpy_shows() {
    let text = include_str!("fixtures/numpy_funcs2.jsonl");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text.lines() {
        let row: Json = serde_json::from_str(line).expect("json");
        let stmt = row["stmt"].as_str().expect("stmt");
        let want = row["shown"].as_str().expect("shown");
        count += 1;
        let got = shown(stmt);
        if got != want {
            failures.push(format!("{stmt}\n    want: {want}\n    got:  {got}"));
        }
    }
    assert!(count >= 150, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
