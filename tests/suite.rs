//! Most integration tests in one test binary: each `tests/NAME.rs` is a
//! module here. One binary links the library once instead of forty times,
//! which keeps a fresh-clone CI on two cores well under its 20 minutes.
//!
//! Kept as binaries of their own (see Cargo.toml): `alloc` and `memory`
//! (each installs a counting global allocator), `engine_limits` and
//! `fuzz_statements` (they set the process-wide memory cap and interrupt
//! flag, which would reach every test running beside them),
//! `help_examples` (it runs in a folder of its own, and the current
//! folder is the process's) and `views` (insta names its snapshots after
//! the module path). `every_test_file_runs` below fails when a new
//! `tests/*.rs` file is in neither list.
//!
//! Run one group with `cargo test --release --test suite GROUP::`.

// Helpers the groups share, compiled once.
mod cli;
mod common;
#[path = "support/quiet.rs"]
mod quiet;
#[path = "support/table.rs"]
mod table;

#[path = "aliasing.rs"]
mod aliasing;
#[path = "array_dtypes.rs"]
mod array_dtypes;
#[path = "array_methods.rs"]
mod array_methods;
#[path = "array_views.rs"]
mod array_views;
#[path = "command_line.rs"]
mod command_line;
#[path = "complex_math.rs"]
mod complex_math;
#[path = "conformance.rs"]
mod conformance;
#[path = "datafiles.rs"]
mod datafiles;
#[path = "dtypes.rs"]
mod dtypes;
#[path = "engine_fixtures.rs"]
mod engine_fixtures;
#[path = "engine_props.rs"]
mod engine_props;
#[path = "format_float.rs"]
mod format_float;
#[path = "format_random.rs"]
mod format_random;
#[path = "functions.rs"]
mod functions;
#[path = "fused.rs"]
mod fused;
#[path = "io.rs"]
mod io;
#[path = "ipython_out.rs"]
mod ipython_out;
#[path = "language.rs"]
mod language;
#[path = "layering.rs"]
mod layering;
#[path = "leftovers.rs"]
mod leftovers;
#[path = "mapped_scripts.rs"]
mod mapped_scripts;
#[path = "mpl.rs"]
mod mpl;
#[path = "nanfuncs.rs"]
mod nanfuncs;
#[path = "numdiff.rs"]
mod numdiff;
#[path = "numpy_funcs1.rs"]
mod numpy_funcs1;
#[path = "numpy_funcs2.rs"]
mod numpy_funcs2;
#[path = "numpy_funcs3.rs"]
mod numpy_funcs3;
#[path = "numpy_funcs4.rs"]
mod numpy_funcs4;
#[path = "numpy_funcs5.rs"]
mod numpy_funcs5;
#[path = "pandas.rs"]
mod pandas;
#[path = "pandas_excel.rs"]
mod pandas_excel;
#[path = "pandas_lang.rs"]
mod pandas_lang;
#[path = "parallel.rs"]
mod parallel;
#[path = "printing.rs"]
mod printing;
#[path = "printoptions.rs"]
mod printoptions;
#[path = "pyplot_lang.rs"]
mod pyplot_lang;
#[path = "python_props.rs"]
mod python_props;
#[path = "python_semantics.rs"]
mod python_semantics;
#[path = "random_lang.rs"]
mod random_lang;
#[path = "random_streams.rs"]
mod random_streams;
#[path = "reduce_kwargs.rs"]
mod reduce_kwargs;
#[path = "repl_tty.rs"]
mod repl_tty;
#[path = "script.rs"]
mod script;
#[path = "sessions.rs"]
mod sessions;
#[path = "syntax.rs"]
mod syntax;
#[path = "syntax_python.rs"]
mod syntax_python;
#[path = "syntax_robust.rs"]
mod syntax_robust;
#[path = "views_layout.rs"]
mod views_layout;
#[path = "views_props.rs"]
mod views_props;
#[path = "warnings.rs"]
mod warnings;
#[path = "writes.rs"]
mod writes;

/// Every `tests/*.rs` file is a module of this binary or a `[[test]]` of
/// its own in Cargo.toml (`autotests = false` would otherwise leave a new
/// file silently unrun).
#[test]
fn every_test_file_runs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let suite = std::fs::read_to_string(root.join("tests/suite.rs")).unwrap();
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root.join("tests")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(stem) = name.strip_suffix(".rs") else {
            continue;
        };
        let module = format!("\nmod {stem};");
        let target = format!("path = \"tests/{name}\"");
        if stem != "suite" && !suite.contains(&module) && !manifest.contains(&target) {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "not run by cargo test: {missing:?}");
}
