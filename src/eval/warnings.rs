//! NumPy's floating-point error state (`np.seterr`, `np.errstate`) and the
//! warnings a statement emits (RuntimeWarning and the others NumPy shows in
//! these paths).
//!
//! Kernels deep in the evaluator have no session at hand, so, like
//! NumPy's own per-thread error state, the state and the warnings not yet
//! handed to the session live in this thread: [`check`] turns the flags a
//! ufunc raised into warnings (or a `FloatingPointError`), [`warn`] emits
//! any other warning, and the session drains them into its events in the
//! order they happened ([`take_pending`]).

mod cast;
mod filters;

use std::cell::{Cell, RefCell};

use crate::array::fpe::{self, Flags};

use super::error::{ErrorKind, EvalError, EvalResult};

pub use cast::{cast_checked, cast_flags, check_built_f32, check_f64_cast};
pub use filters::{Action, Filter};
pub(crate) use filters::{
    add as add_filter, first_time, reset as reset_filters, restore as restore_filters,
    snapshot as filters_snapshot,
};

/// A warning's class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WarningKind {
    RuntimeWarning,
    UserWarning,
    DeprecationWarning,
    FutureWarning,
    /// NumPy's `RankWarning` (`np.polyfit` of an ill-conditioned fit).
    RankWarning,
    /// Not a Python warning: the `Warning: message` line NumPy's
    /// `'print'` error mode writes to stderr, every time.
    Printed,
}

impl WarningKind {
    /// Python's class name.
    pub fn name(self) -> &'static str {
        match self {
            WarningKind::RuntimeWarning => "RuntimeWarning",
            WarningKind::UserWarning => "UserWarning",
            WarningKind::DeprecationWarning => "DeprecationWarning",
            WarningKind::FutureWarning => "FutureWarning",
            WarningKind::RankWarning => "RankWarning",
            WarningKind::Printed => "Warning",
        }
    }

    /// The class named `name`.
    pub fn from_name(name: &str) -> Option<WarningKind> {
        Some(match name {
            "RuntimeWarning" => WarningKind::RuntimeWarning,
            "UserWarning" => WarningKind::UserWarning,
            "DeprecationWarning" => WarningKind::DeprecationWarning,
            "FutureWarning" => WarningKind::FutureWarning,
            "RankWarning" => WarningKind::RankWarning,
            "Warning" => WarningKind::Printed,
            _ => return None,
        })
    }
}

/// What NumPy does with one kind of floating-point error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Ignore,
    Warn,
    Raise,
    Print,
    Log,
    Call,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Ignore => "ignore",
            Mode::Warn => "warn",
            Mode::Raise => "raise",
            Mode::Print => "print",
            Mode::Log => "log",
            Mode::Call => "call",
        }
    }

    /// NumPy's modes by name (`ValueError: invalid error mode 'x'`).
    pub fn parse(name: &str) -> EvalResult<Mode> {
        Ok(match name {
            "ignore" => Mode::Ignore,
            "warn" => Mode::Warn,
            "raise" => Mode::Raise,
            "print" => Mode::Print,
            "log" => Mode::Log,
            "call" => Mode::Call,
            other => {
                return Err(EvalError::value_error(format!(
                    "invalid error mode '{other}'"
                )));
            }
        })
    }
}

/// The four modes of `np.geterr()`, in its key order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrState {
    pub divide: Mode,
    pub over: Mode,
    pub under: Mode,
    pub invalid: Mode,
}

impl Default for ErrState {
    /// NumPy's default: warn, except for underflow.
    fn default() -> Self {
        ErrState {
            divide: Mode::Warn,
            over: Mode::Warn,
            under: Mode::Ignore,
            invalid: Mode::Warn,
        }
    }
}

impl ErrState {
    /// `(key, mode)` in `np.geterr()`'s order.
    pub fn entries(&self) -> [(&'static str, Mode); 4] {
        [
            ("divide", self.divide),
            ("over", self.over),
            ("under", self.under),
            ("invalid", self.invalid),
        ]
    }

    /// The mode of key `name` (one of [`entries`](Self::entries)' keys).
    pub fn slot(&mut self, name: &str) -> Option<&mut Mode> {
        Some(match name {
            "divide" => &mut self.divide,
            "over" => &mut self.over,
            "under" => &mut self.under,
            "invalid" => &mut self.invalid,
            _ => return None,
        })
    }
}

/// One warning as Python shows it: `Kind: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
    /// Whether Python attributes it to a line inside NumPy (e.g. "Mean of
    /// empty slice"), so it is shown once per cell, not once per line.
    pub internal: bool,
    /// What the warnings filters said to do with it.
    pub action: Action,
    /// The line of NumPy's Python source it is attributed to (e.g.
    /// `np.gradient`'s interior line), when one of NumPy's functions
    /// raised it on several lines: Python shows it once per line.
    pub site: Option<&'static str>,
}

