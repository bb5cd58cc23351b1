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

/// The examples of the builtins-table rows of `families` (files under
/// `src/eval/builtins`), as the tables' generators take them to run as
/// cases too (`tests/fixtures/pytable.py`'s `table_examples`: in the file's
/// `builtins! {` block, the last string literal of each line that ends
/// with `";`, as written). A family file that is not there fails.
pub fn family_examples(families: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for family in families {
        let path = format!("src/eval/builtins/{family}");
        let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let block = src
            .split_once("builtins! {")
            .map_or(src.as_str(), |(_, t)| t);
        let block = block.split_once("\n}\n").map_or(block, |(b, _)| b);
        for line in block.lines() {
            let Some(body) = line.trim_end().strip_suffix("\";") else {
                continue;
            };
            // The literal's opening quote: the last one not escaped.
            let open = body
                .char_indices()
                .rev()
                .find(|&(k, c)| c == '"' && !body[..k].ends_with('\\'));
            if let Some((k, _)) = open {
                out.push(body[k + 1..].to_string());
            }
        }
    }
    out
}

/// Fails unless every example of the `families`' rows is a statement of
/// `table` (at least `min` of them): a table that was not regenerated when
/// an example changed, or moved to a file of another family, fails here
/// with the example to add.
pub fn assert_has_examples(table: &str, families: &[&str], min: usize) {
    let stmts: Vec<String> = rows(table).into_iter().map(|(s, _)| s).collect();
    let examples = family_examples(families);
    let missing: Vec<&str> = examples
        .iter()
        .map(String::as_str)
        .filter(|ex| !stmts.iter().any(|s| s == ex))
        .collect();
    assert!(examples.len() >= min, "only {} examples", examples.len());
    assert!(
        missing.is_empty(),
        "examples not in the table (regenerate it with its gen_*.py):\n{}",
        missing.join("\n")
    );
}
