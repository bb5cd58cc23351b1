//! Between pandas columns and the language's values: columns as arrays
//! (`s.to_numpy()`, `np.asarray(s)`, `np.gradient(df["x"], df["t"])`),
//! arrays and lists as columns (`df["v"] = ...`), cells as NumPy scalars,
//! pandas' errors as Python's, and Series arithmetic.

use std::rc::Rc;

use crate::array::{Array, DType};
use crate::pandas::{self, BinOp, Cell, Column, Label, NdArray, Series};
use crate::syntax::ast;

use super::super::super::convert::to_array;
use super::super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::super::value::{Scalar, Value};

/// The array dtype of a numeric column (`None` for object).
pub(super) fn array_dtype(d: pandas::DType) -> Option<DType> {
    match d {
        pandas::DType::Int64 => Some(DType::Int64),
        pandas::DType::Float64 => Some(DType::Float64),
        pandas::DType::Bool => Some(DType::Bool),
        pandas::DType::Object => None,
    }
}

fn object_error() -> EvalError {
    EvalError::new(
        ErrorKind::NotImplementedError,
        "gradlab's arrays hold numbers: a column of dtype object (text) has no array form; \
         select the numeric columns first",
    )
}

/// A column as a 1-D array of its dtype.
pub fn column_array(c: &Column) -> EvalResult<Array> {
    Ok(match c {
        Column::Int(v) => Array::from_vec(&[v.len()], v.clone())?,
        Column::Float(v) => Array::from_vec(&[v.len()], v.clone())?,
        Column::Bool(v) => Array::from_vec(&[v.len()], v.clone())?,
        Column::Object(_) => return Err(object_error()),
    })
}

fn ndarray(n: &NdArray) -> EvalResult<Array> {
    Ok(column_array(&n.data)?.reshape_to(&n.shape)?)
}

/// `df.to_numpy()`: one array of the columns' common dtype. Columns of
/// different kinds (numbers and bools, or text) make pandas' object array
/// (`array([[0.0, 0, True]], dtype=object)`), which gradlab's arrays do
/// not hold: a clear error naming the dtypes instead.
pub fn frame_array(df: &pandas::DataFrame) -> EvalResult<Array> {
    let n = df.to_numpy();
    if matches!(n.data, Column::Object(_)) {
        let dtypes: Vec<pandas::DType> = (0..df.shape().1)
            .filter_map(|j| df.iloc_col(j as i64).ok().map(|s| s.dtype()))
            .collect();
        if !dtypes.contains(&pandas::DType::Object) {
            let mut names: Vec<&str> = Vec::new();
            for d in &dtypes {
                if !names.contains(&d.name()) {
                    names.push(d.name());
                }
            }
            return Err(EvalError::new(
                ErrorKind::NotImplementedError,
                format!(
                    "columns of dtypes {} make an object array (dtype=object) in pandas, which \
                     gradlab's arrays do not hold; select columns of one kind first \
                     (df[['a', 'b']].to_numpy())",
                    names.join(", ")
                ),
            ));
        }
    }
    ndarray(&n)
}

/// `np.asarray(x)` of a DataFrame, Series or Index; `None` for other values.
pub fn to_array_of(v: &Value) -> EvalResult<Array> {
    match v {
        Value::Series(s) => column_array(s.values()),
        Value::DataFrame(df) => frame_array(df),
        Value::PdIndex(i) => column_array(&i.values()),
        other => to_array(other),
    }
}

/// A 1-D array as a column (bool, int64 or float64).
pub fn array_column(a: &Array) -> EvalResult<Column> {
    if a.ndim() != 1 {
        return Err(EvalError::value_error(format!(
            "Data must be 1-dimensional, got ndarray of shape {} instead",
            crate::array::shape_repr(a.shape())
        )));
    }
    use crate::array::Kind;
    Ok(match a.dtype().kind() {
        Kind::Bool => Column::Bool(a.to_vec::<bool>()),
        Kind::Int | Kind::UInt => Column::Int(a.as_dtype(DType::Int64)?.to_vec::<i64>()),
        Kind::Float => Column::Float(a.to_f64_vec()),
        Kind::Complex => {
            return Err(EvalError::new(
                ErrorKind::NotImplementedError,
                "gradlab's pandas columns hold bool, int64, float64 or text",
            ));
        }
    })
}

/// A Python or NumPy scalar as a cell.
pub fn cell(v: &Value) -> Option<Cell> {
    Some(match v {
        Value::Bool(b) => Cell::Bool(*b),
        Value::Int(i) => Cell::Int(*i),
        Value::Float(x) => Cell::Float(*x),
        Value::Str(t) => Cell::Str(t.to_string()),
        Value::Scalar(s) => match s {
            Scalar::Bool(b) => Cell::Bool(*b),
            s if s.dtype().is_integer() => Cell::Int(s.get::<i64>()),
            s if s.dtype().kind() == crate::array::Kind::Float => Cell::Float(s.get::<f64>()),
            _ => return None,
        },
        _ => return None,
    })
}

