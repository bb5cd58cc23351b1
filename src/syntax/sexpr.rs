//! A compact S-expression rendering of the syntax tree, for tests and
//! debugging: `a[1:-1] = 2 ** -x` renders as
//! `(= (index a (slice 1 (- 1) _)) (** 2 (- x)))`.
//!
//! Ints print bare (`1`), floats with Rust's `{:?}` (`1.0`, `0.001`), so the
//! two never look alike; big ints as `(big DIGITS)`, strings quoted.
//! Blocks are `(do s1 s2)`; a function whose body is one `return e` shows
//! just `e`. f-string fields print as written: `(f "x = " {x:.3f})`.

use super::ast::{
    BoolOp, CompKind, Expr, ExprKind, FPart, FuncDef, Ident, IndexItem, Param, ParamKind, Stmt,
    StmtKind, Target, UnaryOp,
};

/// Statements joined by `; `.
pub fn stmts(stmts: &[Stmt]) -> String {
    stmts.iter().map(stmt).collect::<Vec<_>>().join("; ")
}

fn block(stmts: &[Stmt]) -> String {
    list("do", stmts.iter().map(stmt).collect())
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
        StmtKind::Def(f) => format!("(def {} {} {})", f.name.name, params(&f.params), body(f)),
        StmtKind::Return(None) => "(return)".into(),
        StmtKind::Return(Some(e)) => format!("(return {})", expr(e)),
        StmtKind::If { cond, body, orelse } => {
            with_else(format!("(if {} {}", expr(cond), block(body)), orelse)
        }
        StmtKind::For {
            target: t,
            iter,
            body,
            orelse,
        } => with_else(
            format!("(for {} {} {}", target(t), expr(iter), block(body)),
            orelse,
        ),
        StmtKind::While { cond, body, orelse } => {
            with_else(format!("(while {} {}", expr(cond), block(body)), orelse)
        }
        StmtKind::Break => "break".into(),
        StmtKind::Continue => "continue".into(),
        StmtKind::Pass => "pass".into(),
        StmtKind::With { items, body } => {
            let mut parts: Vec<String> = items
                .iter()
                .map(|(e, t)| match t {
                    Some(t) => format!("({} {})", expr(e), target(t)),
                    None => format!("({})", expr(e)),
                })
                .collect();
            parts.push(block(body));
            list("with", parts)
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finally,
        } => {
            let mut parts = vec![block(body)];
            for h in handlers {
                let mut items = Vec::new();
                if let Some(k) = &h.kind {
                    items.push(expr(k));
                }
                if let Some(n) = &h.name {
                    items.push(n.name.clone());
                }
                items.push(block(&h.body));
                parts.push(list("except", items));
            }
            if !orelse.is_empty() {
                parts.push(list("else", vec![block(orelse)]));
            }
            if !finally.is_empty() {
                parts.push(list("finally", vec![block(finally)]));
            }
            list("try", parts)
        }
        StmtKind::Raise { exc, cause } => {
            list("raise", exc.iter().chain(cause).map(expr).collect())
        }
        StmtKind::Assert { test, msg } => list(
            "assert",
            std::iter::once(test).chain(msg).map(expr).collect(),
        ),
        StmtKind::Del(targets) => list("del", targets.iter().map(target).collect()),
        StmtKind::Global(names) => list("global", names.iter().map(|n| n.name.clone()).collect()),
        StmtKind::Nonlocal(names) => {
            list("nonlocal", names.iter().map(|n| n.name.clone()).collect())
        }
    }
}

fn with_else(head: String, orelse: &[Stmt]) -> String {
    if orelse.is_empty() {
        format!("{head})")
    } else {
        format!("{head} {})", block(orelse))
    }
}

