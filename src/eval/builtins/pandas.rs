//! pandas reachable from the language (issue 14): `import pandas as pd`,
//! `pd.read_csv`/`pd.read_excel`/`pd.DataFrame`, DataFrame and Series
//! values with their attributes, subscripts, methods and arithmetic. The
//! library itself (`crate::pandas`) knows nothing of the evaluator; this
//! file is the seam: values in, `crate::pandas` calls, values out.

mod attrs;
mod construct;
mod convert;
mod methods;
mod read;
mod subscript;

use crate::pandas::{Column, Label};

use super::super::args::CallArgs;
use super::super::error::{ErrorKind, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home};

pub use attrs::{attr, attribute_names};
use construct::{dataframe, series};
pub use convert::{array_column, binary, cell_value, column_array, to_array_of};
use methods::{describe, diff, dropna, head, tail, to_csv, to_numpy, tolist};
use read::{read_csv, read_excel};
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
