//! Expression rules, by Python's precedence (loosest first): `lambda`,
//! `x if c else y`, `or`, `and`, `not`, comparisons (chained, with `in`,
//! `not in`, `is`, `is not`), `|`, `^`, `&`, `<< >>`, `+ -`,
//! `* / // % @`, unary `- + ~`, `**` (right-associative, its right operand
//! may be unary: `2**-1`), then calls, attributes and indexing on atoms
//! ([`super::atom`]). Binary levels are one precedence-climbing loop over
//! the operator table, so nesting depth comes only from brackets and
//! prefix operators.

mod trailer;

use nom::Parser;

use super::ast::{BinOp, BoolOp, CmpOp, Expr, ExprKind, UnaryOp};
use super::parser::{PResult, fail, fail_at, invalid, is, kind, kw, look, nested, op};
use super::tokens::{K, Tok, Tokens};
use trailer::primary;

/// Binding power of `not` (between `and` and comparisons).
const NOT_PREC: u8 = 3;
const CMP_PREC: u8 = 4;
/// The loosest binary operator above comparisons: targets of `for` are
/// parsed at this level, so `for x in y` stops before `in`.
pub const BITOR_PREC: u8 = 5;

#[derive(Clone, Copy)]
enum Infix {
    Bool(BoolOp),
    Cmp(CmpOp),
    Bin(BinOp),
}

/// The operator table: binding power and operation of an infix token.
fn infix(i: Tokens, t: Tok) -> Option<(u8, Infix)> {
    use Infix::*;
    let op = match (t.kind, i.text(t)) {
        (K::Keyword, "or") => (1, Bool(BoolOp::Or)),
        (K::Keyword, "and") => (2, Bool(BoolOp::And)),
        (K::Keyword, "in") => (CMP_PREC, Cmp(CmpOp::In)),
        (K::Keyword, "not") => {
            let next = i.peek2();
            if next.kind == K::Keyword && i.text(next) == "in" {
                (CMP_PREC, Cmp(CmpOp::NotIn))
            } else {
                return None;
            }
        }
        (K::Keyword, "is") => (CMP_PREC, Cmp(CmpOp::Is)),
        (K::Op, "==") => (CMP_PREC, Cmp(CmpOp::Eq)),
        (K::Op, "!=") => (CMP_PREC, Cmp(CmpOp::Ne)),
        (K::Op, "<") => (CMP_PREC, Cmp(CmpOp::Lt)),
        (K::Op, "<=") => (CMP_PREC, Cmp(CmpOp::Le)),
        (K::Op, ">") => (CMP_PREC, Cmp(CmpOp::Gt)),
        (K::Op, ">=") => (CMP_PREC, Cmp(CmpOp::Ge)),
        (K::Op, "|") => (BITOR_PREC, Bin(BinOp::BitOr)),
        (K::Op, "^") => (6, Bin(BinOp::BitXor)),
        (K::Op, "&") => (7, Bin(BinOp::BitAnd)),
        (K::Op, "<<") => (8, Bin(BinOp::LShift)),
        (K::Op, ">>") => (8, Bin(BinOp::RShift)),
        (K::Op, "+") => (9, Bin(BinOp::Add)),
        (K::Op, "-") => (9, Bin(BinOp::Sub)),
        (K::Op, "*") => (10, Bin(BinOp::Mul)),
        (K::Op, "/") => (10, Bin(BinOp::Div)),
        (K::Op, "//") => (10, Bin(BinOp::FloorDiv)),
        (K::Op, "%") => (10, Bin(BinOp::Mod)),
        (K::Op, "@") => (10, Bin(BinOp::MatMul)),
        _ => return None,
    };
    Some(op)
}

pub fn node(kind: ExprKind, start: usize, end: usize) -> Expr {
    Expr {
        kind,
        span: start..end,
    }
}

/// Whether `t` can begin an expression.
pub fn starts_expr(i: Tokens, t: Tok) -> bool {
    match t.kind {
        K::Number | K::Numbers | K::Str | K::Name => true,
        K::Open => true,
        K::Keyword => matches!(i.text(t), "True" | "False" | "None" | "lambda" | "not"),
        K::Op => matches!(i.text(t), "-" | "+" | "~" | "..."),
        _ => false,
    }
}

/// An item that may be starred (`*rest`) in displays and target lists.
pub fn star_item(i: Tokens) -> PResult<Expr> {
    starred_or(i, expr)
}

/// `*operand` (the operand above comparisons), or what `plain` parses.
pub fn starred_or<'a>(
    i: Tokens<'a>,
    plain: impl FnOnce(Tokens<'a>) -> PResult<'a, Expr>,
) -> PResult<'a, Expr> {
    match op("*").parse(i) {
        Ok((rest, star)) => {
            let (rest, e) = binary(rest, BITOR_PREC)?;
            let span = star.start()..e.span.end;
            Ok((
                rest,
                node(ExprKind::Starred(Box::new(e)), span.start, span.end),
            ))
        }
        Err(nom::Err::Error(_)) => plain(i),
        Err(e) => Err(e),
    }
}

