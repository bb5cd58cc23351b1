//! Indexing and slicing with NumPy's rules: integers, slices (Python's
//! `slice.indices`), `None`, `...`, boolean masks and integer index arrays.

use crate::eval::ErrorKind;
use std::rc::Rc;

use ndarray::{ArrayBase, ArrayD, ArrayViewD, ArrayViewMutD, Axis, IxDyn, RawData, Slice};

use crate::engine::{Array, DType};

use super::convert::{shape_str, to_array};
use super::error::{EvalError, EvalResult};
use super::value::{Scalar, Value};

/// One evaluated index item.
#[derive(Clone, Debug)]
pub enum Idx {
    Int(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    NewAxis,
    Ellipsis,
    Mask(ArrayD<bool>),
    Take(ArrayD<i64>),
}

impl Idx {
    /// An index item from a value (`a[i]` with `i` evaluated).
    pub fn from_value(v: &Value) -> EvalResult<Idx> {
        Ok(match v {
            Value::None => Idx::NewAxis,
            Value::Int(i) | Value::Scalar(Scalar::I(i)) => Idx::Int(*i),
            Value::Bool(b) | Value::Scalar(Scalar::B(b)) => {
                Idx::Mask(ArrayD::from_elem(ndarray::IxDyn(&[]), *b))
            }
            Value::Array(_) | Value::List(_) | Value::Tuple(_) => match to_array(v)? {
                Array::Bool(m) => Idx::Mask(m),
                Array::Int(ix) => Idx::Take(ix),
                Array::Float(_) => return Err(index_type_error()),
            },
            _ => return Err(index_type_error()),
        })
    }
}

fn index_type_error() -> EvalError {
    EvalError::index_error(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
    )
}

/// Python's `slice(start, stop, step).indices(len)` as (start, step, count).
pub fn slice_indices(
    len: usize,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> EvalResult<(i64, i64, usize)> {
    let len = len as i64;
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(EvalError::value_error("slice step cannot be zero"));
    }
    let (lower, upper) = if step > 0 { (0, len) } else { (-1, len - 1) };
    let clamp = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(v) if v < 0 => (v + len).max(lower),
        Some(v) => v.min(upper),
    };
    let start = clamp(start, if step > 0 { lower } else { upper });
    let stop = clamp(stop, if step > 0 { upper } else { lower });
    let count = if step > 0 && stop > start {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    Ok((start, step, count as usize))
}

fn nd_slice(len: usize, s: (Option<i64>, Option<i64>, Option<i64>)) -> EvalResult<Slice> {
    let (start, step, count) = slice_indices(len, s.0, s.1, s.2)?;
    if count == 0 {
        return Ok(Slice::new(0, Some(0), 1));
    }
    let last = start + (count as i64 - 1) * step;
    Ok(if step > 0 {
        Slice::new(start as isize, Some(last as isize + 1), step as isize)
    } else {
        Slice::new(last as isize, Some(start as isize + 1), step as isize)
    })
}

fn norm_index(i: i64, len: usize, axis: usize) -> EvalResult<usize> {
    let n = len as i64;
    if i < -n || i >= n {
        return Err(EvalError::index_error(format!(
            "index {i} is out of bounds for axis {axis} with size {len}"
        )));
    }
    Ok(if i < 0 { i + n } else { i } as usize)
}

/// Splits items into per-axis basic items (ellipsis expanded) and at most
/// one advanced item (mask or index array) with the axis it applies to.
fn plan(items: &[Idx], ndim: usize) -> EvalResult<Vec<Idx>> {
    let consuming = items
        .iter()
        .map(|i| match i {
            Idx::Int(_) | Idx::Slice(..) | Idx::Take(_) => 1,
            Idx::Mask(m) => m.ndim(),
            _ => 0,
        })
        .sum::<usize>();
    if consuming > ndim {
        return Err(EvalError::index_error(format!(
            "too many indices for array: array is {ndim}-dimensional, but {consuming} were indexed"
        )));
    }
    if items.iter().filter(|i| matches!(i, Idx::Ellipsis)).count() > 1 {
        return Err(EvalError::index_error(
            "an index can only have a single ellipsis ('...')",
        ));
    }
    let mut out = Vec::new();
    for item in items {
        if let Idx::Ellipsis = item {
            out.extend((0..ndim - consuming).map(|_| Idx::Slice(None, None, None)));
        } else {
            out.push(item.clone());
        }
    }
    Ok(out)
}

/// Applies basic items (ints, slices, new axes) to a view in place; shared
/// by reading (`ArrayView`) and assigning (`ArrayViewMut`).
fn apply_basic<S: RawData>(v: &mut ArrayBase<S, IxDyn>, items: &[Idx]) -> EvalResult<()> {
    let mut axis = 0;
    for item in items {
        match item {
            Idx::Int(i) => {
                let k = norm_index(*i, v.len_of(Axis(axis)), axis)?;
                v.index_axis_inplace(Axis(axis), k);
            }
            Idx::Slice(a, b, c) => {
                let s = nd_slice(v.len_of(Axis(axis)), (*a, *b, *c))?;
                v.slice_axis_inplace(Axis(axis), s);
                axis += 1;
            }
            Idx::NewAxis => {
                v.insert_axis_inplace(Axis(axis));
                axis += 1;
            }
            _ => unreachable!("advanced items are handled separately"),
        }
    }
    Ok(())
}

fn basic_view<'a, T>(mut v: ArrayViewD<'a, T>, items: &[Idx]) -> EvalResult<ArrayViewD<'a, T>> {
    apply_basic(&mut v, items)?;
    Ok(v)
}

