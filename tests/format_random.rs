//! Replays the NumPy oracle corpus written by
//! `tests/fixtures/gen_printing_random.py`: every array, scalar and tuple
//! must print byte for byte as NumPy printed it.

use gradlab::array::Array;
use gradlab::format::{
    PrintOptions, Threshold, array_repr, array_str, scalar_repr_bool, scalar_repr_f64,
    scalar_repr_i64, scalar_str_bool, scalar_str_f64, scalar_str_i64, tuple_repr,
};
use serde_json::Value;

fn lines(name: &str) -> Vec<Value> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .map(|l| serde_json::from_str(l).expect("corpus line is JSON"))
        .collect()
}

fn float(v: &Value) -> f64 {
    match v {
        Value::String(s) => match s.as_str() {
            "nan" => f64::NAN,
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            other => panic!("bad float {other}"),
        },
        v => v.as_f64().expect("float"),
    }
}

/// The array of a `{"dtype", "shape", "data"}` object.
fn array(case: &Value) -> Array {
    let shape: Vec<usize> = case["shape"]
        .as_array()
        .expect("shape")
        .iter()
        .map(|n| n.as_u64().expect("dim") as usize)
        .collect();
    let data = case["data"].as_array().expect("data");
    match case["dtype"].as_str().expect("dtype") {
        "float64" => Array::from_vec(&shape, data.iter().map(float).collect()).expect("shape"),
        "int64" => Array::from_vec(&shape, data.iter().map(|v| v.as_i64().unwrap()).collect())
            .expect("shape"),
        "bool" => Array::from_vec(&shape, data.iter().map(|v| v.as_bool().unwrap()).collect())
            .expect("shape"),
        other => panic!("dtype {other}"),
    }
}

fn options(case: &Value) -> PrintOptions {
    let mut o = PrintOptions::default();
    if let Some(opts) = case.get("opts") {
        let get = |k: &str, d: usize| opts.get(k).map_or(d, |v| v.as_u64().unwrap() as usize);
        o = PrintOptions {
            precision: Some(get("precision", 8)),
            linewidth: get("linewidth", o.linewidth),
            threshold: Threshold::Int(get("threshold", 1000) as i64),
            edgeitems: get("edgeitems", o.edgeitems),
            ..o
        };
    }
    o
}

/// Compares `(what, got, want)` triples and fails with the first mismatches.
fn check(failures: Vec<String>, total: usize) {
    let shown: Vec<&String> = failures.iter().take(10).collect();
    assert!(
        failures.is_empty(),
        "{} of {total} cases differ from NumPy; first ones:\n{}",
        failures.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn compare(failures: &mut Vec<String>, case: &Value, what: &str, got: &str) {
    let want = case[what].as_str().expect("expected text");
    if got != want {
        let data = case.to_string();
        let data: String = data.chars().take(300).collect();
        failures.push(format!("{what}: got\n{got}\nwant\n{want}\ncase {data}\n"));
    }
}

#[test]
fn arrays_print_as_numpy_does() {
    let cases = lines("printing_random.jsonl");
    assert!(cases.len() > 2500, "corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let (a, o) = (array(case), options(case));
        compare(&mut failures, case, "repr", &array_repr(&a, &o));
        compare(&mut failures, case, "str", &array_str(&a, &o));
    }
    check(failures, cases.len());
}

#[test]
fn scalars_and_tuples_print_as_numpy_does() {
    let cases = lines("printing_scalars.jsonl");
    assert!(cases.len() > 1500, "corpus has {} cases", cases.len());
    let o = PrintOptions::default();
    let mut failures = Vec::new();
    for case in &cases {
        let (repr, str) = match case["kind"].as_str().expect("kind") {
            "tuple" => {
                let items = case["items"].as_array().expect("items");
                let reprs: Vec<String> = items.iter().map(|c| array_repr(&array(c), &o)).collect();
                // Python's str of a tuple is its repr (rule E5).
                (tuple_repr(&reprs), tuple_repr(&reprs))
            }
            "scalar" => {
                let v = &case["value"];
                match case["dtype"].as_str().expect("dtype") {
                    "float64" => (scalar_repr_f64(float(v)), scalar_str_f64(float(v))),
                    "int64" => {
                        let x = v.as_i64().expect("int");
                        (scalar_repr_i64(x), scalar_str_i64(x))
                    }
                    "bool" => {
                        let x = v.as_bool().expect("bool");
                        (scalar_repr_bool(x), scalar_str_bool(x))
                    }
                    other => panic!("dtype {other}"),
                }
            }
            other => panic!("kind {other}"),
        };
        compare(&mut failures, case, "repr", &repr);
        compare(&mut failures, case, "str", &str);
    }
    check(failures, cases.len());
}
