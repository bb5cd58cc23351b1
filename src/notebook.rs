//! The notebook: session scripts run into cells, and the renderers of
//! cells — the transcript, JSON lines, and the `--check` comparison. All
//! front ends (REPL, `run`, `--json`, `--check`, exports) read the same
//! cells.

pub mod check;
pub mod json;
pub mod meta;
pub mod transcript;

use std::collections::HashMap;
use std::path::Path;

use crate::eval::{ErrorKind, EvalError, Event, Session, Shared, StmtOutcome, Value};
use crate::script::{Item, Script};

/// One executed cell of a script.
#[derive(Clone, Debug)]
pub struct Cell {
    /// The `In [n]` number (0 for prose).
    pub number: usize,
    /// 1-based first source line.
    pub line: usize,
    pub kind: CellKind,
}

#[derive(Clone, Debug)]
pub enum CellKind {
    Prose(String),
    /// Code or a meta command, with one outcome per statement.
    Code {
        /// Shared with the script item and `In[n]`.
        text: crate::text::Text,
        outcomes: Vec<StmtOutcome>,
    },
}

impl Cell {
    /// Every event of the cell, in order.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        let outcomes: &[StmtOutcome] = match &self.kind {
            CellKind::Code { outcomes, .. } => outcomes,
            CellKind::Prose(_) => &[],
        };
        outcomes.iter().flat_map(|o| o.events.iter())
    }

    pub fn has_error(&self) -> bool {
        self.events().any(|e| matches!(e, Event::Error(_)))
    }
}

/// Runs one script item in `session`.
pub fn run_item(session: &mut Session, item: &Item) -> Cell {
    match item {
        Item::Prose { line, text } => Cell {
            number: 0,
            line: *line,
            kind: CellKind::Prose(text.clone()),
        },
        Item::Code { line, text, .. } => {
            let number = session.count;
            session.record_input_shared(number, text.clone());
            let mut outcomes = session.run_chunk_shared(text);
            if crate::syntax::ends_with_semicolon(text)
                && let Some(last) = outcomes.last_mut()
            {
                // `plt.show();` still draws: a figure is not an Out value.
                last.events.retain(|e| match e {
                    Event::Value(Value::View(v)) => matches!(**v, crate::views::View::Figure(_)),
                    _ => !matches!(e, Event::Value(_)),
                });
            }
            for e in outcomes.iter_mut().flat_map(|o| o.events.iter_mut()) {
                if let Event::Value(v) = e {
                    let mut big = false;
                    *v = as_shown_in(v, &mut HashMap::new(), &mut big);
                    // Too big to copy: its text is rendered now instead.
                    if let Value::Array(a) = v
                        && a.len() > SNAPSHOT_MAX
                    {
                        let own = std::rc::Rc::new((**a).clone());
                        session.pin_display(&own);
                        *v = Value::Array(own);
                    } else if big {
                        // A container (the notebook's own copy) holding one.
                        session.pin_display_of(v);
                    }
                }
            }
            Cell {
                number,
                line: *line,
                kind: CellKind::Code {
                    text: text.clone(),
                    outcomes,
                },
            }
        }
        Item::Meta { line, text, .. } => {
            let number = session.count;
            session.record_input(number, text);
            session.count += 1;
            let events = guarded(session, |s| meta::run(s, text));
            Cell {
                number,
                line: *line,
                kind: CellKind::Code {
                    text: text.as_str().into(),
                    outcomes: vec![StmtOutcome {
                        input: text.as_str().into(),
                        offset: 0,
                        events,
                    }],
                },
            }
        }
    }
}

/// Arrays up to this many elements are copied when shown, so that a cell
/// rendered later (`--check`, `--bless`, exports) shows them as they were;
/// a bigger one keeps its buffer (`--json` streams it as the cell ends)
/// and its display text is rendered when shown ([`Session::pin_display`]).
const SNAPSHOT_MAX: usize = 1 << 20;

/// A shown value as it is now: its arrays (up to [`SNAPSHOT_MAX`] elements
/// each), tuples, lists and dicts copied, as IPython renders an output
/// before the next cell can change it in place (`a` shown, then `a[0] = 9`
/// or `xs.append(1)`, shows the old value). `copies` holds the copies made
/// so far: a container that holds itself is copied once, and its copy holds
/// the copy. `big` is set when an array too big to copy was met (its
/// container's text must then be pinned).
fn as_shown_in(v: &Value, copies: &mut HashMap<usize, Value>, big: &mut bool) -> Value {
    match v {
        Value::Array(a) if a.len() <= SNAPSHOT_MAX => {
            a.copy().map_or_else(|_| v.clone(), Value::array)
        }
        Value::Array(_) => {
            *big = true;
            v.clone()
        }
        Value::Tuple(items) => {
            Value::tuple(items.iter().map(|x| as_shown_in(x, copies, big)).collect())
        }
        Value::List(items) => copy_once(items, Value::List, copies, |items, copies| {
            items.iter().map(|x| as_shown_in(x, copies, big)).collect()
        }),
        Value::Dict(d) => copy_once(d, Value::Dict, copies, |pairs, copies| {
            pairs
                .into_iter()
                .map(|(k, x)| (k, as_shown_in(&x, copies, big)))
                .collect()
        }),
        other => other.clone(),
    }
}

