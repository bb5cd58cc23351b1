//! Simple statements (one logical line, `;`-separated): expressions,
//! assignments, imports, `return`, `pass`, `break`, `continue`, `del`,
//! `global`, `nonlocal`, `assert`, `raise`; and assignment targets.

mod target;

use nom::Parser;

use super::ast::{BinOp, ExprKind, Ident, Stmt, StmtKind};
use super::expr::star_exprs;
use super::parser::{PErr, PResult, bracket, fail, ident, invalid, is, kind, kw, look, op};
use super::tokens::{K, Tokens};
use target::{del_targets, to_aug_target, to_target};

pub use target::{for_target, single_target};

/// Augmented assignment operators and their binary operation.
const AUG_OPS: &[(&str, BinOp)] = {
    use BinOp::*;
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
        ("<<=", LShift),
        (">>=", RShift),
    ]
};

type Fail = nom::Err<PErr>;

/// `stmt (; stmt)* [;]`, then a line break or the end.
pub fn simple_line(mut i: Tokens) -> PResult<Vec<Stmt>> {
    let mut out = Vec::new();
    loop {
        i = simple(i, &mut out)?;
        match op(";").parse(i) {
            Ok((rest, _)) => {
                i = rest;
                if matches!(look(i)?.kind, K::Newline | K::Eof) {
                    break;
                }
            }
            Err(nom::Err::Error(_)) => break,
            Err(e) => return Err(e),
        }
    }
    let t = look(i)?;
    match t.kind {
        K::Newline => return Ok((i.advance(), out)),
        K::Eof => return Ok((i, out)),
        _ => {}
    }
    if let Some(last) = out.last()
        && let StmtKind::Expr(e) = &last.kind
        && e.kind == ExprKind::Name("print".into())
        && super::expr::starts_expr(i, t)
    {
        return super::parser::fail(
            "Missing parentheses in call to 'print'. Did you mean print(...)?",
            e.span.start..t.end(),
        );
    }
    invalid(i)
}

fn push(out: &mut Vec<Stmt>, kind: StmtKind, start: usize, i: Tokens) {
    out.push(Stmt {
        kind,
        span: start..i.prev_end(),
    });
}

