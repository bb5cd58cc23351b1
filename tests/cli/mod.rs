//! Shared by the CLI integration tests: spawning the built binary, scratch
//! directories, and finding a python3 with NumPy.

#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Runs the gradlab binary with `args` (and `stdin`); returns (exit status,
/// stdout, stderr).
pub fn gradlab(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gradlab binary runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh empty directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gradlab-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `python3` when it can import numpy (else one SKIPPED line for `group`).
pub fn python_with_numpy() -> Option<String> {
    python_with(&["numpy"], "running exports under NumPy")
}

/// The Python to run a test group with: `GRADLAB_PYTHON` (what `.ci/run`
/// sets up), else `python3`, when it can import every module of `modules`.
/// Otherwise prints one `SKIPPED` line naming the group and the missing
/// module, straight to the test run's stderr, so it shows in the normal
/// output (the harness captures only `print!`/`eprint!`).
pub fn python_with(modules: &[&str], group: &str) -> Option<String> {
    let python = std::env::var("GRADLAB_PYTHON").unwrap_or_else(|_| "python3".into());
    for m in modules {
        let ok = Command::new(&python)
            .args(["-c", &format!("import {m}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            skipped(&format!("{group}: {python} cannot import {m}"));
            return None;
        }
    }
    Some(python)
}

/// One visible `SKIPPED: why` line in the normal test output.
pub fn skipped(why: &str) {
    let _ = std::io::stderr().write_all(format!("SKIPPED: {why}\n").as_bytes());
}

/// The JSON lines of `tests/fixtures/NAME`.
pub fn fixture_cases(name: &str) -> Vec<serde_json::Value> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
