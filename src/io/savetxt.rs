//! `np.savetxt`: the bytes NumPy writes, through [`super::write_file`].

use super::printf::{self, Piece, Value};
use super::write::{put, write_file};
use super::{Error, IoErrorKind};
use crate::array::{Array, DType};
use std::path::Path;

/// `fmt=`: one format for every column (or a whole-row format with one
/// `%` per column), or one format per column.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveFmt {
    One(String),
    PerColumn(Vec<String>),
}

/// `np.savetxt` keyword arguments (NumPy's defaults).
#[derive(Clone, Debug, PartialEq)]
pub struct SaveTxtOptions {
    pub fmt: SaveFmt,
    pub delimiter: String,
    pub newline: String,
    pub header: String,
    pub footer: String,
    pub comments: String,
}

impl Default for SaveTxtOptions {
    fn default() -> Self {
        SaveTxtOptions {
            fmt: SaveFmt::One("%.18e".into()),
            delimiter: " ".into(),
            newline: "\n".into(),
            header: String::new(),
            footer: String::new(),
            comments: "# ".into(),
        }
    }
}

/// The row format NumPy builds from `fmt` for `ncol` columns.
fn row_format(fmt: &SaveFmt, delimiter: &str, ncol: usize) -> Result<String, Error> {
    match fmt {
        SaveFmt::PerColumn(f) if f.len() != ncol => Err(Error::new(
            IoErrorKind::AttributeError,
            format!("fmt has wrong shape.  {}", py_list(f)),
        )),
        SaveFmt::PerColumn(f) => Ok(f.join(delimiter)),
        SaveFmt::One(f) => match f.matches('%').count() {
            1 => Ok(vec![f.as_str(); ncol].join(delimiter)),
            n if n == ncol => Ok(f.clone()),
            _ => Err(Error::value(format!(
                "fmt has wrong number of % formats:  {f}"
            ))),
        },
    }
}

fn py_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| super::parse::py_str_repr(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// Rows and columns of a 1-D (one column) or 2-D array.
fn dims(a: &Array) -> Result<(usize, usize), Error> {
    match a.shape() {
        [n] => Ok((*n, 1)),
        [n, m] => Ok((*n, *m)),
        s => Err(Error::value(format!(
            "Expected 1D or 2D array, got {}D array instead",
            s.len()
        ))),
    }
}

/// `f` over the elements in row-major order, as `format % tuple(row)` sees
/// them, read one at a time from the array (no copy of a float64, int64 or
/// bool array: a file of any size streams out of the buffer).
fn with_values<R>(a: &Array, f: impl FnOnce(&mut dyn Iterator<Item = Value>) -> R) -> R {
    match a.dtype() {
        DType::Float64 => f(&mut a.read::<f64>().iter().map(Value::Float)),
        DType::Int64 => f(&mut a.read::<i64>().iter().map(Value::Int)),
        DType::Bool => f(&mut a.read::<bool>().iter().map(Value::Bool)),
        _ => f(&mut a.to_f64_vec().into_iter().map(Value::Float)),
    }
}

/// The text `np.savetxt(path, a, **opts)` writes (for tests and previews).
///
/// # Errors
/// NumPy's: `Expected 1D or 2D array, got 0D array instead`, `fmt has wrong
/// number of % formats:  %d %d`, `Mismatch between array dtype ('float64')
/// and format specifier ('%d%%')` (`TypeError`), Python's `%` errors
/// (`cannot convert float NaN to integer`).
pub fn savetxt_string(a: &Array, opts: &SaveTxtOptions) -> Result<String, Error> {
    let mut out = String::new();
    write_text(a, opts, &mut |chunk: &str| {
        out.push_str(chunk);
        Ok(())
    })?;
    Ok(out)
}

/// Writes `a` to `path` like `np.savetxt(path, a, **opts)`, through
/// [`super::write_file`] (atomic for a regular file).
///
/// # Errors
/// As [`savetxt_string`], plus the OS errors of creating the file
/// (`FileNotFoundError: [Errno 2] No such file or directory: 'nodir/x.txt'`).
pub fn savetxt(path: impl AsRef<Path>, a: &Array, opts: &SaveTxtOptions) -> Result<(), Error> {
    let path = path.as_ref();
    // Validate before touching the file system, as NumPy fails before writing.
    let (_, ncol) = dims(a)?;
    row_format(&opts.fmt, &opts.delimiter, ncol).and_then(|f| printf::parse(&f))?;
    write_file(path, |w| {
        write_text(a, opts, &mut |chunk: &str| put(w, chunk.as_bytes(), path))
    })
}

fn write_text(
    a: &Array,
    opts: &SaveTxtOptions,
    sink: &mut dyn FnMut(&str) -> Result<(), Error>,
) -> Result<(), Error> {
    let (nrow, ncol) = dims(a)?;
    let format = row_format(&opts.fmt, &opts.delimiter, ncol)?;
    let pieces: Vec<Piece> = printf::parse(&format)?;
    let dtype = a.dtype().name();
    if printf::arity(&pieces) != ncol {
        return Err(Error::new(
            IoErrorKind::TypeError,
            format!("Mismatch between array dtype ('{dtype}') and format specifier ('{format}')"),
        ));
    }
    let comment_block = |text: &str| {
        let body = text.replace('\n', &format!("\n{}", opts.comments));
        format!("{}{body}{}", opts.comments, opts.newline)
    };
    if !opts.header.is_empty() {
        sink(&comment_block(&opts.header))?;
    }
    let mut buf = String::with_capacity(1 << 16);
    let mut row: Vec<Value> = Vec::with_capacity(ncol);
    with_values(a, |values| {
        for _ in 0..nrow {
            row.clear();
            row.extend((&mut *values).take(ncol));
            printf::format_into(&mut buf, &pieces, &row)?;
            buf.push_str(&opts.newline);
            if buf.len() >= 1 << 16 {
                sink(&buf)?;
                buf.clear();
            }
        }
        Ok::<(), Error>(())
    })?;
    sink(&buf)?;
    if !opts.footer.is_empty() {
        sink(&comment_block(&opts.footer))?;
    }
    Ok(())
}
