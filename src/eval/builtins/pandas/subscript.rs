//! Subscripts of pandas values: `df["x"]`, `df[["a", "b"]]`, `df[1:3]`,
//! `s[0]`, `df.iloc[i, j]`, `df.loc[a:b, "x"]`, and `df["v"] = values`.

use std::rc::Rc;

use crate::pandas::{DataFrame, Label, Series};

use super::super::super::convert::index_int;
use super::super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::super::value::Value;
use super::Indexer;
use super::convert::{cell, cell_value, label, values_column};

/// One evaluated subscript item: a value, or a slice of optional values
/// (labels for `.loc`, positions otherwise).
#[derive(Clone, Debug)]
pub enum Key {
    Value(Value),
    Slice(Option<Value>, Option<Value>, Option<Value>),
}

fn frame(df: DataFrame) -> Value {
    Value::DataFrame(Rc::new(df))
}

fn series(s: Series) -> Value {
    Value::Series(Rc::new(s))
}

fn key_label(v: &Value) -> EvalResult<Label> {
    label(v).ok_or_else(|| {
        EvalError::new(
            ErrorKind::NotImplementedError,
            format!(
                "gradlab's pandas takes labels that are str, int or float here, not {}",
                v.short_type()
            ),
        )
    })
}

fn labels(v: &Value) -> EvalResult<Vec<Label>> {
    super::super::super::iter::iterate(v)?
        .iter()
        .map(key_label)
        .collect()
}

fn position(v: &Option<Value>) -> EvalResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => index_int(v).map(Some).map_err(|_| {
            EvalError::type_error(format!(
                "cannot do positional indexing with these indexers [{}] of type {}",
                v,
                v.short_type()
            ))
        }),
    }
}

/// `df.loc[:, a:b]`: the columns from label `a` through label `b` (both
/// included, as label slices are in pandas).
fn column_slice(df: &DataFrame, a: Option<Label>, b: Option<Label>) -> EvalResult<DataFrame> {
    let labels = df.labels();
    let missing = |k: &Label| EvalError::from(crate::pandas::Error::key(k));
    let start = match &a {
        None => 0,
        Some(k) => labels
            .iter()
            .position(|l| l == k)
            .ok_or_else(|| missing(k))?,
    };
    let stop = match &b {
        None => labels.len(),
        Some(k) => {
            labels
                .iter()
                .rposition(|l| l == k)
                .ok_or_else(|| missing(k))?
                + 1
        }
    };
    let keys = labels[start..stop.max(start)].to_vec();
    df.select(&keys).map_err(EvalError::from)
}

fn label_bound(v: &Option<Value>) -> EvalResult<Option<Label>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => key_label(v).map(Some),
    }
}

/// `o[keys]` for a DataFrame, Series or indexer.
pub fn subscript(o: &Value, keys: &[Key]) -> EvalResult<Value> {
    match o {
        Value::DataFrame(df) => match keys {
            [Key::Value(v @ (Value::List(_) | Value::Tuple(_)))] => {
                Ok(frame(df.select(&labels(v)?).map_err(EvalError::from)?))
            }
            [Key::Value(v)] => Ok(series(df.column(key_label(v)?).map_err(EvalError::from)?)),
            [Key::Slice(a, b, c)] => Ok(frame(
                df.iloc_slice(position(a)?, position(b)?, position(c)?)
                    .map_err(EvalError::from)?,
            )),
            _ => Err(EvalError::new(
                ErrorKind::KeyError,
                "gradlab's df[...] takes a column name, a list of names or a row slice",
            )),
        },
        Value::Series(s) => match keys {
            [Key::Value(v)] => {
                let c = s.loc(&key_label(v)?).map_err(EvalError::from)?;
                Ok(cell_value(c, s.dtype()))
            }
            [Key::Slice(a, b, c)] => Ok(series(
                s.iloc_slice(position(a)?, position(b)?, position(c)?)
                    .map_err(EvalError::from)?,
            )),
            _ => Err(EvalError::new(ErrorKind::IndexError, "too many indexers")),
        },
        Value::Indexer(ix) => indexer(ix, keys),
        _ => unreachable!("only pandas values come here"),
    }
}

fn too_many() -> EvalError {
    EvalError::new(ErrorKind::IndexError, "Too many indexers")
}

