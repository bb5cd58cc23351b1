//! Walking one statement's syntax tree: the edits that put `np.` back on
//! bare NumPy names, and whether the statement shows a view or reads
//! numdifftools' approximations.

use crate::eval::builtins::{self, Home};
use crate::syntax::ast::*;

use super::Translator;

/// Names and effects found while walking one statement.
#[derive(Default)]
pub(super) struct Walk {
    pub(super) edits: Vec<(Span, String)>,
    pub(super) view: bool,
    pub(super) approximate: bool,
}

impl Translator {
    pub(super) fn walk_stmt(&mut self, src: &str, stmt: &Stmt, w: &mut Walk) {
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
