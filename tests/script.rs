//! The `.grad` format end to end: parsing, `--check` diffs, `--bless`
//! rewrites, and `:save` (`export::to_script`) round trips.

use crate::cli;

use cli::{gradlab, scratch};
use gradlab::eval::Session;
use gradlab::export;
use gradlab::notebook::{self, output_text};
use gradlab::script::{Item, Script};

/// Writes `text` to a scratch file and runs `gradlab run FILE FLAGS...`.
fn run_file(test: &str, text: &str, flags: &[&str]) -> (i32, String, String, std::path::PathBuf) {
    let path = scratch(test).join("s.grad");
    std::fs::write(&path, text).unwrap();
    let mut args = vec!["run", path.to_str().unwrap()];
    args.extend_from_slice(flags);
    let (code, out, err) = gradlab(&args, None);
    (code, out, err, path)
}

/// The output texts of every code item of `src`, as `#>` lines record them.
fn outputs(src: &str) -> Vec<Option<String>> {
    let mut s = Session::new();
    let cells = notebook::run_script(&mut s, &Script::parse(src), |_, _| {});
    cells
        .iter()
        .filter(|c| matches!(c.kind, notebook::CellKind::Code { .. }))
        .map(|c| output_text(&s, c))
        .collect()
}

#[test]
fn parses_items_one_line_per_case() {
    // (source, kinds of the items: P prose, C code, M meta; expected texts)
    let cases: &[(&str, &str, &[&str])] = &[
        ("## Intro\na = 1\n", "PC", &[]),
        ("##\n###not prose\n# comment\na\n#> 1\n", "PC", &["1"]),
        ("a = 1\r\na\r\n#> 1\r\n", "CC", &["1"]),
        ("\u{feff}a = [1,\n 2]\nlen(a)\n#> 2", "CC", &["2"]),
        ("def f(x):\n    return x\nf(2)\n#> 2\n", "CC", &["2"]),
        ("m = [[1, 2],\n#> not an output\n     [3, 4]]\n", "C", &[]),
        (":timeit 1\n%who\n", "MM", &[]),
        ("x = 1; x; x + 1\n#> 1\n#> 2\n", "C", &["1\n2"]),
        ("a\n#>\n#> b\n", "C", &["\nb"]),
        // A blank line closes a backslash continuation (Python's rule), so
        // the output `--bless` writes after it belongs to the statement.
        ("0\\\n\n#> 0\n", "C", &["0"]),
        ("x = '''a\\\n\n#> kept'''\nx\n", "CC", &[]),
        ("(1 +\\\n\n2)\n#> 3\n", "C", &["3"]),
    ];
    for (src, kinds, texts) in cases {
        let s = Script::parse(src);
        let got: String = s
            .items
            .iter()
            .map(|i| match i {
                Item::Prose { .. } => 'P',
                Item::Code { .. } => 'C',
                Item::Meta { .. } => 'M',
            })
            .collect();
        assert_eq!(&got, kinds, "{src:?}");
        let recorded: Vec<String> = s
            .items
            .iter()
            .filter_map(|i| i.expected().map(|e| e.text()))
            .collect();
        assert_eq!(recorded, *texts, "{src:?}");
        assert_eq!(Script::parse_owned(src.to_string()), s, "{src:?}");
    }
}

/// `parse_owned` hands the source's pages back while it copies statements
/// out of it (a megabyte at a time): the items are still `parse`'s, for
/// statements longer than that, several of them, and unaligned starts.
#[test]
fn parse_owned_gives_the_items_of_parse() {
    let row = |k: usize| format!("{k}.25, -{k}e-3, ");
    let big = |n: usize| format!("[{}]", (0..n).map(row).collect::<String>());
    let src = format!(
        "## data\nx = 1\na = {}\n#> kept\nb = [{},\n  2]\n:who\nc = {}\r\nlen(a)\n",
        big(90_000),
        "7".repeat(3000),
        big(150_000),
    );
    assert!(src.len() > 3 << 20);
    let owned = Script::parse_owned(src.clone());
    assert_eq!(owned, Script::parse(&src));
    assert_eq!(owned.items.len(), 7);
}

#[test]
fn multi_line_statements_keep_their_first_line() {
    let s = Script::parse("## x\n\nm = [[1, 2],\n     [3, 4]]\nm\n");
    let lines: Vec<usize> = s.items.iter().map(Item::line).collect();
    assert_eq!(lines, [1, 3, 5]);
}

