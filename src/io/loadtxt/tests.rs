//! The one-pass ASCII splitter against the general split it stands in for.

use super::ascii_fields;
use proptest::prelude::*;

/// The general path of `loadtxt`: cut at the comment, then split.
fn general(line: &str, delimiter: Option<char>, comment: Option<char>) -> Vec<&str> {
    let text = comment
        .and_then(|c| line.find(c))
        .map_or(line, |i| &line[..i]);
    match delimiter {
        None => text.split_whitespace().collect(),
        Some(d) if !text.is_empty() => text.split(d).collect(),
        Some(_) => vec![],
    }
}

fn check(line: &str, delimiter: Option<char>, comment: Option<char>) {
    let mut fields = Vec::new();
    let d = delimiter.map(|c| c as u8);
    let c = comment.map(|c| c as u8);
    if ascii_fields(line, Some(d), Some(c), &mut fields) {
        assert_eq!(
            fields,
            general(line, delimiter, comment),
            "{line:?} {delimiter:?} {comment:?}"
        );
    } else {
        assert!(!line.is_ascii(), "{line:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn ascii_split_matches_the_general_split(
        parts in prop::collection::vec(
            prop::sample::select(vec!["1.5", "-2", " ", "\t", ",", ";", "#", "x", "\x0b", "\r", "é", ""]),
            0..12,
        ),
        delimiter in prop::sample::select(vec![None, Some(','), Some(';'), Some(' ')]),
        comment in prop::sample::select(vec![None, Some('#'), Some(';')]),
    ) {
        check(&parts.concat(), delimiter, comment);
    }
}
