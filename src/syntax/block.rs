//! Compound statements and blocks: `if`/`elif`/`else`, `for`, `while`,
//! `def`, `with`, `try`/`except`/`finally`, and the indented (or same-line)
//! suites under their headers.

use std::rc::Rc;

use nom::Parser;
use nom::combinator::opt;

use super::ast::{Expr, FuncDef, Handler, Ident, Param, ParamKind, Stmt, StmtKind};
use super::parser::{
    PResult, bracket, expect, fail, fail_at, fail_indent, ident, invalid, is, kind, kw, look, op,
};
use super::tokens::{K, Tokens};

/// One statement line or compound statement (several statements for
/// `a = 1; b = 2` and `import a, b`).
pub fn statement(i: Tokens) -> PResult<Vec<Stmt>> {
    let t = look(i)?;
    if t.kind == K::Keyword {
        fn one(r: PResult<'_, Stmt>) -> PResult<'_, Vec<Stmt>> {
            r.map(|(i, s)| (i, vec![s]))
        }
        match i.text(t) {
            "if" => return one(if_stmt(i, "if")),
            "for" => return one(for_stmt(i)),
            "while" => return one(while_stmt(i)),
            "def" => return one(def(i)),
            "with" => return one(with_stmt(i)),
            "try" => return one(try_stmt(i)),
            kw @ ("elif" | "else" | "except" | "finally") => {
                let _ = kw;
                return invalid(i);
            }
            _ => {}
        }
    }
    super::stmt::simple_line(i)
}

/// The suite after a header's `:`: statements on the same line, or an
/// indented block. `what` names the header in Python's message
/// (`'for' statement`, `function definition`), `header` is where it
/// started.
pub fn suite<'a>(i: Tokens<'a>, what: &str, header: usize) -> PResult<'a, Vec<Stmt>> {
    let (i, _) = expect(":", "expected ':'").parse(i)?;
    let Ok((mut i, _)) = kind(K::Newline).parse(i) else {
        return super::stmt::simple_line(i);
    };
    let t = look(i)?;
    if t.kind != K::Indent {
        let line = i.ctx.line_of(header);
        return fail_indent(
            format!("expected an indented block after {what} on line {line}"),
            t.span(),
        );
    }
    i = i.advance();
    let mut body = Vec::new();
    loop {
        let t = look(i)?;
        match t.kind {
            K::Dedent => return Ok((i.advance(), body)),
            K::Eof => return Ok((i, body)),
            K::Newline => i = i.advance(),
            K::Indent => return fail_indent("unexpected indent", i.peek2().span()),
            _ => {
                let (rest, stmts) = statement(i)?;
                body.extend(stmts);
                i = rest;
            }
        }
    }
}

/// A loop body: `break` and `continue` are allowed inside.
fn loop_suite<'a>(i: Tokens<'a>, what: &str, header: usize) -> PResult<'a, Vec<Stmt>> {
    let loops = &i.ctx.loops;
    loops.set(loops.get() + 1);
    let r = suite(i, what, header);
    loops.set(loops.get() - 1);
    r
}

/// `else:` suite after a loop or `try`, if present.
fn else_suite(i: Tokens) -> PResult<Vec<Stmt>> {
    match kw("else").parse(i) {
        Ok((i, t)) => suite(i, "'else' statement", t.start()),
        Err(nom::Err::Error(_)) => Ok((i, Vec::new())),
        Err(e) => Err(e),
    }
}

/// `if cond: ... elif cond: ... else: ...` (`elif` nests as an `If`).
fn if_stmt<'a>(i: Tokens<'a>, word: &'static str) -> PResult<'a, Stmt> {
    let (i, t) = kw(word).parse(i)?;
    let (i, cond) = super::expr::named_expr(i)?;
    let what = if word == "if" {
        "'if' statement"
    } else {
        "'elif' statement"
    };
    let (i, body) = suite(i, what, t.start())?;
    let (i, orelse) = if is(i, K::Keyword, "elif")? {
        let (i, s) = if_stmt(i, "elif")?;
        (i, vec![s])
    } else {
        else_suite(i)?
    };
    let span = t.start()..i.prev_end();
    let kind = StmtKind::If { cond, body, orelse };
    Ok((i, Stmt { kind, span }))
}

fn while_stmt(i: Tokens) -> PResult<Stmt> {
    let (i, t) = kw("while").parse(i)?;
    let (i, cond) = super::expr::named_expr(i)?;
    let (i, body) = loop_suite(i, "'while' statement", t.start())?;
    let (i, orelse) = else_suite(i)?;
    let span = t.start()..i.prev_end();
    let kind = StmtKind::While { cond, body, orelse };
    Ok((i, Stmt { kind, span }))
}

