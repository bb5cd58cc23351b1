//! `pd.read_excel` for .xlsx, .xls and .ods through calamine, with the
//! cells pandas' readers would produce (whole numbers as int, empty cells
//! NaN) and its errors for unreadable files.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Sheets, open_workbook_from_rs};

use super::column::Cell;
use super::csv::SkipRows;
use super::frame::DataFrame;
use super::table::{self, ColumnRef, Header, Layout, Raw};
use super::{Error, ErrorKind, Result};

/// `sheet_name=`: a position, a name, or every sheet (`None`).
#[derive(Clone, Debug, PartialEq)]
pub enum SheetSelector {
    Index(usize),
    Name(String),
    All,
}

/// `pd.read_excel` keywords.
#[derive(Clone, Debug, PartialEq)]
pub struct ExcelOptions {
    pub sheet_name: SheetSelector,
    pub header: Header,
    pub names: Option<Vec<String>>,
    /// Columns by name or position (`"A:C"` letters are turned into
    /// positions by [`ExcelOptions::usecols_letters`]).
    pub usecols: Option<Vec<ColumnRef>>,
    pub index_col: Option<ColumnRef>,
    pub skiprows: SkipRows,
    pub nrows: Option<usize>,
}

impl Default for ExcelOptions {
    fn default() -> ExcelOptions {
        ExcelOptions {
            sheet_name: SheetSelector::Index(0),
            header: Header::Row(0),
            names: None,
            usecols: None,
            index_col: None,
            skiprows: SkipRows::None,
            nrows: None,
        }
    }
}

impl ExcelOptions {
    /// `usecols="A:C,E"`: Excel column letters and ranges as positions.
    ///
    /// # Errors
    /// `ValueError` for anything but letters, commas and colons.
    pub fn usecols_letters(spec: &str) -> Result<Vec<ColumnRef>> {
        let letter = |s: &str| -> Result<usize> {
            let s = s.trim();
            if s.is_empty() || !s.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(Error::new(
                    ErrorKind::ValueError,
                    format!("Invalid column name: {s}"),
                ));
            }
            Ok(s.to_ascii_uppercase()
                .bytes()
                .fold(0usize, |acc, b| acc * 26 + usize::from(b - b'A' + 1))
                - 1)
        };
        let mut out = Vec::new();
        for part in spec.split(',') {
            match part.split_once(':') {
                Some((a, b)) => out.extend((letter(a)?..=letter(b)?).map(ColumnRef::Pos)),
                None => out.push(ColumnRef::Pos(letter(part)?)),
            }
        }
        Ok(out)
    }
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Opens the workbook by its content, as pandas chooses an engine.
fn open(path: &Path) -> Result<Sheets<Cursor<Vec<u8>>>> {
    let shown = path.to_string_lossy();
    let bytes = crate::io::read_bytes(path)?;
    let unreadable = |e: &dyn std::fmt::Display| {
        let text = e.to_string();
        if text.contains("password protected") {
            Error::new(
                ErrorKind::ValueError,
                format!(
                    "Workbook is password protected: {}; save a copy without a password to read it",
                    super::pyfmt::quote(&shown)
                ),
            )
        } else {
            Error::new(
                ErrorKind::ValueError,
                format!(
                    "{} is not a readable spreadsheet: {text}",
                    super::pyfmt::quote(&shown)
                ),
            )
        }
    };
    if bytes.starts_with(ZIP) {
        let is_ods = bytes
            .windows(46)
            .take(200)
            .any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet");
        return if is_ods {
            open_workbook_from_rs(Cursor::new(bytes))
                .map(Sheets::Ods)
                .map_err(|e| unreadable(&e))
        } else {
            open_workbook_from_rs(Cursor::new(bytes))
                .map(Sheets::Xlsx)
                .map_err(|e| unreadable(&e))
        };
    }
    if bytes.starts_with(OLE) {
        // An OLE file is an old .xls, or an encrypted .xlsx (which the
        // xlsx reader recognises and reports as password protected).
        return match open_workbook_from_rs(Cursor::new(bytes.clone())) {
            Ok(xls) => Ok(Sheets::Xls(xls)),
            Err(xls_err) => match open_workbook_from_rs(Cursor::new(bytes)) {
                Ok(xlsx) => Ok(Sheets::Xlsx(xlsx)),
                Err(calamine::XlsxError::Password) => Err(unreadable(&"password protected")),
                Err(_) => Err(unreadable(&xls_err)),
            },
        };
    }
    Err(Error::new(
        ErrorKind::ValueError,
        "Excel file format cannot be determined, you must specify an engine manually.",
    ))
}

/// `pd.read_excel(path, sheet_name=0 or "name", ...)`: one sheet.
///
/// # Errors
/// The I/O errors as Python words them; `ValueError` for an unknown
/// format, a corrupt or password-protected file, a missing sheet; the
/// table errors of [`super::read_csv`].
pub fn read_excel(path: &Path, opts: &ExcelOptions) -> Result<DataFrame> {
    let mut sheets = read_excel_sheets(path, opts)?;
    sheets
        .pop()
        .map(|(_, df)| df)
        .ok_or_else(|| Error::new(ErrorKind::ValueError, "the workbook has no sheets"))
}

