//! Assignment targets: the target lists of `for`, `with ... as` and
//! `del`, and the expression a left-hand side denotes, with Python's
//! "cannot assign to ..." messages.

use crate::syntax::ast::{CompKind, Expr, ExprKind, Ident, Span, Target, UnaryOp};
use crate::syntax::expr::{BITOR_PREC, binary, item_list, starred_or};
use crate::syntax::parser::{PResult, fail};
use crate::syntax::tokens::Tokens;

use super::Fail;

/// Comma-separated items (each maybe starred) above comparisons, as a
/// target: `for i, (a, b) in ...` stops before `in`.
fn target_list(i: Tokens) -> PResult<Expr> {
    item_list(i, |i| starred_or(i, |i| binary(i, BITOR_PREC)))
}

/// The target of `for ... in` (and of comprehension clauses).
pub fn for_target(i: Tokens) -> PResult<Target> {
    let (i, e) = target_list(i)?;
    Ok((i, to_target(e, false)?))
}

/// The single target after `with ... as`.
pub fn single_target(i: Tokens) -> PResult<Target> {
    let (i, e) = binary(i, BITOR_PREC)?;
    Ok((i, to_target(e, false)?))
}

pub(super) fn del_targets(i: Tokens) -> PResult<Vec<Target>> {
    let (i, e) = target_list(i)?;
    let items = match e.kind {
        ExprKind::Tuple(items) => items,
        _ => vec![e],
    };
    let targets = items
        .into_iter()
        .map(to_del_target)
        .collect::<Result<Vec<_>, _>>()?;
    Ok((i, targets))
}

fn to_del_target(e: Expr) -> Result<Target, Fail> {
    let e = spelled_out(e);
    match e.kind {
        ExprKind::Name(_) | ExprKind::Index { .. } | ExprKind::Attr { .. } => to_target(e, false),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            let targets = items
                .into_iter()
                .map(to_del_target)
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Target::Tuple(targets, e.span))
        }
        ref k => {
            let what = describe(k);
            Err(failure(format!("cannot delete {what}"), e.span))
        }
    }
}

fn failure(message: String, span: Span) -> Fail {
    match fail::<()>(message, span) {
        Err(e) => e,
        Ok(_) => unreachable!("fail always fails"),
    }
}

/// What Python calls an expression that cannot be a target.
fn describe(k: &ExprKind) -> &'static str {
    match k {
        ExprKind::Call { .. } => "function call",
        ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Float(_)
        | ExprKind::Imag(_)
        | ExprKind::Str(_)
        | ExprKind::Ellipsis => "literal",
        ExprKind::Bool(true) => "True",
        ExprKind::Bool(false) => "False",
        ExprKind::None => "None",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::FStr(_) => "f-string expression",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::Comp(c) => match c.kind {
            CompKind::List => "list comprehension",
            CompKind::Set => "set comprehension",
            CompKind::Dict => "dict comprehension",
            CompKind::Generator => "generator expression",
        },
        _ => "expression",
    }
}

/// The assignment target an expression denotes. `top` marks a whole
/// left-hand side, where Python suggests `==`.
pub(super) fn to_target(e: Expr, top: bool) -> Result<Target, Fail> {
    let hint = if top {
        " here. Maybe you meant '==' instead of '='?"
    } else {
        ""
    };
    let e = spelled_out(e);
    match e.kind {
        ExprKind::Name(name) => Ok(Target::Name(Ident { name, span: e.span })),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            let stars = items
                .iter()
                .filter(|i| matches!(i.kind, ExprKind::Starred(_)))
                .count();
            if stars > 1 {
                return Err(failure(
                    "multiple starred expressions in assignment".into(),
                    e.span,
                ));
            }
            let targets = items
                .into_iter()
                .map(|i| match i.kind {
                    ExprKind::Starred(inner) => {
                        Ok(Target::Starred(Box::new(to_target(*inner, false)?), i.span))
                    }
                    _ => to_target(i, false),
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Target::Tuple(targets, e.span))
        }
        ExprKind::Index { obj, index } => Ok(Target::Index {
            obj,
            index,
            span: e.span,
        }),
        ExprKind::Attr { .. } => Err(failure(
            "assigning to attributes is not supported".into(),
            e.span,
        )),
        ExprKind::Starred(_) => Err(failure(
            "starred assignment target must be in a list or tuple".into(),
            e.span,
        )),
        ref k => {
            let what = describe(k);
            // Python's hint comes from a rule over `bitwise_or` operands:
            // comparisons, `and`/`or`/`not` and generator expressions are
            // outside it and get the plain message.
            let hint = match k {
                ExprKind::Bool(_)
                | ExprKind::None
                | ExprKind::IfExp { .. }
                | ExprKind::Lambda(_)
                | ExprKind::Compare { .. }
                | ExprKind::BoolOp { .. }
                | ExprKind::Unary {
                    op: UnaryOp::Not, ..
                } => "",
                ExprKind::Comp(c) if c.kind == CompKind::Generator => "",
                _ => hint,
            };
            Err(failure(format!("cannot assign to {what}{hint}"), e.span))
        }
    }
}

/// A compact [`ExprKind::Numbers`] display as the `List` it stands for
/// (target errors name its items).
fn spelled_out(e: Expr) -> Expr {
    match &e.kind {
        ExprKind::Numbers(ns) => Expr {
            kind: ExprKind::List(ns.exprs()),
            span: e.span,
        },
        _ => e,
    }
}

pub(super) fn to_aug_target(e: Expr) -> Result<Target, Fail> {
    let what = match &e.kind {
        ExprKind::Name(_) | ExprKind::Index { .. } => return to_target(e, true),
        ExprKind::Attr { .. } => {
            return Err(failure(
                "assigning to attributes is not supported".into(),
                e.span,
            ));
        }
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) | ExprKind::Numbers(_) => "list",
        ExprKind::Bool(_) | ExprKind::None => "literal",
        k => describe(k),
    };
    Err(failure(
        format!("'{what}' is an illegal expression for augmented assignment"),
        e.span,
    ))
}
