//! gradlab's data files against NumPy 2.4.
//!
//! Expected values and messages are NumPy's, printed by the committed
//! scripts `tests/fixtures/loadtxt_reference.py`,
//! `tests/fixtures/savetxt_reference.py` and
//! `tests/fixtures/npy/make_fixtures.py` (which also wrote the `.npy`
//! fixtures), e.g. `np.loadtxt(path, delimiter=",", ...)` →
//! `(shape, [repr(v) for v in a.ravel()])` or `"ValueError: ..."`.

use gradlab::array::{Array, DType};
use gradlab::io::{
    GenFromTxtOptions, LoadTxtOptions, SaveFmt, SaveTxtOptions, genfromtxt, load_npy, loadtxt,
    save_npy, savetxt, savetxt_string,
};
use gradlab::numdiff::py_float_repr;
use std::path::{Path, PathBuf};

type Expect = Result<(&'static [usize], &'static [&'static str]), &'static str>;

/// (contents, delimiter, skiprows, usecols, comments, dtype, max_rows,
/// unpack, ndmin, result, warnings' first 40 characters).
#[rustfmt::skip]
#[allow(clippy::type_complexity)]
const LOADTXT: &[(&str, Option<&str>, usize, Option<&[i64]>, Option<&str>, &str, Option<usize>, bool, usize, Expect, &[&str])] = &[
    ("1,2,3\n4,5,6\n", Some(","), 0, None, Some("#"), "float64", None, false, 0, Ok((&[2, 3], &["1.0", "2.0", "3.0", "4.0", "5.0", "6.0"])), &[]),
    ("1,2,3\n4,5,6\n7,abc,9\n", Some(","), 0, None, Some("#"), "float64", None, false, 0, Err("ValueError: could not convert string 'abc' to float64 at row 2, column 2."), &[]),
    ("# c\n1,2,3\n4,5,6\n7,8,9\n1,2\n", Some(","), 0, None, Some("#"), "float64", None, false, 0, Err("ValueError: the number of columns changed from 3 to 2 at row 4; use `usecols` to select a subset and avoid this error"), &[]),
    ("", Some(","), 0, None, Some("#"), "float64", None, false, 0, Ok((&[0], &[])), &["loadtxt: input contained no data: \"/tmp/"]),
    ("# only\n# comments\n", None, 0, None, Some("#"), "float64", None, false, 0, Ok((&[0], &[])), &["loadtxt: input contained no data: \"/tmp/"]),
    ("1\n2\n3\n", None, 0, None, Some("#"), "float64", None, false, 0, Ok((&[3], &["1.0", "2.0", "3.0"])), &[]),
    ("1 2 3\n", None, 0, None, Some("#"), "float64", None, false, 0, Ok((&[3], &["1.0", "2.0", "3.0"])), &[]),
    ("1 2 3\n", None, 0, None, Some("#"), "float64", None, false, 2, Ok((&[1, 3], &["1.0", "2.0", "3.0"])), &[]),
    ("1\n2\n", None, 0, None, Some("#"), "float64", None, false, 2, Ok((&[2, 1], &["1.0", "2.0"])), &[]),
    ("5\n", None, 0, None, Some("#"), "float64", None, false, 0, Ok((&[], &["5.0"])), &[]),
    ("5\n", None, 0, None, Some("#"), "float64", None, false, 1, Ok((&[1], &["5.0"])), &[]),
    ("", None, 0, None, Some("#"), "float64", None, false, 2, Ok((&[0, 1], &[])), &["loadtxt: input contained no data: \"/tmp/"]),
    ("  1  2\t3 \n4 5 6  # comment\n\n7 8 9\n", None, 0, None, Some("#"), "float64", None, false, 0, Ok((&[3, 3], &["1.0", "2.0", "3.0", "4.0", "5.0", "6.0", "7.0", "8.0", "9.0"])), &[]),
    ("a,b,c\n1,2,3\n4,5,6\n", Some(","), 1, None, Some("#"), "float64", None, false, 0, Ok((&[2, 3], &["1.0", "2.0", "3.0", "4.0", "5.0", "6.0"])), &[]),
    ("1,2,3\n4,5,6\n", Some(","), 0, Some(&[0, 2]), Some("#"), "float64", None, false, 0, Ok((&[2, 2], &["1.0", "3.0", "4.0", "6.0"])), &[]),
    ("1,2,3\n4,5,6\n", Some(","), 0, Some(&[-1]), Some("#"), "float64", None, false, 0, Ok((&[2], &["3.0", "6.0"])), &[]),
    ("1,2,3\n4,5,6\n", Some(","), 0, Some(&[5]), Some("#"), "float64", None, false, 0, Err("ValueError: invalid column index 5 at row 1 with 3 columns"), &[]),
    ("1,2,3\n4,5,6\n7,8,9\n1,2\n", Some(","), 0, Some(&[0, 1]), Some("#"), "float64", None, false, 0, Ok((&[4, 2], &["1.0", "2.0", "4.0", "5.0", "7.0", "8.0", "1.0", "2.0"])), &[]),
    ("1,2,3\n4,5,6\n", Some(","), 0, None, Some("#"), "float64", None, true, 0, Ok((&[3, 2], &["1.0", "4.0", "2.0", "5.0", "3.0", "6.0"])), &[]),
    ("1,2,3\n4,5,6\n", Some(","), 0, None, Some("#"), "float64", Some(1), false, 0, Ok((&[3], &["1.0", "2.0", "3.0"])), &[]),
    ("#x\n1 2\n#y\n3 4\n5 6\n", None, 0, None, Some("#"), "float64", Some(2), false, 0, Ok((&[2, 2], &["1.0", "2.0", "3.0", "4.0"])), &["Input line 1 contained no data and will "]),
    ("1 2\n3 4\n", None, 0, None, Some("#"), "int64", None, false, 0, Ok((&[2, 2], &["1", "2", "3", "4"])), &[]),
    ("1.5 2\n3 4\n", None, 0, None, Some("#"), "int64", None, false, 0, Err("ValueError: could not convert string '1.5' to int64 at row 0, column 1."), &[]),
    ("0 1\n2 -1\n", None, 0, None, Some("#"), "bool", None, false, 0, Ok((&[2, 2], &["False", "True", "True", "True"])), &[]),
    ("1, 2, 3\n 4 ,5,6\n", Some(","), 0, None, Some("#"), "float64", None, false, 0, Ok((&[2, 3], &["1.0", "2.0", "3.0", "4.0", "5.0", "6.0"])), &[]),
    ("1,2\r\n3,4\r\n", Some(","), 0, None, Some("#"), "float64", None, false, 0, Ok((&[2, 2], &["1.0", "2.0", "3.0", "4.0"])), &[]),
    ("1,2\r3,4\r", Some(","), 0, None, Some("#"), "float64", None, false, 0, Ok((&[2, 2], &["1.0", "2.0", "3.0", "4.0"])), &[]),
    ("nan,inf,-inf\n1e3,-0,+5\n", Some(","), 0, None, Some("#"), "float64", None, false, 0, Ok((&[2, 3], &["nan", "inf", "-inf", "1000.0", "-0.0", "5.0"])), &[]),
    ("1,2\n   \n3,4\n", Some(","), 0, None, Some("#"), "float64", None, false, 0, Err("ValueError: the number of columns changed from 2 to 1 at row 2; use `usecols` to select a subset and avoid this error"), &[]),
    ("1,2,\n", Some(","), 0, None, Some("#"), "float64", None, false, 0, Err("ValueError: could not convert string '' to float64 at row 0, column 3."), &[]),
    ("1,2 // x\n3,4\n", Some(","), 0, None, Some("//"), "float64", None, false, 0, Ok((&[2, 2], &["1.0", "2.0", "3.0", "4.0"])), &[]),
    ("1;2\n3;4\n", Some(";"), 0, None, Some("#"), "float64", None, false, 0, Ok((&[2, 2], &["1.0", "2.0", "3.0", "4.0"])), &[]),
    ("1::2\n", Some("::"), 0, None, Some("#"), "float64", None, false, 0, Err("TypeError: Text reading control character must be a single unicode character or None; but got: '::'"), &[]),
    ("1, abc ,3\n", Some(","), 0, None, Some("#"), "float64", None, false, 0, Err("ValueError: could not convert string ' abc ' to float64 at row 0, column 2."), &[]),
    ("1 2 3\n4 x 6\n", None, 0, Some(&[2, 1]), Some("#"), "float64", None, false, 0, Err("ValueError: could not convert string 'x' to float64 at row 1, column 2."), &[]),
    ("1,2\n", Some(","), 0, None, Some(""), "float64", None, false, 0, Err("ValueError: comments cannot be an empty string. Use comments=None to disable comments."), &[]),
    ("1 2\n", None, 0, None, Some("#"), "float64", None, false, 3, Err("ValueError: Illegal value of ndmin keyword: 3"), &[]),
    ("h\n1,2\n3,x\n", Some(","), 1, None, Some("#"), "float64", None, false, 0, Err("ValueError: could not convert string 'x' to float64 at row 1, column 2."), &[]),
    ("1#2\n", Some("#"), 0, None, Some("#"), "float64", None, false, 0, Err("TypeError: The values for control characters 'comment' and 'delimiter' are incompatible"), &[]),
    ("1 2 # 3\n4 5 # 6\n", None, 0, None, None, "float64", None, false, 0, Err("ValueError: could not convert string '#' to float64 at row 0, column 3."), &[]),
];

/// (contents, delimiter, skip_header, usecols, filling_values, comments,
/// result, warnings' first 40 characters).
#[rustfmt::skip]
#[allow(clippy::type_complexity)]
const GENFROMTXT: &[(&str, Option<&str>, usize, Option<&[i64]>, f64, Option<&str>, Expect, &[&str])] = &[
    ("1,,3\n4,5,\n", Some(","), 0, None, f64::NAN, Some("#"), Ok((&[2, 3], &["1.0", "nan", "3.0", "4.0", "5.0", "nan"])), &[]),
    ("1,2\n3,abc\n", Some(","), 0, None, f64::NAN, Some("#"), Ok((&[2, 2], &["1.0", "2.0", "3.0", "nan"])), &[]),
    ("1,2,3\n4,5\n6,7\n", Some(","), 0, None, f64::NAN, Some("#"), Err("ValueError: Some errors were detected !\n    Line #2 (got 2 columns instead of 3)\n    Line #3 (got 2 columns instead of 3)"), &[]),
    ("", None, 0, None, f64::NAN, Some("#"), Ok((&[0], &[])), &["genfromtxt: Empty input file: \"/tmp/case"]),
    ("1 2\n3 4\n", None, 0, None, f64::NAN, Some("#"), Ok((&[2, 2], &["1.0", "2.0", "3.0", "4.0"])), &[]),
    ("a,b\n1,2\n", Some(","), 1, None, f64::NAN, Some("#"), Ok((&[2], &["1.0", "2.0"])), &[]),
    ("a,b\n1,2\n", Some(","), 0, None, f64::NAN, Some("#"), Ok((&[2, 2], &["nan", "nan", "1.0", "2.0"])), &[]),
    ("1,2,3\n4,5,6\n", Some(","), 0, Some(&[0, 2]), f64::NAN, Some("#"), Ok((&[2, 2], &["1.0", "3.0", "4.0", "6.0"])), &[]),
    ("1,,3\n4,5,\n", Some(","), 0, None, 0.0, Some("#"), Ok((&[2, 3], &["1.0", "0.0", "3.0", "4.0", "5.0", "0.0"])), &[]),
    ("# hdr\n1 2 # x\n3 4\n", None, 0, None, f64::NAN, Some("#"), Ok((&[2, 2], &["1.0", "2.0", "3.0", "4.0"])), &[]),
    ("1,2\n", Some(","), 0, Some(&[5]), f64::NAN, Some("#"), Err("ValueError: Some errors were detected !\n    Line #1 (got 2 columns instead of 1)"), &[]),
    ("f64::NAN,inf,-inf,N/A,1_000\n", Some(","), 0, None, f64::NAN, Some("#"), Ok((&[5], &["nan", "inf", "-inf", "nan", "1000.0"])), &[]),
    ("1,2\n\n3,4\n", Some(","), 0, None, f64::NAN, Some("#"), Ok((&[2, 2], &["1.0", "2.0", "3.0", "4.0"])), &[]),
    ("\n\n1 2 3\n4 5\n", None, 1, None, f64::NAN, Some("#"), Err("ValueError: Some errors were detected !\n    Line #3 (got 2 columns instead of 3)"), &[]),
    ("7\n", None, 0, None, f64::NAN, Some("#"), Ok((&[], &["7.0"])), &[]),
];

/// (case, the exact text `np.savetxt` writes); arrays and options in
/// [`savetxt_case`].
#[rustfmt::skip]
const SAVETXT: &[(&str, &str)] = &[
    ("default_2d", "1.500000000000000000e+00 -0.000000000000000000e+00 nan\ninf -inf 1.000000000000000025e-300\n"),
    ("default_1d", "1.000000000000000056e-01\n2.000000000000000000e+00\n-3.000000000000000000e+20\n"),
    ("fmt_f", "1.500,-0.000,nan\ninf,-inf,0.000\n"),
    ("fmt_g", "1.23457e+08 1e-05\n0.0001 -0\n"),
    ("fmt_d_int", "1\t-2\n30\t4\n"),
    ("fmt_d_float", "    1\n   -2\n100000000000000000000\n"),
    ("fmt_row", "1:2.50e+00\n3:4.25e+00\n"),
    ("fmt_list", "+0001.00 2.5e+00|\n+0003.00 4.2e+00|\n"),
    ("header_footer", "## x y\n## units m\n1.0 2.0\n## end\n"),
    ("newline", "1.00\r\n2.00\r\n"),
    ("bool", "1.000000000000000000e+00\n0.000000000000000000e+00\n"),
    ("int_default", "1.000000000000000000e+00 2.000000000000000000e+00\n3.000000000000000000e+00 4.000000000000000000e+00\n"),
    ("empty_rows", "# h\n"),
    ("zero_cols", "\n\n"),
];

/// (file in tests/fixtures/npy, NumPy's `np.load` exception).
#[rustfmt::skip]
const NPY_ERRORS: &[(&str, &str)] = &[
    ("bad_magic.npy", "ValueError: This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`."),
    ("text.npy", "ValueError: This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`."),
    ("empty.npy", "EOFError: No data left in file"),
    ("trunc_magic.npy", "ValueError: EOF: reading magic string, expected 8 bytes got 7"),
    ("trunc_header.npy", "ValueError: EOF: reading array header, expected 118 bytes got 10"),
    ("trunc_data.npy", "ValueError: Failed to read all data for array. Expected (2, 3) = 6 elements, could only read 2 elements. (file seems not fully written?)"),
    ("bad_version.npy", "ValueError: we only support format version (1,0), (2,0), and (3,0), not (4, 0)"),
    ("shape_mismatch.npy", "ValueError: Failed to read all data for array. Expected (300,) = 300 elements, could only read 6 elements. (file seems not fully written?)"),
    ("object.npy", "ValueError: Object arrays cannot be loaded when allow_pickle=False"),
    ("missing_key.npy", "ValueError: Header does not contain the correct keys: ['descr', 'shape']"),
    ("garbage_header.npy", "ValueError: Cannot parse header: 'this is not a dict                                   \\n'"),
];

/// A fresh scratch directory for one test, removed when dropped.
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("gradlab-io-{name}-"))
        .tempdir()
        .unwrap()
}

