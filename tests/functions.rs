//! numdifftools through the language: `nd.Derivative`, `nd.Gradient`,
//! `nd.Jacobian`, `nd.Hessian` and `derivative` must return what
//! numdifftools 0.11.2 returns — same shapes, dtypes and repr structure,
//! values equal up to numdifftools' rounding — and be accurate against
//! the exact derivatives.
//!
//! The reference rows in `tests/fixtures/functions.jsonl` come from
//! `tests/fixtures/gen_functions.py` run with the real numdifftools.

use crate::quiet;
use gradlab::eval::{Event, Session, Value};
use gradlab::notebook::{json, run_script};
use gradlab::script::Script;
use quiet::output_text;
use serde_json::Value as Json;

/// Runs `src` in a fresh session; returns the session and the last cell's
/// value (or the text it showed, for a failure message).
fn run(src: &str) -> (Session, Result<Value, String>) {
    let mut session = Session::new();
    let cells = run_script(&mut session, &Script::parse(src), |_, _| {});
    let last = cells.last().expect("a cell");
    for c in &cells[..cells.len() - 1] {
        assert!(
            !c.has_error(),
            "setup failed: {:?}",
            output_text(&session, c)
        );
    }
    let value = last.events().find_map(|e| match e {
        Event::Value(v) => Some(v.clone()),
        _ => None,
    });
    let shown = output_text(&session, last).unwrap_or_default();
    (session, value.ok_or(shown))
}

/// What the last statement of `src` shows.
fn shown(src: &str) -> String {
    let mut session = Session::new();
    let cells = run_script(&mut session, &Script::parse(src), |_, _| {});
    output_text(&session, cells.last().expect("a cell")).unwrap_or_default()
}