/// One simple statement, pushed onto `out` (`import a, b` pushes two).
fn simple<'a>(i: Tokens<'a>, out: &mut Vec<Stmt>) -> Result<Tokens<'a>, Fail> {
    let t = look(i)?;
    let start = t.start();
    if t.kind == K::Keyword {
        let ctx = i.ctx;
        let word = i.text(t);
        let after = i.advance();
        match word {
            "import" => return import(i, out),
            "from" => return import_from(i, out),
            "pass" => {
                push(out, StmtKind::Pass, start, after);
                return Ok(after);
            }
            "break" | "continue" => {
                if ctx.loops.get() == 0 {
                    let message = if word == "break" {
                        "'break' outside loop"
                    } else {
                        "'continue' not properly in loop"
                    };
                    return fail(message, t.span()).map(|(i, ())| i);
                }
                let kind = if word == "break" {
                    StmtKind::Break
                } else {
                    StmtKind::Continue
                };
                push(out, kind, start, after);
                return Ok(after);
            }
            "return" => {
                let (i, value) = if ends_statement(after)? {
                    (after, None)
                } else {
                    let (i, v) = star_exprs(after)?;
                    (i, Some(v))
                };
                // Python's compiler finds this after parsing, and underlines
                // the whole statement.
                if ctx.functions.get() == 0 {
                    let span = t.start()..i.prev_end();
                    return fail("'return' outside function", span).map(|(i, ())| i);
                }
                push(out, StmtKind::Return(value), start, i);
                return Ok(i);
            }
            "global" | "nonlocal" => {
                if word == "nonlocal" && ctx.functions.get() == 0 {
                    return fail("nonlocal declaration not allowed at module level", t.span())
                        .map(|(i, ())| i);
                }
                let (i, names) = names(after)?;
                let kind = if word == "global" {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                };
                push(out, kind, start, i);
                return Ok(i);
            }
            "del" => {
                let (i, targets) = del_targets(after)?;
                push(out, StmtKind::Del(targets), start, i);
                return Ok(i);
            }
            "assert" => {
                let (i, test) = super::expr::expr(after)?;
                let (i, msg) = match op(",").parse(i) {
                    Ok((i, _)) => {
                        let (i, m) = super::expr::expr(i)?;
                        (i, Some(m))
                    }
                    Err(nom::Err::Error(_)) => (i, None),
                    Err(e) => return Err(e),
                };
                push(out, StmtKind::Assert { test, msg }, start, i);
                return Ok(i);
            }
            "raise" => {
                let (i, exc, cause) = if ends_statement(after)? {
                    (after, None, None)
                } else {
                    let (i, e) = super::expr::expr(after)?;
                    match kw("from").parse(i) {
                        Ok((i, _)) => {
                            let (i, c) = super::expr::expr(i)?;
                            (i, Some(e), Some(c))
                        }
                        _ => (i, Some(e), None),
                    }
                };
                push(out, StmtKind::Raise { exc, cause }, start, i);
                return Ok(i);
            }
            kw @ ("class" | "async" | "await" | "yield") => {
                return fail(format!("'{kw}' statements are not supported"), t.span())
                    .map(|(i, ())| i);
            }
            _ => {}
        }
    }
    let (mut i, first) = star_exprs(i)?;
    if is(i, K::Op, "=")? {
        let mut items = vec![first];
        while let Ok((rest, _)) = op("=").parse(i) {
            let (rest, e) = star_exprs(rest)?;
            items.push(e);
            i = rest;
        }
        let value = items.pop().expect("at least two items");
        if let ExprKind::Starred(_) = value.kind {
            return fail("can't use starred expression here", value.span).map(|(i, ())| i);
        }
        let top = items.len() == 1;
        let targets = items
            .into_iter()
            .map(|e| to_target(e, top))
            .collect::<Result<Vec<_>, _>>()?;
        push(out, StmtKind::Assign { targets, value }, start, i);
        return Ok(i);
    }
    let next = look(i)?;
    let aug = AUG_OPS
        .iter()
        .find(|(s, _)| next.kind == K::Op && i.text(next) == *s);
    if let Some(&(_, op)) = aug {
        let target = to_aug_target(first)?;
        let (i, value) = star_exprs(i.advance())?;
        push(out, StmtKind::AugAssign { target, op, value }, start, i);
        return Ok(i);
    }
    if next.kind == K::Op
        && i.text(next) == ":"
        && matches!(
            first.kind,
            ExprKind::Name(_) | ExprKind::Attr { .. } | ExprKind::Index { .. }
        )
    {
        // An annotated assignment: the annotation is parsed and dropped.
        let (rest, _) = super::expr::expr(i.advance())?;
        let Ok((rest, _)) = op("=").parse(rest) else {
            push(out, StmtKind::Pass, start, rest);
            return Ok(rest);
        };
        let (rest, value) = star_exprs(rest)?;
        let targets = vec![to_target(first, true)?];
        push(out, StmtKind::Assign { targets, value }, start, rest);
        return Ok(rest);
    }
    if let ExprKind::Starred(_) = first.kind {
        return fail("can't use starred expression here", first.span).map(|(i, ())| i);
    }
    push(out, StmtKind::Expr(first), start, i);
    Ok(i)
}

/// Whether the statement ends at the next token (`return`, `raise`).
fn ends_statement(i: Tokens) -> Result<bool, Fail> {
    let t = look(i)?;
    Ok(matches!(t.kind, K::Newline | K::Eof) || (t.kind == K::Op && i.text(t) == ";"))
}

