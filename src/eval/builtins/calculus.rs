//! `np.gradient`, `np.diff` and the calls that explain them.

use std::borrow::Cow;

use crate::array::{Array, Axis, AxisSpec, fpe};
use crate::engine::{self, DiffArgs, DiffOrder, EdgeOrder, Gradient, GradientArgs, GradientStep};

use super::super::args::Bound;
use super::super::convert::{as_array, index_int, to_array};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::super::warnings;

/// The engine's arguments for `np.gradient(f, *varargs, axis, edge_order)`.
/// The first parameter may be named `f` (gradient) or `a` (compare).
pub fn gradient_args(b: &Bound) -> EvalResult<(Array, GradientArgs)> {
    let first = b.sig.params[0].name.as_str();
    let f = b.at(first, to_array(b.req(first)))?;
    let mut varargs = Vec::with_capacity(b.varargs.len());
    for v in &b.varargs {
        varargs.push(to_array(v).map_err(|e| e.at(&b.span))?);
    }
    let axis = match b.get("axis") {
        None | Some(Value::None) => AxisSpec::All,
        Some(v) if let Some(items) = v.seq_items() => AxisSpec::Many(
            items
                .iter()
                .map(|v| index_int(v).map(Axis))
                .collect::<EvalResult<_>>()
                .map_err(|e| e.at(&b.span_of("axis")))?,
        ),
        Some(v) => AxisSpec::One(Axis(b.at("axis", index_int(v))?)),
    };
    let edge_order = match b.get("edge_order") {
        None => EdgeOrder::FIRST,
        Some(v) => EdgeOrder::new(b.at("edge_order", index_int(v))?),
    };
    Ok((
        f,
        GradientArgs {
            varargs,
            axis,
            edge_order,
        },
    ))
}

pub fn gradient(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (f, args) = gradient_args(b)?;
    warnings::begin();
    let result = engine::gradient(&f, &args)?;
    // Python numbers as steps: NumPy's arithmetic on them is Python's.
    let python: Vec<bool> = b
        .varargs
        .iter()
        .map(|v| matches!(v, Value::Float(_) | Value::Int(_) | Value::Bool(_)))
        .collect();
    let python_zero = b.varargs.iter().any(|v| match v {
        Value::Float(x) => *x == 0.0,
        Value::Int(i) => *i == 0,
        Value::Bool(t) => !t,
        _ => false,
    });
    if !fpe::take().is_empty() || (args.edge_order.is_second() && python_zero) {
        // Which of NumPy's operations warned, and on which of its lines.
        for step in engine::gradient_steps(&f, &args, &python)? {
            match step {
                GradientStep::Flags { site, op, flags } => warnings::report_at(flags, op, site)?,
                GradientStep::ZeroDivision => {
                    return Err(EvalError::new(
                        ErrorKind::ZeroDivisionError,
                        "float division by zero",
                    ));
                }
            }
        }
    }
    Ok(match result {
        Gradient::One(a) => Value::array(a),
        Gradient::Many(items) => Value::tuple(items.into_iter().map(Value::array).collect()),
    })
}

/// The engine's arguments for `np.diff`, validated in NumPy's order
/// (`n == 0` returns the input before anything else is checked).
pub fn diff_args(b: &Bound) -> EvalResult<(Cow<'_, Array>, Option<DiffArgs>)> {
    let a = b.at("a", as_array(b.req("a")))?;
    let mut args = DiffArgs::default();
    let differenced = diff_options(b, &a, &mut args)?;
    Ok((a, differenced.then_some(args)))
}

/// [`diff_args`] after `a`, written into `args` (whose defaults are
/// NumPy's): `false` for `n == 0`, whose result is the input. Filled in
/// place because moving a `DiffArgs` (two optional arrays inside) through
/// returns cost two 192-byte copies a call.
fn diff_options(b: &Bound, a: &Array, args: &mut DiffArgs) -> EvalResult<bool> {
    let n = match b.get("n") {
        None => 1,
        Some(v) => b.at("n", index_int(v))?,
    };
    if n == 0 {
        return Ok(false);
    }
    if n < 0 {
        return Err(
            EvalError::value_error(format!("order must be non-negative but got {n}"))
                .at(&b.span_of("n")),
        );
    }
    if a.ndim() == 0 {
        return Err(EvalError::value_error(
            "diff requires input that is at least one dimensional",
        ));
    }
    args.n = DiffOrder::new(n);
    if let Some(v) = b.get("axis") {
        args.axis = Axis(b.at("axis", index_int(v))?);
    }
    let edge = |name: &str| -> EvalResult<Option<Array>> {
        match b.get(name) {
            None => Ok(None),
            Some(v) => b.at(name, to_array(v)).map(Some),
        }
    };
    args.prepend = edge("prepend")?;
    args.append = edge("append")?;
    Ok(true)
}

pub fn diff(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let a = b.at("a", as_array(b.req("a")))?;
    let mut args = DiffArgs::default();
    if !diff_options(b, &a, &mut args)? {
        return Ok(Value::array(a.into_owned()));
    }
    // NumPy's diff is `a[1:] - a[:-1]`: its warnings are subtract's, on
    // diff's line of NumPy's source (once per cell, however often or
    // wherever it runs).
    warnings::begin();
    let out = engine::diff(&a, &args)?;
    warnings::report_at(fpe::take(), "subtract", "diff")?;
    Ok(Value::array(out))
}

/// `explain` called with a value rather than a call expression.
pub fn explain_direct(_: &mut Session, _: &Bound, _: bool) -> EvalResult<Value> {
    Err(EvalError::type_error(
        "explain() takes a call to np.gradient or np.diff, e.g. explain(np.gradient(a))",
    ))
}