fn indexer(ix: &Indexer, keys: &[Key]) -> EvalResult<Value> {
    match (&ix.owner, ix.loc) {
        (Value::DataFrame(df), false) => {
            let rows = match &keys[0] {
                Key::Value(v) => {
                    let i = index_int(v)?;
                    match keys.get(1) {
                        None => return Ok(series(df.iloc_row(i).map_err(EvalError::from)?)),
                        Some(Key::Value(j)) => {
                            let j = index_int(j)?;
                            let col = df.iloc_col(j).map_err(EvalError::from)?;
                            let c = df.iloc_at(i, j).map_err(EvalError::from)?;
                            return Ok(cell_value(c, col.dtype()));
                        }
                        Some(Key::Slice(..)) => df
                            .iloc_slice(Some(i), Some(if i == -1 { i64::MAX } else { i + 1 }), None)
                            .map_err(EvalError::from)?,
                    }
                }
                Key::Slice(a, b, c) => df
                    .iloc_slice(position(a)?, position(b)?, position(c)?)
                    .map_err(EvalError::from)?,
            };
            match keys.get(1) {
                None => Ok(frame(rows)),
                Some(Key::Value(j)) => Ok(series(
                    rows.iloc_col(index_int(j)?).map_err(EvalError::from)?,
                )),
                Some(Key::Slice(a, b, c)) => {
                    let (a, b, c) = (position(a)?, position(b)?, position(c)?);
                    let (start, step, count) =
                        crate::array::slice_indices(df.labels().len(), a, b, c)?;
                    let chosen: Vec<Label> = (0..count as i64)
                        .map(|k| df.labels()[(start + k * step) as usize].clone())
                        .collect();
                    let out = rows.select(&chosen).map_err(EvalError::from)?;
                    match keys.first() {
                        Some(Key::Value(_)) => {
                            Ok(series(out.iloc_row(0).map_err(EvalError::from)?))
                        }
                        _ => Ok(frame(out)),
                    }
                }
            }
            .and_then(|v| {
                if keys.len() > 2 {
                    Err(too_many())
                } else {
                    Ok(v)
                }
            })
        }
        (Value::DataFrame(df), true) => {
            if keys.len() > 2 {
                return Err(too_many());
            }
            match (&keys[0], keys.get(1)) {
                (Key::Value(r), None) => {
                    Ok(series(df.loc_row(&key_label(r)?).map_err(EvalError::from)?))
                }
                (Key::Value(r), Some(Key::Value(c))) => {
                    let col = key_label(c)?;
                    let dtype = df.column(col.clone()).map_err(EvalError::from)?.dtype();
                    let x = df.loc_at(&key_label(r)?, &col).map_err(EvalError::from)?;
                    Ok(cell_value(x, dtype))
                }
                (Key::Slice(a, b, _), rest) => {
                    let rows = df
                        .loc_slice(label_bound(a)?.as_ref(), label_bound(b)?.as_ref())
                        .map_err(EvalError::from)?;
                    match rest {
                        None | Some(Key::Slice(None, None, None)) => Ok(frame(rows)),
                        Some(Key::Value(v @ (Value::List(_) | Value::Tuple(_)))) => {
                            Ok(frame(rows.select(&labels(v)?).map_err(EvalError::from)?))
                        }
                        Some(Key::Value(c)) => {
                            Ok(series(rows.column(key_label(c)?).map_err(EvalError::from)?))
                        }
                        Some(Key::Slice(a, b, None | Some(Value::None))) => Ok(frame(
                            column_slice(&rows, label_bound(a)?, label_bound(b)?)?,
                        )),
                        Some(Key::Slice(..)) => Err(EvalError::new(
                            ErrorKind::NotImplementedError,
                            "gradlab's df.loc takes column slices without a step",
                        )),
                    }
                }
                (Key::Value(_), Some(_)) => Err(EvalError::new(
                    ErrorKind::NotImplementedError,
                    "gradlab's df.loc[row, ...] takes one column label",
                )),
            }
        }
        (Value::Series(s), loc) => {
            if keys.len() > 1 {
                return Err(too_many());
            }
            match (&keys[0], loc) {
                (Key::Value(v), false) => {
                    let c = s.iloc(index_int(v)?).map_err(EvalError::from)?;
                    Ok(cell_value(c, s.dtype()))
                }
                (Key::Value(v), true) => {
                    let c = s.loc(&key_label(v)?).map_err(EvalError::from)?;
                    Ok(cell_value(c, s.dtype()))
                }
                (Key::Slice(a, b, c), false) => Ok(series(
                    s.iloc_slice(position(a)?, position(b)?, position(c)?)
                        .map_err(EvalError::from)?,
                )),
                (Key::Slice(a, b, _), true) => Ok(series(
                    s.loc_slice(label_bound(a)?.as_ref(), label_bound(b)?.as_ref())
                        .map_err(EvalError::from)?,
                )),
            }
        }
        _ => unreachable!("indexers belong to frames and series"),
    }
}

/// `df[key] = v`: the frame with the column set (a new value: the
/// variable is rebound, as for lists).
pub fn set_item(df: &DataFrame, key: &Value, v: &Value) -> EvalResult<Value> {
    let key = key_label(key)?;
    let mut out = df.clone();
    match cell(v) {
        Some(c) => out.set_scalar(key, &c),
        None => out.set_column(key, values_column(v)?),
    }
    .map_err(EvalError::from)?;
    Ok(frame(out))
}
