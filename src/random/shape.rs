//! Sizes, array-like parameters and NumPy's broadcasting of them, as the
//! distributions' `size=` and array arguments need (`np.broadcast`'s
//! multi-iterator, with its error messages).

use super::{Error, ErrorKind};

/// NumPy's `size=` argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Size {
    /// `size=None`: one value, returned as a scalar (or an array shaped by
    /// array-valued parameters).
    Scalar,
    /// An explicit shape (`size=5` is `[5]`, `size=()` is `[]`).
    Shape(Vec<usize>),
}

impl Size {
    /// The explicit shape, if any.
    pub fn shape(&self) -> Option<&[usize]> {
        match self {
            Size::Scalar => None,
            Size::Shape(s) => Some(s),
        }
    }
}

/// An array-like parameter (`loc`, `scale`, `low`, `p`): its shape and its
/// elements in C order. A Python scalar is shape `[]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Param<T> {
    pub shape: Vec<usize>,
    pub data: Vec<T>,
}

impl<T: Copy> Param<T> {
    /// A 0-d parameter.
    pub fn scalar(x: T) -> Param<T> {
        Param {
            shape: Vec::new(),
            data: vec![x],
        }
    }

    /// A 1-d parameter.
    pub fn vector(data: Vec<T>) -> Param<T> {
        Param {
            shape: vec![data.len()],
            data,
        }
    }

    /// Whether NumPy takes its scalar path (`ndim == 0`).
    pub fn is_scalar(&self) -> bool {
        self.shape.is_empty()
    }
}

/// What a sampler returns: the values in C order, and the shape of the
/// array NumPy returns, or `None` when it returns one scalar.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample<T> {
    pub shape: Option<Vec<usize>>,
    pub data: Vec<T>,
}

impl<T> Sample<T> {
    /// A scalar result.
    pub fn scalar(x: T) -> Sample<T> {
        Sample {
            shape: None,
            data: vec![x],
        }
    }

    /// An array result.
    pub fn array(shape: Vec<usize>, data: Vec<T>) -> Sample<T> {
        Sample {
            shape: Some(shape),
            data,
        }
    }
}

/// Python's repr of a shape tuple: `()`, `(3,)`, `(2, 3)`.
pub fn tuple_repr(shape: &[usize]) -> String {
    match shape {
        [d] => format!("({d},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// The product of a shape's dimensions.
pub fn numel(shape: &[usize]) -> usize {
    shape.iter().product()
}

/// `np.broadcast(*args).shape`, with NumPy's multi-iterator message naming
/// the two arguments that disagree.
pub fn broadcast(shapes: &[&[usize]]) -> Result<Vec<usize>, Error> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; nd];
    for (i, dim) in out.iter_mut().enumerate() {
        let mut src = 0;
        for (j, s) in shapes.iter().enumerate() {
            let Some(k) = (i + s.len()).checked_sub(nd) else {
                continue;
            };
            let d = s[k];
            if d == 1 {
                continue;
            }
            if *dim == 1 {
                *dim = d;
                src = j;
            } else if *dim != d {
                return Err(Error::new(
                    ErrorKind::ValueError,
                    format!(
                        "shape mismatch: objects cannot be broadcast to a single shape.  \
                         Mismatch is between arg {src} with shape {} and arg {j} with shape {}.",
                        tuple_repr(shapes[src]),
                        tuple_repr(s)
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// The broadcast shape of a ufunc's operands, with the ufunc's message.
pub fn broadcast_operands(a: &[usize], b: &[usize]) -> Result<Vec<usize>, Error> {
    broadcast(&[a, b]).map_err(|_| {
        Error::new(
            ErrorKind::ValueError,
            format!(
                "operands could not be broadcast together with shapes {} {} ",
                tuple_repr(a),
                tuple_repr(b)
            ),
        )
    })
}

/// Visits the first `n` elements of a broadcast `shape` in C order,
/// calling `f` with each parameter's flat index (stride 0 along the
/// dimensions it is broadcast over), as NumPy's multi-iterator does.
pub fn walk(shape: &[usize], params: &[&[usize]], n: usize, mut f: impl FnMut(&[usize])) {
    let nd = shape.len();
    let strides: Vec<Vec<usize>> = params
        .iter()
        .map(|p| {
            let mut st = vec![0usize; nd];
            let mut acc = 1usize;
            for (k, &d) in p.iter().enumerate().rev() {
                st[nd - p.len() + k] = if d == 1 { 0 } else { acc };
                acc *= d;
            }
            st
        })
        .collect();
    let mut counter = vec![0usize; nd];
    let mut offsets = vec![0usize; params.len()];
    for _ in 0..n {
        f(&offsets);
        for axis in (0..nd).rev() {
            counter[axis] += 1;
            for (o, st) in offsets.iter_mut().zip(&strides) {
                *o += st[axis];
            }
            if counter[axis] < shape[axis] {
                break;
            }
            for (o, st) in offsets.iter_mut().zip(&strides) {
                *o -= st[axis] * counter[axis];
            }
            counter[axis] = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_broadcasts_rows_and_columns() {
        let mut seen = Vec::new();
        walk(&[2, 3], &[&[3], &[2, 1]], 6, |o| seen.push((o[0], o[1])));
        assert_eq!(seen, [(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1)]);
    }

    #[test]
    fn mismatch_names_the_arguments() {
        let e = broadcast(&[&[3], &[4]]).unwrap_err();
        assert!(
            e.message
                .contains("arg 0 with shape (3,) and arg 1 with shape (4,)")
        );
    }
}
