//! The pandas library against real pandas 2.3.3: every case of
//! `tests/fixtures/pandas.jsonl` (made by `tests/fixtures/gen_pandas.py`)
//! reads a CSV with the same keywords, applies the same pipeline and must
//! print exactly what pandas printed (or raise the same error).

use std::path::Path;

use crate::common;
use gradlab::pandas::{
    BinOp, Cell, Column, ColumnRef, CsvOptions, DataFrame, Header, Label, NdArray, Sep, Series,
    SkipRows, read_csv,
};
use serde_json::Value as Json;

/// What a pipeline step produced.
enum Obj {
    Frame(DataFrame),
    Series(Series),
    Cell(Cell),
    Array(NdArray),
    Text(String),
    Repr(String),
}

fn label(j: &Json) -> Label {
    match j {
        Json::String(s) => Label::Str(s.clone()),
        Json::Number(n) if n.is_i64() => Label::Int(n.as_i64().unwrap()),
        Json::Number(n) => Label::Float(n.as_f64().unwrap()),
        other => panic!("label {other}"),
    }
}

fn cell(j: &Json) -> Cell {
    match j {
        Json::Number(n) if n.is_i64() => Cell::Int(n.as_i64().unwrap()),
        Json::Number(n) => Cell::Float(n.as_f64().unwrap()),
        Json::String(s) => Cell::Str(s.clone()),
        other => panic!("scalar {other}"),
    }
}

fn array(j: &Json) -> NdArray {
    let items = j.as_array().unwrap();
    let data = if items.iter().all(|v| v.is_i64()) {
        Column::Int(items.iter().map(|v| v.as_i64().unwrap()).collect())
    } else {
        Column::Float(items.iter().map(|v| v.as_f64().unwrap()).collect())
    };
    NdArray {
        shape: vec![items.len()],
        data,
    }
}

fn binop(s: &str) -> BinOp {
    match s {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" => BinOp::Div,
        "//" => BinOp::FloorDiv,
        "%" => BinOp::Mod,
        "**" => BinOp::Pow,
        other => panic!("op {other}"),
    }
}

fn colref(j: &Json) -> ColumnRef {
    match j {
        Json::String(s) => ColumnRef::Name(s.clone()),
        other => ColumnRef::Pos(other.as_u64().unwrap() as usize),
    }
}

fn options(kw: &serde_json::Map<String, Json>) -> CsvOptions {
    let mut o = CsvOptions::default();
    for (k, v) in kw {
        match k.as_str() {
            "sep" if v == r"\s+" => o.sep = Sep::Whitespace,
            "sep" => o.sep = Sep::Char(v.as_str().unwrap().chars().next().unwrap()),
            "decimal" => o.decimal = v.as_str().unwrap().chars().next().unwrap(),
            "comment" => o.comment = v.as_str().unwrap().chars().next(),
            "header" if v.is_null() => o.header = Header::None,
            "header" => o.header = Header::Row(v.as_u64().unwrap() as usize),
            "names" => {
                o.names = Some(
                    v.as_array()
                        .unwrap()
                        .iter()
                        .map(|n| n.as_str().unwrap().to_string())
                        .collect(),
                )
            }
            "usecols" => o.usecols = Some(v.as_array().unwrap().iter().map(colref).collect()),
            "index_col" => o.index_col = Some(colref(v)),
            "nrows" => o.nrows = Some(v.as_u64().unwrap() as usize),
            "skiprows" if v.is_array() => {
                o.skiprows = SkipRows::Lines(
                    v.as_array()
                        .unwrap()
                        .iter()
                        .map(|n| n.as_u64().unwrap() as usize)
                        .collect(),
                )
            }
            "skiprows" => o.skiprows = SkipRows::First(v.as_u64().unwrap() as usize),
            other => panic!("keyword {other}"),
        }
    }
    o
}

fn opt_i64(j: Option<&Json>) -> Option<i64> {
    j.and_then(Json::as_i64)
}

