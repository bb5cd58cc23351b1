//! A compact S-expression rendering of the syntax tree, for tests and
//! debugging: `a[1:-1] = 2 ** -x` renders as
//! `(= (index a (slice 1 (- 1) _)) (** 2 (- x)))`.
//!
//! Ints print bare (`1`), floats with Rust's `{:?}` (`1.0`, `0.001`), so the
//! two never look alike; big ints as `(big DIGITS)`, strings quoted.

use super::ast::{
    BoolOp, Expr, ExprKind, Ident, IndexItem, Param, Stmt, StmtKind, Target, UnaryOp,
};

/// Statements joined by `; `.
pub fn stmts(stmts: &[Stmt]) -> String {
    stmts.iter().map(stmt).collect::<Vec<_>>().join("; ")
}

pub fn stmt(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Expr(e) => expr(e),
        StmtKind::Assign { targets, value } => {
            let ts: Vec<String> = targets.iter().map(target).collect();
            format!("(= {} {})", ts.join(" "), expr(value))
        }
        StmtKind::AugAssign {
            target: t,
            op,
            value,
        } => {
            format!("({}= {} {})", op.symbol(), target(t), expr(value))
        }
        StmtKind::Import { module, alias } => match alias {
            Some(a) => format!("(import {} as {})", module.name, a.name),
            None => format!("(import {})", module.name),
        },
        StmtKind::FromImport { module, names } => {
            let ns: Vec<String> = names.iter().map(|(n, a)| renamed(n, a)).collect();
            format!("(from {} {})", module.name, ns.join(" "))
        }
        StmtKind::Def {
            name,
            params: ps,
            body,
        } => {
            format!("(def {} {} {})", name.name, params(ps), expr(body))
        }
        StmtKind::Pass => "pass".into(),
    }
}

fn renamed(n: &Ident, alias: &Option<Ident>) -> String {
    match alias {
        Some(a) => format!("{}:{}", n.name, a.name),
        None => n.name.clone(),
    }
}

fn params(ps: &[Param]) -> String {
    let items: Vec<String> = ps
        .iter()
        .map(|p| match &p.default {
            Some(d) => format!("{}={}", p.name.name, expr(d)),
            None => p.name.name.clone(),
        })
        .collect();
    format!("({})", items.join(" "))
}

pub fn target(t: &Target) -> String {
    match t {
        Target::Name(i) => i.name.clone(),
        Target::Tuple(ts, _) => {
            let items: Vec<String> = ts.iter().map(target).collect();
            list("tuple", items)
        }
        Target::Index { obj, index, .. } => index_of(obj, index),
    }
}

fn list(head: &str, items: Vec<String>) -> String {
    if items.is_empty() {
        format!("({head})")
    } else {
        format!("({head} {})", items.join(" "))
    }
}

fn index_of(obj: &Expr, index: &[IndexItem]) -> String {
    let mut items = vec![expr(obj)];
    items.extend(index.iter().map(|i| match i {
        IndexItem::Expr(e) => expr(e),
        IndexItem::Slice {
            lower, upper, step, ..
        } => {
            let part = |p: &Option<Expr>| p.as_ref().map_or("_".to_string(), expr);
            format!("(slice {} {} {})", part(lower), part(upper), part(step))
        }
    }));
    list("index", items)
}

pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Int(v) => v.to_string(),
        ExprKind::BigInt(d) => format!("(big {d})"),
        ExprKind::Float(v) => format!("{v:?}"),
        ExprKind::Str(s) => format!("{s:?}"),
        ExprKind::Bool(b) => if *b { "True" } else { "False" }.into(),
        ExprKind::None => "None".into(),
        ExprKind::Ellipsis => "...".into(),
        ExprKind::Name(n) => n.clone(),
        ExprKind::Attr { obj, name } => format!("(. {} {})", expr(obj), name.name),
        ExprKind::Call { func, args, kwargs } => {
            let mut items = vec![expr(func)];
            items.extend(args.iter().map(expr));
            items.extend(
                kwargs
                    .iter()
                    .map(|(k, v)| format!("{}={}", k.name, expr(v))),
            );
            list("call", items)
        }
        ExprKind::Index { obj, index } => index_of(obj, index),
        ExprKind::Unary { op, operand } => {
            let sym = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Pos => "+",
                UnaryOp::Not => "not",
                UnaryOp::Invert => "~",
            };
            format!("({sym} {})", expr(operand))
        }
        ExprKind::Binary { op, left, right } => {
            format!("({} {} {})", op.symbol(), expr(left), expr(right))
        }
        ExprKind::Compare { first, rest } => {
            let mut items = vec![expr(first)];
            for (op, e) in rest {
                items.push(op.symbol().into());
                items.push(expr(e));
            }
            list("cmp", items)
        }
        ExprKind::BoolOp { op, left, right } => {
            let sym = match op {
                BoolOp::And => "and",
                BoolOp::Or => "or",
            };
            format!("({sym} {} {})", expr(left), expr(right))
        }
        ExprKind::IfExp { cond, then, other } => {
            format!("(if {} {} {})", expr(cond), expr(then), expr(other))
        }
        ExprKind::List(items) => {
            format!("[{}]", items.iter().map(expr).collect::<Vec<_>>().join(" "))
        }
        ExprKind::Tuple(items) => list("tuple", items.iter().map(expr).collect()),
        ExprKind::Lambda { params: ps, body } => format!("(lambda {} {})", params(ps), expr(body)),
    }
}
