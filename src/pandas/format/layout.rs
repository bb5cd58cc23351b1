//! `repr(df)` and `repr(series)`: pandas' `DataFrameFormatter` /
//! `StringFormatter` and `SeriesFormatter` at the default display options
//! (`max_rows=60`, `min_rows=10`, `max_columns=0` fitted to an 80-column
//! terminal, `show_dimensions="truncate"`).

use super::{Justify, adjoin, format_array, make_fixed_width, pad, width};
use crate::pandas::column::{Column, Label};
use crate::pandas::frame::DataFrame;
use crate::pandas::index::Index;
use crate::pandas::pyfmt;
use crate::pandas::series::Series;

/// `display.max_rows`.
const MAX_ROWS: usize = 60;
/// `display.min_rows`.
const MIN_ROWS: usize = 10;
/// The terminal width pandas fits frames to (`display.width` and the
/// fallback terminal size).
const LINE_WIDTH: usize = 80;

/// The rows shown: all, or the first and last `half` when truncated.
fn shown_rows(n: usize) -> (Vec<usize>, Option<usize>) {
    if n > MAX_ROWS {
        let half = MIN_ROWS.min(MAX_ROWS) / 2;
        let rows = (0..half).chain(n - half..n).collect();
        (rows, Some(half))
    } else {
        ((0..n).collect(), None)
    }
}

/// One frame's layout state: which rows and columns are shown.
struct FrameLayout<'a> {
    df: &'a DataFrame,
    rows: Vec<usize>,
    row_cut: Option<usize>,
    cols: Vec<usize>,
    col_cut: Option<usize>,
}

impl FrameLayout<'_> {
    fn index(&self) -> Index {
        self.df.index.take_like(&self.rows)
    }

    /// The index column: a blank header cell, the index name's row when it
    /// has one, then the labels left-aligned.
    fn index_strcol(&self) -> Vec<String> {
        let index = self.index();
        let mut flat = Vec::new();
        if let Some(name) = &self.df.index.name {
            flat.push(name.to_string());
        }
        flat.extend(index.format_flat());
        let mut col = vec![String::new()];
        col.extend(make_fixed_width(flat, Justify::Left, 0));
        col
    }

    fn strcols(&self) -> Vec<Vec<String>> {
        let df = self.df;
        let named_index = df.index.name.is_some();
        // pandas pairs the shown columns' names with the *whole* frame's
        // dtypes in order (zip of the two); keep that quirk.
        let mut leadsp: Vec<(String, bool)> = Vec::new();
        let shown_labels: Vec<Label> = self.cols.iter().map(|&c| df.labels[c].clone()).collect();
        let header_names = Index::from_column(None, labels_column(&shown_labels)).format_flat();
        for (i, name) in header_names.iter().enumerate() {
            let numeric = df.columns.get(i).is_some_and(|c| c.dtype().is_numeric());
            match leadsp.iter_mut().find(|(n, _)| n == name) {
                Some(entry) => entry.1 = numeric,
                None => leadsp.push((name.clone(), numeric)),
            }
        }
        let mut strcols = vec![self.index_strcol()];
        for (k, &c) in self.cols.iter().enumerate() {
            let name = &header_names[k];
            let lead = leadsp.iter().find(|(n, _)| n == name).is_some_and(|e| e.1);
            let mut header = vec![if lead {
                format!(" {name}")
            } else {
                name.clone()
            }];
            if named_index {
                header.push(String::new());
            }
            let header_w = header.iter().map(|s| width(s)).max().unwrap_or(0);
            let values = format_array(&df.columns[c].take(&self.rows), Justify::Right, true);
            let values = make_fixed_width(values, Justify::Right, header_w);
            let w = values
                .iter()
                .map(|s| width(s))
                .max()
                .unwrap_or(0)
                .max(header_w);
            let mut col: Vec<String> = header.iter().map(|h| pad(h, w, Justify::Right)).collect();
            col.extend(values);
            strcols.push(col);
        }
        self.insert_dots(strcols)
    }

    fn insert_dots(&self, mut strcols: Vec<Vec<String>>) -> Vec<Vec<String>> {
        let index_len = strcols[0].len();
        if let Some(cut) = self.col_cut {
            strcols.insert(cut + 1, vec![" ...".to_string(); index_len]);
        }
        if let Some(row_num) = self.row_cut {
            let header_rows = index_len - self.rows.len();
            for (ix, col) in strcols.iter_mut().enumerate() {
                let is_dot_col = self.col_cut.is_some_and(|cut| ix == cut + 1);
                let mut cwidth = width(&col[row_num]);
                let dots = if cwidth > 3 || is_dot_col {
                    "..."
                } else {
                    ".."
                };
                let mode = if ix == 0 {
                    Justify::Left
                } else {
                    if is_dot_col {
                        cwidth = 4;
                    }
                    Justify::Right
                };
                col.insert(row_num + header_rows, pad(dots, cwidth, mode));
            }
        }
        strcols
    }
}

