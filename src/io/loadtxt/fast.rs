//! The float64 rows of a block in one pass: each number is converted
//! where it starts in the text (no fields cut first, no second scan of
//! each field), as long as the block is plain data. Anything else, down to
//! a space before a delimiter, gives up and the caller reads the block the
//! general way, so values and errors stay those of the line reader.

/// The values (row-major) and the row count of the lines of `text` (whole
/// lines, see `LineReader::next_block`) when every line is blank, a
/// comment, or exactly `ncols` plain decimal numbers (digits, `.`, an
/// exponent, a sign) split by `delimiter` (`None`: runs of blanks), perhaps
/// followed by a `comment`; `None` otherwise, and for a delimiter or
/// comment byte that can be part of a number or (the delimiter) a line end.
#[cfg(test)]
pub(super) fn floats(
    text: &str,
    ncols: usize,
    delimiter: Option<u8>,
    comment: Option<u8>,
) -> Option<(Vec<f64>, usize)> {
    let mut out = Vec::new();
    let rows = floats_into(text.as_bytes(), ncols, delimiter, comment, &mut out)?;
    Some((out, rows))
}

/// Whether [`floats_into`] can read anything with these options: not when
/// the delimiter or comment byte can be part of a number or (the
/// delimiter) a line end.
pub(super) fn usable(delimiter: Option<u8>, comment: Option<u8>) -> bool {
    let numeric = |c: u8| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-');
    !(delimiter.is_some_and(|d| numeric(d) || matches!(d, b'\n' | b'\r'))
        || comment.is_some_and(|c| numeric(c) || blank(c) || matches!(c, b'\n' | b'\r')))
}

/// [`floats`] of raw bytes, the values appended to `out` (left in any
/// state on `None`), the row count returned. Bytes that are not ASCII
/// give `None`, except inside a comment, which must only be UTF-8: so a
/// text read is also one `LineReader::next_line` decodes without error.
pub(super) fn floats_into(
    b: &[u8],
    ncols: usize,
    delimiter: Option<u8>,
    comment: Option<u8>,
    out: &mut Vec<f64>,
) -> Option<usize> {
    if !usable(delimiter, comment) {
        return None;
    }
    let n = b.len();
    out.reserve(n / 16);
    let mut rows = 0;
    let mut i = 0;
    let line_end = |c: Option<&u8>| matches!(c, None | Some(b'\n' | b'\r'));
    while i < n {
        let mut cols = 0;
        loop {
            if delimiter.is_none() {
                while i < n && matches!(b[i], b' ' | b'\t' | b'\x0b' | b'\x0c') {
                    i += 1;
                }
            }
            // After a delimiter, a number must follow (an empty last field
            // is the general path's error).
            let at_field = cols == 0 || delimiter.is_none();
            if at_field && (line_end(b.get(i)) || b.get(i) == comment.as_ref()) {
                break;
            }
            let (value, len) = number(&b[i..])?;
            out.push(value);
            cols += 1;
            i += len;
            match b.get(i) {
                c if line_end(c) => break,
                Some(&c) if Some(c) == comment => break,
                Some(&c) if Some(c) == delimiter => i += 1,
                Some(&c) if delimiter.is_none() && blank(c) => {}
                _ => return None,
            }
        }
        if b.get(i) == comment.as_ref() {
            let len = memchr::memchr2(b'\n', b'\r', &b[i..]).unwrap_or(n - i);
            let text = &b[i..i + len];
            if !text.is_ascii() && std::str::from_utf8(text).is_err() {
                return None;
            }
            i += len;
        }
        if cols != 0 {
            if cols != ncols {
                return None;
            }
            rows += 1;
        }
        // Past the line's end: `\n`, `\r\n` or `\r`.
        if b.get(i) == Some(&b'\r') && b.get(i + 1) == Some(&b'\n') {
            i += 1;
        }
        i += 1;
    }
    Some(rows)
}

/// Blanks of `str::split_whitespace` within a line.
fn blank(c: u8) -> bool {
    matches!(c, b'\t'..=b'\r' | b' ')
}

/// A number at the start of `b` and its length: a sign, then a digit or a
/// `.` (so never `inf` or `nan`), then what fast-float2 reads, which is
/// `decimal_f64`'s value of those bytes (the same parser; the caller checks
/// what follows).
fn number(b: &[u8]) -> Option<(f64, usize)> {
    let digits = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    if !b
        .get(digits)
        .is_some_and(|&c| c.is_ascii_digit() || c == b'.')
    {
        return None;
    }
    fast_float2::parse_partial::<f64, _>(b).ok()
}
