//! Issue 13: every builtins-table example (the text `:help NAME` shows)
//! runs without error in a fresh session, and where Python can run it too,
//! shows what Python shows (`tests/fixtures/help_examples.jsonl`, from
//! `tests/fixtures/gen_help_examples.py`, which runs the same examples).
//! The examples name files (`data.csv`, `a.npy`, the lesson data): they
//! run in a private temporary folder holding copies of those. This binary
//! has this one test, so changing the process's folder is safe.

use gradlab::eval::Session;
use gradlab::eval::builtins::{self, Home};
use gradlab::notebook::run_script;
#[path = "support/quiet.rs"]
mod quiet;
use gradlab::script::Script;
use quiet::output_text;
use serde_json::Value as Json;

/// `(failed, shown)` for `src` run in a fresh session.
fn run(src: &str) -> (bool, String) {
    let mut session = Session::new();
    let text = src.replace("; ", "\n");
    let cells = run_script(
        &mut session,
        &Script::parse(&format!("{text}\n")),
        |_, _| {},
    );
    let failed = cells.iter().any(|c| c.has_error());
    let shown = cells
        .last()
        .and_then(|c| output_text(&session, c))
        .unwrap_or_default();
    (failed, shown)
}

#[test]
fn every_help_example_runs_and_matches_python() {
    let root = std::env::current_dir().expect("cwd");
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("sessions/data");
    std::fs::create_dir_all(&data).expect("mkdir");
    for entry in std::fs::read_dir(root.join("sessions/data")).expect("lesson data") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, data.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    // The same files gen_help_examples.py makes.
    std::fs::write(dir.path().join("data.csv"), "x,y\n1,2\n3,4\n").expect("data.csv");
    std::env::set_current_dir(dir.path()).expect("chdir");
    assert!(!run("np.save('a.npy', np.arange(3))").0, "setup");

    let expected: Vec<(String, Option<String>)> = include_str!("fixtures/help_examples.jsonl")
        .lines()
        .map(|line| {
            let row: Json = serde_json::from_str(line).expect("json");
            let ex = row["example"].as_str().expect("example").to_string();
            (ex, row["shown"].as_str().map(str::to_string))
        })
        .collect();
    let mut failures = Vec::new();
    let mut compared = 0;
    let rows: Vec<_> = builtins::all().filter(|b| b.sig.contains('(')).collect();
    for b in &rows {
        // numdifftools is imported as in Python; the other homes are
        // there in a fresh session (`np`, Python's builtins, gradlab's).
        let src = match b.home {
            Home::Numdifftools => format!("import numdifftools as nd; {}", b.example),
            Home::Pandas | Home::PandasMethod => format!("import pandas as pd; {}", b.example),
            Home::Pyplot | Home::AxesMethod | Home::FigureMethod => {
                format!("import matplotlib.pyplot as plt; {}", b.example)
            }
            Home::Warnings => format!("import warnings; {}", b.example),
            _ => b.example.to_string(),
        };
        let (failed, got) = run(&src);
        if failed {
            failures.push(format!("{}: {}\n    error: {got}", b.name, b.example));
            continue;
        }
        match expected.iter().find(|(ex, _)| ex == b.example) {
            None => failures.push(format!(
                "{}: {} is not in help_examples.jsonl (regenerate it)",
                b.name, b.example
            )),
            Some((_, Some(want))) => {
                compared += 1;
                if got.trim_end() != want {
                    failures.push(format!(
                        "{}: {}\n    want: {want}\n    got:  {got}",
                        b.name, b.example
                    ));
                }
            }
            Some((_, None)) => {}
        }
    }
    std::env::set_current_dir(&root).expect("chdir back");
    assert!(rows.len() >= 200, "only {} rows", rows.len());
    assert!(
        compared >= 150,
        "only {compared} examples compared with Python"
    );
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
