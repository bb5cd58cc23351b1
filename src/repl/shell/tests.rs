//! The shell driven as the prompt loop drives it, output captured.

use super::*;

fn sh() -> Shell {
    Shell::new(ColorMode::Plain, 80, false)
}

fn submit(sh: &mut Shell, text: &str) -> String {
    let mut out = Vec::new();
    sh.submit(text, &mut out);
    String::from_utf8(out).unwrap()
}

/// Each input and what it shows, in order, in one fresh shell.
fn session(steps: &[(&str, &str)]) -> Shell {
    let mut s = sh();
    for (input, shown) in steps {
        assert_eq!(submit(&mut s, input), *shown, "{input}");
    }
    s
}

#[test]
fn earlier_results_by_name() {
    session(&[
        ("a = np.array([1, 2, 4])", "\n"),
        ("np.gradient(a)", "Out[2]: array([1. , 1.5, 2. ])\n\n"),
        ("np.diff(a)", "Out[3]: array([1, 2])\n\n"),
        ("_", "Out[4]: array([1, 2])\n\n"),
        ("__", "Out[5]: array([1, 2])\n\n"),
        ("_2", "Out[6]: array([1. , 1.5, 2. ])\n\n"),
        ("Out[3] * 10", "Out[7]: array([10, 20])\n\n"),
    ]);
}

#[test]
fn earlier_inputs_by_name_as_ipython() {
    session(&[
        ("a = 1", "\n"),
        ("b = 2", "\n"),
        ("a + 1", "Out[3]: 2\n\n"),
        ("_i", "Out[4]: 'a + 1'\n\n"),
        ("_iii", "Out[5]: 'b = 2'\n\n"),
        ("_i1", "Out[6]: 'a = 1'\n\n"),
        ("In[3]", "Out[7]: 'a + 1'\n\n"),
        ("len(_ih)", "Out[8]: 9\n\n"),
    ]);
}

#[test]
fn a_failed_statement_changes_nothing() {
    let mut s = sh();
    submit(&mut s, "a = np.array([1, 2, 4])");
    let out = submit(&mut s, "a = np.gradient(a, axis=2)");
    assert!(out.contains("AxisError"), "{out}");
    assert_eq!(submit(&mut s, "a"), "Out[3]: array([1, 2, 4])\n\n");
}

#[test]
fn meta_commands() {
    let mut s = sh();
    assert!(
        submit(&mut s, ":help gradient")
            .starts_with("gradient(f, *varargs, axis=None, edge_order=1)\n")
    );
    assert!(submit(&mut s, "%who").contains("No variables yet."));
    for (input, shown) in [
        (
            ":timit 1",
            "UsageError: Line magic function `:timit` not found.\n",
        ),
        (
            "%foo",
            "UsageError: Line magic function `%foo` not found.\n",
        ),
        ("%%foo\n1", "UsageError: Cell magic `%%foo` not found.\n"),
        ("!ls", "UsageError: shell commands (!cmd) are not run"),
        (":save", "UsageError: usage: :save FILE\n"),
        (":history x", "UsageError: unrecognized arguments: x\n"),
        (
            ":load /nonexistent/x",
            "FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent/x'\n",
        ),
        (":run a\0b", "ValueError: embedded null byte\n"),
        (
            "%precision -1",
            "ValueError: int precision must be non-negative, not -1\n",
        ),
    ] {
        let out = submit(&mut s, input);
        assert!(out.contains(shown), "{input}: {out}");
    }
}

#[test]
fn exit_and_quit_leave() {
    for word in [":quit", "%exit", ":q", "exit", "quit()", "  exit()  "] {
        let mut out = Vec::new();
        assert_eq!(sh().submit(word, &mut out), Flow::Quit, "{word}");
    }
    let mut s = sh();
    let mut out = Vec::new();
    assert_eq!(s.submit("   ", &mut out), Flow::Continue);
    // A user's own `exit` is theirs, as in IPython.
    submit(&mut s, "exit = 3");
    assert_eq!(submit(&mut s, "exit"), "Out[2]: 3\n\n");
}

#[test]
fn precision_is_ipythons_and_numpys() {
    session(&[
        ("%precision 3", "Out[1]: '%.3f'\n\n"),
        ("1/3", "Out[2]: 0.333\n\n"),
        ("[np.float64(2.5), 1/3]", "Out[3]: [2.500, 0.333]\n\n"),
        ("np.array([1/3])", "Out[4]: array([0.333])\n\n"),
        ("print(1/3)", "0.3333333333333333\n\n"),
        ("%precision", "Out[6]: '%r'\n\n"),
        ("1/3", "Out[7]: 0.3333333333333333\n\n"),
        (":set precision 2", "\n"),
        ("np.array([1/3])", "Out[9]: array([0.33])\n\n"),
    ]);
}

#[test]
fn timeit_binds_nothing_and_time_runs_in_the_session() {
    let mut s = sh();
    let out = submit(&mut s, "%timeit -n 2 -r 3 x = 5");
    assert!(
        out.ends_with(" per loop (mean ± std. dev. of 3 runs, 2 loops each)\n\n"),
        "{out}"
    );
    assert!(submit(&mut s, "x").contains("NameError: name 'x' is not defined"));
    let out = submit(&mut s, "%timeit -q -o -n 1 -r 1 1 + 1");
    assert!(
        out.starts_with("Out[3]: TimeitResult(loops=1, repeat=1, "),
        "{out}"
    );
    let out = submit(&mut s, "%%timeit -n 1 -r 2 y = 2\ny * 3\n");
    assert!(out.contains("of 2 runs, 1 loop each)"), "{out}");
    assert!(s.session.get("y").is_none());
    let out = submit(&mut s, "%time z = 3; print(z)");
    assert!(out.starts_with("3\nCPU times: user "), "{out}");
    assert!(out.contains("\nWall time: "), "{out}");
    let out = submit(&mut s, "%time z * 2");
    assert!(out.ends_with("Out[6]: 6\n\n"), "{out}");
    let out = submit(&mut s, "%time 1/0");
    assert!(
        out.ends_with("ZeroDivisionError: division by zero\n\n"),
        "{out}"
    );
    assert!(!out.contains("CPU times"), "{out}");
}

