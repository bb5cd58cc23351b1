//! The NumPy functions and arguments NumPy's own docstring examples use
//! that gradlab lacked, part 5: `meshgrid(sparse=, copy=)`, `order=` of
//! reshape/ravel/flatten, `unravel_index`, `ravel_multi_index` (and `a[t]`
//! with `t` a tuple), `take_along_axis`, `digitize`, `cross` (with its
//! DeprecationWarning for 2-vectors), `a.flat`, N-D `trapezoid`,
//! `interp(period=)`, ufuncs' `out` arrays, `np.exceptions`, `polyval` of
//! poly1d and `nan_to_num`'s array replacements. Each case is a fresh
//! session compared with what NumPy 2.4.6 shows, warnings included
//! (`tests/fixtures/numpy_funcs5.jsonl`, from
//! `tests/fixtures/gen_numpy_funcs5.py`, which also takes every example of
//! the new families' table rows).

use serde_json::Value as Json;

use crate::table;

const TABLE: &str = include_str!("fixtures/numpy_funcs5.jsonl");
const FAMILIES: &[&str] = &["indices.rs", "digitize.rs", "cross.rs"];

#[test]
fn functions_show_what_numpy_shows() {
    super::warnings::check_cells(TABLE, 440);
}

#[test]
fn table_has_every_family_example() {
    let cells: Vec<String> = TABLE
        .lines()
        .map(|line| {
            let row: Json = serde_json::from_str(line).expect("json");
            row["cells"][0].as_str().expect("cell").to_string()
        })
        .collect();
    let examples = table::family_examples(FAMILIES);
    assert!(examples.len() >= 5, "only {} examples", examples.len());
    for ex in examples {
        assert!(
            cells.contains(&ex),
            "not in the table (regenerate it): {ex}"
        );
    }
}
