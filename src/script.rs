//! Session scripts (`.grad`): statements, `## ` prose cells, `#> ` expected
//! output lines, `#! ` expected warning lines (`#! RuntimeWarning: divide
//! by zero encountered in divide`), other `#` comments, and `:meta` commands.
//!
//! ```
//! use gradlab::script::{Script, Item};
//! let s = Script::parse("## Intro\na = [1, 2]\nlen(a)\n#> 2\n");
//! assert!(matches!(&s.items[0], Item::Prose { text, .. } if text == "Intro"));
//! assert_eq!(s.items.len(), 3);
//! assert_eq!(s.items[2].expected().unwrap().text(), "2");
//! ```

use std::ops::Range;

use crate::syntax;
use crate::text::{Source, Text};

mod owned;

/// How a recorded warning line starts. An output line that itself starts
/// with `#!` is written as it is, so it reads back the same.
pub const WARNING_PREFIX: &str = "#! ";

/// The `#> ` (and `#! `) lines recorded after a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// The recorded lines, without the `#> ` prefix (`#!` lines whole).
    pub lines: Vec<String>,
    /// 0-based line indices of the `#>` lines in the script.
    pub range: Range<usize>,
}

impl Expected {
    /// The expected output as one text (lines joined by newlines).
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

/// One cell of a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A `## ` prose line.
    Prose { line: usize, text: String },
    /// Python statements (one chunk: may span lines or hold `;`).
    Code {
        line: usize,
        /// 0-based index of the last source line of the statement.
        last: usize,
        /// Shared with the cell that runs it and `In[n]`.
        text: Text,
        expected: Option<Expected>,
    },
    /// A meta command such as `:timeit np.gradient(a)` or `%timeit ...`.
    Meta {
        line: usize,
        last: usize,
        text: String,
        expected: Option<Expected>,
    },
}

impl Item {
    /// The 1-based first line of the item.
    pub fn line(&self) -> usize {
        match self {
            Item::Prose { line, .. } | Item::Code { line, .. } | Item::Meta { line, .. } => *line,
        }
    }

    pub fn expected(&self) -> Option<&Expected> {
        match self {
            Item::Code { expected, .. } | Item::Meta { expected, .. } => expected.as_ref(),
            Item::Prose { .. } => None,
        }
    }
}

/// A parsed script. It keeps no copy of the source (a pasted literal can
/// be megabytes): [`Script::blessed`] is given the source again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    pub items: Vec<Item>,
}

