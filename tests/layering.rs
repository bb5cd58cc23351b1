//! The layering of `src/`, kept by a test: data flows text → syntax →
//! eval → engine/array and back out through the front ends, so
//!
//! - a lower module (see [`LOWER`]) never imports a front end ([`FRONT`])
//!   nor a terminal crate ([`TERMINAL_CRATES`]);
//! - `engine/` imports nothing of the crate but the array layer;
//! - top-level modules import each other without cycles (a cycle through a
//!   lower module fails; cycles among front ends fail unless listed in
//!   [`KNOWN_FRONT_CYCLES`], and every cycle found is printed).
//!
//! Imports are read from the source text with comments and string
//! literals removed: `crate::m`, `super::…` resolved against the file's
//! module (inline `mod x { … }` included), `crate::{a, b::c}` groups, and
//! `gradlab::m` in the binary. `LAYERING_SRC=/path/to/src` checks another
//! checkout (e.g. to see what an old tree violates).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules below the front ends (the array layer `src/array*` included
/// before it exists).
const LOWER: &[&str] = &[
    "engine", "array", "syntax", "format", "views", "eval", "numdiff", "io", "memory", "random",
    "pandas", "mpl", "text",
];
/// The front ends: terminal drawing, the line editor, the command line,
/// script runs and exports.
const FRONT: &[&str] = &["tui", "repl", "cli", "notebook", "export"];
/// Crates that own the terminal: only front ends may use them.
const TERMINAL_CRATES: &[&str] = &["ratatui", "crossterm", "rustyline"];
/// What `engine/` may import from the crate: the array layer, and `memory`: a leaf every layer may use (it imports
/// nothing of the crate) for the process-wide allocation cap.
const ENGINE_MAY_IMPORT: &[&str] = &["array", "memory"];
/// Cycles among front ends that are known and being removed (issue 16:
/// `export` imports `cli` for `ExportFormat`; helper `front`). Each entry
/// is the sorted set of modules in one cycle.
const KNOWN_FRONT_CYCLES: &[&[&str]] = &[&["cli", "export", "repl"]];

/// One reference from a file to a top-level module or crate.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Import {
    file: String,
    line: usize,
    /// Top-level module of the crate, or an external crate's name.
    target: String,
}

/// Source text with comments, string and char literals blanked out (line
/// breaks kept, so line numbers stay right).
fn strip(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let blank = |c: u8| if c == b'\n' { b'\n' } else { b' ' };
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                out.push(b' ');
                i += 1;
            }
        } else if rest.starts_with(b"/*") {
            let mut depth = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    out.extend(b"  ");
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    out.extend(b"  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if let Some(hashes) = raw_string_start(rest) {
            // r"…", r#"…"#, br"…": up to the quote followed by the hashes.
            let open = rest.iter().position(|&c| c == b'"').unwrap_or(0) + 1;
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let mut j = i + open;
            while j < b.len() && !b[j..].starts_with(&close) {
                j += 1;
            }
            let end = (j + close.len()).min(b.len());
            out.extend(b[i..end].iter().map(|&c| blank(c)));
            i = end;
        } else if b[i] == b'"' {
            out.push(b' ');
            i += 1;
            while i < b.len() && b[i] != b'"' {
                let step = if b[i] == b'\\' { 2 } else { 1 };
                for _ in 0..step.min(b.len() - i) {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
            out.push(b' ');
            i += 1;
        } else if b[i] == b'\'' && char_literal_len(rest).is_some() {
            let n = char_literal_len(rest).unwrap_or(1);
            out.extend(std::iter::repeat_n(b' ', n));
            i += n;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `Some(number of #)` when `s` starts a raw string literal.
fn raw_string_start(s: &[u8]) -> Option<usize> {
    let s = s.strip_prefix(b"b").unwrap_or(s);
    let s = s.strip_prefix(b"r")?;
    let hashes = s.iter().take_while(|&&c| c == b'#').count();
    (s.get(hashes) == Some(&b'"')).then_some(hashes)
}

/// Length of a char literal at the start of `s` (`'a'`, `'\n'`,
/// `'\u{1F600}'`), `None` for a lifetime such as `'a`.
fn char_literal_len(s: &[u8]) -> Option<usize> {
    if s.get(1) == Some(&b'\\') {
        let close = s[2..].iter().position(|&c| c == b'\'')?;
        return Some(close + 3);
    }
    let text = std::str::from_utf8(&s[1..s.len().min(6)]).unwrap_or("");
    let c = text.chars().next()?;
    (s.get(1 + c.len_utf8()) == Some(&b'\'')).then_some(2 + c.len_utf8())
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Path,
    Open,
    Close,
    Other,
}

fn tokens(src: &str) -> Vec<(Tok, usize)> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => line += 1,
            c if c.is_whitespace() => {}
            c if c.is_alphabetic() || c == '_' => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if !(d.is_alphanumeric() || d == '_') {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                out.push((Tok::Ident(src[i..end].to_string()), line));
            }
            ':' if chars.peek().map(|&(_, d)| d) == Some(':') => {
                chars.next();
                out.push((Tok::Path, line));
            }
            '{' => out.push((Tok::Open, line)),
            '}' => out.push((Tok::Close, line)),
            _ => out.push((Tok::Other, line)),
        }
    }
    out
}

/// The module path of a file under `src/`: `eval/builtins/x.rs` →
/// `[eval, builtins, x]`, `eval.rs` → `[eval]`, `lib.rs` → `[]`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "lib" | "mod") {
        parts.push(stem.to_string());
    }
    parts
}