/// `for target in iterable: ...`
fn for_stmt(i: Tokens) -> PResult<Stmt> {
    let (i, t) = kw("for").parse(i)?;
    let (i, target) = super::stmt::for_target(i)?;
    let (i, _) = match kw("in").parse(i) {
        Err(nom::Err::Error(_)) => return invalid(i),
        r => r?,
    };
    let (i, iter) = super::expr::star_exprs(i)?;
    let (i, body) = loop_suite(i, "'for' statement", t.start())?;
    let (i, orelse) = else_suite(i)?;
    let span = t.start()..i.prev_end();
    let kind = StmtKind::For {
        target,
        iter,
        body,
        orelse,
    };
    Ok((i, Stmt { kind, span }))
}

/// `with a as x, b: ...`
fn with_stmt(i: Tokens) -> PResult<Stmt> {
    let (mut i, t) = kw("with").parse(i)?;
    let mut items = Vec::new();
    loop {
        let (rest, e) = super::expr::expr(i)?;
        let (rest, target) = match kw("as").parse(rest) {
            Ok((rest, _)) => {
                let (rest, target) = super::stmt::single_target(rest)?;
                (rest, Some(target))
            }
            Err(nom::Err::Error(_)) => (rest, None),
            Err(e) => return Err(e),
        };
        items.push((e, target));
        i = rest;
        match op(",").parse(i) {
            Ok((rest, _)) => i = rest,
            Err(nom::Err::Error(_)) => break,
            Err(e) => return Err(e),
        }
    }
    let (i, body) = suite(i, "'with' statement", t.start())?;
    let span = t.start()..i.prev_end();
    Ok((
        i,
        Stmt {
            kind: StmtKind::With { items, body },
            span,
        },
    ))
}

/// `try: ... except E as e: ... else: ... finally: ...`
fn try_stmt(i: Tokens) -> PResult<Stmt> {
    let (i, t) = kw("try").parse(i)?;
    let (mut i, body) = suite(i, "'try' statement", t.start())?;
    let mut handlers = Vec::new();
    while let Ok((rest, e)) = kw("except").parse(i) {
        let (rest, kind) = if is(rest, K::Op, ":")? {
            (rest, None)
        } else {
            let (rest, k) = super::expr::expr(rest)?;
            (rest, Some(k))
        };
        let (rest, name) = match kw("as").parse(rest) {
            Ok((rest, _)) => {
                let (rest, n) = ident(rest)?;
                (rest, Some(n))
            }
            _ => (rest, None),
        };
        let (rest, hbody) = suite(rest, "'except' statement", e.start())?;
        if kind.is_none() && is(rest, K::Keyword, "except")? {
            return fail("default 'except:' must be last", e.span());
        }
        handlers.push(Handler {
            kind,
            name,
            body: hbody,
            span: e.start()..rest.prev_end(),
        });
        i = rest;
    }
    let (i, orelse) = if handlers.is_empty() {
        (i, Vec::new())
    } else {
        else_suite(i)?
    };
    let (i, finally) = match kw("finally").parse(i) {
        Ok((rest, f)) => suite(rest, "'finally' statement", f.start())?,
        Err(nom::Err::Error(_)) if handlers.is_empty() => {
            return fail_at(i, "expected 'except' or 'finally' block");
        }
        Err(nom::Err::Error(_)) => (i, Vec::new()),
        Err(e) => return Err(e),
    };
    let span = t.start()..i.prev_end();
    let kind = StmtKind::Try {
        body,
        handlers,
        orelse,
        finally,
    };
    Ok((i, Stmt { kind, span }))
}

/// `def name(params) [-> annotation]: body`
fn def(i: Tokens) -> PResult<Stmt> {
    let (i, t) = kw("def").parse(i)?;
    let (i, fname) = ident(i)?;
    let (i, _) = match bracket("(").parse(i) {
        Err(nom::Err::Error(_)) => return fail_at(i, "expected '('"),
        r => r?,
    };
    let (i, params) = params(i, true)?;
    let (i, _) = opt((op("->"), super::expr::expr)).parse(i)?;
    let ctx = i.ctx;
    let saved_loops = ctx.loops.replace(0);
    ctx.functions.set(ctx.functions.get() + 1);
    let r = suite(i, "function definition", t.start());
    ctx.functions.set(ctx.functions.get() - 1);
    ctx.loops.set(saved_loops);
    let (i, body) = r?;
    let span = t.start()..i.prev_end();
    let f = make_function(fname, params, body, false)?;
    Ok((
        i,
        Stmt {
            kind: StmtKind::Def(Rc::new(f)),
            span,
        },
    ))
}

