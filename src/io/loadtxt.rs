//! `np.loadtxt` (NumPy 2.x): one value per cell, every row the same
//! number of columns, NumPy's messages.

use super::fs::read_text;
use super::parse::{numpy_bool, numpy_f64, numpy_i64, py_str_repr};
use super::text::{lines, ndmin_shape, skip_lines};
use super::{Error, IoErrorKind, Loaded, Warning};
use crate::array::{Array, DType};
use ndarray::{ArrayD, IxDyn};
use std::path::Path;

/// `np.loadtxt` keyword arguments gradlab supports (NumPy's defaults).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadTxtOptions {
    /// One character; `None` splits on runs of whitespace.
    pub delimiter: Option<String>,
    /// Physical lines skipped first (comment and blank lines included).
    pub skiprows: usize,
    /// Columns to keep (negative counts from the end), in this order.
    pub usecols: Option<Vec<i64>>,
    /// Text starting a comment anywhere in a line; `None` disables.
    pub comments: Option<String>,
    pub dtype: DType,
    /// Data rows to read (blank and comment lines do not count).
    pub max_rows: Option<usize>,
    /// Transpose the result (`x, y = np.loadtxt(..., unpack=True)`).
    pub unpack: bool,
    /// 0, 1 or 2: squeeze, then pad to at least this many dimensions.
    pub ndmin: usize,
}

impl Default for LoadTxtOptions {
    fn default() -> Self {
        LoadTxtOptions {
            delimiter: None,
            skiprows: 0,
            usecols: None,
            comments: Some("#".into()),
            dtype: DType::Float64,
            max_rows: None,
            unpack: false,
            ndmin: 0,
        }
    }
}

/// Values of the result, row-major.
enum Cells {
    Float(Vec<f64>),
    Int(Vec<i64>),
    Bool(Vec<bool>),
}

/// Reads `path` like `np.loadtxt(path, **opts)`.
///
/// Rows are the non-blank lines after `skiprows` physical lines, with
/// comments cut off; a file of one row or one column gives a 1-D array, a
/// single value a 0-d array (unless `ndmin`).
///
/// # Errors
/// NumPy's, e.g. `could not convert string 'abc' to float64 at row 2,
/// column 2.` (data rows count from 0, columns from 1), `the number of
/// columns changed from 3 to 2 at row 5; use `usecols` to select a subset
/// and avoid this error` (rows from 1), `invalid column index 5 at row 1
/// with 3 columns`, `x.csv not found.` (`FileNotFoundError`). An empty file
/// is not an error: an empty array and the `UserWarning` `loadtxt: input
/// contained no data: "x.csv"`.
pub fn loadtxt(path: impl AsRef<Path>, opts: &LoadTxtOptions) -> Result<Loaded, Error> {
    let path = path.as_ref();
    let delimiter = check_options(opts)?;
    let text = read_text(path)?;
    let mut reader = Reader::new(opts);
    let body = skip_lines(&text, opts.skiprows);
    match delimiter {
        Some(d) if d.is_ascii() => {
            let mut csv = csv::ReaderBuilder::new()
                .delimiter(d as u8)
                .has_headers(false)
                .flexible(true)
                .quoting(false)
                .from_reader(body.as_bytes());
            let mut record = csv::StringRecord::new();
            // Most CSV files have no comments: skip the search per field then.
            let comment = opts.comments.as_deref().filter(|c| body.contains(c));
            let mut spare: Vec<&str> = Vec::new();
            loop {
                let more = csv
                    .read_record(&mut record)
                    .map_err(|e| Error::value(e.to_string()))?;
                if !more || reader.done() {
                    break;
                }
                let line = opts.skiprows + record.position().map_or(0, |p| p.line() as usize);
                let mut fields = recycle(std::mem::take(&mut spare));
                fields.extend(record.iter());
                cut_comment(&mut fields, comment);
                reader.row(line, &fields, body.len())?;
                spare = recycle(fields);
            }
        }
        _ => {
            let mut fields: Vec<&str> = Vec::new();
            for (i, line) in lines(body).enumerate() {
                if reader.done() {
                    break;
                }
                let line_text = match &opts.comments {
                    Some(c) => line.split(c.as_str()).next().unwrap_or(""),
                    None => line,
                };
                fields.clear();
                match delimiter {
                    None => fields.extend(line_text.split_whitespace()),
                    Some(d) if !line_text.is_empty() => fields.extend(line_text.split(d)),
                    Some(_) => {}
                }
                reader.row(opts.skiprows + i + 1, &fields, body.len())?;
            }
        }
    }
    reader.finish(path, opts)
}

