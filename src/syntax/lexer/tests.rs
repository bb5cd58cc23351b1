use super::*;

fn kinds(src: &str) -> Vec<(TokenKind, &str)> {
    tokens(src)
        .into_iter()
        .map(|t| (t.kind, &src[t.span]))
        .collect()
}

#[test]
fn classifies_tokens() {
    use TokenKind::*;
    assert_eq!(
        kinds("x=1.5e-3 # c\n"),
        vec![
            (Name, "x"),
            (Op, "="),
            (Number, "1.5e-3"),
            (Whitespace, " "),
            (Comment, "# c"),
            (Newline, "\n")
        ]
    );
    assert_eq!(kinds("r'\\''"), vec![(Str, "r'\\''")]);
    assert_eq!(kinds("'''a\n'''"), vec![(Str, "'''a\n'''")]);
    assert_eq!(
        kinds("'ab\nc"),
        vec![(Str, "'ab"), (Newline, "\n"), (Name, "c")]
    );
    assert_eq!(kinds("1abc"), vec![(Number, "1abc")]);
    assert_eq!(kinds("a.1"), vec![(Name, "a"), (Number, ".1")]);
    assert_eq!(kinds("..."), vec![(Op, "...")]);
    assert_eq!(kinds("a**=b"), vec![(Name, "a"), (Op, "**="), (Name, "b")]);
    assert_eq!(
        kinds("not x"),
        vec![(Keyword, "not"), (Whitespace, " "), (Name, "x")]
    );
    assert_eq!(kinds("$€"), vec![(Unknown, "$"), (Unknown, "€")]);
    assert_eq!(kinds("\\\nx"), vec![(Whitespace, "\\\n"), (Name, "x")]);
    assert_eq!(kinds("bar'x'"), vec![(Name, "bar"), (Str, "'x'")]);
}

#[test]
fn plain_runs_end_at_the_first_structural_byte() {
    use crate::syntax::scan::tests::structural;
    // Every length around the 8-byte steps, every stop position.
    for len in 0..20 {
        for stop in 0..=len {
            let mut src = vec![b'1'; len];
            if stop < len {
                src[stop] = b':';
            }
            for pos in 0..=len {
                let want = pos
                    + src[pos..]
                        .iter()
                        .position(|&b| structural(b))
                        .unwrap_or(len - pos);
                assert_eq!(skip_plain(&src, pos), want, "{len} {stop} {pos}");
            }
        }
    }
    assert_eq!(skip_plain(b"ab", 5), 5);
}

#[test]
fn operator_table_matches_rule() {
    for op in OPERATORS {
        assert_eq!(operator(op), Ok(("", *op)));
    }
    assert!(operator("$").is_err() && operator("!").is_err());
}

#[test]
fn simple_numbers_agree_with_the_number_rule() {
    for text in [
        "1", "12", "1.5", "0.25", "1.", "1.5e3", "1_0", "1x", "1..", "01", "1.5.", "7 ", "3,",
    ] {
        if let Some(len) = simple_number_len(text) {
            assert_eq!(number(text).map(|(_, t)| t.len()), Ok(len), "{text}");
        }
    }
    assert_eq!(simple_number_len("1.5, 2"), Some(3));
    assert_eq!(simple_number_len("1e5"), None);
}

#[test]
fn terminated_strings() {
    for (text, done) in [
        ("'a'", true),
        ("'a", false),
        ("'a\\'", false),
        ("''", true),
        ("'''a'''", true),
        ("'''a''", false),
        ("''''", false),
        ("rb\"x\"", true),
    ] {
        assert_eq!(string_is_terminated(text), done, "{text}");
    }
}
