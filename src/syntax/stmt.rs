//! Statement rules: expression statements, assignments, imports, `def`,
//! `pass`.

use super::ast::{Expr, ExprKind, Ident, Param, Span, Stmt, StmtKind, Target};
use super::parser::{PResult, Parser};
use super::stream::{K, err};

/// Augmented assignment operators and their binary operation.
const AUG_OPS: &[(&str, super::ast::BinOp)] = {
    use super::ast::BinOp::*;
    &[
        ("+=", Add),
        ("-=", Sub),
        ("*=", Mul),
        ("/=", Div),
        ("//=", FloorDiv),
        ("%=", Mod),
        ("**=", Pow),
        ("@=", MatMul),
        ("&=", BitAnd),
        ("|=", BitOr),
        ("^=", BitXor),
    ]
};

impl Parser<'_> {
    /// One statement, pushed onto `out` (`import a, b` pushes two).
    pub fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let t = self.peek()?;
        if t.kind == K::Keyword {
            match self.text(&t) {
                "import" => return self.import(out),
                "from" => return self.import_from(out),
                "def" => {
                    let d = self.def()?;
                    out.push(d);
                    return Ok(());
                }
                "pass" => {
                    self.bump()?;
                    out.push(self.stmt(StmtKind::Pass, t.span));
                    return Ok(());
                }
                "return" => return Err(err("'return' outside function", t.span)),
                kw @ ("if" | "for" | "while" | "class" | "try" | "with" | "del" | "global"
                | "nonlocal" | "assert" | "raise" | "async" | "yield" | "break"
                | "continue") => {
                    return Err(err(format!("'{kw}' statements are not supported"), t.span));
                }
                _ => {}
            }
        }
        let first = self.expr_list()?;
        let start = t.span.start;
        let next = self.peek()?;
        if self.is(&next, K::Op, "=") {
            let mut items = vec![first];
            while self.eat_op("=")? {
                items.push(self.expr_list()?);
            }
            let value = items.pop().expect("at least two items");
            let top = items.len() == 1;
            let targets = items
                .into_iter()
                .map(|e| to_target(e, top))
                .collect::<PResult<Vec<_>>>()?;
            let span = start..self.last_end;
            out.push(self.stmt(StmtKind::Assign { targets, value }, span));
            return Ok(());
        }
        let aug = AUG_OPS.iter().find(|(s, _)| self.is(&next, K::Op, s));
        if let Some(&(_, op)) = aug {
            let target = to_aug_target(first)?;
            self.bump()?;
            let value = self.expr_list()?;
            let span = start..self.last_end;
            out.push(self.stmt(StmtKind::AugAssign { target, op, value }, span));
            return Ok(());
        }
        let span = start..self.last_end;
        out.push(self.stmt(StmtKind::Expr(first), span));
        Ok(())
    }

    /// `import a.b [as c], d`
    fn import(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let kw = self.bump()?;
        loop {
            let module = self.dotted_name()?;
            let alias = self.alias()?;
            let span = kw.span.start..self.last_end;
            out.push(self.stmt(StmtKind::Import { module, alias }, span));
            if !self.eat_op(",")? {
                return Ok(());
            }
        }
    }

    /// `from a.b import c [as d], e` or `from a import (c, d,)`
    fn import_from(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let kw = self.bump()?;
        let module = self.dotted_name()?;
        if !self.at_kw("import")? {
            return Err(self.invalid());
        }
        self.bump()?;
        let t = self.peek()?;
        let names = if self.is(&t, K::Op, "*") {
            return Err(err("'from ... import *' is not supported", t.span));
        } else if self.is(&t, K::Open, "(") {
            self.bump()?;
            let (names, _, _) = self.bracketed(|p| Ok((p.ident()?, p.alias()?)))?;
            if names.is_empty() {
                return Err(err("invalid syntax", self.last_end - 1..self.last_end));
            }
            names
        } else {
            let mut names = vec![(self.ident()?, self.alias()?)];
            while self.eat_op(",")? {
                if matches!(self.peek()?.kind, K::Newline | K::Eof) {
                    let span = self.last_end - 1..self.last_end;
                    return Err(err(
                        "trailing comma not allowed without surrounding parentheses",
                        span,
                    ));
                }
                names.push((self.ident()?, self.alias()?));
            }
            names
        };
        let span = kw.span.start..self.last_end;
        out.push(self.stmt(StmtKind::FromImport { module, names }, span));
        Ok(())
    }

    fn alias(&mut self) -> PResult<Option<Ident>> {
        if !self.at_kw("as")? {
            return Ok(None);
        }
        self.bump()?;
        self.ident().map(Some)
    }

    /// `a.b.c` as one identifier.
    fn dotted_name(&mut self) -> PResult<Ident> {
        let first = self.ident()?;
        let mut name = first.name;
        while self.eat_op(".")? {
            name.push('.');
            name.push_str(&self.ident()?.name);
        }
        Ok(Ident {
            name,
            span: first.span.start..self.last_end,
        })
    }

    /// `def f(x, h=0.1): return expr`, the body on the same line or on the
    /// next, indented line.
    fn def(&mut self) -> PResult<Stmt> {
        let kw = self.bump()?;
        let name = self.ident()?;
        let open = self.peek()?;
        if !self.is(&open, K::Open, "(") {
            return Err(err("expected '('", open.span));
        }
        self.bump()?;
        let params = self.params(true)?;
        if self.eat_op("->")? {
            self.expr()?;
        }
        self.expect_op(":", "expected ':'")?;
        if matches!(self.peek()?.kind, K::Newline | K::Eof) {
            while self.at_kind(K::Newline)? {
                self.bump()?;
            }
            let t = self.peek()?;
            if t.kind == K::Eof || !self.s.indented(t.span.start) {
                let line = self.s.line_of(kw.span.start);
                return Err(err(
                    format!("expected an indented block after function definition on line {line}"),
                    t.span,
                ));
            }
        }
        let t = self.peek()?;
        let body = if self.is(&t, K::Keyword, "return") {
            self.bump()?;
            let end = self.peek()?;
            if matches!(end.kind, K::Newline | K::Eof) || self.is(&end, K::Op, ";") {
                none_expr(t.span)
            } else {
                self.expr_list()?
            }
        } else if self.is(&t, K::Keyword, "pass") {
            self.bump()?;
            none_expr(t.span)
        } else {
            return Err(err("expected 'return'", t.span));
        };
        let t = self.peek()?;
        if self.is(&t, K::Op, ";") {
            return Err(err("a function body is one 'return' statement", t.span));
        }
        let span = kw.span.start..self.last_end;
        Ok(self.stmt(StmtKind::Def { name, params, body }, span))
    }

    /// Parameters up to `)` (consumed) for `def`, or up to `:` (not
    /// consumed) for `lambda`. `def` parameters may carry annotations, which
    /// are parsed and dropped.
    pub fn params(&mut self, in_def: bool) -> PResult<Vec<Param>> {
        let mut params: Vec<Param> = Vec::new();
        loop {
            let t = self.peek()?;
            let done = if in_def {
                t.kind == K::Close
            } else {
                self.is(&t, K::Op, ":")
            };
            if done {
                if in_def {
                    self.bump()?;
                }
                return Ok(params);
            }
            let name = self.ident()?;
            if params.iter().any(|p| p.name.name == name.name) {
                let message = format!("duplicate argument '{}' in function definition", name.name);
                return Err(err(message, name.span));
            }
            if in_def && self.eat_op(":")? {
                self.expr()?;
            }
            let default = if self.eat_op("=")? {
                Some(self.expr()?)
            } else {
                None
            };
            if default.is_none() && params.iter().any(|p| p.default.is_some()) {
                return Err(err(
                    "non-default argument follows default argument",
                    name.span,
                ));
            }
            params.push(Param { name, default });
            if !self.eat_op(",")? {
                let t = self.peek()?;
                let ok = if in_def {
                    t.kind == K::Close
                } else {
                    self.is(&t, K::Op, ":")
                };
                if !ok {
                    return Err(if in_def {
                        self.missing_comma(t.span.start)
                    } else {
                        err("expected ':'", t.span)
                    });
                }
            }
        }
    }
}

