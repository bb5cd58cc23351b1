//! Data files through the language: `np.loadtxt`, `np.genfromtxt`,
//! `np.savetxt`, `np.load`, `np.save` with NumPy's keywords, results and
//! errors; bit-exact round trips; and the write permission of `gradlab
//! run` (`--allow-write`), checked by spawning the binary.
//!
//! The expected outputs in `tests/fixtures/datafiles.jsonl` come from
//! `tests/fixtures/gen_datafiles.py` run with NumPy 2.4.6.

use std::path::Path;
use std::process::Command;

use crate::quiet;
use gradlab::eval::{Event, Session, Value};
use gradlab::notebook::run_script;
use gradlab::script::Script;
use quiet::output_text;
use serde_json::Value as Json;

/// What each statement of `src` shows, in order (one entry per cell).
fn shown_all(session: &mut Session, src: &str) -> Vec<String> {
    let cells = run_script(session, &Script::parse(src), |_, _| {});
    cells
        .iter()
        .map(|c| output_text(session, c).unwrap_or_default())
        .collect()
}

fn shown(session: &mut Session, stmt: &str) -> String {
    shown_all(session, &format!("{stmt}\n"))
        .pop()
        .unwrap_or_default()
}

fn value(session: &mut Session, expr: &str) -> Value {
    let cells = run_script(session, &Script::parse(&format!("{expr}\n")), |_, _| {});
    let cell = cells.last().expect("a cell");
    cell.events()
        .find_map(|e| match e {
            Event::Value(v) => Some(v.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{expr}: {:?}", output_text(session, cell)))
}

/// Files of the directory, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn readers_show_what_numpy_shows() {
    let text = std::fs::read_to_string("tests/fixtures/datafiles.jsonl").expect("fixture");
    let mut rows = text
        .lines()
        .map(|l| serde_json::from_str::<Json>(l).expect("json"));
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_str().expect("utf-8 path");
    for (name, content) in rows.next().expect("files")["files"]
        .as_object()
        .expect("map")
    {
        std::fs::write(dir.path().join(name), content.as_str().expect("text")).expect("write");
    }
    let mut failures = Vec::new();
    let mut count = 0;
    for row in rows {
        count += 1;
        let stmt = row["stmt"].as_str().expect("stmt").replace("{d}", d);
        let want = row["shown"].as_str().expect("shown").replace("{d}", d);
        let got = shown(&mut Session::new(), &stmt);
        if got != want {
            failures.push(format!("{stmt}\n    want: {want}\n    got:  {got}"));
        }
    }
    assert!(count >= 35, "only {count} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn same_bits(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            x.dtype() == y.dtype()
                && x.shape() == y.shape()
                && x.to_f64_vec()
                    .iter()
                    .zip(y.to_f64_vec())
                    .all(|(p, q)| p.to_bits() == q.to_bits())
        }
        _ => false,
    }
}

const TRICKY: &str = "np.array([[0.1 + 0.2, -0.0, np.nan, np.inf], [-np.inf, 5e-324, 1.7976931348623157e308, -1e-300]])";

/// save → load gives the same bits, for every dtype and shape; so does
/// savetxt (default fmt '%.18e') → loadtxt for floats.
#[test]
fn round_trips_are_bit_exact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_str().expect("utf-8");
    let mut s = Session::new();
    for (k, expr) in [
        TRICKY,
        "np.arange(24.).reshape(2, 3, 4) / 7",
        "np.array(2.5)",
        "np.array([], dtype=float)",
        "np.array([[-9223372036854775807, 0, 9223372036854775807]])",
        "np.array([True, False, True])",
        "np.linspace(0, 1, 7)[::2]",
        "np.ones((3, 2)).T * np.pi",
    ]
    .into_iter()
    .enumerate()
    {
        let a = value(&mut s, &format!("a{k} = {expr}; a{k}"));
        let out = shown(&mut s, &format!("np.save('{d}/a{k}.npy', a{k})"));
        assert_eq!(out, "", "save {expr}");
        let b = value(&mut s, &format!("np.load('{d}/a{k}.npy')"));
        assert!(same_bits(&a, &b), "npy round trip of {expr}");
    }
    // np.save adds .npy, as NumPy does.
    assert_eq!(shown(&mut s, &format!("np.save('{d}/plain', a0)")), "");
    let b = value(&mut s, &format!("np.load('{d}/plain.npy')"));
    assert!(same_bits(&value(&mut s, "a0"), &b));
    // Text round trip of floats.
    for expr in [TRICKY, "np.linspace(-1, 1, 11) / 3"] {
        let a = value(&mut s, &format!("t = {expr}; t"));
        shown(&mut s, &format!("np.savetxt('{d}/t.txt', t)"));
        assert!(
            same_bits(&a, &value(&mut s, &format!("np.loadtxt('{d}/t.txt')"))),
            "{expr}"
        );
        shown(
            &mut s,
            &format!("np.savetxt('{d}/t.csv', t, delimiter=',')"),
        );
        let back = value(&mut s, &format!("np.loadtxt('{d}/t.csv', delimiter=',')"));
        assert!(same_bits(&a, &back), "csv {expr}");
    }
}

