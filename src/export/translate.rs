//! gradlab statements as NumPy-valid Python. gradlab lets users drop the
//! `np.` prefix (`gradient(a)`, `nan`), so bare references to NumPy builtins
//! get it back (`np.gradient(a)`, `np.nan`); gradlab-only views (`compare`,
//! `explain`, ...) and meta commands have no NumPy equivalent and become
//! comments. Rewrites use the parser's spans, so everything else (spacing,
//! comments, line breaks) stays as the user typed it.

mod walk;

use std::collections::HashSet;

use crate::eval::StmtOutcome;
use crate::notebook::{Cell, CellKind};
use crate::syntax::{self, ast::*};

use walk::Walk;

/// What the translated session needs from the Python prelude.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Uses {
    /// `numpy.` spelled out (needs `import numpy`).
    pub numpy: bool,
    /// numdifftools (`nd.`), `derivative(...)` included.
    pub numdiff: bool,
    /// gradlab's `derivative(f, x, n=1)` (a helper over `nd.Derivative`).
    pub derivative: bool,
    /// `math.` functions.
    pub math: bool,
    /// IPython's `_`, `__`, `_N`, `Out[n]`.
    pub history: bool,
}

/// How one executed statement reads in Python.
#[derive(Clone, Debug)]
pub struct PyStmt<'a> {
    pub outcome: &'a StmtOutcome,
    /// NumPy-valid source; `None` when the statement has no NumPy
    /// equivalent (`why` says which kind).
    pub code: Option<String>,
    pub why: &'static str,
    /// An expression statement (its value is what `Out[n]` showed).
    pub is_expr: bool,
    /// Computed through numdifftools, whose adaptive steps agree with
    /// gradlab's to about 1e-10 rather than to the last bits.
    pub approximate: bool,
}

/// Translates a session's cells in order, tracking the names the user
/// binds (a user's `gradient = ...` must not become `np.gradient`).
#[derive(Debug, Default)]
pub struct Translator {
    bound: HashSet<String>,
    /// Names whose values came from numdifftools.
    approximate: HashSet<String>,
    pub uses: Uses,
}

impl Translator {
    pub fn new() -> Translator {
        Translator::default()
    }

    /// The statements of a code cell (meta and unparsable cells give
    /// commented statements).
    pub fn cell<'a>(&mut self, cell: &'a Cell) -> Vec<PyStmt<'a>> {
        let CellKind::Code { text, outcomes } = &cell.kind else {
            return Vec::new();
        };
        let commented = |o: &'a StmtOutcome, why| PyStmt {
            outcome: o,
            code: None,
            why,
            is_expr: false,
            approximate: false,
        };
        if crate::script::is_meta(text) {
            return outcomes.iter().map(|o| commented(o, "meta")).collect();
        }
        let Ok(stmts) = syntax::parse_chunk(text) else {
            return outcomes.iter().map(|o| commented(o, "syntax")).collect();
        };
        outcomes
            .iter()
            .map(|o| match stmts.iter().find(|s| s.span.start == o.offset) {
                Some(stmt) => self.stmt(text, stmt, o),
                None => commented(o, "syntax"),
            })
            .collect()
    }

    fn stmt<'a>(&mut self, src: &str, stmt: &Stmt, o: &'a StmtOutcome) -> PyStmt<'a> {
        let mut w = Walk::default();
        self.walk_stmt(src, stmt, &mut w);
        let failed = o
            .events
            .iter()
            .any(|e| matches!(e, crate::eval::Event::Error(_)));
        if !failed && !w.view {
            for name in bound_names(stmt) {
                if w.approximate {
                    self.approximate.insert(name.clone());
                } else {
                    self.approximate.remove(&name);
                }
                self.bound.insert(name);
            }
        }
        let code = (!w.view).then(|| apply(&src[stmt.span.clone()], stmt.span.start, w.edits));
        PyStmt {
            outcome: o,
            code,
            why: "view",
            is_expr: matches!(stmt.kind, StmtKind::Expr(_)),
            approximate: w.approximate,
        }
    }
}

