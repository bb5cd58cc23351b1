//! The Python export: a script for real NumPy that reruns the session and
//! asserts every output gradlab showed — values with
//! `np.testing.assert_allclose` (dtype and shape exactly, floats to rtol
//! 1e-12), printed text exactly, errors by exception type.

use crate::array::{Array, DType};
use crate::eval::{Event, Scalar, Session, Value, Walk};
use crate::format;
use crate::notebook::{Cell, CellKind};

use super::translate::{PyStmt, Translator};

/// Relative tolerance for values NumPy computes with the same formulas.
const RTOL: f64 = 1e-12;
/// Relative tolerance for numdifftools results (adaptive steps agree to
/// about 1e-10, not to the last bit).
const RTOL_ND: f64 = 1e-8;

/// gradlab's `derivative(f, x, ...)` in numdifftools terms: `nd.Derivative`
/// with NumPy scalars (not 0-d arrays) for a scalar `x`.
pub(super) const DERIVATIVE_HELPER: &str = r#"

def _derivative(f, x, n=1, method='central', order=2, step=None, full_output=False):
    """gradlab's derivative(f, x, ...): nd.Derivative, scalars for scalar x."""
    r = nd.Derivative(f, n=n, method=method, order=order, step=step,
                      full_output=full_output)(x)
    if np.ndim(x) > 0:
        return r
    if full_output:
        return type(r)(r.estimate[()], r.error_estimate[()], r.final_step[()],
                       int(r.best_index[0]))
    return r[()]
"#;

/// The cells as a Python script for real NumPy, asserting each shown output.
pub fn to_python(session: &Session, cells: &[Cell]) -> String {
    to_python_in(session, cells, None)
}

/// [`to_python`], first changing to `chdir` (relative to the script's own
/// folder), where the session's relative file names start.
pub fn to_python_in(session: &Session, cells: &[Cell], chdir: Option<&str>) -> String {
    let mut t = Translator::new();
    // Translate first: whether history names are used anywhere decides
    // what every shown value records.
    let translated: Vec<_> = cells.iter().map(|c| (c, t.cell(c))).collect();
    let mut body = String::new();
    let mut asserts = 0;
    let mut stdout_checks = false;
    let mut after_prose = false;
    for (cell, stmts) in &translated {
        let prose = matches!(cell.kind, CellKind::Prose(_));
        if prose && !after_prose {
            body.push('\n');
        }
        after_prose = prose;
        match &cell.kind {
            CellKind::Prose(text) if text.is_empty() => body.push_str("#\n"),
            CellKind::Prose(text) => body.push_str(&format!("# {text}\n")),
            CellKind::Code { .. } => {
                body.push('\n');
                for stmt in stmts {
                    let block = statement(session, cell.number, stmt, t.uses.history, &mut asserts);
                    stdout_checks |= block.contains("_expect_stdout(");
                    body.push_str(&block);
                }
            }
        }
    }
    let mut out = String::from(
        "\"\"\"A gradlab session exported for NumPy: it reruns every statement and\n\
         asserts each output gradlab showed (values to rtol 1e-12, printed text\n\
         exactly, errors by type).\"\"\"\n\n",
    );
    if stdout_checks {
        out.push_str("import contextlib\nimport io\nimport re\nimport sys\n\n");
    }
    if let Some(dir) = chdir {
        out.push_str(&format!(
            "import os\n\n# The session's file names are relative to its folder: start there.\nos.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), {}))\n\n",
            format::py_repr_str(dir)
        ));
    }
    out.push_str("import numpy as np\n");
    if t.uses.numpy {
        out.push_str("import numpy\n");
    }
    if t.uses.math {
        out.push_str("import math\n");
    }
    if t.uses.numdiff {
        out.push_str("import numdifftools as nd\n");
    }
    if stdout_checks {
        out.push_str(STDOUT_HELPER);
    }
    if t.uses.derivative {
        out.push_str(DERIVATIVE_HELPER);
    }
    if t.uses.history {
        out.push_str("\n\n# IPython's output history, which the session refers to.\nOut = {}\n_ = __ = ___ = ''\n");
    }
    out.push_str(&body);
    out.push_str(&format!(
        "\nprint(\"gradlab export: all {asserts} shown outputs match NumPy\")\n"
    ));
    out
}