/// An empty vector reusing `v`'s allocation for borrows of another
/// lifetime (the in-place `collect` keeps the buffer), so that splitting a
/// line does not allocate.
fn recycle<'b>(mut v: Vec<&str>) -> Vec<&'b str> {
    v.clear();
    v.into_iter()
        .map(|_| -> &'b str { unreachable!("empty") })
        .collect()
}

/// NumPy's argument checks; returns the delimiter character.
fn check_options(opts: &LoadTxtOptions) -> Result<Option<char>, Error> {
    if opts.ndmin > 2 {
        return Err(Error::value(format!(
            "Illegal value of ndmin keyword: {}",
            opts.ndmin
        )));
    }
    if opts.comments.as_deref() == Some("") {
        return Err(Error::value(
            "comments cannot be an empty string. Use comments=None to disable comments.",
        ));
    }
    let Some(d) = &opts.delimiter else {
        return Ok(None);
    };
    let mut chars = d.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            if opts.comments.as_deref() == Some(d.as_str()) {
                return Err(Error::new(
                    IoErrorKind::TypeError,
                    "The values for control characters 'comment' and 'delimiter' are incompatible",
                ));
            }
            Ok(Some(c))
        }
        _ => Err(Error::new(
            IoErrorKind::TypeError,
            format!(
                "Text reading control character must be a single unicode character or None; but got: {}",
                py_str_repr(d)
            ),
        )),
    }
}

/// Cuts the fields of a delimited line at the first comment; a line that
/// is then empty has no fields (NumPy skips only truly empty lines).
fn cut_comment(fields: &mut Vec<&str>, comment: Option<&str>) {
    if let Some(c) = comment
        && let Some(i) = fields.iter().position(|f| f.contains(c))
    {
        let f = fields[i];
        fields[i] = &f[..f.find(c).expect("contains the comment")];
        fields.truncate(i + 1);
    }
    if fields.len() == 1 && fields[0].is_empty() {
        fields.clear();
    }
}

/// Row-by-row state of one `loadtxt` call.
struct Reader<'o> {
    opts: &'o LoadTxtOptions,
    cells: Cells,
    rows: usize,
    ncols: Option<usize>,
    warnings: Vec<Warning>,
}

