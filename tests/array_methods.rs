//! NumPy's ndarray methods as tutorials call them (`a.var()`,
//! `m.argmax(axis=0)`, `a.clip(0, 1)`, `m.dot(v)`, ...): each row of
//! `tests/fixtures/array_methods.jsonl` (from `gen_array_methods.py`, run
//! with NumPy 2.4) in a fresh session, values, dtypes and errors.

use crate::table;

#[test]
fn array_methods_show_what_numpy_shows() {
    table::check(include_str!("fixtures/array_methods.jsonl"), 60);
}
