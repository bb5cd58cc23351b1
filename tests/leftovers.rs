//! Corners where gradlab used to differ from Python 3.11 + NumPy 2.4
//! (`tests/fixtures/leftovers.jsonl`, from `tests/fixtures/gen_leftovers.py`):
//! Python's `round(number, ndigits)` with keywords, `None` and NumPy
//! scalars; `nanmedian`/`median`/`nanpercentile`/`nanquantile` over tuple
//! axes, empty or not; NumPy scalar types of Python ints beyond int64
//! (`np.float32(10**40)` overflows to inf with NumPy's warning); float
//! scalars assigned into int arrays; `ndarray.fill`; `ndarray.view` (of a
//! dtype: the same bytes); `astype(casting=, copy=)`. Values, warnings and
//! errors as NumPy shows them.

#[test]
fn leftovers_are_numpys() {
    super::warnings::check_cells(include_str!("fixtures/leftovers.jsonl"), 200);
}