fn dtype(name: &str) -> DType {
    match name {
        "float64" => DType::Float64,
        "int64" => DType::Int64,
        _ => DType::Bool,
    }
}

/// Shape and `repr` of each element, as the reference scripts print them.
fn described(a: &Array) -> (Vec<usize>, Vec<String>) {
    let values = match a.dtype() {
        DType::Float64 => a.to_f64_vec().iter().map(|v| py_float_repr(*v)).collect(),
        DType::Int64 => a.to_vec::<i64>().iter().map(|v| v.to_string()).collect(),
        _ => a
            .to_vec::<bool>()
            .iter()
            .map(|v| if *v { "True" } else { "False" }.to_string())
            .collect(),
    };
    (a.shape().to_vec(), values)
}

fn check(
    label: &str,
    got: Result<gradlab::io::Loaded, gradlab::io::Error>,
    want: &Expect,
    warns: &[&str],
) {
    match (got, want) {
        (Ok(loaded), Ok((shape, values))) => {
            let (s, v) = described(&loaded.array);
            assert_eq!(
                (s.as_slice(), v.as_slice()),
                (
                    *shape,
                    &values.iter().map(|x| x.to_string()).collect::<Vec<_>>()[..]
                ),
                "{label}"
            );
            assert_eq!(
                loaded.warnings.len(),
                warns.len(),
                "{label}: {:?}",
                loaded.warnings
            );
            for (w, prefix) in loaded.warnings.iter().zip(warns) {
                // the path differs: compare up to it
                let stem = prefix.split("\"/").next().unwrap();
                assert!(w.message.starts_with(stem), "{label}: {w:?} vs {prefix:?}");
                assert_eq!(w.category, "UserWarning");
            }
        }
        (Err(e), Err(msg)) => assert_eq!(&e.to_string(), msg, "{label}"),
        (got, want) => panic!("{label}: got {got:?}, NumPy {want:?}"),
    }
}