fn none_expr(span: Span) -> Expr {
    Expr {
        kind: ExprKind::None,
        span,
    }
}

/// The assignment target an expression denotes. `top` marks a whole
/// left-hand side, where Python suggests `==`.
fn to_target(e: Expr, top: bool) -> PResult<Target> {
    let hint = if top {
        " here. Maybe you meant '==' instead of '='?"
    } else {
        ""
    };
    let what = match e.kind {
        ExprKind::Name(name) => return Ok(Target::Name(Ident { name, span: e.span })),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            let targets = items
                .into_iter()
                .map(|i| to_target(i, false))
                .collect::<PResult<Vec<_>>>()?;
            return Ok(Target::Tuple(targets, e.span));
        }
        ExprKind::Index { obj, index } => {
            return Ok(Target::Index {
                obj,
                index,
                span: e.span,
            });
        }
        ExprKind::Attr { .. } => {
            return Err(err("assigning to attributes is not supported", e.span));
        }
        ExprKind::Call { .. } => "function call",
        ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Ellipsis => "literal",
        ExprKind::Bool(b) => {
            return Err(err(
                format!("cannot assign to {}", if b { "True" } else { "False" }),
                e.span,
            ));
        }
        ExprKind::None => return Err(err("cannot assign to None", e.span)),
        ExprKind::IfExp { .. } => {
            return Err(err("cannot assign to conditional expression", e.span));
        }
        ExprKind::Lambda { .. } => return Err(err("cannot assign to lambda", e.span)),
        _ => "expression",
    };
    Err(err(format!("cannot assign to {what}{hint}"), e.span))
}

fn to_aug_target(e: Expr) -> PResult<Target> {
    let what = match &e.kind {
        ExprKind::Name(_) | ExprKind::Index { .. } => return to_target(e, true),
        ExprKind::Attr { .. } => {
            return Err(err("assigning to attributes is not supported", e.span));
        }
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Call { .. } => "function call",
        ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bool(_)
        | ExprKind::None
        | ExprKind::Ellipsis => "literal",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Lambda { .. } => "lambda",
        _ => "expression",
    };
    Err(err(
        format!("'{what}' is an illegal expression for augmented assignment"),
        e.span,
    ))
}
