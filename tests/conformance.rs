//! End to end JSON contract: every case of tests/fixtures/gradient_diff.jsonl
//! through `gradlab run FILE --json`, batched many cases per script (each
//! case's setup lines, then its statement; events matched by "line"), and
//! compared under tests/fixtures/README rules: ints and bools exactly,
//! floats to rtol 1e-12 plus atol 1e-12 x scale, NaN/inf at the same
//! positions, dtype and shape exactly, errors by type.

use crate::cli;

use serde_json::Value;

const RTOL: f64 = 1e-12;

fn float(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => match s.as_str() {
            "nan" => Some(f64::NAN),
            "inf" => Some(f64::INFINITY),
            "-inf" => Some(f64::NEG_INFINITY),
            _ => None,
        },
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// Largest finite magnitude in a VALUE (arrays, scalars, tuples).
fn max_abs(v: &Value) -> f64 {
    let finite = |x: &Value| float(x).filter(|f| f.is_finite()).map_or(0.0, f64::abs);
    match v["kind"].as_str() {
        Some("array") => v["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(finite)
            .fold(0.0, f64::max),
        Some("scalar") => finite(&v["value"]),
        Some("tuple") => v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(max_abs)
            .fold(0.0, f64::max),
        _ => 0.0,
    }
}

/// The smallest positive step a spacing argument gives: a scalar itself,
/// coordinates their smallest nonzero difference.
fn min_step(v: &Value) -> Option<f64> {
    let data: Vec<f64> = match v["kind"].as_str() {
        Some("scalar") => vec![float(&v["value"])?.abs()],
        Some("array") if v["shape"].as_array()?.is_empty() => {
            vec![float(&v["data"][0])?.abs()]
        }
        Some("array") => {
            let xs: Vec<f64> = v["data"].as_array()?.iter().filter_map(float).collect();
            xs.windows(2).map(|w| (w[1] - w[0]).abs()).collect()
        }
        _ => return None,
    };
    data.into_iter()
        .filter(|h| h.is_finite() && *h > 0.0)
        .min_by(f64::total_cmp)
}

/// README's scale: diff, the largest input value (prepend/append included);
/// gradient, the largest |f| over the smallest step. Cases without a `call`
/// use the largest number written in them. Never below the largest
/// expected value.
fn scale(case: &Value, expected: &Value) -> f64 {
    let s = match case.get("call") {
        Some(call) => {
            let data = max_abs(&call["args"][0]);
            if call["fn"] == "diff" {
                ["prepend", "append"]
                    .iter()
                    .filter_map(|k| call["kwargs"].get(*k))
                    .map(max_abs)
                    .fold(data, f64::max)
            } else {
                let steps = call["args"].as_array().unwrap()[1..]
                    .iter()
                    .filter_map(min_step);
                match steps.min_by(f64::total_cmp) {
                    Some(h) if (data / h).is_finite() => data / h,
                    _ => data,
                }
            }
        }
        None => {
            let text: Vec<&str> = case["setup"]
                .as_array()
                .unwrap()
                .iter()
                .chain([&case["stmt"]])
                .filter_map(Value::as_str)
                .collect();
            let text = text.join("\n");
            gradlab::syntax::tokens(&text)
                .iter()
                .filter(|t| t.kind == gradlab::syntax::TokenKind::Number)
                .filter_map(|t| text[t.span.clone()].replace('_', "").parse::<f64>().ok())
                .filter(|x| x.is_finite())
                .fold(0.0_f64, |m, x| m.max(x.abs()))
        }
    };
    s.max(max_abs(expected))
}

fn elem_ok(dtype: &str, want: &Value, got: &Value, atol: f64) -> bool {
    match dtype {
        "bool" => want == got,
        "int64" => want.as_i64().is_some() && want.as_i64() == got.as_i64() && got.is_i64(),
        _ => match (float(want), float(got)) {
            (Some(w), Some(g)) if w.is_nan() => g.is_nan() && got.is_string(),
            (Some(w), Some(g)) if w.is_infinite() => g == w,
            (Some(w), Some(g)) => g.is_finite() && (g - w).abs() <= atol + RTOL * w.abs(),
            _ => false,
        },
    }
}

/// None when `got` matches `want`, else why not.
fn compare(want: &Value, got: &Value, atol: f64) -> Option<String> {
    if want["kind"] != got["kind"] {
        return Some(format!("kind {} vs {}", got["kind"], want["kind"]));
    }
    match want["kind"].as_str().unwrap() {
        "tuple" => {
            let (w, g) = (want["items"].as_array()?, got["items"].as_array()?);
            if w.len() != g.len() {
                return Some(format!("{} items, expected {}", g.len(), w.len()));
            }
            w.iter().zip(g).find_map(|(w, g)| compare(w, g, atol))
        }
        "array" => {
            if want["dtype"] != got["dtype"] || want["shape"] != got["shape"] {
                return Some(format!(
                    "dtype/shape {} {} vs {} {}",
                    got["dtype"], got["shape"], want["dtype"], want["shape"]
                ));
            }
            let dtype = want["dtype"].as_str().unwrap();
            let (w, g) = (want["data"].as_array()?, got["data"].as_array()?);
            if w.len() != g.len() {
                return Some("data length".into());
            }
            w.iter()
                .zip(g)
                .position(|(w, g)| !elem_ok(dtype, w, g, atol))
                .map(|k| format!("element {k}: {} vs {} (atol {atol:e})", g[k], w[k]))
        }
        "scalar" => {
            let dtype = want["dtype"].as_str().unwrap();
            (want["dtype"] != got["dtype"] || !elem_ok(dtype, &want["value"], &got["value"], atol))
                .then(|| format!("scalar {} vs {}", got, want))
        }
        _ => (want != got).then(|| format!("{got} vs {want}")),
    }
}

/// None when the event matches the case's `expect`.
fn grade(case: &Value, event: Option<&Value>) -> Option<String> {
    let Some(event) = event else {
        return Some("no event for the statement's line".into());
    };
    let expect = &case["expect"];
    if let Some(want) = expect.get("value") {
        return match event.get("value") {
            Some(got) => compare(want, got, 1e-12 * scale(case, want)),
            None => Some(format!("no value: {event}")),
        };
    }
    if let Some(want) = expect.get("stdout") {
        return (event.get("stdout") != Some(want)).then(|| format!("{event}"));
    }
    let want = &expect["error"]["type"];
    (event.get("error").map(|e| &e["type"]) != Some(want)).then(|| format!("{event}"))
}

#[test]
fn gradient_diff_fixture_through_the_binary() {
    let cases: Vec<Value> = cli::fixture_cases("gradient_diff.jsonl");
    assert!(cases.len() >= 300, "{}", cases.len());
    let dir = cli::scratch("conformance");
    let mut failures = Vec::new();
    for (b, batch) in cases.chunks(50).enumerate() {
        let mut lines: Vec<&str> = Vec::new();
        let mut stmt_line = Vec::new();
        for c in batch {
            lines.extend(
                c["setup"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap()),
            );
            lines.push(c["stmt"].as_str().unwrap());
            stmt_line.push(lines.len() as u64);
        }
        let file = dir.join(format!("batch{b}.grad"));
        std::fs::write(&file, lines.join("\n") + "\n").unwrap();
        let (_, out, err) = cli::gradlab(&["run", file.to_str().unwrap(), "--json"], None);
        let events: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}\n{err}")))
            .collect();
        for (c, line) in batch.iter().zip(stmt_line) {
            // Warnings are events of the line too (tests/warnings.rs checks them).
            let event = events
                .iter()
                .find(|e| e["line"] == line && e.get("warning").is_none());
            if let Some(why) = grade(c, event) {
                failures.push(format!("{} ({}): {why}", c["id"], c["stmt"]));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