/// True for a line that starts a meta command (`:cmd`, `%cmd`, the cell
/// magic `%%cmd`) or a shell escape (`!cmd`, which gradlab refuses).
pub fn is_meta(line: &str) -> bool {
    let t = line.trim_start();
    let name = t
        .strip_prefix("%%")
        .or_else(|| t.strip_prefix(':'))
        .or_else(|| t.strip_prefix('%'));
    t.starts_with('!') || name.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// True for a cell magic (`%%timeit`): its cell is the lines after it, up
/// to a blank line.
pub fn is_cell_magic(text: &str) -> bool {
    text.trim_start().starts_with("%%") && is_meta(text)
}

impl Script {
    pub fn parse(src: &str) -> Script {
        let (mut script, slices) = Script::split(src);
        for (k, range) in slices {
            script.set_text(k, Text::from(&src[range]));
        }
        script
    }

    /// [`Script::parse`] of a source that is not needed afterwards: a
    /// statement's text is copied out of it while the pages already copied
    /// are given back, so a pasted literal's megabytes are not held twice.
    pub fn parse_owned(src: String) -> Script {
        let (mut script, slices) = Script::split(&src);
        owned::fill(&mut script, src.into_bytes(), slices);
        script
    }

    /// [`Script::parse`] of a script file's text, read or mapped: a
    /// mapped one's long statements are slices of the mapping (nothing
    /// copied), the rest are copied.
    pub fn parse_source(src: Source) -> Script {
        let map = match src {
            Source::Owned(s) => return Script::parse_owned(s),
            Source::Mapped(_) => src,
        };
        let text = map.as_str();
        let (mut script, slices) = Script::split(text);
        for (k, range) in slices {
            let t = match map.slice(range.clone()) {
                Some(t) if range.len() >= crate::text::SLICE_MIN => t,
                _ => Text::from(&text[range]),
            };
            script.set_text(k, t);
        }
        script
    }

    /// Replaces the text of code item `k` (made empty by [`Script::split`]).
    fn set_text(&mut self, k: usize, new: Text) {
        if let Some(Item::Code { text, .. }) = self.items.get_mut(k) {
            *text = new;
        }
    }

    /// The items, and for each code item whose text is a slice of `src`
    /// (left empty), its index and that slice's range.
    fn split(src: &str) -> (Script, Vec<(usize, Range<usize>)>) {
        let mut slices = Vec::new();
        let lines = lines_inclusive(src);
        // Where each line starts in `src` (and the end).
        let offsets: Vec<usize> = std::iter::once(0)
            .chain(lines.iter().scan(0, |at, l| {
                *at += l.len();
                Some(*at)
            }))
            .collect();
        // A byte-order mark is not part of the first statement (kept in
        // `lines`, so `--bless` writes it back).
        let bare = |i: usize| {
            let l = lines[i].trim_end_matches(['\n', '\r']);
            if i == 0 {
                l.trim_start_matches('\u{feff}')
            } else {
                l
            }
        };
        let mut items = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = bare(i);
            let t = line.trim_start();
            if t.is_empty() {
                i += 1;
            } else if let Some(text) = prose_text(t) {
                items.push(Item::Prose {
                    line: i + 1,
                    text: text.to_string(),
                });
                i += 1;
            } else if t.starts_with('#') {
                // A comment, or a stray `#>` with no statement before it.
                i += 1;
            } else if is_meta(line) {
                let start = i;
                let mut text = t.to_string();
                if is_cell_magic(t) {
                    let body = |l: &str| !l.trim().is_empty() && !l.starts_with("#>");
                    while i + 1 < lines.len() && body(bare(i + 1)) {
                        i += 1;
                        text.push('\n');
                        text.push_str(bare(i));
                    }
                }
                let (expected, next) = collect_expected(&lines, i + 1);
                items.push(Item::Meta {
                    line: start + 1,
                    last: i,
                    text,
                    expected,
                });
                i = next;
            } else {
                let start = i;
                // Lines inside brackets (pasted data) in one scan, then
                // the rest (a compound statement's body) line by line.
                let stop = (i + syntax::bracket_lines(&src[offsets[i]..])).min(lines.len() - 1);
                let mut text = Joined::new(src, line);
                // Each line's end is read: a mapped script's pages are
                // handed back behind them.
                let mut behind = crate::text::Behind::from(src.as_bytes(), offsets[i]);
                while i < stop {
                    i += 1;
                    text.push_line(bare(i));
                    behind.at(offsets[i]);
                }
                behind.finish_at(offsets[i]);
                while i + 1 < lines.len()
                    && syntax::continues_chunk(
                        text.as_str(),
                        bare(i + 1),
                        (i + 2..lines.len()).map(bare),
                    )
                {
                    i += 1;
                    text.push_line(bare(i));
                }
                let (expected, next) = collect_expected(&lines, i + 1);
                let text = match text {
                    Joined::Slice {
                        start: from,
                        end: to,
                        ..
                    } => {
                        slices.push((items.len(), from..to));
                        Text::default()
                    }
                    Joined::Owned(text) => text.into(),
                };
                items.push(Item::Code {
                    line: start + 1,
                    last: i,
                    text,
                    expected,
                });
                i = next;
            }
        }
        (Script { items }, slices)
    }

    /// The script `src` (the text this script was parsed from) with each
    /// code/meta item's `#>` lines replaced by
    /// `outputs[k]` (the k-th item's actual output text; `None` records
    /// nothing). Everything else is kept byte for byte: items whose
    /// recorded output already matches keep their lines verbatim, and new
    /// `#>` lines use the file's line ending (CRLF when its first line has one).
    pub fn blessed(&self, src: &str, outputs: &[Option<String>]) -> String {
        let lines = lines_inclusive(src);
        let eol = if lines.first().is_some_and(|l| l.ends_with("\r\n")) {
            "\r\n"
        } else {
            "\n"
        };
        let mut out = String::new();
        let mut next_line = 0;
        for (item, actual) in self.items.iter().zip(outputs) {
            let (last, expected) = match item {
                Item::Code { last, expected, .. } | Item::Meta { last, expected, .. } => {
                    (*last, expected)
                }
                Item::Prose { .. } => continue,
            };
            if expected.as_ref().map(Expected::text) == *actual {
                continue;
            }
            for l in &lines[next_line..=last] {
                out.push_str(l);
            }
            next_line = last + 1;
            if let Some(e) = expected {
                next_line = e.range.end;
            }
            if let Some(text) = actual {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push_str(eol);
                }
                for l in text.split('\n') {
                    if !l.starts_with("#!") {
                        out.push_str(if l.is_empty() { "#>" } else { "#> " });
                    }
                    out.push_str(l);
                    out.push_str(eol);
                }
            }
        }
        for l in &lines[next_line.min(lines.len())..] {
            out.push_str(l);
        }
        out
    }
}

