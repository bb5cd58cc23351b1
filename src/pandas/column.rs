//! Typed column storage: the four dtypes a CSV or spreadsheet gives pandas.

use std::fmt;

use super::pyfmt;

/// A column's dtype, named as pandas prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DType {
    Int64,
    Float64,
    Bool,
    Object,
}

impl DType {
    /// `int64`, `float64`, `bool`, `object`.
    pub fn name(self) -> &'static str {
        match self {
            DType::Int64 => "int64",
            DType::Float64 => "float64",
            DType::Bool => "bool",
            DType::Object => "object",
        }
    }

    /// pandas' `is_numeric_dtype` (bool counts as numeric).
    pub fn is_numeric(self) -> bool {
        self != DType::Object
    }
}

/// A column or index label, or a Series name.
#[derive(Clone, Debug, PartialEq)]
pub enum Label {
    Str(String),
    Int(i64),
    Float(f64),
}

impl Label {
    /// Python's `repr` of the label (`'x'`, `3`, `1.5`).
    pub fn repr(&self) -> String {
        match self {
            Label::Str(s) => pyfmt::quote(s),
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Str(s) => f.write_str(s),
            Label::Int(i) => write!(f, "{i}"),
            Label::Float(x) => f.write_str(&pyfmt::repr(*x)),
        }
    }
}

impl From<&str> for Label {
    fn from(s: &str) -> Label {
        Label::Str(s.to_string())
    }
}

/// One element of an object column (missing values are `Float(NaN)`, as
/// pandas stores them).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
}

impl Cell {
    /// pandas' `isna` for one element.
    pub fn is_na(&self) -> bool {
        matches!(self, Cell::Float(x) if x.is_nan())
    }

    /// The element as a label (for a row Series' name or an index entry).
    pub fn to_label(&self) -> Label {
        match self {
            Cell::Int(i) => Label::Int(*i),
            Cell::Float(x) => Label::Float(*x),
            Cell::Bool(b) => Label::Str(pyfmt::bool_str(*b).to_string()),
            Cell::Str(s) => Label::Str(s.clone()),
        }
    }

    /// `str(x)` in Python.
    pub fn py_str(&self) -> String {
        match self {
            Cell::Int(i) => i.to_string(),
            Cell::Float(x) => pyfmt::repr(*x),
            Cell::Bool(b) => pyfmt::bool_str(*b).to_string(),
            Cell::Str(s) => s.clone(),
        }
    }
}

/// A typed column of values.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    Int(Vec<i64>),
    Float(Vec<f64>),
    Bool(Vec<bool>),
    Object(Vec<Cell>),
}

impl Column {
    /// The number of values.
    pub fn len(&self) -> usize {
        match self {
            Column::Int(v) => v.len(),
            Column::Float(v) => v.len(),
            Column::Bool(v) => v.len(),
            Column::Object(v) => v.len(),
        }
    }

    /// Whether the column is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The dtype pandas reports.
    pub fn dtype(&self) -> DType {
        match self {
            Column::Int(_) => DType::Int64,
            Column::Float(_) => DType::Float64,
            Column::Bool(_) => DType::Bool,
            Column::Object(_) => DType::Object,
        }
    }

    /// Element `i` as a cell.
    pub fn get(&self, i: usize) -> Cell {
        match self {
            Column::Int(v) => Cell::Int(v[i]),
            Column::Float(v) => Cell::Float(v[i]),
            Column::Bool(v) => Cell::Bool(v[i]),
            Column::Object(v) => v[i].clone(),
        }
    }

    /// Whether element `i` is missing.
    pub fn is_na(&self, i: usize) -> bool {
        match self {
            Column::Float(v) => v[i].is_nan(),
            Column::Object(v) => v[i].is_na(),
            _ => false,
        }
    }

    /// The elements at `rows`, in that order.
    pub fn take(&self, rows: &[usize]) -> Column {
        fn pick<T: Clone>(v: &[T], rows: &[usize]) -> Vec<T> {
            rows.iter().map(|&r| v[r].clone()).collect()
        }
        match self {
            Column::Int(v) => Column::Int(pick(v, rows)),
            Column::Float(v) => Column::Float(pick(v, rows)),
            Column::Bool(v) => Column::Bool(pick(v, rows)),
            Column::Object(v) => Column::Object(pick(v, rows)),
        }
    }

