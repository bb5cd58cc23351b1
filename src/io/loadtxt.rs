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

mod check;
mod fast;
mod fields;
mod stream;
#[cfg(test)]
mod tests;

use check::check_options;
use fields::{Splitter, ascii_fields, recycle, split_lines};

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
    let split = Splitter::new(opts, delimiter);
    let mut reader = Reader::new(opts, split, size);
    // Once the first row has fixed the columns, whole blocks of lines are
    // split and converted on both cores (see `Reader::block`), unless
    // `max_rows` counts rows one by one.
    #[cfg(test)]
    let lines_only = LINES_ONLY.get();
    #[cfg(not(test))]
    let lines_only = false;
    let blocks = !lines_only
        && opts.max_rows.is_none()
        && split
            .ascii_delimiter
            .is_some_and(|d| !matches!(d, Some(b'\n' | b'\r')))
        && split.ascii_comment.is_some();
    // Plain float64 data: read and converted at once (see `stream`); after
    // a chunk it gives back, one block or line is read the general way.
    let streams = blocks
        && opts.dtype == DType::Float64
        && opts.usecols.is_none()
        && split
            .ascii_delimiter
            .zip(split.ascii_comment)
            .is_some_and(|(d, c)| fast::usable(d, c));
    let mut general = false;
    let mut spare: Vec<&'static str> = Vec::new();
    let mut number = opts.skiprows;
    while !reader.done() {
        if streams
            && !std::mem::replace(&mut general, true)
            && let (Some(ncols), Some(d), Some(c)) =
                (reader.ncols, split.ascii_delimiter, split.ascii_comment)
        {
            lines = stream::floats(lines, path, &mut reader, ncols, d, c)?;
            continue;
        }
        general = false;
        if blocks
            && reader.ncols.is_some()
            && let Some(text) = lines.next_block()?
        {
            reader.block(text)?;
            continue;
        }
        let Some(line) = lines.next_line()? else {
            break;
        };
        number += 1;
        let mut fields = recycle(std::mem::take(&mut spare));
        split.fields(line, &mut fields);
        reader.row(number, &fields)?;
        spare = recycle(fields);
    }
    reader.finish(path, opts)
}

/// Texts at least this long (bytes) are converted on two threads (small
/// in unit tests, so that their files are).
const PAR_MIN: usize = if cfg!(test) { 64 } else { 1 << 16 };

#[cfg(test)]
thread_local! {
    /// Tests turn the block path off to compare with line-by-line reading.
    static LINES_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Row-by-row state of one `loadtxt` call.
struct Reader<'o> {
    opts: &'o LoadTxtOptions,
    split: Splitter<'o>,
    cells: Cells,
    rows: usize,
    ncols: Option<usize>,
    warnings: Vec<Warning>,
    /// The file's size (0 when unknown), to size the result.
    size: u64,
}

impl<'o> Reader<'o> {
    fn new(opts: &'o LoadTxtOptions, split: Splitter<'o>, size: u64) -> Reader<'o> {
        let cells = match opts.dtype {
            DType::Int64 => Cells::Int(Vec::new()),
            DType::Bool => Cells::Bool(Vec::new()),
            // float64, and anything else the interpreter does not pass yet
            _ => Cells::Float(Vec::new()),
        };
        Reader {
            opts,
            split,
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

    /// The rows of `text` (whole lines, see `LineReader::next_block`), as
    /// [`row`](Self::row) reads them line by line with an ASCII
    /// `delimiter` and `comment`: a big text is split at a line break and
    /// its halves converted on two threads, each into its own cells, then
    /// appended in order. A half with anything unusual (a bad value, a
    /// changed column count, a non-ASCII line) is read again here line by
    /// line, so the values, and the first error with its row number, are
    /// those of the line-by-line reading.
    fn block(&mut self, text: &str) -> Result<(), Error> {
        let half = (text.len() >= PAR_MIN && rayon::current_num_threads() > 1)
            .then(|| memchr::memchr(b'\n', &text.as_bytes()[text.len() / 2..]))
            .flatten()
            .map(|i| text.len() / 2 + i + 1);
        let (first, second) = text.split_at(half.unwrap_or(text.len()));
        let ncols = self.ncols;
        let part = |t: &str| (!t.is_empty()).then(|| self.part(t, ncols));
        let (a, b) = if second.is_empty() {
            (part(first), None)
        } else {
            rayon::join(|| part(first), || part(second))
        };
        for (t, p) in [(first, a), (second, b)] {
            match p.flatten() {
                Some((cells, rows)) => {
                    self.append(cells)?;
                    self.rows += rows;
                }
                None => {
                    let mut fields = Vec::new();
                    for line in split_lines(t) {
                        fields.clear();
                        self.split.fields(line, &mut fields);
                        self.row(0, &fields)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The cells and row count of the lines of `text` read by a fresh
    /// reader expecting `ncols` columns; `None` at the first line
    /// [`block`](Self::block) must read again itself.
    fn part(&self, text: &str, ncols: Option<usize>) -> Option<(Cells, usize)> {
        let mut r = Reader::new(self.opts, self.split, 0);
        if let (Cells::Float(_), None, Some(n), Some(d), Some(c)) = (
            &r.cells,
            &self.opts.usecols,
            ncols,
            self.split.ascii_delimiter,
            self.split.ascii_comment,
        ) {
            let mut v = Vec::new();
            if let Some(rows) = fast::floats_into(text.as_bytes(), n, d, c, &mut v) {
                return Some((Cells::Float(v), rows));
            }
        }
        r.ncols = ncols;
        let mut fields = Vec::new();
        for line in split_lines(text) {
            fields.clear();
            if !ascii_fields(
                line,
                self.split.ascii_delimiter,
                self.split.ascii_comment,
                &mut fields,
            ) {
                return None;
            }
            r.row(0, &fields).ok()?;
        }
        Some((r.cells, r.rows))
    }

    /// Appends a part's cells (of this reader's kind).
    fn append(&mut self, part: Cells) -> Result<(), Error> {
        let n = match &part {
            Cells::Float(v) => v.len(),
            Cells::Int(v) => v.len(),
            Cells::Bool(v) => v.len(),
        };
        self.grow(n)?;
        match (&mut self.cells, part) {
            (Cells::Float(v), Cells::Float(p)) => v.extend_from_slice(&p),
            (Cells::Int(v), Cells::Int(p)) => v.extend_from_slice(&p),
            (Cells::Bool(v), Cells::Bool(p)) => v.extend_from_slice(&p),
            _ => unreachable!("a part has its reader's dtype"),
        }
        Ok(())
    }

    /// Appends float64 values (this reader's kind) read apart.
    fn append_floats(&mut self, part: &[f64]) -> Result<(), Error> {
        self.grow(part.len())?;
        if let Cells::Float(v) = &mut self.cells {
            v.extend_from_slice(part);
        }
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
