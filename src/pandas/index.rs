//! Row labels: a `RangeIndex` (0, 1, 2, ... by default) or a column of
//! labels (`index_col=`, or what `dropna` leaves).

use super::column::{Cell, Column, DType, Label};
use super::{Error, ErrorKind, Result, format, pyfmt};

/// A DataFrame's or Series' row labels, with an optional name.
#[derive(Clone, Debug, PartialEq)]
pub struct Index {
    pub name: Option<Label>,
    pub(crate) data: IndexData,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum IndexData {
    /// `RangeIndex(start, start + step·len, step)`.
    Range {
        start: i64,
        step: i64,
        len: usize,
    },
    Values(Column),
}

impl Index {
    /// `RangeIndex(start=0, stop=len, step=1)`.
    pub fn range(len: usize) -> Index {
        Index {
            name: None,
            data: IndexData::Range {
                start: 0,
                step: 1,
                len,
            },
        }
    }

    /// An index of these labels (a column read with `index_col=`).
    pub fn from_column(name: Option<Label>, values: Column) -> Index {
        Index {
            name,
            data: IndexData::Values(values),
        }
    }

    /// The number of labels.
    pub fn len(&self) -> usize {
        match &self.data {
            IndexData::Range { len, .. } => *len,
            IndexData::Values(c) => c.len(),
        }
    }

    /// Whether there are no labels.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The label at position `i`.
    pub fn cell(&self, i: usize) -> Cell {
        match &self.data {
            IndexData::Range { start, step, .. } => Cell::Int(start + step * i as i64),
            IndexData::Values(c) => c.get(i),
        }
    }

    /// The labels as a column (int64 for a RangeIndex).
    pub fn values(&self) -> Column {
        match &self.data {
            IndexData::Range { .. } => Column::Int(
                (0..self.len())
                    .map(|i| match self.cell(i) {
                        Cell::Int(v) => v,
                        _ => 0,
                    })
                    .collect(),
            ),
            IndexData::Values(c) => c.clone(),
        }
    }

    /// The index of the positions `start, start+step, ...` (`len` of them),
    /// as `iloc[a:b:c]` slices it: a RangeIndex stays one.
    pub fn slice(&self, start: usize, step: usize, len: usize) -> Index {
        let data = match &self.data {
            IndexData::Range {
                start: s0,
                step: st,
                ..
            } => IndexData::Range {
                start: s0 + st * start as i64,
                step: st * step as i64,
                len,
            },
            IndexData::Values(c) => {
                let rows: Vec<usize> = (0..len).map(|k| start + k * step).collect();
                IndexData::Values(c.take(&rows))
            }
        };
        Index {
            name: self.name.clone(),
            data,
        }
    }

    /// The labels at `rows` (a RangeIndex becomes int64 labels, as after
    /// `dropna`).
    pub fn take(&self, rows: &[usize]) -> Index {
        Index {
            name: self.name.clone(),
            data: IndexData::Values(self.values().take(rows)),
        }
    }

    /// The labels at `rows`, kept as they are when that is all of them (a
    /// shown frame that is not truncated keeps its RangeIndex).
    pub(crate) fn take_like(&self, rows: &[usize]) -> Index {
        if rows.len() == self.len() {
            self.clone()
        } else {
            self.take(rows)
        }
    }

    /// Position of the first label equal to `key`.
    pub fn position(&self, key: &Label) -> Option<usize> {
        (0..self.len()).find(|&i| label_eq(&self.cell(i), key))
    }

    /// The positions `[start, stop)` that `loc[a:b]` selects (both ends
    /// included as labels): exact labels, or for a sorted numeric index
    /// the labels between them, as pandas' `slice_locs`.
    pub fn slice_locs(&self, a: Option<&Label>, b: Option<&Label>) -> Result<(usize, usize)> {
        let n = self.len();
        let sorted = self.numeric_sorted();
        let start = match a {
            None => 0,
            Some(key) => match (self.position(key), &sorted, key_f64(key)) {
                (Some(p), _, _) => p,
                (None, Some(v), Some(k)) => v.partition_point(|&x| x < k),
                _ => return Err(Error::key(key)),
            },
        };
        let stop = match b {
            None => n,
            Some(key) => {
                let last = (0..n).rev().find(|&i| label_eq(&self.cell(i), key));
                match (last, &sorted, key_f64(key)) {
                    (Some(p), _, _) => p + 1,
                    (None, Some(v), Some(k)) => v.partition_point(|&x| x <= k),
                    _ => return Err(Error::key(key)),
                }
            }
        };
        Ok((start, stop.max(start)))
    }

    fn numeric_sorted(&self) -> Option<Vec<f64>> {
        let v = self.values().as_f64()?;
        v.windows(2).all(|w| w[0] <= w[1]).then_some(v)
    }