/// `a[items]` on an array: a NumPy scalar when every axis got an integer.
pub fn index_array(a: &Array, items: &[Idx]) -> EvalResult<Value> {
    let items = plan(items, a.ndim())?;
    let advanced = items
        .iter()
        .filter(|i| matches!(i, Idx::Mask(_) | Idx::Take(_)))
        .count();
    if advanced > 1 {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab supports one boolean or integer index array per subscript",
        ));
    }
    macro_rules! each {
        ($x:expr, $ctor:path) => {{
            let out = if advanced == 1 {
                advanced_index($x.view(), &items)?
            } else {
                basic_view($x.view(), &items)?.to_owned()
            };
            $ctor(out)
        }};
    }
    let out = match a {
        Array::Float(x) => each!(x, Array::Float),
        Array::Int(x) => each!(x, Array::Int),
        Array::Bool(x) => each!(x, Array::Bool),
    };
    let all_int = items.iter().filter(|i| matches!(i, Idx::Int(_))).count() == a.ndim()
        && items.iter().all(|i| matches!(i, Idx::Int(_)));
    Ok(if all_int {
        Value::Scalar(Scalar::from_array_first(&out).expect("one element"))
    } else {
        Value::array(out)
    })
}

fn advanced_index<T: Clone>(v: ArrayViewD<'_, T>, items: &[Idx]) -> EvalResult<ArrayD<T>> {
    let pos = items
        .iter()
        .position(|i| matches!(i, Idx::Mask(_) | Idx::Take(_)))
        .expect("one advanced item");
    // Apply basic items before the advanced one; the advanced axis is then
    // the number of non-integer items before it.
    let before = &items[..pos];
    let axis = before.iter().filter(|i| !matches!(i, Idx::Int(_))).count();
    let v = basic_view(v, before)?;
    let selected = match &items[pos] {
        Idx::Take(ix) => {
            let len = v.len_of(Axis(axis));
            let flat: Vec<usize> = ix
                .iter()
                .map(|&i| norm_index(i, len, axis))
                .collect::<EvalResult<_>>()?;
            let taken = v.select(Axis(axis), &flat);
            // Replace the taken axis by the index array's shape.
            let mut shape: Vec<usize> = taken.shape()[..axis].to_vec();
            shape.extend_from_slice(ix.shape());
            shape.extend_from_slice(&taken.shape()[axis + 1..]);
            let data: Vec<T> = taken.iter().cloned().collect();
            ArrayD::from_shape_vec(shape, data).expect("same element count")
        }
        Idx::Mask(m) => {
            let k = m.ndim();
            let lead = &v.shape()[axis..axis + k];
            if m.shape() != lead {
                let dim = m
                    .shape()
                    .iter()
                    .zip(lead)
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                return Err(EvalError::index_error(format!(
                    "boolean index did not match indexed array along axis {}; size of axis is {} but size of corresponding boolean axis is {}",
                    axis + dim,
                    lead.get(dim).copied().unwrap_or(0),
                    m.shape().get(dim).copied().unwrap_or(0)
                )));
            }
            let inner: usize = v.shape()[axis + k..].iter().product();
            let outer: usize = v.shape()[..axis].iter().product();
            let std = v.as_standard_layout();
            let flat = std.as_slice().expect("standard layout");
            let mask: Vec<bool> = m.iter().copied().collect();
            let count = mask.iter().filter(|&&b| b).count();
            let mut data = Vec::with_capacity(outer * count * inner);
            for o in 0..outer {
                for (j, &keep) in mask.iter().enumerate() {
                    if keep {
                        let start = (o * mask.len() + j) * inner;
                        data.extend_from_slice(&flat[start..start + inner]);
                    }
                }
            }
            let mut shape: Vec<usize> = v.shape()[..axis].to_vec();
            shape.push(count);
            shape.extend_from_slice(&v.shape()[axis + k..]);
            ArrayD::from_shape_vec(shape, data).expect("mask count matches")
        }
        _ => unreachable!(),
    };
    let rest = &items[pos + 1..];
    if rest.is_empty() {
        return Ok(selected);
    }
    // Basic items after the advanced one apply to the axes after it.
    let mut after = vec![Idx::Slice(None, None, None); axis + 1];
    after.extend_from_slice(rest);
    Ok(basic_view(selected.view(), &after)?.to_owned())
}