/// A function body: `e` for a lone `return e`, `None` for a lone `pass`
/// or bare `return`, else the statements.
fn body(f: &FuncDef) -> String {
    match f.body.as_slice() {
        [
            Stmt {
                kind: StmtKind::Return(Some(e)),
                ..
            },
        ] => expr(e),
        [
            Stmt {
                kind: StmtKind::Return(None) | StmtKind::Pass,
                ..
            },
        ] => "None".into(),
        stmts => stmts.iter().map(stmt).collect::<Vec<_>>().join(" "),
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
        .map(|p| {
            let star = match p.kind {
                ParamKind::VarArgs => "*",
                ParamKind::VarKw => "**",
                ParamKind::KwOnly => "kw:",
                ParamKind::Normal => "",
            };
            match &p.default {
                Some(d) => format!("{star}{}={}", p.name.name, expr(d)),
                None => format!("{star}{}", p.name.name),
            }
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
        Target::Attr { obj, name, .. } => format!("(. {} {})", expr(obj), name.name),
        Target::Starred(t, _) => format!("(* {})", target(t)),
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

fn fparts(parts: &[FPart]) -> Vec<String> {
    parts
        .iter()
        .map(|p| match p {
            FPart::Lit(s) => format!("{s:?}"),
            FPart::Field(f) => {
                let mut out = format!("{{{}", expr(&f.expr));
                if f.debug.is_some() {
                    out.push('=');
                }
                if let Some(c) = f.conversion {
                    out.push('!');
                    out.push(c);
                }
                if !f.spec.is_empty() {
                    out.push(':');
                    for s in &f.spec {
                        match s {
                            FPart::Lit(t) => out.push_str(t),
                            FPart::Field(_) => out.push_str(&fparts(std::slice::from_ref(s))[0]),
                        }
                    }
                }
                out.push('}');
                out
            }
        })
        .collect()
}

pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Int(v) => v.to_string(),
        ExprKind::BigInt(d) => format!("(big {d})"),
        ExprKind::Float(v) => format!("{v:?}"),
        ExprKind::Imag(v) => format!("{v:?}j"),
        ExprKind::Str(s) => format!("{s:?}"),
        ExprKind::FStr(parts) => list("f", fparts(parts)),
        ExprKind::Bool(b) => if *b { "True" } else { "False" }.into(),
        ExprKind::None => "None".into(),
        ExprKind::Ellipsis => "...".into(),
        ExprKind::Name(n) => n.clone(),
        ExprKind::Attr { obj, name } => format!("(. {} {})", expr(obj), name.name),
        ExprKind::Call { func, args, kwargs } => {
            let mut items = vec![expr(func)];
            items.extend(args.iter().map(expr));
            items.extend(kwargs.iter().map(|k| match &k.name {
                Some(n) => format!("{}={}", n.name, expr(&k.value)),
                None => format!("**{}", expr(&k.value)),
            }));
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
        ExprKind::Numbers(ns) => {
            let items = ns.exprs();
            format!("[{}]", items.iter().map(expr).collect::<Vec<_>>().join(" "))
        }
        ExprKind::Tuple(items) => list("tuple", items.iter().map(expr).collect()),
        ExprKind::Dict(items) => list(
            "dict",
            items
                .iter()
                .map(|(k, v)| match k {
                    Some(k) => format!("({} {})", expr(k), expr(v)),
                    None => format!("(** {})", expr(v)),
                })
                .collect(),
        ),
        ExprKind::Set(items) => list("set", items.iter().map(expr).collect()),
        ExprKind::Starred(e) => format!("(* {})", expr(e)),
        ExprKind::Comp(c) => {
            let head = match c.kind {
                CompKind::List => "listcomp",
                CompKind::Set => "setcomp",
                CompKind::Dict => "dictcomp",
                CompKind::Generator => "genexp",
            };
            let mut items = vec![expr(&c.elt)];
            items.extend(c.value.iter().map(expr));
            for f in &c.clauses {
                let mut parts = vec![target(&f.target), expr(&f.iter)];
                parts.extend(f.ifs.iter().map(|i| format!("(if {})", expr(i))));
                items.push(list("for", parts));
            }
            list(head, items)
        }
        ExprKind::Lambda(f) => format!("(lambda {} {})", params(&f.params), body(f)),
    }
}
