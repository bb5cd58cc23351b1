//! Markdown and Jupyter exports: prose as text, code with its outputs.

use serde_json::{Value as Json, json};

use crate::eval::{Event, Session, Value};
use crate::notebook::{Cell, CellKind, output_text};

use super::translate::Translator;

/// The cells as Markdown: prose paragraphs, ```` ```python ```` code blocks
/// (consecutive cells without output share one) and ```` ```text ```` output
/// blocks.
pub fn to_markdown(session: &Session, cells: &[Cell]) -> String {
    let mut out = String::new();
    let mut code = String::new();
    let flush = |code: &mut String, out: &mut String| {
        if !code.is_empty() {
            out.push_str(&format!("```python\n{code}```\n\n"));
            code.clear();
        }
    };
    let mut in_prose = false;
    for cell in cells {
        match &cell.kind {
            CellKind::Prose(text) => {
                flush(&mut code, &mut out);
                if text.is_empty() {
                    if in_prose {
                        out.push('\n');
                    }
                } else {
                    out.push_str(text);
                    out.push('\n');
                }
                in_prose = true;
            }
            CellKind::Code { text, .. } => {
                if in_prose {
                    out.push('\n');
                    in_prose = false;
                }
                code.push_str(text);
                code.push('\n');
                if let Some(shown) = output_text(session, cell) {
                    flush(&mut code, &mut out);
                    out.push_str(&format!("```text\n{shown}\n```\n\n"));
                }
            }
        }
    }
    flush(&mut code, &mut out);
    if in_prose {
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// nbformat wants multi-line strings as lists of lines, newlines kept.
fn lines(text: &str) -> Json {
    json!(text.split_inclusive('\n').collect::<Vec<_>>())
}

/// The cells as a Jupyter notebook (nbformat 4.5): markdown cells for runs
/// of prose, code cells whose source is the NumPy-valid translation (views
/// and meta commands commented out) and whose outputs are what gradlab
/// showed, as text (`stream`, `execute_result`, `error`).
pub fn to_ipynb(session: &Session, cells: &[Cell]) -> String {
    let mut t = Translator::new();
    let mut nb_cells: Vec<Json> = Vec::new();
    let mut prose: Vec<&str> = Vec::new();
    let mut imports_numpy = false;
    let id = |n: usize| format!("cell-{n}");
    for cell in cells {
        let CellKind::Code { text, .. } = &cell.kind else {
            if let CellKind::Prose(p) = &cell.kind {
                prose.push(p);
            }
            continue;
        };
        if !prose.is_empty() {
            let src = prose.join("\n");
            nb_cells.push(json!({"cell_type": "markdown", "id": id(nb_cells.len() + 1), "metadata": {}, "source": lines(&src)}));
            prose.clear();
        }
        let mut source = String::new();
        for stmt in t.cell(cell) {
            if !source.is_empty() {
                source.push('\n');
            }
            match &stmt.code {
                Some(code) => source.push_str(code),
                None if crate::script::is_meta(text) => {
                    // IPython spells meta commands with `%`.
                    source.push('%');
                    source.push_str(
                        stmt.outcome
                            .input
                            .trim_start()
                            .trim_start_matches([':', '%']),
                    );
                }
                None => {
                    let commented: Vec<String> = stmt
                        .outcome
                        .input
                        .lines()
                        .map(|l| format!("# {l}"))
                        .collect();
                    source.push_str(&commented.join("\n"));
                }
            }
        }
        imports_numpy |= source.contains("import numpy as np");
        nb_cells.push(json!({
            "cell_type": "code",
            "execution_count": cell.number,
            "id": id(nb_cells.len() + 1),
            "metadata": {},
            "outputs": outputs(session, cell),
            "source": lines(&source),
        }));
    }
    if !prose.is_empty() {
        let src = prose.join("\n");
        nb_cells.push(json!({"cell_type": "markdown", "id": id(nb_cells.len() + 1), "metadata": {}, "source": lines(&src)}));
    }
    let mut prelude = String::from("import numpy as np");
    if t.uses.numdiff {
        prelude.push_str("\nimport numdifftools as nd");
    }
    if !imports_numpy || t.uses.numdiff {
        // gradlab binds np by itself; a Python kernel needs the imports.
        nb_cells.insert(
            0,
            json!({"cell_type": "code", "execution_count": null, "id": "setup", "metadata": {}, "outputs": [], "source": lines(&prelude)}),
        );
    }
    let nb = json!({
        "cells": nb_cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    });
    let mut text = serde_json::to_string_pretty(&nb).unwrap_or_default();
    text.push('\n');
    text
}

/// A code cell's outputs in nbformat's shapes.
fn outputs(session: &Session, cell: &Cell) -> Vec<Json> {
    let mut out: Vec<Json> = Vec::new();
    let mut stdout = String::new();
    for e in cell.events() {
        if !matches!(e, Event::Stdout(_) | Event::Timing(_)) && !stdout.is_empty() {
            out.push(json!({"output_type": "stream", "name": "stdout", "text": lines(&std::mem::take(&mut stdout))}));
        }
        match e {
            Event::Stdout(t) => stdout.push_str(t),
            Event::Timing(t) => {
                stdout.push_str(&crate::notebook::meta::timing_text(t));
                stdout.push('\n');
            }
            Event::Value(v) => out.push(json!({
                "output_type": "execute_result",
                "execution_count": cell.number,
                "data": {"text/plain": lines(&match v {
                    Value::View(view) => crate::tui::view_text(view, 80),
                    v => session.repr(v),
                })},
                "metadata": {},
            })),
            Event::Error(err) => out.push(json!({
                "output_type": "error",
                "ename": err.kind.name(),
                "evalue": err.message,
                "traceback": [err.headline()],
            })),
        }
    }
    if !stdout.is_empty() {
        out.push(json!({"output_type": "stream", "name": "stdout", "text": lines(&stdout)}));
    }
    out
}