/// Files gradlab writes are what NumPy writes and reads: the .npy loads in
/// NumPy with the same values, savetxt's text equals NumPy's byte for byte.
#[test]
fn numpy_reads_what_gradlab_writes() {
    if Command::new("python3")
        .args(["-c", "import numpy"])
        .status()
        .map_or(true, |s| !s.success())
    {
        eprintln!("python3 with numpy not available: skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_str().expect("utf-8");
    let mut s = Session::new();
    let src = format!(
        "a = {TRICKY}\nnp.save('{d}/g.npy', a)\nnp.savetxt('{d}/g.txt', a)\n\
         np.savetxt('{d}/g.csv', a, delimiter=',', fmt='%.6g', header='p,q,r,s')\n"
    );
    assert!(shown_all(&mut s, &src).iter().all(String::is_empty));
    let py = format!(
        "import numpy as np, io\n\
         a = {TRICKY}\n\
         b = np.load('{d}/g.npy')\n\
         assert b.dtype == a.dtype and b.shape == a.shape\n\
         assert a.tobytes() == b.tobytes(), (a, b)\n\
         for name, kw in [('g.txt', {{}}), ('g.csv', dict(delimiter=',', fmt='%.6g', header='p,q,r,s'))]:\n\
         \x20   buf = io.BytesIO(); np.savetxt(buf, a, **kw)\n\
         \x20   assert open('{d}/' + name, 'rb').read() == buf.getvalue(), name\n"
    );
    let out = Command::new("python3")
        .args(["-c", &py])
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A failed write leaves the old file alone and no temporary behind.
#[test]
fn failed_writes_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_str().expect("utf-8");
    std::fs::write(dir.path().join("x.csv"), "old\n").expect("write");
    let mut s = Session::new();
    for (stmt, want) in [
        (
            format!("np.savetxt('{d}/x.csv', np.ones(2), fmt='%q')"),
            "ValueError: unsupported format character 'q' (0x71) at index 1".to_string(),
        ),
        (
            format!("np.savetxt('{d}/x.csv', np.ones((2, 2, 2)))"),
            "ValueError: Expected 1D or 2D array, got 3D array instead".to_string(),
        ),
        (
            format!("np.save('{d}/no/such/dir/a.npy', np.ones(2))"),
            format!(
                "FileNotFoundError: [Errno 2] No such file or directory: '{d}/no/such/dir/a.npy'"
            ),
        ),
        (
            "np.savetxt(5, np.ones(2))".to_string(),
            "ValueError: fname must be a string or file handle".to_string(),
        ),
    ] {
        assert_eq!(shown(&mut s, &stmt), want, "{stmt}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("x.csv")).expect("read"),
        "old\n"
    );
    assert_eq!(listing(dir.path()), ["x.csv"]);
}

/// The interactive notebook (Session::new) may write; a script session
/// may not, and says how to allow it.
#[test]
fn sessions_write_only_when_allowed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_str().expect("utf-8");
    let mut repl = Session::new();
    assert_eq!(
        shown(&mut repl, &format!("np.save('{d}/r.npy', np.ones(2))")),
        ""
    );
    let mut script = Session::new();
    script.allow_write = false;
    assert_eq!(
        shown(&mut script, &format!("np.savetxt('{d}/s.csv', np.ones(2))")),
        format!(
            "PermissionError: np.savetxt() may not write '{d}/s.csv': scripts write files only \
             with --allow-write (gradlab run SCRIPT --allow-write)"
        )
    );
    assert!(
        shown(&mut script, &format!("np.save('{d}/s', np.ones(2))"))
            .starts_with("PermissionError: np.save()")
    );
    // Reading stays allowed.
    assert_eq!(
        shown(&mut script, &format!("np.load('{d}/r.npy')")),
        "array([1., 1.])"
    );
    assert_eq!(listing(dir.path()), ["r.npy"]);
}

const WRITER: &str = "\
a = np.array([[0.0, 1.5], [0.5, 2.25]])
np.savetxt('out.csv', a, delimiter=',', header='t,x', comments='')
np.save('out', a)
np.loadtxt('out.csv', delimiter=',', skiprows=1)
";

fn gradlab_run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run gradlab");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn gradlab_run_writes_nothing_without_allow_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("w.grad"), WRITER).expect("script");
    let (code, text) = gradlab_run(dir.path(), &["run", "w.grad"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains(
            "PermissionError: np.savetxt() may not write 'out.csv': scripts write files only with \
             --allow-write (gradlab run SCRIPT --allow-write)"
        ),
        "{text}"
    );
    assert!(
        text.contains("PermissionError: np.save() may not write 'out'"),
        "{text}"
    );
    assert!(
        text.contains("FileNotFoundError: out.csv not found."),
        "{text}"
    );
    assert_eq!(listing(dir.path()), ["w.grad"]);
    // --json replays the same way; so does a script piped into `gradlab`.
    let (_, text) = gradlab_run(dir.path(), &["run", "w.grad", "--json"]);
    assert!(text.contains(r#""type":"PermissionError""#), "{text}");
    let piped = Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .current_dir(dir.path())
        .stdin(std::fs::File::open(dir.path().join("w.grad")).expect("open"))
        .output()
        .expect("run gradlab");
    assert_eq!(piped.status.code(), Some(1));
    assert_eq!(listing(dir.path()), ["w.grad"]);
    // `-c` runs the user's own statements, like the REPL: it may write.
    let (code, text) = gradlab_run(dir.path(), &["-c", "np.save('c', np.ones(2))"]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(listing(dir.path()), ["c.npy", "w.grad"]);
}

#[test]
fn gradlab_run_writes_with_allow_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("w.grad"), WRITER).expect("script");
    let (code, text) = gradlab_run(dir.path(), &["run", "w.grad", "--allow-write"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("array([[0.  , 1.5 ],\n       [0.5 , 2.25]])"),
        "{text}"
    );
    // No temporary files left behind: the writes were renamed into place.
    assert_eq!(listing(dir.path()), ["out.csv", "out.npy", "w.grad"]);
    let csv = std::fs::read_to_string(dir.path().join("out.csv")).expect("csv");
    assert_eq!(
        csv,
        "t,x\n0.000000000000000000e+00,1.500000000000000000e+00\n\
         5.000000000000000000e-01,2.250000000000000000e+00\n"
    );
    // Running again replaces the files (atomically) with the same bytes.
    let before = std::fs::read(dir.path().join("out.npy")).expect("npy");
    let (code, _) = gradlab_run(dir.path(), &["run", "w.grad", "--allow-write"]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read(dir.path().join("out.npy")).expect("npy"),
        before
    );
    assert_eq!(listing(dir.path()), ["out.csv", "out.npy", "w.grad"]);
}
