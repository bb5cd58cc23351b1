//! The constructors `pd.DataFrame` (from a dict of columns or a 1-D or 2-D
//! array) and `pd.Series`, with their `index=`.

use crate::eval::args::Bound;
use crate::eval::convert::to_array;
use crate::eval::error::{EvalError, EvalResult};
use crate::eval::session::Session;
use crate::eval::value::Value;
use crate::pandas::{Column, DataFrame, Index, Label, Series};

use super::array_column;
use super::convert;
use super::methods::{frame, series_value};

fn label_of(v: &Value) -> EvalResult<Label> {
    convert::label(v)
        .ok_or_else(|| EvalError::type_error(format!("unhashable type: '{}'", v.short_type())))
}

/// The `index=` argument for `n` rows (`0, 1, 2, ...` without one).
fn index_arg(b: &Bound, n: usize) -> EvalResult<Index> {
    let Some(v) = b.opt("index") else {
        return Ok(Index::range(n));
    };
    let labels = b.at("index", convert::values_column(v))?;
    if labels.len() != n {
        return Err(EvalError::value_error(format!(
            "Length of values ({n}) does not match length of index ({})",
            labels.len()
        )));
    }
    Ok(Index::from_column(None, labels))
}

pub(super) fn dataframe(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (labels, columns): (Vec<Label>, Vec<Column>) = match b.opt("data") {
        None => (Vec::new(), Vec::new()),
        Some(Value::Dict(items)) => {
            let mut labels = Vec::new();
            let mut columns = Vec::new();
            for (k, v) in items.borrow().iter() {
                labels.push(label_of(k)?);
                columns.push(convert::values_column(v)?);
            }
            (labels, columns)
        }
        Some(v) => {
            let a = b.at("data", to_array(v))?;
            let (rows, cols) = match a.shape() {
                [n] => (*n, 1),
                [r, c] => (*r, *c),
                _ => {
                    return Err(EvalError::value_error(
                        "Must pass 2-d input. shape=".to_string()
                            + &crate::array::shape_repr(a.shape()),
                    ));
                }
            };
            let a2 = a.reshape_to(&[rows, cols])?;
            let mut columns = Vec::new();
            for j in 0..cols {
                let col = a2.index(&[
                    crate::array::Index::slice(None, None, None),
                    crate::array::Index::Int(j as i64),
                ])?;
                columns.push(array_column(&col)?);
            }
            ((0..cols as i64).map(Label::Int).collect(), columns)
        }
    };
    let labels = match b.opt("columns") {
        None => labels,
        Some(v) => {
            let names = crate::eval::iter::iterate(v)?
                .iter()
                .map(label_of)
                .collect::<EvalResult<Vec<_>>>()?;
            if names.len() != columns.len() {
                return Err(EvalError::value_error(format!(
                    "Shape of passed values is ({}, {}), indices imply ({}, {})",
                    columns.first().map_or(0, Column::len),
                    columns.len(),
                    columns.first().map_or(0, Column::len),
                    names.len()
                )));
            }
            names
        }
    };
    let n = columns.first().map_or(0, Column::len);
    if columns.iter().any(|c| c.len() != n) {
        return Err(EvalError::value_error(
            "All arrays must be of the same length",
        ));
    }
    DataFrame::new(index_arg(b, n)?, labels, columns)
        .map(frame)
        .map_err(EvalError::from)
}

pub(super) fn series(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let values = match b.opt("data") {
        None => Column::Object(Vec::new()),
        Some(v) => convert::values_column(v)?,
    };
    let name = b.opt("name").map(label_of).transpose()?;
    let index = index_arg(b, values.len())?;
    Series::new(name, index, values)
        .map(series_value)
        .map_err(EvalError::from)
}