    /// The column as cells (for object results and mixed rows).
    pub fn cells(&self) -> Vec<Cell> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }

    /// The values as float64 when the dtype is numeric (bool as 0/1), else
    /// `None`.
    pub fn as_f64(&self) -> Option<Vec<f64>> {
        match self {
            Column::Int(v) => Some(v.iter().map(|&x| x as f64).collect()),
            Column::Float(v) => Some(v.clone()),
            Column::Bool(v) => Some(v.iter().map(|&b| f64::from(u8::from(b))).collect()),
            Column::Object(_) => None,
        }
    }

    /// The tightest column holding `cells`: int64 if all are integers,
    /// float64 if all are numbers or missing (with at least one float),
    /// bool if all are booleans, object otherwise. This is how pandas'
    /// readers settle a column's dtype.
    pub fn from_cells(cells: Vec<Cell>) -> Column {
        if cells.iter().all(|c| matches!(c, Cell::Int(_))) && !cells.is_empty() {
            return Column::Int(
                cells
                    .iter()
                    .map(|c| match c {
                        Cell::Int(i) => *i,
                        _ => unreachable!("checked above"),
                    })
                    .collect(),
            );
        }
        if cells.iter().all(|c| matches!(c, Cell::Bool(_))) && !cells.is_empty() {
            return Column::Bool(
                cells
                    .iter()
                    .map(|c| matches!(c, Cell::Bool(true)))
                    .collect(),
            );
        }
        if cells
            .iter()
            .all(|c| matches!(c, Cell::Int(_) | Cell::Float(_)))
        {
            return Column::Float(
                cells
                    .iter()
                    .map(|c| match c {
                        Cell::Int(i) => *i as f64,
                        Cell::Float(x) => *x,
                        _ => unreachable!("checked above"),
                    })
                    .collect(),
            );
        }
        Column::Object(cells)
    }

    /// The common dtype of several columns as pandas interleaves them for
    /// a row or `to_numpy`: one dtype stays, int and float make float64,
    /// anything else (bool with numbers, text) makes object.
    pub fn common_dtype(dtypes: &[DType]) -> DType {
        let first = dtypes.first().copied().unwrap_or(DType::Object);
        if dtypes.iter().all(|&d| d == first) {
            return first;
        }
        if dtypes
            .iter()
            .all(|&d| matches!(d, DType::Int64 | DType::Float64))
        {
            return DType::Float64;
        }
        DType::Object
    }

    /// The column converted to `dtype` (one of [`Column::common_dtype`]'s
    /// results).
    pub fn cast(&self, dtype: DType) -> Column {
        match (dtype, self) {
            (DType::Float64, _) => match self.as_f64() {
                Some(v) => Column::Float(v),
                None => self.clone(),
            },
            (DType::Object, _) => Column::Object(self.cells()),
            _ => self.clone(),
        }
    }

    /// Concatenation of same-dtype columns' elements, row after row.
    pub(crate) fn concat(parts: &[Column]) -> Column {
        let dtypes: Vec<DType> = parts.iter().map(Column::dtype).collect();
        let dtype = Column::common_dtype(&dtypes);
        let cast: Vec<Column> = parts.iter().map(|c| c.cast(dtype)).collect();
        match dtype {
            DType::Int64 => Column::Int(
                cast.iter()
                    .flat_map(|c| match c {
                        Column::Int(v) => v.clone(),
                        _ => Vec::new(),
                    })
                    .collect(),
            ),
            DType::Float64 => Column::Float(
                cast.iter()
                    .flat_map(|c| c.as_f64().unwrap_or_default())
                    .collect(),
            ),
            DType::Bool => Column::Bool(
                cast.iter()
                    .flat_map(|c| match c {
                        Column::Bool(v) => v.clone(),
                        _ => Vec::new(),
                    })
                    .collect(),
            ),
            DType::Object => Column::Object(cast.iter().flat_map(Column::cells).collect()),
        }
    }
}

/// A NumPy array handed out by `to_numpy()`/`.values`: the elements in C
/// order (typed as a [`Column`], so object arrays keep their cells) and
/// the shape.
#[derive(Clone, Debug, PartialEq)]
pub struct NdArray {
    pub shape: Vec<usize>,
    pub data: Column,
}
