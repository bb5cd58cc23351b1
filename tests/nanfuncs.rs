//! The nan-functions NumPy 2.4 has (`nanvar`, `nanstd`, `nanprod`,
//! `nancumsum`, `nancumprod`, `nanmedian`, `nanargmax`, `nanargmin`),
//! `np.median`, complex `np.sign` and complex `np.average` with weights,
//! for bool, every int and uint width, float32, float64 and complex128,
//! with NaNs, infinities, empty arrays, `axis=` (one axis or a tuple, and
//! `nanmedian` lanes of 600 or more) and `keepdims=`: values,
//! dtypes and RuntimeWarnings ("Degrees of freedom <= 0 for slice.",
//! "All-NaN slice encountered", "Mean of empty slice", the floating-point
//! ones) as NumPy shows them (`tests/fixtures/nanfuncs.jsonl`, from
//! `tests/fixtures/gen_nanfuncs.py`; array results also as `.tolist()`, so
//! the rows check bits).

#[test]
fn nanfuncs_are_numpys() {
    super::warnings::check_cells(include_str!("fixtures/nanfuncs.jsonl"), 2790);
}
