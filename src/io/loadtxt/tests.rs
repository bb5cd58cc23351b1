//! The one-pass ASCII splitter against the general split it stands in for.

use super::fields::{ascii_fields, split_lines};
use super::{LINES_ONLY, LoadTxtOptions, loadtxt};
use crate::array::DType;
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

/// `loadtxt` of `text` line by line and with the block path: the arrays
/// (or the errors) as Debug text, bits of every value included.
fn load_both(text: &str, opts: &LoadTxtOptions) -> (String, String) {
    load_both_bytes(text.as_bytes(), opts)
}

fn load_both_bytes(text: &[u8], opts: &LoadTxtOptions) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.txt");
    std::fs::write(&path, text).unwrap();
    let load = |lines_only: bool| {
        LINES_ONLY.set(lines_only);
        let got = loadtxt(&path, opts);
        LINES_ONLY.set(false);
        match got {
            Ok(l) => format!("{:?} {:?}", l.array, l.warnings),
            Err(e) => format!("error {e:?}"),
        }
    };
    (load(false), load(true))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Blocks of lines split in two and converted on two threads give the
    /// line-by-line result exactly: values, and the first error with its
    /// row number (bad values, changed column counts, non-ASCII text,
    /// comments, blank lines and CR/CRLF line ends anywhere).
    #[test]
    fn blocks_read_as_lines_do(
        rows in prop::collection::vec(
            (
                prop::collection::vec(prop::sample::select(vec![
                    "1.5", "-2", "7", "1e3", "nan", "0.25", "x", "", "é",
                    "1.", ".5", "+3", "1e", " 4", "5 ", "-", "2E-5", "1_0", "inf",
                ]), 1..4),
                prop::sample::select(vec!["\n", "\n", "\n", "\r\n", "\r", "\n\n", " # c\n", "# é\n"]),
            ),
            0..120,
        ),
        bad_share in 0u32..4,
        delimiter in prop::sample::select(vec![None, Some(",")]),
        comments in prop::sample::select(vec![Some("#"), None]),
        dtype in prop::sample::select(vec![DType::Float64, DType::Int64]),
        usecols in prop::sample::select(vec![None, Some(vec![0i64]), Some(vec![-1i64, 1])]),
    ) {
        let sep = delimiter.unwrap_or(" ");
        let mut text = String::new();
        for (k, (fields, end)) in rows.iter().enumerate() {
            // Mostly three good values a row; a few rows keep their draw.
            let good = ["1.5", "-2", "7"];
            let fields: Vec<&str> = if (k as u32 * 7919) % 97 < 97 - bad_share * 3 {
                good.to_vec()
            } else {
                fields.clone()
            };
            text.push_str(&fields.join(sep));
            text.push_str(end);
        }
        let opts = LoadTxtOptions {
            delimiter: delimiter.map(str::to_string),
            comments: comments.map(str::to_string),
            dtype,
            usecols,
            ..LoadTxtOptions::default()
        };
        let (blocks, lines) = load_both(&text, &opts);
        prop_assert_eq!(blocks, lines, "{:?}", text);
    }

    /// `split_lines` cuts as `LineReader::next_line` does.
    #[test]
    fn block_lines_are_the_reader_lines(parts in prop::collection::vec(
        prop::sample::select(vec!["a", "1 2", "\n", "\r", "\r\n", ""]), 0..12)
    ) {
        let text = parts.concat();
        let mut r = crate::io::text::LineReader::new(text.as_bytes(), std::path::Path::new("t"));
        let mut want = Vec::new();
        while let Some(l) = r.next_line().unwrap() {
            want.push(l.to_string());
        }
        prop_assert_eq!(split_lines(&text).collect::<Vec<_>>(), want);
    }
}

/// The one-pass float rows: what they read, and what they leave to the
/// general path (which gives the value or the error).
#[test]
fn fast_rows_take_plain_data_only() {
    use super::fast::floats;
    let ws = |t: &str| floats(t, 2, None, Some(b'#'));
    let csv = |t: &str| floats(t, 2, Some(b','), Some(b'#'));
    assert_eq!(
        ws(" 1.5  -2\n\n# c\n\t.5 1e3 # x\r\n+1. 2E-1\r"),
        Some((vec![1.5, -2.0, 0.5, 1000.0, 1.0, 0.2], 3))
    );
    assert_eq!(
        csv("1.5,-2\n#c\n3,4#x\n"),
        Some((vec![1.5, -2.0, 3.0, 4.0], 2))
    );
    assert_eq!(ws(""), Some((vec![], 0)));
    for t in [
        "1 2 3\n", "1\n", "1 x\n", "1 inf\n", "1 nan\n", "1 1e\n", "1 1_0\n", "1 2é\n",
    ] {
        assert_eq!(ws(t), None, "{t:?}");
    }
    for t in [
        "1,2,\n", "1,\n", "1, 2\n", "1 ,2\n", " 1,2\n", "1,2 \n", "1,#\n", "1,,2\n", "   \n",
    ] {
        assert_eq!(csv(t), None, "{t:?}");
    }
    // A delimiter or comment that can be part of a number.
    assert_eq!(floats("1e2\n", 1, Some(b'e'), None), None);
    assert_eq!(floats("1\n", 1, None, Some(b'-')), None);
}

/// Plain float rows over many chunks of the streaming reader, with what
/// it must hand back to the line reader placed in some chunk: bytes that
/// are not UTF-8 in a comment or a value, a line longer than a chunk, a
/// bad value; the result or the first error (with its file position or
/// row) is the line reader's.
#[test]
fn streamed_chunks_read_as_lines_do() {
    let mut plain = Vec::new();
    for k in 0..400 {
        let end: &[u8] = if k % 3 == 0 { b"\r\n" } else { b"\n" };
        plain.extend_from_slice(format!("{}.25 -{k}e-3 {}", k, k * 7).as_bytes());
        plain.extend_from_slice(end);
    }
    let long = format!("1 2 {}3\n", "0".repeat(1000));
    let inserts: [&[u8]; 7] = [
        b"",
        b"# \xc3\xa9 fine\n",
        b"1 2 3 # \xff\n",
        b"1 2 \xc3\n",
        long.as_bytes(),
        b"1 2 x\n",
        b"1 2\n",
    ];
    for insert in inserts {
        for at in [0, 1, 150, 2000, 5999, plain.len()] {
            let at = plain[..at]
                .iter()
                .rposition(|&c| c == b'\n')
                .map_or(0, |i| i + 1);
            let mut text = b"0 0 0\n".to_vec();
            text.extend_from_slice(&plain[..at]);
            text.extend_from_slice(insert);
            text.extend_from_slice(&plain[at..]);
            for delimiter in [None, Some(" ".to_string())] {
                let opts = LoadTxtOptions {
                    delimiter,
                    ..LoadTxtOptions::default()
                };
                let (blocks, lines) = load_both_bytes(&text, &opts);
                assert_eq!(
                    blocks,
                    lines,
                    "{:?} at {at}",
                    String::from_utf8_lossy(insert)
                );
            }
        }
    }
}
