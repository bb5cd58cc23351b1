//! Every case of tests/fixtures/printing.jsonl through the binary: the
//! stdout of `print(repr(EXPR))` and `print(EXPR)` must be NumPy's repr and
//! str exactly (as /work/shared/tools/printing_check.py grades it).

use crate::cli;

use serde_json::Value;

#[test]
fn printing_fixture_through_the_binary() {
    let cases: Vec<Value> = cli::fixture_cases("printing.jsonl");
    assert!(cases.len() > 200);
    let mut failures = Vec::new();
    for batch in cases.chunks(60) {
        let mut script = String::from("import numpy as np\n");
        for c in batch {
            let expr = c["expr"].as_str().unwrap();
            script.push_str(&format!("print(repr({expr}))\nprint({expr})\n"));
        }
        let (_, out, err) = cli::gradlab(&["run", "-", "--json"], Some(&script));
        let mut stdout_by_line = std::collections::HashMap::<u64, String>::new();
        for l in out.lines() {
            let e: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}\n{err}"));
            let text = e["stdout"].as_str().unwrap_or("");
            *stdout_by_line
                .entry(e["line"].as_u64().unwrap())
                .or_default() += text;
        }
        for (j, c) in batch.iter().enumerate() {
            let line = 2 + 2 * j as u64;
            for (k, key) in ["repr", "str"].into_iter().enumerate() {
                let want = format!("{}\n", c[key].as_str().unwrap());
                let got = stdout_by_line
                    .get(&(line + k as u64))
                    .cloned()
                    .unwrap_or_default();
                if got != want {
                    failures.push(format!("{} {key}: want {want:?}, got {got:?}", c["id"]));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