fn apply(obj: Obj, op: &[Json], frame: &DataFrame) -> Result<Obj, gradlab::pandas::Error> {
    let name = op[0].as_str().unwrap();
    let args = &op[1..];
    Ok(match (name, obj) {
        ("repr", o) => o,
        ("col", Obj::Frame(df)) => Obj::Series(df.column(label(&args[0]))?),
        ("cols", Obj::Frame(df)) => {
            let keys: Vec<Label> = args[0].as_array().unwrap().iter().map(label).collect();
            Obj::Frame(df.select(&keys)?)
        }
        ("head", Obj::Frame(df)) => Obj::Frame(df.head(opt_i64(args.first()).unwrap_or(5))),
        ("tail", Obj::Frame(df)) => Obj::Frame(df.tail(opt_i64(args.first()).unwrap_or(5))),
        ("head", Obj::Series(s)) => Obj::Series(s.head(opt_i64(args.first()).unwrap_or(5))),
        ("tail", Obj::Series(s)) => Obj::Series(s.tail(opt_i64(args.first()).unwrap_or(5))),
        ("describe", Obj::Frame(df)) => Obj::Frame(df.describe()?),
        ("describe", Obj::Series(s)) => Obj::Series(s.describe()?),
        ("diff", Obj::Frame(df)) => Obj::Frame(df.diff(1)?),
        ("diff", Obj::Series(s)) => Obj::Series(s.diff(1)?),
        ("dropna", Obj::Frame(df)) => Obj::Frame(df.dropna()),
        ("to_numpy" | "values", Obj::Frame(df)) => Obj::Array(df.to_numpy()),
        ("to_numpy" | "values", Obj::Series(s)) => Obj::Array(s.to_numpy()),
        ("dtypes", Obj::Frame(df)) => Obj::Series(df.dtypes()),
        ("columns", Obj::Frame(df)) => Obj::Repr(df.columns_repr()),
        ("index", Obj::Frame(df)) => Obj::Repr(df.index().repr()),
        ("shape", Obj::Frame(df)) => {
            let (r, c) = df.shape();
            Obj::Repr(format!("({r}, {c})"))
        }
        ("len", Obj::Frame(df)) => Obj::Repr(df.len().to_string()),
        ("iloc", Obj::Frame(df)) => Obj::Frame(df.iloc_slice(
            opt_i64(args.first()),
            opt_i64(args.get(1)),
            opt_i64(args.get(2)),
        )?),
        ("iloc", Obj::Series(s)) => Obj::Series(s.iloc_slice(
            opt_i64(args.first()),
            opt_i64(args.get(1)),
            opt_i64(args.get(2)),
        )?),
        ("iloc_row", Obj::Frame(df)) => Obj::Series(df.iloc_row(args[0].as_i64().unwrap())?),
        ("iloc_row", Obj::Series(s)) => Obj::Cell(s.iloc(args[0].as_i64().unwrap())?),
        ("iloc_at", Obj::Frame(df)) => {
            Obj::Cell(df.iloc_at(args[0].as_i64().unwrap(), args[1].as_i64().unwrap())?)
        }
        ("iloc_col", Obj::Frame(df)) => Obj::Series(df.iloc_col(args[0].as_i64().unwrap())?),
        ("loc", Obj::Frame(df)) => {
            Obj::Frame(df.loc_slice(Some(&label(&args[0])), Some(&label(&args[1])))?)
        }
        ("loc", Obj::Series(s)) => {
            Obj::Series(s.loc_slice(Some(&label(&args[0])), Some(&label(&args[1])))?)
        }
        ("loc_row", Obj::Frame(df)) => Obj::Series(df.loc_row(&label(&args[0]))?),
        ("loc_col", Obj::Frame(df)) => Obj::Series(
            df.loc_slice(Some(&label(&args[0])), Some(&label(&args[1])))?
                .column(label(&args[2]))?,
        ),
        ("loc_at", Obj::Frame(df)) => Obj::Cell(df.loc_at(&label(&args[0]), &label(&args[1]))?),
        ("arith", Obj::Series(s)) => {
            Obj::Series(s.op_scalar(binop(args[0].as_str().unwrap()), &cell(&args[1]), false)?)
        }
        ("rarith", Obj::Series(s)) => {
            Obj::Series(s.op_scalar(binop(args[0].as_str().unwrap()), &cell(&args[1]), true)?)
        }
        ("arith_array", Obj::Series(s)) => {
            Obj::Series(s.op_array(binop(args[0].as_str().unwrap()), &array(&args[1]), false)?)
        }
        ("arith_col", Obj::Series(s)) => Obj::Series(s.op_series(
            binop(args[0].as_str().unwrap()),
            &frame.column(label(&args[1]))?,
        )?),
        ("shift_sub", Obj::Series(s)) => {
            let a = s.iloc_slice(Some(1), None, None)?;
            let b = s.iloc_slice(None, Some(-1), None)?;
            Obj::Series(a.op_series(BinOp::Sub, &b)?)
        }
        ("assign", Obj::Frame(mut df)) => {
            let key = label(&args[0]);
            if args[1].is_array() {
                df.set_column(key, array(&args[1]).data)?;
            } else {
                df.set_scalar(key, &cell(&args[1]))?;
            }
            Obj::Frame(df)
        }
        ("assign_col", Obj::Frame(mut df)) => {
            let s = df.column(label(&args[1]))?.op_scalar(
                binop(args[2].as_str().unwrap()),
                &cell(&args[3]),
                false,
            )?;
            df.set_column(label(&args[0]), s.values().clone())?;
            Obj::Frame(df)
        }
        ("to_csv", Obj::Frame(df)) => Obj::Text(df.to_csv_string(args[0].as_bool().unwrap())),
        (other, _) => panic!("op {other}"),
    })
}