const STDOUT_HELPER: &str = r##"

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf")


def _same_text(got, want, rtol):
    """Equal text; with `rtol`, numbers may differ by that much (and so
    may the spaces that pad them)."""
    if got == want or rtol is None:
        return got == want
    if _NUMBER.sub("#", got).split() != _NUMBER.sub("#", want).split():
        return False
    g = [float(x) for x in _NUMBER.findall(got)]
    w = [float(x) for x in _NUMBER.findall(want)]
    return np.allclose(g, w, rtol=rtol, atol=0, equal_nan=True)


@contextlib.contextmanager
def _expect_stdout(want, rtol=None):
    """Runs the block, echoes what it printed, and asserts it equals `want`
    (numbers to `rtol` for numdifftools results)."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        yield
    sys.stdout.write(buf.getvalue())
    assert _same_text(buf.getvalue(), want, rtol), f"printed {buf.getvalue()!r}, expected {want!r}"
"##;

/// One statement with its checks.
fn statement(
    session: &Session,
    number: usize,
    stmt: &PyStmt,
    history: bool,
    asserts: &mut usize,
) -> String {
    let o = stmt.outcome;
    let Some(code) = &stmt.code else {
        let why = match stmt.why {
            "meta" => "gradlab meta command",
            "syntax" => "not valid Python",
            _ => "gradlab-only view",
        };
        let mut out = format!("# {why}:\n");
        for l in o.input.lines() {
            out.push_str(&format!("#     {l}\n"));
        }
        return out;
    };
    let mut stdout = String::new();
    let mut value = None;
    let mut error = None;
    for e in &o.events {
        match e {
            Event::Stdout(t) => stdout.push_str(t),
            Event::Value(v) => value = Some(v),
            Event::Error(err) => error = Some(err),
            // NumPy shows its warnings itself when the script runs.
            Event::Timing(_) | Event::Warning { .. } => {}
        }
    }
    let checked_value = value.filter(|v| checkable(v) && stmt.is_expr);
    let mut block = if checked_value.is_some() {
        format!("_out = {code}\n")
    } else {
        format!("{code}\n")
    };
    if let Some(err) = error {
        *asserts += 1;
        return format!(
            "try:\n{}except Exception as _e:\n    assert type(_e).__name__ == {kind}, repr(_e)\nelse:\n    raise AssertionError({expected})\n",
            indent(&block),
            kind = format::py_repr_str(err.kind.name()),
            expected = format::py_repr_str(&format!("expected {}", err.headline())),
        );
    }
    if !stdout.is_empty() {
        *asserts += 1;
        let rtol = if stmt.approximate {
            format!(", rtol={RTOL_ND:e}")
        } else {
            String::new()
        };
        block = format!(
            "with _expect_stdout({}{rtol}):\n{}",
            format::py_repr_str(&stdout),
            indent(&block)
        );
    }
    if let Some(v) = checked_value {
        *asserts += 1;
        let rtol = if stmt.approximate { RTOL_ND } else { RTOL };
        value_checks(session, v, "_out", rtol, &mut block);
        if history {
            block.push_str(&format!(
                "Out[{number}] = _{number} = _out\n___, __, _ = __, _, _out\n"
            ));
        }
    }
    block
}

fn indent(code: &str) -> String {
    code.lines().map(|l| format!("    {l}\n")).collect()
}

/// Whether a value can be compared with NumPy's (functions, modules and
/// views cannot).
fn checkable(v: &Value) -> bool {
    match v {
        Value::Tuple(items) => items.iter().all(checkable),
        // A list that holds itself is shown, not checked.
        Value::List(items) => {
            let walk = Walk::enter(items.addr());
            !walk.is_recursive() && items.borrow().iter().all(checkable)
        }
        Value::Named(t) => t.items.iter().all(checkable),
        Value::Array(_)
        | Value::Scalar(_)
        | Value::Float(_)
        | Value::Complex(_)
        | Value::Int(_)
        | Value::BigInt(_)
        | Value::Bool(_)
        | Value::Str(_)
        | Value::DTypeObj(_) => true,
        // pandas values: by their printed text (pandas' repr is exact).
        Value::DataFrame(_) | Value::Series(_) | Value::PdIndex(_) => true,
        _ => false,
    }
}

/// Appends the assertions that `path` holds `v`.
fn value_checks(session: &Session, v: &Value, path: &str, rtol: f64, out: &mut String) {
    let close = |x: f64, out: &mut String| {
        out.push_str(&format!(
            "np.testing.assert_allclose({path}, {}, rtol={rtol:e}, equal_nan=True)\n",
            py_float(x)
        ));
    };
    match v {
        Value::DataFrame(_) | Value::Series(_) | Value::PdIndex(_) => out.push_str(&format!(
            "assert repr({path}) == {}, repr({path})\n",
            format::py_repr_str(&session.repr(v))
        )),
        Value::Array(a) => array_checks(a, path, rtol, out),
        Value::Scalar(Scalar::Float64(x)) => {
            out.push_str(&format!(
                "assert isinstance({path}, np.float64), repr({path})\n"
            ));
            close(*x, out);
        }
        Value::Scalar(Scalar::Int64(i)) => out.push_str(&format!(
            "assert isinstance({path}, np.int64) and {path} == {i}, repr({path})\n"
        )),
        Value::Scalar(Scalar::Bool(b)) => out.push_str(&format!(
            "assert isinstance({path}, np.bool_) and bool({path}) is {}, repr({path})\n",
            py_bool(*b)
        )),
        // The other dtypes: type and value exactly.
        Value::Scalar(s) => out.push_str(&format!(
            "assert isinstance({path}, np.{name}) and {path} == np.{name}({value}), repr({path})\n",
            name = s.dtype().name(),
            value = element_literal(*s)
        )),
        Value::Float(x) => {
            // np.float64 subclasses float: gradlab's `max(list)` follows
            // Python where the export's `np.max` gives a NumPy scalar.
            out.push_str(&format!("assert isinstance({path}, float), repr({path})\n"));
            close(*x, out);
        }
        Value::Int(i) => out.push_str(&format!(
            "assert isinstance({path}, (int, np.integer)) and {path} == {i}, repr({path})\n"
        )),
        Value::BigInt(n) => out.push_str(&format!(
            "assert isinstance({path}, int) and {path} == {n}, repr({path})\n"
        )),
        // By repr, which is exact for complex and keeps NaNs comparable.
        Value::Complex(z) => out.push_str(&format!(
            "assert isinstance({path}, complex) and repr(complex({path})) == {}, repr({path})\n",
            format::py_repr_str(&format::scalar_str(crate::array::Scalar::Complex128(*z)))
        )),
        Value::Bool(b) => out.push_str(&format!(
            "assert isinstance({path}, (bool, np.bool_)) and bool({path}) is {}, repr({path})\n",
            py_bool(*b)
        )),
        Value::Str(s) => out.push_str(&format!(
            "assert {path} == {}, repr({path})\n",
            format::py_repr_str(s)
        )),
        Value::DTypeObj(d) => out.push_str(&format!(
            "assert {path} == np.dtype('{}'), repr({path})\n",
            d.name()
        )),
        Value::Tuple(_) | Value::List(_) if let Some(items) = v.seq_items() => {
            let ty = if matches!(v, Value::Tuple(_)) {
                "tuple"
            } else {
                "list"
            };
            out.push_str(&format!(
                "assert isinstance({path}, {ty}) and len({path}) == {}, repr({path})\n",
                items.len()
            ));
            for (k, item) in items.iter().enumerate() {
                value_checks(session, item, &format!("{path}[{k}]"), rtol, out);
            }
        }
        // numdifftools' EstimateResult: the estimate must agree; the error
        // bookkeeping (error_estimate, final_step, best_index) depends on
        // pinv rounding, so only its shape is checked.
        Value::Named(t) => {
            out.push_str(&format!(
                "assert type({path}).__name__ == '{}' and len({path}) == {}, repr({path})\n",
                t.name,
                t.items.len()
            ));
            for (k, (field, item)) in t.fields.iter().zip(&t.items).enumerate() {
                let sub = format!("{path}[{k}]");
                match item {
                    Value::Array(a) if k > 0 => out.push_str(&format!(
                        "assert np.shape({sub}) == {}, repr({sub})  # {field}\n",
                        shape_tuple(a.shape())
                    )),
                    _ => value_checks(session, item, &sub, rtol, out),
                }
            }
        }
        other => out.push_str(&format!("# Out: {}\n", session.repr(other))),
    }
}

/// dtype and shape exactly, then the data: floats with `assert_allclose`
/// (absolute tolerance 1e-12 times the largest magnitude, for elements that
/// cancel to zero), ints and bools exactly.
fn array_checks(a: &Array, path: &str, rtol: f64, out: &mut String) {
    let shape = shape_tuple(a.shape());
    let dtype = a.dtype().name();
    out.push_str(&format!(
        "assert isinstance({path}, np.ndarray) and {path}.dtype == np.{dtype} and {path}.shape == {shape}, repr({path})\n"
    ));
    let data: Vec<String> = match a.dtype() {
        DType::Int64 => a.read::<i64>().iter().map(|v| v.to_string()).collect(),
        DType::Bool => a
            .read::<bool>()
            .iter()
            .map(|b| py_bool(b).to_string())
            .collect(),
        DType::Float64 => a.to_f64_vec().into_iter().map(py_float).collect(),
        d => crate::array::dispatch!(d, T => a
            .read::<T>()
            .iter()
            .map(|x| element_literal(crate::array::Element::to_scalar(x)))
            .collect()),
    };
    let mut want = format!("np.array([{}], dtype=np.{dtype})", data.join(", "));
    if a.ndim() != 1 {
        want.push_str(&format!(".reshape({shape})"));
    }
    match a.dtype() {
        DType::Float64 => {
            let scale = a
                .to_f64_vec()
                .iter()
                .filter(|v| v.is_finite())
                .fold(0.0f64, |m, v| m.max(v.abs()));
            out.push_str(&format!(
                "np.testing.assert_allclose({path}, {want}, rtol={rtol:e}, atol={:.1e}, equal_nan=True)\n",
                1e-12 * scale
            ));
        }
        _ => out.push_str(&format!("np.testing.assert_array_equal({path}, {want})\n")),
    }
}

/// One element as a Python expression NumPy converts back to exactly it:
/// integers in full, floats (float32 widened exactly), complex as
/// `complex(re, im)`.
fn element_literal(s: Scalar) -> String {
    match s {
        Scalar::Bool(b) => py_bool(b).to_string(),
        Scalar::UInt64(u) => u.to_string(),
        Scalar::Complex128(z) => format!("complex({}, {})", py_float(z.re), py_float(z.im)),
        s if s.dtype().is_integer() => s.get::<i64>().to_string(),
        s => py_float(s.as_f64()),
    }
}

/// A float as a Python expression that evaluates to exactly `x`.
fn py_float(x: f64) -> String {
    if x.is_nan() {
        "np.nan".into()
    } else if x.is_infinite() {
        if x > 0.0 { "np.inf" } else { "-np.inf" }.into()
    } else {
        format::py_float(x)
    }
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// A shape as Python writes the tuple: `()`, `(3,)`, `(2, 3)`.
fn shape_tuple(dims: &[usize]) -> String {
    match dims {
        [n] => format!("({n},)"),
        dims => format!(
            "({})",
            dims.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