/// A copy of the container `src`, made once per walk (`copies` maps an
/// original's address to its copy, so a list that holds itself gives a copy
/// that holds the copy); `fill` copies the contents.
fn copy_once<T: Clone + Default>(
    src: &Shared<T>,
    wrap: fn(Shared<T>) -> Value,
    copies: &mut HashMap<usize, Value>,
    fill: impl FnOnce(T, &mut HashMap<usize, Value>) -> T,
) -> Value {
    if let Some(copy) = copies.get(&src.addr()) {
        return copy.clone();
    }
    let copy = Shared::<T>::default();
    copies.insert(src.addr(), wrap(copy.clone()));
    let shown = fill(src.snapshot(), copies);
    copy.update(|c| *c = shown);
    wrap(copy)
}

/// Runs `f`, turning a panic (a bug in gradlab) into a `SystemError`
/// event, so one bad command never ends a session; the statements of a
/// code cell have the same guard in the evaluator.
pub fn guarded(session: &mut Session, f: impl FnOnce(&mut Session) -> Vec<Event>) -> Vec<Event> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(session)))
        .unwrap_or_else(|p| vec![Event::Error(panic_error(p.as_ref()))])
}

/// The `SystemError` a caught panic becomes (its message, as the quiet
/// panic hook of [`crate::cli`] leaves stderr clean).
pub fn panic_error(payload: &(dyn std::any::Any + Send)) -> EvalError {
    let what = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    EvalError::new(
        ErrorKind::SystemError,
        format!("internal error in gradlab (please report it): {what}"),
    )
}

/// Runs `f` with the current folder set to the folder of the script at
/// `path`, so the script's relative file names start there (as a
/// notebook's do); the previous folder is restored afterwards.
///
/// # Errors
/// When the folder cannot be entered.
pub fn in_folder_of<T>(path: &Path, f: impl FnOnce() -> T) -> std::io::Result<T> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => return Ok(f()),
    };
    /// Goes back even when `f` unwinds.
    struct Back(std::path::PathBuf);
    impl Drop for Back {
        fn drop(&mut self) {
            let _ = std::env::set_current_dir(&self.0);
        }
    }
    let _back = Back(std::env::current_dir()?);
    std::env::set_current_dir(folder)?;
    Ok(f())
}

/// Runs a whole script, calling `on_cell` as each cell completes (so output
/// streams while long scripts run).
pub fn run_script(
    session: &mut Session,
    script: &Script,
    mut on_cell: impl FnMut(&Session, &Cell),
) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(script.items.len());
    for item in &script.items {
        let cell = run_item(session, item);
        on_cell(session, &cell);
        cells.push(cell);
    }
    cells
}

/// The text a cell's `#>` lines record: printed text, the `Out` repr, or
/// `ErrorType: message`, and warnings as `#! RuntimeWarning: message`
/// lines, in order; `None` when the cell shows nothing.
/// Timings (`:timeit`) differ from run to run, so they are never recorded.
pub fn output_text(session: &Session, cell: &Cell) -> Option<String> {
    let mut out = String::new();
    for e in cell.events() {
        match e {
            Event::Stdout(t) => out.push_str(t),
            Event::Value(Value::View(view)) => {
                out.push_str(&crate::tui::view_text(view, 80));
                out.push('\n');
            }
            Event::Value(v) => {
                out.push_str(&session.display_repr(v));
                out.push('\n');
            }
            Event::Error(err) => {
                out.push_str(&err.headline());
                out.push('\n');
            }
            Event::Timing(_) => {}
            // Recorded as a `#! ` line (see `script::WARNING_PREFIX`).
            Event::Warning { kind, message } => {
                out.push_str(crate::script::WARNING_PREFIX);
                out.push_str(&crate::eval::warnings::warning_line(*kind, message));
                out.push('\n');
            }
        }
    }
    if out.is_empty() {
        return None;
    }
    if out.ends_with('\n') {
        out.pop();
    }
    Some(out)
}
