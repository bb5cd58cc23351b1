//! Every cell kind drawn as text: plain output must equal the `run`
//! transcript; coloured output is pinned by snapshots (ESC shown as `⎋`).

use super::*;
use crate::eval::ErrorKind;
use crate::eval::Timing;
use crate::notebook::meta::XMode;
use crate::notebook::transcript::render_cell;
use crate::tui::{ColorMode, strip_sgr};

fn run_cell(s: &mut Session, text: &str) -> Cell {
    let number = s.count;
    let outcomes = s.run_chunk(text);
    Cell {
        number,
        line: 1,
        kind: CellKind::Code {
            text: text.into(),
            outcomes,
        },
    }
}

fn timing_cell(s: &mut Session) -> Cell {
    let t = Timing {
        best_s: 0.00121,
        mean_s: 0.00123,
        std_s: 4.5e-6,
        loops: 100,
        runs: 7,
    };
    let text: crate::text::Text = ":timeit np.gradient(a)".into();
    let o = StmtOutcome {
        input: text.clone(),
        offset: 0,
        events: vec![Event::Timing(t)],
    };
    let number = s.count;
    s.count += 1;
    Cell {
        number,
        line: 1,
        kind: CellKind::Code {
            text,
            outcomes: vec![o],
        },
    }
}

/// The cells of a small session: echo, Out, multi-line Out, print, errors
/// (one-line, multi-line input, syntax), timing, assignment, several
/// statements, a wide repr.
fn session_cells() -> (Session, Vec<Cell>) {
    let mut s = Session::new();
    let mut cells = Vec::new();
    for text in [
        "a = np.array([1, 2, 4, 7, 11])",
        "np.gradient(a)",
        "m = np.array([[1, 2],\n              [3, 4]])",
        "m",
        "print('gradient:', np.gradient(a))",
        "np.diff(a, axis=3)",
        "np.gradient(a,\n  edge_order=3)",
        "a[",
        "b = a * 2; b; print(b.sum())",
        "np.linspace(0, 1, 30)",
        "undefined_name + 1",
    ] {
        cells.push(run_cell(&mut s, text));
    }
    cells.push(timing_cell(&mut s));
    (s, cells)
}

fn draw(s: &Session, cell: &Cell, width: u16, mode: ColorMode) -> String {
    let names = Names::from_session(s);
    let look = Look {
        width,
        mode,
        xmode: XMode::Context,
    };
    lines_text(&cell_lines(s, cell, &names, &look), mode)
}

#[test]
fn plain_cells_are_the_run_transcript() {
    let (s, cells) = session_cells();
    for cell in &cells {
        assert_eq!(
            draw(&s, cell, 200, ColorMode::Plain),
            render_cell(&s, cell, false)
        );
    }
}

fn all(s: &Session, cells: &[Cell], width: u16, mode: ColorMode) -> String {
    cells
        .iter()
        .map(|c| draw(s, c, width, mode))
        .collect::<String>()
        .replace('\x1b', "⎋")
}

#[test]
fn cells_plain_at_40_columns() {
    let (s, cells) = session_cells();
    insta::assert_snapshot!(all(&s, &cells, 40, ColorMode::Plain));
}

#[test]
fn cells_in_colour_at_80_columns() {
    let (s, cells) = session_cells();
    insta::assert_snapshot!(all(&s, &cells, 80, ColorMode::Ansi16));
}

#[test]
fn cells_in_256_colours_at_60_columns() {
    let (s, cells) = session_cells();
    insta::assert_snapshot!(all(&s, &cells[..4], 60, ColorMode::Ansi256));
}

#[test]
fn outputs_alone_start_with_out() {
    let (s, cells) = session_cells();
    let CellKind::Code { text, outcomes } = &cells[3].kind else {
        unreachable!()
    };
    let lines = output_lines(&s, cells[3].number, text, outcomes, &Look::plain(80));
    assert_eq!(
        lines_text(&lines, ColorMode::Plain),
        "Out[4]:\narray([[1, 2],\n       [3, 4]])\n"
    );
}

#[test]
fn interrupts_show_no_caret() {
    let s = Session::new();
    let err = EvalError::new(ErrorKind::KeyboardInterrupt, "").at(&(0..5));
    let o = StmtOutcome {
        input: "a = 1".into(),
        offset: 0,
        events: vec![Event::Error(err)],
    };
    let lines = output_lines(&s, 1, "a = 1", &[o], &Look::plain(80));
    assert_eq!(lines_text(&lines, ColorMode::Plain), "KeyboardInterrupt\n");
}

/// A session whose results are the classroom views.
fn view_cells() -> (Session, Vec<Cell>) {
    let mut s = Session::new();
    let cells = [
        "a = np.array([1, 2, 4, 7, 11, 16])",
        "compare(a)",
        "explain(np.gradient(a, edge_order=2))",
        "plot(compare(a))",
        "m = np.array([[1, 2, 6], [3, 4, 5], [-2, 0, 9]])",
        "heatmap(m)",
        "edges(m)",
        "accuracy(np.sin, 0, 1, exact=np.cos)",
    ]
    .into_iter()
    .map(|text| run_cell(&mut s, text))
    .collect();
    (s, cells)
}

#[test]
fn plain_view_cells_are_the_run_transcript() {
    let (s, cells) = view_cells();
    for cell in &cells {
        assert_eq!(
            draw(&s, cell, 80, ColorMode::Plain),
            render_cell(&s, cell, false)
        );
    }
}

#[test]
fn coloured_views_are_the_plain_views_with_escapes() {
    let (s, cells) = view_cells();
    for cell in &cells {
        for mode in [ColorMode::Ansi16, ColorMode::Ansi256, ColorMode::TrueColor] {
            let coloured = draw(&s, cell, 80, mode);
            let plain = strip_sgr(&coloured);
            // Heat maps swap the glyph ramp for coloured blocks.
            if !matches!(cell.number, 6 | 7) {
                assert_eq!(plain, draw(&s, cell, 80, ColorMode::Plain), "{mode:?}");
            }
        }
    }
}

#[test]
fn view_cells_plain_at_72_columns() {
    let (s, cells) = view_cells();
    insta::assert_snapshot!(all(&s, &cells[1..3], 72, ColorMode::Plain));
}

#[test]
fn view_cells_in_colour_at_72_columns() {
    let (s, cells) = view_cells();
    insta::assert_snapshot!(all(&s, &cells[1..3], 72, ColorMode::Ansi256));
}

#[test]
fn heatmap_cells_plain_and_in_true_colour() {
    let (s, cells) = view_cells();
    insta::assert_snapshot!(format!(
        "{}\n{}",
        all(&s, &cells[5..6], 60, ColorMode::Plain),
        all(&s, &cells[5..6], 60, ColorMode::TrueColor)
    ));
}
