//! Trailers of an atom: `.name`, calls (positional, starred, keyword and
//! `**` arguments, a bare generator expression) and indexing with slices.

use nom::Parser;

use crate::syntax::ast::{CompKind, Expr, ExprKind, Ident, IndexItem, Keyword};
use crate::syntax::atom::{atom, comprehension};
use crate::syntax::parser::{PResult, fail, ident, is, look, op};
use crate::syntax::tokens::{K, Tok, Tokens};

use super::{bracketed, expr, node, star_item};

/// An atom followed by `.name`, `(args)` and `[index]` trailers.
pub(super) fn primary(i: Tokens) -> PResult<Expr> {
    let (mut i, mut e) = atom(i)?;
    loop {
        let t = look(i)?;
        let start = e.span.start;
        (i, e) = match (t.kind, i.text(t)) {
            (K::Op, ".") => {
                let (rest, name) = ident(i.advance())?;
                let end = name.span.end;
                let obj = Box::new(e);
                (rest, node(ExprKind::Attr { obj, name }, start, end))
            }
            (K::Open, "(") => call(i.advance(), e)?,
            (K::Open, "[") => {
                let (rest, (index, close)) = index(i.advance())?;
                let obj = Box::new(e);
                (
                    rest,
                    node(ExprKind::Index { obj, index }, start, close.end()),
                )
            }
            _ => return Ok((i, e)),
        };
    }
}

/// One call argument, as it is collected.
enum Arg {
    Pos(Expr),
    Kw(Keyword),
}

/// Call arguments after `(`: positional (`*seq` too), `name=value`,
/// `**mapping`, or one generator expression.
fn call<'a>(i: Tokens<'a>, func: Expr) -> PResult<'a, Expr> {
    let mut seen_kw: Option<Keyword> = None;
    let mut seen_kwstar = false;
    let mut count = 0usize;
    let (i, (args, close)) = bracketed(i, |i| {
        count += 1;
        let t = look(i)?;
        if t.kind == K::Op && matches!(i.text(t), "*" | "**") {
            let double = i.text(t) == "**";
            let (rest, e) = expr(i.advance())?;
            let span = t.start()..e.span.end;
            if double {
                seen_kwstar = true;
                let k = Keyword {
                    name: None,
                    value: e,
                };
                seen_kw.get_or_insert(k.clone());
                return Ok((rest, Arg::Kw(k)));
            }
            if seen_kwstar {
                // Python points at the `*` alone.
                return fail(
                    "iterable argument unpacking follows keyword argument unpacking",
                    t.span(),
                );
            }
            return Ok((
                rest,
                Arg::Pos(node(ExprKind::Starred(Box::new(e)), span.start, span.end)),
            ));
        }
        let (rest, e) = expr(i)?;
        if is(rest, K::Keyword, "for")? {
            let (rest, g) = comprehension(rest, CompKind::Generator, e, None)?;
            let bare = count == 1 && is(rest, K::Close, ")")?;
            if !bare {
                let end = rest.prev_end();
                return fail(
                    "Generator expression must be parenthesized",
                    g.span.start..end,
                );
            }
            return Ok((rest, Arg::Pos(g)));
        }
        let Ok((rest, eq)) = op("=").parse(rest) else {
            if let Some(k) = &seen_kw {
                let message = if k.name.is_none() {
                    "positional argument follows keyword argument unpacking"
                } else {
                    "positional argument follows keyword argument"
                };
                return fail(message, e.span);
            }
            return Ok((rest, Arg::Pos(e)));
        };
        let ExprKind::Name(name) = e.kind else {
            let message = "expression cannot contain assignment, perhaps you meant \"==\"?";
            return fail(message, e.span.start..eq.end());
        };
        let (rest, value) = expr(rest)?;
        let k = Keyword {
            name: Some(Ident { name, span: e.span }),
            value,
        };
        seen_kw.get_or_insert(k.clone());
        Ok((rest, Arg::Kw(k)))
    })?;
    let mut pos = Vec::new();
    let mut kwargs: Vec<Keyword> = Vec::new();
    for a in args {
        match a {
            Arg::Pos(e) => pos.push(e),
            Arg::Kw(k) => {
                if let Some(n) = &k.name
                    && kwargs
                        .iter()
                        .any(|o| o.name.as_ref().is_some_and(|m| m.name == n.name))
                {
                    let span = n.span.start..k.value.span.end;
                    return fail(format!("keyword argument repeated: {}", n.name), span);
                }
                kwargs.push(k);
            }
        }
    }
    let (start, end) = (func.span.start, close.end());
    let func = Box::new(func);
    Ok((
        i,
        node(
            ExprKind::Call {
                func,
                args: pos,
                kwargs,
            },
            start,
            end,
        ),
    ))
}

/// Index items after `[`, up to and including `]`.
fn index(i: Tokens) -> PResult<(Vec<IndexItem>, Tok)> {
    let (i, (items, close)) = bracketed(i, index_item)?;
    if items.is_empty() {
        return fail("invalid syntax", close.span());
    }
    Ok((i, (items, close)))
}

/// `expr` or a slice `[lower]:[upper][:[step]]`.
fn index_item(i: Tokens) -> PResult<IndexItem> {
    let start = look(i)?.start();
    let (i, lower) = if is(i, K::Op, ":")? {
        (i, None)
    } else {
        let (i, e) = star_item(i)?;
        (i, Some(e))
    };
    let Ok((i, _)) = op(":").parse(i) else {
        return Ok((i, IndexItem::Expr(lower.expect("parsed above"))));
    };
    let (i, upper) = slice_part(i, false)?;
    let (i, step) = match op(":").parse(i) {
        Ok((i, _)) => slice_part(i, true)?,
        Err(_) => (i, None),
    };
    let span = start..i.prev_end();
    Ok((
        i,
        IndexItem::Slice {
            lower,
            upper,
            step,
            span,
        },
    ))
}

fn slice_part(i: Tokens, is_step: bool) -> PResult<Option<Expr>> {
    let t = look(i)?;
    let empty = t.kind == K::Close
        || (t.kind == K::Op && (i.text(t) == "," || (!is_step && i.text(t) == ":")));
    if empty {
        Ok((i, None))
    } else {
        let (i, e) = expr(i)?;
        Ok((i, Some(e)))
    }
}
