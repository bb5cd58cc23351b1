//! `:explore [name or expression]`: picks the array (the last output `_`
//! when no argument is given), runs the full-screen explorer, and binds
//! the settings it was left with as `_explore`.

use super::Shell;
use crate::array::{Array, DType, Kind};
use crate::engine::GradientArgs;
use crate::eval::ErrorKind;
use crate::eval::{EvalError, Event, Session, Value};
use crate::notebook::meta::{Call, MetaResult};
use crate::tui::{self, ExploreOutcome};

impl Shell {
    /// `:explore rest`.
    pub(super) fn explore_call(&mut self, call: &Call) -> MetaResult {
        let rest = call.rest;
        let (array, name) = self
            .explore_target(rest)
            // The expression was evaluated as `(rest)`: point into the input.
            .map_err(|e| call.locate(e, 0, 1))?;
        if !self.tty {
            return Ok(vec![Event::Stdout(
                "The explorer needs an interactive terminal; compare(), explain() and \
                 plot() show the same views inline.\n"
                    .into(),
            )]);
        }
        let session = &mut self.session;
        let mut resolve = |t: &str| spacing_array(session, t);
        let mode = self.mode;
        // A bug in the explorer must not end the session: the panic hook
        // has already given the terminal back when this returns.
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            tui::explore(&array, &name, mode, &mut resolve)
        }));
        match run {
            Ok(Ok(outcome)) => {
                let value = outcome_value(&outcome);
                let shown = self.session.repr(&value);
                self.session.set("_explore", value);
                Ok(vec![Event::Stdout(format!(
                    "_explore = {shown}  (edge_order, axis, spacing, cursor as you left them)\n"
                ))])
            }
            Ok(Err(e)) => Err(EvalError::new(ErrorKind::OSError, e.to_string())),
            Err(_) => Err(EvalError::new(
                ErrorKind::SystemError,
                "internal error in the explorer (please report it); the session is intact",
            )),
        }
    }

    /// The array to explore and the name shown for it.
    fn explore_target(&mut self, rest: &str) -> Result<(Array, String), EvalError> {
        let (source, name) = match rest.trim() {
            "" => ("_", "_".to_string()),
            r => (r, r.to_string()),
        };
        // In parentheses, so only an expression is accepted: `:explore a = 1`
        // must not bind anything.
        let value = self.session.eval_source(&format!("({source})"))?;
        let Value::Array(a) = value else {
            let what = if source == "_" && matches!(&value, Value::Str(s) if s.is_empty()) {
                "there is no output yet".to_string()
            } else {
                format!("{name} is a {}, not an array", value.type_name())
            };
            return Err(EvalError::new(
                ErrorKind::TypeError,
                format!("{what}; :explore shows a 1-D or 2-D array (:explore NAME or EXPRESSION)"),
            ));
        };
        tui::explore::explorable(&a).map_err(|m| EvalError::new(ErrorKind::ValueError, m))?;
        match a.dtype() {
            // What `np.gradient` itself raises (a bool subtract TypeError).
            DType::Bool => {
                crate::engine::gradient(&a, &GradientArgs::default())?;
            }
            d if d.kind() == Kind::Complex => {
                return Err(EvalError::new(
                    ErrorKind::TypeError,
                    format!(
                        "the explorer draws real values and {name} is {}: \
                         explore np.abs({name}) or {name}.real",
                        d.name()
                    ),
                ));
            }
            _ => {}
        }
        Ok(((*a).clone(), name))
    }
}

/// The spacing typed in the explorer (a variable or an expression) as an
/// array: a number or a 1-D array of coordinates.
fn spacing_array(session: &mut Session, text: &str) -> Result<Array, String> {
    match session.eval_source(&format!("({text})")) {
        Ok(Value::Array(a)) => Ok((*a).clone()),
        Ok(Value::Int(i)) => Ok(Array::scalar_i64(i)),
        Ok(Value::Float(x)) => Ok(Array::scalar_f64(x)),
        Ok(Value::Scalar(s)) => Ok(s.to_array()),
        Ok(v) => Err(format!(
            "a {} is neither a number nor coordinates",
            v.type_name()
        )),
        Err(e) => Err(e.headline()),
    }
}

/// `(edge_order, axis, spacing, cursor)`: spacing is `1` by default, the
/// number or the coordinate array otherwise; cursor a tuple of indices.
fn outcome_value(o: &ExploreOutcome) -> Value {
    let spacing = match &o.spacing.value {
        None => Value::Int(1),
        Some(a) if a.ndim() == 0 => match a.dtype() {
            DType::Float64 => Value::Float(a.to_f64_vec()[0]),
            _ => Value::Int(a.to_f64_vec()[0] as i64),
        },
        Some(a) => Value::array(a.clone()),
    };
    let cursor = o.cursor.iter().map(|&i| Value::Int(i as i64)).collect();
    Value::tuple(vec![
        Value::Int(o.edge_order.value()),
        Value::Int(o.axis as i64),
        spacing,
        Value::tuple(cursor),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::EdgeOrder;

    #[test]
    fn outcome_is_a_tuple_python_can_unpack() {
        let o = ExploreOutcome {
            edge_order: EdgeOrder::SECOND,
            axis: 1,
            spacing: tui::explore::Spacing {
                text: "0.5".into(),
                value: Some(Array::scalar_f64(0.5)),
            },
            cursor: vec![1, 3],
        };
        let s = Session::new();
        assert_eq!(s.repr(&outcome_value(&o)), "(2, 1, 0.5, (1, 3))");
    }

    #[test]
    fn spacing_resolves_names_and_expressions_but_binds_nothing() {
        let mut s = Session::new();
        s.run_chunk("x = np.array([0, 1, 3])");
        let a = spacing_array(&mut s, "x").unwrap();
        assert_eq!(a.to_f64_vec(), vec![0.0, 1.0, 3.0]);
        assert_eq!(spacing_array(&mut s, "x[1] / 2").unwrap().ndim(), 0);
        let e = spacing_array(&mut s, "y").unwrap_err();
        assert!(e.starts_with("NameError"), "{e}");
        assert!(spacing_array(&mut s, "y = 2").is_err());
        assert!(s.get("y").is_none());
        assert!(spacing_array(&mut s, "'a'").unwrap_err().contains("str"));
    }
}
