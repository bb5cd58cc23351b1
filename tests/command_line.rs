//! The command line as scripts use it: global flags on either side of the
//! subcommand, several scripts at once, scripts' paths relative to their
//! own folder, exit statuses, a closed or broken standard output, and
//! `--json` that streams.

use crate::cli;

use std::io::Read;
use std::process::{Command, Stdio};

use cli::{gradlab, scratch};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gradlab"));
    c.env("NO_COLOR", "1");
    c
}

#[test]
fn global_flags_go_before_or_after_the_subcommand() {
    for args in [
        &["--no-color", "run", "-"][..],
        &["run", "-", "--no-color"],
        &["--json", "run", "-"],
        &["run", "--json", "-"],
    ] {
        let (code, out, err) = gradlab(args, Some("1 + 1\n"));
        assert_eq!(code, 0, "{args:?}: {err}");
        let want = if args.contains(&"--json") {
            "{\"line\":1,\"input\":\"1 + 1\",\"value\":{\"kind\":\"scalar\",\"dtype\":\"int64\",\"value\":2}}\n"
        } else {
            "In [1]: 1 + 1\nOut[1]: 2\n\n"
        };
        assert_eq!(out, want, "{args:?}");
    }
    for (args, why) in [
        (&["-c", "1", "run", "-"][..], "-c cannot be combined"),
        (
            &["run", "-", "--json", "--check"],
            "--json cannot be combined",
        ),
        (&["run"], "required"),
    ] {
        let (code, _, err) = gradlab(args, Some(""));
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(why), "{args:?}: {err}");
    }
}

#[test]
fn several_scripts_each_get_a_summary_and_the_worst_status() {
    let dir = scratch("several");
    let good = dir.join("good.grad");
    let bad = dir.join("bad.grad");
    std::fs::write(&good, "a = 2\na * 3\n#> 6\n").unwrap();
    std::fs::write(&bad, "a = 2\na * 3\n#> 7\n").unwrap();
    let (g, b) = (good.to_str().unwrap(), bad.to_str().unwrap());
    let (code, out, _) = gradlab(&["run", g, b, "--check"], None);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("{g}: 1 of 1 checked outputs match\n")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{b}: 0 of 1 checked outputs match, 1 differ\n")),
        "{out}"
    );
    let (code, out, _) = gradlab(&["run", g, g, "--check"], None);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = gradlab(&["run", g, b], None);
    assert_eq!(code, 0, "no statement raised: {out}");
    assert!(
        out.contains(&format!("{b}: 2 cells, 0 with errors\n")),
        "{out}"
    );
    let (code, out, err) = gradlab(&["run", g, "/nonexistent/x.grad", "--check"], None);
    assert_eq!(code, 2, "an unreadable file is a usage error: {out}");
    assert!(out.contains("1 of 1 checked outputs match"), "{out}");
    assert!(err.contains("cannot read /nonexistent/x.grad"), "{err}");
    let (code, out, _) = gradlab(&["run", g, b, "--json"], None);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(&format!("{{\"file\":{g:?},\"line\":2,")),
        "{out}"
    );
}

