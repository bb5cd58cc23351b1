//! The harness of the statement tables generated with real Python
//! (`tests/fixtures/gen_*.py` → `*.jsonl` of `{"stmt", "shown"}` rows):
//! each row runs in a fresh session and must show what Python showed.

use gradlab::eval::Session;
use gradlab::notebook::{output_text, run_script};
use gradlab::script::Script;
use serde_json::Value as Json;

/// What the last cell of `src` shows in a fresh session, without its
/// warnings (`#! ` lines: these tables' generators silence warnings;
/// tests/warnings.rs checks them).
pub fn shown(src: &str) -> String {
    let mut session = Session::new();
    let cells = run_script(&mut session, &Script::parse(&format!("{src}\n")), |_, _| {});
    let text = cells
        .last()
        .and_then(|c| output_text(&session, c))
        .unwrap_or_default();
    text.split('\n')
        .filter(|l| !l.starts_with(gradlab::script::WARNING_PREFIX))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs every row of a JSON-lines table; fails listing each row whose
/// output differs, or when the table has
/// fewer than `min_rows` rows.
pub fn check(table: &str, min_rows: usize) {
    let mut failures = Vec::new();
    let mut count = 0;
    for line in table.lines() {
        let row: Json = serde_json::from_str(line).expect("json");
        let stmt = row["stmt"].as_str().expect("stmt");
        let want = row["shown"].as_str().expect("shown");
        count += 1;
        let got = shown(stmt);
        if got != want {
            failures.push(format!("{stmt}\n    want: {want}\n    got:  {got}"));
        }
    }
    assert!(count >= min_rows, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
