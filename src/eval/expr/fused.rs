//! `a * b + c`, `2*a - b`, `(a - b) / c`, `a*a + b*b`: a tree of `+ - * /`
//! over names and number literals, evaluated in one pass without
//! temporaries when its values are simple (float64 arrays of one shape,
//! C-contiguous, and numbers), else operator by operator as always.
//!
//! What Python does is kept: the leaves are evaluated first, in order, and
//! as they are pure (a name's lookup, a literal) that is what evaluating
//! them between the operations does; a leaf that fails (a `NameError`)
//! hands the whole expression back to the ordinary evaluation, which fails
//! at the same point after the same operations. Each operation's
//! floating-point flags are reported as NumPy reports them, one operation
//! after the other (`overflow encountered in multiply`, then `invalid value
//! encountered in add`), and an error names the operation's span.

use crate::array::fused::{self, Arith, Operand, Step};
use crate::array::{Array, DType};
use crate::engine::limits;
use crate::syntax::ast::{BinOp, Expr, ExprKind, Span, UnaryOp};

use super::super::error::EvalResult;
use super::super::ops::ufunc_name;
use super::super::value::{Scalar, Value};
use super::super::warnings;
use super::{Frame, Session};

/// Most leaves of a tree taken as one expression; a bigger one is
/// evaluated operator by operator (its subtrees may still be fused).
const MAX_LEAVES: usize = fused::MAX_STEPS + 1;

/// A tree in evaluation order (post-order).
enum Node<'e> {
    Leaf(&'e Expr),
    Op(BinOp, &'e Span),
}

impl Session {
    /// `e` (a binary operation) as one fused expression, or operator by
    /// operator from its leaves once evaluated; `None` when `e` is not such
    /// a tree (or a leaf failed), for the ordinary evaluation.
    pub(super) fn eval_arith_tree(&mut self, e: &Expr, frame: &Frame) -> Option<EvalResult<Value>> {
        // One operator (`a + 1.0`) is already one pass: no tree to walk.
        let ExprKind::Binary { left, right, .. } = &e.kind else {
            return None;
        };
        if !is_arith(left) && !is_arith(right) {
            return None;
        }
        let mut nodes = Vec::with_capacity(2 * MAX_LEAVES);
        if !flatten(e, &mut nodes) {
            return None;
        }
        let mut leaves = Vec::with_capacity(MAX_LEAVES);
        for n in &nodes {
            if let Node::Leaf(x) = n {
                leaves.push(self.eval(x, frame).ok()?);
            }
        }
        if let Some(r) = run_fused(&nodes, &leaves) {
            return Some(r);
        }
        Some(in_order(&nodes, leaves))
    }
}

fn arith_op(op: BinOp) -> Option<Arith> {
    Some(match op {
        BinOp::Add => Arith::Add,
        BinOp::Sub => Arith::Sub,
        BinOp::Mul => Arith::Mul,
        BinOp::Div => Arith::Div,
        _ => return None,
    })
}

fn is_arith(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Binary { op, .. } if arith_op(*op).is_some())
}

/// Pushes `e`'s nodes in post-order; false when `e` is not a tree of
/// `+ - * /` over names and number literals of at most [`MAX_LEAVES`].
fn flatten<'e>(e: &'e Expr, out: &mut Vec<Node<'e>>) -> bool {
    match &e.kind {
        ExprKind::Binary { op, left, right } if arith_op(*op).is_some() => {
            if !flatten(left, out) || !flatten(right, out) {
                return false;
            }
            out.push(Node::Op(*op, &e.span));
            true
        }
        ExprKind::Name(_) | ExprKind::Int(_) | ExprKind::Float(_) => push_leaf(e, out),
        ExprKind::Unary {
            op: UnaryOp::Neg | UnaryOp::Pos,
            operand,
        } if matches!(operand.kind, ExprKind::Int(_) | ExprKind::Float(_)) => push_leaf(e, out),
        _ => false,
    }
}

fn push_leaf<'e>(e: &'e Expr, out: &mut Vec<Node<'e>>) -> bool {
    let leaves = out.iter().filter(|n| matches!(n, Node::Leaf(_))).count();
    out.push(Node::Leaf(e));
    leaves < MAX_LEAVES
}

/// The operations applied one by one to the evaluated leaves, as the
/// ordinary evaluation of each `Binary` node applies them.
fn in_order(nodes: &[Node], leaves: Vec<Value>) -> EvalResult<Value> {
    let mut leaves = leaves.into_iter();
    let mut stack: Vec<Value> = Vec::with_capacity(MAX_LEAVES);
    for n in nodes {
        match n {
            Node::Leaf(_) => stack.push(leaves.next().expect("one value per leaf")),
            Node::Op(op, span) => {
                let r = stack.pop().expect("right operand");
                let l = stack.pop().expect("left operand");
                limits::check_interrupt()?;
                let v = super::super::pyops::binary(*op, &l, &r).map_err(|err| err.at(span))?;
                stack.push(v);
            }
        }
    }
    Ok(stack.pop().expect("the value of the tree"))
}

/// What a leaf is to the fused kernel.
enum Leaf {
    Array(usize),
    Number(f64),
    Result,
}

/// The fused evaluation, when every operation has a float64 array (of
/// ndim >= 1) or a result of one as an operand and every number is a
/// float64 one (a Python float or int, or a NumPy float64 scalar).
fn run_fused(nodes: &[Node], leaves: &[Value]) -> Option<EvalResult<Value>> {
    let mut arrays: Vec<&Array> = Vec::with_capacity(MAX_LEAVES);
    let mut steps = Vec::with_capacity(MAX_LEAVES);
    let mut spans = Vec::with_capacity(MAX_LEAVES);
    let mut stack = Vec::with_capacity(MAX_LEAVES);
    let mut leaves = leaves.iter();
    for n in nodes {
        match n {
            Node::Leaf(_) => stack.push(match leaves.next()? {
                Value::Array(a) if a.dtype() == DType::Float64 && a.ndim() > 0 => {
                    arrays.push(&**a);
                    Leaf::Array(arrays.len() - 1)
                }
                Value::Float(x) | Value::Scalar(Scalar::Float64(x)) => Leaf::Number(*x),
                // NEP 50: the int becomes a float64 (correctly rounded).
                Value::Int(i) => Leaf::Number(*i as f64),
                _ => return None,
            }),
            Node::Op(op, span) => {
                let operand = |l: Leaf| match l {
                    Leaf::Array(i) => Operand::Array(i),
                    Leaf::Number(x) => Operand::Number(x),
                    Leaf::Result => Operand::Result,
                };
                let right = operand(stack.pop()?);
                let left = operand(stack.pop()?);
                if matches!((left, right), (Operand::Number(_), Operand::Number(_))) {
                    return None;
                }
                steps.push(Step {
                    op: arith_op(*op)?,
                    left,
                    right,
                });
                spans.push((*op, span));
                stack.push(Leaf::Result);
            }
        }
    }
    if let Err(err) = limits::check_interrupt() {
        return Some(Err(err.into()));
    }
    warnings::begin();
    let out = match fused::run(&arrays, &steps)? {
        Ok(out) => out,
        Err(err) => return Some(Err(err.into())),
    };
    crate::array::fpe::take();
    for (flags, (op, span)) in out.flags.iter().zip(&spans) {
        if let Err(err) = warnings::report(*flags, ufunc_name(*op)) {
            return Some(Err(err.at(span)));
        }
    }
    Some(Ok(Value::array(out.array)))
}
