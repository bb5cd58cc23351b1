//! pandas reachable from the language (issue 14): `import pandas as pd`,
//! `pd.read_csv`/`pd.read_excel`/`pd.DataFrame`, DataFrame and Series
//! values with their attributes, subscripts, methods and arithmetic. The
//! library itself (`crate::pandas`) knows nothing of the evaluator; this
//! file is the seam: values in, `crate::pandas` calls, values out.

mod convert;
mod subscript;

use std::path::Path;
use std::rc::Rc;

use crate::pandas::{
    self, Column, CsvOptions, DataFrame, ExcelOptions, Header, Index, Label, Series,
};

use super::super::args::{Bound, CallArgs};
use super::super::convert::{index_int, to_array, truthy};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home};

pub use convert::{array_column, binary, cell_value, column_array, to_array_of};
pub use subscript::{Key, set_item, subscript};

builtins! { PANDAS;
    "pd.read_csv", Pandas, read_csv,
        "read_csv(filepath_or_buffer, sep=',', header='infer', names=None, index_col=None, usecols=None, skiprows=None, nrows=None, comment=None, decimal='.')",
        "A DataFrame from a CSV file, with pandas' dtype inference (int64, float64 with NaN for empty cells, object for text).",
        "pd.read_csv('sessions/data/positions.csv').head(3)";
    "pd.read_excel", Pandas, read_excel,
        "read_excel(io, sheet_name=0, header=0, names=None, index_col=None, usecols=None, skiprows=None, nrows=None)",
        "A DataFrame from a sheet of an .xlsx, .xls or .ods file (sheet_name=None: a dict of every sheet).",
        "pd.read_excel('sessions/data/falling.xlsx').head(3)";
    "pd.DataFrame", Pandas, dataframe, "DataFrame(data=None, index=None, columns=None)",
        "A table from a dict of columns (lists or 1-D arrays) or a 2-D array with columns=[...].",
        "pd.DataFrame({'t': [0.0, 0.5, 1.0], 'x': [0.0, 1.2, 4.9]})";
    "pd.Series", Pandas, series, "Series(data=None, index=None, name=None)",
        "A labelled column from a list or a 1-D array.", "pd.Series([0.0, 1.5, 4.0], name='x')";
    "DataFrame.head", PandasMethod, head, "head(n=5)", "The first n rows.",
        "pd.DataFrame({'x': [1, 2, 3, 4, 5, 6]}).head(2)";
    "DataFrame.tail", PandasMethod, tail, "tail(n=5)", "The last n rows.",
        "pd.DataFrame({'x': [1, 2, 3, 4, 5, 6]}).tail(2)";
    "DataFrame.describe", PandasMethod, describe, "describe()",
        "count, mean, std, min, quartiles and max of each numeric column.",
        "pd.DataFrame({'x': [1.0, 2.0, 4.0, 7.0]}).describe()";
    "DataFrame.dropna", PandasMethod, dropna, "dropna()", "The rows without a missing value.",
        "pd.DataFrame({'x': [1.0, np.nan, 4.0]}).dropna()";
    "DataFrame.diff", PandasMethod, diff, "diff(periods=1)",
        "Row-to-row differences of every column (NaN first: the length stays, unlike np.diff).",
        "pd.DataFrame({'x': [1, 2, 4, 7]}).diff()";
    "DataFrame.to_numpy", PandasMethod, to_numpy, "to_numpy()",
        "The values as a 2-D array in the columns' common dtype.",
        "pd.DataFrame({'t': [0, 1], 'x': [0.5, 2.0]}).to_numpy()";
    "DataFrame.to_csv", PandasMethod, to_csv, "to_csv(path_or_buf=None, index=True)",
        "Write the table as CSV (without path: the text).",
        "pd.DataFrame({'t': [0, 1], 'x': [0.5, 2.0]}).to_csv(index=False)";
    "Series.head", PandasMethod, head, "head(n=5)", "The first n values.",
        "pd.Series([1, 2, 3, 4, 5, 6]).head(2)";
    "Series.tail", PandasMethod, tail, "tail(n=5)", "The last n values.",
        "pd.Series([1, 2, 3, 4, 5, 6]).tail(2)";
    "Series.describe", PandasMethod, describe, "describe()",
        "count, mean, std, min, quartiles and max.", "pd.Series([1.0, 2.0, 4.0, 7.0]).describe()";
    "Series.dropna", PandasMethod, dropna, "dropna()", "The values that are not missing.",
        "pd.Series([1.0, np.nan, 4.0]).dropna()";
    "Series.diff", PandasMethod, diff, "diff(periods=1)",
        "Differences to the previous value, NaN first (np.diff drops that element instead).",
        "pd.Series([1, 2, 4, 7]).diff()";
    "Series.to_numpy", PandasMethod, to_numpy, "to_numpy()", "The values as a 1-D array.",
        "pd.Series([1.5, 2.5]).to_numpy()";
    "Series.tolist", PandasMethod, tolist, "tolist()", "The values as a Python list.",
        "pd.Series([1.5, 2.5]).tolist()";
}

