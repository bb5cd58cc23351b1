//! `pd.DataFrame`: labelled columns sharing one index.

use std::fmt;

use super::column::{Cell, Column, DType, Label, NdArray};
use super::index::{Index, IndexData};
use super::series::Series;
use super::{Error, ErrorKind, Result, format, ops, stats};

/// A table of typed, labelled columns on one index.
#[derive(Clone, Debug, PartialEq)]
pub struct DataFrame {
    pub(crate) index: Index,
    pub(crate) labels: Vec<Label>,
    pub(crate) columns: Vec<Column>,
}

/// Python's `slice.indices`: the rows `start:stop:step` selects, and the
/// index they carry (a RangeIndex stays one).
pub(crate) fn slice_rows(
    index: &Index,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> Result<(Vec<usize>, Index)> {
    let n = index.len() as i64;
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(Error::new(
            ErrorKind::ValueError,
            "slice step cannot be zero",
        ));
    }
    let clamp = |v: i64, lo: i64, hi: i64| {
        let v = if v < 0 { v + n } else { v };
        v.clamp(lo, hi)
    };
    let (lo, hi) = if step > 0 { (0, n) } else { (-1, n - 1) };
    let start = start.map_or(if step > 0 { 0 } else { n - 1 }, |v| clamp(v, lo, hi));
    let stop = stop.map_or(if step > 0 { n } else { -1 }, |v| clamp(v, lo, hi));
    let mut rows = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        rows.push(i as usize);
        i += step;
    }
    let new_index = match (&index.data, rows.first()) {
        (IndexData::Range { .. }, Some(&first)) if step > 0 => {
            index.slice(first, step as usize, rows.len())
        }
        (IndexData::Range { .. }, None) => index.slice(0, 1, 0),
        _ => index.take(&rows),
    };
    Ok((rows, new_index))
}

impl DataFrame {
    /// A frame of `columns` named `labels` on `index` (all the same
    /// length).
    pub fn new(index: Index, labels: Vec<Label>, columns: Vec<Column>) -> Result<DataFrame> {
        if let Some(c) = columns.iter().find(|c| c.len() != index.len()) {
            return Err(Error::new(
                ErrorKind::ValueError,
                format!(
                    "Length of values ({}) does not match length of index ({})",
                    c.len(),
                    index.len()
                ),
            ));
        }
        Ok(DataFrame {
            index,
            labels,
            columns,
        })
    }

    /// `df.shape`: (rows, columns).
    pub fn shape(&self) -> (usize, usize) {
        (self.index.len(), self.columns.len())
    }

    /// `len(df)`: the number of rows.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the frame has no rows.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// `df.index`.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The column labels (`df.columns`).
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// `repr(df.columns)`.
    pub fn columns_repr(&self) -> String {
        let all_int: Option<Vec<i64>> = self
            .labels
            .iter()
            .map(|l| {
                if let Label::Int(i) = l {
                    Some(*i)
                } else {
                    None
                }
            })
            .collect();
        let col = match all_int {
            Some(v) if !v.is_empty() => Column::Int(v),
            _ => Column::Object(
                self.labels
                    .iter()
                    .map(|l| Cell::Str(l.to_string()))
                    .collect(),
            ),
        };
        Index::from_column(None, col).repr()
    }

    fn position(&self, key: &Label) -> Option<usize> {
        self.labels.iter().position(|l| l == key)
    }

    /// `df["x"]` / `df.x`: `KeyError: 'x'` when absent.
    pub fn column(&self, key: impl Into<Label>) -> Result<Series> {
        let key = key.into();
        let c = self.position(&key).ok_or_else(|| Error::key(&key))?;
        Ok(Series {
            name: Some(key),
            index: self.index.clone(),
            values: self.columns[c].clone(),
        })
    }

    /// `df[["a", "b"]]`.
    pub fn select(&self, keys: &[Label]) -> Result<DataFrame> {
        let missing: Vec<String> = keys
            .iter()
            .filter(|k| self.position(k).is_none())
            .map(Label::repr)
            .collect();
        if !missing.is_empty() {
            return Err(Error::new(
                ErrorKind::KeyError,
                format!("\"[{}] not in index\"", missing.join(", ")),
            ));
        }
        let cols = keys
            .iter()
            .filter_map(|k| self.position(k))
            .collect::<Vec<_>>();
        Ok(self.with_columns(&cols))
    }

