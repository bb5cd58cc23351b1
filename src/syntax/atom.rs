//! Atoms: literals, names, strings (f-strings included), and the bracketed
//! displays: `(...)` tuples and generator expressions, `[...]` lists and
//! list comprehensions, `{...}` dicts, sets and their comprehensions. Each
//! display parses its first item once, then branches on the next token.

use nom::Parser;
use std::rc::Rc;

use super::ast::{CompFor, CompKind, Comprehension, Expr, ExprKind, FPart, Num, NumberList};
use super::expr::{bracketed, bracketed_onto, display_item, expr, missing_comma, node, star_item};
use super::literal::string_value;
use super::parser::{PResult, fail, invalid, is, kind, kw, look, op};
use super::tokens::{K, Tokens};

pub fn atom(i: Tokens) -> PResult<Expr> {
    let t = look(i)?;
    let text = i.text(t);
    let kind = match (t.kind, text) {
        (K::Number, _) => match i.number(t) {
            Ok(v) => v,
            Err(m) => return fail(m, t.span()),
        },
        (K::Numbers, _) => ExprKind::Numbers(i.ctx.numbers_of(t)),
        (K::Str, _) => return strings(i),
        (K::Name, _) => ExprKind::Name(text.to_string()),
        (K::Keyword, "True") => ExprKind::Bool(true),
        (K::Keyword, "False") => ExprKind::Bool(false),
        (K::Keyword, "None") => ExprKind::None,
        (K::Op, "...") => ExprKind::Ellipsis,
        (K::Open, "(") => return parenthesized(i.advance(), t.start()),
        (K::Open, "[") => return list(i.advance(), t.start()),
        (K::Open, _) => return braces(i.advance(), t.start()),
        _ => return invalid(i),
    };
    Ok((i.advance(), node(kind, t.start(), t.end())))
}

/// Adjacent string literals, concatenated; f-strings among them make the
/// whole an f-string.
fn strings(mut i: Tokens) -> PResult<Expr> {
    let start = look(i)?.start();
    let mut parts: Vec<FPart> = Vec::new();
    let mut fields = false;
    while let Ok((rest, t)) = kind(K::Str).parse(i) {
        let text = i.text(t);
        let prefix = &text[..text.find(['\'', '"']).unwrap_or(0)];
        if prefix.contains(['f', 'F']) {
            let f = super::fstring::parse(i.ctx, t)?;
            fields |= f.iter().any(|p| matches!(p, FPart::Field(_)));
            parts.extend(f);
        } else {
            let value = match string_value(text) {
                Ok(v) => v,
                Err(m) => return fail(m, t.span()),
            };
            parts.push(FPart::Lit(value));
        }
        i = rest;
    }
    let end = i.prev_end();
    let merged = super::fstring::merge(parts);
    if !fields {
        let s = merged
            .into_iter()
            .map(|p| match p {
                FPart::Lit(s) => s,
                FPart::Field(_) => unreachable!("no fields"),
            })
            .collect();
        return Ok((i, node(ExprKind::Str(s), start, end)));
    }
    Ok((i, node(ExprKind::FStr(merged), start, end)))
}

/// After `(`: `()`, `(x)`, `(x,)`, `(a, b)`, `(x for x in y)`: the first
/// item decides, no re-parse.
fn parenthesized(i: Tokens, start: usize) -> PResult<Expr> {
    if let Ok((i, close)) = kind(K::Close).parse(i) {
        return Ok((i, node(ExprKind::Tuple(vec![]), start, close.end())));
    }
    let (i, first) = star_item(i)?;
    if is(i, K::Keyword, "for")? {
        let (i, g) = comprehension(i, CompKind::Generator, first, None)?;
        return close_display(i, g, start);
    }
    if let Ok((i, close)) = kind(K::Close).parse(i) {
        if let ExprKind::Starred(_) = first.kind {
            return fail("cannot use starred expression here", first.span);
        }
        let mut e = first;
        // A parenthesized generator keeps its brackets in the span.
        if let ExprKind::Comp(_) = e.kind {
            e.span = start..close.end();
        }
        return Ok((i, e));
    }
    let Ok((i, _)) = op(",").parse(i) else {
        return missing_comma(i, first.span.start);
    };
    let (i, (items, close)) = bracketed_onto(i, vec![first], display_item)?;
    Ok((i, node(ExprKind::Tuple(items), start, close.end())))
}

