//! Print options through the language: `np.set_printoptions` (precision,
//! suppress, floatmode, sign, threshold, edgeitems, linewidth, legacy),
//! `np.get_printoptions`, `with np.printoptions(...)`, `np.array2string`,
//! `np.array_repr`, `np.array_str`, `np.format_float_positional`,
//! `np.format_float_scientific`, compared with what NumPy 2.4.6 shows
//! (`tests/fixtures/printoptions.jsonl`, from
//! `tests/fixtures/gen_printoptions.py`); and `:set precision` as a
//! spelling of the same option.

use crate::table;
use gradlab::eval::Session;
use serde_json::Value as Json;

#[test]
fn print_options_show_what_numpy_shows() {
    let cases = include_str!("fixtures/printoptions.jsonl")
        .lines()
        .map(|line| {
            let row: Json = serde_json::from_str(line).expect("json");
            let lines: Vec<&str> = row["lines"]
                .as_array()
                .expect("lines")
                .iter()
                .map(|l| l.as_str().expect("line"))
                .collect();
            let src = lines.join("\n") + "\n";
            let got = table::shown_in(&mut Session::new(), &src);
            (src, row["shown"].as_str().expect("shown").to_string(), got)
        });
    table::assert_all_match(cases, 100);
}

#[test]
fn set_precision_meta_command_is_the_same_option() {
    let mut s = Session::new();
    let shown = table::shown_in(
        &mut s,
        ":set precision 3\nnp.get_printoptions()['precision']\n",
    );
    assert_eq!(shown, "3");
    let a = table::shown_in(&mut s, "np.array([1/3])\n");
    assert_eq!(a, "array([0.333])");
    table::shown_in(&mut s, "np.set_printoptions(precision=5)\n");
    assert_eq!(s.opts.precision, Some(5));
}

#[test]
fn every_table_example_runs() {
    let rows: Vec<_> = gradlab::eval::builtins::all()
        .filter(|b| {
            b.name.contains("printoptions")
                || b.name.starts_with("array2string")
                || b.name.starts_with("array_repr")
                || b.name.starts_with("array_str")
                || b.name.starts_with("format_float")
        })
        .collect();
    assert_eq!(rows.len(), 8);
    for b in rows {
        let shown = table::shown_in(&mut Session::new(), &format!("{}\n", b.example));
        assert!(
            !shown.contains("Error"),
            "{}: {} → {shown}",
            b.name,
            b.example
        );
    }
}
