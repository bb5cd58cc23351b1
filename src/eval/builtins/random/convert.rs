//! Between the language's values and `crate::random`'s plain data: `size=`
//! as a [`Size`], array-likes as [`Param`]s, samples as Python scalars,
//! NumPy scalars or arrays. The only file here that knows the array type,
//! so a new array layer changes this file alone.

use ndarray::Axis;

use crate::array::{Array, DType, dispatch, limits};
use crate::eval::convert::{index_int, int_convertible, to_array};
use crate::eval::{Bound, EvalError, EvalResult, Scalar, Value};
use crate::random::{self, Param, Sample, Size};

/// Checks that an output of `shape` fits under the allocation cap.
fn fits(shape: &[usize], dtype: &str) -> EvalResult<()> {
    let _ = dtype;
    limits::check_alloc(shape, DType::Float64)?;
    Ok(())
}

/// `size=`: None, an int, or a sequence of ints (`np.empty`'s rules and
/// messages), checked against the allocation cap.
pub fn size(v: Option<&Value>) -> EvalResult<Size> {
    let dims = match v {
        None | Some(Value::None) => return Ok(Size::Scalar),
        Some(v) if let Some(items) = v.seq_items() => items
            .iter()
            .map(index_int)
            .collect::<EvalResult<Vec<i64>>>()?,
        Some(Value::Array(a)) if a.ndim() == 1 && a.dtype() == DType::Int64 => {
            a.to_f64_vec().into_iter().map(|x| x as i64).collect()
        }
        Some(other) => vec![index_int(other).map_err(|_| {
            EvalError::type_error(format!(
                "expected a sequence of integers or a single integer, got '{}'",
                other.repr(&Default::default())
            ))
        })?],
    };
    shape_of(&dims)
}

/// `rand(d0, d1, ...)`'s dimensions (each `operator.index`-ed).
pub fn dims(args: &[Value]) -> EvalResult<Size> {
    if args.is_empty() {
        return Ok(Size::Scalar);
    }
    let dims = args
        .iter()
        .map(index_int)
        .collect::<EvalResult<Vec<i64>>>()?;
    shape_of(&dims)
}

fn shape_of(dims: &[i64]) -> EvalResult<Size> {
    let shape = dims
        .iter()
        .map(|&d| {
            usize::try_from(d)
                .map_err(|_| EvalError::value_error("negative dimensions are not allowed"))
        })
        .collect::<EvalResult<Vec<usize>>>()?;
    fits(&shape, "float64")?;
    Ok(Size::Shape(shape))
}

/// An array-like of floats (`loc`, `scale`, `low`, `p`).
pub fn floats(v: &Value) -> EvalResult<Param<f64>> {
    let a = to_array(v)?;
    Ok(Param {
        shape: a.shape().to_vec(),
        data: a.to_f64_vec(),
    })
}

/// An array-like of Python ints, as `int()` makes them from floats.
pub fn ints(v: &Value) -> EvalResult<Param<i128>> {
    let a = to_array(v)?;
    let shape = a.shape().to_vec();
    let data = match a.dtype() {
        DType::Bool => a.read::<bool>().iter().map(i128::from).collect(),
        DType::UInt64 => a.read::<u64>().iter().map(i128::from).collect(),
        d if d.is_integer() => a
            .astype(DType::Int64)?
            .read::<i64>()
            .iter()
            .map(i128::from)
            .collect(),
        _ => a
            .to_f64_vec()
            .into_iter()
            .map(|f| int_convertible(f).map(|()| f.trunc() as i128))
            .collect::<EvalResult<_>>()?,
    };
    Ok(Param { shape, data })
}

/// A two-parameter continuous distribution of either generator
/// (`normal`'s loc and scale, `uniform`'s low and high): the parameters
/// `names` (defaults from the signature) and `size`, drawn by `draw`,
/// back as a float sample.
pub fn cont2(
    b: &Bound,
    names: [&str; 2],
    draw: impl FnOnce(&Param<f64>, &Param<f64>, &Size) -> random::Result<Sample<f64>>,
) -> EvalResult<Value> {
    let param = |name| floats(&b.value(name).unwrap_or(Value::None));
    let (first, second) = (param(names[0])?, param(names[1])?);
    let size = size(b.get("size"))?;
    draw(&first, &second, &size)
        .map(float_out)
        .map_err(EvalError::from)
}

/// A float sample: a Python float for a scalar, else a float64 array.
pub fn float_out(s: Sample<f64>) -> Value {
    match s.shape {
        None => Value::Float(s.data[0]),
        Some(shape) => Value::array(from_shape(&shape, s.data)),
    }
}

/// How an integer sample's scalar is returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntOut {
    /// `dtype=int` (Python's int type): a Python int.
    PythonInt,
    /// `dtype=bool` (Python's bool type): a Python bool.
    PythonBool,
    /// A NumPy int64 (`np.int64(3)`).
    Int64,
    /// A NumPy bool (`np.True_`).
    Bool,
}

/// An integer sample in the dtype `out` names.
pub fn int_out(s: Sample<i64>, out: IntOut) -> Value {
    let boolean = matches!(out, IntOut::PythonBool | IntOut::Bool);
    match s.shape {
        None => {
            let x = s.data[0];
            match out {
                IntOut::PythonInt => Value::Int(x),
                IntOut::PythonBool => Value::Bool(x != 0),
                IntOut::Int64 => Value::Scalar(Scalar::Int64(x)),
                IntOut::Bool => Value::Scalar(Scalar::Bool(x != 0)),
            }
        }
        Some(shape) if boolean => Value::array(from_shape(
            &shape,
            s.data.into_iter().map(|x| x != 0).collect::<Vec<bool>>(),
        )),
        Some(shape) => Value::array(from_shape(&shape, s.data)),
    }
}

fn from_shape<T: crate::array::Element>(shape: &[usize], data: Vec<T>) -> Array {
    Array::from_vec(shape, data).expect("a sample fills its shape")
}

/// `a.take(idx, axis)` for `choice`: a NumPy scalar when a 1-d `a` gives
/// one element for `size=None`, else an array (0-d for `size=()`).
pub fn take(a: &Array, idx: &Sample<i64>, axis: usize) -> Value {
    let picks: Vec<usize> = idx.data.iter().map(|&i| i as usize).collect();
    let taken = select(a, axis, &picks);
    let idx_shape = idx.shape.clone().unwrap_or_default();
    // Replace the axis by the index's shape.
    let mut shape = a.shape()[..axis].to_vec();
    shape.extend(&idx_shape);
    shape.extend(&a.shape()[axis + 1..]);
    let out = reshape(&taken, &shape);
    if idx.shape.is_none() && out.ndim() == 0 {
        return Value::Scalar(out.first().expect("one element"));
    }
    Value::array(out)
}

/// The slices of `a` along `axis` in the order `order` (a permutation or
/// any indices).
pub fn select(a: &Array, axis: usize, order: &[usize]) -> Array {
    dispatch!(a.dtype(), T => Array::from_ndarray(a.read::<T>().view().select(Axis(axis), order)))
}

fn reshape(a: &Array, shape: &[usize]) -> Array {
    a.reshape_to(shape).expect("same number of elements")
}

/// An int64 array of `data`, 1-d.
pub fn int_vector(data: Vec<i64>) -> Value {
    Value::array(Array::from_i64(data))
}
