//! np.random through the language: shapes, dtypes, Python vs NumPy
//! scalars, broadcasting, in-place shuffles, seeding and NumPy's exact
//! errors, each case a fresh session compared with what NumPy 2.4.6 shows
//! (`tests/fixtures/random_lang.jsonl`, from
//! `tests/fixtures/gen_random_lang.py`). The draws themselves are checked
//! bit for bit in tests/random_streams.rs.

use serde_json::Value as Json;

use crate::table;

use table::shown;

#[test]
fn np_random_shows_what_numpy_shows() {
    table::check(include_str!("fixtures/random_lang.jsonl"), 200);
}

#[test]
fn generator_repr_is_numpys_with_a_stable_address() {
    let a = shown("rng = np.random.default_rng(1); rng");
    assert_eq!(a, shown("rng = np.random.default_rng(1); rng"));
    assert!(a.starts_with("Generator(PCG64) at 0x7F"), "{a}");
    let b = shown("r = np.random.RandomState(1); r");
    assert!(b.starts_with("RandomState(MT19937) at 0x7F"), "{b}");
    let two =
        shown("a = np.random.default_rng(1); b = np.random.default_rng(2); repr(a) != repr(b)");
    assert_eq!(two, "True");
}

#[test]
fn unseeded_generators_draw_from_os_entropy() {
    // Two fresh sessions without a seed: 2**-53 odds of a false failure.
    let a = shown("np.random.rand()");
    let b = shown("np.random.rand()");
    assert_ne!(a, b);
    let c = shown("np.random.default_rng().random()");
    let d = shown("np.random.default_rng().random()");
    assert_ne!(c, d);
}

#[test]
fn every_table_example_is_a_checked_case() {
    let text = include_str!("fixtures/random_lang.jsonl");
    let stmts: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<Json>(l).expect("json")["stmt"].to_string())
        .collect();
    let rows: Vec<_> = gradlab::eval::builtins::all()
        .filter(|b| b.name.starts_with("random.") || b.name.starts_with("Generator."))
        .collect();
    assert!(rows.len() >= 22, "{} rows", rows.len());
    for b in rows {
        let quoted = Json::String(b.example.to_string()).to_string();
        assert!(
            stmts.contains(&quoted),
            "{}: example {:?} not in the fixture",
            b.name,
            b.example
        );
    }
}

#[test]
fn completion_and_hints_know_np_random() {
    use gradlab::repl::{Names, complete, hint};
    let names = Names::default();
    let dir = std::path::Path::new(".");
    let c = complete("np.random.ra", 12, &names, dir);
    for want in ["rand", "randint", "randn", "random", "random_sample"] {
        assert!(c.candidates.iter().any(|x| x == want), "{:?}", c.candidates);
    }
    assert!(
        complete("np.ra", 5, &names, dir)
            .candidates
            .contains(&"random".to_string())
    );
    let line = "np.random.normal(0, 1, s";
    let c = complete(line, line.len(), &names, dir);
    assert!(
        c.candidates.contains(&"size=".to_string()),
        "{:?}",
        c.candidates
    );
    let h = hint("np.random.normal(", 17, &names).unwrap_or_default();
    assert!(h.contains("loc=0.0, scale=1.0, size=None"), "{h:?}");
}

#[test]
fn help_finds_the_random_rows() {
    let h = gradlab::notebook::meta::help_text("np.random.normal");
    assert!(
        h.starts_with("normal(loc=0.0, scale=1.0, size=None)"),
        "{h}"
    );
    let g = gradlab::notebook::meta::help_text("Generator.integers");
    assert!(g.contains("endpoint=False"), "{g}");
}
