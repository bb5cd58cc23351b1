//! Hostile input: every function of `syntax` returns (never panics, never
//! overflows the stack) on truncated, unbalanced, deeply nested, huge and
//! garbage input; errors point inside the source.

use gradlab::syntax::{
    bracket_match, call_context, needs_more_input, parse_chunk, sexpr, split_statements, tokens,
};
use proptest::prelude::*;

const VALID: &[&str] = &[
    "dx, dy = np.gradient(m, 2.0, axis=(0, 1), edge_order=2)",
    "a[1:-1] = b[::2] + m[:, 0] ** -1.5e-3",
    "f = lambda x, h=0.1: x if h > 0 else -x",
    "def f(x, h=1_000):\n    return (f(x + h) - f(x)) / h",
    "from numpy import gradient, diff as d; import numdifftools as nd",
    "x += 0x1F; y = not a and b or c < d <= e; z = [1, [2, 3], (4,), ()]",
    "s = r'\\d' \"é\" '''multi\nline''' + 'a\\x41'",
    "print(np.diff([2, 5, np.nan, 9, 12]), sep='')  # comment",
    "nd.Derivative(f, n=1)(x)[...]",
];

/// Checks the invariants every input must satisfy.
fn check(src: &str) {
    match parse_chunk(src) {
        Ok(stmts) => {
            let _ = sexpr::stmts(&stmts);
            for s in &stmts {
                assert!(s.span.end <= src.len(), "{src:?}");
            }
        }
        Err(e) => {
            assert!(!e.message.is_empty());
            assert!(
                e.span.start <= e.span.end && e.span.end <= src.len(),
                "{src:?}: {e:?}"
            );
            assert!(src.is_char_boundary(e.span.start) && src.is_char_boundary(e.span.end));
        }
    }
    for c in split_statements(src) {
        assert!(c.range.end <= src.len() && src.is_char_boundary(c.range.start));
        let _ = parse_chunk(&src[c.range]);
    }
    let _ = needs_more_input(src);
    let toks = tokens(src);
    assert_eq!(toks.last().map_or(0, |t| t.span.end), src.len());
    // Each call re-tokenizes its input: a few cursors on long inputs.
    let step = if src.len() > 2_000 { src.len() / 2 } else { 7 };
    for cursor in (0..=src.len()).step_by(step.max(1)) {
        let _ = call_context(src, cursor);
        let _ = bracket_match(src, cursor);
    }
}

#[test]
fn valid_statements_parse() {
    for src in VALID {
        assert!(parse_chunk(src).is_ok(), "{src:?}: {:?}", parse_chunk(src));
    }
}

#[test]
fn every_truncation_returns() {
    for src in VALID {
        for (i, _) in src.char_indices() {
            check(&src[..i]);
            check(&src[i..]);
        }
    }
}

#[test]
fn unbalanced_and_garbage() {
    for src in [
        ")",
        "]]]",
        "(]",
        "[)",
        "{",
        "}",
        "(((]]]",
        "f(a, b]",
        "a[1:2)",
        "'",
        "\"\"\"",
        "'''a''",
        "\\",
        "\\\\",
        "a = \\",
        "$",
        "?",
        "!",
        "`",
        "€",
        "\u{0}",
        "\u{7f}",
        "\u{200b}",
        "😀 = 1",
        "x = 😀",
        ";;",
        "= = =",
        "def",
        "def f",
        "def f(",
        "def f(x",
        "def f(x)",
        "def f(x):",
        "lambda",
        "lambda x",
        "import",
        "from",
        "from x",
        "from x import",
        "a if",
        "a if b",
        "a if b else",
        "not",
        "a and",
        "**",
        "a **",
        "a[",
        "a[:",
        "a[::",
        "a.",
        ".",
        "..",
        "....",
        "0x",
        "0b2",
        "1e+",
        "1.2.3",
        "1__2",
        "1_000_",
        "00",
        "0777",
        "1jj",
        "\t\t",
        "\r",
        "\r\n\r\n",
        "#",
        "a = 1 # (",
        "f(x=)",
        "f(=1)",
        "f(x==1=2)",
        "(a, b) += 1",
        "[a, 1] = x",
        "() = x",
    ] {
        check(src);
    }
}

#[test]
fn huge_literals() {
    check(&"9".repeat(100_000));
    check(&format!("0x{}", "F".repeat(2_000)));
    check("1e99999");
    check(&format!("'{}'", "a".repeat(100_000)));
    let big = parse_chunk(&"9".repeat(40)).unwrap();
    assert_eq!(sexpr::stmts(&big), format!("(big {})", "9".repeat(40)));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let n = 10_000;
    let cases = [
        (
            format!("{}1{}", "(".repeat(n), ")".repeat(n)),
            "too many nested parentheses",
        ),
        (
            format!("{}1{}", "[".repeat(n), "]".repeat(n)),
            "too many nested parentheses",
        ),
        (
            format!("{}1{}", "a[".repeat(n), "]".repeat(n)),
            "too many nested parentheses",
        ),
        (
            format!("{}1{}", "f(".repeat(n), ")".repeat(n)),
            "too many nested parentheses",
        ),
        ("(".repeat(n), "too many nested parentheses"),
        (
            format!("{}1", "-".repeat(n)),
            "expression too deeply nested",
        ),
        (
            format!("{}1", "not ".repeat(n)),
            "expression too deeply nested",
        ),
        (
            format!("{}1", "2**".repeat(n)),
            "expression too deeply nested",
        ),
        (
            format!("{}1", "lambda: ".repeat(n)),
            "expression too deeply nested",
        ),
        (
            format!("{}1", "1 if 1 else ".repeat(n)),
            "expression too deeply nested",
        ),
        (
            format!("x = {}1", "-(".repeat(n)),
            "too many nested parentheses",
        ),
    ];
    for (src, message) in cases {
        let e = parse_chunk(&src).unwrap_err();
        assert_eq!(e.message, message, "{}...", &src[..20]);
        check(&src);
    }
}

#[test]
fn nesting_up_to_python_limit_parses() {
    for src in [
        format!("{}1{}", "(".repeat(200), ")".repeat(200)),
        format!("{}1{}", "a[".repeat(200), "]".repeat(200)),
        format!("{}1", "-".repeat(200)),
        format!("{}1{}", "-(".repeat(100), ")".repeat(100)),
    ] {
        assert!(parse_chunk(&src).is_ok(), "{}...", &src[..20]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_fragments_never_panic(parts in prop::collection::vec(prop::sample::select(vec![
        "a", "np", ".", "gradient", "(", ")", "[", "]", "{", "}", ",", ":", ";", "=", "==", "+",
        "-", "**", "*", "/", "//", "%", "<", "not ", " and ", " or ", " if ", " else ", "lambda ",
        "def ", "return ", "import ", "from ", " as ", "1", "0x1F", "1e-3", ".5", "1_", "'s'",
        "'", "\"\"\"", "r'\\d'", "#c", "\n", "\n    ", "\\\n", " ", "\t", "€", "λ", "$", "...", "pass",
        "True", "None", "99999999999999999999999",
    ]), 0..30)) {
        check(&parts.concat());
    }

    #[test]
    fn random_bytes_never_panic(s in "\\PC{0,60}") {
        check(&s);
    }
}
