//! `a.flat`, NumPy's flat iterator: the elements of `a` in C order,
//! read (`a.flat[3]`, `a.flat[1:4]`, `a.flat[[1, 4]]`, `list(a.flat)`) and
//! written (`a.flat[i] = v`, values repeated to fill) by flat position,
//! with the messages of NumPy's `iterators.c`.

use crate::array::{Array, DType, Index};

use super::super::convert::to_array;
use super::super::error::{EvalError, EvalResult};
use super::super::index::{Idx, assign_array, index_array};
use super::super::value::Value;

/// NumPy's IndexError for a flat position outside `[-n, n)`.
fn out_of_bounds(i: i64, n: usize) -> EvalError {
    EvalError::index_error(format!("index {i} is out of bounds for size {n}"))
}

/// A flat position, negative counted from the end.
fn position(i: i64, n: usize) -> EvalResult<usize> {
    let k = if i < 0 { i + n as i64 } else { i };
    if (0..n as i64).contains(&k) {
        Ok(k as usize)
    } else {
        Err(out_of_bounds(i, n))
    }
}

/// `a.flat[ind]` for an integer array `ind`: elements of `a` in C order,
/// in `ind`'s shape.
pub(crate) fn flat_take(a: &Array, ind: &Array) -> EvalResult<Array> {
    let n = a.len();
    let idx = ind.as_dtype(DType::Int64)?.to_vec::<i64>();
    let fixed = idx
        .into_iter()
        .map(|i| position(i, n).map(|k| k as i64))
        .collect::<EvalResult<Vec<_>>>()?;
    let taken = a.ravel()?.index(&[Index::Take(Array::from_i64(fixed))])?;
    Ok(taken.reshape_to(ind.shape())?)
}

/// The one item of a flat subscript (`a.flat[()]` and `a.flat[...]` are
/// everything). Errors: more than one item.
fn one_item(items: &[Idx]) -> EvalResult<Idx> {
    match items {
        [] | [Idx::Ellipsis] => Ok(Idx::Slice(None, None, None)),
        [one] => Ok(one.clone()),
        more => Err(EvalError::index_error(format!(
            "too many indices for flat iterator: flat iterator is 1-dimensional, but {} were indexed",
            more.len()
        ))),
    }
}

/// `a.flat[items]`: a NumPy scalar for an int, else a new array.
pub fn getitem(a: &Array, items: &[Idx]) -> EvalResult<Value> {
    let flat = a.ravel()?;
    match one_item(items)? {
        Idx::Int(i) => index_array(&flat, &[Idx::Int(position(i, a.len())? as i64)]),
        Idx::Take(ind) => Ok(Value::array(flat_take(a, &ind)?)),
        item @ (Idx::Slice(..) | Idx::Mask(_)) => {
            let v = index_array(&flat, &[item])?;
            Ok(Value::array(to_array(&v)?.copy()?))
        }
        Idx::NewAxis | Idx::Ellipsis => Err(EvalError::index_error(
            "only integers, slices (`:`), ellipsis (`...`) and integer or boolean arrays are valid indices",
        )),
    }
}

/// The flat positions `items` select in an array of `n` elements.
fn positions(n: usize, items: &[Idx]) -> EvalResult<Vec<usize>> {
    let all = Array::from_i64((0..n as i64).collect());
    Ok(match one_item(items)? {
        Idx::Int(i) => vec![position(i, n)? as i64],
        Idx::Take(ind) => flat_take(&all, &ind)?.to_vec::<i64>(),
        item @ (Idx::Slice(..) | Idx::Mask(_)) => to_array(&index_array(&all, &[item])?)?.to_vec::<i64>(),
        Idx::NewAxis | Idx::Ellipsis => {
            return Err(EvalError::index_error(
                "only integers, slices (`:`), ellipsis (`...`) and integer or boolean arrays are valid indices",
            ));
        }
    }
    .into_iter()
    .map(|k| k as usize)
    .collect())
}

/// `a.flat[items] = value`: the selected elements, in order, take the
/// value's elements (cast to `a`'s dtype), repeated when there are fewer.
pub fn setitem(a: &Array, items: &[Idx], value: &Value) -> EvalResult<()> {
    let targets = positions(a.len(), items)?;
    let src = to_array(value)?.as_dtype(a.dtype())?.ravel()?;
    if targets.is_empty() || src.is_empty() {
        return Ok(());
    }
    let m = src.len();
    let picks = Array::from_i64((0..targets.len()).map(|k| (k % m) as i64).collect());
    let values = src.index(&[Index::Take(picks)])?;
    if a.ndim() == 0 {
        return assign_array(a, &[], &Value::array(values.reshape_to(&[])?));
    }
    let flat = a.ravel()?;
    if flat.shares_buffer(a) {
        // A view in C order: one write through it reaches `a`.
        let at = Array::from_i64(targets.iter().map(|&t| t as i64).collect());
        return assign_array(&flat, &[Idx::Take(at)], &Value::array(values));
    }
    // Else element by element, at each flat position's coordinates.
    for (k, &t) in targets.iter().enumerate() {
        let mut rest = t;
        let mut coords = vec![Idx::Int(0); a.ndim()];
        for (c, &d) in coords.iter_mut().zip(a.shape()).rev() {
            *c = Idx::Int((rest % d) as i64);
            rest /= d;
        }
        let one = values.index(&[Index::Int(k as i64)])?;
        assign_array(a, &coords, &Value::array(one))?;
    }
    Ok(())
}

/// The elements in C order, as `list(a.flat)` and `for x in a.flat` see
/// them: NumPy scalars.
pub fn items(a: &Array) -> EvalResult<Vec<Value>> {
    let flat = a.ravel()?;
    (0..flat.len() as i64)
        .map(|i| index_array(&flat, &[Idx::Int(i)]))
        .collect()
}
