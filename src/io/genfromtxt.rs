//! `np.genfromtxt` for float64 data (NumPy 2.x): missing or unparsable
//! cells become `filling_values` (NaN by default).

use super::fs::open_input;
use super::parse::python_f64;
use super::text::{LineReader, ndmin_shape};
use super::{Error, IoErrorKind, Loaded, Warning};
use crate::array::Array;
use crate::memory;
use std::path::Path;

/// `np.genfromtxt` keyword arguments gradlab supports (NumPy's defaults).
#[derive(Clone, Debug, PartialEq)]
pub struct GenFromTxtOptions {
    /// Split at this text; `None` splits on runs of whitespace.
    pub delimiter: Option<String>,
    /// Physical lines skipped first.
    pub skip_header: usize,
    /// Columns to keep (negative counts from the end of the first row).
    pub usecols: Option<Vec<i64>>,
    /// Value for empty or unparsable cells.
    pub filling_values: f64,
    /// Text starting a comment anywhere in a line; `None` disables.
    pub comments: Option<String>,
}

impl Default for GenFromTxtOptions {
    fn default() -> Self {
        GenFromTxtOptions {
            delimiter: None,
            skip_header: 0,
            usecols: None,
            filling_values: f64::NAN,
            comments: Some("#".into()),
        }
    }
}

/// `LineSplitter._delimited_splitter` with `autostrip`: cut the comment,
/// strip `" \r\n"`, split, strip each field.
fn split_line<'a>(line: &'a str, opts: &GenFromTxtOptions) -> Vec<&'a str> {
    let line = match &opts.comments {
        Some(c) => line.split(c.as_str()).next().unwrap_or(""),
        None => line,
    };
    let line = line.trim_matches([' ', '\r', '\n']);
    if line.is_empty() {
        return Vec::new();
    }
    match &opts.delimiter {
        None => line.split_whitespace().collect(),
        Some(d) => line.split(d.as_str()).map(str::trim).collect(),
    }
}

/// Reads `path` like `np.genfromtxt(path, **opts)` (dtype float64).
///
/// The first non-blank line after `skip_header` fixes the column count;
/// a cell that is empty or not a Python float literal becomes
/// `filling_values`. The result is squeezed like `loadtxt`'s.
///
/// # Errors
/// Rows with another column count (or too few for `usecols`) are all
/// reported together, as NumPy does:
/// `Some errors were detected !\n    Line #2 (got 2 columns instead of 3)`
/// (line numbers count from the first non-blank line, plus `skip_header`,
/// from 1). A missing file is `FileNotFoundError: x.csv not found.`; an
/// empty file gives an empty array and the `UserWarning`
/// `genfromtxt: Empty input file: "x.csv"`.
pub fn genfromtxt(path: impl AsRef<Path>, opts: &GenFromTxtOptions) -> Result<Loaded, Error> {
    let path = path.as_ref();
    let (file, _) = open_input(path)?;
    let mut lines = LineReader::new(file, path);
    lines.skip(opts.skip_header)?;
    // Fixed by NumPy's `first_line`, the first line with any values: its
    // index among the lines read, the column count and `usecols` resolved.
    let mut first: Option<(usize, usize, Option<Vec<i64>>)> = None;
    let mut cells: Vec<f64> = Vec::new();
    let mut rows = 0;
    let mut invalid = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.next_line()? {
        let values = split_line(line, opts);
        i += 1;
        let n = values.len();
        if n == 0 {
            continue;
        }
        let (first_i, nbcols, usecols) = first.get_or_insert_with(|| {
            let usecols: Option<Vec<i64>> = opts.usecols.as_ref().map(|u| {
                u.iter()
                    .map(|&c| if c < 0 { c + n as i64 } else { c })
                    .collect()
            });
            (i, usecols.as_ref().map_or(n, Vec::len), usecols)
        });
        let picked: Option<Vec<&str>> = match usecols {
            Some(u) => u
                .iter()
                .map(|&c| {
                    // Python indexing: a still-negative index counts from the end
                    let c = if c < 0 { c + n as i64 } else { c };
                    usize::try_from(c).ok().and_then(|c| values.get(c).copied())
                })
                .collect(),
            None if n == *nbcols => Some(values),
            None => None,
        };
        match picked {
            Some(v) => {
                memory::try_grow(&mut cells, v.len())
                    .map_err(|_| Error::new(IoErrorKind::MemoryError, ""))?;
                cells.extend(
                    v.iter()
                        .map(|s| python_f64(s).unwrap_or(opts.filling_values)),
                );
                rows += 1;
            }
            // Line numbers count from the first line with values.
            None => invalid.push((i - *first_i + opts.skip_header + 1, n)),
        }
    }
    let nbcols = first.as_ref().map_or(0, |f| f.1);
    let mut warnings = Vec::new();
    if first.is_none() {
        warnings.push(Warning {
            category: "UserWarning",
            message: format!(
                "genfromtxt: Empty input file: \"{}\"",
                path.to_string_lossy()
            ),
        });
    }
    if !invalid.is_empty() {
        let mut msg = String::from("Some errors were detected !");
        for (line, n) in invalid {
            msg.push_str(&format!(
                "\n    Line #{line} (got {n} columns instead of {nbcols})"
            ));
        }
        return Err(Error::value(msg));
    }
    // An empty file gives shape (0,); otherwise rows × columns, squeezed.
    let shape = if rows == 0 {
        vec![0]
    } else {
        ndmin_shape(&[rows, nbcols], 0)
    };
    cells.shrink_to_fit();
    let array = Array::from_vec(&shape, cells).expect("cells match the shape");
    Ok(Loaded { array, warnings })
}