/// A statement's lines joined by `\n` as they are gathered: while they
/// are consecutive lines of the source ending in a bare `\n` (the usual
/// case), the joined text is a slice of the source and nothing is copied
/// until the item's text is made (a pasted literal's megabytes once, not
/// into a growing string and then again).
enum Joined<'a> {
    Slice {
        src: &'a str,
        start: usize,
        end: usize,
    },
    Owned(String),
}

impl<'a> Joined<'a> {
    /// The text of the first line, `line` (a slice of `src`).
    fn new(src: &'a str, line: &'a str) -> Joined<'a> {
        let start = offset_in(src, line);
        Joined::Slice {
            src,
            start,
            end: start + line.len(),
        }
    }

    /// Appends `\n` and the next line (a slice of the same source).
    fn push_line(&mut self, line: &'a str) {
        match self {
            Joined::Slice { src, end, .. }
                if src.as_bytes().get(*end) == Some(&b'\n') && offset_in(src, line) == *end + 1 =>
            {
                *end += 1 + line.len();
            }
            Joined::Slice { .. } => {
                let mut text = self.as_str().to_string();
                text.push('\n');
                text.push_str(line);
                *self = Joined::Owned(text);
            }
            Joined::Owned(text) => {
                text.push('\n');
                text.push_str(line);
            }
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Joined::Slice { src, start, end } => &src[*start..*end],
            Joined::Owned(text) => text,
        }
    }
}

/// Where `part` (a slice of `src`) starts in `src`.
fn offset_in(src: &str, part: &str) -> usize {
    let at = (part.as_ptr() as usize).wrapping_sub(src.as_ptr() as usize);
    debug_assert!(at <= src.len() && at + part.len() <= src.len());
    at
}

/// The text of a prose line (`## text`, or a bare `##` for an empty
/// line); `None` for other lines, including `###` comments.
fn prose_text(line: &str) -> Option<&str> {
    match line.strip_prefix("##")? {
        "" => Some(""),
        rest => rest.strip_prefix(' '),
    }
}

/// The `#>` block starting at line `i` (blank lines may not interrupt it).
fn collect_expected(lines: &[&str], i: usize) -> (Option<Expected>, usize) {
    let mut j = i;
    let mut got = Vec::new();
    while j < lines.len() {
        let l = lines[j].trim_end_matches(['\n', '\r']);
        if l.starts_with("#!") {
            got.push(l.to_string());
            j += 1;
            continue;
        }
        let Some(rest) = l.strip_prefix("#>") else {
            break;
        };
        got.push(rest.strip_prefix(' ').unwrap_or(rest).to_string());
        j += 1;
    }
    if got.is_empty() {
        (None, i)
    } else {
        (
            Some(Expected {
                lines: got,
                range: i..j,
            }),
            j,
        )
    }
}

/// `src.split_inclusive('\n')`, with memchr's vectorised search (a pasted
/// literal's 20 MB are searched in a few million instructions).
fn lines_inclusive(src: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut at = 0;
    // A mapped script's pages are handed back as the search passes them
    // (within a long line, and over many short ones).
    let mut behind = crate::text::Behind::new(src.as_bytes());
    while let Some(k) = crate::text::find_byte(b'\n', &src.as_bytes()[at..]) {
        lines.push(&src[at..=at + k]);
        at += k + 1;
        behind.at(at);
    }
    behind.finish();
    if at < src.len() {
        lines.push(&src[at..]);
    }
    lines
}