#[test]
fn history_lists_inputs_as_ipython() {
    let mut s = sh();
    submit(&mut s, "a = 1");
    submit(&mut s, "def f(x):\n    return x");
    submit(&mut s, "f(a)");
    assert_eq!(
        submit(&mut s, "%history -n"),
        "   1: a = 1\n   2:\ndef f(x):\n    return x\n   3: f(a)\n   4: %history -n\n\n"
    );
    assert_eq!(submit(&mut s, "%hist 1 3"), "a = 1\nf(a)\n\n");
    assert_eq!(submit(&mut s, "%history -o 3"), "f(a)\n1\n\n");
}

#[test]
fn xmode_changes_how_errors_show() {
    let mut s = sh();
    submit(&mut s, "a = 1");
    assert_eq!(
        submit(&mut s, "%xmode minimal"),
        "Exception reporting mode: Minimal\n\n"
    );
    assert_eq!(
        submit(&mut s, "a / 0"),
        "ZeroDivisionError: division by zero\n\n"
    );
    submit(&mut s, "%xmode Plain");
    let out = submit(&mut s, "a / 0");
    assert!(
        out.starts_with("Traceback (most recent call last):\n  Cell In[5], line 1\n    a / 0\n"),
        "{out}"
    );
    submit(&mut s, "%xmode Verbose");
    let out = submit(&mut s, "a / 0");
    assert!(out.contains("\n        a = 1\nZeroDivisionError"), "{out}");
    assert!(submit(&mut s, "%xmode").contains("Exception reporting mode: Minimal"));
}

#[test]
fn folders_and_loading() {
    let dir = std::env::temp_dir().join(format!("gradlab-shell-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("snippet.py"), "b = 2\nb * 3\n").unwrap();
    let mut s = sh();
    let out = submit(
        &mut s,
        &format!("%load {}", dir.join("snippet.py").display()),
    );
    assert_eq!(out, "\n");
    assert_eq!(s.take_prefill().as_deref(), Some("b = 2\nb * 3"));
    assert!(s.take_prefill().is_none());
    let out = submit(&mut s, "%cd /nonexistent-gradlab");
    assert!(
        out.contains("FileNotFoundError: [Errno 2] No such file or directory"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn run_replays_a_script_into_the_session() {
    let path = std::env::temp_dir().join(format!("gradlab-run-{}.grad", std::process::id()));
    std::fs::write(
        &path,
        "## Intro\nx = np.array([1., 2., 4.])\nnp.diff(x)\n#> array([1., 2.])\n",
    )
    .unwrap();
    let mut s = sh();
    let out = submit(&mut s, &format!(":run {}", path.display()));
    assert_eq!(out, "\n", "the cells themselves go straight to stdout");
    assert_eq!(submit(&mut s, "x.sum()"), "Out[4]: np.float64(7.0)\n\n");
    assert_eq!(
        s.cells.len(),
        5,
        ":run, prose, two code cells, then x.sum()"
    );
    let missing = submit(&mut s, ":run /nonexistent/x.grad");
    assert!(missing.contains("FileNotFoundError"), "{missing}");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn tall_cells_are_written_in_full() {
    let mut s = sh();
    let out = submit(&mut s, "np.arange(600).reshape(200, 3)");
    assert_eq!(out.lines().count(), 202, "Out line, 200 rows, blank line");
    assert!(out.contains("[597, 598, 599]])\n"), "{out}");
    let out = submit(&mut s, "print('x' * 500)");
    assert_eq!(
        out,
        format!("{}\n\n", "x".repeat(500)),
        "never hard-wrapped"
    );
}

#[test]
fn explore_needs_a_1d_or_2d_array() {
    let mut s = sh();
    assert!(submit(&mut s, ":explore").contains("TypeError: there is no output yet"));
    submit(&mut s, "a = np.array([1, 2, 4, 7, 11, 16])");
    submit(&mut s, "b = np.zeros((2, 2, 2))");
    for (input, shown) in [
        (":explore a", "needs an interactive terminal"),
        (":explore a.reshape(2, 3)", "needs an interactive terminal"),
        (":explore 3", "TypeError: 3 is a int, not an array"),
        (
            ":explore b",
            "ValueError: the explorer shows 1-D and 2-D arrays; this one is 3-D",
        ),
        (
            ":explore a[:1]",
            "ValueError: np.gradient needs at least 2 samples",
        ),
        (":explore a = 1", "SyntaxError"),
        // np.gradient's own error (NumPy 2.4.6), not an OSError
        (
            ":explore a > 3",
            "TypeError: numpy boolean subtract, the `-` operator, is not supported",
        ),
        (
            ":explore a.astype(complex)",
            "TypeError: the explorer draws real values",
        ),
    ] {
        let out = submit(&mut s, input);
        assert!(out.contains(shown), "{input}: {out}");
    }
    assert!(
        s.session
            .get("a")
            .is_some_and(|v| matches!(v, crate::eval::Value::Array(_)))
    );
    let out = submit(&mut s, ":explore nope");
    assert!(
        out.contains("         ^^^^\nNameError: name 'nope' is not defined"),
        "{out}"
    );
}
