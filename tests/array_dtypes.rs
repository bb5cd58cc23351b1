//! The array layer's dtypes against NumPy 2.4.6 (tests/fixtures/
//! array_dtypes.jsonl, made by gen_array_dtypes.py): names and codes,
//! spellings, promotion, casting rules, NEP 50 weak scalars, and every
//! element cast of `astype` between the twelve dtypes, contiguous and
//! strided.

use gradlab::array::{Array, Casting, Complex128, DType, Index, Kind, Scalar};
use gradlab::format::py_float;
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/array_dtypes.jsonl");

fn dtype(v: &Value) -> DType {
    let name = v.as_str().expect("dtype name");
    DType::ALL
        .into_iter()
        .find(|d| d.name() == name)
        .unwrap_or_else(|| panic!("unknown dtype {name}"))
}

/// NumPy's text of one element (see the generator): parsed into a scalar
/// of `d`.
fn scalar(d: DType, text: &str) -> Scalar {
    let int = || text.parse::<i128>().expect("integer");
    let float = || text.parse::<f64>().expect("float");
    match d {
        DType::Bool => Scalar::Bool(text == "True"),
        DType::Int8 => Scalar::Int8(int() as i8),
        DType::Int16 => Scalar::Int16(int() as i16),
        DType::Int32 => Scalar::Int32(int() as i32),
        DType::Int64 => Scalar::Int64(int() as i64),
        DType::UInt8 => Scalar::UInt8(int() as u8),
        DType::UInt16 => Scalar::UInt16(int() as u16),
        DType::UInt32 => Scalar::UInt32(int() as u32),
        DType::UInt64 => Scalar::UInt64(int() as u64),
        DType::Float32 => Scalar::Float32(float() as f32),
        DType::Float64 => Scalar::Float64(float()),
        DType::Complex128 => {
            let (re, im) = text.split_once(',').expect("re,im");
            Scalar::Complex128(Complex128::new(
                re.parse().expect("re"),
                im.parse().expect("im"),
            ))
        }
    }
}

/// The generator's canonical text of a scalar.
fn text(s: Scalar) -> String {
    match s {
        Scalar::Bool(b) => if b { "True" } else { "False" }.to_string(),
        Scalar::Float32(x) => py_float(f64::from(x)),
        Scalar::Float64(x) => py_float(x),
        Scalar::Complex128(z) => format!("{},{}", py_float(z.re), py_float(z.im)),
        Scalar::Int8(x) => x.to_string(),
        Scalar::Int16(x) => x.to_string(),
        Scalar::Int32(x) => x.to_string(),
        Scalar::Int64(x) => x.to_string(),
        Scalar::UInt8(x) => x.to_string(),
        Scalar::UInt16(x) => x.to_string(),
        Scalar::UInt32(x) => x.to_string(),
        Scalar::UInt64(x) => x.to_string(),
    }
}

/// A 1-D array of `values`, contiguous or as every other element of an
/// array twice as long (written through the layer's assignment).
fn source(d: DType, values: &[Value], strided: bool) -> Array {
    let n = values.len();
    let base = Array::zeros(d, &[if strided { 2 * n } else { n }]).unwrap();
    let a = if strided {
        base.index(&[Index::slice(None, None, Some(2))]).unwrap()
    } else {
        base
    };
    for (i, v) in values.iter().enumerate() {
        let s = scalar(d, v.as_str().unwrap());
        a.assign_index(&[Index::Int(i as i64)], &Array::scalar(s))
            .unwrap();
    }
    assert_eq!(a.is_c_contiguous(), !strided || n < 2);
    a
}

fn elements(a: &Array) -> Vec<String> {
    (0..a.len()).map(|i| text(a.get(&[i]))).collect()
}

#[test]
fn dtypes_behave_as_numpy() {
    let mut failures = Vec::new();
    let mut counts = [0usize; 6];
    for line in FIXTURE.lines() {
        let case: Value = serde_json::from_str(line).unwrap();
        let mut fail = |what: String| failures.push(what);
        match case["kind"].as_str().unwrap() {
            "dtype" => {
                counts[0] += 1;
                let d = dtype(&case["name"]);
                let got = (
                    d.char().to_string(),
                    d.kind().char().to_string(),
                    d.itemsize() as u64,
                    d.str_code(),
                );
                let want = (
                    case["char"].as_str().unwrap().to_string(),
                    case["kind_char"].as_str().unwrap().to_string(),
                    case["itemsize"].as_u64().unwrap(),
                    case["str"].as_str().unwrap().to_string(),
                );
                if got != want {
                    fail(format!("dtype {d}: {got:?} != {want:?}"));
                }
            }
            "parse" => {
                counts[1] += 1;
                let t = case["text"].as_str().unwrap();
                let got = DType::parse(t).map(DType::name);
                if got != case["result"].as_str() {
                    fail(format!("parse {t:?}: {got:?} != {}", case["result"]));
                }
            }
            "promote" => {
                counts[2] += 1;
                let (a, b) = (dtype(&case["a"]), dtype(&case["b"]));
                if a.promote(b) != dtype(&case["result"]) {
                    fail(format!("promote {a} {b}: {}", a.promote(b)));
                }
            }
            "can_cast" => {
                counts[3] += 1;
                let (a, b) = (dtype(&case["from"]), dtype(&case["to"]));
                let c = Casting::parse(case["casting"].as_str().unwrap()).unwrap();
                if a.can_cast(b, c) != case["result"].as_bool().unwrap() {
                    fail(format!("can_cast {a} {b} {}", c.name()));
                }
            }
            "weak" => {
                let d = dtype(&case["dtype"]);
                let want = case["result"].as_str().unwrap();
                if DType::parse(want).is_none() {
                    // complex64: a dtype gradlab does not store.
                    continue;
                }
                counts[4] += 1;
                let kind = match case["py"].as_str().unwrap() {
                    "bool" => Kind::Bool,
                    "int" => Kind::Int,
                    "float" => Kind::Float,
                    _ => Kind::Complex,
                };
                if d.promote_weak(kind).name() != want {
                    fail(format!(
                        "{d} with a Python {kind:?}: {}",
                        d.promote_weak(kind)
                    ));
                }
            }
            "cast" => {
                counts[5] += 1;
                let (a, b) = (dtype(&case["from"]), dtype(&case["to"]));
                let strided = case["layout"] == "strided";
                let values = case["values"].as_array().unwrap();
                let src = source(a, values, strided);
                let want_src: Vec<String> = values
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect();
                assert_eq!(elements(&src), want_src, "{a} values");
                let got = elements(&src.astype(b).unwrap());
                let want: Vec<String> = case["result"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect();
                for (i, (g, w)) in got.iter().zip(&want).enumerate() {
                    if g != w {
                        fail(format!(
                            "{a} -> {b} ({}) of {}: got {g}, want {w} (element {i})",
                            case["layout"], want_src[i]
                        ));
                    }
                }
            }
            other => panic!("kind {other}"),
        }
    }
    assert_eq!(counts, [12, 102, 144, 720, 47, 288], "cases per kind");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
