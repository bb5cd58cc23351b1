//! From rows of raw cells to a DataFrame, shared by `read_csv` and
//! `read_excel`: the header row, `names`, `usecols`, `nrows`, `index_col`
//! and pandas' dtype inference of each column.

use super::column::{Cell, Column, Label};
use super::frame::DataFrame;
use super::index::{self, Index};
use super::{Error, ErrorKind, Result};

/// A cell as a reader found it: text still to be inferred (CSV, or text
/// in a spreadsheet), a typed value (a spreadsheet's number), or nothing.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Raw {
    Text(String),
    Value(Cell),
    Empty,
}

/// Which row holds the column names.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Header {
    /// pandas' `header="infer"`: the first row, unless `names` are given.
    #[default]
    Infer,
    /// `header=None`: columns are numbered 0, 1, 2, ...
    None,
    /// `header=n`: row n (rows before it are dropped).
    Row(usize),
}

/// A column picked by `usecols=` or `index_col=`: a name or a position.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnRef {
    Name(String),
    Pos(usize),
}

/// The options shared by both readers.
#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct Layout {
    pub header: Header,
    pub names: Option<Vec<String>>,
    pub usecols: Option<Vec<ColumnRef>>,
    pub index_col: Option<ColumnRef>,
    pub nrows: Option<usize>,
    pub decimal: Option<char>,
}

/// pandas' default `na_values`.
const NA_VALUES: [&str; 19] = [
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
];

fn is_missing(raw: &Raw) -> bool {
    match raw {
        Raw::Empty => true,
        Raw::Text(t) => NA_VALUES.contains(&t.as_str()),
        Raw::Value(c) => c.is_na(),
    }
}

fn parse_int(t: &str) -> Option<i64> {
    let t = t.trim();
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

fn parse_float(t: &str, decimal: char) -> Option<f64> {
    if let Some(x) = super::xstrtod::precise_xstrtod(t, decimal) {
        return Some(x);
    }
    // The tokenizer's words for infinity (NaN spellings are missing values).
    let t = t.trim();
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let inf = ["inf", "infinity"]
        .iter()
        .any(|w| body.eq_ignore_ascii_case(w));
    inf.then(|| {
        if t.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }
    })
}

fn parse_bool(t: &str) -> Option<bool> {
    match t {
        "True" | "TRUE" | "true" => Some(true),
        "False" | "FALSE" | "false" => Some(false),
        _ => None,
    }
}

/// pandas' inference of one column: int64 when every value is an integer,
/// float64 when every value is a number or missing, bool when every value
/// is a boolean (object if some are missing), object otherwise (text stays
/// text, missing is NaN).
pub(crate) fn infer(raws: &[Raw], decimal: char) -> Column {
    let numbers: Option<Vec<Cell>> = raws
        .iter()
        .map(|r| match r {
            _ if is_missing(r) => Some(Cell::Float(f64::NAN)),
            Raw::Value(c @ (Cell::Int(_) | Cell::Float(_))) => Some(c.clone()),
            Raw::Text(t) => parse_int(t)
                .map(Cell::Int)
                .or_else(|| parse_float(t, decimal).map(Cell::Float)),
            _ => None,
        })
        .collect();
    if let Some(cells) = numbers
        && !raws.is_empty()
    {
        return Column::from_cells(cells);
    }
    let bools: Option<Vec<Cell>> = raws
        .iter()
        .map(|r| match r {
            _ if is_missing(r) => Some(Cell::Float(f64::NAN)),
            Raw::Value(Cell::Bool(b)) => Some(Cell::Bool(*b)),
            Raw::Text(t) => parse_bool(t).map(Cell::Bool),
            _ => None,
        })
        .collect();
    if let Some(cells) = bools {
        return Column::from_cells(cells);
    }
    Column::Object(
        raws.iter()
            .map(|r| match r {
                _ if is_missing(r) => Cell::Float(f64::NAN),
                Raw::Text(t) => Cell::Str(t.clone()),
                Raw::Value(c) => c.clone(),
                Raw::Empty => Cell::Float(f64::NAN),
            })
            .collect(),
    )
}

/// The label a header cell gives: its text (`Unnamed: i` when empty).
fn header_label(raw: Option<&Raw>, i: usize) -> Label {
    match raw {
        Some(Raw::Text(t)) if !t.is_empty() => Label::Str(t.clone()),
        Some(Raw::Value(Cell::Int(v))) => Label::Int(*v),
        Some(Raw::Value(Cell::Float(x))) if !x.is_nan() => Label::Float(*x),
        Some(Raw::Value(Cell::Str(t))) => Label::Str(t.clone()),
        Some(Raw::Value(Cell::Bool(b))) => Label::Str(super::pyfmt::bool_str(*b).into()),
        _ => Label::Str(format!("Unnamed: {i}")),
    }
}

