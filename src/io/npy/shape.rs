//! What `numpy.lib.format.read_array` makes of a header's shape, step by
//! step, with checked arithmetic: the element count it asks `fromfile` for
//! (`numpy.multiply.reduce(shape, dtype=int64)`, which wraps around), the
//! size `fromfile` may allocate, and the final `reshape`. A shape such as
//! `(2**32, 2**32, 0)` or `(2**127 - 1, 2)` thus raises what NumPy raises
//! instead of overflowing.

use super::super::{Error, IoErrorKind, Warning};

/// One entry of the header's shape tuple: a Python int of any size (kept
/// as its digits beyond `i128`), or a bool (an `int` to the header check).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Dim {
    Int(i128),
    /// An integer beyond `i128`, as Python writes it (`-` and digits).
    Huge(String),
    Bool(bool),
}

impl Dim {
    /// Python's `repr`.
    pub(crate) fn repr(&self) -> String {
        match self {
            Dim::Int(i) => i.to_string(),
            Dim::Huge(digits) => digits.clone(),
            Dim::Bool(b) => if *b { "True" } else { "False" }.into(),
        }
    }

    /// The value when it fits `i128`.
    fn small(&self) -> Option<i128> {
        match self {
            Dim::Int(i) => Some(*i),
            Dim::Huge(_) => None,
            Dim::Bool(b) => Some(i128::from(*b)),
        }
    }
}

/// Python's repr of a shape tuple: `()`, `(3,)`, `(2, 3)`.
pub(crate) fn shape_repr(shape: &[Dim]) -> String {
    match shape {
        [d] => format!("({},)", d.repr()),
        _ => {
            let dims: Vec<String> = shape.iter().map(Dim::repr).collect();
            format!("({})", dims.join(", "))
        }
    }
}

const I64: std::ops::Range<i128> = (i64::MIN as i128)..(1 << 63);
const U64: std::ops::Range<i128> = (1 << 63)..(1 << 64);

/// `numpy.multiply.reduce(shape, dtype=numpy.int64)` (1 for `()`): the
/// tuple becomes an array of the dtype NumPy discovers (int64; uint64 when
/// every int is past int64; float64 for a mix; object beyond uint64, which
/// cannot convert), cast to int64, multiplied with wrap-around. Casting a
/// float past int64 gives int64's minimum and NumPy's RuntimeWarning.
pub(crate) fn element_count(shape: &[Dim]) -> Result<(i64, Option<Warning>), Error> {
    if shape.is_empty() {
        return Ok((1, None));
    }
    let mut values = Vec::with_capacity(shape.len());
    for d in shape {
        match d.small() {
            Some(v) if I64.contains(&v) || U64.contains(&v) => values.push(v),
            _ => {
                return Err(Error::new(
                    IoErrorKind::OverflowError,
                    "Python int too large to convert to C long",
                ));
            }
        }
    }
    let signed = shape
        .iter()
        .zip(&values)
        .any(|(d, v)| matches!(d, Dim::Int(_)) && I64.contains(v));
    let unsigned = values.iter().any(|v| U64.contains(v));
    let mut warning = None;
    let mut as_i64 = |v: i128| -> i64 {
        if !(signed && unsigned) {
            return v as i64; // uint64 → int64 wraps around, as NumPy's cast
        }
        // float64, then cast: a value at or past 2**63 (after rounding)
        // is int64's minimum
        const TWO_63: f64 = 9_223_372_036_854_775_808.0;
        let f = v as f64;
        if (-TWO_63..TWO_63).contains(&f) {
            f as i64
        } else {
            warning = Some(Warning {
                category: "RuntimeWarning",
                message: "invalid value encountered in reduce".into(),
            });
            i64::MIN
        }
    };
    let count = values
        .iter()
        .map(|&v| as_i64(v))
        .fold(1i64, i64::wrapping_mul);
    Ok((count, warning))
}

/// `fromfile(count=count)`'s own checks before reading: the bytes of
/// `count` elements, or `None` for a negative count (read everything).
pub(crate) fn fromfile_bytes(count: i64, itemsize: usize) -> Result<Option<usize>, Error> {
    let Ok(n) = usize::try_from(count) else {
        return Ok(None);
    };
    n.checked_mul(itemsize)
        .filter(|&b| b <= isize::MAX as usize)
        .map(Some)
        .ok_or_else(too_big)
}