/// An item of a list, tuple or set display. A number directly followed by
/// `,` or the closing bracket (pasted data: most of a 10⁶-number literal)
/// is the whole item, so it skips the precedence levels, which would each
/// only find that no operator follows.
pub fn display_item(i: Tokens) -> PResult<Expr> {
    let t = i.peek();
    if t.kind == K::Number {
        let next = i.peek2();
        if next.kind == K::Close || next.kind == K::Op && i.text(next) == "," {
            return super::atom::atom(i);
        }
    }
    star_item(i)
}

/// `item (, item)* [,]` where items may be starred: several make a tuple
/// (`a, b`, `x,`, `*a, b`).
pub fn star_exprs(i: Tokens) -> PResult<Expr> {
    item_list(i, star_item)
}

/// `item (, item)* [,]` with items parsed by `item`: several make a tuple.
/// A comma followed by what cannot start an item ends the list.
pub fn item_list<'a>(
    i: Tokens<'a>,
    mut item: impl FnMut(Tokens<'a>) -> PResult<'a, Expr>,
) -> PResult<'a, Expr> {
    let (mut i, first) = item(i)?;
    if !is(i, K::Op, ",")? {
        return Ok((i, first));
    }
    let start = first.span.start;
    let mut items = vec![first];
    while let Ok((rest, _)) = op(",").parse(i) {
        i = rest;
        let t = look(i)?;
        if !(starts_expr(i, t) || t.kind == K::Op && i.text(t) == "*") {
            break;
        }
        let (rest, e) = item(i)?;
        items.push(e);
        i = rest;
    }
    Ok((i, node(ExprKind::Tuple(items), start, i.prev_end())))
}

/// The condition of `if`/`while`: an expression, with Python's hint when
/// it is followed by `=`.
pub fn named_expr(i: Tokens) -> PResult<Expr> {
    let (rest, e) = expr(i)?;
    if is(rest, K::Op, "=")? {
        let (after, value) = expr(rest.advance())?;
        let _ = after;
        return fail(
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            e.span.start..value.span.end,
        );
    }
    Ok((rest, e))
}

/// A full expression: lambda or conditional.
pub fn expr(i: Tokens) -> PResult<Expr> {
    nested(i, |i| {
        if is(i, K::Keyword, "lambda")? {
            return lambda(i);
        }
        let (i, then) = binary(i, 1)?;
        let Ok((i, _)) = kw("if").parse(i) else {
            return Ok((i, then));
        };
        let (i, cond) = binary(i, 1)?;
        let Ok((i, _)) = kw("else").parse(i) else {
            look(i)?;
            return fail(
                "expected 'else' after 'if' expression",
                then.span.start..cond.span.end,
            );
        };
        let (i, other) = expr(i)?;
        let (start, end) = (then.span.start, other.span.end);
        let kind = ExprKind::IfExp {
            cond: Box::new(cond),
            then: Box::new(then),
            other: Box::new(other),
        };
        Ok((i, node(kind, start, end)))
    })
}

fn lambda(i: Tokens) -> PResult<Expr> {
    let (i, kw) = kw("lambda").parse(i)?;
    let (i, params) = super::block::params(i, false)?;
    let (i, _) = super::parser::expect(":", "expected ':'").parse(i)?;
    let ctx = i.ctx;
    let saved_loops = ctx.loops.replace(0);
    let (i, body) = expr(i)?;
    ctx.loops.set(saved_loops);
    let span = kw.start()..body.span.end;
    let ret = super::ast::Stmt {
        kind: super::ast::StmtKind::Return(Some(body)),
        span: span.clone(),
    };
    let name = super::block::lambda_name(kw.span());
    let f = super::block::make_function(name, params, vec![ret], true)?;
    Ok((
        i,
        node(ExprKind::Lambda(std::rc::Rc::new(f)), span.start, span.end),
    ))
}

/// Operators binding at least as tightly as `min` (precedence climbing).
pub fn binary(i: Tokens, min: u8) -> PResult<Expr> {
    let (mut i, mut left) = if is(i, K::Keyword, "not")? {
        if min > NOT_PREC {
            return invalid(i);
        }
        let kw = look(i)?;
        let (rest, operand) = nested(i.advance(), |i| binary(i, NOT_PREC))?;
        let end = operand.span.end;
        let kind = ExprKind::Unary {
            op: UnaryOp::Not,
            operand: Box::new(operand),
        };
        (rest, node(kind, kw.start(), end))
    } else {
        unary(i)?
    };
    loop {
        let t = look(i)?;
        let Some((prec, op)) = infix(i, t) else {
            return Ok((i, left));
        };
        if prec < min {
            return Ok((i, left));
        }
        let start = left.span.start;
        (i, left) = match op {
            Infix::Cmp(_) => comparison(i, left)?,
            Infix::Bool(op) => {
                let (rest, right) = binary(i.advance(), prec + 1)?;
                let end = right.span.end;
                let (left, right) = (Box::new(left), Box::new(right));
                (rest, node(ExprKind::BoolOp { op, left, right }, start, end))
            }
            Infix::Bin(op) => {
                let (rest, right) = binary(i.advance(), prec + 1)?;
                let end = right.span.end;
                let (left, right) = (Box::new(left), Box::new(right));
                (rest, node(ExprKind::Binary { op, left, right }, start, end))
            }
        };
    }
}