    fn with_columns(&self, cols: &[usize]) -> DataFrame {
        DataFrame {
            index: self.index.clone(),
            labels: cols.iter().map(|&c| self.labels[c].clone()).collect(),
            columns: cols.iter().map(|&c| self.columns[c].clone()).collect(),
        }
    }

    fn with_rows(&self, rows: &[usize], index: Index) -> DataFrame {
        DataFrame {
            index,
            labels: self.labels.clone(),
            columns: self.columns.iter().map(|c| c.take(rows)).collect(),
        }
    }

    /// `df.dtypes`.
    pub fn dtypes(&self) -> Series {
        let values = self
            .columns
            .iter()
            .map(|c| Cell::Str(c.dtype().name().to_string()))
            .collect();
        Series {
            name: None,
            index: self.label_index(),
            values: Column::Object(values),
        }
    }

    fn label_index(&self) -> Index {
        Index::from_column(
            None,
            Column::from_cells(
                self.labels
                    .iter()
                    .map(|l| match l {
                        Label::Str(s) => Cell::Str(s.clone()),
                        Label::Int(i) => Cell::Int(*i),
                        Label::Float(x) => Cell::Float(*x),
                    })
                    .collect(),
            ),
        )
    }

    /// `df.iloc[start:stop:step]`.
    pub fn iloc_slice(
        &self,
        start: Option<i64>,
        stop: Option<i64>,
        step: Option<i64>,
    ) -> Result<DataFrame> {
        let (rows, index) = slice_rows(&self.index, start, stop, step)?;
        Ok(self.with_rows(&rows, index))
    }

    /// `df.head(n)`.
    pub fn head(&self, n: i64) -> DataFrame {
        self.iloc_slice(None, Some(n), None)
            .unwrap_or_else(|_| self.clone())
    }

    /// `df.tail(n)`.
    pub fn tail(&self, n: i64) -> DataFrame {
        let start = if n == 0 { self.len() as i64 } else { -n };
        self.iloc_slice(Some(start), None, None)
            .unwrap_or_else(|_| self.clone())
    }

    fn row_position(&self, i: i64) -> Result<usize> {
        let n = self.len() as i64;
        let pos = if i < 0 { i + n } else { i };
        if !(0..n).contains(&pos) {
            return Err(Error::new(
                ErrorKind::IndexError,
                "single positional indexer is out-of-bounds",
            ));
        }
        Ok(pos as usize)
    }

    fn row_series(&self, pos: usize) -> Series {
        let dtypes: Vec<DType> = self.columns.iter().map(Column::dtype).collect();
        let dtype = Column::common_dtype(&dtypes);
        let parts: Vec<Column> = self.columns.iter().map(|c| c.take(&[pos])).collect();
        Series {
            name: Some(self.index.cell(pos).to_label()),
            index: self.label_index(),
            values: Column::concat(&parts).cast(dtype),
        }
    }

    /// `df.iloc[i]`: row `i` as a Series named by its label.
    pub fn iloc_row(&self, i: i64) -> Result<Series> {
        Ok(self.row_series(self.row_position(i)?))
    }

    /// `df.iloc[:, j]`.
    pub fn iloc_col(&self, j: i64) -> Result<Series> {
        let n = self.columns.len() as i64;
        let pos = if j < 0 { j + n } else { j };
        if !(0..n).contains(&pos) {
            return Err(Error::new(
                ErrorKind::IndexError,
                "single positional indexer is out-of-bounds",
            ));
        }
        self.column(self.labels[pos as usize].clone())
    }

    /// `df.iloc[i, j]`.
    pub fn iloc_at(&self, i: i64, j: i64) -> Result<Cell> {
        let pos = self.row_position(i)?;
        self.iloc_col(j)?.iloc(pos as i64)
    }

    /// `df.loc[a:b]`: rows by label, both ends included.
    pub fn loc_slice(&self, a: Option<&Label>, b: Option<&Label>) -> Result<DataFrame> {
        let (start, stop) = self.index.slice_locs(a, b)?;
        let (rows, index) = slice_rows(&self.index, Some(start as i64), Some(stop as i64), None)?;
        Ok(self.with_rows(&rows, index))
    }