fn too_big() -> Error {
    Error::value(
        "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
    )
}

/// `array.reshape(shape)` of the `size` elements read (for a Fortran-order
/// file, `shape` reversed): the dimensions, with NumPy's errors.
pub(crate) fn reshape(size: usize, shape: &[Dim], itemsize: usize) -> Result<Vec<usize>, Error> {
    if shape.len() > 64 {
        return Err(Error::value(format!(
            "maximum supported dimension for an ndarray is currently 64, found {}",
            shape.len()
        )));
    }
    let mut dims: Vec<i64> = Vec::with_capacity(shape.len());
    for d in shape {
        match d {
            Dim::Bool(_) => {
                return Err(Error::new(IoErrorKind::TypeError, "an integer is required"));
            }
            // `element_count` let only int64 and uint64 values through
            _ => match d.small().and_then(|v| i64::try_from(v).ok()) {
                Some(v) => dims.push(v),
                None => return Err(Error::value("Maximum allowed dimension exceeded")),
            },
        }
    }
    // A 1-d shape equal to the data's is a plain view.
    if dims.len() == 1 && dims[0] >= 0 && dims[0] as u64 == size as u64 {
        return Ok(vec![size]);
    }
    // `_fix_unknown_dimension`: one negative entry is inferred.
    let mismatch = |dims: &[i64]| {
        Error::value(format!(
            "cannot reshape array of size {size} into shape {}",
            shape_string(dims)
        ))
    };
    let mut unknown = None;
    let mut known: i64 = 1;
    for (i, &d) in dims.iter().enumerate() {
        if d < 0 {
            if unknown.is_some() {
                return Err(Error::value("can only specify one unknown dimension"));
            }
            unknown = Some(i);
        } else {
            known = known.checked_mul(d).ok_or_else(|| mismatch(&dims))?;
        }
    }
    let size_i = size as i64;
    match unknown {
        Some(i) => {
            if known == 0 || size_i % known != 0 {
                return Err(mismatch(&dims));
            }
            dims[i] = size_i / known;
        }
        None if known != size_i => return Err(mismatch(&dims)),
        None => {}
    }
    // The view's own check: itemsize times the non-zero dimensions.
    dims.iter()
        .filter(|&&d| d != 0)
        .try_fold(itemsize as i64, |acc, &d| acc.checked_mul(d))
        .ok_or_else(too_big)?;
    Ok(dims.into_iter().map(|d| d as usize).collect())
}

/// NumPy's `convert_shape_to_string`: leading negative entries dropped,
/// later ones shown as `newaxis`, no spaces.
fn shape_string(dims: &[i64]) -> String {
    let first = dims.iter().position(|&d| d >= 0);
    let Some(first) = first else {
        return "()".into();
    };
    let parts: Vec<String> = dims[first..]
        .iter()
        .map(|&d| {
            if d < 0 {
                "newaxis".into()
            } else {
                d.to_string()
            }
        })
        .collect();
    if dims.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &[i128]) -> Vec<Dim> {
        v.iter().map(|&i| Dim::Int(i)).collect()
    }

    #[test]
    fn counts_wrap_as_numpys_int64_reduce() {
        let count = |v: &[i128]| element_count(&ints(v)).unwrap().0;
        assert_eq!(count(&[]), 1);
        assert_eq!(count(&[2, 3]), 6);
        assert_eq!(count(&[1 << 32, 1 << 32]), 0);
        assert_eq!(count(&[1 << 63]), i64::MIN);
        assert_eq!(count(&[(1 << 64) - 1]), -1);
        let (c, w) = element_count(&ints(&[-1, 1 << 63])).unwrap();
        assert_eq!((c, w.is_some()), (i64::MIN, true));
        assert_eq!(
            element_count(&ints(&[1 << 64])).unwrap_err().kind,
            IoErrorKind::OverflowError
        );
    }

    #[test]
    fn shape_strings_are_numpys() {
        assert_eq!(shape_string(&[0, -1]), "(0,newaxis)");
        assert_eq!(shape_string(&[-1, 0]), "(0)");
        assert_eq!(shape_string(&[-1]), "()");
        assert_eq!(shape_string(&[5]), "(5,)");
    }
}
