//! Tab completion from in-memory tables: variables, builtins, module
//! members after `np.`, array attributes after `a.`, keyword arguments of
//! the call being typed, meta commands, and file names inside the string
//! argument of a file function or after `:run`/`:save`/`:export`.

use std::path::Path;

use crate::eval::{builtins, methods};
use crate::notebook::meta::{self, Complete, METAS};
use crate::syntax::{TokenKind, call_context, tokens};

use super::names::{Kind, Names};

/// Functions whose string argument is a file name.
const FILE_FUNCS: &[&str] = &["loadtxt", "genfromtxt", "load", "save", "savetxt"];
/// The Python keywords gradlab's statements use.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "def", "from", "import", "in", "is", "lambda", "not",
    "or", "pass", "return",
];

/// Candidates replacing `line[start..pos]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub start: usize,
    pub candidates: Vec<String>,
}

impl Completion {
    fn new(start: usize, candidates: Vec<String>) -> Completion {
        Completion { start, candidates }
    }
}

/// The completion at byte `pos` of `line`; relative file names are listed
/// from `dir`.
pub fn complete(line: &str, pos: usize, names: &Names, dir: &Path) -> Completion {
    let pos = floor_boundary(line, pos);
    let head = &line[..pos];
    let lead = head.len() - head.trim_start().len();
    if crate::script::is_meta(head) || matches!(head.trim(), ":" | "%") {
        return complete_meta(head, lead, names, dir);
    }
    complete_code(head, 0, names, dir)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn complete_meta(head: &str, lead: usize, names: &Names, dir: &Path) -> Completion {
    let body = &head[lead + 1..];
    let sigil = &head[lead..lead + 1];
    let Some((word, rest)) = body.split_once(char::is_whitespace) else {
        let mut c: Vec<String> = METAS
            .iter()
            .flat_map(|m| std::iter::once(m.name).chain(m.aliases.iter().copied()))
            .filter(|n| n.starts_with(body))
            .map(|n| format!("{sigil}{n}"))
            .collect();
        c.sort();
        c.dedup();
        return Completion::new(lead, c);
    };
    let arg_at = head.len() - rest.len();
    let Some(m) = meta::lookup(word) else {
        return Completion::new(head.len(), vec![]);
    };
    if m.complete == Complete::Code {
        return complete_code(rest, arg_at, names, dir);
    }
    let arg_start = head.rfind(char::is_whitespace).map_or(arg_at, |i| i + 1);
    let prefix = &head[arg_start..];
    let pool: Vec<&str> = match m.complete {
        Complete::Files => return Completion::new(arg_start, files(prefix, dir, false)),
        Complete::Dirs => return Completion::new(arg_start, files(prefix, dir, true)),
        Complete::Topics => builtins::all()
            .map(|b| b.name)
            .chain(METAS.iter().map(|m| m.name))
            .collect(),
        Complete::Variables => names.variables().collect(),
        Complete::Words(words) => words.to_vec(),
        Complete::Nothing | Complete::Code => vec![],
    };
    Completion::new(arg_start, matching(pool, prefix))
}

fn matching<'a>(pool: impl IntoIterator<Item = &'a str>, prefix: &str) -> Vec<String> {
    let mut c: Vec<String> = pool
        .into_iter()
        .filter(|n| n.starts_with(prefix))
        .map(str::to_string)
        .collect();
    c.sort();
    c.dedup();
    c
}

/// Completion in code `head` (the text before the cursor), whose first byte
/// is at `offset` in the line.
fn complete_code(head: &str, offset: usize, names: &Names, dir: &Path) -> Completion {
    let none = Completion::new(offset + head.len(), vec![]);
    if let Some(content) = open_string(head) {
        let callee = call_context(head, head.len()).map(|c| c.callee);
        let bare = callee.as_deref().map(|c| c.rsplit('.').next().unwrap_or(c));
        if bare.is_some_and(|b| FILE_FUNCS.contains(&b)) {
            return Completion::new(
                offset + head.len() - content.len(),
                files(content, dir, false),
            );
        }
        return none;
    }
    let word_start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &head[word_start..];
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return none;
    }
    if let Some((base, partial)) = word.rsplit_once('.') {
        let pool: Vec<&str> = if let Some(m) = names.module(base) {
            builtins::module_names(m).collect()
        } else if names.kind(base) == Some(&Kind::Array) {
            methods::attribute_names().collect()
        } else {
            vec![]
        };
        let start = offset + head.len() - partial.len();
        return Completion::new(start, matching(pool, partial));
    }
    let start = offset + word_start;
    let mut out = keyword_args(head, word, names);
    if !word.is_empty() {
        let builtin: Vec<&'static str> = builtins::global_names()
            .filter(|n| names.is_builtin(n))
            .collect();
        let pool = names
            .variables()
            .chain(builtin)
            .chain(KEYWORDS.iter().copied());
        for c in matching(pool, word) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    Completion::new(start, out)
}