/// Every top-level module or external crate `src` refers to by path.
/// `module` is the file's module path; `binary` reads `gradlab::` as the
/// crate (for `main.rs`).
fn imports(file: &str, module: &[String], src: &str, binary: bool) -> Vec<Import> {
    let toks = tokens(&strip(src));
    let mut out = Vec::new();
    // Inline modules: (name, brace depth at which their body opened).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let ident = |k: usize| match toks.get(k) {
        Some((Tok::Ident(s), _)) => Some(s.as_str()),
        _ => None,
    };
    let mut k = 0;
    while k < toks.len() {
        let (tok, line) = &toks[k];
        match tok {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth -= 1;
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Tok::Ident(s) if s == "mod" => {
                if let (Some(name), Some((Tok::Open, _))) = (ident(k + 1), toks.get(k + 2)) {
                    inline.push((name.to_string(), depth));
                }
            }
            Tok::Ident(_) => {
                let after_path = k > 0 && toks[k - 1].0 == Tok::Path;
                let starts_path = toks.get(k + 1).map(|t| &t.0) == Some(&Tok::Path);
                let is_use = k > 0 && matches!(&toks[k - 1].0, Tok::Ident(u) if u == "use");
                if !after_path && (starts_path || is_use) {
                    let here: Vec<String> = module
                        .iter()
                        .cloned()
                        .chain(inline.iter().map(|(n, _)| n.clone()))
                        .collect();
                    for target in resolve(&toks, k, &here, binary) {
                        out.push(Import {
                            file: file.to_string(),
                            line: *line,
                            target,
                        });
                    }
                }
            }
            _ => {}
        }
        k += 1;
    }
    out
}

/// The top-level targets of the path starting at token `k`.
fn resolve(toks: &[(Tok, usize)], k: usize, here: &[String], binary: bool) -> Vec<String> {
    let Tok::Ident(first) = &toks[k].0 else {
        return vec![];
    };
    if TERMINAL_CRATES.contains(&first.as_str()) {
        return vec![first.clone()];
    }
    // The absolute module path so far and the token after it.
    let (mut abs, mut j): (Vec<String>, usize) = match first.as_str() {
        "crate" => (vec![], k + 1),
        "gradlab" if binary => (vec![], k + 1),
        "self" => (here.to_vec(), k + 1),
        "super" => {
            let mut abs = here.to_vec();
            abs.pop();
            let mut j = k + 1;
            while toks.get(j).map(|t| &t.0) == Some(&Tok::Path)
                && matches!(toks.get(j + 1).map(|t| &t.0), Some(Tok::Ident(s)) if s == "super")
            {
                abs.pop();
                j += 2;
            }
            (abs, j)
        }
        _ => return vec![],
    };
    // Walk `::name` segments until the path reaches a top-level module.
    while abs.is_empty() {
        if toks.get(j).map(|t| &t.0) != Some(&Tok::Path) {
            return vec![];
        }
        match toks.get(j + 1).map(|t| &t.0) {
            Some(Tok::Ident(name)) => {
                abs.push(name.clone());
                j += 2;
            }
            Some(Tok::Open) => return group_heads(toks, j + 1),
            _ => return vec![],
        }
    }
    vec![abs[0].clone()]
}

