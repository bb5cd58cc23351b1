//! Broadcasting: NumPy's shape rule, and broadcast views (stride 0, never
//! materialised).

use super::error::Error;
use super::handle::Array;
use super::shape::shape_compact;

/// NumPy's broadcast shape of two shapes.
///
/// # Errors
/// `ValueError: operands could not be broadcast together with shapes
/// (2,3) (4,) ` (NumPy's text, trailing space included).
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Result<Vec<usize>, Error> {
    broadcast_pair(a, b).ok_or_else(|| {
        Error::value(format!(
            "operands could not be broadcast together with shapes {} {} ",
            shape_compact(a),
            shape_compact(b)
        ))
    })
}

fn broadcast_pair(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let n = a.len().max(b.len());
    let dim = |s: &[usize], i: usize| {
        if i + s.len() >= n {
            s[i + s.len() - n]
        } else {
            1
        }
    };
    (0..n)
        .map(|i| match (dim(a, i), dim(b, i)) {
            (x, y) if x == y => Some(x),
            (1, y) => Some(y),
            (x, 1) => Some(x),
            _ => None,
        })
        .collect()
}

impl Array {
    /// `np.broadcast_to(a, shape)`: a read-only view in which broadcast
    /// axes have stride 0.
    ///
    /// # Errors
    /// NumPy's: `input operand has more dimensions than allowed by the axis
    /// remapping`, `operands could not be broadcast together with remapped
    /// shapes [original->remapped]: (3,)  and requested shape (4,)`.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Array, Error> {
        if self.ndim() > shape.len() {
            return Err(Error::value(
                "input operand has more dimensions than allowed by the axis remapping",
            ));
        }
        let mut v = self.broadcast_view(shape).ok_or_else(|| {
            Error::value(format!(
                "operands could not be broadcast together with remapped shapes \
                 [original->remapped]: {}  and requested shape {}",
                shape_compact(self.shape()),
                shape_compact(shape)
            ))
        })?;
        v.writeable = false;
        Ok(v)
    }

    /// The array broadcast to `shape` as a view, if the shapes allow it.
    /// Writeable only when no axis was broadcast (then it is a plain view).
    pub(super) fn broadcast_view(&self, shape: &[usize]) -> Option<Array> {
        if self.ndim() > shape.len() {
            return None;
        }
        let lead = shape.len() - self.ndim();
        let mut strides = vec![0isize; shape.len()];
        let mut stretched = lead > 0 && shape[..lead].iter().any(|&d| d != 1);
        for (k, (&n, &s)) in self.shape.iter().zip(self.strides.iter()).enumerate() {
            let want = shape[lead + k];
            if n == want {
                strides[lead + k] = s;
            } else if n == 1 {
                stretched |= want != 1;
            } else {
                return None;
            }
        }
        let mut v = self.view_with(self.offset, shape.to_vec(), strides);
        v.writeable = self.writeable && !stretched;
        Some(v)
    }
}