/// After `[`: a list display or a list comprehension.
fn list(i: Tokens, start: usize) -> PResult<Expr> {
    if let Ok((i, close)) = kind(K::Close).parse(i) {
        return Ok((i, node(ExprKind::List(vec![]), start, close.end())));
    }
    if let Some((i, numbers, close)) = super::numbers::compact()
        .then(|| number_list(i, start))
        .flatten()
    {
        return Ok((i, node(ExprKind::Numbers(Rc::new(numbers)), start, close)));
    }
    let (i, first) = display_item(i)?;
    if is(i, K::Keyword, "for")? {
        let (i, c) = comprehension(i, CompKind::List, first, None)?;
        return close_display(i, c, start);
    }
    let (i, (items, close)) = more_items(i, first)?;
    Ok((i, node(ExprKind::List(items), start, close)))
}

/// After `[`: the items and the end of the `]` when the display is only
/// plain numbers (`-` allowed before each) separated by commas, as pasted
/// data is; `None` sends anything else to the general rules.
fn number_list(i: Tokens, open: usize) -> Option<(Tokens, NumberList, usize)> {
    let mut list = NumberList::new(open);
    let mut i = i;
    loop {
        let mut t = i.peek();
        let start = t.start();
        let minus = t.kind == K::Op && i.text(t) == "-";
        if minus {
            i = i.advance();
            t = i.peek();
        }
        if t.kind != K::Number {
            return None;
        }
        let value = match i.number(t) {
            Ok(ExprKind::Int(v)) => Num::Int(if minus { -v } else { v }),
            Ok(ExprKind::Float(v)) => Num::Float(if minus { -v } else { v }),
            _ => return None,
        };
        if !list.push(value, start, t.start(), t.end()) {
            return None;
        }
        i = i.advance();
        let next = i.peek();
        if next.kind == K::Close {
            return (i.text(next) == "]").then(|| (i.advance(), list, next.end()));
        }
        if !(next.kind == K::Op && i.text(next) == ",") {
            return None;
        }
        i = i.advance();
        let after = i.peek();
        if after.kind == K::Close {
            return (i.text(after) == "]").then(|| (i.advance(), list, after.end()));
        }
    }
}

/// A display's items from its first one, up to and including the close.
fn more_items(i: Tokens, first: Expr) -> PResult<(Vec<Expr>, usize)> {
    if let Ok((i, close)) = kind(K::Close).parse(i) {
        return Ok((i, (vec![first], close.end())));
    }
    let Ok((i, _)) = op(",").parse(i) else {
        return missing_comma(i, first.span.start);
    };
    let (i, (items, close)) = bracketed_onto(i, vec![first], display_item)?;
    Ok((i, (items, close.end())))
}

/// After `{`: `{}`, a dict (`{k: v, **m}`), a set, or their comprehensions.
fn braces(i: Tokens, start: usize) -> PResult<Expr> {
    if let Ok((i, close)) = kind(K::Close).parse(i) {
        return Ok((i, node(ExprKind::Dict(vec![]), start, close.end())));
    }
    let t = look(i)?;
    let (i, first_key, first_value) = if t.kind == K::Op && i.text(t) == "**" {
        let (i, v) = super::expr::binary(i.advance(), super::expr::BITOR_PREC)?;
        (i, None, Some(v))
    } else {
        let (i, k) = star_item(i)?;
        match op(":").parse(i) {
            Ok((i, colon)) => {
                let (i, v) = dict_value(i, colon)?;
                (i, Some(k), Some(v))
            }
            Err(nom::Err::Error(_)) => (i, Some(k), None),
            Err(e) => return Err(e),
        }
    };
    let Some(first_value) = first_value else {
        let first = first_key.expect("a set item");
        if is(i, K::Keyword, "for")? {
            let (i, c) = comprehension(i, CompKind::Set, first, None)?;
            return close_display(i, c, start);
        }
        let (i, (items, close)) = more_items(i, first)?;
        return Ok((i, node(ExprKind::Set(items), start, close)));
    };
    if let Some(k) = &first_key
        && is(i, K::Keyword, "for")?
    {
        let (i, c) = comprehension(i, CompKind::Dict, k.clone(), Some(first_value))?;
        return close_display(i, c, start);
    }
    let first_at = first_key
        .as_ref()
        .map_or(first_value.span.start, |k| k.span.start);
    let mut entries = vec![(first_key, first_value)];
    let i = if let Ok((i, _)) = kind(K::Close).parse(i) {
        return Ok((i, node(ExprKind::Dict(entries), start, i.prev_end())));
    } else {
        match op(",").parse(i) {
            Ok((i, _)) => i,
            Err(nom::Err::Error(_)) => return missing_comma(i, first_at),
            Err(e) => return Err(e),
        }
    };
    let (i, (rest, close)) = bracketed(i, dict_entry)?;
    entries.extend(rest);
    Ok((i, node(ExprKind::Dict(entries), start, close.end())))
}