thread_local! {
    static STATE: Cell<ErrState> = Cell::new(ErrState::default());
    static PENDING: RefCell<Vec<Warning>> = const { RefCell::new(Vec::new()) };
}

/// The current error state (`np.geterr()`).
pub fn state() -> ErrState {
    STATE.with(Cell::get)
}

/// Sets the error state (`np.seterr`, `np.errstate`), returning the old one.
pub fn set_state(s: ErrState) -> ErrState {
    STATE.with(|c| c.replace(s))
}

/// Emits a warning from the running statement, through the warnings
/// filters (`'print'` mode's lines are not Python warnings: no filter
/// applies).
///
/// # Errors
/// The warning as an exception (`RuntimeWarning: ...`) under an `"error"`
/// filter.
pub fn warn(kind: WarningKind, message: impl Into<String>, internal: bool) -> EvalResult<()> {
    emit(kind, message.into(), internal, None)
}

/// [`warn`] for a warning NumPy's Python code raises on its line `site`.
///
/// # Errors
/// As [`warn`].
pub fn warn_at(
    kind: WarningKind,
    message: impl Into<String>,
    site: &'static str,
) -> EvalResult<()> {
    emit(kind, message.into(), true, Some(site))
}

fn emit(
    kind: WarningKind,
    message: String,
    internal: bool,
    site: Option<&'static str>,
) -> EvalResult<()> {
    let action = if kind == WarningKind::Printed {
        Action::Always
    } else {
        filters::action_for(kind, &message, internal)?
    };
    if action != Action::Ignore {
        PENDING.with(|p| {
            p.borrow_mut().push(Warning {
                kind,
                message,
                internal,
                action,
                site,
            })
        });
    }
    Ok(())
}

/// What was emitted since the last call.
pub fn take_pending() -> Vec<Warning> {
    PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// Starts a kernel: forgets the flags raised before it.
pub fn begin() {
    fpe::clear();
}

/// Ends the kernel of ufunc `name` (NumPy's name: `divide`, `sqrt`,
/// `scalar multiply`): each flag it raised, in NumPy's order (divide,
/// over, under, invalid), is ignored, warned about, printed, or raised as
/// `FloatingPointError`, per the error state.
///
/// # Errors
/// `FloatingPointError` for a flag in `'raise'` mode (the first one);
/// `NotImplementedError` for `'call'`/`'log'`, which need a handler.
pub fn check(name: &str) -> EvalResult<()> {
    let flags = fpe::take();
    if flags.is_empty() {
        return Ok(());
    }
    report(flags, name)
}

/// [`check`] for flags already taken.
pub fn report(flags: Flags, name: &str) -> EvalResult<()> {
    report_in(flags, name, None)
}

/// [`report`] for flags an operation on line `site` of NumPy's Python
/// source raised (shown once per cell and line, filtered as `numpy`'s).
///
/// # Errors
/// As [`check`].
pub fn report_at(flags: Flags, name: &str, site: &'static str) -> EvalResult<()> {
    report_in(flags, name, Some(site))
}

fn report_in(flags: Flags, name: &str, site: Option<&'static str>) -> EvalResult<()> {
    // The common case, after every kernel: nothing to report.
    if flags.is_empty() {
        return Ok(());
    }
    let st = state();
    let kinds = [
        (Flags::DIVIDE, st.divide, "divide by zero"),
        (Flags::OVERFLOW, st.over, "overflow"),
        (Flags::UNDERFLOW, st.under, "underflow"),
        (Flags::INVALID, st.invalid, "invalid value"),
    ];
    for (flag, mode, what) in kinds {
        if !flags.contains(flag) {
            continue;
        }
        let message = format!("{what} encountered in {name}");
        match mode {
            Mode::Ignore => {}
            Mode::Warn => emit(WarningKind::RuntimeWarning, message, site.is_some(), site)?,
            Mode::Print => emit(WarningKind::Printed, message, site.is_some(), site)?,
            Mode::Raise => return Err(EvalError::new(ErrorKind::FloatingPointError, message)),
            Mode::Call | Mode::Log => {
                return Err(EvalError::new(
                    ErrorKind::NotImplementedError,
                    format!(
                        "gradlab has no np.seterrcall handler to {} ({message})",
                        mode.name()
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Runs the kernel `f` of ufunc `name` between [`begin`] and [`check`].
pub fn ufunc<T>(name: &str, f: impl FnOnce() -> EvalResult<T>) -> EvalResult<T> {
    begin();
    let out = f()?;
    check(name)?;
    Ok(out)
}

/// Resets this thread's state for a new session.
pub fn reset() {
    set_state(ErrState::default());
    filters::reset();
    take_pending();
}

/// A warning's line as gradlab shows it (Python's stderr line without the
/// file and line number): `RuntimeWarning: divide by zero encountered in log`.
pub fn warning_line(kind: WarningKind, message: &str) -> String {
    format!("{}: {message}", kind.name())
}