    /// The strings pandas prints for the labels, left-aligned
    /// (`Index._format_flat`).
    pub(crate) fn format_flat(&self) -> Vec<String> {
        match &self.data {
            IndexData::Range { .. } => {
                if self.is_empty() {
                    return Vec::new();
                }
                let first = self.cell(0).py_str();
                let last = self.cell(self.len() - 1).py_str();
                let width = first.len().max(last.len());
                (0..self.len())
                    .map(|i| format!("{:<width$}", self.cell(i).py_str()))
                    .collect()
            }
            IndexData::Values(c) => {
                let justify = if c.dtype() == DType::Object {
                    format::Justify::None
                } else {
                    format::Justify::Left
                };
                trim_front(format::format_array(c, justify, true))
            }
        }
    }

    /// `repr(df.index)`.
    pub fn repr(&self) -> String {
        let name = match &self.name {
            Some(n) => format!(", name={}", n.repr()),
            None => String::new(),
        };
        match &self.data {
            IndexData::Range { start, step, len } => format!(
                "RangeIndex(start={start}, stop={}, step={step}{name})",
                start + step * *len as i64
            ),
            IndexData::Values(c) => {
                let items: Vec<String> = c
                    .cells()
                    .iter()
                    .map(|cell| match cell {
                        Cell::Str(s) => pyfmt::quote(s),
                        Cell::Float(x) if x.is_nan() => "nan".into(),
                        other => other.py_str(),
                    })
                    .collect();
                let justify = c.dtype() != DType::Object;
                format!(
                    "Index({}dtype='{}'{name})",
                    object_summary(items, justify),
                    c.dtype().name()
                )
            }
        }
    }
}

/// pandas' `format_object_summary` for up to 100 items at 80 columns:
/// `[a, b, c], ` on one line, or wrapped under `Index(` with the closing
/// `],` followed by a newline and the indent for the attributes.
fn object_summary(items: Vec<String>, justify: bool) -> String {
    const WIDTH: usize = 80;
    let (space1, space2) = ("\n      ", "\n       ");
    match items.len() {
        0 => return "[], ".into(),
        1 => return format!("[{}], ", items[0]),
        2 => return format!("[{}, {}], ", items[0], items[1]),
        _ => {}
    }
    let mut tail = items;
    if justify && tail.join(", ").chars().count() >= WIDTH {
        let w = tail.iter().map(|s| s.chars().count()).max().unwrap_or(0);
        tail = tail.into_iter().map(|s| format!("{s:>w$}")).collect();
    }
    let extend = |summary: &mut String, line: &mut String, value: &str, width: usize| {
        if line.trim_end().chars().count() + value.trim_end().chars().count() >= width {
            summary.push_str(line.trim_end());
            *line = space2.to_string();
        }
        line.push_str(value);
    };
    let (mut summary, mut line) = (String::new(), space2.to_string());
    let last = tail.len() - 1;
    for item in &tail[..last] {
        extend(&mut summary, &mut line, &format!("{item}, "), WIDTH);
    }
    extend(&mut summary, &mut line, &tail[last], WIDTH - 2);
    summary.push_str(&line);
    summary.push_str("],");
    if summary.chars().count() > WIDTH {
        summary.push_str(space1);
    } else {
        summary.push(' ');
    }
    format!("[{}", &summary[space2.len()..])
}

/// Label equality as pandas looks labels up: 1 finds 1.0, 'a' finds 'a'.
fn label_eq(cell: &Cell, key: &Label) -> bool {
    match (cell, key) {
        (Cell::Str(a), Label::Str(b)) => a == b,
        (Cell::Str(_), _) | (_, Label::Str(_)) => false,
        (cell, key) => match (cell_f64(cell), key_f64(key)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
    }
}

fn cell_f64(c: &Cell) -> Option<f64> {
    match c {
        Cell::Int(i) => Some(*i as f64),
        Cell::Float(x) => Some(*x),
        _ => None,
    }
}

fn key_f64(k: &Label) -> Option<f64> {
    match k {
        Label::Int(i) => Some(*i as f64),
        Label::Float(x) => Some(*x),
        Label::Str(_) => None,
    }
}

/// pandas' `trim_front`: drop leading spaces all strings share.
fn trim_front(mut strings: Vec<String>) -> Vec<String> {
    while !strings.is_empty() && strings.iter().all(|s| s.starts_with(' ')) {
        strings = strings.into_iter().map(|s| s[1..].to_string()).collect();
    }
    strings
}

/// `ValueError: Index q invalid` and friends for a bad `index_col`.
pub(crate) fn invalid(name: &str) -> Error {
    Error::new(ErrorKind::ValueError, format!("Index {name} invalid"))
}
