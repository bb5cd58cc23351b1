//! `np.genfromtxt` for float64 data (NumPy 2.x): missing or unparsable
//! cells become `filling_values` (NaN by default).

use super::fs::read_text;
use super::parse::python_f64;
use super::text::{lines, ndmin_shape};
use super::{Error, Loaded, Warning};
use crate::array::Array;
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
    let text = read_text(path)?;
    let mut all = lines(&text).skip(opts.skip_header);
    let mut warnings = Vec::new();
    // NumPy's `first_line`: the first line with any values.
    let mut first = None;
    for line in all.by_ref() {
        let values = split_line(line, opts);
        if !values.is_empty() {
            first = Some((line, values));
            break;
        }
    }
    let first_len = first.as_ref().map_or(0, |(_, v)| v.len());
    if first.is_none() {
        warnings.push(Warning {
            category: "UserWarning",
            message: format!(
                "genfromtxt: Empty input file: \"{}\"",
                path.to_string_lossy()
            ),
        });
    }
    let usecols: Option<Vec<i64>> = opts.usecols.as_ref().map(|u| {
        u.iter()
            .map(|&c| if c < 0 { c + first_len as i64 } else { c })
            .collect()
    });
    let nbcols = usecols.as_ref().map_or(first_len, Vec::len);
    let mut cells = Vec::new();
    let mut rows = 0;
    let mut invalid = Vec::new();
    let rest = first.map(|(line, _)| line).into_iter().chain(all);
    for (i, line) in rest.enumerate() {
        let values = split_line(line, opts);
        let n = values.len();
        if n == 0 {
            continue;
        }
        let picked: Option<Vec<&str>> = match &usecols {
            Some(u) => u
                .iter()
                .map(|&c| {
                    // Python indexing: a still-negative index counts from the end
                    let c = if c < 0 { c + n as i64 } else { c };
                    usize::try_from(c).ok().and_then(|c| values.get(c).copied())
                })
                .collect(),
            None if n == nbcols => Some(values),
            None => None,
        };
        match picked {
            Some(v) => {
                cells.extend(
                    v.iter()
                        .map(|s| python_f64(s).unwrap_or(opts.filling_values)),
                );
                rows += 1;
            }
            None => invalid.push((i + opts.skip_header + 1, n)),
        }
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
    let array = Array::from_vec(&shape, cells).expect("cells match the shape");
    Ok(Loaded { array, warnings })
}