#[test]
fn loadtxt_matches_numpy() {
    let tmp = scratch("loadtxt");
    let dir = tmp.path();
    let path = dir.join("case.txt");
    for (
        i,
        &(
            content,
            delimiter,
            skiprows,
            usecols,
            comments,
            dt,
            max_rows,
            unpack,
            ndmin,
            ref want,
            warns,
        ),
    ) in LOADTXT.iter().enumerate()
    {
        std::fs::write(&path, content).unwrap();
        let opts = LoadTxtOptions {
            delimiter: delimiter.map(String::from),
            skiprows,
            usecols: usecols.map(<[i64]>::to_vec),
            comments: comments.map(String::from),
            dtype: dtype(dt),
            max_rows,
            unpack,
            ndmin,
        };
        check(
            &format!("loadtxt case {i} {content:?}"),
            loadtxt(&path, &opts),
            want,
            warns,
        );
    }
}

#[test]
fn genfromtxt_matches_numpy() {
    let tmp = scratch("genfromtxt");
    let dir = tmp.path();
    let path = dir.join("case.txt");
    for (
        i,
        &(content, delimiter, skip_header, usecols, filling_values, comments, ref want, warns),
    ) in GENFROMTXT.iter().enumerate()
    {
        std::fs::write(&path, content).unwrap();
        let opts = GenFromTxtOptions {
            delimiter: delimiter.map(String::from),
            skip_header,
            usecols: usecols.map(<[i64]>::to_vec),
            filling_values,
            comments: comments.map(String::from),
        };
        check(
            &format!("genfromtxt case {i} {content:?}"),
            genfromtxt(&path, &opts),
            want,
            warns,
        );
    }
}

