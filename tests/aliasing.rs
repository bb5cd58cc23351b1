//! Names, views and in-place operators through the language, each case a
//! fresh session compared with what NumPy 2.4.6 shows
//! (`tests/fixtures/aliasing.jsonl`, from `tests/fixtures/gen_aliasing.py`):
//! `b = a` is one array, basic slices write through, fancy indexing copies,
//! and `a OP= x` updates the buffer in place under NumPy's 'same_kind'
//! casting rule and shape check.

use gradlab::eval::Session;
use gradlab::notebook::{output_text, run_script};
use gradlab::script::Script;
use serde_json::Value as Json;

/// What the last cell of `src` shows in a fresh session.
fn shown(src: &str) -> String {
    let mut session = Session::new();
    let cells = run_script(&mut session, &Script::parse(&format!("{src}\n")), |_, _| {});
    cells
        .last()
        .and_then(|c| output_text(&session, c))
        .unwrap_or_default()
}

#[test]
fn names_views_and_in_place_operators_are_numpys() {
    let text = include_str!("fixtures/aliasing.jsonl");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text.lines() {
        let row: Json = serde_json::from_str(line).expect("json");
        let stmt = row["stmt"].as_str().expect("stmt");
        let want = row["shown"].as_str().expect("shown");
        count += 1;
        let got = shown(stmt);
        if got.trim_end() != want.trim_end() {
            failures.push(format!("{stmt}\n    want: {want}\n    got:  {got}"));
        }
    }
    assert!(count >= 50, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_refused_in_place_operator_leaves_every_name_as_it_was() {
    let got = shown("a = np.arange(3)\nb = a\na += 0.5\nb");
    assert_eq!(got.trim_end(), "array([0, 1, 2])");
}
