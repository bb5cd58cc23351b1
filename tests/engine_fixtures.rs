//! Every `call` case of tests/fixtures/gradient_diff.jsonl (NumPy 2.4.6's
//! results) and of engine_extra.jsonl (corner cases, generated with NumPy by
//! gen_engine_extra.py) replayed against the engine.

use crate::common;

use common::{array, compare, compare_gradient, gradient_value, max_abs};
use gradlab::array::{Array, Axis, AxisSpec};
use gradlab::engine::{
    DiffArgs, DiffOrder, Error, Gradient, GradientArgs, diff, gradient, reference,
};
use serde_json::Value;

const FIXTURES: &str = include_str!("fixtures/gradient_diff.jsonl");
const EXTRA: &str = include_str!("fixtures/engine_extra.jsonl");

/// The outcome of one case: pass, skipped (with the reason), or a failure.
enum Outcome {
    Pass { inexact: usize },
    Skip(String),
    Fail(String),
}

#[test]
fn fixture_calls_match_numpy() {
    let passed = replay(FIXTURES, 5, FAST);
    assert!(passed >= 270, "too few cases ran: {passed}");
}

#[test]
fn reference_matches_numpy_too() {
    assert!(replay(FIXTURES, 5, REFERENCE) >= 270);
    assert!(replay(EXTRA, 0, REFERENCE) >= 60);
}

#[test]
fn corner_cases_match_numpy() {
    let passed = replay(EXTRA, 0, FAST);
    assert!(passed >= 60, "too few cases ran: {passed}");
}

/// The implementation under test: `gradient` and `diff`.
type Engine = (
    fn(&Array, &GradientArgs) -> Result<Gradient, Error>,
    fn(&Array, &DiffArgs) -> Result<Array, Error>,
);
const FAST: Engine = (gradient, diff);
const REFERENCE: Engine = (reference::gradient, reference::diff);

/// Runs every case with a `call`; fails on any mismatch. Returns the number
/// of cases that passed.
fn replay(cases: &str, max_skipped: usize, engine: Engine) -> usize {
    let (mut passed, mut inexact, mut skipped, mut failed) = (0, 0, Vec::new(), Vec::new());
    for line in cases.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("fixture line is JSON");
        let Some(call) = case.get("call") else {
            continue;
        };
        let id = case["id"].as_str().unwrap();
        match run_case(call, &case["expect"], engine) {
            Outcome::Pass { inexact: k } => {
                passed += 1;
                inexact += k;
            }
            Outcome::Skip(why) => skipped.push(format!("{id}: {why}")),
            Outcome::Fail(why) => failed.push(format!("{id} ({}): {why}", case["stmt"])),
        }
    }
    println!(
        "{passed} passed, {} skipped, {} failed; {inexact} floats not bit-identical",
        skipped.len(),
        failed.len()
    );
    for s in &skipped {
        println!("skipped {s}");
    }
    assert!(failed.is_empty(), "failures:\n{}", failed.join("\n"));
    // Stronger than the README's tolerance: the engine repeats NumPy's
    // floating-point operations in NumPy's order.
    assert_eq!(inexact, 0, "floats that are close but not bit-identical");
    assert!(
        skipped.len() <= max_skipped,
        "too many skipped: {skipped:?}"
    );
    passed
}

fn run_case(call: &Value, expect: &Value, (gradient, diff): Engine) -> Outcome {
    let args = call["args"].as_array().unwrap();
    let kwargs = call["kwargs"].as_object().unwrap();
    let input = array(&args[0]);
    let int = |v: &Value| v["value"].as_i64();
    match call["fn"].as_str().unwrap() {
        "gradient" => {
            let mut ga = GradientArgs {
                varargs: args[1..].iter().map(array).collect(),
                ..GradientArgs::default()
            };
            if let Some(ax) = kwargs.get("axis") {
                ga.axis = match ax["kind"].as_str().unwrap() {
                    "none" => AxisSpec::All,
                    "tuple" => AxisSpec::Many(
                        ax["items"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|v| Axis(int(v).unwrap()))
                            .collect(),
                    ),
                    _ => AxisSpec::One(Axis(int(ax).unwrap())),
                };
            }
            if let Some(e) = kwargs.get("edge_order") {
                ga.edge_order = gradlab::engine::EdgeOrder::new(int(e).unwrap());
            }
            // The README's scale: largest |f| over the smallest step.
            let step = ga.varargs.iter().map(min_step).fold(1.0f64, f64::min);
            let scale = max_abs(&input) / step;
            check(gradient(&input, &ga), expect, |got, want| {
                compare_gradient(got, &gradient_value(want), scale)
            })
        }
        "diff" => {
            let mut da = DiffArgs::default();
            if args.len() > 1 {
                return Outcome::Skip("positional n".into());
            }
            for (k, v) in kwargs {
                match (k.as_str(), v["kind"].as_str().unwrap()) {
                    ("n", "scalar") => da.n = DiffOrder::new(int(v).unwrap()),
                    ("axis", "scalar") => da.axis = Axis(int(v).unwrap()),
                    ("axis", kind) => {
                        return Outcome::Skip(format!(
                            "axis of kind {kind} is not an int (the evaluator's TypeError)"
                        ));
                    }
                    ("prepend", _) => da.prepend = Some(array(v)),
                    ("append", _) => da.append = Some(array(v)),
                    _ => return Outcome::Skip(format!("kwarg {k}")),
                }
            }
            let scale = max_abs(&input);
            check(diff(&input, &da), expect, |got, want| {
                compare(got, &array(want), scale)
            })
        }
        other => Outcome::Skip(format!("function {other}")),
    }
}

/// The smallest non-zero |step| a spacing argument implies.
fn min_step(d: &Array) -> f64 {
    let x = d.to_f64_vec();
    let steps: Vec<f64> = if x.len() == 1 {
        x
    } else {
        x.windows(2).map(|w| w[1] - w[0]).collect()
    };
    steps
        .iter()
        .map(|s| s.abs())
        .filter(|s| *s > 0.0 && s.is_finite())
        .fold(1.0, f64::min)
}

fn check<T: std::fmt::Debug>(
    got: Result<T, Error>,
    expect: &Value,
    cmp: impl Fn(&T, &Value) -> Result<usize, String>,
) -> Outcome {
    match (got, expect.get("value"), expect.get("error")) {
        (Ok(got), Some(want), _) => match cmp(&got, want) {
            Ok(inexact) => Outcome::Pass { inexact },
            Err(e) => Outcome::Fail(e),
        },
        (Err(e), _, Some(want)) => {
            let (ty, msg) = (
                want["type"].as_str().unwrap(),
                want["message"].as_str().unwrap(),
            );
            if e.kind.name() == ty && e.message == msg {
                Outcome::Pass { inexact: 0 }
            } else {
                Outcome::Fail(format!("got {e}, want {ty}: {msg}"))
            }
        }
        (Ok(got), None, Some(want)) => Outcome::Fail(format!("got {got:?}, want error {want}")),
        (Err(e), Some(_), _) => Outcome::Fail(format!("got error {e}, want a value")),
        _ => Outcome::Skip("expectation is neither a value nor an error".into()),
    }
}
