//! Meta commands (`:help`, `%timeit`, ...; IPython's `%` spellings and
//! `%%` cell magics) in one table: each row carries the function that runs
//! it, what Tab completes after it, its `:help` line and how a Jupyter
//! export writes it. Adding a command is adding a row (and its handler).
//!
//! Commands that need the interactive prompt (its cells, its screen) run
//! against a [`Host`], which the REPL implements; in scripts they are a
//! `UsageError`.

mod commands;
mod history;
mod table;
mod timeit;

use std::path::Path;

use crate::eval::{ErrorKind, EvalError, Event, Session};

use super::Cell;

pub use commands::os_error;
pub use history::{glob_match, history_text};
pub use table::METAS;
pub use timeit::{format_time, timing_text};

/// What a meta command gives back: the events its cell shows.
pub type MetaResult = Result<Vec<Event>, EvalError>;

/// A meta command as typed.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The whole input (`%timeit -n 3 x + 1`).
    pub text: &'a str,
    /// The name as typed, sigil included (`%timeit`, `:q`, `%%timeit`).
    pub word: &'a str,
    /// Everything after the name, trimmed; for a cell magic (`%%timeit`)
    /// the following lines too.
    pub rest: &'a str,
    /// Byte offset of `rest` in `text`.
    pub at: usize,
}

impl Call<'_> {
    /// Whether this is a cell magic (`%%name`): its body is `rest`'s
    /// lines after the first.
    pub fn is_cell(&self) -> bool {
        self.word.starts_with("%%")
    }

    /// An error raised while evaluating `source`, which starts at byte
    /// `from` of `rest` (plus `shift` bytes of wrapping, e.g. a `(`): its
    /// span moved to point into `text`.
    pub fn locate(&self, mut e: EvalError, from: usize, shift: usize) -> EvalError {
        e.span = e.span.take().map(|sp| {
            let at = |k: usize| {
                (k + self.at + from)
                    .saturating_sub(shift)
                    .min(self.text.len())
            };
            at(sp.start)..at(sp.end)
        });
        e
    }
}

/// How a command runs.
#[derive(Clone, Copy)]
pub enum Run {
    /// Anywhere: scripts and the prompt.
    Session(fn(&mut Session, &Call) -> MetaResult),
    /// Only at the interactive prompt.
    Prompt(fn(&mut dyn Host, &Call) -> MetaResult),
}

/// What Tab completes in a command's argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Complete {
    Nothing,
    /// A statement (`%timeit np.gradient(a)`).
    Code,
    /// A file name.
    Files,
    /// A directory name.
    Dirs,
    /// A user variable.
    Variables,
    /// A function or meta command name (`:help`).
    Topics,
    /// One of these words.
    Words(&'static [&'static str]),
}

/// One meta command.
pub struct Meta {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub args: &'static str,
    pub help: &'static str,
    pub run: Run,
    pub complete: Complete,
    /// The IPython source a Jupyter export writes for the command (`None`:
    /// IPython has no such magic, and the export keeps it as a comment).
    pub ipython: fn(&Call) -> Option<String>,
}

impl std::fmt::Debug for Meta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Meta(:{})", self.name)
    }
}

impl Meta {
    /// Whether the command needs the interactive prompt.
    pub fn prompt_only(&self) -> bool {
        matches!(self.run, Run::Prompt(_))
    }

    /// Whether `word` (without its sigil) names this command.
    pub fn is_named(&self, word: &str) -> bool {
        self.name == word || self.aliases.contains(&word)
    }
}

/// How errors are shown at the prompt (`%xmode`), as IPython's modes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum XMode {
    /// `Type: message` only.
    Minimal,
    /// Python's plain traceback: the cell, the line, carets, the message.
    Plain,
    /// gradlab's carets under the offending text, then the message.
    #[default]
    Context,
    /// As Context, plus the values of the names on the failing line.
    Verbose,
}

impl XMode {
    pub const ALL: [XMode; 4] = [XMode::Minimal, XMode::Plain, XMode::Context, XMode::Verbose];

