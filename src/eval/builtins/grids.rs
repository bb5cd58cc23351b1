//! `np.mgrid[...]` and `np.ogrid[...]` (issue 13): NumPy's `nd_grid`
//! objects, indexed with slices (`lib/_index_tricks_impl.py`).
//!
//! A tuple of slices gives `size = ceil((stop - start) / step)` points per
//! axis, in int64 when every bound is an integer and float64 otherwise, as
//! `indices(size) * step + start` (mgrid: one stacked array) or as
//! `arange(size) * step + start` with the other axes of length 1 (ogrid: a
//! tuple). One slice is `arange(start, stop, step)`. A complex step `5j`
//! means "5 points, stop included"; gradlab has no complex literals, so
//! only complex128 scalars reach that branch.

use crate::array::{Array, DType};

use super::super::args::{Bound, CallArgs};
use super::super::convert::int_convertible;
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::{Scalar, Value};
use super::pandas::Key;
use super::{Builtin, Home};

builtins! { GRIDS;
    "mgrid", Numpy, not_callable, "mgrid[start:stop:step, ...]",
        "Dense coordinate grids from slices: one array of shape (ndim, n1, n2, ...).",
        "np.mgrid[0:2, 0:3]";
    "ogrid", Numpy, not_callable, "ogrid[start:stop:step, ...]",
        "Open coordinate grids from slices: a tuple of arrays that broadcast together.",
        "np.ogrid[0:1:0.25, 0:3]";
}

/// Which grid object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grid {
    /// `np.mgrid` (dense).
    MGrid,
    /// `np.ogrid` (sparse, "open").
    OGrid,
}

impl Grid {
    /// The class name, as `type(np.mgrid)` names it.
    pub fn type_name(self) -> &'static str {
        match self {
            Grid::MGrid => "numpy.lib._index_tricks_impl.MGridClass",
            Grid::OGrid => "numpy.lib._index_tricks_impl.OGridClass",
        }
    }

    /// `repr(np.mgrid)` without the memory address NumPy shows.
    pub fn repr(self) -> String {
        format!("<{} object>", self.type_name())
    }
}

/// `np.mgrid`/`np.ogrid` as values (table rows name them for `:help`).
pub fn attr(name: &str) -> Option<Value> {
    match name {
        "mgrid" => Some(Value::Grid(Grid::MGrid)),
        "ogrid" => Some(Value::Grid(Grid::OGrid)),
        _ => None,
    }
}

fn not_callable(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let class = if b.sig.name == "mgrid" {
        "MGridClass"
    } else {
        "OGridClass"
    };
    Err(EvalError::type_error(format!(
        "'{class}' object is not callable"
    )))
}

/// One bound of a slice as a number: an int (Python, NumPy or bool), a
/// float, or a complex step's `abs`.
#[derive(Clone, Copy, Debug)]
enum Num {
    Int(i64),
    Float(f64),
    /// A complex step: the number of points.
    Count(f64),
}

impl Num {
    fn of(v: &Value) -> Option<Num> {
        Some(match v {
            Value::Int(i) => Num::Int(*i),
            Value::Bool(b) => Num::Int(i64::from(*b)),
            Value::Float(x) => Num::Float(*x),
            Value::Scalar(Scalar::Complex128(z)) | Value::Complex(z) => Num::Count(z.norm()),
            Value::Scalar(s) if s.dtype().is_integer() || s.dtype() == DType::Bool => {
                Num::Int(s.get::<i64>())
            }
            Value::Scalar(s) => Num::Float(s.as_f64()),
            _ => return None,
        })
    }

    fn f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(x) | Num::Count(x) => x,
        }
    }

    fn is_float(self) -> bool {
        !matches!(self, Num::Int(_))
    }
}

/// What one slice of a tuple key becomes: its length, and the step and
/// start of `i * step + start`.
struct Axis {
    size: i64,
    start: Num,
    step: Num,
}

/// Python's `math.ceil` of a float, with its errors.
fn ceil(x: f64) -> EvalResult<i64> {
    int_convertible(x)?;
    Ok(x.ceil() as i64)
}

/// NumPy's fallback for a key it cannot read as a tuple of slices: it
/// reads `key.step` of the whole key.
fn no_step(v: &Value) -> EvalError {
    EvalError::new(
        ErrorKind::AttributeError,
        format!("'{}' object has no attribute 'step'", v.short_type()),
    )
}

fn tuple_axis(
    lower: &Option<Value>,
    upper: &Option<Value>,
    step: &Option<Value>,
    key: &Value,
) -> EvalResult<Axis> {
    let num = |v: &Option<Value>, default: i64| match v {
        None | Some(Value::None) => Some(Num::Int(default)),
        Some(v) => Num::of(v),
    };
    let (Some(start), Some(step)) = (num(lower, 0), num(step, 1)) else {
        return Err(no_step(key));
    };
    let Some(stop) = upper.as_ref().and_then(Num::of) else {
        // `stop - start` raised TypeError, which NumPy catches.
        return Err(no_step(key));
    };
    if let Num::Count(n) = step {
        let count = n as i64;
        let step = match count {
            1 => Num::Int(1),
            _ => Num::Float((stop.f64() - start.f64()) / (count - 1) as f64),
        };
        return Ok(Axis {
            size: count,
            start,
            step,
        });
    }
    if step.f64() == 0.0 {
        let message = match (start, stop, step) {
            (Num::Int(_), Num::Int(_), Num::Int(_)) => "division by zero",
            _ => "float division by zero",
        };
        return Err(EvalError::new(ErrorKind::ZeroDivisionError, message));
    }
    let size = match (start, stop, step) {
        (Num::Int(a), Num::Int(z), Num::Int(s)) => ceil((z as f64 - a as f64) / s as f64)?,
        _ => ceil((stop.f64() - start.f64()) / step.f64())?,
    };
    Ok(Axis { size, start, step })
}