impl<'o> Reader<'o> {
    fn new(opts: &'o LoadTxtOptions) -> Reader<'o> {
        let cells = match opts.dtype {
            DType::Int64 => Cells::Int(Vec::new()),
            DType::Bool => Cells::Bool(Vec::new()),
            // float64, and anything else the interpreter does not pass yet
            _ => Cells::Float(Vec::new()),
        };
        Reader {
            opts,
            cells,
            rows: 0,
            ncols: None,
            warnings: Vec::new(),
        }
    }

    fn done(&self) -> bool {
        self.opts.max_rows.is_some_and(|m| self.rows >= m)
    }

    /// One physical line (`line` counts from 1), already split; `text_len`
    /// (the file's size) sizes the result after the first row.
    fn row(&mut self, line: usize, fields: &[&str], text_len: usize) -> Result<(), Error> {
        if fields.is_empty() {
            if let Some(m) = self.opts.max_rows
                && self.warnings.is_empty()
            {
                self.warnings.push(max_rows_warning(line, m));
            }
            return Ok(());
        }
        let n = fields.len();
        match &self.opts.usecols {
            None => {
                let first = *self.ncols.get_or_insert(n);
                if first != n {
                    return Err(Error::value(format!(
                        "the number of columns changed from {first} to {n} at row {}; \
                         use `usecols` to select a subset and avoid this error",
                        self.rows + 1
                    )));
                }
                for (col, field) in fields.iter().enumerate() {
                    self.push(field, col)?;
                }
            }
            Some(usecols) => {
                self.ncols = Some(usecols.len());
                for &c in usecols {
                    let idx = if c < 0 { c + n as i64 } else { c };
                    if idx < 0 || idx >= n as i64 {
                        return Err(Error::value(format!(
                            "invalid column index {c} at row {} with {n} columns",
                            self.rows + 1
                        )));
                    }
                    self.push(fields[idx as usize], idx as usize)?;
                }
            }
        }
        if self.rows == 0 {
            self.reserve(fields, text_len);
        }
        self.rows += 1;
        Ok(())
    }

    /// Room for the rows the file probably holds, guessed from the length
    /// of the first (so the values are not copied as the vector grows).
    fn reserve(&mut self, fields: &[&str], text_len: usize) {
        let row_len: usize = fields.iter().map(|f| f.len() + 1).sum::<usize>().max(1);
        let cells = (text_len / row_len + 1) * self.ncols.unwrap_or(1);
        match &mut self.cells {
            Cells::Float(v) => v.reserve(cells),
            Cells::Int(v) => v.reserve(cells),
            Cells::Bool(v) => v.reserve(cells),
        }
    }

    fn push(&mut self, field: &str, col: usize) -> Result<(), Error> {
        let ok = match &mut self.cells {
            Cells::Float(v) => numpy_f64(field).map(|x| v.push(x)),
            Cells::Int(v) => numpy_i64(field).map(|x| v.push(x)),
            Cells::Bool(v) => numpy_bool(field).map(|x| v.push(x)),
        };
        ok.ok_or_else(|| {
            let mut shown = py_str_repr(field);
            if shown.chars().count() > 100 {
                shown = shown.chars().take(100).collect();
            }
            Error::value(format!(
                "could not convert string {shown} to {} at row {}, column {}.",
                self.opts.dtype.name(),
                self.rows,
                col + 1
            ))
        })
    }

    fn finish(self, path: &Path, opts: &LoadTxtOptions) -> Result<Loaded, Error> {
        let shape = [self.rows, self.ncols.unwrap_or(1)];
        let mut shape = ndmin_shape(&shape, opts.ndmin);
        let mut warnings = self.warnings;
        if shape.first() == Some(&0) {
            warnings.push(Warning {
                category: "UserWarning",
                message: format!(
                    "loadtxt: input contained no data: \"{}\"",
                    path.to_string_lossy()
                ),
            });
        }
        let transpose = opts.unpack && shape.len() == 2;
        if transpose {
            shape.reverse();
        }
        let array = match self.cells {
            Cells::Float(v) => Array::from_ndarray(shaped(v, &shape, transpose)),
            Cells::Int(v) => Array::from_ndarray(shaped(v, &shape, transpose)),
            Cells::Bool(v) => Array::from_ndarray(shaped(v, &shape, transpose)),
        };
        Ok(Loaded { array, warnings })
    }
}

/// Row-major `v` as an array of `shape`; `transposed` means `v` holds the
/// transpose of that array (rows × cols for a `cols × rows` result).
fn shaped<T: Clone>(v: Vec<T>, shape: &[usize], transposed: bool) -> ArrayD<T> {
    if transposed {
        let t =
            ArrayD::from_shape_vec(IxDyn(&[shape[1], shape[0]]), v).expect("cells match the shape");
        t.reversed_axes().as_standard_layout().into_owned()
    } else {
        ArrayD::from_shape_vec(IxDyn(shape), v).expect("cells match the shape")
    }
}

fn max_rows_warning(line: usize, max_rows: usize) -> Warning {
    Warning {
        category: "UserWarning",
        message: format!(
            "Input line {line} contained no data and will not be counted towards \
             `max_rows={max_rows}`.  This differs from the behaviour in NumPy <=1.22 \
             which counted lines rather than rows.  If desired, the previous behaviour \
             can be achieved by using `itertools.islice`.\nPlease see the 1.23 release \
             notes for an example on how to do this.  If you wish to ignore this warning, \
             use `warnings.filterwarnings`.  This warning is expected to be removed in \
             the future and is given only once per `loadtxt` call."
        ),
    }
}
