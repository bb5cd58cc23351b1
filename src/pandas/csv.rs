//! `pd.read_csv` (the options tutorials use) and `DataFrame.to_csv`.

use std::path::Path;

use super::column::{Cell, Column, Label};
use super::frame::DataFrame;
use super::table::{self, Layout, Raw};
use super::{Error, ErrorKind, Result, pyfmt};

pub use super::table::{ColumnRef, Header};

/// The field separator.
#[derive(Clone, Debug, PartialEq)]
pub enum Sep {
    Char(char),
    /// `sep=r"\s+"` (or `delim_whitespace=True`): runs of spaces and tabs.
    Whitespace,
}

/// Which lines `skiprows=` drops.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum SkipRows {
    #[default]
    None,
    /// The first n lines.
    First(usize),
    /// These 0-based line numbers.
    Lines(Vec<usize>),
}

/// `pd.read_csv` keywords.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvOptions {
    pub sep: Sep,
    pub header: Header,
    pub names: Option<Vec<String>>,
    pub usecols: Option<Vec<ColumnRef>>,
    pub index_col: Option<ColumnRef>,
    pub skiprows: SkipRows,
    pub nrows: Option<usize>,
    pub comment: Option<char>,
    pub decimal: char,
}

impl Default for CsvOptions {
    fn default() -> CsvOptions {
        CsvOptions {
            sep: Sep::Char(','),
            header: Header::Infer,
            names: None,
            usecols: None,
            index_col: None,
            skiprows: SkipRows::None,
            nrows: None,
            comment: None,
            decimal: '.',
        }
    }
}

/// `pd.read_csv(path, ...)`.
///
/// # Errors
/// `FileNotFoundError: [Errno 2] No such file or directory: 'x.csv'` and
/// the other I/O errors as Python words them; `ParserError` for a row with
/// too many fields; `EmptyDataError` for an empty file; `ValueError` for
/// `usecols`/`index_col` naming a missing column.
pub fn read_csv(path: &Path, opts: &CsvOptions) -> Result<DataFrame> {
    let bytes = crate::io::read_bytes(path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let pos = e.utf8_error().valid_up_to();
        let byte = e.as_bytes().get(pos).copied().unwrap_or(0);
        Error::new(
            ErrorKind::ValueError,
            format!(
                "'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: invalid start byte"
            ),
        )
    })?;
    read_csv_str(&text, opts)
}

/// `pd.read_csv(io.StringIO(text), ...)`.
pub fn read_csv_str(text: &str, opts: &CsvOptions) -> Result<DataFrame> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let skipped = match &opts.skiprows {
            SkipRows::None => false,
            SkipRows::First(k) => n < *k,
            SkipRows::Lines(lines) => lines.contains(&n),
        };
        if skipped {
            continue;
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        let fields = split_line(line, &opts.sep, opts.comment);
        // Blank lines, and lines that are all comment, are skipped.
        if fields.len() == 1 && fields[0].is_empty() || fields.is_empty() {
            continue;
        }
        let raws = fields
            .into_iter()
            .map(|f| {
                if f.is_empty() {
                    Raw::Empty
                } else {
                    Raw::Text(f)
                }
            })
            .collect();
        rows.push((n + 1, raws));
    }
    let layout = Layout {
        header: opts.header.clone(),
        names: opts.names.clone(),
        usecols: opts.usecols.clone(),
        index_col: opts.index_col.clone(),
        nrows: opts.nrows,
        decimal: Some(opts.decimal),
    };
    table::build(rows, &layout)
}

/// One line's fields: quotes (`"a, b"`, `""` for a quote) protect
/// separators and the comment character, which ends the line elsewhere.
fn split_line(line: &str, sep: &Sep, comment: Option<char>) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    let whitespace = *sep == Sep::Whitespace;
    if whitespace {
        while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
    }
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.next_if_eq(&'"').is_some() {
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        if Some(c) == comment {
            break;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ' ' | '\t' if whitespace => {
                while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
                if chars.peek().is_some_and(|&c| Some(c) != comment) {
                    fields.push(std::mem::take(&mut field));
                }
            }
            c if *sep == Sep::Char(c) => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    if !whitespace || !field.is_empty() || fields.is_empty() {
        fields.push(field);
    }
    fields
}

/// A field as Python's csv writer quotes it (QUOTE_MINIMAL).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A value as `to_csv` writes it: NaN empty, floats as `repr`.
fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Float(x) if x.is_nan() => String::new(),
        Cell::Float(x) => pyfmt::repr(*x),
        other => csv_field(&other.py_str()),
    }
}

/// `df.to_csv(index=...)` as text: a header line, then one line per row.
pub(crate) fn to_csv(df: &DataFrame, index: bool) -> String {
    let mut out = String::new();
    let mut header: Vec<String> = Vec::new();
    if index {
        header.push(
            df.index
                .name
                .as_ref()
                .map_or(String::new(), |n| csv_field(&n.to_string())),
        );
    }
    header.extend(df.labels.iter().map(|l: &Label| csv_field(&l.to_string())));
    out.push_str(&header.join(","));
    out.push('\n');
    for r in 0..df.len() {
        let mut fields: Vec<String> = Vec::new();
        if index {
            fields.push(cell_text(&df.index.cell(r)));
        }
        fields.extend(df.columns.iter().map(|c: &Column| cell_text(&c.get(r))));
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// `df.to_csv(path, index=...)`: written atomically (a temporary file in
/// the same directory, renamed over the target).
///
/// # Errors
/// Python's `FileNotFoundError`/`PermissionError` wording when the
/// directory is missing or not writable.
pub fn write_csv(df: &DataFrame, path: &Path, index: bool) -> Result<()> {
    Ok(crate::io::write_bytes(path, to_csv(df, index).as_bytes())?)
}
