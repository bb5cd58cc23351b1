//! Trees of `+ - * /` over float64 arrays and numbers (`a * b + c`,
//! `2*a - b`, `(a - b) / c`, `a*a + b*b`), which gradlab runs in one pass,
//! and the statements beside them it must not fuse (other dtypes,
//! broadcasting, views, 0-d arrays, Python scalars, failing leaves): values
//! as `.tolist()` bits, the warnings of each operation in NumPy's order,
//! `np.seterr`/`np.errstate` in every mode, warnings filters and `%timeit`,
//! and 100003-element arrays crossing chunk and thread boundaries, as NumPy
//! shows them (`tests/fixtures/fused.jsonl`, from
//! `tests/fixtures/gen_fused.py`).

#[test]
fn fused_expressions_are_numpys() {
    super::warnings::check_cells(include_str!("fixtures/fused.jsonl"), 116);
}
