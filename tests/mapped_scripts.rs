//! Scripts big enough to be mapped instead of read (`gradlab::text`): a
//! pasted literal of floats runs into the same transcript, JSON lines,
//! `In[n]` and error carets as the same script read from standard input
//! (which is read into memory), and its text is not resident all at once
//! beside the array it becomes.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::cli::{gradlab, python_with_numpy};

/// `n` floats in [0, 1) (a fixed LCG), as a list display with a line
/// break after every `per_line` items (0: one line).
fn literal(n: usize, per_line: usize) -> String {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut out = String::from("[");
    for k in 0..n {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let x = (state >> 11) as f64 / (1u64 << 53) as f64;
        if k > 0 {
            out.push_str(if per_line > 0 && k % per_line == 0 {
                ",\n"
            } else {
                ", "
            });
        }
        out.push_str(&format!("{x:?}"));
    }
    out.push(']');
    out
}

/// The script around `lit`: a statement before, the literal's, and some
/// that read it back (its values and its `In[2]`).
fn script(lit: &str) -> String {
    format!(
        "import numpy as np\na = np.array({lit})\nprint(len(a), a[7], a[-1], a.dtype)\n\
         len(In[2]), In[2][:16], In[2][-12:]\n"
    )
}

fn write(dir: &Path, text: &str) -> String {
    let path = dir.join("big.py");
    std::fs::write(&path, text).unwrap();
    assert!(text.len() as u64 >= gradlab::text::MAP_MIN);
    path.to_str().unwrap().to_string()
}

#[test]
fn a_mapped_script_runs_as_the_same_script_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    for per_line in [0, 8] {
        let text = script(&literal(120_000, per_line));
        let file = write(dir.path(), &text);
        for flags in [&[][..], &["--json"][..]] {
            let mut args = vec!["run", file.as_str()];
            args.extend_from_slice(flags);
            let from_file = gradlab(&args, None);
            let mut args = vec!["run", "-"];
            args.extend_from_slice(flags);
            let from_stdin = gradlab(&args, Some(&text));
            assert_eq!(from_file.0, 0, "{}", from_file.2);
            assert!(from_file == from_stdin, "{per_line} {flags:?}");
        }
        let (_, out, _) = gradlab(&["run", &file], None);
        // The echo is the statement as written, and so is `In[2]`.
        let statement = &text[text.find("a = ").unwrap()..text.find("\nprint").unwrap()];
        let echo: String = statement
            .split('\n')
            .enumerate()
            .map(|(i, l)| format!("{}{l}\n", if i == 0 { "In [2]: " } else { "   ...: " }))
            .collect();
        assert!(out.contains(&echo));
        let want = format!(
            "Out[4]: ({}, '{}', '{}')",
            statement.len(),
            &statement[..16],
            &statement[statement.len() - 12..]
        );
        assert!(
            out.contains(&want),
            "{}",
            &out[out.len().saturating_sub(300)..]
        );
    }
}

/// The values read from the mapped text are NumPy's.
#[test]
fn a_mapped_literal_reads_as_numpy_reads_it() {
    let Some(python) = python_with_numpy() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let text = script(&literal(120_000, 0));
    let file = write(dir.path(), &text);
    let numpy_script = dir.path().join("check.py");
    let body: String = text.lines().take(3).map(|l| format!("{l}\n")).collect();
    std::fs::write(&numpy_script, body).unwrap();
    let numpy = Command::new(python).arg(&numpy_script).output().unwrap();
    let err = String::from_utf8_lossy(&numpy.stderr);
    assert!(
        numpy.status.success(),
        "{}",
        &err[err.len().saturating_sub(500)..]
    );
    let numpy = String::from_utf8(numpy.stdout).unwrap();
    let (_, out, _) = gradlab(&["run", &file], None);
    let printed = out
        .lines()
        .skip_while(|l| !l.starts_with("In [3]: print"))
        .nth(1)
        .unwrap();
    assert_eq!(format!("{printed}\n"), numpy);
}

/// An error inside a mapped literal: the caret under the same columns as
/// from standard input, under the name that failed.
#[test]
fn an_error_caret_inside_a_mapped_literal_points_at_the_item() {
    let dir = tempfile::tempdir().unwrap();
    let lit = literal(120_000, 0);
    let cut = lit[lit.len() / 2..].find(", ").unwrap() + lit.len() / 2;
    let lit = format!("{}, oops{}", &lit[..cut], &lit[cut..]);
    let text = script(&lit);
    let file = write(dir.path(), &text);
    let from_file = gradlab(&["run", &file], None);
    assert_eq!(from_file, gradlab(&["run", "-"], Some(&text)));
    let out = from_file.1;
    let echo = out.lines().find(|l| l.starts_with("In [2]: ")).unwrap();
    let caret = out
        .lines()
        .find(|l| l.trim_start().starts_with('^'))
        .unwrap();
    assert_eq!(caret.find('^'), echo.find("oops"));
    assert_eq!(caret.trim(), "^^^^");
    assert!(out.contains("NameError: name 'oops' is not defined"));
}

/// Peak resident memory (KiB) of `gradlab run FILE`, where `FILE` prints
/// `ready` and then loops: read from the process's own high-water mark
/// (`VmHWM`, which counts nothing from before its exec) once `ready` is
/// out, every statement before it done; then the process is killed.
fn peak_kib(file: &str) -> u64 {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .args(["run", file])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while line != "ready\n" {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "no `ready` line");
    }
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let hwm = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .unwrap();
    hwm.trim().trim_end_matches("kB").trim().parse().unwrap()
}

/// The text of a 12 MB literal is handed back as it is passed: the run's
/// peak is under the process's own plus the array and 3/4 of the text
/// (read into memory, the whole text was resident beside the array).
#[test]
fn a_mapped_literal_is_not_resident_beside_its_array() {
    let dir = tempfile::tempdir().unwrap();
    let n = 600_000;
    let wait = "print('ready')\nwhile True:\n    pass\n";
    let body =
        |lit: &str| format!("import numpy as np\na = np.array({lit})\nprint(a.sum())\n{wait}");
    let text = body(&literal(n, 0));
    let file = write(dir.path(), &text);
    let small = dir.path().join("small.py");
    std::fs::write(&small, body("[0.5, 1.5]")).unwrap();
    let base = peak_kib(small.to_str().unwrap());
    let big = peak_kib(&file);
    let bound = (n as u64 * 8 + text.len() as u64 * 3 / 4) / 1024;
    assert!(
        big < base + bound,
        "{big} KiB against {base} KiB alone: {bound} KiB over or more"
    );
}

/// A mapped script splits into the statements of the same text read: its
/// long one a slice of the mapping, its short ones copies.
#[test]
fn a_mapped_script_parses_as_its_text_does() {
    use gradlab::script::{Item, Script};
    use gradlab::text::Source;
    let dir = tempfile::tempdir().unwrap();
    for per_line in [0, 8] {
        let text = format!("## Data\n{}#> 3\n", script(&literal(120_000, per_line)));
        let file = write(dir.path(), &text);
        let source = Source::read(Path::new(&file)).unwrap();
        assert!(matches!(source, Source::Mapped(_)));
        let mapped = Script::parse_source(source);
        assert_eq!(mapped, Script::parse(&text));
        let kinds: Vec<bool> = mapped
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Code { text, .. } => Some(text.is_mapped()),
                _ => None,
            })
            .collect();
        assert_eq!(kinds, [false, true, false, false]);
    }
}
