//! A function's symbol table, as Python's compiler builds it: the names its
//! body binds are its locals (unless declared `global` or `nonlocal`), so
//! reading one before it is assigned is an `UnboundLocalError`, not a read
//! of the global.

use std::collections::BTreeSet;

use super::ast::{Param, Scope, Stmt, StmtKind, Target};
use super::parser::{PErr, fail};

/// The scope of a function with these parameters and body.
pub fn function_scope(params: &[Param], body: &[Stmt]) -> Result<Scope, nom::Err<PErr>> {
    let mut bound = BTreeSet::new();
    let mut scope = Scope::default();
    for s in body {
        walk(s, &mut bound, &mut scope);
    }
    for p in params {
        if scope.globals.contains(&p.name.name) {
            return fail(
                format!("name '{}' is parameter and global", p.name.name),
                p.name.span.clone(),
            )
            .map(|(_, s)| s);
        }
        bound.insert(p.name.name.clone());
    }
    scope.locals = bound
        .into_iter()
        .filter(|n| !scope.globals.contains(n) && !scope.nonlocals.contains(n))
        .collect();
    Ok(scope)
}

/// The names `t` binds.
pub fn target_names(t: &Target, out: &mut BTreeSet<String>) {
    match t {
        Target::Name(id) => {
            out.insert(id.name.clone());
        }
        Target::Tuple(items, _) => items.iter().for_each(|t| target_names(t, out)),
        Target::Starred(t, _) => target_names(t, out),
        Target::Index { .. } | Target::Attr { .. } => {}
    }
}

fn walk(s: &Stmt, bound: &mut BTreeSet<String>, scope: &mut Scope) {
    let block = |b: &[Stmt], bound: &mut BTreeSet<String>, scope: &mut Scope| {
        for s in b {
            walk(s, bound, scope);
        }
    };
    match &s.kind {
        StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target_names(t, bound)),
        StmtKind::AugAssign { target, .. } => target_names(target, bound),
        StmtKind::Import { module, alias } => {
            let name = match alias {
                Some(a) => a.name.clone(),
                None => module.name.split('.').next().unwrap_or("").to_string(),
            };
            bound.insert(name);
        }
        StmtKind::FromImport { names, .. } => {
            for (n, a) in names {
                bound.insert(a.as_ref().unwrap_or(n).name.clone());
            }
        }
        StmtKind::Def(f) => {
            bound.insert(f.name.name.clone());
        }
        StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
            block(body, bound, scope);
            block(orelse, bound, scope);
        }
        StmtKind::For {
            target,
            body,
            orelse,
            ..
        } => {
            target_names(target, bound);
            block(body, bound, scope);
            block(orelse, bound, scope);
        }
        StmtKind::With { items, body } => {
            for (_, t) in items {
                if let Some(t) = t {
                    target_names(t, bound);
                }
            }
            block(body, bound, scope);
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finally,
        } => {
            block(body, bound, scope);
            for h in handlers {
                if let Some(n) = &h.name {
                    bound.insert(n.name.clone());
                }
                block(&h.body, bound, scope);
            }
            block(orelse, bound, scope);
            block(finally, bound, scope);
        }
        StmtKind::Del(targets) => targets.iter().for_each(|t| target_names(t, bound)),
        StmtKind::Global(names) => {
            scope.globals.extend(names.iter().map(|n| n.name.clone()));
        }
        StmtKind::Nonlocal(names) => {
            scope.nonlocals.extend(names.iter().map(|n| n.name.clone()));
        }
        StmtKind::Expr(_)
        | StmtKind::Return(_)
        | StmtKind::Break
        | StmtKind::Continue
        | StmtKind::Pass
        | StmtKind::Raise { .. }
        | StmtKind::Assert { .. } => {}
    }
}