    /// `df.loc[label]`: one row as a Series.
    pub fn loc_row(&self, key: &Label) -> Result<Series> {
        let pos = self.index.position(key).ok_or_else(|| Error::key(key))?;
        Ok(self.row_series(pos))
    }

    /// `df.loc[label, "col"]`.
    pub fn loc_at(&self, key: &Label, col: &Label) -> Result<Cell> {
        let pos = self.index.position(key).ok_or_else(|| Error::key(key))?;
        let c = self.position(col).ok_or_else(|| Error::key(col))?;
        Ok(self.columns[c].get(pos))
    }

    /// `df.diff()`: every column's `Series.diff`.
    pub fn diff(&self, periods: i64) -> Result<DataFrame> {
        let columns = self
            .columns
            .iter()
            .map(|c| ops::diff(c, periods))
            .collect::<Result<Vec<_>>>()?;
        Ok(DataFrame {
            index: self.index.clone(),
            labels: self.labels.clone(),
            columns,
        })
    }

    /// `df.dropna()`: rows without any missing value.
    pub fn dropna(&self) -> DataFrame {
        let rows: Vec<usize> = (0..self.len())
            .filter(|&i| self.columns.iter().all(|c| !c.is_na(i)))
            .collect();
        if rows.len() == self.len() {
            return self.clone();
        }
        let index = self.index.take(&rows);
        self.with_rows(&rows, index)
    }

    /// `df.describe()`: count, mean, std, min, quartiles and max of the
    /// numeric columns (of all columns when none is numeric).
    pub fn describe(&self) -> Result<DataFrame> {
        let numeric: Vec<usize> = (0..self.columns.len())
            .filter(|&c| matches!(self.columns[c].dtype(), DType::Int64 | DType::Float64))
            .collect();
        let cols = if numeric.is_empty() {
            (0..self.columns.len()).collect()
        } else {
            numeric
        };
        let mut labels = None;
        let mut columns = Vec::new();
        for &c in &cols {
            let (l, v) = stats::describe(&self.columns[c])?;
            labels = Some(l);
            columns.push(v);
        }
        Ok(DataFrame {
            index: Index::from_column(None, labels.unwrap_or(Column::Object(Vec::new()))),
            labels: cols.iter().map(|&c| self.labels[c].clone()).collect(),
            columns,
        })
    }

    /// `df["name"] = values`: replaces the column or appends it.
    pub fn set_column(&mut self, key: Label, values: Column) -> Result<()> {
        if values.len() != self.len() {
            return Err(Error::new(
                ErrorKind::ValueError,
                format!(
                    "Length of values ({}) does not match length of index ({})",
                    values.len(),
                    self.len()
                ),
            ));
        }
        match self.position(&key) {
            Some(c) => self.columns[c] = values,
            None => {
                self.labels.push(key);
                self.columns.push(values);
            }
        }
        Ok(())
    }

    /// `df["name"] = scalar`: the scalar in every row.
    pub fn set_scalar(&mut self, key: Label, value: &Cell) -> Result<()> {
        self.set_column(key, ops::broadcast(value, self.len()))
    }

    /// `df.to_numpy()` / `df.values`: rows × columns in the common dtype.
    pub fn to_numpy(&self) -> NdArray {
        let (rows, cols) = self.shape();
        let dtypes: Vec<DType> = self.columns.iter().map(Column::dtype).collect();
        let dtype = Column::common_dtype(&dtypes);
        let order: Vec<Column> = (0..rows)
            .flat_map(|r| self.columns.iter().map(move |c| c.take(&[r])))
            .collect();
        let data = if order.is_empty() {
            Column::Float(Vec::new())
        } else {
            Column::concat(&order).cast(dtype)
        };
        NdArray {
            shape: vec![rows, cols],
            data,
        }
    }

    /// `df.to_csv(index=...)` as text (`super::csv::write_csv` writes it).
    pub fn to_csv_string(&self, index: bool) -> String {
        super::csv::to_csv(self, index)
    }
}

impl fmt::Display for DataFrame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format::frame_to_string(self))
    }
}