/// The first name of each item of the `{…}` group opening at token `open`.
fn group_heads(toks: &[(Tok, usize)], open: usize) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect = true;
    for (t, _) in &toks[open..] {
        match t {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Tok::Ident(s) if depth == 1 && expect => {
                heads.push(s.clone());
                expect = false;
            }
            Tok::Other if depth == 1 => expect = true,
            _ => {}
        }
    }
    heads
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every import of every file under `src`, and the crate's top modules.
fn scan(src: &Path) -> (Vec<Import>, BTreeSet<String>) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut all = Vec::new();
    let mut tops = BTreeSet::new();
    for path in files {
        let rel = path.strip_prefix(src).expect("under src");
        let module = module_of(rel);
        if let Some(top) = module.first() {
            tops.insert(top.clone());
        }
        let text = std::fs::read_to_string(&path).expect("read source");
        let name = format!("src/{}", rel.display());
        all.extend(imports(&name, &module, &text, module == ["main"]));
    }
    (all, tops)
}

fn top_of(file: &str) -> &str {
    let rel = file.trim_start_matches("src/");
    let first = rel.split('/').next().unwrap_or(rel);
    first.trim_end_matches(".rs")
}

/// Layer violations: lower modules reaching up, `engine/` reaching out.
fn violations(imports: &[Import], tops: &BTreeSet<String>) -> Vec<String> {
    let mut bad = Vec::new();
    for imp in imports {
        let from = top_of(&imp.file);
        let t = imp.target.as_str();
        if from == t || !(tops.contains(t) || TERMINAL_CRATES.contains(&t)) {
            continue;
        }
        let why = if LOWER.contains(&from) && (FRONT.contains(&t) || TERMINAL_CRATES.contains(&t)) {
            format!("lower module `{from}` imports `{t}`")
        } else if from == "engine" && !ENGINE_MAY_IMPORT.contains(&t) {
            format!("`engine` imports `{t}` (only the array layer is allowed)")
        } else {
            continue;
        };
        bad.push(format!("{}:{}: {why}", imp.file, imp.line));
    }
    bad
}

/// The import graph between top-level modules (binary and root excluded).
fn graph(imports: &[Import], tops: &BTreeSet<String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for imp in imports {
        let from = top_of(&imp.file);
        if matches!(from, "lib" | "main") || from == imp.target || !tops.contains(&imp.target) {
            continue;
        }
        g.entry(from.to_string())
            .or_default()
            .insert(imp.target.clone());
    }
    g
}

/// Strongly connected components of more than one module (Tarjan), each
/// sorted.
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.found.push(comp);
            }
        }
    }
    let mut s = State {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in g.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found.sort();
    s.found
}

/// Cycles that fail the test: through a lower module, or among front ends
/// and not known.
fn bad_cycles(found: &[Vec<String>]) -> Vec<String> {
    found
        .iter()
        .filter(|c| {
            c.iter().any(|m| !FRONT.contains(&m.as_str()))
                || !KNOWN_FRONT_CYCLES.iter().any(|k| k == c)
        })
        .map(|c| c.join(" ↔ "))
        .collect()
}

