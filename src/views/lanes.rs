//! Axes, spacing and lanes of a gradient call, resolved the way
//! `np.gradient` resolves them (after the engine has validated the call).

use ndarray::{ArrayD, Axis, IxDyn};

use crate::array::{Array, AxisSpec, Error};

/// The axes `np.gradient` differentiates along, normalised to `0..ndim`.
///
/// # Errors
/// NumPy's `AxisError` for an axis out of range, `ValueError` for a
/// repeated axis.
pub fn resolve_axes(axis: &AxisSpec, ndim: usize) -> Result<Vec<usize>, Error> {
    axis.resolve(ndim)
}

/// The sample spacing along one axis: either uniform `h` (a scalar, or
/// coordinates whose differences are all equal, which NumPy reduces to a
/// scalar) or the coordinates of a non-uniform grid.
#[derive(Clone, Debug, PartialEq)]
pub struct AxisSpacing {
    /// The coordinates, when given as an array.
    pub coords: Option<Vec<f64>>,
    /// `Some(h)` when NumPy treats the axis as uniformly spaced.
    pub uniform: Option<f64>,
}

impl AxisSpacing {
    /// Coordinate of sample `i` (`i·h` when only a scalar was given).
    pub fn x(&self, i: usize) -> f64 {
        match (&self.coords, self.uniform) {
            (Some(c), _) => c[i],
            (None, Some(h)) => i as f64 * h,
            (None, None) => i as f64,
        }
    }

    /// Distance from sample `i` to `i + 1`, as NumPy computes it.
    pub fn dx(&self, i: usize) -> f64 {
        match (self.uniform, &self.coords) {
            (Some(h), _) => h,
            (None, Some(c)) => c[i + 1] - c[i],
            (None, None) => 1.0,
        }
    }

    /// `h = 2`, `x = [2, 1, 5, 10, 11, 15] (non-uniform)` and the like.
    pub fn describe(&self) -> String {
        use super::num;
        match (&self.coords, self.uniform) {
            (Some(c), Some(h)) => format!("x = {} (uniform, h = {})", list(c), num(h)),
            (Some(c), None) => format!("x = {} (non-uniform)", list(c)),
            (None, Some(h)) => format!("h = {}", num(h)),
            (None, None) => "h = 1".into(),
        }
    }
}

fn list(c: &[f64]) -> String {
    let items: Vec<String> = if c.len() <= 8 {
        c.iter().map(|&v| super::num(v)).collect()
    } else {
        let mut v: Vec<String> = c[..3].iter().map(|&v| super::num(v)).collect();
        v.push("…".into());
        v.extend(c[c.len() - 3..].iter().map(|&v| super::num(v)));
        v
    };
    format!("[{}]", items.join(", "))
}

/// The spacing of each differentiated axis from `np.gradient`'s `*varargs`.
///
/// # Errors
/// `TypeError`/`ValueError` with NumPy's messages for a wrong number of
/// spacings or a coordinate array of the wrong length or dimension.
pub fn resolve_spacing(
    shape: &[usize],
    axes: &[usize],
    varargs: &[Array],
) -> Result<Vec<AxisSpacing>, Error> {
    let scalar = |a: &Array| AxisSpacing {
        coords: None,
        uniform: Some(a.to_f64_vec()[0]),
    };
    match varargs.len() {
        0 => Ok(axes
            .iter()
            .map(|_| AxisSpacing {
                coords: None,
                uniform: Some(1.0),
            })
            .collect()),
        1 if varargs[0].ndim() == 0 => Ok(axes.iter().map(|_| scalar(&varargs[0])).collect()),
        n if n == axes.len() => axes
            .iter()
            .zip(varargs)
            .map(|(&ax, v)| match v.ndim() {
                0 => Ok(scalar(v)),
                1 if v.len() == shape[ax] => {
                    let c = v.to_f64_vec();
                    let d0 = if c.len() > 1 { c[1] - c[0] } else { 0.0 };
                    let uniform = c.windows(2).all(|w| w[1] - w[0] == d0);
                    Ok(AxisSpacing {
                        uniform: uniform.then_some(d0),
                        coords: Some(c),
                    })
                }
                1 => Err(Error::value(
                    "when 1d, distances must match the length of the corresponding dimension",
                )),
                _ => Err(Error::value("distances must be either scalars or 1d")),
            })
            .collect(),
        _ => Err(Error::type_error("invalid number of arguments")),
    }
}

/// Multi-indices of the lanes along `axis`, in row-major order (the
/// position along `axis` is set to 0).
pub fn lane_starts(shape: &[usize], axis: usize) -> Vec<Vec<usize>> {
    let mut out = vec![vec![0; shape.len()]];
    for (d, &len) in shape.iter().enumerate() {
        if d == axis {
            continue;
        }
        out = out
            .into_iter()
            .flat_map(|idx| {
                (0..len).map(move |k| {
                    let mut i = idx.clone();
                    i[d] = k;
                    i
                })
            })
            .collect();
    }
    out
}

/// The values of one lane along `axis` starting at multi-index `start`.
pub fn lane(a: &ArrayD<f64>, axis: usize, start: &[usize]) -> Vec<f64> {
    let mut idx = start.to_vec();
    (0..a.shape()[axis])
        .map(|k| {
            idx[axis] = k;
            a[IxDyn(&idx)]
        })
        .collect()
}

/// The cross-section `a[..., i, ...]` at position `i` of `axis`, row-major.
pub fn section(a: &ArrayD<f64>, axis: usize, i: usize) -> Vec<f64> {
    a.index_axis(Axis(axis), i).iter().copied().collect()
}

/// `f[1, 2]`-style index text (`f[2]` for 1-D).
pub fn index_text(name: &str, idx: &[usize]) -> String {
    let parts: Vec<String> = idx.iter().map(|i| i.to_string()).collect();
    format!("{name}[{}]", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_are_row_major_over_the_other_axes() {
        assert_eq!(
            lane_starts(&[2, 3], 0),
            vec![vec![0, 0], vec![0, 1], vec![0, 2]]
        );
        assert_eq!(lane_starts(&[2, 3], 1), vec![vec![0, 0], vec![1, 0]]);
        assert_eq!(lane_starts(&[4], 0), vec![vec![0]]);
    }

    #[test]
    fn uniform_coordinates_reduce_to_a_scalar() {
        let s = resolve_spacing(&[3], &[0], &[Array::from_f64(vec![0.0, 2.0, 4.0])]).unwrap();
        assert_eq!(s[0].uniform, Some(2.0));
        let s = resolve_spacing(&[3], &[0], &[Array::from_i64(vec![2, 1, 5])]).unwrap();
        assert_eq!(s[0].uniform, None);
        assert_eq!(s[0].dx(0), -1.0);
    }

    #[test]
    fn axes_normalise_and_reject_out_of_range() {
        assert_eq!(
            resolve_axes(&AxisSpec::One(crate::array::Axis(-1)), 2).unwrap(),
            vec![1]
        );
        assert_eq!(resolve_axes(&AxisSpec::All, 2).unwrap(), vec![0, 1]);
        assert!(resolve_axes(&AxisSpec::One(crate::array::Axis(2)), 2).is_err());
    }
}
