//! The harness of the statement tables generated with real Python
//! (`tests/fixtures/gen_*.py` → `*.jsonl` of `{"stmt", "shown"}` rows):
//! each row runs in a fresh session and must show what Python showed.

use crate::quiet::output_text;
use gradlab::eval::Session;
use gradlab::notebook::run_script;
use gradlab::script::Script;
use serde_json::Value as Json;

/// What the last cell of `src` shows in a fresh session, without its
/// warnings (`#! ` lines: these tables' generators silence warnings;
/// tests/warnings.rs checks them).
pub fn shown(src: &str) -> String {
    shown_in(&mut Session::new(), &format!("{src}\n"))
}

/// What the last cell of the script `src` shows in `session`, without its
/// warning lines.
pub fn shown_in(session: &mut Session, src: &str) -> String {
    let cells = run_script(session, &Script::parse(src), |_, _| {});
    cells
        .last()
        .and_then(|c| output_text(session, c))
        .unwrap_or_default()
}

/// The `(stmt, shown)` rows of a JSON-lines table.
pub fn rows(table: &str) -> Vec<(String, String)> {
    table
        .lines()
        .map(|line| {
            let row: Json = serde_json::from_str(line).expect("json");
            let field = |k: &str| row[k].as_str().expect(k).to_string();
            (field("stmt"), field("shown"))
        })
        .collect()
}

/// Runs every row of a JSON-lines table in a fresh session; fails listing
/// each row whose output differs, or when the table has fewer than
/// `min_rows` rows.
pub fn check(table: &str, min_rows: usize) {
    check_with(table, min_rows, shown);
}

/// [`check`] with what a row's statement shows computed by `shown`.
pub fn check_with(table: &str, min_rows: usize, shown: impl Fn(&str) -> String) {
    let cases = rows(table).into_iter().map(|(stmt, want)| {
        let got = shown(&stmt);
        (stmt, want, got)
    });
    assert_all_match(cases, min_rows);
}

/// Fails listing every `(source, what Python showed, what gradlab
/// showed)` case that differs, or when there are fewer than `min_rows`.
pub fn assert_all_match(
    cases: impl IntoIterator<Item = (String, String, String)>,
    min_rows: usize,
) {
    let mut failures = Vec::new();
    let mut count = 0;
    for (src, want, got) in cases {
        count += 1;
        if got != want {
            failures.push(format!("{src}\n    want: {want}\n    got:  {got}"));
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