/// `a[items] = value`: returns the updated array (the caller rebinds it).
pub fn assign_array(a: &Array, items: &[Idx], value: &Value) -> EvalResult<Array> {
    let items = plan(items, a.ndim())?;
    let src = to_array(value)?;
    let mut out = a.clone();
    match &mut out {
        Array::Float(x) => {
            assign_into(
                x.view_mut(),
                &items,
                &src.astype(DType::Float64),
                |s| match s {
                    Array::Float(v) => v,
                    _ => unreachable!(),
                },
            )?
        }
        Array::Int(x) => assign_into(
            x.view_mut(),
            &items,
            &src.astype(DType::Int64),
            |s| match s {
                Array::Int(v) => v,
                _ => unreachable!(),
            },
        )?,
        Array::Bool(x) => assign_into(
            x.view_mut(),
            &items,
            &src.astype(DType::Bool),
            |s| match s {
                Array::Bool(v) => v,
                _ => unreachable!(),
            },
        )?,
    }
    Ok(out)
}

fn assign_into<T: Clone>(
    mut v: ArrayViewMutD<'_, T>,
    items: &[Idx],
    src: &Array,
    get: impl Fn(&Array) -> &ArrayD<T>,
) -> EvalResult<()> {
    let src = get(src);
    if let [Idx::Mask(m)] = items {
        if m.shape() != v.shape() {
            return Err(EvalError::index_error(format!(
                "boolean index did not match indexed array along axis 0; size of axis is {} but size of corresponding boolean axis is {}",
                v.shape().first().copied().unwrap_or(0),
                m.shape().first().copied().unwrap_or(0)
            )));
        }
        let count = m.iter().filter(|&&b| b).count();
        let vals: Vec<T> = if src.len() == 1 {
            vec![src.iter().next().expect("one").clone(); count]
        } else if src.len() == count {
            src.iter().cloned().collect()
        } else {
            return Err(EvalError::value_error(format!(
                "NumPy boolean array indexing assignment cannot assign {} input values to the {count} output values where the mask is true",
                src.len()
            )));
        };
        let mut it = vals.into_iter();
        ndarray::Zip::from(&mut v).and(m).for_each(|x, &keep| {
            if keep {
                *x = it.next().expect("counted");
            }
        });
        return Ok(());
    }
    if items
        .iter()
        .any(|i| matches!(i, Idx::Mask(_) | Idx::Take(_)))
    {
        return Err(EvalError::new(
            ErrorKind::NotImplementedError,
            "gradlab assigns through basic indices or one whole-array boolean mask",
        ));
    }
    apply_basic(&mut v, items)?;
    match src.broadcast(v.raw_dim()) {
        Some(b) => {
            v.assign(&b);
            Ok(())
        }
        None => Err(EvalError::value_error(format!(
            "could not broadcast input array from shape {} into shape {}",
            shape_str(src.shape()),
            shape_str(v.shape())
        ))),
    }
}