/// Python's repr of a scalar cell.
fn cell_repr(c: &Cell) -> String {
    match c {
        Cell::Str(s) => format!("'{s}'"),
        other => other.py_str(),
    }
}

fn nd_json(a: &NdArray) -> (String, Vec<Json>) {
    let values = a
        .data
        .cells()
        .iter()
        .map(|c| match c {
            Cell::Int(i) => Json::from(*i),
            Cell::Float(x) if x.is_nan() => Json::Null,
            Cell::Float(x) => Json::from(*x),
            Cell::Bool(b) => Json::from(*b),
            Cell::Str(s) => Json::from(s.clone()),
        })
        .collect();
    (a.data.dtype().name().to_string(), values)
}

#[test]
fn pandas_cases_match_real_pandas() {
    let text = include_str!("fixtures/pandas.jsonl");
    let mut lines = text.lines();
    let files: Json = serde_json::from_str(lines.next().unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files["files"].as_object().unwrap() {
        std::fs::write(dir.path().join(name), body.as_str().unwrap()).unwrap();
    }
    let mut failures = Vec::new();
    let mut count = 0;
    for line in lines {
        count += 1;
        let case: Json = serde_json::from_str(line).unwrap();
        let file = case["file"].as_str().unwrap();
        let opts = options(case["kw"].as_object().unwrap());
        let ops = case["ops"].as_array().unwrap();
        let result = read_csv(&dir.path().join(file), &opts).and_then(|df| {
            let frame = df.clone();
            let mut obj = Obj::Frame(df);
            for op in ops {
                obj = apply(obj, op.as_array().unwrap(), &frame)?;
            }
            Ok(obj)
        });
        let (got, want) = match (&result, case.get("error")) {
            (Err(e), Some(want)) => {
                // The path in a FileNotFoundError is the one given.
                let got = e
                    .to_string()
                    .replace(&format!("{}/", dir.path().display()), "");
                (got, want.as_str().unwrap().to_string())
            }
            (Err(e), None) => (format!("error {e}"), format!("{case}")),
            (Ok(obj), _) => {
                let got = match obj {
                    Obj::Frame(df) => df.to_string(),
                    Obj::Series(s) => s.to_string(),
                    Obj::Repr(r) | Obj::Text(r) => r.clone(),
                    Obj::Cell(c) => cell_repr(c),
                    Obj::Array(a) => format!("{:?}", (nd_json(a), &a.shape)),
                };
                let want = if let Some(r) = case.get("repr").or(case.get("text")) {
                    r.as_str().unwrap().to_string()
                } else if let Some(s) = case.get("scalar") {
                    s.as_str().unwrap().to_string()
                } else if let Some(d) = case.get("dtype") {
                    let shape = common::usizes(&case["shape"]);
                    let values = case["values"].as_array().unwrap().clone();
                    format!("{:?}", ((d.as_str().unwrap().to_string(), values), &shape))
                } else {
                    format!("{case}")
                };
                (got, want)
            }
        };
        if got != want {
            failures.push(format!(
                "{file} {} {}\n--- pandas\n{want}\n--- gradlab\n{got}\n",
                case["kw"], case["ops"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn missing_file_names_the_path_as_given() {
    let err = read_csv(Path::new("no/such.csv"), &CsvOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "FileNotFoundError: [Errno 2] No such file or directory: 'no/such.csv'"
    );
}