fn f2(rows: usize, cols: usize, v: &[f64]) -> Array {
    Array::from_vec(&[rows, cols], v.to_vec()).unwrap()
}

/// The arrays and options of tests/fixtures/savetxt_reference.py.
fn savetxt_case(name: &str) -> (Array, SaveTxtOptions) {
    let (nan, inf) = (f64::NAN, f64::INFINITY);
    let d = SaveTxtOptions::default();
    let one = |f: &str| SaveFmt::One(f.into());
    match name {
        "default_2d" => (f2(2, 3, &[1.5, -0.0, nan, inf, -inf, 1e-300]), d),
        "default_1d" => (Array::from_f64(vec![0.1, 2.0, -3e20]), d),
        "fmt_f" => (
            f2(2, 3, &[1.5, -0.0, nan, inf, -inf, 1e-300]),
            SaveTxtOptions {
                fmt: one("%.3f"),
                delimiter: ",".into(),
                ..d
            },
        ),
        "fmt_g" => (
            f2(2, 2, &[123456789.0, 1e-5, 0.0001, -0.0]),
            SaveTxtOptions {
                fmt: one("%g"),
                ..d
            },
        ),
        "fmt_d_int" => (
            Array::from_vec(&[2, 2], vec![1i64, -2, 30, 4]).unwrap(),
            SaveTxtOptions {
                fmt: one("%d"),
                delimiter: "\t".into(),
                ..d
            },
        ),
        "fmt_d_float" => (
            Array::from_f64(vec![1.7, -2.7, 1e20]),
            SaveTxtOptions {
                fmt: one("%5d"),
                ..d
            },
        ),
        "fmt_row" => (
            f2(2, 2, &[1.0, 2.5, 3.0, 4.25]),
            SaveTxtOptions {
                fmt: one("%d:%.2e"),
                ..d
            },
        ),
        "fmt_list" => (
            f2(2, 2, &[1.0, 2.5, 3.0, 4.25]),
            SaveTxtOptions {
                fmt: SaveFmt::PerColumn(vec!["%+08.2f".into(), "%-6.1e|".into()]),
                ..d
            },
        ),
        "header_footer" => (
            f2(1, 2, &[1.0, 2.0]),
            SaveTxtOptions {
                fmt: one("%.1f"),
                header: "x y\nunits m".into(),
                footer: "end".into(),
                comments: "## ".into(),
                ..d
            },
        ),
        "newline" => (
            Array::from_f64(vec![1.0, 2.0]),
            SaveTxtOptions {
                fmt: one("%.2f"),
                newline: "\r\n".into(),
                ..d
            },
        ),
        "bool" => (Array::from_bool(vec![true, false]), d),
        "int_default" => (Array::from_vec(&[2, 2], vec![1i64, 2, 3, 4]).unwrap(), d),
        "empty_rows" => (
            f2(0, 3, &[]),
            SaveTxtOptions {
                header: "h".into(),
                ..d
            },
        ),
        "zero_cols" => (f2(2, 0, &[]), d),
        _ => panic!("unknown case {name}"),
    }
}