    pub fn name(self) -> &'static str {
        match self {
            XMode::Minimal => "Minimal",
            XMode::Plain => "Plain",
            XMode::Context => "Context",
            XMode::Verbose => "Verbose",
        }
    }
}

/// The interactive prompt, as the commands that need it see it.
pub trait Host {
    fn session(&mut self) -> &mut Session;
    /// Every cell run at this prompt so far, oldest first.
    fn cells(&self) -> &[Cell];
    /// The kept input history of every session (for `%history -g`).
    fn saved_history(&self) -> Vec<String>;
    /// `:run FILE`: the script's cells run here, shown as they complete.
    fn replay(&mut self, path: &Path) -> MetaResult;
    /// `:explore TARGET`: the full-screen explorer.
    fn explore(&mut self, call: &Call) -> MetaResult;
    /// `:save` / `:export`: the cells written to `path`.
    fn export(&mut self, path: &Path) -> MetaResult;
    /// Leave after this command.
    fn quit(&mut self);
    /// Text the next prompt starts with (`%load`).
    fn prefill(&mut self, text: String);
    fn xmode(&mut self) -> &mut XMode;
}

/// The command a name (without sigil) refers to.
pub fn lookup(word: &str) -> Option<&'static Meta> {
    METAS.iter().find(|m| m.is_named(word))
}

/// Splits a meta command into its table row and its [`Call`].
///
/// # Errors
/// `UsageError` for a name gradlab lacks (IPython's wording, the user's
/// sigil kept) and for shell escapes (`!ls`).
pub fn parse(text: &str) -> Result<(&'static Meta, Call<'_>), EvalError> {
    let lead = text.len() - text.trim_start().len();
    let t = &text[lead..];
    if t.starts_with('!') {
        return Err(EvalError::new(
            ErrorKind::UsageError,
            "shell commands (!cmd) are not run: gradlab runs no shell; use %pwd, %cd and the file functions (gradlab run writes files only with --allow-write)",
        ));
    }
    let sigil = if t.starts_with("%%") { 2 } else { 1 };
    let end = t.find(char::is_whitespace).unwrap_or(t.len());
    let word = &t[..end];
    let name = &word[sigil.min(word.len())..];
    let cell_magic = sigil == 2;
    // A cell magic's first line may be empty: its body starts on the next.
    let rest = if cell_magic {
        t[end..].trim_start_matches([' ', '\t']).trim_end()
    } else {
        t[end..].trim()
    };
    let at = if rest.is_empty() {
        text.len()
    } else {
        lead + end + t[end..].find(rest).unwrap_or(0)
    };
    let call = Call {
        text,
        word,
        rest,
        at,
    };
    match lookup(name) {
        Some(m) if !cell_magic || matches!(m.name, "timeit" | "time") => Ok((m, call)),
        _ if cell_magic => Err(EvalError::new(
            ErrorKind::UsageError,
            format!("Cell magic `{word}` not found."),
        )),
        _ => Err(EvalError::new(
            ErrorKind::UsageError,
            format!("Line magic function `{word}` not found."),
        )),
    }
}

/// Runs a meta command in a script (no prompt): prompt-only commands are
/// a `UsageError`.
pub fn run(s: &mut Session, text: &str) -> Vec<Event> {
    let result = parse(text).and_then(|(m, call)| match m.run {
        Run::Session(f) => f(s, &call),
        Run::Prompt(_) => Err(EvalError::new(
            ErrorKind::UsageError,
            format!("{} works only at the interactive prompt", call.word),
        )),
    });
    result.unwrap_or_else(|e| vec![Event::Error(e)])
}

/// Runs a meta command at the interactive prompt.
pub fn run_at(host: &mut dyn Host, text: &str) -> Vec<Event> {
    let result = parse(text).and_then(|(m, call)| match m.run {
        Run::Session(f) => f(host.session(), &call),
        Run::Prompt(f) => f(host, &call),
    });
    result.unwrap_or_else(|e| vec![Event::Error(e)])
}

/// `:help [name]`.
pub fn help_text(name: &str) -> String {
    commands::help_text(name)
}

#[cfg(test)]
mod tests;