fn src_dir() -> PathBuf {
    std::env::var_os("LAYERING_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

#[test]
fn lower_modules_import_no_front_end_and_engine_only_the_array_layer() {
    let (imports, tops) = scan(&src_dir());
    assert!(
        imports.iter().any(|i| i.target == "engine"),
        "the scan found no imports at all: {}",
        src_dir().display()
    );
    let bad = violations(&imports, &tops);
    assert!(bad.is_empty(), "layer violations:\n{}", bad.join("\n"));
}

#[test]
fn modules_import_each_other_without_cycles() {
    let (imports, tops) = scan(&src_dir());
    let g = graph(&imports, &tops);
    let found = cycles(&g);
    for c in &found {
        eprintln!("module import cycle: {}", c.join(" ↔ "));
    }
    let bad = bad_cycles(&found);
    assert!(bad.is_empty(), "import cycles:\n{}", bad.join("\n"));
}

/// The checker itself: each rule catches what it is for.
mod checker {
    use super::*;

    fn check(file: &str, src: &str) -> Vec<String> {
        let module = module_of(Path::new(file.trim_start_matches("src/")));
        let tops: BTreeSet<String> = LOWER.iter().chain(FRONT).map(|s| s.to_string()).collect();
        violations(&imports(file, &module, src, false), &tops)
    }

    #[test]
    fn the_evaluator_drawing_views_is_caught() {
        // What src/eval/views.rs said before views became data.
        let old = "use std::any::Any;\nuse crate::tui::{ColorMode, View, render_cell};\n";
        assert_eq!(
            check("src/eval/views.rs", old),
            ["src/eval/views.rs:2: lower module `eval` imports `tui`"]
        );
    }

    #[test]
    fn every_spelling_of_a_path_is_read() {
        let cases = [
            ("src/views.rs", "use crate::{engine::Array, tui::Theme};"),
            (
                "src/eval/builtins/x.rs",
                "fn f() { super::super::super::repl::go() }",
            ),
            (
                "src/eval.rs",
                "mod inner { fn f() { super::super::cli::run() } }",
            ),
            ("src/io/text.rs", "let t = ratatui::text::Line::default();"),
            ("src/format.rs", "use crossterm;"),
            ("src/syntax.rs", "pub use crate::notebook as nb;"),
        ];
        for (file, src) in cases {
            assert_eq!(check(file, src).len(), 1, "{file}: {src}");
        }
    }

    #[test]
    fn comments_strings_and_allowed_imports_are_not_imports() {
        let cases = [
            (
                "src/eval.rs",
                "//! drawn by [`crate::tui`]\nuse crate::views::View;",
            ),
            (
                "src/views.rs",
                "/* crate::repl */ let s = \"crate::cli::x\";",
            ),
            (
                "src/views.rs",
                "let r = r#\"use ratatui::x;\"#; let c = '\"';",
            ),
            (
                "src/eval/expr.rs",
                "fn f<'a>(x: &'a str) { super::value::Value::None; }",
            ),
            (
                "src/tui.rs",
                "use ratatui::buffer::Buffer; use crate::eval::Value;",
            ),
            (
                "src/engine/gradient.rs",
                "use crate::array::Array; use super::Error;",
            ),
        ];
        for (file, src) in cases {
            assert_eq!(check(file, src), Vec::<String>::new(), "{file}: {src}");
        }
    }

    #[test]
    fn the_engine_imports_only_the_array_layer() {
        let bad = check("src/engine/gradient.rs", "use crate::format::py_float;");
        assert_eq!(
            bad,
            [
                "src/engine/gradient.rs:1: `engine` imports `format` (only the array layer is allowed)"
            ]
        );
    }

    #[test]
    fn cycles_are_found() {
        let imp = |file: &str, target: &str| Import {
            file: file.into(),
            line: 1,
            target: target.into(),
        };
        let tops: BTreeSet<String> = ["eval", "tui", "views", "cli", "export", "repl"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let found = cycles(&graph(
            &[
                imp("src/eval/views.rs", "tui"),
                imp("src/tui.rs", "views"),
                imp("src/views/x.rs", "eval"),
                imp("src/cli.rs", "export"),
                imp("src/export.rs", "repl"),
                imp("src/repl.rs", "cli"),
            ],
            &tops,
        ));
        assert_eq!(
            found,
            [vec!["cli", "export", "repl"], vec!["eval", "tui", "views"]]
        );
        assert_eq!(bad_cycles(&found), ["eval ↔ tui ↔ views"]);
    }
}