#[test]
fn savetxt_writes_numpys_bytes() {
    let tmp = scratch("savetxt");
    let dir = tmp.path();
    for &(name, want) in SAVETXT {
        let (a, opts) = savetxt_case(name);
        assert_eq!(savetxt_string(&a, &opts).unwrap(), want, "{name}");
        let path = dir.join(format!("{name}.txt"));
        savetxt(&path, &a, &opts).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            want,
            "{name} (file)"
        );
    }
    // only the targets remain: the temporary files were renamed
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".txt") && !n.starts_with('.')),
        "{names:?}"
    );
}

#[test]
fn savetxt_errors_are_numpys() {
    let tmp = scratch("savetxt_err");
    let dir = tmp.path();
    let path = dir.join("x.txt");
    let d = SaveTxtOptions::default();
    let err = |a: &Array, o: &SaveTxtOptions| savetxt(&path, a, o).unwrap_err().to_string();
    assert_eq!(
        err(&Array::scalar_f64(1.0), &d),
        "ValueError: Expected 1D or 2D array, got 0D array instead"
    );
    let cube = Array::zeros(DType::Float64, &[1, 1, 1]).unwrap();
    assert_eq!(
        err(&cube, &d),
        "ValueError: Expected 1D or 2D array, got 3D array instead"
    );
    let m = f2(1, 3, &[1.0, 2.0, 3.0]);
    let two = SaveTxtOptions {
        fmt: SaveFmt::One("%d %d".into()),
        ..d.clone()
    };
    assert_eq!(
        err(&m, &two),
        "ValueError: fmt has wrong number of % formats:  %d %d"
    );
    // (NumPy's messages for these three checked with np.savetxt)
    let pct = SaveTxtOptions {
        fmt: SaveFmt::One("%d %d %%".into()),
        ..d.clone()
    };
    assert_eq!(
        err(&m, &pct),
        "ValueError: fmt has wrong number of % formats:  %d %d %%"
    );
    assert_eq!(
        err(&f2(1, 4, &[1.0, 2.0, 3.0, 4.0]), &pct),
        "TypeError: Mismatch between array dtype ('float64') and format specifier ('%d %d %%')"
    );
    let list = SaveTxtOptions {
        fmt: SaveFmt::PerColumn(vec!["%d".into()]),
        ..d.clone()
    };
    assert_eq!(
        err(&m, &list),
        "AttributeError: fmt has wrong shape.  ['%d']"
    );
    let dfmt = SaveTxtOptions {
        fmt: SaveFmt::One("%d".into()),
        ..d.clone()
    };
    assert_eq!(
        err(&Array::from_f64(vec![f64::NAN]), &dfmt),
        "ValueError: cannot convert float NaN to integer"
    );
    // a failed write leaves the old file alone
    std::fs::write(&path, "old").unwrap();
    assert!(savetxt(&path, &Array::from_f64(vec![1.0, f64::NAN]), &dfmt).is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    let missing = dir.join("nodir").join("x.txt");
    let e = savetxt(&missing, &m, &d).unwrap_err();
    assert_eq!(e.name(), "FileNotFoundError");
    assert_eq!(
        e.message,
        format!(
            "[Errno 2] No such file or directory: '{}'",
            missing.display()
        )
    );
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/npy")
        .join(name)
}

fn floats(shape: &[usize], v: Vec<f64>) -> Array {
    Array::from_vec(shape, v).unwrap()
}

fn ints(shape: &[usize], v: Vec<i64>) -> Array {
    Array::from_vec(shape, v).unwrap()
}

/// Same shape, dtype and bits (so NaN, -0.0 and infinities count).
fn assert_identical(label: &str, got: &Array, want: &Array) {
    assert_eq!(got.shape(), want.shape(), "{label}");
    match (got.dtype(), want.dtype()) {
        (DType::Float64, DType::Float64) => {
            let bits = |x: &Array| {
                x.to_f64_vec()
                    .iter()
                    .map(|v| v.to_bits())
                    .collect::<Vec<_>>()
            };
            assert_eq!(bits(got), bits(want), "{label}");
        }
        _ => assert_eq!(got, want, "{label}"),
    }
}

#[test]
fn reads_files_numpy_wrote() {
    let r = |n: f64| (0..6).map(|i| i as f64 * n).collect::<Vec<_>>();
    let cases = [
        (
            "f8_le.npy",
            floats(
                &[7],
                vec![
                    1.5,
                    -0.0,
                    f64::NAN,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    1e-300,
                    5e-324,
                ],
            ),
        ),
        ("f8_be_2d.npy", floats(&[2, 3], r(1.25))),
        ("f8_fortran.npy", floats(&[2, 3], r(1.5))),
        (
            "i8_le.npy",
            ints(&[6], (-3..3).map(|i| i * 10i64.pow(17)).collect()),
        ),
        ("i8_be.npy", ints(&[3, 2], (0..6).map(|i| i - 2).collect())),
        ("i8_fortran_3d.npy", ints(&[2, 3, 4], (0..24).collect())),
        (
            "b1.npy",
            Array::from_vec(&[2, 2], vec![true, false, false, true]).unwrap(),
        ),
        ("f8_0d.npy", Array::scalar_f64(3.25)),
        ("f8_empty.npy", floats(&[0, 3], vec![])),
        ("f8_v2.npy", floats(&[2], vec![1.0, 2.0])),
        ("f8_v3.npy", floats(&[2, 1], vec![1.0, 2.0])),
    ];
    for (name, want) in cases {
        assert_identical(name, &load_npy(fixture(name)).unwrap(), &want);
    }
}

#[test]
fn save_npy_writes_numpys_bytes_and_round_trips() {
    let tmp = scratch("npy");
    let dir = tmp.path();
    let cases = [
        (
            "save_f8_2d.npy",
            floats(&[2, 3], (0..6).map(f64::from).collect()),
        ),
        ("save_i8.npy", ints(&[4], vec![1, -2, 3, 1 << 62])),
        ("save_b1.npy", Array::from_bool(vec![true, false, true])),
        (
            "save_f8_long.npy",
            load_npy(fixture("save_f8_long.npy")).unwrap(),
        ),
    ];
    for (name, a) in cases {
        let path = dir.join(name);
        save_npy(&path, &a).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(fixture(name)).unwrap(),
            "{name}"
        );
    }
    // round trips keep every bit, whatever the layout of the array saved
    let special = floats(
        &[2, 3],
        vec![
            f64::NAN,
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            5e-324,
            -1.5,
        ],
    );
    let fortran = load_npy(fixture("i8_fortran_3d.npy")).unwrap();
    let transposed = floats(&[2, 3], (0..6).map(f64::from).collect()).t();
    for (i, a) in [
        special,
        fortran,
        transposed,
        Array::scalar_bool(true),
        Array::scalar_i64(-7),
        floats(&[0], vec![]),
    ]
    .iter()
    .enumerate()
    {
        let path = dir.join(format!("rt{i}.npy"));
        save_npy(&path, a).unwrap();
        assert_identical(&format!("round trip {i}"), &load_npy(&path).unwrap(), a);
        // and NumPy reads what we wrote: the header is NumPy's own
    }
    // np.save appends .npy
    save_npy(dir.join("noext"), &Array::scalar_f64(1.0)).unwrap();
    assert!(dir.join("noext.npy").exists());
}