/// `a, b, c` for `global` and `nonlocal`.
fn names(i: Tokens) -> PResult<Vec<Ident>> {
    let (mut i, first) = ident(i)?;
    let mut out = vec![first];
    while let Ok((rest, _)) = op(",").parse(i) {
        let (rest, n) = ident(rest)?;
        out.push(n);
        i = rest;
    }
    Ok((i, out))
}

/// `import a.b [as c], d`
fn import<'a>(i: Tokens<'a>, out: &mut Vec<Stmt>) -> Result<Tokens<'a>, Fail> {
    let (mut i, kw) = kw("import").parse(i)?;
    loop {
        let (rest, module) = dotted_name(i)?;
        let (rest, alias) = alias(rest)?;
        push(out, StmtKind::Import { module, alias }, kw.start(), rest);
        i = rest;
        match op(",").parse(i) {
            Ok((rest, _)) => i = rest,
            Err(nom::Err::Error(_)) => return Ok(i),
            Err(e) => return Err(e),
        }
    }
}

/// `from a.b import c [as d], e` or `from a import (c, d,)`
fn import_from<'a>(i: Tokens<'a>, out: &mut Vec<Stmt>) -> Result<Tokens<'a>, Fail> {
    let (i, kw_from) = kw("from").parse(i)?;
    let (i, module) = dotted_name(i)?;
    let Ok((i, _)) = kw("import").parse(i) else {
        return invalid(i).map(|(i, ())| i);
    };
    let t = look(i)?;
    let (i, names) = if t.kind == K::Op && i.text(t) == "*" {
        return fail("'from ... import *' is not supported", t.span()).map(|(i, ())| i);
    } else if let Ok((mut i, _)) = bracket("(").parse(i) {
        let mut names = Vec::new();
        loop {
            if let Ok((rest, close)) = kind(K::Close).parse(i) {
                if names.is_empty() {
                    return fail("invalid syntax", close.span()).map(|(i, ())| i);
                }
                break (rest, names);
            }
            let (rest, n) = ident(i)?;
            let (rest, a) = alias(rest)?;
            names.push((n, a));
            i = match op(",").parse(rest) {
                Ok((rest, _)) => rest,
                Err(nom::Err::Error(_)) if is(rest, K::Close, ")")? => rest,
                Err(nom::Err::Error(_)) => return invalid(rest).map(|(i, ())| i),
                Err(e) => return Err(e),
            };
        }
    } else {
        let (mut i, n) = ident(i)?;
        let (rest, a) = alias(i)?;
        i = rest;
        let mut names = vec![(n, a)];
        while let Ok((rest, comma)) = op(",").parse(i) {
            if matches!(look(rest)?.kind, K::Newline | K::Eof) {
                return fail(
                    "trailing comma not allowed without surrounding parentheses",
                    comma.span(),
                )
                .map(|(i, ())| i);
            }
            let (rest, n) = ident(rest)?;
            let (rest, a) = alias(rest)?;
            names.push((n, a));
            i = rest;
        }
        (i, names)
    };
    push(
        out,
        StmtKind::FromImport { module, names },
        kw_from.start(),
        i,
    );
    Ok(i)
}

fn alias(i: Tokens) -> PResult<Option<Ident>> {
    match kw("as").parse(i) {
        Ok((i, _)) => ident(i).map(|(i, n)| (i, Some(n))),
        Err(nom::Err::Error(_)) => Ok((i, None)),
        Err(e) => Err(e),
    }
}

/// `a.b.c` as one identifier.
fn dotted_name(i: Tokens) -> PResult<Ident> {
    let (mut i, first) = ident(i)?;
    let mut name = first.name;
    while let Ok((rest, _)) = op(".").parse(i) {
        let (rest, part) = ident(rest)?;
        name.push('.');
        name.push_str(&part.name);
        i = rest;
    }
    let span = first.span.start..i.prev_end();
    Ok((i, Ident { name, span }))
}