/// The names a statement binds when it succeeds.
pub fn bound_names(stmt: &Stmt) -> Vec<String> {
    fn target(t: &Target, out: &mut Vec<String>) {
        match t {
            Target::Name(id) => out.push(id.name.clone()),
            Target::Tuple(items, _) => items.iter().for_each(|t| target(t, out)),
            Target::Starred(t, _) => target(t, out),
            Target::Index { .. } | Target::Attr { .. } => {}
        }
    }
    let mut out = Vec::new();
    match &stmt.kind {
        StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target(t, &mut out)),
        StmtKind::AugAssign { target: t, .. } => target(t, &mut out),
        StmtKind::Import { module, alias } => {
            out.push(alias.as_ref().unwrap_or(module).name.clone());
        }
        StmtKind::FromImport { names, .. } => {
            for (name, alias) in names {
                out.push(alias.as_ref().unwrap_or(name).name.clone());
            }
        }
        StmtKind::Def(f) => out.push(f.name.name.clone()),
        _ => {
            // Compound statements bind what their blocks bind.
            let mut names = std::collections::BTreeSet::new();
            let f = crate::syntax::ast::FuncDef {
                name: crate::syntax::ast::Ident {
                    name: String::new(),
                    span: 0..0,
                },
                params: Vec::new(),
                body: vec![stmt.clone()],
                lambda: false,
                doc: None,
                scope: Default::default(),
            };
            if let Ok(scope) = crate::syntax::function_scope(&f.params, &f.body) {
                names.extend(scope.locals);
            }
            out.extend(names);
        }
    }
    out
}

/// `text` (which starts at byte `base` of the chunk) with the edits applied.
fn apply(text: &str, base: usize, mut edits: Vec<(Span, String)>) -> String {
    edits.sort_by_key(|(s, _)| s.start);
    let mut out = String::with_capacity(text.len() + 8 * edits.len());
    let mut at = 0;
    for (span, new) in edits {
        let (start, end) = (span.start - base, span.end - base);
        if start < at || end > text.len() {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&new);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Session;
    use crate::notebook::run_script;
    use crate::script::Script;

    /// The Python code of every statement of `src`, in order.
    fn py(src: &str) -> Vec<String> {
        let mut s = Session::new();
        let cells = run_script(&mut s, &Script::parse(src), |_, _| {});
        let mut t = Translator::new();
        cells
            .iter()
            .flat_map(|c| t.cell(c))
            .map(|p| p.code.unwrap_or_else(|| format!("# {}", p.why)))
            .collect()
    }

    #[test]
    fn bare_numpy_names_get_the_prefix() {
        let cases: &[(&str, &[&str])] = &[
            ("gradient(a)", &["np.gradient(a)"]),
            ("x = [1, nan, inf]", &["x = [1, np.nan, np.inf]"]),
            ("np.diff(a)", &["np.diff(a)"]),
            ("print(len(a))", &["print(len(a))"]),
            ("min(3, 4)", &["min(3, 4)"]),
            ("max(a)", &["np.max(a)"]),
            (
                "f = lambda x: sin(x) * pi",
                &["f = lambda x: np.sin(x) * np.pi"],
            ),
            (
                "def g(diff):\n    return diff * exp(diff)",
                &["def g(diff):\n    return diff * np.exp(diff)"],
            ),
            ("a = [1, 2]; gradient(a)", &["a = [1, 2]", "np.gradient(a)"]),
        ];
        for (src, want) in cases {
            assert_eq!(py(src), *want, "{src}");
        }
    }

    #[test]
    fn user_bindings_shadow_builtins() {
        let got = py("data = [1., 2., 4.]\ngradient = gradient(data)\nprint(gradient)");
        assert_eq!(
            got,
            [
                "data = [1., 2., 4.]",
                "gradient = np.gradient(data)",
                "print(gradient)"
            ]
        );
        // A failed assignment binds nothing, so the name stays NumPy's.
        let got = py("diff = diff(undefined)\ndiff([1, 3])");
        assert_eq!(got[1], "np.diff([1, 3])");
    }

    #[test]
    fn views_and_metas_are_not_python() {
        let got = py("a = [1., 2.]\nexplain(np.gradient(a))\n:vars");
        assert_eq!(got[1..], ["# view", "# meta"]);
    }
}
