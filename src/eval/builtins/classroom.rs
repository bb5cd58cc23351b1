//! gradlab's classroom views as builtins: `compare`, `explain`, `accuracy`,
//! `plot`, `heatmap`, `edges`. Each returns a view value the front ends draw.

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::{DiffArgs, DiffOrder};
use crate::views::{self, AccuracyError, AccuracySpec, Plot, View};

use super::super::args::{Bound, CallArgs};
use super::super::convert::{index_int, real, to_array};
use super::super::error::{EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::Value;
use super::calculus::{diff_args, gradient_args};

fn view(v: impl Into<View>) -> Value {
    Value::View(Rc::new(v.into()))
}

pub fn compare(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (a, args) = gradient_args(b)?;
    Ok(view(views::compare(
        &a,
        &args.varargs,
        &args.axis,
        args.edge_order,
    )?))
}

/// `explain(np.gradient(...))` / `explain(np.diff(...))`, given the bound
/// arguments of the inner call.
pub fn explain(_: &mut Session, func: &str, b: &Bound) -> EvalResult<Value> {
    if func == "gradient" {
        let (f, args) = gradient_args(b)?;
        return Ok(view(views::explain_gradient(&f, &args)?));
    }
    let (a, args) = diff_args(b)?;
    let args = args.unwrap_or(DiffArgs {
        n: DiffOrder::new(0),
        ..DiffArgs::default()
    });
    Ok(view(views::explain_diff(&a, &args)?))
}

/// Calls a user function (or builtin) on one float; the result must be a
/// real number.
pub fn call_scalar(s: &mut Session, f: &Value, x: f64) -> EvalResult<f64> {
    let call = CallArgs {
        pos: smallvec::smallvec![Value::Float(x)],
        ..CallArgs::default()
    };
    let v = s.call(f, call, false)?;
    real(&v)
}

/// Calls a user function on a vector; returns its values as floats and
/// whether it returned an array of at least one dimension (rather than a
/// number).
pub fn call_vector(s: &mut Session, f: &Value, x: &[f64]) -> EvalResult<(Vec<f64>, bool)> {
    let call = CallArgs {
        pos: smallvec::smallvec![Value::array(crate::array::Array::from_f64(x.to_vec()))],
        ..CallArgs::default()
    };
    let v = s.call(f, call, false)?;
    let a = to_array(&v)?;
    Ok((a.to_f64_vec(), a.ndim() > 0))
}

pub fn accuracy(s: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let f = b.req("f").clone();
    let (lo, hi) = (b.at("a", real(b.req("a")))?, b.at("b", real(b.req("b")))?);
    let ns: Vec<i64> = match b.value("n").unwrap_or(Value::None) {
        ref v if let Some(items) = v.seq_items() => {
            items.iter().map(index_int).collect::<EvalResult<_>>()?
        }
        other => vec![b.at("n", index_int(&other))?],
    };
    let ns = ns.into_iter().map(|k| k.max(0) as usize).collect();
    let spec = AccuracySpec::new(lo, hi, ns);
    let exact = b.opt("exact").cloned();
    let session = RefCell::new(s);
    let call = |fv: &Value, x: f64| -> Result<f64, String> {
        call_scalar(&mut session.borrow_mut(), fv, x).map_err(|e| e.headline())
    };
    let mut fun = |x: f64| call(&f, x);
    let mut given = |x: f64| call(exact.as_ref().expect("exact given"), x);
    let exact_fn: Option<&mut views::Fun> =
        exact.is_some().then_some(&mut given as &mut views::Fun);
    let model = views::accuracy(&mut fun, exact_fn, &spec).map_err(|e| match e {
        AccuracyError::Engine(err) => err.into(),
        AccuracyError::Function(msg) | AccuracyError::Value(msg) => EvalError::value_error(msg),
    })?;
    Ok(view(model))
}

pub fn plot(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let labels: Vec<String> = match b.opt("labels") {
        None => Vec::new(),
        Some(v) if let Some(items) = v.seq_items() => items
            .iter()
            .map(|v| match v {
                Value::Str(s) => s.to_string(),
                other => other.to_string(),
            })
            .collect(),
        Some(Value::Str(s)) => vec![s.to_string()],
        Some(other) => {
            return Err(EvalError::type_error(format!(
                "labels must be a list of strings, not {}",
                other.short_type()
            )));
        }
    };
    if let [Value::View(v)] = b.varargs.as_slice() {
        let View::Compare(c) = &**v else {
            return Err(EvalError::type_error(format!(
                "plot() can draw a compare(...) view, not {}",
                v.name()
            )));
        };
        return Plot::from_compare(c)
            .map(view)
            .map_err(EvalError::value_error);
    }
    let mut series: Vec<Vec<f64>> = Vec::new();
    for v in &b.varargs {
        let a = to_array(v)?;
        if a.ndim() > 1 {
            return Err(EvalError::value_error(format!(
                "plot() draws 1-D series; got a {}-D array (plot its rows, e.g. plot(m[0]))",
                a.ndim()
            )));
        }
        series.push(a.to_f64_vec());
    }
    let (x, ys) = match series.len() {
        0 => {
            return Err(EvalError::type_error(
                "plot() needs at least one series: plot(y) or plot(x, y, ...)",
            ));
        }
        1 => (None, series),
        _ => {
            let x = series.remove(0);
            (Some(x), series)
        }
    };
    Plot::new(x, ys, &labels)
        .map(view)
        .map_err(EvalError::value_error)
}

pub fn heatmap(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let m = b.at("m", to_array(b.req("m")))?;
    Ok(view(views::heatmap(&m)?))
}

pub fn edges(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let m = b.at("m", to_array(b.req("m")))?;
    Ok(view(views::edges(&m)?))
}
