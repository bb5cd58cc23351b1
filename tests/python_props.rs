//! Random programs from a small grammar of the Python tutorials use (int,
//! float and bool arithmetic, chained comparisons, `and`/`or`, conditional
//! expressions, the everyday builtins, lists and their methods, f-string
//! format specs, ints past int64) print the same under gradlab and under
//! Python 3.11: what each cell prints, its last value's repr, or the
//! `Type: message` of the error that stopped it.
//!
//! The programs come from proptest with a fixed seed (the same programs on
//! every run, so CI never meets a new one by chance; set
//! `GRADLAB_PROP_CASES` to try more). Python runs them all in one process
//! through `tests/fixtures/gen_python_semantics.py`'s `run_cell`, the
//! oracle of the program tables; skipped with a visible line without it.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::cli::python_with;

/// Names the programs assign: ints, a float, a list.
const INTS: &[&str] = &["x", "y"];

fn int_lit() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (-12i64..=12).prop_map(|n| n.to_string()),
        1 => (-2_000_000i64..=2_000_000).prop_map(|n| n.to_string()),
        1 => prop::sample::select(vec![
            "9223372036854775807", "2**63", "-2**64", "10**20", "3**40", "(1 << 70)",
        ])
        .prop_map(str::to_string),
    ]
}

fn float_lit() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "0.1", "0.5", "2.5", "-3.75", "1e-3", "1e20", "0.0", "-0.0", "1.1", "3.14159", "2.675",
        "1e16", "123.456", "-0.001",
    ])
    .prop_map(str::to_string)
}

/// A number-valued expression.
fn num_expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        3 => int_lit(),
        2 => float_lit(),
        3 => prop::sample::select(vec!["x", "y", "f", "len(xs)", "True", "False"])
            .prop_map(str::to_string),
    ];
    leaf.prop_recursive(3, 24, 2, |inner| {
        prop_oneof![
            6 => (inner.clone(), prop::sample::select(vec!["+", "-", "*", "/", "//", "%"]), inner.clone())
                .prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            1 => (inner.clone(), 0u32..=5).prop_map(|(a, e)| format!("({a}) ** {e}")),
            1 => (inner.clone(), 1u32..=3).prop_map(|(a, e)| format!("({a}) ** -{e}")),
            1 => inner.clone().prop_map(|a| format!("-{a}")),
            1 => inner.clone().prop_map(|a| format!("abs({a})")),
            1 => inner.clone().prop_map(|a| format!("round({a})")),
            1 => inner.clone().prop_map(|a| format!("round({a}, 2)")),
            1 => inner.clone().prop_map(|a| format!("int({a})")),
            1 => inner.clone().prop_map(|a| format!("float({a})")),
            1 => (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("max({a}, {b})")),
            1 => (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("min({a}, {b})")),
            1 => (bool_expr_leaf(), inner.clone(), inner.clone())
                .prop_map(|(c, a, b)| format!("({a} if {c} else {b})")),
            1 => (0usize..4).prop_map(|i| format!("xs[{i}]")),
            1 => Just("sum(xs)".to_string()),
        ]
    })
}

/// A comparison or boolean combination of numbers.
fn bool_expr_leaf() -> impl Strategy<Value = String> {
    let cmp = prop::sample::select(vec!["<", "<=", "==", "!=", ">", ">="]);
    prop_oneof![
        3 => ("[xyf]", cmp.clone(), int_lit()).prop_map(|(a, op, b)| format!("{a} {op} {b}")),
        1 => (int_lit(), cmp.clone(), "[xyf]", cmp, float_lit())
            .prop_map(|(a, o1, b, o2, c)| format!("{a} {o1} {b} {o2} {c}")),
        1 => ("[xy]", int_lit()).prop_map(|(a, b)| format!("{a} in xs or {b} in xs")),
        1 => "[xyf]".prop_map(|a| format!("not {a}")),
    ]
}

