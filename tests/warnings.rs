//! Issue 10's floating-point warnings: what NumPy 2.4.6 shows for ~1100
//! statements (`tests/fixtures/warnings.jsonl`, from
//! `tests/fixtures/gen_warnings.py`) — RuntimeWarnings per error kind with
//! NumPy's words (`divide by zero encountered in divide`, `... in scalar
//! multiply`), NumPy's own warnings (`Mean of empty slice`), Python's
//! once-per-location filter within a cell, `np.seterr`/`np.geterr`/
//! `with np.errstate(...)` in every mode. Each case runs its cells in a
//! fresh session; what they show is compared as a script's `#>`/`#!`
//! lines record it.

use gradlab::eval::Session;
use gradlab::notebook::{output_text, run_script};
use gradlab::script::Script;
use serde_json::Value as Json;

/// What `cells` show, one cell after another in a fresh session.
pub(crate) fn shown(cells: &[String]) -> String {
    let mut session = Session::new();
    let mut texts = Vec::new();
    for cell in cells {
        // A cell's lines are one item (an indented block continues it).
        let script = Script::parse(&format!("{cell}\n"));
        for c in run_script(&mut session, &script, |_, _| {}) {
            texts.extend(output_text(&session, &c));
        }
    }
    texts.join("\n")
}

#[test]
fn warnings_show_what_numpy_shows() {
    check_cells(include_str!("fixtures/warnings.jsonl"), 1130);
}

/// Runs every `{"cells", "shown"}` row of `table` (at least `min` of them)
/// and fails with each row whose cells show something else.
pub(crate) fn check_cells(table: &str, min: usize) {
    let mut failures = Vec::new();
    let mut count = 0;
    for line in table.lines() {
        let row: Json = serde_json::from_str(line).expect("json");
        let cells: Vec<String> = row["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .map(|c| c.as_str().expect("cell").to_string())
            .collect();
        let want = row["shown"].as_str().expect("shown");
        count += 1;
        let got = shown(&cells);
        if got != want {
            failures.push(format!("{cells:?}\n    want: {want:?}\n    got:  {got:?}"));
        }
    }
    assert!(count >= min, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
