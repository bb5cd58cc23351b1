//! Evaluation errors: a Python / NumPy exception type, its message, and the
//! span of the source that raised it.

use std::fmt;

use crate::engine;
use crate::syntax::{SyntaxError, ast::Span};

/// An exception raised by a statement, as data; rendered by the front ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    /// The exception class name (`ValueError`, `AxisError`, ...).
    pub kind: String,
    pub message: String,
    /// Where in the statement's source it was raised, when known.
    pub span: Option<Span>,
}

/// Result of evaluating anything.
pub type EvalResult<T> = Result<T, EvalError>;

impl EvalError {
    pub fn new(kind: &str, message: impl Into<String>) -> EvalError {
        EvalError {
            kind: kind.to_string(),
            message: message.into(),
            span: None,
        }
    }

    pub fn type_error(message: impl Into<String>) -> EvalError {
        EvalError::new("TypeError", message)
    }

    pub fn value_error(message: impl Into<String>) -> EvalError {
        EvalError::new("ValueError", message)
    }

    pub fn index_error(message: impl Into<String>) -> EvalError {
        EvalError::new("IndexError", message)
    }

    /// Attaches `span` unless a more precise one is already set.
    pub fn at(mut self, span: &Span) -> EvalError {
        if self.span.is_none() {
            self.span = Some(span.clone());
        }
        self
    }

    /// The `Type: message` line, as Python prints it.
    pub fn headline(&self) -> String {
        if self.message.is_empty() {
            self.kind.clone()
        } else {
            format!("{}: {}", self.kind, self.message)
        }
    }
}

impl From<engine::Error> for EvalError {
    fn from(e: engine::Error) -> Self {
        EvalError::new(e.kind.name(), e.message)
    }
}

impl From<SyntaxError> for EvalError {
    fn from(e: SyntaxError) -> Self {
        EvalError {
            kind: "SyntaxError".into(),
            message: e.message,
            span: Some(e.span),
        }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())
    }
}

impl std::error::Error for EvalError {}