#[test]
fn a_scripts_paths_start_in_its_folder() {
    let lesson = format!("{}/sessions/position_csv.grad", env!("CARGO_MANIFEST_DIR"));
    let elsewhere = scratch("elsewhere");
    let out = bin()
        .args(["run", &lesson, "--check"])
        .current_dir(&elsewhere)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    // The folder is given back afterwards: a second script's paths are its own.
    let dir = scratch("folders");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("a/d.csv"), "1,2\n").unwrap();
    std::fs::write(
        dir.join("a/s.grad"),
        "np.loadtxt('d.csv', delimiter=',')\n#> array([1., 2.])\n",
    )
    .unwrap();
    let out = bin()
        .args(["run", "a/s.grad", "a/s.grad", "--check"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_closed_or_broken_stdout_ends_quietly_with_status_1() {
    // A reader that leaves after the first bytes: gradlab must not panic or
    // print "Broken pipe" on stderr.
    let mut child = bin()
        .args([
            "-c",
            "print('x' * 100000)\nprint('x' * 100000)\nprint('x' * 100000)",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // A closed descriptor (`gradlab ... >&-`).
    let out = Command::new("sh")
        .args([
            "-c",
            &format!("{} -c 'np.zeros(3)' >&-", env!("CARGO_BIN_EXE_gradlab")),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn nul_in_a_path_is_pythons_value_error() {
    let (code, out, _) = gradlab(&["-c", "np.save('a\\0b', np.zeros(2))"], None);
    assert_eq!(code, 1);
    assert!(out.contains("ValueError: embedded null byte"), "{out}");
}

#[test]
fn timeit_in_a_script_binds_nothing() {
    let (code, out, _) = gradlab(&["-c", "%timeit -n 1 -r 1 x = 5\nx"], None);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("NameError: name 'x' is not defined"), "{out}");
}

#[test]
fn json_of_a_big_array_streams() {
    // 3·10^6 floats: a tree of JSON values would take ~400 MB; the stream
    // needs the array and a buffer. The cap leaves room for the array only.
    let out = bin()
        .args(["-c", "np.zeros(3 * 10**6)", "--json"])
        .env("GRADLAB_MEMORY_LIMIT", "64M")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("{\"line\":1,\"input\":\"np.zeros(3 * 10**6)\",\"value\":{\"kind\":\"array\",\"dtype\":\"float64\",\"shape\":[3000000],\"data\":[0.0,0.0,"));
    assert!(text.ends_with(",0.0]}}\n"));
    // Its peak resident memory: tests/memory.rs, json_of_a_big_array_streams.
}

/// CLI.md: "a complex datum is `[re, im]`", for arrays, NumPy scalars and
/// Python complex numbers alike (the real part alone lost the imaginary).
#[test]
fn json_writes_complex_data_as_re_im_pairs() {
    let (code, out, _) = gradlab(
        &[
            "-c",
            "np.array([1+2j, -3j])\nnp.complex128(0.5-1j)\n2j",
            "--json",
        ],
        None,
    );
    assert_eq!(code, 0, "{out}");
    let values: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["value"].clone())
        .collect();
    assert_eq!(
        values[0]["data"],
        serde_json::json!([[1.0, 2.0], [0.0, -3.0]])
    );
    assert_eq!(values[0]["dtype"], "complex128");
    assert_eq!(values[1]["value"], serde_json::json!([0.5, -1.0]));
    assert_eq!(values[2]["value"], serde_json::json!([0.0, 2.0]));
}

/// Issue 10: an array past 2^20 elements is not copied when shown, yet a
/// later change to it (in place, through a view, `+=`) leaves what the
/// earlier cells showed as NumPy showed them (`tests/fixtures/shown_late.grad`,
/// from `gen_shown_late.py`), under `--check` and `--bless`; `--json`
/// streams each shown value as it was.
#[test]
fn big_arrays_keep_what_they_showed() {
    let src = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/shown_late.grad"
    );
    let (code, out, err) = gradlab(&["run", src, "--check"], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("6 of 6 checked outputs match"), "{out}");

    let dir = scratch("shown-late");
    let copy = dir.join("shown_late.grad");
    let text = std::fs::read_to_string(src).unwrap();
    std::fs::write(&copy, &text).unwrap();
    let (code, out, err) = gradlab(&["run", copy.to_str().unwrap(), "--bless"], None);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), text);

    let (code, out, err) = gradlab(&["run", src, "--json"], None);
    assert_eq!(code, 0, "{err}");
    let firsts: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["input"] == "a")
        .map(|v| v["value"]["data"][0].clone())
        .collect();
    assert_eq!(
        firsts,
        [
            serde_json::json!(0.0),
            serde_json::json!(9.0),
            serde_json::json!(10.0)
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
