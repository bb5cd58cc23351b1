//! gradlab statements as NumPy-valid Python. gradlab lets users drop the
//! `np.` prefix (`gradient(a)`, `nan`), so bare references to NumPy builtins
//! get it back (`np.gradient(a)`, `np.nan`); gradlab-only views (`compare`,
//! `explain`, ...) and meta commands have no NumPy equivalent and become
//! comments. Rewrites use the parser's spans, so everything else (spacing,
//! comments, line breaks) stays as the user typed it.

use std::collections::HashSet;

use crate::eval::StmtOutcome;
use crate::eval::builtins::{self, Home};
use crate::notebook::{Cell, CellKind};
use crate::syntax::{self, ast::*};

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

/// Names and effects found while walking one statement.
#[derive(Default)]
struct Walk {
    edits: Vec<(Span, String)>,
    view: bool,
    approximate: bool,
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

    fn walk_stmt(&mut self, src: &str, stmt: &Stmt, w: &mut Walk) {
        let none = Vec::new();
        match &stmt.kind {
            StmtKind::Expr(e) => self.expr(src, e, &none, w),
            StmtKind::Assign { targets, value } => {
                self.expr(src, value, &none, w);
                for t in targets {
                    self.target(src, t, w);
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.target(src, target, w);
                if let Target::Name(id) = target {
                    self.name(&id.name, &id.span, &none, w);
                }
                self.expr(src, value, &none, w);
            }
            StmtKind::Import { module, .. } | StmtKind::FromImport { module, .. } => {
                self.module(&module.name, w)
            }
            _ => self.walk_compound(src, stmt, &none, w),
        }
    }

    /// Statements other than the simple ones above (blocks, `return`,
    /// `raise`, ...), inside a function when `locals` is not empty.
    fn walk_compound(&mut self, src: &str, stmt: &Stmt, locals: &[String], w: &mut Walk) {
        let block = |t: &mut Self, b: &[Stmt], w: &mut Walk| {
            for s in b {
                t.walk_in(src, s, locals, w);
            }
        };
        match &stmt.kind {
            StmtKind::Def(f) => self.function(src, f, locals, w),
            StmtKind::Return(e) => e.iter().for_each(|e| self.expr(src, e, locals, w)),
            StmtKind::If { cond, body, orelse } | StmtKind::While { cond, body, orelse } => {
                self.expr(src, cond, locals, w);
                block(self, body, w);
                block(self, orelse, w);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(src, iter, locals, w);
                self.target(src, target, w);
                block(self, body, w);
                block(self, orelse, w);
            }
            StmtKind::With { items, body } => {
                for (e, t) in items {
                    self.expr(src, e, locals, w);
                    if let Some(t) = t {
                        self.target(src, t, w);
                    }
                }
                block(self, body, w);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => {
                block(self, body, w);
                for h in handlers {
                    if let Some(k) = &h.kind {
                        self.expr(src, k, locals, w);
                    }
                    block(self, &h.body, w);
                }
                block(self, orelse, w);
                block(self, finally, w);
            }
            StmtKind::Raise { exc, cause } => {
                for e in exc.iter().chain(cause) {
                    self.expr(src, e, locals, w);
                }
            }
            StmtKind::Assert { test, msg } => {
                for e in std::iter::once(test).chain(msg) {
                    self.expr(src, e, locals, w);
                }
            }
            StmtKind::Del(targets) => targets.iter().for_each(|t| self.target(src, t, w)),
            _ => {}
        }
    }

    /// A statement inside a block (a function body when `locals` is set).
    fn walk_in(&mut self, src: &str, stmt: &Stmt, locals: &[String], w: &mut Walk) {
        match &stmt.kind {
            StmtKind::Expr(e) => self.expr(src, e, locals, w),
            StmtKind::Assign { targets, value } => {
                self.expr(src, value, locals, w);
                targets.iter().for_each(|t| self.target(src, t, w));
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.target(src, target, w);
                if let Target::Name(id) = target {
                    self.name(&id.name, &id.span, locals, w);
                }
                self.expr(src, value, locals, w);
            }
            StmtKind::Import { module, .. } | StmtKind::FromImport { module, .. } => {
                self.module(&module.name, w)
            }
            _ => self.walk_compound(src, stmt, locals, w),
        }
    }

    fn module(&mut self, name: &str, w: &mut Walk) {
        match name {
            "numdifftools" => {
                self.uses.numdiff = true;
                w.approximate = true;
            }
            "math" => self.uses.math = true,
            _ => {}
        }
    }

    fn target(&mut self, src: &str, t: &Target, w: &mut Walk) {
        match t {
            Target::Name(_) => {}
            Target::Tuple(items, _) => items.iter().for_each(|t| self.target(src, t, w)),
            Target::Starred(t, _) => self.target(src, t, w),
            Target::Index { obj, index, .. } => {
                self.expr(src, obj, &[], w);
                self.index(src, index, &[], w);
            }
            Target::Attr { obj, .. } => self.expr(src, obj, &[], w),
        }
    }

    fn function(&mut self, src: &str, f: &FuncDef, locals: &[String], w: &mut Walk) {
        for p in &f.params {
            if let Some(d) = &p.default {
                self.expr(src, d, locals, w);
            }
        }
        let mut inner = locals.to_vec();
        inner.extend(f.scope.locals.iter().cloned());
        for s in &f.body {
            self.walk_in(src, s, &inner, w);
        }
    }

    fn index(&mut self, src: &str, items: &[IndexItem], locals: &[String], w: &mut Walk) {
        for item in items {
            match item {
                IndexItem::Expr(e) => self.expr(src, e, locals, w),
                IndexItem::Slice {
                    lower, upper, step, ..
                } => {
                    for e in [lower, upper, step].into_iter().flatten() {
                        self.expr(src, e, locals, w);
                    }
                }
            }
        }
    }

    fn expr(&mut self, src: &str, e: &Expr, locals: &[String], w: &mut Walk) {
        match &e.kind {
            ExprKind::Name(n) => self.name(n, &e.span, locals, w),
            ExprKind::Attr { obj, .. } => {
                if let ExprKind::Name(m) = &obj.kind
                    && !locals.contains(m)
                    && !self.bound.contains(m)
                {
                    match m.as_str() {
                        "nd" | "numdifftools" => self.module("numdifftools", w),
                        "numpy" => self.uses.numpy = true,
                        _ => {}
                    }
                }
                self.expr(src, obj, locals, w);
            }
            ExprKind::Call { func, args, kwargs } => {
                // Python's min(3, 4) is not np.min(3, axis=4).
                let python_minmax = matches!(&func.kind, ExprKind::Name(n) if n == "min" || n == "max")
                    && args.len() >= 2;
                if !python_minmax {
                    self.expr(src, func, locals, w);
                }
                for a in args.iter().chain(kwargs.iter().map(|k| &k.value)) {
                    self.expr(src, a, locals, w);
                }
            }
            ExprKind::Index { obj, index } => {
                self.expr(src, obj, locals, w);
                self.index(src, index, locals, w);
            }
            ExprKind::Unary { operand, .. } => self.expr(src, operand, locals, w),
            ExprKind::Binary { left, right, .. } | ExprKind::BoolOp { left, right, .. } => {
                self.expr(src, left, locals, w);
                self.expr(src, right, locals, w);
            }
            ExprKind::Compare { first, rest } => {
                self.expr(src, first, locals, w);
                rest.iter().for_each(|(_, e)| self.expr(src, e, locals, w));
            }
            ExprKind::IfExp { cond, then, other } => {
                for e in [cond, then, other] {
                    self.expr(src, e, locals, w);
                }
            }
            ExprKind::List(items) | ExprKind::Tuple(items) => {
                items.iter().for_each(|e| self.expr(src, e, locals, w));
            }
            // Plain numbers: nothing to translate.
            ExprKind::Numbers(_) => {}
            ExprKind::Lambda(f) => self.function(src, f, locals, w),
            ExprKind::FStr(parts) => self.fparts(src, parts, locals, w),
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    if let Some(k) = k {
                        self.expr(src, k, locals, w);
                    }
                    self.expr(src, v, locals, w);
                }
            }
            ExprKind::Set(items) => items.iter().for_each(|e| self.expr(src, e, locals, w)),
            ExprKind::Starred(e) => self.expr(src, e, locals, w),
            ExprKind::Comp(c) => {
                let mut inner = locals.to_vec();
                for f in &c.clauses {
                    let mut names = std::collections::BTreeSet::new();
                    crate::syntax::ast_target_names(&f.target, &mut names);
                    inner.extend(names);
                }
                for (k, f) in c.clauses.iter().enumerate() {
                    let scope = if k == 0 { locals } else { &inner[..] };
                    self.expr(src, &f.iter, scope, w);
                    for cond in &f.ifs {
                        self.expr(src, cond, &inner, w);
                    }
                }
                self.expr(src, &c.elt, &inner, w);
                if let Some(v) = &c.value {
                    self.expr(src, v, &inner, w);
                }
            }
            ExprKind::Int(_)
            | ExprKind::BigInt(_)
            | ExprKind::Float(_)
            | ExprKind::Imag(_)
            | ExprKind::Str(_)
            | ExprKind::Bool(_)
            | ExprKind::None
            | ExprKind::Ellipsis => {}
        }
    }