/// `name=` for each keyword the call being typed still accepts.
fn keyword_args(head: &str, word: &str, names: &Names) -> Vec<String> {
    let Some(ctx) = call_context(head, head.len()) else {
        return vec![];
    };
    if ctx.keyword_prefix.as_deref() != Some(word) {
        return vec![];
    }
    let Some(sig) = names.signature(&ctx.callee) else {
        return vec![];
    };
    crate::eval::Signature::parse(&sig)
        .params
        .into_iter()
        .enumerate()
        // Parameters before the argument being typed were given by position.
        .filter(|(i, p)| p.keyword_only || *i >= ctx.arg_index)
        .filter(|(_, p)| p.name.starts_with(word) && !ctx.used_keywords.contains(&p.name))
        .map(|(_, p)| format!("{}=", p.name))
        .collect()
}

/// The text typed so far inside a string literal the cursor is in.
fn open_string(head: &str) -> Option<&str> {
    let last = tokens(head).pop()?;
    if last.kind != TokenKind::Str {
        return None;
    }
    let text = &head[last.span];
    let body = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let quote = body.chars().next()?;
    let content = &body[1..];
    let closed = !content.is_empty() && content.ends_with(quote);
    (!closed).then_some(content)
}

/// Entries of the directory named by `prefix` (relative to `dir`) that
/// start with its last component; directories end with `/` (and are the
/// only entries when `dirs_only`).
fn files(prefix: &str, dir: &Path, dirs_only: bool) -> Vec<String> {
    let (parent, stem) = match prefix.rfind('/') {
        Some(i) => (&prefix[..=i], &prefix[i + 1..]),
        None => ("", prefix),
    };
    let base = if parent.starts_with('/') {
        Path::new(parent).to_path_buf()
    } else if let Some(rest) = parent.strip_prefix("~/") {
        std::env::var_os("HOME").map_or(dir.join(parent), |h| Path::new(&h).join(rest))
    } else {
        dir.join(parent)
    };
    let Ok(entries) = std::fs::read_dir(&base) else {
        return vec![];
    };
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if !name.starts_with(stem) || (name.starts_with('.') && !stem.starts_with('.')) {
                return None;
            }
            let is_dir = e.path().is_dir();
            if dirs_only && !is_dir {
                return None;
            }
            let slash = if is_dir { "/" } else { "" };
            Some(format!("{parent}{name}{slash}"))
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Module;

    fn names() -> Names {
        Names::with(&[
            ("data", Kind::Array),
            ("dx", Kind::Array),
            ("nd", Kind::Module(Module::Numdifftools)),
            ("m", Kind::Module(Module::Math)),
            ("f", Kind::Function("f(x, h=0.1)".into())),
            ("label", Kind::Other),
        ])
    }

    /// (start, candidates) at the end of `line`.
    fn at_end(line: &str) -> (usize, Vec<String>) {
        let c = complete(line, line.len(), &names(), Path::new("/nonexistent"));
        (c.start, c.candidates)
    }

    fn has(line: &str, want: &[&str]) {
        let (_, got) = at_end(line);
        for w in want {
            assert!(got.iter().any(|g| g == w), "{line:?}: {w} not in {got:?}");
        }
    }

    fn exactly(line: &str, start: usize, want: &[&str]) {
        assert_eq!(
            at_end(line),
            (start, want.iter().map(|s| s.to_string()).collect()),
            "{line:?}"
        );
    }

    #[test]
    fn names_builtins_and_keywords() {
        exactly("da", 0, &["data"]);
        exactly("x = gradi", 4, &["gradient"]);
        exactly("lin", 0, &["linspace"]);
        has("d", &["data", "diff", "dx", "def"]);
        exactly("lam", 0, &["lambda"]);
        exactly("", 0, &[]);
        exactly("1.5", 3, &[]);
        exactly("zzz", 0, &[]);
    }

    #[test]
    fn members_after_a_dot() {
        exactly("np.grad", 3, &["gradient"]);
        exactly("numpy.linsp", 6, &["linspace"]);
        has("np.", &["diff", "pi", "nan", "float64"]);
        has("m.", &["sin", "pi"]);
        exactly("data.sh", 5, &["shape"]);
        has("dx.", &["T", "reshape", "astype", "ndim"]);
        exactly("label.", 6, &[]);
        exactly("math.", 5, &[]);
    }

    #[test]
    fn keyword_arguments_from_the_signature() {
        exactly("np.gradient(data, ", 18, &["axis=", "edge_order="]);
        exactly("np.gradient(", 12, &["f=", "axis=", "edge_order="]);
        exactly(
            "np.gradient(data, ed",
            18,
            &["edge_order=", "edges", "ediff1d"],
        );
        exactly(
            "np.gradient(data, axis=0, e",
            26,
            &[
                "edge_order=",
                "edges",
                "ediff1d",
                "empty",
                "empty_like",
                "enumerate",
                "errstate",
                "exp",
                "exp2",
                "expand_dims",
                "explain",
                "expm1",
                "eye",
            ],
        );
        exactly(
            "diff(data, p",
            11,
            &[
                "prepend=",
                "pad",
                "pass",
                "percentile",
                "pi",
                "plot",
                "poly1d",
                "polyadd",
                "polyder",
                "polyfit",
                "polyint",
                "polymul",
                "polysub",
                "polyval",
                "positive",
                "power",
                "print",
                "printoptions",
                "prod",
                "promote_types",
                "ptp",
            ],
        );
        exactly(
            "np.diff(data, ",
            14,
            &["n=", "axis=", "prepend=", "append="],
        );
        has("np.diff(data, a", &["axis=", "append=", "abs"]);
        exactly(
            "f(1, h",
            5,
            &[
                "h=",
                "heatmap",
                "heaviside",
                "help",
                "histogram",
                "hstack",
                "hypot",
            ],
        );
        exactly("np.gradient(data)", 17, &[]);
    }

    #[test]
    fn meta_commands() {
        exactly(":ti", 0, &[":time", ":timeit"]);
        exactly("%tim", 0, &["%time", "%timeit"]);
        exactly(":cd /nonexistent-x", 4, &[]);
        exactly(":xmode Ve", 7, &["Verbose"]);
        exactly(":who", 0, &[":who", ":whos"]);
        has(":", &[":help", ":quit", ":explore", ":q"]);
        exactly(":help grad", 6, &["gradient"]);
        exactly(":explore da", 9, &["data"]);
        exactly(":timeit np.gra", 11, &["gradient"]);
        exactly(
            ":timeit gradient(data, ed",
            23,
            &["edge_order=", "edges", "ediff1d"],
        );
    }

    #[test]
    fn file_names_in_file_arguments() {
        let dir = std::env::temp_dir().join(format!("gradlab-complete-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("data.csv"), "1\n").unwrap();
        std::fs::write(dir.join("dx.npy"), "").unwrap();
        std::fs::write(dir.join("sub/inner.grad"), "").unwrap();
        let c = |line: &str| {
            let c = complete(line, line.len(), &names(), &dir);
            (c.start, c.candidates)
        };
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(c("np.loadtxt('da"), (12, v(&["data.csv"])));
        assert_eq!(c("np.loadtxt(\"d"), (12, v(&["data.csv", "dx.npy"])));
        assert_eq!(c("np.save('su"), (9, v(&["sub/"])));
        assert_eq!(c("np.load('sub/"), (9, v(&["sub/inner.grad"])));
        assert_eq!(c("print('da"), (9, v(&[])));
        assert_eq!(c(":run sub/i"), (5, v(&["sub/inner.grad"])));
        assert_eq!(c(":save d"), (6, v(&["data.csv", "dx.npy"])));
        assert_eq!(c("%export s"), (8, v(&["sub/"])));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