/// A [`FuncDef`] with its docstring and scope.
pub fn make_function(
    name: Ident,
    params: Vec<Param>,
    body: Vec<Stmt>,
    lambda: bool,
) -> Result<FuncDef, nom::Err<super::parser::PErr>> {
    let doc = match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(Expr {
            kind: super::ast::ExprKind::Str(s),
            ..
        })) if !lambda => Some(s.clone()),
        _ => None,
    };
    let scope = super::scope::function_scope(&params, &body)?;
    Ok(FuncDef {
        name,
        params,
        body,
        lambda,
        doc,
        scope,
    })
}

/// Parameters up to `)` (consumed) for `def`, or up to `:` (not consumed)
/// for `lambda`: `a, b=1, *args, c, d=2, **kw` (`/` accepted and ignored).
/// `def` parameters may carry annotations, which are parsed and dropped.
pub fn params(mut i: Tokens, in_def: bool) -> PResult<Vec<Param>> {
    let mut params: Vec<Param> = Vec::new();
    let mut star_seen = false;
    let mut bare_star: Option<super::ast::Span> = None;
    loop {
        let t = look(i)?;
        let done = if in_def {
            t.kind == K::Close
        } else {
            t.kind == K::Op && i.text(t) == ":"
        };
        if done {
            if let Some(span) = bare_star {
                return fail("named arguments must follow bare *", span);
            }
            let i = if in_def { i.advance() } else { i };
            return Ok((i, params));
        }
        let (rest, star) = match (t.kind, i.text(t)) {
            (K::Op, "*") => (i.advance(), Some(ParamKind::VarArgs)),
            (K::Op, "**") => {
                if let Some(span) = bare_star {
                    // `def` points at the `*`, `lambda` at the `**`.
                    let span = if in_def { span } else { t.span() };
                    return fail("named arguments must follow bare *", span);
                }
                (i.advance(), Some(ParamKind::VarKw))
            }
            (K::Op, "/") if !params.is_empty() && !star_seen => {
                i = i.advance();
                i = comma_or_end(i, in_def)?;
                continue;
            }
            _ => (i, None),
        };
        if star == Some(ParamKind::VarArgs) && is(rest, K::Op, ",")? {
            if star_seen {
                return fail("* argument may appear only once", t.span());
            }
            star_seen = true;
            bare_star = Some(t.span());
            i = comma_or_end(rest, in_def)?;
            continue;
        }
        let (rest, pname) = ident(rest)?;
        bare_star = None;
        if params.iter().any(|p| p.name.name == pname.name) {
            let message = format!("duplicate argument '{}' in function definition", pname.name);
            return fail(message, pname.span);
        }
        let (rest, _) = if in_def {
            opt((op(":"), super::expr::expr)).parse(rest)?
        } else {
            (rest, None)
        };
        let (rest, default) = match op("=").parse(rest) {
            Ok((rest, eq)) if star.is_none() => {
                let (rest, d) = super::expr::expr(rest)?;
                let _ = eq;
                (rest, Some(d))
            }
            Ok((_, eq)) => {
                return fail(
                    "var-positional argument cannot have default value",
                    eq.span(),
                );
            }
            Err(nom::Err::Error(_)) => (rest, None),
            Err(e) => return Err(e),
        };
        let kind = match star {
            Some(ParamKind::VarArgs) => {
                if star_seen {
                    return fail("* argument may appear only once", t.span());
                }
                star_seen = true;
                ParamKind::VarArgs
            }
            Some(k) => k,
            None if star_seen => ParamKind::KwOnly,
            None => ParamKind::Normal,
        };
        if kind == ParamKind::Normal
            && default.is_none()
            && params
                .iter()
                .any(|p| p.default.is_some() && p.kind == ParamKind::Normal)
        {
            return fail("non-default argument follows default argument", pname.span);
        }
        if params.iter().any(|p| p.kind == ParamKind::VarKw) {
            return fail("arguments cannot follow var-keyword argument", pname.span);
        }
        params.push(Param {
            name: pname,
            default,
            kind,
        });
        i = comma_or_end(rest, in_def)?;
    }
}

/// After a parameter: a comma, or the end of the list.
fn comma_or_end(i: Tokens, in_def: bool) -> Result<Tokens, nom::Err<super::parser::PErr>> {
    if let Ok((rest, _)) = op(",").parse(i) {
        return Ok(rest);
    }
    let t = look(i)?;
    let ok = if in_def {
        t.kind == K::Close
    } else {
        t.kind == K::Op && i.text(t) == ":"
    };
    if ok {
        return Ok(i);
    }
    if in_def {
        let e = super::expr::missing_comma::<()>(i, t.start());
        return Err(e.err().expect("an error"));
    }
    fail_at::<()>(i, "expected ':'").map(|_| i)
}

/// `name` as an identifier for lambda (`<lambda>`).
pub fn lambda_name(span: super::ast::Span) -> Ident {
    Ident {
        name: "<lambda>".into(),
        span,
    }
}