#[test]
fn malformed_npy_files_give_numpys_errors() {
    for &(name, want) in NPY_ERRORS {
        let got = load_npy(fixture(name)).unwrap_err().to_string();
        assert_eq!(got, want, "{name}");
    }
    let e = load_npy(fixture("unsupported_f4.npy")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "ValueError: gradlab reads float64, int64 and bool arrays; this file holds dtype '<f4'"
    );
    let e = load_npy(fixture("nope.npy")).unwrap_err();
    assert_eq!(e.name(), "FileNotFoundError");
    assert_eq!(
        e.message,
        format!(
            "[Errno 2] No such file or directory: '{}'",
            fixture("nope.npy").display()
        )
    );
    let e = load_npy(fixture("")).unwrap_err();
    assert_eq!(e.name(), "IsADirectoryError");
}

#[test]
fn missing_and_undecodable_text_files() {
    let tmp = scratch("text_err");
    let dir = tmp.path();
    let missing = dir.join("x.csv");
    let e = loadtxt(&missing, &LoadTxtOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("FileNotFoundError: {} not found.", missing.display())
    );
    let e = genfromtxt(&missing, &GenFromTxtOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("FileNotFoundError: {} not found.", missing.display())
    );
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, b"1,\xff\n").unwrap();
    let e = loadtxt(&bad, &LoadTxtOptions::default()).unwrap_err();
    // NumPy: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte
    assert_eq!(
        e.to_string(),
        "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte"
    );
    let e = loadtxt(dir, &LoadTxtOptions::default()).unwrap_err();
    assert_eq!(e.name(), "IsADirectoryError");
}