fn dict_entry(i: Tokens) -> PResult<(Option<Expr>, Expr)> {
    if let Ok((i, _)) = op("**").parse(i) {
        let (i, v) = super::expr::binary(i, super::expr::BITOR_PREC)?;
        return Ok((i, (None, v)));
    }
    let (i, k) = expr(i)?;
    let Ok((i, colon)) = op(":").parse(i) else {
        return super::parser::fail_at(i, "':' expected after dictionary key");
    };
    let (i, v) = dict_value(i, colon)?;
    Ok((i, (Some(k), v)))
}

/// The value after `key:`; nothing there (`{1: }`, `{1: , 2: 3}`) is
/// Python's message at the colon.
fn dict_value<'a>(i: Tokens<'a>, colon: super::tokens::Tok) -> PResult<'a, Expr> {
    let t = look(i)?;
    if t.kind == K::Close || t.kind == K::Op && i.text(t) == "," {
        return fail(
            "expression expected after dictionary key and ':'",
            colon.span(),
        );
    }
    expr(i)
}

/// The closing bracket after a comprehension, and its span.
fn close_display(i: Tokens, mut c: Expr, start: usize) -> PResult<Expr> {
    match kind(K::Close).parse(i) {
        Ok((i, close)) => {
            c.span = start..close.end();
            Ok((i, c))
        }
        Err(nom::Err::Error(_)) => invalid(i),
        Err(e) => Err(e),
    }
}

/// `for target in iterable [if cond]...` clauses after a comprehension's
/// element (the caller saw `for`).
pub fn comprehension(
    mut i: Tokens,
    kind_: CompKind,
    elt: Expr,
    value: Option<Expr>,
) -> PResult<Expr> {
    if let ExprKind::Starred(_) = elt.kind {
        let what = match kind_ {
            CompKind::Dict => "dict unpacking cannot be used in dict comprehension",
            _ => "iterable unpacking cannot be used in comprehension",
        };
        return fail(what, elt.span);
    }
    let start = elt.span.start;
    let ctx = i.ctx;
    let saved_loops = ctx.loops.replace(0);
    let mut clauses = Vec::new();
    let result = loop {
        let Ok((rest, _)) = kw("for").parse(i) else {
            break Ok(());
        };
        let (rest, target) = super::stmt::for_target(rest)?;
        let Ok((rest, _)) = kw("in").parse(rest) else {
            break invalid::<()>(rest).map(|_| ());
        };
        let (mut rest, iter) = super::expr::binary(rest, 1)?;
        let mut ifs = Vec::new();
        while let Ok((after, _)) = kw("if").parse(rest) {
            let (after, cond) = super::expr::binary(after, 1)?;
            ifs.push(cond);
            rest = after;
        }
        clauses.push(CompFor { target, iter, ifs });
        i = rest;
    };
    ctx.loops.set(saved_loops);
    result?;
    let end = i.prev_end();
    let c = Comprehension {
        kind: kind_,
        elt,
        value,
        clauses,
    };
    Ok((i, node(ExprKind::Comp(Box::new(c)), start, end)))
}