/// `pd.read_excel(path, sheet_name=None)`: every sheet (name, frame) in
/// order; with a single selector, just that one.
pub fn read_excel_sheets(path: &Path, opts: &ExcelOptions) -> Result<Vec<(String, DataFrame)>> {
    let mut book = open(path)?;
    let names = book.sheet_names();
    let chosen: Vec<String> = match &opts.sheet_name {
        SheetSelector::All => names.clone(),
        SheetSelector::Index(i) => vec![names.get(*i).cloned().ok_or_else(|| {
            Error::new(
                ErrorKind::ValueError,
                format!(
                    "Worksheet index {i} is invalid, {} worksheets found",
                    names.len()
                ),
            )
        })?],
        SheetSelector::Name(n) => {
            if !names.contains(n) {
                return Err(Error::new(
                    ErrorKind::ValueError,
                    format!("Worksheet named {} not found", super::pyfmt::quote(n)),
                ));
            }
            vec![n.clone()]
        }
    };
    let mut out = Vec::new();
    for name in chosen {
        let range = book.worksheet_range(&name).map_err(|e| {
            Error::new(
                ErrorKind::ValueError,
                format!("cannot read sheet {name:?}: {e}"),
            )
        })?;
        out.push((name, sheet_frame(&range, opts)?));
    }
    Ok(out)
}

fn sheet_frame(range: &calamine::Range<Data>, opts: &ExcelOptions) -> Result<DataFrame> {
    // pandas sees the sheet from A1: leading empty columns are columns.
    let (row0, col0) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows = Vec::new();
    for (k, row) in range.rows().enumerate() {
        let line = row0 + k;
        let skipped = match &opts.skiprows {
            SkipRows::None => false,
            SkipRows::First(n) => line < *n,
            SkipRows::Lines(lines) => lines.contains(&line),
        };
        let mut raws: Vec<Raw> = vec![Raw::Empty; col0];
        raws.extend(row.iter().map(raw));
        while raws.last() == Some(&Raw::Empty) {
            raws.pop();
        }
        // Blank rows are dropped, as pandas' parser skips blank lines.
        if skipped || raws.is_empty() {
            continue;
        }
        rows.push((line + 1, raws));
    }
    let layout = Layout {
        header: opts.header.clone(),
        names: opts.names.clone(),
        usecols: opts.usecols.clone(),
        index_col: opts.index_col.clone(),
        nrows: opts.nrows,
        decimal: None,
    };
    table::build(rows, &layout)
}

/// A spreadsheet cell as pandas' Excel readers hand it on: whole numbers
/// as int, dates as text (see README: pandas would make datetime64).
fn raw(d: &Data) -> Raw {
    match d {
        Data::Empty => Raw::Empty,
        Data::Int(i) => Raw::Value(Cell::Int(*i)),
        Data::Float(x) => {
            if x.fract() == 0.0 && x.abs() < 9.2e18 {
                Raw::Value(Cell::Int(*x as i64))
            } else {
                Raw::Value(Cell::Float(*x))
            }
        }
        Data::Bool(b) => Raw::Value(Cell::Bool(*b)),
        Data::String(s) => Raw::Text(s.clone()),
        Data::DateTime(dt) if dt.is_datetime() => Raw::Value(Cell::Str(serial_date(dt.as_f64()))),
        Data::DateTime(dt) => Raw::Value(Cell::Float(dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Raw::Value(Cell::Str(s.replace('T', " "))),
        Data::Error(e) => Raw::Text(e.to_string()),
    }
}

/// An Excel serial date (1900 system) as pandas prints a Timestamp:
/// `2024-03-01` at midnight, `2024-03-01 10:30:00` otherwise.
fn serial_date(serial: f64) -> String {
    let secs = (serial * 86400.0).round() as i64;
    let (days, sod) = (secs.div_euclid(86400), secs.rem_euclid(86400));
    // Serial 60 is Excel's phantom 1900-02-29; before it, dates are a day off.
    let days = if days < 61 { days + 1 } else { days };
    let (y, m, d) = civil_from_days(days - 25569);
    let date = format!("{y:04}-{m:02}-{d:02}");
    if sod == 0 {
        date
    } else {
        format!(
            "{date} {:02}:{:02}:{:02}",
            sod / 3600,
            sod / 60 % 60,
            sod % 60
        )
    }
}

/// Days since 1970-01-01 → (year, month, day) (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serial_dates() {
        assert_eq!(serial_date(45292.0), "2024-01-01");
        assert_eq!(serial_date(45292.4375), "2024-01-01 10:30:00");
        assert_eq!(serial_date(1.0), "1900-01-01");
    }

    #[test]
    fn column_letters() {
        let cols = ExcelOptions::usecols_letters("A:C,E").unwrap();
        assert_eq!(cols, [0, 1, 2, 4].map(ColumnRef::Pos).to_vec());
        assert!(ExcelOptions::usecols_letters("A:1").is_err());
    }
}