/// One statement of a program.
fn statement() -> impl Strategy<Value = String> {
    let spec = prop::sample::select(vec![
        "", ":.3f", ":.2e", ":>12", ":<8", ":^9", ":,", ":+d", ":08.2f", ":.1%", ":g", "!r",
    ]);
    prop_oneof![
        4 => (prop::sample::select(INTS), num_expr()).prop_map(|(v, e)| format!("{v} = {e}")),
        2 => num_expr().prop_map(|e| format!("f = {e}")),
        3 => num_expr().prop_map(|e| format!("print({e})")),
        2 => (num_expr(), bool_expr_leaf()).prop_map(|(a, c)| format!("print({a}, {c})")),
        2 => (num_expr(), spec).prop_map(|(e, s)| format!("print(f'{{{e}{s}}}')")),
        2 => num_expr().prop_map(|e| format!("xs.append({e})")),
        1 => Just("xs.pop()".to_string()),
        1 => (0usize..4, num_expr()).prop_map(|(i, e)| format!("xs[{i}] = {e}")),
        1 => Just("ys = xs\nys.append(x)".to_string()),
        1 => Just("xs.sort()".to_string()),
        1 => Just("xs = xs[1:] + [y]".to_string()),
        1 => Just("print(sorted(xs), len(xs), sum(xs))".to_string()),
        1 => num_expr().prop_map(|e| format!("x += {e}")),
        1 => bool_expr_leaf().prop_map(|c| format!("if {c}:\n    x = x + 1\nelse:\n    y = y - 1")),
        1 => Just("for v in xs[:3]:\n    x = x + v".to_string()),
        1 => (num_expr(), prop::sample::select(vec!["%.3f", "%d", "%8.2e", "%5s", "%r", "%g", "%+.1f"]))
            .prop_map(|(e, f)| format!("print('{f}' % ({e},))")),
        1 => (num_expr(), prop::sample::select(vec!["{}", "{:>8}", "{:.2f}", "{:,}", "{!r:^12}"]))
            .prop_map(|(e, f)| format!("print('{f}'.format({e}))")),
        1 => Just("print(', '.join(str(v) for v in xs), str(x).zfill(6), repr(f).upper())".to_string()),
        1 => Just("print([v * 2 for v in xs if v > 0], {v: v % 3 for v in xs[:2]})".to_string()),
        1 => Just("d = dict(zip(['a', 'b'], xs))\nd['c'] = x\nprint(d, d.get('z', f), sorted(d))".to_string()),
    ]
}

/// A whole program: the names set up, some statements, a last value.
fn program() -> impl Strategy<Value = String> {
    (
        int_lit(),
        int_lit(),
        float_lit(),
        prop::collection::vec(int_lit(), 2..5),
        prop::collection::vec(statement(), 1..6),
        prop_oneof![num_expr(), bool_expr_leaf(), Just("xs".to_string())],
    )
        .prop_map(|(x, y, f, xs, body, last)| {
            format!(
                "x = {x}\ny = {y}\nf = {f}\nxs = [{}]\n{}\n{last}",
                xs.join(", "),
                body.join("\n")
            )
        })
}

/// What Python 3.11 shows for each program, run by the tables' oracle.
fn python_outputs(python: &str, programs: &[String]) -> Vec<String> {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let driver = format!(
        "import json, sys\nsys.path.insert(0, {fixtures:?})\n\
         from gen_python_semantics import run_cell\n\
         print(json.dumps([run_cell(p) for p in json.load(sys.stdin)]))"
    );
    let mut child = std::process::Command::new(python)
        .args(["-c", &driver])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python runs");
    let input = serde_json::to_vec(programs).unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), &input).unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the Python oracle failed");
    serde_json::from_slice(&out.stdout).expect("a JSON list of outputs")
}

#[test]
fn random_programs_print_what_python_prints() {
    let Some(python) = python_with(&["numpy"], "random programs against Python") else {
        return;
    };
    let cases = std::env::var("GRADLAB_PROP_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let batch = prop::collection::vec(program(), 120);
    let mut failures = Vec::new();
    let mut total = 0;
    for _ in 0..cases {
        let programs = batch.new_tree(&mut runner).unwrap().current();
        let want = python_outputs(&python, &programs);
        for (src, want) in programs.iter().zip(&want) {
            total += 1;
            let got = crate::python_semantics::run_cell(src);
            if &got != want {
                failures.push(format!("{src}\n--- python:\n{want}--- gradlab:\n{got}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} random programs differ from Python:\n\n{}",
        failures.len(),
        failures.join("\n=====\n")
    );
}
