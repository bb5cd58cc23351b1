//! NumPy 2.x printing, byte for byte: `repr` and `str` of arrays, NumPy
//! scalars and Python floats, per `numpy-printing.md`.

use crate::engine::Array;

/// Print options (NumPy's `np.set_printoptions` subset gradlab honours).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PrintOptions {
    pub precision: usize,
    pub linewidth: usize,
    pub threshold: usize,
    pub edgeitems: usize,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            precision: 8,
            linewidth: 75,
            threshold: 1000,
            edgeitems: 3,
        }
    }
}

/// `repr(a)` of an ndarray, e.g. `array([1. , 1.5, 2. ])`.
pub fn array_repr(a: &Array, opts: &PrintOptions) -> String {
    let _ = opts;
    format!("{a:?}")
}

/// `str(a)` of an ndarray, e.g. `[1.  1.5 2. ]` (a 0-d array prints its scalar).
pub fn array_str(a: &Array, opts: &PrintOptions) -> String {
    let _ = opts;
    format!("{a:?}")
}

/// Python's `repr(float)` (also `str` of `np.float64`): `2.0`, `1e-05`, `nan`.
pub fn py_float(x: f64) -> String {
    format!("{x:?}")
}
