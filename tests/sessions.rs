//! The classroom library replays under `--check`, its tutorial transcript is
//! NumPy's, and every export of it is valid (the `.py` one runs under real
//! NumPy when python3 is available).

use crate::cli;

use std::path::{Path, PathBuf};

use cli::{gradlab, python_with, scratch};

fn sessions() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("sessions/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "grad"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_library_has_at_least_eight_lessons_each_opening_with_prose() {
    let files = sessions();
    assert!(files.len() >= 8, "{files:?}");
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let first = text.lines().next().unwrap_or("");
        assert!(first.starts_with("## "), "{}: {first:?}", f.display());
        assert!(text.contains("\n#> "), "{} records no outputs", f.display());
    }
}

#[test]
fn every_session_passes_check() {
    for f in sessions() {
        let (code, out, err) = gradlab(&["run", f.to_str().unwrap(), "--check"], None);
        assert_eq!(code, 0, "{}:\n{out}{err}", f.display());
        assert!(out.contains("checked outputs match"), "{out}");
    }
}

/// tests/fixtures/tutorials_transcript.txt is sessions/tutorials.grad run by
/// NumPy (gen_tutorials_transcript.py), in the transcript layout.
#[test]
fn tutorials_transcript_is_numpys() {
    let root = env!("CARGO_MANIFEST_DIR");
    let want =
        std::fs::read_to_string(format!("{root}/tests/fixtures/tutorials_transcript.txt")).unwrap();
    let (code, got, err) = gradlab(&["run", &format!("{root}/sessions/tutorials.grad")], None);
    assert_eq!(code, 0, "{err}");
    if got != want {
        let diff = similar::TextDiff::from_lines(&want, &got)
            .unified_diff()
            .header("numpy", "gradlab")
            .to_string();
        panic!("tutorials transcript differs from NumPy's:\n{diff}");
    }
}

#[test]
fn python_exports_run_under_numpy() {
    let dir = scratch("py-exports");
    let mut scripts = Vec::new();
    for f in sessions() {
        let out = dir.join(f.file_stem().unwrap()).with_extension("py");
        let (code, _, err) = gradlab(
            &[
                "export",
                f.to_str().unwrap(),
                "--to",
                "py",
                "-o",
                out.to_str().unwrap(),
            ],
            None,
        );
        // Sessions may show errors on purpose (exit 1); the export is written.
        assert!(code <= 1, "{err}");
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("import numpy as np"), "{text}");
        scripts.push(out);
    }
    let Some(python) = python_with(
        &["numpy", "numdifftools", "pandas", "matplotlib", "openpyxl"],
        "the lessons' .py exports",
    ) else {
        return;
    };
    let elsewhere = scratch("py-run-elsewhere");
    for s in scripts {
        // Run from an unrelated folder: the export finds its data itself.
        let out = std::process::Command::new(&python)
            .arg(&s)
            .env("MPLBACKEND", "Agg")
            .current_dir(&elsewhere)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("shown outputs match NumPy"),
            "{} failed under NumPy:\n{stdout}{}",
            s.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn ipynb_and_markdown_exports_are_well_formed() {
    for f in sessions() {
        let (_, nb, err) = gradlab(&["export", f.to_str().unwrap(), "--to", "ipynb"], None);
        let nb: serde_json::Value =
            serde_json::from_str(&nb).unwrap_or_else(|e| panic!("{}: {e}\n{err}", f.display()));
        assert_eq!(nb["nbformat"], 4);
        assert_eq!(nb["nbformat_minor"], 5);
        assert_eq!(nb["metadata"]["kernelspec"]["name"], "python3");
        let cells = nb["cells"].as_array().unwrap();
        let mut ids = std::collections::HashSet::new();
        for c in cells {
            let id = c["id"].as_str().unwrap();
            assert!(ids.insert(id.to_string()), "duplicate id {id}");
            assert!(c["source"].is_array());
            match c["cell_type"].as_str().unwrap() {
                "markdown" => {}
                "code" => assert!(c["outputs"].is_array()),
                other => panic!("cell_type {other}"),
            }
        }
        assert!(
            cells.iter().any(|c| c["cell_type"] == "markdown"),
            "{}: prose became no markdown cell",
            f.display()
        );
        let (_, md, _) = gradlab(&["export", f.to_str().unwrap(), "--to", "md"], None);
        assert!(
            md.contains("```python\n") && md.contains("```text\n"),
            "{md}"
        );
    }
}

/// Every lesson's notebook executes under Jupyter's runner (nbclient, as
/// `jupyter nbconvert --execute` does), written to a folder of its own.
#[test]
fn ipynb_exports_run_under_jupyter() {
    let Some(python) = python_with(
        &[
            "nbclient",
            "nbformat",
            "ipykernel",
            "numpy",
            "numdifftools",
            "pandas",
            "matplotlib",
            "openpyxl",
        ],
        "the lessons' .ipynb exports under Jupyter",
    ) else {
        return;
    };
    let dir = scratch("ipynb-exports");
    let mut notebooks = Vec::new();
    for f in sessions() {
        let out = dir.join(f.file_stem().unwrap()).with_extension("ipynb");
        let (code, _, err) = gradlab(
            &[
                "export",
                f.to_str().unwrap(),
                "--to",
                "ipynb",
                "-o",
                out.to_str().unwrap(),
            ],
            None,
        );
        assert!(code <= 1, "{err}");
        notebooks.push(out);
    }
    // One kernel start per notebook; each runs in the notebook's folder.
    let runner = r#"
import sys, os, nbformat
from nbclient import NotebookClient
failed = []
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": os.path.dirname(path)}}).execute()
    except Exception as e:
        failed.append(f"{path}: {type(e).__name__}: {str(e)[-1500:]}")
print("\n".join(failed) if failed else "all notebooks ran")
sys.exit(1 if failed else 0)
"#;
    let out = std::process::Command::new(&python)
        .arg("-c")
        .arg(runner)
        .args(&notebooks)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