/// Column labels as a column, so they format like an index.
fn labels_column(labels: &[Label]) -> Column {
    if labels.iter().all(|l| matches!(l, Label::Int(_))) && !labels.is_empty() {
        Column::Int(
            labels
                .iter()
                .map(|l| if let Label::Int(i) = l { *i } else { 0 })
                .collect(),
        )
    } else {
        Column::Object(
            labels
                .iter()
                .map(|l| crate::pandas::Cell::Str(l.to_string()))
                .collect(),
        )
    }
}

/// `repr(df)`.
pub(crate) fn frame_to_string(df: &DataFrame) -> String {
    let (nrows, ncols) = (df.index.len(), df.columns.len());
    if nrows == 0 || ncols == 0 {
        let names: Vec<String> = df.labels.iter().map(Label::to_string).collect();
        let labels: Vec<String> = (0..nrows).map(|i| df.index.cell(i).py_str()).collect();
        return format!(
            "Empty DataFrame\nColumns: [{}]\nIndex: [{}]",
            names.join(", "),
            labels.join(", ")
        );
    }
    let (rows, row_cut) = shown_rows(nrows);
    let mut layout = FrameLayout {
        df,
        rows,
        row_cut,
        cols: (0..ncols).collect(),
        col_cut: None,
    };
    let fitted = fit_columns(&adjoin(1, &layout.strcols()), &layout.strcols());
    if ncols > fitted {
        let half = fitted / 2;
        layout.cols = (0..half).chain(ncols - half..ncols).collect();
        layout.col_cut = Some(half);
    }
    let mut text = adjoin(1, &layout.strcols());
    if layout.row_cut.is_some() || layout.col_cut.is_some() {
        text.push_str(&format!("\n\n[{nrows} rows x {ncols} columns]"));
    }
    text
}

/// `_fit_strcols_to_terminal_width`: how many data columns fit, dropping
/// middle columns until the lines fit in [`LINE_WIDTH`] (at least 2).
fn fit_columns(text: &str, strcols: &[Vec<String>]) -> usize {
    let max_len = text.lines().map(width).max().unwrap_or(0);
    let mut adj_dif = max_len as i64 - LINE_WIDTH as i64 + 1;
    let mut lens: Vec<usize> = strcols
        .iter()
        .map(|c| c.iter().map(|s| width(s)).max().unwrap_or(0))
        .collect();
    while adj_dif > 0 && lens.len() > 1 {
        // Python's round(): halves to even.
        let n = lens.len();
        let half = n / 2;
        let mid = if n.is_multiple_of(2) || half.is_multiple_of(2) {
            half
        } else {
            half + 1
        };
        adj_dif -= lens[mid] as i64 + 1;
        lens.remove(mid);
    }
    (lens.len() - 1).max(2)
}

/// `repr(series)`.
pub(crate) fn series_to_string(s: &Series) -> String {
    let n = s.values.len();
    let (rows, row_cut) = shown_rows(n);
    let mut footer = Vec::new();
    if let Some(name) = &s.name {
        footer.push(format!("Name: {name}"));
    }
    if row_cut.is_some() {
        footer.push(format!("Length: {n}"));
    }
    footer.push(format!("dtype: {}", s.values.dtype().name()));
    let footer = footer.join(", ");
    if n == 0 {
        return format!("Series([], {footer})");
    }
    let index = s.index.take_like(&rows);
    let mut fmt_index = index.format_flat();
    let mut values = format_array(&s.values.take(&rows), Justify::Right, true);
    if let Some(row_num) = row_cut {
        let w = width(&values[row_num - 1]);
        let dots = if w > 3 { "..." } else { ".." };
        values.insert(row_num, pyfmt::center(dots, w));
        fmt_index.insert(row_num, String::new());
    }
    let mut text = adjoin(3, &[fmt_index, values]);
    if let Some(name) = &s.index.name {
        text = format!("{name}\n{text}");
    }
    format!("{text}\n{footer}")
}
