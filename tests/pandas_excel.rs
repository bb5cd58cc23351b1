//! `read_excel` against real pandas 2.3.3 on the same cells as .xlsx
//! (written here with rust_xlsxwriter), .xls and .ods (fixtures written by
//! `tests/fixtures/gen_pandas_excel.py`, which also recorded pandas'
//! output in `tests/fixtures/pandas_excel.jsonl`); and unreadable files as
//! clear errors.

use std::path::{Path, PathBuf};

use gradlab::pandas::{
    ColumnRef, ExcelOptions, Header, SheetSelector, SkipRows, read_excel, read_excel_sheets,
};
use rust_xlsxwriter::Workbook;
use serde_json::Value as Json;

fn fixtures() -> (Json, Vec<Json>) {
    let text = include_str!("fixtures/pandas_excel.jsonl");
    let mut lines = text
        .lines()
        .map(|l| serde_json::from_str::<Json>(l).unwrap());
    let head = lines.next().unwrap();
    (head, lines.collect())
}

/// The sheets of the fixture as an .xlsx file.
fn write_xlsx(sheets: &Json, path: &Path) {
    let mut book = Workbook::new();
    for (name, rows) in sheets.as_object().unwrap() {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        for (r, row) in rows.as_array().unwrap().iter().enumerate() {
            for (c, v) in row.as_array().unwrap().iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    Json::String(s) => {
                        sheet.write_string(r, c, s).unwrap();
                    }
                    Json::Number(n) => {
                        sheet.write_number(r, c, n.as_f64().unwrap()).unwrap();
                    }
                    _ => {}
                }
            }
        }
    }
    book.save(path).unwrap();
}

fn options(kw: &serde_json::Map<String, Json>) -> ExcelOptions {
    let mut o = ExcelOptions::default();
    for (k, v) in kw {
        match k.as_str() {
            "sheet_name" if v.is_null() => o.sheet_name = SheetSelector::All,
            "sheet_name" if v.is_string() => {
                o.sheet_name = SheetSelector::Name(v.as_str().unwrap().into())
            }
            "sheet_name" => o.sheet_name = SheetSelector::Index(v.as_u64().unwrap() as usize),
            "usecols" => {
                o.usecols = Some(
                    v.as_array()
                        .unwrap()
                        .iter()
                        .map(|n| ColumnRef::Name(n.as_str().unwrap().into()))
                        .collect(),
                )
            }
            "nrows" => o.nrows = Some(v.as_u64().unwrap() as usize),
            "skiprows" => o.skiprows = SkipRows::First(v.as_u64().unwrap() as usize),
            "header" => o.header = Header::None,
            "index_col" => o.index_col = Some(ColumnRef::Pos(v.as_u64().unwrap() as usize)),
            other => panic!("keyword {other}"),
        }
    }
    o
}

#[test]
fn xlsx_xls_and_ods_read_as_pandas_reads_them() {
    let (head, cases) = fixtures();
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("lab.xlsx");
    write_xlsx(&head["sheets"], &xlsx);
    let fixture_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/excel");
    let mut failures = Vec::new();
    for case in &cases {
        let kind = case["kind"].as_str().unwrap();
        let path = match kind {
            "xlsx" => xlsx.clone(),
            "lesson" => {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sessions/data/falling.xlsx")
            }
            other => fixture_dir.join(format!("lab.{other}")),
        };
        let got = match read_excel_sheets(&path, &options(case["kw"].as_object().unwrap())) {
            Ok(sheets) if case["kw"].get("sheet_name").is_some_and(Json::is_null) => sheets
                .iter()
                .map(|(name, df)| format!("{name}\n{df}"))
                .collect::<Vec<_>>()
                .join("\n"),
            Ok(mut sheets) => sheets.pop().unwrap().1.to_string(),
            Err(e) => e.to_string(),
        };
        let want = case
            .get("repr")
            .or(case.get("error"))
            .unwrap()
            .as_str()
            .unwrap();
        if got != want {
            failures.push(format!(
                "{kind} {}\n--- pandas\n{want}\n--- gradlab\n{got}",
                case["kw"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_sheet_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lab.xlsx");
    write_xlsx(&fixtures().0["sheets"], &path);
    let opts = ExcelOptions {
        sheet_name: SheetSelector::All,
        ..ExcelOptions::default()
    };
    let sheets = read_excel_sheets(&path, &opts).unwrap();
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["drop", "meta"]);
    assert_eq!(sheets[1].1.shape(), (3, 2));
}

#[test]
fn dates_are_text_and_letters_pick_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dates.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(0, 0, "day").unwrap();
    sheet.write_string(0, 1, "skip").unwrap();
    sheet.write_string(0, 2, "temp").unwrap();
    for (r, (serial, temp)) in [(45292.0, 3.5), (45293.0, 4.0)].iter().enumerate() {
        let r = r as u32 + 1;
        sheet
            .write_number_with_format(r, 0, *serial, &format)
            .unwrap();
        sheet.write_number(r, 1, 0.0).unwrap();
        sheet.write_number(r, 2, *temp).unwrap();
    }
    book.save(&path).unwrap();
    let opts = ExcelOptions {
        usecols: Some(ExcelOptions::usecols_letters("A,C").unwrap()),
        ..ExcelOptions::default()
    };
    let df = read_excel(&path, &opts).unwrap();
    assert_eq!(
        df.to_string(),
        "          day  temp\n0  2024-01-01   3.5\n1  2024-01-02   4.0"
    );
}

#[test]
fn unreadable_files_are_errors_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.xlsx");
    write_xlsx(&fixtures().0["sheets"], &good);
    let bytes = std::fs::read(&good).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "text.xlsx",
            b"just some text".to_vec(),
            "ValueError: Excel file format cannot be determined, you must specify an engine manually.",
        ),
        (
            "cut.xlsx",
            bytes[..bytes.len() / 2].to_vec(),
            "ValueError: 'DIR/cut.xlsx' is not a readable spreadsheet",
        ),
        (
            "ole.xls",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 then nothing useful".to_vec(),
            "ValueError: 'DIR/ole.xls' is not a readable spreadsheet",
        ),
        (
            "empty.ods",
            Vec::new(),
            "ValueError: Excel file format cannot be determined",
        ),
    ];
    for (name, content, want) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let err = read_excel(&path, &ExcelOptions::default())
            .unwrap_err()
            .to_string();
        let err = err.replace(&dir.path().display().to_string(), "DIR");
        assert!(err.starts_with(want), "{name}: {err}");
    }
    let missing = read_excel(Path::new("nope.xlsx"), &ExcelOptions::default()).unwrap_err();
    assert_eq!(
        missing.to_string(),
        "FileNotFoundError: [Errno 2] No such file or directory: 'nope.xlsx'"
    );
}