/// An indexer (`df.iloc`, `s.loc`): its owner and which kind it is.
#[derive(Debug)]
pub struct Indexer {
    pub owner: Value,
    /// `loc` (labels) rather than `iloc` (positions).
    pub loc: bool,
}

impl Indexer {
    /// pandas' class name.
    pub fn type_name(&self) -> &'static str {
        if self.loc {
            "pandas.core.indexing._LocIndexer"
        } else {
            "pandas.core.indexing._iLocIndexer"
        }
    }
}

/// `pd.<name>`.
pub fn module_attr(name: &str) -> Option<Value> {
    match name {
        "errors" => Some(Value::Module(super::super::value::Module::PandasErrors)),
        _ => member(name).map(Value::Builtin),
    }
}

/// The exception classes of `pandas.errors` gradlab raises.
pub const ERRORS: &[&str] = &["ParserError", "EmptyDataError"];

/// `pd.errors.<name>`.
pub fn errors_attr(name: &str) -> Option<Value> {
    ERRORS
        .contains(&name)
        .then(|| ErrorKind::from_name(name).map(Value::ExcType))
        .flatten()
}

/// The row `pd.<name>` calls.
pub fn member(name: &str) -> Option<&'static Builtin> {
    PANDAS
        .iter()
        .find(|b| b.home == Home::Pandas && b.name.strip_prefix("pd.") == Some(name))
}

/// Every `pd.` name.
pub fn names() -> impl Iterator<Item = &'static str> {
    PANDAS
        .iter()
        .filter(|b| b.home == Home::Pandas)
        .filter_map(|b| b.name.strip_prefix("pd."))
        .chain(["errors"])
}

fn method_row(class: &str, name: &str) -> Option<&'static Builtin> {
    PANDAS.iter().find(|b| {
        b.home == Home::PandasMethod
            && b.name.strip_prefix(class).and_then(|r| r.strip_prefix('.')) == Some(name)
    })
}

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

/// Calls `recv.name(...)` for a DataFrame, Series or Index.
pub fn call_method(s: &mut Session, recv: &Value, name: &str, call: CallArgs) -> EvalResult<Value> {
    if let Value::PdIndex(_) = recv {
        let bound = super::super::args::bind(super::super::args::Signature::of("tolist()"), call)?;
        s.tables.receiver = Some(recv.clone());
        return tolist(s, &bound, false);
    }
    let class = match recv {
        Value::DataFrame(_) => "DataFrame",
        _ => "Series",
    };
    let b = method_row(class, name).expect("methods are made from table rows");
    super::pyplot::call_on(s, recv, b, call)
}

/// The receiver of the method being called.
fn receiver(s: &mut Session) -> Value {
    s.tables.receiver.take().unwrap_or(Value::None)
}

fn frame(df: DataFrame) -> Value {
    Value::DataFrame(Rc::new(df))
}

fn series_value(sr: Series) -> Value {
    Value::Series(Rc::new(sr))
}

fn count(b: &Bound, name: &str) -> EvalResult<i64> {
    b.value(name).map_or(Ok(5), |v| b.at(name, index_int(&v)))
}

fn head(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let n = count(b, "n")?;
    Ok(match receiver(s) {
        Value::DataFrame(df) => frame(df.head(n)),
        Value::Series(sr) => series_value(sr.head(n)),
        _ => Value::None,
    })
}

fn tail(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let n = count(b, "n")?;
    Ok(match receiver(s) {
        Value::DataFrame(df) => frame(df.tail(n)),
        Value::Series(sr) => series_value(sr.tail(n)),
        _ => Value::None,
    })
}

fn describe(s: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    Ok(match receiver(s) {
        Value::DataFrame(df) => frame(df.describe().map_err(EvalError::from)?),
        Value::Series(sr) => series_value(sr.describe().map_err(EvalError::from)?),
        _ => Value::None,
    })
}

