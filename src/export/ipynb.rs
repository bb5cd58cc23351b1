//! The Jupyter export: markdown cells for prose, code cells whose source
//! is the NumPy-valid translation and whose outputs are what gradlab showed.

use serde_json::{Value as Json, json};

use crate::eval::{Event, Session, Value};
use crate::notebook::{Cell, CellKind, meta};

use super::translate::Translator;

fn is_figure(view: &crate::views::View) -> bool {
    matches!(view, crate::views::View::Figure(_))
}

/// A shown figure as nbformat's `image/png` (base64 of the PNG savefig
/// writes).
fn figure_png(view: &crate::views::View) -> Option<String> {
    use base64::Engine;
    let crate::views::View::Figure(fig) = view else {
        return None;
    };
    let bytes = crate::mpl::render_figure(fig, crate::mpl::ImageFormat::Png).ok()?;
    Some(base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// nbformat wants multi-line strings as lists of lines, newlines kept.
fn lines(text: &str) -> Json {
    json!(text.split_inclusive('\n').collect::<Vec<_>>())
}

/// The cells as a Jupyter notebook (nbformat 4.5): markdown cells for runs
/// of prose, code cells whose source is the NumPy-valid translation (meta
/// commands as IPython's magics where it has them, other gradlab-only
/// statements commented out) and whose outputs are what gradlab showed.
pub fn to_ipynb(session: &Session, cells: &[Cell]) -> String {
    to_ipynb_in(session, cells, None)
}

/// [`to_ipynb`], first changing to `chdir` (relative to the notebook's
/// folder), where the session's relative file names start.
///
/// The notebook runs under `jupyter nbconvert --execute` as it is: the
/// imports and helpers it needs open its first code cell (so execution
/// counts match gradlab's `In [n]`), cells that show an intended error are
/// tagged `raises-exception`, values are laid out as IPython's pretty
/// printer shows them, and a view (which NumPy cannot draw) follows its
/// cell as a Markdown cell marked as gradlab's, with the text it showed.
pub fn to_ipynb_in(session: &Session, cells: &[Cell], chdir: Option<&str>) -> String {
    let mut t = Translator::new();
    // Translated first, in order: the prelude depends on every cell.
    let sources: Vec<(String, bool)> = cells.iter().map(|c| source(&mut t, c)).collect();
    let mut nb_cells: Vec<Json> = Vec::new();
    let mut prose: Vec<&str> = Vec::new();
    let id = |n: usize| format!("cell-{n}");
    let markdown = |nb_cells: &mut Vec<Json>, text: &str| {
        let n = nb_cells.len() + 1;
        nb_cells.push(
            json!({"cell_type": "markdown", "id": id(n), "metadata": {}, "source": lines(text)}),
        );
    };
    let mut prelude = Some(prelude(&t, chdir));
    for (cell, (source, has_view)) in cells.iter().zip(&sources) {
        let CellKind::Code { .. } = &cell.kind else {
            if let CellKind::Prose(p) = &cell.kind {
                prose.push(p);
            }
            continue;
        };
        if !prose.is_empty() {
            markdown(&mut nb_cells, &prose.join("\n"));
            prose.clear();
        }
        let source = match prelude.take() {
            Some(p) => format!("{p}\n\n{source}"),
            None => source.clone(),
        };
        let tags: Vec<&str> = if cell.has_error() {
            vec!["raises-exception"]
        } else {
            vec![]
        };
        nb_cells.push(json!({
            "cell_type": "code",
            "execution_count": cell.number,
            "id": id(nb_cells.len() + 1),
            "metadata": if tags.is_empty() { json!({}) } else { json!({"tags": tags}) },
            "outputs": outputs(session, cell),
            "source": lines(&source),
        }));
        if *has_view {
            for view in cell.events().filter_map(|e| match e {
                Event::Value(Value::View(view)) if !is_figure(view) => Some(view),
                _ => None,
            }) {
                let text = format!(
                    "*Drawn by gradlab (a classroom view NumPy has no equivalent of):*\n\n```text\n{}\n```",
                    crate::tui::view_text(view, 80).trim_end()
                );
                markdown(&mut nb_cells, &text);
            }
        }
    }
    if !prose.is_empty() {
        markdown(&mut nb_cells, &prose.join("\n"));
    }
    if let Some(p) = prelude {
        let n = nb_cells.len() + 1;
        nb_cells.push(json!({"cell_type": "code", "execution_count": null, "id": id(n), "metadata": {}, "outputs": [], "source": lines(&p)}));
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

/// What a Python kernel needs before the session's first cell: the
/// imports gradlab binds by itself, the helpers the translation calls,
/// and the folder the session's file names start in.
fn prelude(t: &Translator, chdir: Option<&str>) -> String {
    let mut p = String::from("import numpy as np");
    if t.uses.numpy {
        p.push_str("\nimport numpy");
    }
    if t.uses.math {
        p.push_str("\nimport math");
    }
    if t.uses.numdiff {
        p.push_str("\nimport numdifftools as nd");
    }
    if t.uses.derivative {
        p.push_str(super::python::DERIVATIVE_HELPER.trim_end());
    }
    if let Some(dir) = chdir {
        p = format!(
            "import os\n\n# The session's file names are relative to its folder: start there.\n\
             _gradlab_start = globals().setdefault('_gradlab_start', os.getcwd())\n\
             os.chdir(os.path.join(_gradlab_start, {}))\n{p}",
            crate::format::py_repr_str(dir)
        );
    }
    p
}

/// A cell's Python source, and whether it shows a view.
fn source(t: &mut Translator, cell: &Cell) -> (String, bool) {
    let CellKind::Code { text, .. } = &cell.kind else {
        return (String::new(), false);
    };
    let mut source = String::new();
    let mut view = false;
    for stmt in t.cell(cell) {
        if !source.is_empty() {
            source.push('\n');
        }
        match &stmt.code {
            Some(code) => source.push_str(code),
            None if crate::script::is_meta(text) => {
                // IPython's magic where it has one with the same meaning.
                let input = &stmt.outcome.input;
                let magic = meta::parse(input).ok().and_then(|(m, c)| (m.ipython)(&c));
                match magic {
                    Some(code) => source.push_str(&code),
                    None => source.push_str(&commented(input)),
                }
            }
            None => {
                view |= stmt.why == "view";
                source.push_str(&commented(&stmt.outcome.input));
            }
        }
    }
    (source, view)
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
            // A figure is what Jupyter shows for it: a PNG.
            Event::Value(Value::View(view)) if is_figure(view) => {
                if let (Some(png), crate::views::View::Figure(fig)) = (figure_png(view), &**view) {
                    let (w, h) = fig.pixel_size();
                    let n = fig.axes.len();
                    let plain = format!("<Figure size {w}x{h} with {n} Axes>");
                    out.push(json!({
                        "output_type": "display_data",
                        "data": {"image/png": png, "text/plain": [plain]},
                        "metadata": {},
                    }));
                }
            }
            // Shown in a Markdown cell of its own (see to_ipynb_in).
            Event::Value(Value::View(_)) => {}
            Event::Value(v) => out.push(json!({
                "output_type": "execute_result",
                "execution_count": cell.number,
                "data": {"text/plain": lines(&super::pretty::pretty(session, v))},
                "metadata": {},
            })),
            // Jupyter shows a warning as a stderr stream.
            Event::Warning { kind, message } => out.push(json!({
                "output_type": "stream",
                "name": "stderr",
                "text": lines(&format!("{}\n", crate::eval::warnings::warning_line(*kind, message))),
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

/// Source lines as Python comments.
fn commented(text: &str) -> String {
    text.lines()
        .map(|l| format!("# {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