/// `grid[keys]`.
pub fn subscript(s: &mut Session, grid: Grid, keys: &[Key]) -> EvalResult<Value> {
    if let [key] = keys {
        return single(s, key);
    }
    let key = Value::tuple(
        keys.iter()
            .map(|k| match k {
                Key::Value(v) => v.clone(),
                Key::Slice(..) => Value::None,
            })
            .collect(),
    );
    let mut axes = Vec::with_capacity(keys.len());
    let mut float = false;
    for k in keys {
        let Key::Slice(lower, upper, step) = k else {
            let Key::Value(v) = k else { unreachable!() };
            return Err(no_step(v));
        };
        let axis = tuple_axis(lower, upper, step, &key)?;
        float |= [lower, upper, step]
            .iter()
            .any(|v| v.as_ref().and_then(Num::of).is_some_and(Num::is_float));
        axes.push(axis);
    }
    let dtype = if float { DType::Float64 } else { DType::Int64 };
    let n = axes.len();
    if grid == Grid::MGrid && axes.iter().any(|a| a.size < 0) {
        return Err(EvalError::value_error(
            "negative dimensions are not allowed",
        ));
    }
    let sizes: Vec<usize> = axes.iter().map(|a| a.size.max(0) as usize).collect();
    let mut full = vec![n];
    full.extend_from_slice(&sizes);
    if grid == Grid::MGrid {
        // NumPy allocates the whole grid first.
        crate::array::limits::check_alloc(&full, dtype)?;
    }
    let lines: Vec<Array> = axes
        .iter()
        .zip(&sizes)
        .map(|(a, &len)| line(a, len, dtype))
        .collect::<EvalResult<_>>()?;
    match grid {
        Grid::OGrid => Ok(Value::tuple(
            lines
                .into_iter()
                .enumerate()
                .map(|(k, l)| {
                    let mut shape = vec![1; n];
                    shape[k] = sizes[k];
                    Ok(Value::array(l.reshape_to(&shape)?))
                })
                .collect::<EvalResult<_>>()?,
        )),
        Grid::MGrid => {
            // Plane k holds line k's value at each point's k-th index.
            let points: usize = sizes.iter().product();
            let index_of = |p: usize, k: usize| {
                let inner: usize = sizes[k + 1..].iter().product();
                (p / inner.max(1)) % sizes[k].max(1)
            };
            Ok(Value::array(match dtype {
                DType::Int64 => {
                    let values: Vec<Vec<i64>> = lines.iter().map(Array::to_vec::<i64>).collect();
                    let data = (0..n)
                        .flat_map(|k| (0..points).map(move |p| (k, p)))
                        .map(|(k, p)| values[k][index_of(p, k)])
                        .collect();
                    Array::from_vec(&full, data)?
                }
                _ => {
                    let values: Vec<Vec<f64>> = lines.iter().map(Array::to_vec::<f64>).collect();
                    let data = (0..n)
                        .flat_map(|k| (0..points).map(move |p| (k, p)))
                        .map(|(k, p)| values[k][index_of(p, k)])
                        .collect();
                    Array::from_vec(&full, data)?
                }
            }))
        }
    }
}

/// `arange(len) * step + start` in `dtype` (two roundings, as NumPy's two
/// ufuncs).
fn line(a: &Axis, len: usize, dtype: DType) -> EvalResult<Array> {
    crate::array::limits::check_alloc(&[len], dtype)?;
    Ok(match dtype {
        DType::Int64 => {
            let (Num::Int(step), Num::Int(start)) = (a.step, a.start) else {
                unreachable!("int64 grids have int bounds")
            };
            Array::from_vec(
                &[len],
                (0..len as i64)
                    .map(|i| i.wrapping_mul(step).wrapping_add(start))
                    .collect(),
            )?
        }
        _ => {
            let (step, start) = (a.step.f64(), a.start.f64());
            Array::from_vec(&[len], (0..len).map(|i| i as f64 * step + start).collect())?
        }
    })
}

/// One slice: `arange(start, stop, step)`, or for a complex step
/// `arange(0, n, 1, dtype=float64) * step + start`.
fn single(s: &mut Session, key: &Key) -> EvalResult<Value> {
    let (lower, upper, step) = match key {
        Key::Slice(l, u, st) => (l, u, st),
        Key::Value(v) => return Err(no_step(v)),
    };
    let start = lower.clone().unwrap_or(Value::Int(0));
    if let Some(Num::Count(n)) = step.as_ref().and_then(Num::of) {
        let count = n as i64;
        let (Some(a), Some(z)) = (Num::of(&start), upper.as_ref().and_then(Num::of)) else {
            return Err(EvalError::type_error(
                "unsupported operand type(s) for -: 'NoneType' and 'int'",
            ));
        };
        let axis = Axis {
            size: count,
            start: Num::Float(a.f64()),
            step: match count {
                1 => Num::Float(1.0),
                _ => Num::Float((z.f64() - a.f64()) / (count - 1) as f64),
            },
        };
        return Ok(Value::array(line(
            &axis,
            count.max(0) as usize,
            DType::Float64,
        )?));
    }
    let arange = super::lookup("arange").expect("arange is a builtin");
    let pos = vec![
        start,
        upper.clone().unwrap_or(Value::None),
        step.clone().unwrap_or(Value::None),
    ];
    let call = CallArgs {
        pos_spans: smallvec::smallvec![Default::default(); pos.len()],
        pos: pos.into(),
        ..CallArgs::default()
    };
    s.call_value(&Value::Builtin(arange), call)
}
