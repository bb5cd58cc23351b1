//! Attributes of DataFrames, Series and Indexes (`df.columns`, `s.shape`,
//! `df.iloc`, bound methods) and their names for completion.

use std::rc::Rc;

use crate::eval::error::{ErrorKind, EvalError, EvalResult};
use crate::eval::value::Value;
use crate::pandas::{self, Column, DataFrame, Index, Label};

use super::{Builtin, Indexer, PANDAS, convert, method_row, to_array_of};

fn no_attr(class: &str, name: &str) -> EvalError {
    EvalError::new(
        ErrorKind::AttributeError,
        format!("'{class}' object has no attribute '{name}'"),
    )
}

fn method(recv: &Value, b: &'static Builtin) -> Value {
    let short = b.name.rsplit('.').next().unwrap_or(b.name);
    Value::Method(Rc::new((recv.clone(), short)))
}

fn shape_value(dims: &[usize]) -> Value {
    Value::tuple(dims.iter().map(|&d| Value::Int(d as i64)).collect())
}

/// The frame's column labels as an Index (`df.columns`).
fn columns_index(df: &DataFrame) -> Index {
    let ints: Option<Vec<i64>> = df
        .labels()
        .iter()
        .map(|l| match l {
            Label::Int(i) => Some(*i),
            _ => None,
        })
        .collect();
    let col = match ints {
        Some(v) if !v.is_empty() => Column::Int(v),
        _ => Column::Object(
            df.labels()
                .iter()
                .map(|l| pandas::Cell::Str(l.to_string()))
                .collect(),
        ),
    };
    Index::from_column(None, col)
}

/// `df.name`, `s.name`, `idx.name`, `df.iloc`.
pub fn attr(o: &Value, name: &str) -> EvalResult<Value> {
    match o {
        Value::DataFrame(df) => {
            let indexer = |loc| {
                Value::Indexer(Rc::new(Indexer {
                    owner: o.clone(),
                    loc,
                }))
            };
            Ok(match name {
                "columns" => Value::PdIndex(Rc::new(columns_index(df))),
                "index" => Value::PdIndex(Rc::new(df.index().clone())),
                "shape" => {
                    let (r, c) = df.shape();
                    shape_value(&[r, c])
                }
                "size" => Value::Int((df.shape().0 * df.shape().1) as i64),
                "ndim" => Value::Int(2),
                "empty" => Value::Bool(df.is_empty() || df.labels().is_empty()),
                "dtypes" => Value::Series(Rc::new(df.dtypes())),
                "values" => Value::array(to_array_of(o)?),
                "iloc" => indexer(false),
                "loc" => indexer(true),
                _ => {
                    if let Some(b) = method_row("DataFrame", name) {
                        return Ok(method(o, b));
                    }
                    return df
                        .column(name)
                        .map(|s| Value::Series(Rc::new(s)))
                        .map_err(|_| no_attr("DataFrame", name));
                }
            })
        }
        Value::Series(s) => {
            let indexer = |loc| {
                Value::Indexer(Rc::new(Indexer {
                    owner: o.clone(),
                    loc,
                }))
            };
            Ok(match name {
                "index" => Value::PdIndex(Rc::new(s.index().clone())),
                "name" => match s.name() {
                    None => Value::None,
                    Some(Label::Str(t)) => Value::str(t.as_str()),
                    Some(Label::Int(i)) => Value::Int(*i),
                    Some(Label::Float(x)) => Value::Float(*x),
                },
                "shape" => shape_value(&[s.len()]),
                "size" => Value::Int(s.len() as i64),
                "ndim" => Value::Int(1),
                "empty" => Value::Bool(s.is_empty()),
                "dtype" => match convert::array_dtype(s.dtype()) {
                    Some(d) => Value::DTypeObj(d),
                    None => Value::str("object"),
                },
                "values" => Value::array(to_array_of(o)?),
                "iloc" => indexer(false),
                "loc" => indexer(true),
                _ => match method_row("Series", name) {
                    Some(b) => method(o, b),
                    None => return Err(no_attr("Series", name)),
                },
            })
        }
        Value::PdIndex(i) => match name {
            "name" => Ok(match &i.name {
                None => Value::None,
                Some(l) => Value::str(l.to_string()),
            }),
            "values" => Ok(Value::array(to_array_of(o)?)),
            "size" => Ok(Value::Int(i.len() as i64)),
            "shape" => Ok(shape_value(&[i.len()])),
            "tolist" => Ok(Value::Method(Rc::new((o.clone(), "tolist")))),
            _ => Err(no_attr("Index", name)),
        },
        _ => Err(no_attr(&o.short_type(), name)),
    }
}

/// Attribute names of a DataFrame or Series, for completion.
pub fn attribute_names(series: bool) -> Vec<&'static str> {
    let class = if series { "Series." } else { "DataFrame." };
    let fixed: &[&str] = if series {
        &[
            "index", "name", "shape", "size", "dtype", "values", "iloc", "loc",
        ]
    } else {
        &[
            "columns", "index", "shape", "size", "dtypes", "values", "iloc", "loc",
        ]
    };
    fixed
        .iter()
        .copied()
        .chain(PANDAS.iter().filter_map(|b| b.name.strip_prefix(class)))
        .collect()
}
