//! `np.loadtxt` (NumPy 2.x): one value per cell, every row the same
//! number of columns, NumPy's messages.

use super::fs::open_input;
use super::parse::{numpy_bool, numpy_f64, numpy_i64, py_str_repr};
use super::text::{LineReader, ndmin_shape};
use super::{Error, IoErrorKind, Loaded, Warning};
use crate::array::{Array, DType};
use crate::memory;
use ndarray::{ArrayD, IxDyn};
use std::path::Path;

#[cfg(test)]
mod tests;

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
    let (file, size) = open_input(path)?;
    let mut lines = LineReader::new(file, path);
    lines.skip(opts.skiprows)?;
    let mut reader = Reader::new(opts, size);
    // A one-character comment is found with a byte search (most are `#`).
    let comment_char = opts.comments.as_deref().and_then(|c| {
        let mut chars = c.chars();
        chars.next().filter(|_| chars.next().is_none())
    });
    // The common case, an ASCII delimiter (or whitespace) and comment
    // character, is split in one byte loop per line.
    let ascii_delimiter = match delimiter {
        None => Some(None),
        Some(d) if d.is_ascii() => Some(Some(d as u8)),
        Some(_) => None,
    };
    let ascii_comment = match (comment_char, &opts.comments) {
        (_, None) => Some(None),
        (Some(c), _) if c.is_ascii() => Some(Some(c as u8)),
        _ => None,
    };
    let mut spare: Vec<&'static str> = Vec::new();
    let mut number = opts.skiprows;
    while !reader.done() {
        let Some(line) = lines.next_line()? else {
            break;
        };
        number += 1;
        let mut fields = recycle(std::mem::take(&mut spare));
        if !ascii_fields(line, ascii_delimiter, ascii_comment, &mut fields) {
            fields.clear();
            let cut = match (comment_char, &opts.comments) {
                (Some(c), _) => line.find(c),
                (None, Some(c)) => line.find(c.as_str()),
                (None, None) => None,
            };
            let text = cut.map_or(line, |i| &line[..i]);
            match delimiter {
                None => fields.extend(text.split_whitespace()),
                Some(d) if !text.is_empty() => fields.extend(text.split(d)),
                Some(_) => {}
            }
        }
        reader.row(number, &fields)?;
        spare = recycle(fields);
    }
    reader.finish(path, opts)
}

/// Splits an ASCII `line` into `fields` as the general path does (cut at
/// the comment character, then split on `delimiter`, or on runs of
/// whitespace when it is `None`; a line empty after the cut has no
/// fields), with byte loops (std's `split` searchers cost a third of the
/// time). False, with `fields` in any state,
/// when the line or the options are not ASCII: the caller splits it the
/// general way.
fn ascii_fields<'a>(
    line: &'a str,
    delimiter: Option<Option<u8>>,
    comment: Option<Option<u8>>,
    fields: &mut Vec<&'a str>,
) -> bool {
    let (Some(delimiter), Some(comment)) = (delimiter, comment) else {
        return false;
    };
    // The cut at the comment character first; what is kept must be ASCII.
    let bytes = line.as_bytes();
    let end = comment
        .and_then(|c| bytes.iter().position(|&x| x == c))
        .unwrap_or(bytes.len());
    let b = &bytes[..end];
    if !b.is_ascii() {
        return false;
    }
    let mut start = 0;
    match delimiter {
        Some(d) => {
            for (i, &c) in b.iter().enumerate() {
                if c == d {
                    fields.push(&line[start..i]);
                    start = i + 1;
                }
            }
            if end > 0 {
                fields.push(&line[start..end]);
            }
        }
        None => {
            // `split_whitespace` on ASCII: runs of \t \n \x0b \x0c \r and space.
            let mut in_field = false;
            for (i, &c) in b.iter().enumerate() {
                let blank = matches!(c, b'\t'..=b'\r' | b' ');
                if blank && in_field {
                    fields.push(&line[start..i]);
                } else if !blank && !in_field {
                    start = i;
                }
                in_field = !blank;
            }
            if in_field {
                fields.push(&line[start..end]);
            }
        }
    }
    true
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

/// Row-by-row state of one `loadtxt` call.
struct Reader<'o> {
    opts: &'o LoadTxtOptions,
    cells: Cells,
    rows: usize,
    ncols: Option<usize>,
    warnings: Vec<Warning>,
    /// The file's size (0 when unknown), to size the result.
    size: u64,
}

impl<'o> Reader<'o> {
    fn new(opts: &'o LoadTxtOptions, size: u64) -> Reader<'o> {
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
            size,
        }
    }

    fn done(&self) -> bool {
        self.opts.max_rows.is_some_and(|m| self.rows >= m)
    }

    /// One physical line (`line` counts from 1), already split.
    fn row(&mut self, line: usize, fields: &[&str]) -> Result<(), Error> {
        if fields.is_empty() {
            if let Some(m) = self.opts.max_rows
                && self.warnings.is_empty()
            {
                self.warnings.push(max_rows_warning(line, m));
            }
            return Ok(());
        }
        let n = fields.len();
        if self.rows == 0 {
            self.guess_size(fields);
        }
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
                self.grow(n)?;
                for (col, field) in fields.iter().enumerate() {
                    self.push(field, col)?;
                }
            }
            Some(usecols) => {
                self.ncols = Some(usecols.len());
                self.grow(usecols.len())?;
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
        self.rows += 1;
        Ok(())
    }

    /// Room for the rows the file probably holds, guessed from its size and
    /// the first row (so the values are not copied as the vector grows);
    /// skipped when the guess does not fit under the memory cap, as the
    /// file may hold fewer rows than it seems.
    fn guess_size(&mut self, fields: &[&str]) {
        let row_len: usize = fields.iter().map(|f| f.len() + 1).sum::<usize>().max(1);
        let ncols = self.opts.usecols.as_ref().map_or(fields.len(), Vec::len);
        let mut rows = usize::try_from(self.size).unwrap_or(usize::MAX) / row_len + 1;
        if let Some(m) = self.opts.max_rows {
            rows = rows.min(m);
        }
        let cells = rows.saturating_mul(ncols);
        let _ = match &mut self.cells {
            Cells::Float(v) => memory::try_grow(v, cells),
            Cells::Int(v) => memory::try_grow(v, cells),
            Cells::Bool(v) => memory::try_grow(v, cells),
        };
    }

    /// Room for one more row of `ncols` values, or the bare `MemoryError`
    /// NumPy's reader raises when its result cannot grow.
    fn grow(&mut self, ncols: usize) -> Result<(), Error> {
        let grown = match &mut self.cells {
            Cells::Float(v) => memory::try_grow(v, ncols),
            Cells::Int(v) => memory::try_grow(v, ncols),
            Cells::Bool(v) => memory::try_grow(v, ncols),
        };
        grown.map_err(|_| Error::new(IoErrorKind::MemoryError, ""))
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
            // the transposed copy
            let itemsize = if opts.dtype == DType::Bool { 1 } else { 8 };
            super::reserve_array(&shape, itemsize, opts.dtype.name())?;
        }
        let mut cells = self.cells;
        // Give back what the size guess took beyond the rows found.
        match &mut cells {
            Cells::Float(v) => v.shrink_to_fit(),
            Cells::Int(v) => v.shrink_to_fit(),
            Cells::Bool(v) => v.shrink_to_fit(),
        }
        let array = match cells {
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
