//! How `loadtxt` cuts text: a block into lines, a line into fields (at
//! its comment, then at its delimiter or runs of whitespace).

use super::LoadTxtOptions;

/// How `loadtxt` cuts a line into fields: at its comment, then at its
/// delimiter (or runs of whitespace).
#[derive(Clone, Copy)]
pub(super) struct Splitter<'o> {
    delimiter: Option<char>,
    comments: Option<&'o str>,
    /// The comment when it is one character (found with a byte search).
    comment_char: Option<char>,
    /// `Some` when the delimiter (or whitespace) and the comment character
    /// are ASCII: lines are then split in one byte loop ([`ascii_fields`]).
    pub(super) ascii_delimiter: Option<Option<u8>>,
    pub(super) ascii_comment: Option<Option<u8>>,
}

impl<'o> Splitter<'o> {
    pub(super) fn new(opts: &'o LoadTxtOptions, delimiter: Option<char>) -> Splitter<'o> {
        let comments = opts.comments.as_deref();
        let comment_char = comments.and_then(|c| {
            let mut chars = c.chars();
            chars.next().filter(|_| chars.next().is_none())
        });
        Splitter {
            delimiter,
            comments,
            comment_char,
            ascii_delimiter: match delimiter {
                None => Some(None),
                Some(d) if d.is_ascii() => Some(Some(d as u8)),
                Some(_) => None,
            },
            ascii_comment: match (comment_char, comments) {
                (_, None) => Some(None),
                (Some(c), _) if c.is_ascii() => Some(Some(c as u8)),
                _ => None,
            },
        }
    }

    /// The fields of `line`, into the empty `fields`.
    pub(super) fn fields<'a>(&self, line: &'a str, fields: &mut Vec<&'a str>) {
        if ascii_fields(line, self.ascii_delimiter, self.ascii_comment, fields) {
            return;
        }
        fields.clear();
        let cut = match (self.comment_char, self.comments) {
            (Some(c), _) => line.find(c),
            (None, Some(c)) => line.find(c),
            (None, None) => None,
        };
        let text = cut.map_or(line, |i| &line[..i]);
        match self.delimiter {
            None => fields.extend(text.split_whitespace()),
            Some(d) if !text.is_empty() => fields.extend(text.split(d)),
            Some(_) => {}
        }
    }
}

/// Splits an ASCII `line` into `fields` as the general path does (cut at
/// the comment character, then split on `delimiter`, or on runs of
/// whitespace when it is `None`; a line empty after the cut has no
/// fields), with byte loops (std's `split` searchers cost a third of the
/// time). False, with `fields` in any state,
/// when the line or the options are not ASCII: the caller splits it the
/// general way.
pub(super) fn ascii_fields<'a>(
    line: &'a str,
    delimiter: Option<Option<u8>>,
    comment: Option<Option<u8>>,
    fields: &mut Vec<&'a str>,
) -> bool {
    let (Some(delimiter), Some(comment)) = (delimiter, comment) else {
        return false;
    };
    let bytes = line.as_bytes();
    let blank = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    if delimiter.is_none() && !comment.is_some_and(blank) {
        return whitespace_fields(line, comment, fields);
    }
    // The cut at the comment character first; what is kept must be ASCII.
    let end = comment
        .and_then(|c| memchr::memchr(c, bytes))
        .unwrap_or(bytes.len());
    let b = &bytes[..end];
    if !b.is_ascii() {
        return false;
    }
    let mut start = 0;
    match delimiter {
        Some(d) => {
            for (i, &c) in b.iter().enumerate() {
                if c == d {
                    fields.push(&line[start..i]);
                    start = i + 1;
                }
            }
            if end > 0 {
                fields.push(&line[start..end]);
            }
        }
        None => {
            // `split_whitespace` on ASCII: runs of \t \n \x0b \x0c \r and space.
            let mut in_field = false;
            for (i, &c) in b.iter().enumerate() {
                let blank = blank(c);
                if blank && in_field {
                    fields.push(&line[start..i]);
                } else if !blank && !in_field {
                    start = i;
                }
                in_field = !blank;
            }
            if in_field {
                fields.push(&line[start..end]);
            }
        }
    }
    true
}

/// [`ascii_fields`] split on whitespace, with a comment character that is
/// not blank: one pass that skips a run of blanks, then takes a field up
/// to the next blank or the comment (the bulk of a data file's bytes go
/// through the second loop). False when a field is not ASCII.
fn whitespace_fields<'a>(line: &'a str, comment: Option<u8>, fields: &mut Vec<&'a str>) -> bool {
    let b = line.as_bytes();
    let blank = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let n = b.len();
    let mut i = 0;
    // The OR of every kept byte: ASCII when below 0x80 (blanks are).
    let mut bits = 0u8;
    loop {
        while i < n && blank(b[i]) {
            i += 1;
        }
        if i == n || Some(b[i]) == comment {
            break;
        }
        let start = i;
        while i < n && !blank(b[i]) && Some(b[i]) != comment {
            bits |= b[i];
            i += 1;
        }
        // Cut at an ASCII byte (or the end): a character boundary.
        fields.push(&line[start..i]);
    }
    bits < 0x80
}

/// The lines of `text` as `LineReader::next_line` cuts them: at `\n`,
/// `\r\n` and `\r`, terminators dropped (no empty line after a final
/// terminator).
pub(super) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= b.len() {
            return None;
        }
        let start = pos;
        let (end, next) = match memchr::memchr2(b'\n', b'\r', &b[start..]) {
            Some(i) if b[start + i] == b'\r' && b.get(start + i + 1) == Some(&b'\n') => {
                (start + i, start + i + 2)
            }
            Some(i) => (start + i, start + i + 1),
            None => (b.len(), b.len()),
        };
        pos = next;
        Some(&text[start..end])
    })
}

/// An empty vector reusing `v`'s allocation for borrows of another
/// lifetime (the in-place `collect` keeps the buffer), so that splitting a
/// line does not allocate.
pub(super) fn recycle<'b>(mut v: Vec<&str>) -> Vec<&'b str> {
    v.clear();
    v.into_iter()
        .map(|_| -> &'b str { unreachable!("empty") })
        .collect()
}