fn dropna(s: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    Ok(match receiver(s) {
        Value::DataFrame(df) => frame(df.dropna()),
        Value::Series(sr) => series_value(sr.dropna()),
        _ => Value::None,
    })
}

fn diff(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let periods = b
        .value("periods")
        .map_or(Ok(1), |v| b.at("periods", index_int(&v)))?;
    Ok(match receiver(s) {
        Value::DataFrame(df) => frame(df.diff(periods).map_err(EvalError::from)?),
        Value::Series(sr) => series_value(sr.diff(periods).map_err(EvalError::from)?),
        _ => Value::None,
    })
}

fn to_numpy(s: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    let recv = receiver(s);
    Ok(Value::array(to_array_of(&recv)?))
}

/// `s.tolist()`: Python scalars, as NumPy's `tolist` gives them.
fn tolist(s: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    let recv = receiver(s);
    let items = super::super::iter::iterate(&recv)?
        .into_iter()
        .map(|v| match v {
            Value::Scalar(crate::array::Scalar::Float64(x)) => Value::Float(x),
            Value::Scalar(crate::array::Scalar::Int64(i)) => Value::Int(i),
            Value::Scalar(crate::array::Scalar::Bool(b)) => Value::Bool(b),
            other => other,
        })
        .collect();
    Ok(Value::list(items))
}

fn to_csv(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let Value::DataFrame(df) = receiver(s) else {
        return Ok(Value::None);
    };
    let index = b.value("index").map_or(Ok(true), |v| truthy(&v))?;
    match b.opt("path_or_buf") {
        None => Ok(Value::str(df.to_csv_string(index))),
        Some(Value::Str(path)) => {
            super::files::check_write(s, "df.to_csv", path)?;
            pandas::write_csv(&df, Path::new(&**path), index).map_err(EvalError::from)?;
            Ok(Value::None)
        }
        Some(other) => Err(b.at(
            "path_or_buf",
            Err(EvalError::type_error(format!(
                "gradlab's to_csv writes to a file name (a str), not a {}",
                other.short_type()
            ))),
        )?),
    }
}

fn str_arg(b: &Bound, name: &str) -> EvalResult<Option<String>> {
    match b.opt(name) {
        None => Ok(None),
        Some(Value::Str(t)) => Ok(Some(t.to_string())),
        Some(other) => b.at(
            name,
            Err(EvalError::type_error(format!(
                "{name} must be a str, not {}",
                other.short_type()
            ))),
        ),
    }
}

fn path_arg(b: &Bound, name: &str) -> EvalResult<String> {
    match b.req(name) {
        Value::Str(t) => Ok(t.to_string()),
        other => b.at(
            name,
            Err(EvalError::new(
                ErrorKind::ValueError,
                format!(
                    "Invalid file path or buffer object type: <class '{}'>",
                    other.short_type()
                ),
            )),
        ),
    }
}

fn header_arg(b: &Bound, default: Header) -> EvalResult<Header> {
    Ok(match b.get("header") {
        None => default,
        Some(Value::None) => Header::None,
        Some(Value::Str(t)) if &**t == "infer" => Header::Infer,
        Some(v) => Header::Row(b.at("header", index_int(v))?.max(0) as usize),
    })
}

fn names_arg(b: &Bound) -> EvalResult<Option<Vec<String>>> {
    let Some(v) = b.opt("names") else {
        return Ok(None);
    };
    let items = super::super::iter::iterate(v)?;
    Ok(Some(
        items
            .iter()
            .map(|v| match v {
                Value::Str(t) => t.to_string(),
                other => other.to_string(),
            })
            .collect(),
    ))
}

fn column_ref(v: &Value) -> EvalResult<pandas::ColumnRef> {
    match v {
        Value::Str(t) => Ok(pandas::ColumnRef::Name(t.to_string())),
        other => Ok(pandas::ColumnRef::Pos(index_int(other)?.max(0) as usize)),
    }
}

fn usecols_arg(b: &Bound, excel: bool) -> EvalResult<Option<Vec<pandas::ColumnRef>>> {
    match b.opt("usecols") {
        None => Ok(None),
        Some(Value::Str(t)) if excel => ExcelOptions::usecols_letters(t)
            .map(Some)
            .map_err(EvalError::from),
        Some(v) => {
            let items = super::super::iter::iterate(v)?;
            Ok(Some(
                items.iter().map(column_ref).collect::<EvalResult<_>>()?,
            ))
        }
    }
}

