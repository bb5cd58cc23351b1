//! Views of the array layer against NumPy 2.4.6 (tests/fixtures/
//! array_views.jsonl, made by gen_array_views.py): the geometry NumPy
//! reports for slices, integer indices, new axes, transposes, reshapes and
//! broadcasts, whether they share memory, and writes through them reaching
//! the base array.

use crate::common::usizes;
use gradlab::array::{Array, Scalar};
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/array_views.jsonl");

fn ints(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap())
        .collect()
}

fn opt(v: &Value) -> Option<i64> {
    v.as_i64()
}

fn apply(a: &Array, op: &[Value]) -> Array {
    let axis = || op[1].as_u64().unwrap() as usize;
    match op[0].as_str().unwrap() {
        "slice" => a
            .slice_axis(axis(), opt(&op[2]), opt(&op[3]), opt(&op[4]))
            .unwrap(),
        "int" => a.index_axis(axis(), op[2].as_i64().unwrap()).unwrap(),
        "newaxis" => a.insert_axis(axis()),
        "T" => a.t(),
        "transpose" => a.transpose(Some(&ints(&op[1]))).unwrap(),
        "reshape" => a.reshape(&ints(&op[1])).unwrap(),
        "ravel" => a.ravel().unwrap(),
        "broadcast" => a.broadcast_to(&usizes(&op[1])).unwrap(),
        other => panic!("op {other}"),
    }
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

#[test]
fn views_match_numpy() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for line in FIXTURE.lines() {
        let case: Value = serde_json::from_str(line).unwrap();
        let shape = usizes(&case["shape"]);
        let n: usize = shape.iter().product();
        // np.arange(n, dtype=float).reshape(shape), as the generator.
        let dims: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
        let base = Array::from_f64((0..n).map(|i| i as f64).collect())
            .reshape(&dims)
            .unwrap();
        let mut r = base.clone();
        for op in case["ops"].as_array().unwrap() {
            r = apply(&r, op.as_array().unwrap());
        }
        cases += 1;
        if let Some(x) = case["scalar"].as_f64() {
            // NumPy gives a scalar; the layer a 0-d view holding it.
            assert_eq!((r.ndim(), r.to_f64_vec()), (0, vec![x]), "{}", case["ops"]);
            continue;
        }
        let got = (
            r.shape().to_vec(),
            r.byte_strides()
                .iter()
                .map(|&s| s as i64)
                .collect::<Vec<_>>(),
            r.is_c_contiguous(),
            r.is_f_contiguous(),
            r.is_writeable(),
            r.may_share_memory(&base),
            r.to_f64_vec(),
        );
        let want = (
            usizes(&case["result_shape"]),
            ints(&case["strides"]),
            case["c"].as_bool().unwrap(),
            case["f"].as_bool().unwrap(),
            case["writeable"].as_bool().unwrap(),
            case["shares"].as_bool().unwrap(),
            floats(&case["values"]),
        );
        if got != want {
            failures.push(format!("{}\n  got  {got:?}\n  want {want:?}", case["ops"]));
        }
        if let Some(after) = case.get("base_after_write") {
            r.fill(Scalar::Float64(-1.0)).unwrap();
            if base.to_f64_vec() != floats(after) {
                failures.push(format!(
                    "write through {}: {:?}",
                    case["ops"],
                    base.to_f64_vec()
                ));
            }
        } else {
            assert!(r.fill(Scalar::Float64(-1.0)).is_err(), "{}", case["ops"]);
        }
    }
    assert_eq!(cases, 50);
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