/// pandas' de-duplication of header names: `x`, `x.1`, `x.2`.
fn dedup(labels: Vec<Label>) -> Vec<Label> {
    let mut out: Vec<Label> = Vec::with_capacity(labels.len());
    for l in labels {
        let mut cand = l.clone();
        let mut k = 1;
        while out.contains(&cand) {
            cand = Label::Str(format!("{l}.{k}"));
            k += 1;
        }
        out.push(cand);
    }
    out
}

/// Builds the frame from rows (each with its 1-based line number for
/// error messages).
pub(crate) fn build(mut rows: Vec<(usize, Vec<Raw>)>, layout: &Layout) -> Result<DataFrame> {
    let header = match (&layout.header, &layout.names) {
        (Header::Infer, Some(_)) => Header::None,
        (Header::Infer, None) => Header::Row(0),
        (h, _) => h.clone(),
    };
    let mut labels = match header {
        Header::Row(h) => {
            if h >= rows.len() {
                if rows.is_empty() {
                    return Err(Error::new(
                        ErrorKind::EmptyDataError,
                        "No columns to parse from file",
                    ));
                }
                return Err(Error::new(
                    ErrorKind::ParserError,
                    format!("Passed header={h} but only {} lines in file", rows.len()),
                ));
            }
            let (_, head) = rows.drain(..=h).next_back().unwrap_or_default();
            dedup(
                head.iter()
                    .enumerate()
                    .map(|(i, r)| header_label(Some(r), i))
                    .collect(),
            )
        }
        _ => {
            if rows.is_empty() && layout.names.is_none() {
                return Err(Error::new(
                    ErrorKind::EmptyDataError,
                    "No columns to parse from file",
                ));
            }
            let width = rows.first().map_or(0, |(_, r)| r.len());
            (0..width).map(|i| Label::Int(i as i64)).collect()
        }
    };
    if let Some(names) = &layout.names {
        labels = names.iter().map(|n| Label::Str(n.clone())).collect();
    }
    let ncols = labels.len();
    if let Some(n) = layout.nrows {
        rows.truncate(n);
    }
    for (line, row) in &rows {
        if row.len() > ncols {
            return Err(Error::new(
                ErrorKind::ParserError,
                format!(
                    "Error tokenizing data. C error: Expected {ncols} fields in line {line}, saw {}\n",
                    row.len()
                ),
            ));
        }
    }
    let keep = used_columns(&labels, layout.usecols.as_deref())?;
    let decimal = layout.decimal.unwrap_or('.');
    let mut columns: Vec<Column> = keep
        .iter()
        .map(|&c| {
            let raws: Vec<Raw> = rows
                .iter()
                .map(|(_, r)| r.get(c).cloned().unwrap_or(Raw::Empty))
                .collect();
            infer(&raws, decimal)
        })
        .collect();
    let mut labels: Vec<Label> = keep.iter().map(|&c| labels[c].clone()).collect();
    let mut index = Index::range(rows.len());
    if let Some(col) = &layout.index_col {
        let pos = match col {
            ColumnRef::Pos(p) if *p < labels.len() => *p,
            ColumnRef::Pos(_) => {
                return Err(Error::new(ErrorKind::IndexError, "list index out of range"));
            }
            ColumnRef::Name(n) => labels
                .iter()
                .position(|l| l.to_string() == *n)
                .ok_or_else(|| index::invalid(n))?,
        };
        let name = labels.remove(pos);
        index = Index::from_column(Some(name), columns.remove(pos));
    }
    DataFrame::new(index, labels, columns)
}

/// The positions `usecols` keeps, in file order.
fn used_columns(labels: &[Label], usecols: Option<&[ColumnRef]>) -> Result<Vec<usize>> {
    let Some(usecols) = usecols else {
        return Ok((0..labels.len()).collect());
    };
    let mut missing = Vec::new();
    let mut out_of_bounds = Vec::new();
    let mut keep = Vec::new();
    for u in usecols {
        match u {
            ColumnRef::Pos(p) if *p < labels.len() => keep.push(*p),
            ColumnRef::Pos(p) => out_of_bounds.push(p.to_string()),
            ColumnRef::Name(n) => match labels.iter().position(|l| l.to_string() == *n) {
                Some(p) => keep.push(p),
                None => missing.push(super::pyfmt::quote(n)),
            },
        }
    }
    if !out_of_bounds.is_empty() {
        return Err(Error::new(
            ErrorKind::ParserError,
            format!(
                "Defining usecols with out-of-bounds indices is not allowed. [{}] are out of bounds.",
                out_of_bounds.join(", ")
            ),
        ));
    }
    if !missing.is_empty() {
        return Err(Error::new(
            ErrorKind::ValueError,
            format!(
                "Usecols do not match columns, columns expected but not found: [{}]",
                missing.join(", ")
            ),
        ));
    }
    keep.sort_unstable();
    keep.dedup();
    Ok(keep)
}