fn skiprows_arg(b: &Bound) -> EvalResult<pandas::SkipRows> {
    Ok(match b.opt("skiprows") {
        None => pandas::SkipRows::None,
        Some(v @ (Value::List(_) | Value::Tuple(_) | Value::Range(_))) => pandas::SkipRows::Lines(
            super::super::iter::iterate(v)?
                .iter()
                .map(|x| index_int(x).map(|i| i.max(0) as usize))
                .collect::<EvalResult<_>>()?,
        ),
        Some(v) => pandas::SkipRows::First(b.at("skiprows", index_int(v))?.max(0) as usize),
    })
}

fn nrows_arg(b: &Bound) -> EvalResult<Option<usize>> {
    b.opt("nrows")
        .map(|v| b.at("nrows", index_int(v)).map(|n| n.max(0) as usize))
        .transpose()
}

fn one_char(b: &Bound, name: &str) -> EvalResult<Option<char>> {
    Ok(str_arg(b, name)?.and_then(|t| t.chars().next()))
}

fn read_csv(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let path = path_arg(b, "filepath_or_buffer")?;
    let sep = match str_arg(b, "sep")?.as_deref() {
        None | Some(",") => pandas::Sep::Char(','),
        Some(r"\s+") => pandas::Sep::Whitespace,
        Some(t) if t.chars().count() == 1 => pandas::Sep::Char(t.chars().next().unwrap_or(',')),
        Some(t) => {
            return Err(EvalError::new(
                ErrorKind::NotImplementedError,
                format!("gradlab's read_csv takes a one-character sep or r'\\s+', not {t:?}"),
            ));
        }
    };
    let opts = CsvOptions {
        sep,
        header: header_arg(b, Header::Infer)?,
        names: names_arg(b)?,
        usecols: usecols_arg(b, false)?,
        index_col: b.opt("index_col").map(column_ref).transpose()?,
        skiprows: skiprows_arg(b)?,
        nrows: nrows_arg(b)?,
        comment: one_char(b, "comment")?,
        decimal: one_char(b, "decimal")?.unwrap_or('.'),
    };
    pandas::read_csv(Path::new(&path), &opts)
        .map(frame)
        .map_err(EvalError::from)
}

fn read_excel(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let path = path_arg(b, "io")?;
    let sheet_name = match b.get("sheet_name") {
        None => pandas::SheetSelector::Index(0),
        Some(Value::None) => pandas::SheetSelector::All,
        Some(Value::Str(t)) => pandas::SheetSelector::Name(t.to_string()),
        Some(v) => pandas::SheetSelector::Index(b.at("sheet_name", index_int(v))?.max(0) as usize),
    };
    let all = sheet_name == pandas::SheetSelector::All;
    let opts = ExcelOptions {
        sheet_name,
        header: header_arg(b, Header::Row(0))?,
        names: names_arg(b)?,
        usecols: usecols_arg(b, true)?,
        index_col: b.opt("index_col").map(column_ref).transpose()?,
        skiprows: skiprows_arg(b)?,
        nrows: nrows_arg(b)?,
    };
    if all {
        let sheets = pandas::read_excel_sheets(Path::new(&path), &opts).map_err(EvalError::from)?;
        let items = sheets
            .into_iter()
            .map(|(name, df)| (Value::str(name), frame(df)))
            .collect();
        return Ok(Value::dict(items));
    }
    pandas::read_excel(Path::new(&path), &opts)
        .map(frame)
        .map_err(EvalError::from)
}

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

fn dataframe(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
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
            let names = super::super::iter::iterate(v)?
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

fn series(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
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

/// Iteration: a Series and an Index give their values, a DataFrame its
/// column labels (as in pandas).
pub fn iterate(v: &Value) -> EvalResult<Vec<Value>> {
    let of_column = |c: &Column| {
        let dtype = c.dtype();
        c.cells()
            .into_iter()
            .map(|x| cell_value(x, dtype))
            .collect()
    };
    Ok(match v {
        Value::Series(s) => of_column(s.values()),
        Value::PdIndex(i) => of_column(&i.values()),
        Value::DataFrame(df) => df
            .labels()
            .iter()
            .map(|l| match l {
                Label::Str(t) => Value::str(t.as_str()),
                Label::Int(i) => Value::Int(*i),
                Label::Float(x) => Value::Float(*x),
            })
            .collect(),
        _ => Vec::new(),
    })
}