/// `seq[items]` on a Python list, tuple or str.
pub fn index_sequence(v: &Value, items: &[Idx]) -> EvalResult<Value> {
    let (kind, len) = match v {
        Value::List(x) => ("list", x.len()),
        Value::Tuple(x) => ("tuple", x.len()),
        Value::Str(s) => ("string", s.chars().count()),
        _ => unreachable!("only sequences"),
    };
    let [item] = items else {
        return Err(EvalError::type_error(format!(
            "{kind} indices must be integers or slices, not tuple"
        )));
    };
    let picks: Vec<usize> = match item {
        Idx::Int(i) => {
            let n = len as i64;
            if *i < -n || *i >= n {
                return Err(EvalError::index_error(format!("{kind} index out of range")));
            }
            vec![if *i < 0 { i + n } else { *i } as usize]
        }
        Idx::Slice(a, b, c) => {
            let (start, step, count) = slice_indices(len, *a, *b, *c)?;
            (0..count as i64)
                .map(|k| (start + k * step) as usize)
                .collect()
        }
        _ => {
            return Err(EvalError::type_error(format!(
                "{kind} indices must be integers or slices"
            )));
        }
    };
    let single = matches!(item, Idx::Int(_));
    Ok(match v {
        Value::List(x) if single => x[picks[0]].clone(),
        Value::Tuple(x) if single => x[picks[0]].clone(),
        Value::List(x) => Value::List(Rc::new(picks.iter().map(|&i| x[i].clone()).collect())),
        Value::Tuple(x) => Value::tuple(picks.iter().map(|&i| x[i].clone()).collect()),
        Value::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            Value::str(picks.iter().map(|&i| chars[i]).collect::<String>())
        }
        _ => unreachable!(),
    })
}

#[cfg(test)]
mod tests {
    use super::slice_indices;

    type SliceCase = (usize, Option<i64>, Option<i64>, Option<i64>, &'static [i64]);

    #[test]
    fn python_slice_indices() {
        // (len, start, stop, step) -> python's range(*slice(...).indices(len))
        let cases: &[SliceCase] = &[
            (5, None, None, None, &[0, 1, 2, 3, 4]),
            (5, Some(1), Some(-1), None, &[1, 2, 3]),
            (5, None, None, Some(2), &[0, 2, 4]),
            (5, None, None, Some(-1), &[4, 3, 2, 1, 0]),
            (5, Some(3), Some(0), Some(-2), &[3, 1]),
            (5, Some(-10), Some(10), None, &[0, 1, 2, 3, 4]),
            (5, Some(4), Some(4), None, &[]),
            (0, None, None, Some(-1), &[]),
        ];
        for &(len, a, b, c, want) in cases {
            let (start, step, count) = slice_indices(len, a, b, c).unwrap();
            let got: Vec<i64> = (0..count as i64).map(|k| start + k * step).collect();
            assert_eq!(got, want, "slice({a:?}, {b:?}, {c:?}) on {len}");
        }
    }
}
