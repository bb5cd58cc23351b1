//! The keywords of NumPy's reductions gradlab takes: `dtype=`, `where=`,
//! `initial=` and tuple `axis=` of `np.sum`, `np.prod`, `np.mean`,
//! `np.std`, `np.var`, `np.max`/`np.min` and their ndarray methods,
//! `dtype=` of `np.cumsum`/`np.cumprod`, and float32 `std`/`var`: values
//! (bits, via `.tolist()`/`float()`), dtypes, NumPy's errors and its
//! RuntimeWarnings for empty selections (`tests/fixtures/reduce_kwargs.jsonl`,
//! from `tests/fixtures/gen_reduce_kwargs.py`).

#[test]
fn reduction_keywords_are_numpys() {
    super::warnings::check_cells(include_str!("fixtures/reduce_kwargs.jsonl"), 78);
}