/// The text with every number replaced by `#`: what must match exactly
/// when the digits may differ.
fn structure(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    while i < chars.len() {
        let starts = digit(i) || (chars[i] == '.' && digit(i + 1));
        let prev_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if starts && !prev_word {
            while digit(i) || chars.get(i) == Some(&'.') {
                i += 1;
            }
            if matches!(chars.get(i), Some('e' | 'E'))
                && (digit(i + 1) || (matches!(chars.get(i + 1), Some('+' | '-')) && digit(i + 2)))
            {
                i += 2;
                while digit(i) {
                    i += 1;
                }
            }
            out.push('#');
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn num(v: &Json) -> f64 {
    match v {
        Json::String(s) => s.parse().expect("nan/inf"),
        other => other.as_f64().expect("a number"),
    }
}

fn close(got: f64, want: f64, rtol: f64) -> bool {
    (got.is_nan() && want.is_nan()) || (got - want).abs() <= rtol * want.abs().max(1.0)
}

/// Compares two VALUE trees: kinds, names, dtypes and shapes exactly;
/// data within `rtol` when `data` is set, else not at all.
fn compare(got: &Json, want: &Json, rtol: f64, data: bool, path: &str, errs: &mut Vec<String>) {
    let mut same = |key: &str| {
        if got[key] != want[key] {
            errs.push(format!("{path}.{key}: got {} want {}", got[key], want[key]));
        }
    };
    same("kind");
    same("name");
    same("fields");
    same("dtype");
    same("shape");
    match want["kind"].as_str() {
        Some("array") if data => {
            let (g, w) = (got["data"].as_array(), want["data"].as_array());
            let (Some(g), Some(w)) = (g, w) else { return };
            if g.len() != w.len() || !g.iter().zip(w).all(|(a, b)| close(num(a), num(b), rtol)) {
                errs.push(format!("{path}: data {g:?} not within {rtol:e} of {w:?}"));
            }
        }
        Some("scalar") if data && !close(num(&got["value"]), num(&want["value"]), rtol) => {
            errs.push(format!("{path}: {} vs {}", got["value"], want["value"]));
        }
        Some("tuple") => {
            let empty = Vec::new();
            let g = got["items"].as_array().unwrap_or(&empty);
            let w = want["items"].as_array().unwrap_or(&empty);
            if g.len() != w.len() {
                errs.push(format!("{path}: {} items, want {}", g.len(), w.len()));
            }
            // Only an EstimateResult's estimate is a number to agree on:
            // its error bookkeeping depends on pinv rounding.
            let named = want.get("name").is_some();
            for (k, (a, b)) in g.iter().zip(w).enumerate() {
                compare(
                    a,
                    b,
                    rtol,
                    data && (!named || k == 0),
                    &format!("{path}[{k}]"),
                    errs,
                );
            }
        }
        _ => {}
    }
}

/// The estimate's data: the array itself, or item 0 of an EstimateResult.
fn estimate_data(v: &Json) -> Vec<f64> {
    let a = if v["kind"] == "tuple" {
        &v["items"][0]
    } else {
        v
    };
    match a["data"].as_array() {
        Some(d) => d.iter().map(num).collect(),
        None => vec![num(&a["value"])],
    }
}

#[test]
fn numdifftools_results_through_the_language() {
    let text = std::fs::read_to_string("tests/fixtures/functions.jsonl").expect("fixture");
    let mut lines = text
        .lines()
        .map(|l| serde_json::from_str::<Json>(l).expect("json"));
    let setup = lines.next().expect("setup row")["setup"]
        .as_str()
        .expect("setup")
        .to_string();
    let mut failures = Vec::new();
    let mut count = 0;
    for row in lines {
        count += 1;
        let stmt = row["stmt"].as_str().expect("stmt");
        let rtol = row["rtol"].as_f64().expect("rtol");
        let (session, got) = run(&format!("{setup}{stmt}\n"));
        let v = match got {
            Ok(v) => v,
            Err(shown) => {
                failures.push(format!("{stmt}: no value, showed {shown}"));
                continue;
            }
        };
        let mut errs = Vec::new();
        let got_json = json::value(&session, &v);
        compare(&got_json, &row["value"], rtol, true, "", &mut errs);
        let (want_repr, want_str) = (row["repr"].as_str().unwrap(), row["str"].as_str().unwrap());
        let (repr, str) = (session.repr(&v), session.str(&v));
        // The repr shows 8 significant digits: exact unless it carries
        // error estimates.
        // error estimates (their digits set the padding, so spaces are not
        // compared either).
        let exact_repr = row["value"].get("name").is_none();
        let mask = |t: &str| {
            let t = structure(t);
            if exact_repr {
                t
            } else {
                t.split_whitespace().collect::<String>()
            }
        };
        if (exact_repr && repr != want_repr) || mask(&repr) != mask(want_repr) {
            errs.push(format!("repr\n      got:  {repr}\n      want: {want_repr}"));
        }
        if mask(&str) != mask(want_str) {
            errs.push(format!("str\n      got:  {str}\n      want: {want_str}"));
        }
        if let Some(exact) = row["exact"].as_array() {
            let tol = row["exact_tol"].as_f64().expect("exact_tol");
            let est = estimate_data(&got_json);
            let exact: Vec<f64> = exact.iter().map(num).collect();
            if est.len() != exact.len() || !est.iter().zip(&exact).all(|(g, e)| close(*g, *e, tol))
            {
                errs.push(format!("vs exact {exact:?}: {est:?} (tol {tol:e})"));
            }
        }
        if !errs.is_empty() {
            failures.push(format!("{stmt}:\n    {}", errs.join("\n    ")));
        }
    }
    assert!(count >= 60, "only {count} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn structure_masks_numbers_only() {
    assert_eq!(structure("array([2.5, 1e-05])"), "array([#, #])");
    assert_eq!(structure("array(-6.43929354e-14)"), "array(-#)");
    assert_eq!(
        structure("float64 x2 best_index=array([6])"),
        "float64 x2 best_index=array([#])"
    );
}

/// The tutorial, verbatim.
#[test]
fn tutorial_gradient_of_f1() {
    let src =
        "import numdifftools as nd\ndef f1(x): return x**2 + 1\ngrad = nd.Gradient(f1)([1])\n";
    assert_eq!(shown(&format!("{src}grad\n")), "array(2.)");
    assert_eq!(shown(&format!("{src}print(grad)\n")), "2.0");
    assert_eq!(
        shown(&format!("{src}grad.shape, grad.dtype\n")),
        "((), dtype('float64'))"
    );
}

const ND: &str = "import numdifftools as nd\nimport math\n";

/// One-line cases: statement → what gradlab shows.
#[test]
fn estimate_result_is_a_namedtuple() {
    let r = "r = nd.Derivative(np.exp, full_output=True)([1.0, 2.0])\n";
    for (stmt, want) in [
        ("len(r)", "4"),
        ("r.estimate.shape", "(2,)"),
        (
            "r",
            "EstimateResult(estimate=array([2.71828183, 7.3890561 ]), error_estimate=array([6.43929354e-14, 3.76587650e-13]), final_step=array([0.0078125 , 0.01025986]), best_index=array([12, 13]))",
        ),
        ("r.error_estimate.shape, r.final_step.shape", "((2,), (2,))"),
        ("r.best_index.dtype", "dtype('int64')"),
        ("r[0] == r.estimate", "array([ True,  True])"),
        (
            "est, err, step, idx = r; est",
            "array([2.71828183, 7.3890561 ])",
        ),
        ("r.error_estimate < 1e-12", "array([ True,  True])"),
        (
            "r.value",
            "AttributeError: 'EstimateResult' object has no attribute 'value'",
        ),
    ] {
        let got = shown(&format!("{ND}{r}{stmt}\n"));
        assert_eq!(got, want, "{stmt}");
    }
}

#[test]
fn gradlab_derivative_function() {
    for (stmt, want) in [
        ("derivative(lambda x: x**2 + 1, 1)", "np.float64(2.0)"),
        (
            "derivative(np.sin, [0.5, 1.0])",
            "array([0.87758256, 0.54030231])",
        ),
        ("derivative(np.exp, 0.0, n=2)", "np.float64(1.0)"),
        ("derivative(np.exp, 1.0, full_output=True)[3]", "6"),
        (
            "derivative(np.exp, 1.0, full_output=True).estimate",
            "np.float64(2.718281828459045)",
        ),
    ] {
        let got = shown(&format!("{ND}{stmt}\n"));
        assert_eq!(structure(&got), structure(want), "{stmt}: {got}");
        let (g, w) = (first_number(&got), first_number(want));
        assert!(close(g, w, 1e-12), "{stmt}: {got} vs {want}");
    }
}

fn first_number(text: &str) -> f64 {
    let start = text.find(|c: char| c.is_ascii_digit()).expect("a number");
    let end = text[start..]
        .find(|c: char| !(c.is_ascii_digit() || ".e-+".contains(c)))
        .map_or(text.len(), |e| start + e);
    text[start..end].parse().expect("number")
}

/// A function that raises or returns NaN at a sample: the error names the
/// sample and the point of differentiation. (numdifftools raises the
/// function's own exception, and returns nan silently for NaN samples.)
#[test]
fn failing_functions_name_the_point() {
    for (stmt, want) in [
        (
            "nd.Derivative(math.log)(1.0)",
            "ValueError: math domain error (raised by the function at x = -1.0, a sample for the derivative at x = 1.0)",
        ),
        (
            "nd.Derivative(lambda x: 1/x, n=2)(0.0)",
            "ZeroDivisionError: float division by zero (raised by the function at x = 0.0)",
        ),
        (
            "nd.Derivative(np.log)(0)",
            "ValueError: no finite derivative at x = 0.0: the function returned nan at x = -0.0001220703125",
        ),
        (
            "nd.Derivative(np.sqrt)([1.0, 0.0])",
            "ValueError: no finite derivative at x = 0.0: the function returned nan at x = -0.0001220703125",
        ),
        (
            "nd.Derivative(lambda x: x if x < 1 else np.nan)(1.0)",
            "ValueError: no finite derivative at x = 1.0: the function returned nan at x = 1.0001220703125",
        ),
        (
            "nd.Gradient(lambda x: math.sqrt(x[0]) + x[1])([0.0, 1.0])",
            "ValueError: math domain error (raised by the function at x = [-2.0, 1.0], a sample for the derivative at x = [0.0, 1.0])",
        ),
        (
            "nd.Hessian(lambda x: x)([1.0, 2.0])",
            "ValueError: nd.Hessian expects f to return one number, got 2 values (raised by the function at x = [1.0, 2.0])",
        ),
        (
            "nd.Derivative(np.sin, method='complex')(1.0)",
            "ValueError: method 'complex' is not one of 'central', 'forward', 'backward'",
        ),
    ] {
        let got = shown(&format!("{ND}{stmt}\n"));
        let last = got.lines().last().unwrap_or_default();
        assert_eq!(last, want, "{stmt}");
    }
    // NaN away from the point is tolerated, as in numdifftools: log at 1
    // samples log(-1) with its largest steps.
    assert_eq!(
        shown(&format!("{ND}nd.Derivative(np.log)(1.0)\n")),
        "array(1.)"
    );
}

/// A failed derivative changes nothing in the session.
#[test]
fn failed_statement_binds_nothing() {
    let got = shown(&format!("{ND}d = nd.Derivative(math.log)(1.0)\nd\n"));
    assert_eq!(
        got,
        "NameError: name 'd' is not defined. Did you mean: 'nd'?"
    );
}