/// A label from a value (`df["x"]`, `df[0]`).
pub fn label(v: &Value) -> Option<Label> {
    Some(match cell(v)? {
        Cell::Str(t) => Label::Str(t),
        Cell::Int(i) => Label::Int(i),
        Cell::Float(x) => Label::Float(x),
        Cell::Bool(b) => Label::Int(i64::from(b)),
    })
}

/// One element as pandas returns it: a NumPy scalar from a numeric
/// column, the Python object from an object column.
pub fn cell_value(c: Cell, dtype: pandas::DType) -> Value {
    let numeric = dtype != pandas::DType::Object;
    match c {
        Cell::Int(i) if numeric => Value::Scalar(Scalar::Int64(i)),
        Cell::Float(x) if numeric => Value::Scalar(Scalar::Float64(x)),
        Cell::Bool(b) if numeric => Value::Scalar(Scalar::Bool(b)),
        Cell::Int(i) => Value::Int(i),
        Cell::Float(x) => Value::Float(x),
        Cell::Bool(b) => Value::Bool(b),
        Cell::Str(t) => Value::str(t),
    }
}

/// A column from a list, tuple, array or Series (`pd.DataFrame({...})`,
/// `df["v"] = ...`).
pub fn values_column(v: &Value) -> EvalResult<Column> {
    match v {
        Value::Series(s) => Ok(s.values().clone()),
        v if let Some(items) = v.seq_items() => {
            if items
                .iter()
                .any(|x| matches!(x, Value::Str(_) | Value::None))
            {
                let cells = items
                    .iter()
                    .map(|x| match x {
                        Value::None => Some(Cell::Float(f64::NAN)),
                        x => cell(x),
                    })
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| {
                        EvalError::type_error("gradlab's columns hold numbers or text")
                    })?;
                return Ok(Column::from_cells(cells));
            }
            array_column(&to_array(v)?)
        }
        other => array_column(&to_array(other)?),
    }
}

fn pd_op(op: ast::BinOp) -> Option<BinOp> {
    Some(match op {
        ast::BinOp::Add => BinOp::Add,
        ast::BinOp::Sub => BinOp::Sub,
        ast::BinOp::Mul => BinOp::Mul,
        ast::BinOp::Div => BinOp::Div,
        ast::BinOp::FloorDiv => BinOp::FloorDiv,
        ast::BinOp::Mod => BinOp::Mod,
        ast::BinOp::Pow => BinOp::Pow,
        _ => return None,
    })
}

/// `s <op> other` with a Series on either side; `None` when neither is one.
pub fn binary(op: ast::BinOp, a: &Value, b: &Value) -> Option<EvalResult<Value>> {
    let (s, other, reflected) = match (a, b) {
        (Value::Series(s), o) => (s, o, false),
        (o, Value::Series(s)) => (s, o, true),
        _ => return None,
    };
    Some(series_op(op, s, other, reflected).map(|r| Value::Series(Rc::new(r))))
}

fn series_op(op: ast::BinOp, s: &Series, other: &Value, reflected: bool) -> EvalResult<Series> {
    let unsupported = || {
        let (l, r) = if reflected {
            (other.short_type(), "Series".to_string())
        } else {
            ("Series".to_string(), other.short_type())
        };
        EvalError::type_error(format!(
            "unsupported operand type(s) for {}: '{l}' and '{r}'",
            op.symbol()
        ))
    };
    let pop = pd_op(op).ok_or_else(unsupported)?;
    let r = match other {
        Value::Series(o) if reflected => o.op_series(pop, s),
        Value::Series(o) => s.op_series(pop, o),
        Value::Array(_) | Value::List(_) | Value::Tuple(_) => {
            let a = to_array(other)?;
            if a.ndim() == 0 {
                let c = cell(&Value::Scalar(a.first().ok_or_else(unsupported)?))
                    .ok_or_else(unsupported)?;
                s.op_scalar(pop, &c, reflected)
            } else {
                let data = match a.ndim() {
                    1 => array_column(&a)?,
                    _ => Column::Float(Vec::new()),
                };
                let n = NdArray {
                    shape: a.shape().to_vec(),
                    data,
                };
                s.op_array(pop, &n, reflected)
            }
        }
        v => {
            let c = cell(v).ok_or_else(unsupported)?;
            s.op_scalar(pop, &c, reflected)
        }
    };
    r.map_err(EvalError::from)
}
