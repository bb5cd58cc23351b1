//! The compact paths held to the general rules, and the kept text's reads.
use super::*;
use crate::syntax::ast::{Expr, ExprKind, StmtKind};
use proptest::prelude::*;

/// The display's items as the general rules parse them (or the error),
/// spans included; floats by their bits (`-0.0`).
fn items(src: &str, general: bool) -> String {
    GENERAL_ONLY.set(general);
    let parsed = crate::syntax::parse_chunk(src);
    GENERAL_ONLY.set(false);
    let stmts = match parsed {
        Ok(s) => s,
        Err(e) => return format!("error {e:?}"),
    };
    let show = |e: &Expr| match &e.kind {
        ExprKind::Numbers(ns) => format!("{:?}", ns.exprs()),
        ExprKind::List(items) => format!("{items:?}"),
        k => format!("{k:?}"),
    };
    stmts
        .iter()
        .map(|s| match &s.kind {
            StmtKind::Expr(e) => show(e),
            k => format!("{k:?}"),
        })
        .collect::<Vec<_>>()
        .join(";")
        .replace("-0.0", "negzero")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// The one-pass scan gives exactly the general rules' items (values
    /// and spans) or leaves the display to them (same error).
    #[test]
    fn compact_displays_match_the_general_rules(parts in prop::collection::vec(prop::sample::select(vec![
        "0", "1", "-", "- ", "12", "007", "0.5", "1.", ".5", "3.25e-3", "1E5", "1e+", "1e999",
        "9223372036854775807", "9223372036854775808", "1_0", "2j", "0x1F", ",", ", ", ",\n",
        "\n", " ", "\t", "#c\n", "]", "x", "+", "(",
    ]), 0..14)) {
        let body = parts.concat();
        let src = format!("[{body}]");
        prop_assert_eq!(items(&src, false), items(&src, true), "{}", src);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// The one-call read of a kept text's floats gives the bits the
    /// item-by-item read gives (ints as `i as f64`, `-0` as 0.0).
    #[test]
    fn fill_f64_reads_what_each_reads(parts in prop::collection::vec(prop::sample::select(vec![
        "0", "-0", "- 0", "7", "-12", "0.0", "-0.0", "- 0.5", "3.25e-3", "1E5", "-1e999",
        "9007199254740993", "-9223372036854775807", "0.1", "2.5e-324", "123456789012345678",
    ]), 1..10), trailing in any::<bool>()) {
        let src = format!("[{}{}]", parts.join(", \n "), if trailing { "," } else { "" });
        let (list, _) = number_display(&src, 0).unwrap();
        let want: Vec<u64> = list.values().unwrap().iter().map(|v| match *v {
            Num::Int(i) => (i as f64).to_bits(),
            Num::Float(x) => x.to_bits(),
        }).collect();
        let mut got = vec![f64::NAN; list.len()];
        prop_assert!(list.fill_f64(&mut got), "{}", src);
        prop_assert_eq!(got.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), want, "{}", src);
        prop_assert!(!list.fill_f64(&mut vec![0.0; list.len() + 1]));
    }
}

/// A display past two marks is filled in halves on two cores: the
/// same bits as the item-by-item read, and a wrong length still fails.
#[test]
fn a_big_display_fills_in_halves() {
    let items = [
        "-0",
        "0.1",
        "- 12",
        "2.5e-324",
        "-0.0",
        "9007199254740993",
        "1e999",
    ];
    let parts: Vec<String> = (0..300_000)
        .map(|i| match items[i % items.len()] {
            "-0" => "-0".to_string(),
            item => format!("{item}{}", i % 97),
        })
        .collect();
    let src = format!("[{},\n]", parts.join(",\n "));
    let (list, _) = number_display(&src, 0).unwrap();
    let Repr::Text(d) = &list.0 else {
        panic!("kept as text")
    };
    assert!(d.marks.len() >= 2, "{}", d.marks.len());
    let want: Vec<u64> = (list.values().unwrap().iter())
        .map(|v| match *v {
            Num::Int(i) => (i as f64).to_bits(),
            Num::Float(x) => x.to_bits(),
        })
        .collect();
    let mut got = vec![f64::NAN; list.len()];
    assert!(list.fill_f64(&mut got));
    assert!(got.iter().map(|x| x.to_bits()).eq(want));
    assert!(!list.fill_f64(&mut vec![0.0; list.len() - 1]));
}

fn scan(src: &str) -> Option<(Vec<Num>, usize)> {
    number_display(src, 0).map(|(l, end)| (l.values().unwrap(), end))
}

#[test]
fn plain_numbers() {
    assert_eq!(
        scan("[1, -2.5,\n 3e2 ,4E-1,]x"),
        Some((
            vec![
                Num::Int(1),
                Num::Float(-2.5),
                Num::Float(300.0),
                Num::Float(0.4)
            ],
            22
        ))
    );
    assert_eq!(
        scan("[- 0.0]").map(|(v, _)| v),
        Some(vec![Num::Float(-0.0)])
    );
    let (l, _) = number_display("[7, - 8]", 0).unwrap();
    let mut ends = Vec::new();
    assert!(l.each(|_, e| ends.push(e)));
    assert_eq!(ends, vec![(1, 1, 2), (4, 6, 7)]);
}

/// Parsed from a shared text, a display points into it (one more
/// owner, no copy) and reads as the copied one does.
#[test]
fn a_shared_text_is_read_in_place() {
    let rc: std::rc::Rc<str> = "x = [1.5, -2, 3e2]\ny = [4]\n".into();
    let src = crate::text::Text::from(std::rc::Rc::clone(&rc));
    let shared = crate::syntax::parse_chunk_shared(&src).unwrap();
    assert_eq!(std::rc::Rc::strong_count(&rc), 4);
    assert_eq!(shared, crate::syntax::parse_chunk(&src).unwrap());
    drop(shared);
    assert_eq!(std::rc::Rc::strong_count(&rc), 2);
}

#[test]
fn anything_else_is_left_to_the_general_rules() {
    for src in [
        "[]",
        "[,]",
        "[1 2]",
        "[1,,2]",
        "[1.]",
        "[.5]",
        "[01]",
        "[1_0]",
        "[1j]",
        "[1e]",
        "[1e+]",
        "[x]",
        "[1, # c\n 2]",
        "[1, \\\n 2]",
        "[--1]",
        "[+1]",
        "[1",
        "[1,",
        "[9223372036854775808]",
        "[1if 1 else 2]",
        "[1.5.2]",
        "[1, 2)",
        "[1 for]",
    ] {
        assert_eq!(scan(src), None, "{src}");
    }
    assert_eq!(
        scan("[-9223372036854775807]").map(|(v, _)| v),
        Some(vec![Num::Int(-9223372036854775807)])
    );
}