#[test]
fn output_text_covers_values_prints_errors_and_semicolons() {
    let cases: &[(&str, Option<&str>)] = &[
        ("np.diff([1, 4, 9])", Some("array([3, 5])")),
        ("print(np.diff([1., 4.]))", Some("[3.]")),
        (
            "np.diff([1, 2], axis=3)",
            Some("AxisError: axis 3 is out of bounds for array of dimension 1"),
        ),
        ("x = 2; print(x); x * 2", Some("2\n4")),
        ("np.gradient([1., 2.]);", None),
        ("print('a'); 5;", Some("a")),
        ("y = 3", None),
        (
            "np.arange(8).reshape(2, 2, 2)",
            Some("array([[[0, 1],\n        [2, 3]],\n\n       [[4, 5],\n        [6, 7]]])"),
        ),
    ];
    for (src, want) in cases {
        assert_eq!(outputs(src), [want.map(str::to_string)], "{src}");
    }
}

#[test]
fn check_reports_a_diff_with_the_line_and_exits_1() {
    let src = "## lesson\na = np.array([1., 2., 4.])\nnp.gradient(a)\n#> array([1. , 1.5, 9. ])\nnp.diff(a)\n#> array([1., 2.])\n";
    let (code, out, _, _) = run_file("check-diff", src, &["--check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("s.grad:3: np.gradient(a)"), "{out}");
    assert!(out.contains("-array([1. , 1.5, 9. ])"), "{out}");
    assert!(out.contains("+array([1. , 1.5, 2. ])"), "{out}");
    assert!(
        out.contains("1 of 2 checked outputs match, 1 differ"),
        "{out}"
    );
    // np.diff's line matched, so it is not in the diff.
    assert!(!out.contains("s.grad:5"), "{out}");
}

#[test]
fn errors_check_like_values_and_unrecorded_outputs_fail() {
    let src = "np.diff([1, 2], axis=3)\n#> AxisError: axis 3 is out of bounds for array of dimension 1\nx = 1\n";
    let (code, out, _, _) = run_file("check-errors", src, &["--check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 of 1 checked outputs match"), "{out}");
    // An error nobody recorded, and a value nobody recorded, both fail.
    let src = "x = 1\nundefined_name\nx + 1\n";
    let (code, out, _, _) = run_file("check-unrecorded", src, &["--check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("s.grad:2: undefined_name\n"), "{out}");
    assert!(
        out.contains("+NameError: name 'undefined_name' is not defined"),
        "{out}"
    );
    assert!(out.contains("s.grad:3: x + 1\n"), "{out}");
    assert!(
        out.contains("0 of 0 checked outputs match, 2 statements show output but record none"),
        "{out}"
    );
}

#[test]
fn bless_rewrites_only_the_expected_lines() {
    let src = "## Keep me  \n# a comment\t\na = np.array([1., 2., 4.])   # trailing\n\nnp.gradient(a)\n#> stale\n#> lines\nnp.diff(a)\n\nprint(a)\n#> [1. 2. 4.]\n";
    let (code, out, _, path) = run_file("bless", src, &["--bless"]);
    assert_eq!(code, 0, "{out}");
    let blessed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        blessed,
        "## Keep me  \n# a comment\t\na = np.array([1., 2., 4.])   # trailing\n\nnp.gradient(a)\n#> array([1. , 1.5, 2. ])\nnp.diff(a)\n#> array([1., 2.])\n\nprint(a)\n#> [1. 2. 4.]\n"
    );
    // Blessing again changes nothing, and the result checks.
    let (_, _, _) = gradlab(&["run", path.to_str().unwrap(), "--bless"], None);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), blessed);
    let (code, out, _) = gradlab(&["run", path.to_str().unwrap(), "--check"], None);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn bless_keeps_crlf_and_a_missing_final_newline() {
    let cases: &[(&str, &str)] = &[
        (
            "a = 2\r\na * 3\r\n#> 5\r\nprint(a)",
            "a = 2\r\na * 3\r\n#> 6\r\nprint(a)\r\n#> 2\r\n",
        ),
        ("x = 1\nx", "x = 1\nx\n#> 1\n"),
        ("x = 1\ny = 2", "x = 1\ny = 2"),
        ("x = [1]\nx\n#> [1]", "x = [1]\nx\n#> [1]"),
        (
            "np.arange(8).reshape(2, 2, 2)\n#> old\n",
            "np.arange(8).reshape(2, 2, 2)\n#> array([[[0, 1],\n#>         [2, 3]],\n#>\n#>        [[4, 5],\n#>         [6, 7]]])\n",
        ),
    ];
    for (k, (src, want)) in cases.iter().enumerate() {
        let (code, out, _, path) = run_file(&format!("bless-eol-{k}"), src, &["--bless"]);
        assert_eq!(code, 0, "{out}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), *want, "{src:?}");
        let (code, out, _) = gradlab(&["run", path.to_str().unwrap(), "--check"], None);
        assert_eq!(code, 0, "{src:?}: {out}");
    }
}

#[test]
fn bless_needs_a_file() {
    let (code, _, err) = gradlab(&["run", "-", "--bless"], Some("1 + 1\n"));
    assert_eq!(code, 2);
    assert!(err.contains("--bless needs a script file"), "{err}");
}

#[test]
fn saved_sessions_replay_under_check() {
    // What an interactive session might hold: prose, values, prints, errors,
    // multi-line input, a def, a `;` cell and an interactive-only meta command.
    let src = "## saved\nd = np.array([2, 5, np.nan, 9, 12])\ngradient(d)\nprint('Gradient:', np.gradient(d))\nnp.diff(d, axis=2)\nm = np.array([[1, 2],\n              [4, 8]])\nm\ndef f(x):\n    return x**2\nf(np.arange(3)); len(m)\n:save x.grad\n_\n";
    let mut s = Session::new();
    let cells = notebook::run_script(&mut s, &Script::parse(src), |_, _| {});
    let saved = export::to_script(&s, &cells);
    assert!(saved.contains("\n# :save x.grad\n"), "{saved}");
    assert!(
        saved.contains("#> AxisError: axis 2 is out of bounds"),
        "{saved}"
    );
    let (code, out, err, _) = run_file("save", &saved, &["--check"]);
    assert_eq!(code, 0, "{saved}\n{out}{err}");
    assert!(out.contains("6 of 6 checked outputs match"), "{out}");
}

#[test]
fn export_file_picks_the_format_by_extension() {
    let mut s = Session::new();
    let cells = notebook::run_script(
        &mut s,
        &Script::parse("## hi\na = [1., 3.]\nnp.diff(a)\n"),
        |_, _| {},
    );
    let dir = scratch("export-file");
    for (name, needle) in [
        ("s.grad", "#> array([2.])"),
        ("s.py", "np.testing.assert_allclose"),
        ("s.md", "```python"),
        ("s.ipynb", "\"nbformat\": 4"),
    ] {
        let path = dir.join(name);
        export::export_file(&s, &cells, &path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(needle), "{name}: {text}");
    }
    let err = export::export_file(&s, &cells, &dir.join("s.txt")).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}

#[test]
fn export_command_writes_stdout_or_a_file() {
    let dir = scratch("export-cmd");
    let src = dir.join("s.grad");
    std::fs::write(&src, "a = [1, 2, 4]\ndiff(a)\n").unwrap();
    let (code, py, _) = gradlab(&["export", src.to_str().unwrap(), "--to", "py"], None);
    assert_eq!(code, 0);
    assert!(py.contains("_out = np.diff(a)\n"), "{py}");
    let out = dir.join("s.md");
    let (code, stdout, _) = gradlab(
        &[
            "export",
            src.to_str().unwrap(),
            "--to",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("array([1, 2])")
    );
    let (code, _, _) = gradlab(&["export", "/nonexistent.grad", "--to", "md"], None);
    assert_eq!(code, 2);
}

#[test]
fn python_export_handles_history_errors_views_and_python_scalars() {
    let src = "## history and views\na = [1., 4., 9., 16.]\ngradient(a)\n_ * 2\nOut[3] + _3\nexplain(np.gradient(a))\nmin(3, 4), max(a)\nnp.diff(a, axis=2)\ns = \"txt\"; s\nprint(s, len(a))\na2 = np.array(a).reshape(2, 2); a2.dtype; a2.tolist()\n";
    let mut s = Session::new();
    let cells = notebook::run_script(&mut s, &Script::parse(src), |_, _| {});
    let py = export::to_python(&s, &cells);
    for needle in [
        "_out = np.gradient(a)\n",
        "_out = min(3, 4), np.max(a)\n",
        "#     explain(np.gradient(a))\n",
        "assert type(_e).__name__ == 'AxisError'",
        "with _expect_stdout('txt 4\\n'):\n    print(s, len(a))\n",
        "Out[3] = _3 = _out\n",
    ] {
        assert!(py.contains(needle), "{needle:?} not in\n{py}");
    }
    let Some(python) = cli::python_with_numpy() else {
        return;
    };
    let path = scratch("py-history").join("h.py");
    std::fs::write(&path, &py).unwrap();
    let out = std::process::Command::new(python)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{py}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_memory_limit_is_configurable_and_enforced() {
    let bin = env!("CARGO_BIN_EXE_gradlab");
    let run = |limit: &str| {
        std::process::Command::new(bin)
            .args(["-c", "a = np.zeros(100000); a.size"])
            .env("GRADLAB_MEMORY_LIMIT", limit)
            .output()
            .unwrap()
    };
    let small = run("64K");
    let out = String::from_utf8_lossy(&small.stdout);
    assert!(
        out.contains("MemoryError: Unable to allocate 781. KiB for an array with shape (100000,) and data type float64"),
        "{out}"
    );
    assert_eq!(small.status.code(), Some(1));
    let big = run("1G");
    assert!(String::from_utf8_lossy(&big.stdout).contains("Out[1]: 100000"));
    assert_eq!(run("lots").status.code(), Some(2));
}
