//! `pd.Series`: one column with its index and name.

use std::fmt;

use super::column::{Cell, Column, DType, Label, NdArray};
use super::index::Index;
use super::ops::{self, BinOp};
use super::{Error, ErrorKind, Result, format, stats};

/// A labelled column: `df["x"]`, `df.iloc[0]`, `df.dtypes`, `s.diff()`.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub(crate) name: Option<Label>,
    pub(crate) index: Index,
    pub(crate) values: Column,
}

impl Series {
    /// A Series of `values` on `index` (lengths must agree).
    pub fn new(name: Option<Label>, index: Index, values: Column) -> Result<Series> {
        if index.len() != values.len() {
            return Err(Error::new(
                ErrorKind::ValueError,
                format!(
                    "Length of values ({}) does not match length of index ({})",
                    values.len(),
                    index.len()
                ),
            ));
        }
        Ok(Series {
            name,
            index,
            values,
        })
    }

    /// A Series on a RangeIndex.
    pub fn from_values(name: Option<Label>, values: Column) -> Series {
        Series {
            name,
            index: Index::range(values.len()),
            values,
        }
    }

    /// `s.name`.
    pub fn name(&self) -> Option<&Label> {
        self.name.as_ref()
    }

    /// `s.index`.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The values, typed.
    pub fn values(&self) -> &Column {
        &self.values
    }

    /// `s.dtype`.
    pub fn dtype(&self) -> DType {
        self.values.dtype()
    }

    /// `len(s)`.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the Series is empty.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// `s.to_numpy()` / `s.values` / `np.asarray(s)`.
    pub fn to_numpy(&self) -> NdArray {
        NdArray {
            shape: vec![self.len()],
            data: self.values.clone(),
        }
    }

    /// The values as float64 (for `np.gradient(s)` and plotting), or the
    /// `TypeError` NumPy gives for text.
    pub fn to_f64(&self) -> Result<Vec<f64>> {
        self.values.as_f64().ok_or_else(|| {
            Error::new(
                ErrorKind::TypeError,
                "unsupported operand type(s): the Series holds text (dtype object), not numbers",
            )
        })
    }

    fn with_rows(&self, rows: &[usize]) -> Series {
        Series {
            name: self.name.clone(),
            index: self.index.take(rows),
            values: self.values.take(rows),
        }
    }

    /// `s.iloc[start:stop:step]` (Python slice semantics).
    pub fn iloc_slice(
        &self,
        start: Option<i64>,
        stop: Option<i64>,
        step: Option<i64>,
    ) -> Result<Series> {
        let (rows, index) = super::frame::slice_rows(&self.index, start, stop, step)?;
        Ok(Series {
            name: self.name.clone(),
            index,
            values: self.values.take(&rows),
        })
    }

    /// `s.head(n)`.
    pub fn head(&self, n: i64) -> Series {
        self.iloc_slice(None, Some(n), None)
            .unwrap_or_else(|_| self.clone())
    }

    /// `s.tail(n)`.
    pub fn tail(&self, n: i64) -> Series {
        let start = if n == 0 { self.len() as i64 } else { -n };
        self.iloc_slice(Some(start), None, None)
            .unwrap_or_else(|_| self.clone())
    }

    /// `s.iloc[i]`.
    pub fn iloc(&self, i: i64) -> Result<Cell> {
        let n = self.len() as i64;
        let pos = if i < 0 { i + n } else { i };
        if !(0..n).contains(&pos) {
            return Err(Error::new(
                ErrorKind::IndexError,
                "single positional indexer is out-of-bounds",
            ));
        }
        Ok(self.values.get(pos as usize))
    }

    /// `s.loc[label]` / `s[label]`.
    pub fn loc(&self, key: &Label) -> Result<Cell> {
        let pos = self.index.position(key).ok_or_else(|| Error::key(key))?;
        Ok(self.values.get(pos))
    }

    /// `s.loc[a:b]`, both labels included.
    pub fn loc_slice(&self, a: Option<&Label>, b: Option<&Label>) -> Result<Series> {
        let (start, stop) = self.index.slice_locs(a, b)?;
        Ok(self.with_rows(&(start..stop).collect::<Vec<_>>()))
    }

    /// `s.diff(periods)`: `s[i] - s[i - periods]`, NaN where there is no
    /// earlier value (pandas keeps the length, unlike `np.diff`).
    pub fn diff(&self, periods: i64) -> Result<Series> {
        Ok(Series {
            name: self.name.clone(),
            index: self.index.clone(),
            values: ops::diff(&self.values, periods)?,
        })
    }

    /// `s.dropna()`.
    pub fn dropna(&self) -> Series {
        let rows: Vec<usize> = (0..self.len()).filter(|&i| !self.values.is_na(i)).collect();
        if rows.len() == self.len() {
            return self.clone();
        }
        self.with_rows(&rows)
    }

    /// `s.describe()`.
    pub fn describe(&self) -> Result<Series> {
        let (labels, values) = stats::describe(&self.values)?;
        Ok(Series {
            name: self.name.clone(),
            index: Index::from_column(None, labels),
            values,
        })
    }

    /// `s <op> scalar`, or `scalar <op> s` when `reflected`.
    pub fn op_scalar(&self, op: BinOp, scalar: &Cell, reflected: bool) -> Result<Series> {
        let other = ops::broadcast(scalar, self.len());
        let values = if reflected {
            ops::binop(&other, op, &self.values)?
        } else {
            ops::binop(&self.values, op, &other)?
        };
        Ok(Series {
            name: self.name.clone(),
            index: self.index.clone(),
            values,
        })
    }

    /// `s <op> array` (or `array <op> s`) for a 1-D array of the same
    /// length: NumPy's broadcasting error otherwise.
    pub fn op_array(&self, op: BinOp, array: &NdArray, reflected: bool) -> Result<Series> {
        if array.shape != [self.len()] {
            let shape: Vec<String> = array.shape.iter().map(|d| format!("{d},")).collect();
            let shape = shape.join("").trim_end_matches(',').to_string();
            let shape = if array.shape.len() == 1 {
                format!("({shape},)")
            } else {
                format!("({shape})")
            };
            let (a, b) = (format!("({},)", self.len()), shape);
            let (a, b) = if reflected { (b, a) } else { (a, b) };
            return Err(Error::new(
                ErrorKind::ValueError,
                format!("operands could not be broadcast together with shapes {a} {b} "),
            ));
        }
        let values = if reflected {
            ops::binop(&array.data, op, &self.values)?
        } else {
            ops::binop(&self.values, op, &array.data)?
        };
        Ok(Series {
            name: self.name.clone(),
            index: self.index.clone(),
            values,
        })
    }

    /// `s <op> other`, aligned on the index labels as pandas aligns them
    /// (labels of one side only give NaN).
    pub fn op_series(&self, op: BinOp, other: &Series) -> Result<Series> {
        let name = if self.name == other.name {
            self.name.clone()
        } else {
            None
        };
        if self.index.values() == other.index.values() {
            return Ok(Series {
                name,
                index: self.index.clone(),
                values: ops::binop(&self.values, op, &other.values)?,
            });
        }
        let (index, left, right) =
            ops::align(&self.index, &self.values, &other.index, &other.values);
        Ok(Series {
            name,
            index,
            values: ops::binop(&left, op, &right)?,
        })
    }
}

impl fmt::Display for Series {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format::series_to_string(self))
    }
}
