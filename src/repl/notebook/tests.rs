//! The notebook driven as the prompt loop drives it, output captured.

use super::*;

fn nb() -> Notebook {
    Notebook::new(ColorMode::Plain, 80, None)
}

fn submit(nb: &mut Notebook, text: &str) -> String {
    let mut out = Vec::new();
    nb.submit(text, &mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn earlier_results_by_name() {
    let mut n = nb();
    for (input, shown) in [
        ("a = np.array([1, 2, 4])", "\n"),
        ("np.gradient(a)", "Out[2]: array([1. , 1.5, 2. ])\n\n"),
        ("np.diff(a)", "Out[3]: array([1, 2])\n\n"),
        ("_", "Out[4]: array([1, 2])\n\n"),
        ("__", "Out[5]: array([1, 2])\n\n"),
        ("_2", "Out[6]: array([1. , 1.5, 2. ])\n\n"),
        ("Out[3] * 10", "Out[7]: array([10, 20])\n\n"),
    ] {
        assert_eq!(submit(&mut n, input), shown, "{input}");
    }
}

#[test]
fn a_failed_statement_changes_nothing() {
    let mut n = nb();
    submit(&mut n, "a = np.array([1, 2, 4])");
    let out = submit(&mut n, "a = np.gradient(a, axis=2)");
    assert!(out.contains("AxisError"), "{out}");
    assert_eq!(submit(&mut n, "a"), "Out[3]: array([1, 2, 4])\n\n");
}

#[test]
fn meta_commands() {
    let mut n = nb();
    assert!(
        submit(&mut n, ":help gradient")
            .starts_with("gradient(f, *varargs, axis=None, edge_order=1)\n")
    );
    assert!(submit(&mut n, "%who").contains("No variables yet."));
    let err = submit(&mut n, ":timit 1");
    assert!(
        err.contains("UsageError: unknown meta command ':timit'. Did you mean: ':timeit'?"),
        "{err}"
    );
    submit(&mut n, ":set precision 3");
    assert_eq!(
        submit(&mut n, "np.array([1/3])"),
        "Out[4]: array([0.333])\n\n"
    );
    assert!(submit(&mut n, ":save").contains("UsageError: usage: :save FILE"));
    // `_` is array([0.333]): one sample is too few for np.gradient.
    assert!(submit(&mut n, ":explore").contains("at least 2 samples"));
    assert!(submit(&mut n, ":history x").contains("usage: :history [n]"));
    let mut out = Vec::new();
    assert_eq!(n.submit(":quit", &mut out), Flow::Quit);
    assert_eq!(n.submit("%exit", &mut out), Flow::Quit);
    assert_eq!(n.submit("   ", &mut out), Flow::Continue);
}

#[test]
fn run_replays_a_script_into_the_session() {
    let path = std::env::temp_dir().join(format!("gradlab-run-{}.grad", std::process::id()));
    std::fs::write(
        &path,
        "## Intro\nx = np.array([1., 2., 4.])\nnp.diff(x)\n#> array([1., 2.])\n",
    )
    .unwrap();
    let mut n = nb();
    let out = submit(&mut n, &format!(":run {}", path.display()));
    assert_eq!(
        out,
        "Intro\n\nIn [1]: x = np.array([1., 2., 4.])\n\nIn [2]: np.diff(x)\nOut[2]: array([1., 2.])\n\n"
    );
    assert_eq!(submit(&mut n, "x.sum()"), "Out[3]: np.float64(7.0)\n\n");
    assert_eq!(n.cells.len(), 4, "prose, two code cells, then x.sum()");
    let missing = submit(&mut n, ":run /nonexistent/x.grad");
    assert!(missing.contains("OSError"), "{missing}");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn tall_cells_are_cut_with_a_note() {
    let mut n = Notebook::new(ColorMode::Plain, 80, Some(10));
    let out = submit(&mut n, "np.arange(60).reshape(20, 3)");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() <= 11, "{out}");
    assert!(out.starts_with("Out[1]:\narray([[ 0,  1,  2],\n"), "{out}");
    assert!(out.contains("… 13 more rows not shown"), "{out}");
}

#[test]
fn explore_needs_a_1d_or_2d_array() {
    let mut n = nb();
    assert!(submit(&mut n, ":explore").contains("TypeError: there is no output yet"));
    submit(&mut n, "a = np.array([1, 2, 4, 7, 11, 16])");
    submit(&mut n, "b = np.zeros((2, 2, 2))");
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
    ] {
        let out = submit(&mut n, input);
        assert!(out.contains(shown), "{input}: {out}");
    }
    assert!(
        n.session
            .get("a")
            .is_some_and(|v| matches!(v, crate::eval::Value::Array(_)))
    );
    let out = submit(&mut n, ":explore nope");
    assert!(
        out.contains("        ^^^^\nNameError: name 'nope' is not defined"),
        "{out}"
    );
}