    fn fparts(&mut self, src: &str, parts: &[FPart], locals: &[String], w: &mut Walk) {
        for p in parts {
            if let FPart::Field(f) = p {
                self.expr(src, &f.expr, locals, w);
                self.fparts(src, &f.spec, locals, w);
            }
        }
    }

    /// A bare name in a reading position.
    fn name(&mut self, n: &str, span: &Span, locals: &[String], w: &mut Walk) {
        if locals.iter().any(|l| l == n) {
            return;
        }
        if self.bound.contains(n) {
            w.approximate |= self.approximate.contains(n);
            return;
        }
        if is_history(n) {
            self.uses.history = true;
            return;
        }
        let np = |w: &mut Walk| w.edits.push((span.clone(), format!("np.{n}")));
        match n {
            "nan" | "inf" | "pi" => return np(w),
            "numpy" => self.uses.numpy = true,
            "derivative" => {
                self.uses.derivative = true;
                self.uses.numdiff = true;
                w.approximate = true;
                return w.edits.push((span.clone(), "_derivative".into()));
            }
            _ => {}
        }
        match builtins::lookup(n).map(|b| b.home) {
            Some(Home::Numpy | Home::Both) => np(w),
            Some(Home::Gradlab) => w.view = true,
            _ => {}
        }
    }
}

/// IPython's output history names: `_`, `__`, `___`, `_N`, `Out`.
fn is_history(n: &str) -> bool {
    matches!(n, "_" | "__" | "___" | "Out")
        || n.strip_prefix('_')
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
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
