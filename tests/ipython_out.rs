//! IPython's output cache: `Out` (and `_oh`) is a dict from cell number to
//! output, cells in order in one session, compared with what real IPython
//! displays for the same cells (`fixtures/gen_ipython_out.py`).

use gradlab::eval::{Event, Session};
use serde_json::Value as Json;

#[test]
fn out_is_ipythons_dict_of_outputs() {
    let text = include_str!("fixtures/ipython_out.jsonl");
    let mut s = Session::new();
    let mut checked = 0;
    for (n, line) in text.lines().enumerate() {
        let case: Json = serde_json::from_str(line).unwrap();
        let cell = case["cell"].as_str().unwrap();
        s.record_input(n + 1, cell);
        let outcomes = s.run_chunk(cell);
        let shown = outcomes
            .iter()
            .flat_map(|o| &o.events)
            .find_map(|e| match e {
                Event::Value(v) => Some(s.repr(v)),
                Event::Error(e) => Some(e.to_string()),
                _ => None,
            });
        assert_eq!(
            shown.as_deref(),
            case["shown"].as_str(),
            "In [{}]: {cell}",
            n + 1
        );
        checked += 1;
    }
    assert!(checked >= 13);
}