/// `first < b <= c ...` as one chained comparison.
fn comparison(mut i: Tokens, first: Expr) -> PResult<Expr> {
    let mut rest = Vec::new();
    loop {
        let t = look(i)?;
        let Some((_, Infix::Cmp(mut op))) = infix(i, t) else {
            break;
        };
        i = i.advance();
        if op == CmpOp::NotIn {
            i = i.advance();
        } else if op == CmpOp::Is && is(i, K::Keyword, "not")? {
            op = CmpOp::IsNot;
            i = i.advance();
        }
        let (after, e) = binary(i, CMP_PREC + 1)?;
        rest.push((op, e));
        i = after;
    }
    let (start, end) = (first.span.start, i.prev_end());
    let first = Box::new(first);
    Ok((i, node(ExprKind::Compare { first, rest }, start, end)))
}

/// `-x`, `+x`, `~x` (binding looser than `**`: `-2**2` is `-(2**2)`).
fn unary(i: Tokens) -> PResult<Expr> {
    let t = look(i)?;
    let op = match (t.kind, i.text(t)) {
        (K::Op, "-") => UnaryOp::Neg,
        (K::Op, "+") => UnaryOp::Pos,
        (K::Op, "~") => UnaryOp::Invert,
        _ => return power(i),
    };
    let (i, operand) = nested(i.advance(), unary)?;
    let end = operand.span.end;
    let kind = ExprKind::Unary {
        op,
        operand: Box::new(operand),
    };
    Ok((i, node(kind, t.start(), end)))
}

/// `primary ** unary`, right-associative.
fn power(i: Tokens) -> PResult<Expr> {
    let (i, base) = primary(i)?;
    let Ok((i, _)) = op("**").parse(i) else {
        return Ok((i, base));
    };
    let (i, exponent) = nested(i, unary)?;
    let (start, end) = (base.span.start, exponent.span.end);
    let kind = ExprKind::Binary {
        op: BinOp::Pow,
        left: Box::new(base),
        right: Box::new(exponent),
    };
    Ok((i, node(kind, start, end)))
}

/// Items up to and including a closing bracket, separated by commas (a
/// trailing comma allowed). The tokenizer has checked that the bracket
/// matches.
pub fn bracketed<'a, T>(
    i: Tokens<'a>,
    item: impl FnMut(Tokens<'a>) -> PResult<'a, T>,
) -> PResult<'a, (Vec<T>, Tok)> {
    bracketed_onto(i, Vec::new(), item)
}

/// [`bracketed`] appending to `items` (a display's first item, already
/// parsed), so that a long display is never copied from one vector into
/// another.
pub fn bracketed_onto<'a, T>(
    mut i: Tokens<'a>,
    mut items: Vec<T>,
    mut item: impl FnMut(Tokens<'a>) -> PResult<'a, T>,
) -> PResult<'a, (Vec<T>, Tok)> {
    loop {
        if let Ok((rest, close)) = kind(K::Close).parse(i) {
            return Ok((rest, (items, close)));
        }
        let start = look(i)?.start();
        let (rest, x) = item(i)?;
        items.push(x);
        i = rest;
        match op(",").parse(i) {
            Ok((rest, _)) => i = rest,
            Err(nom::Err::Error(_)) if is_close(i)? => {}
            Err(nom::Err::Error(_)) => return missing_comma(i, start),
            Err(e) => return Err(e),
        }
    }
}

fn is_close(i: Tokens) -> Result<bool, nom::Err<super::parser::PErr>> {
    Ok(look(i)?.kind == K::Close)
}

/// The error for an unexpected token after an item that started at
/// `start`, inside brackets.
pub fn missing_comma<'a, T>(i: Tokens<'a>, start: usize) -> PResult<'a, T> {
    let t = look(i)?;
    if starts_expr(i, t) {
        fail(
            "invalid syntax. Perhaps you forgot a comma?",
            start..t.end(),
        )
    } else {
        invalid(i)
    }
}

/// Fails at the next token unless it is the end of the input.
pub fn at_end(i: Tokens) -> PResult<()> {
    let t = look(i)?;
    if t.kind == K::Eof {
        Ok((i, ()))
    } else {
        fail_at(i, "invalid syntax")
    }
}