#[test]
fn savetxt_then_loadtxt_round_trips_floats() {
    let tmp = scratch("roundtrip");
    let dir = tmp.path();
    let path = dir.join("m.txt");
    let a = f2(
        3,
        2,
        &[0.1, -0.0, f64::NAN, 1e300, f64::NEG_INFINITY, 5e-324],
    );
    let opts = SaveTxtOptions {
        fmt: SaveFmt::One("%.17g".into()),
        delimiter: ",".into(),
        ..Default::default()
    };
    savetxt(&path, &a, &opts).unwrap();
    let back = loadtxt(
        &path,
        &LoadTxtOptions {
            delimiter: Some(",".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_identical("%.17g round trip", &back.array, &a);
}

/// kB from a `/proc/self/status` line such as `VmHWM:  123 kB`.
fn status_kb(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(key)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// `load_npy` of 10^8 float64 (800 MB) holds one copy of the data: the
/// peak resident memory grows by the array plus at most a few MiB.
/// Heavy: `cargo test --release --test io -- --ignored`.
#[test]
#[ignore]
fn load_npy_uses_one_copy_of_the_data() {
    const N: usize = 100_000_000;
    let tmp = scratch("big");
    let dir = tmp.path();
    let path = dir.join("big.npy");
    save_npy(&path, &Array::from_f64((0..N).map(|i| i as f64).collect())).unwrap();
    // reset the peak (VmHWM) to the current resident size
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let before = status_kb("VmHWM:");
    let a = load_npy(&path).unwrap();
    let grown_mib = (status_kb("VmHWM:") - before) as f64 / 1024.0;
    assert_eq!(a.len(), N);
    let data_mib = (N * 8) as f64 / (1024.0 * 1024.0);
    println!("peak grew {grown_mib:.1} MiB for {data_mib:.1} MiB of data");
    assert!(grown_mib < data_mib + 8.0, "{grown_mib} MiB");
}
