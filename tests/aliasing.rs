//! Names, views and in-place operators through the language, each case a
//! fresh session compared with what NumPy 2.4.6 shows
//! (`tests/fixtures/aliasing.jsonl`, from `tests/fixtures/gen_aliasing.py`):
//! `b = a` is one array, basic slices write through, fancy indexing copies,
//! and `a OP= x` updates the buffer in place under NumPy's 'same_kind'
//! casting rule and shape check.

use crate::table;

use table::shown;

#[test]
fn names_views_and_in_place_operators_are_numpys() {
    table::check(include_str!("fixtures/aliasing.jsonl"), 50);
}

#[test]
fn a_refused_in_place_operator_leaves_every_name_as_it_was() {
    let got = shown("a = np.arange(3)\nb = a\na += 0.5\nb");
    assert_eq!(got.trim_end(), "array([0, 1, 2])");
}
