//! The explorer's state and its keys, without a terminal: a plain struct
//! that [`App::handle_key`] changes and `impl Widget for &App` draws.
//!
//! Every setting change recomputes `np.gradient(f, spacing, axis=axis,
//! edge_order=edge_order)` and `np.diff(f, axis=axis)` with the engine; a
//! change the engine rejects (NumPy's error) is shown on the message line
//! and the previous settings stay.
//!
//! What costs a pass over the whole array (the x range, the colour scales)
//! is computed with the model, never per key: a key moving the cursor
//! draws only what is on screen, so it stays fast at 10^6 elements.

use std::borrow::Cow;
use std::cell::Cell;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ndarray::{ArrayD, IxDyn};

use crate::array::{Array, Axis, AxisSpec};
use crate::engine::{DiffArgs, EdgeOrder, GradientArgs, diff, gradient};
use crate::tui::{THEME, Theme};
use crate::views::{AxisSpacing, Item, Scale, index_text, resolve_spacing, shape_text, stencil};
use crate::views::{num, num_paren};

/// What the event loop does after a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Redraw (or nothing changed).
    None,
    /// Leave the explorer.
    Quit,
    /// Resolve this spacing text (a variable or expression) and hand the
    /// result to [`App::set_spacing`].
    ResolveSpacing(String),
}

/// The spacing argument: its text as typed and the array it stands for
/// (`None`: NumPy's default, 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Spacing {
    pub text: String,
    pub value: Option<Array>,
}

/// What the settings give: the gradient along the axis, the diff along it,
/// and the axis's spacing; with the gradient's colour scale and the finite
/// range of the coordinates, so drawing never scans the whole array.
#[derive(Clone, Debug)]
pub(super) struct Model {
    pub g: ArrayD<f64>,
    pub d: ArrayD<f64>,
    pub sp: AxisSpacing,
    pub g_scale: Scale,
    /// The smallest and largest finite x along the axis.
    pub x_range: Option<(f64, f64)>,
    /// x never decreases along the axis (and is finite), so the samples in
    /// a window are found by binary search.
    pub x_increasing: bool,
}

/// The explorer of one 1-D or 2-D array.
#[derive(Clone, Debug)]
pub struct App {
    pub(super) name: String,
    pub(super) array: Array,
    pub(super) f: ArrayD<f64>,
    pub edge_order: EdgeOrder,
    pub axis: usize,
    pub spacing: Spacing,
    /// The selected element's multi-index.
    pub cursor: Vec<usize>,
    /// Chart zoom: the x range shown is the whole range / 2^zoom.
    pub zoom: u32,
    pub help: bool,
    /// The spacing being typed after `s`.
    pub input: Option<String>,
    /// The last error (or remark), shown until the next key.
    pub message: Option<String>,
    pub(super) model: Model,
    pub(super) theme: Theme,
    /// The colour scale of `f`.
    pub(super) f_scale: Scale,
    /// Widths of the 1-D table's columns as far as it was seen: only the
    /// rows on screen are formatted, and columns only ever widen (so they
    /// do not jump while scrolling). Reset with the model.
    pub(super) widths: Cell<[usize; 5]>,
}

/// `Ok` when the explorer can show `a`: 1-D or 2-D with at least two
/// samples along some axis (what `np.gradient` needs).
///
/// # Errors
/// A sentence for the user saying why not.
pub fn explorable(a: &Array) -> Result<(), String> {
    match a.shape() {
        [_] | [_, _] => {}
        s => {
            return Err(format!(
                "the explorer shows 1-D and 2-D arrays; this one is {}-D (shape {}): \
                 explore a slice such as a[0]",
                s.len(),
                shape_text(s)
            ));
        }
    }
    if a.shape().iter().all(|&n| n < 2) {
        return Err(format!(
            "np.gradient needs at least 2 samples along an axis; the shape is {}",
            shape_text(a.shape())
        ));
    }
    Ok(())
}

impl App {
    /// The explorer of `array` (called `name`), edge_order 1, default
    /// spacing, along the first axis the gradient works on.
    ///
    /// # Errors
    /// [`explorable`]'s message.
    pub fn new(array: &Array, name: &str) -> Result<App, String> {
        explorable(array)?;
        let spacing = Spacing {
            text: String::new(),
            value: None,
        };
        let axis = (0..array.ndim())
            .find(|&ax| array.shape()[ax] >= 2)
            .unwrap_or(0);
        let model = compute(array, EdgeOrder::FIRST, axis, &spacing)?;
        let f = array.to_f64();
        Ok(App {
            name: name.to_string(),
            f_scale: Scale::of(f.iter().copied()),
            widths: Cell::new([0; 5]),
            f,
            array: array.clone(),
            edge_order: EdgeOrder::FIRST,
            axis,
            spacing,
            cursor: vec![0; array.ndim()],
            zoom: 0,
            help: false,
            input: None,
            message: None,
            model,
            theme: THEME,
        })
    }

    /// Draw with `theme` (pass `THEME.plain()` for NO_COLOR).
    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self
    }

    pub(super) fn ndim(&self) -> usize {
        self.f.ndim()
    }

    /// The key's effect; pure apart from `self`.
    pub fn handle_key(&mut self, key: KeyEvent) -> Action {
        if key.kind == KeyEventKind::Release {
            return Action::None;
        }
        if let Some(text) = &mut self.input {
            match key.code {
                KeyCode::Enter => {
                    let text = self.input.take().unwrap_or_default();
                    return Action::ResolveSpacing(text.trim().to_string());
                }
                KeyCode::Esc => self.input = None,
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => text.push(c),
                _ => {}
            }
            return Action::None;
        }
        self.message = None;
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            _ if ctrl_c => return Action::Quit,
            KeyCode::Char('q') => return Action::Quit,
            KeyCode::Esc if self.help => self.help = false,
            KeyCode::Esc => return Action::Quit,
            KeyCode::Char('?') => self.help = !self.help,
            KeyCode::Char('e') => self.try_settings(self.edge_order.toggled(), self.axis, None),
            KeyCode::Char('a') if self.ndim() == 1 => {
                self.message = Some("a 1-D array has only axis 0".into());
            }
            KeyCode::Char('a') => self.try_settings(self.edge_order, (self.axis + 1) % 2, None),
            KeyCode::Char('s') => self.input = Some(self.spacing.text.clone()),
            KeyCode::Char('+') | KeyCode::Char('=') => self.zoom_by(1),
            KeyCode::Char('-') => self.zoom_by(-1),
            KeyCode::Left => self.step(self.ndim() - 1, -1),
            KeyCode::Right => self.step(self.ndim() - 1, 1),
            KeyCode::Up => self.step(0, -1),
            KeyCode::Down => self.step(0, 1),
            KeyCode::PageUp => self.step(0, -10),
            KeyCode::PageDown => self.step(0, 10),
            KeyCode::Home => self.step(self.ndim() - 1, i64::MIN / 2),
            KeyCode::End => self.step(self.ndim() - 1, i64::MAX / 2),
            _ => {}
        }
        Action::None
    }

    /// Applies the typed spacing: empty text restores the default, a
    /// number is a scalar step, anything else was resolved by the caller
    /// (`resolved`: the array, or why it could not be).
    pub fn set_spacing(&mut self, text: &str, resolved: Result<Array, String>) {
        let value = if text.is_empty() {
            None
        } else {
            match resolved {
                Ok(a) if a.ndim() <= 1 => Some(a),
                Ok(a) => {
                    self.message = Some(format!(
                        "spacing {text}: distances must be either scalars or 1d (got shape {})",
                        shape_text(a.shape())
                    ));
                    return;
                }
                Err(e) => {
                    self.message = Some(format!("spacing {text}: {e}"));
                    return;
                }
            }
        };
        let spacing = Spacing {
            text: text.to_string(),
            value,
        };
        self.try_settings(self.edge_order, self.axis, Some(spacing));
    }

    /// [`App::set_spacing`] resolving the text with `resolve` unless it is
    /// empty or a plain number.
    pub fn apply_spacing(
        &mut self,
        text: &str,
        resolve: &mut dyn FnMut(&str) -> Result<Array, String>,
    ) {
        let resolved = match text.parse::<f64>() {
            _ if text.is_empty() => Err(String::new()),
            Ok(x) => Ok(Array::scalar_f64(x)),
            Err(_) => resolve(text),
        };
        self.set_spacing(text, resolved);
    }

    fn try_settings(&mut self, edge_order: EdgeOrder, axis: usize, spacing: Option<Spacing>) {
        let spacing = spacing.unwrap_or_else(|| self.spacing.clone());
        match compute(&self.array, edge_order, axis, &spacing) {
            Ok(model) => {
                self.model = model;
                self.widths.set([0; 5]);
                self.edge_order = edge_order;
                self.axis = axis;
                self.spacing = spacing;
                self.zoom = self.zoom.min(self.max_zoom());
            }
            Err(e) => self.message = Some(e),
        }
    }

    fn step(&mut self, dim: usize, by: i64) {
        let n = self.f.shape()[dim] as i64;
        let at = (self.cursor[dim] as i64 + by).clamp(0, n - 1);
        self.cursor[dim] = at as usize;
    }

    /// Zoom levels that still leave at least 3 samples of the lane on
    /// screen.
    pub(super) fn max_zoom(&self) -> u32 {
        let n = self.f.shape()[self.axis].max(1);
        let mut z = 0;
        while z < 20 && (n - 1) >> (z + 1) >= 2 {
            z += 1;
        }
        z
    }

    fn zoom_by(&mut self, by: i32) {
        if self.ndim() != 1 {
            self.message = Some("zoom (+/-) applies to the 1-D chart".into());
            return;
        }
        let want = self.zoom as i32 + by;
        if want < 0 {
            self.message = Some("the whole range is shown".into());
        } else if want as u32 > self.max_zoom() {
            self.message = Some("zoomed in as far as 3 samples".into());
        } else {
            self.zoom = want as u32;
        }
    }

    /// The cursor's lane of `a` along the axis: borrowed when it is
    /// contiguous (a 1-D array, a row), gathered otherwise.
    pub(super) fn lane<'a>(&self, a: &'a ArrayD<f64>) -> Cow<'a, [f64]> {
        let mut v = a.view();
        for ax in (0..a.ndim()).rev().filter(|&ax| ax != self.axis) {
            v.index_axis_inplace(ndarray::Axis(ax), self.cursor[ax]);
        }
        match v.to_slice() {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(v.iter().copied().collect()),
        }
    }

    /// The selected gradient element explained: its stencil with the
    /// numbers substituted and the engine's value.
    pub fn formula(&self) -> Item {
        let y = self.lane(&self.f);
        let i = self.cursor[self.axis];
        let at = |k: usize| {
            let mut idx = self.cursor.clone();
            idx[self.axis] = k;
            idx
        };
        let fname = |k: usize| index_text("f", &at(k));
        let s = stencil(&y, i, self.edge_order, &self.model.sp, &fname);
        let value = self.model.g[IxDyn(&self.cursor)];
        let bad: Vec<String> = s
            .taps
            .iter()
            .filter(|&&k| !y[k].is_finite())
            .map(|&k| format!("{} = {}", fname(k), num(y[k])))
            .collect();
        let origin = (!value.is_finite()).then(|| match bad.is_empty() {
            true => "from a zero or non-finite spacing, or overflow".to_string(),
            false => format!("from {}", bad.join(", ")),
        });
        Item {
            lhs: index_text("g", &self.cursor),
            symbolic: s.symbolic,
            substituted: s.substituted,
            value,
            value_text: num_paren(value).trim_matches(['(', ')']).to_string(),
            reference: s.value,
            label: s.scheme.label(),
            distances: s.distances,
            origin,
            output: 0,
            index: self.cursor.clone(),
            skipped_after: 0,
        }
    }

    /// The settings to hand back to the notebook.
    pub fn outcome(&self) -> super::ExploreOutcome {
        super::ExploreOutcome {
            edge_order: self.edge_order,
            axis: self.axis,
            spacing: self.spacing.clone(),
            cursor: self.cursor.clone(),
        }
    }
}

/// `np.gradient` and `np.diff` along `axis` with these settings.
fn compute(
    a: &Array,
    edge_order: EdgeOrder,
    axis: usize,
    spacing: &Spacing,
) -> Result<Model, String> {
    let args = GradientArgs {
        varargs: spacing.value.iter().cloned().collect(),
        axis: AxisSpec::One(Axis(axis as i64)),
        edge_order,
    };
    let g = gradient(a, &args)
        .map_err(|e| e.to_string())?
        .into_single()
        .ok_or("np.gradient along one axis gives one array")?;
    let d = diff(
        a,
        &DiffArgs {
            axis: Axis(axis as i64),
            ..DiffArgs::default()
        },
    )
    .map_err(|e| e.to_string())?;
    let sp = resolve_spacing(a.shape(), &[axis], &args.varargs)
        .map_err(|e| e.to_string())?
        .remove(0);
    // One pass over x: its finite range, and whether it never decreases.
    let (mut x_range, mut x_increasing) = (None, true);
    let mut prev = f64::NEG_INFINITY;
    for i in 0..a.shape()[axis] {
        let x = sp.x(i);
        if !x.is_finite() {
            x_increasing = false;
            continue;
        }
        x_increasing &= prev <= x;
        prev = x;
        x_range = Some(match x_range {
            None => (x, x),
            Some((lo, hi)) => (f64::min(lo, x), f64::max(hi, x)),
        });
    }
    let g = g.to_f64();
    // Only the 2-D view draws the gradient as a heat map.
    let g_scale = match g.ndim() {
        2 => Scale::of(g.iter().copied()),
        _ => Scale::Empty,
    };
    Ok(Model {
        x_increasing,
        g_scale,
        g,
        d: d.to_f64(),
        sp,
        x_range,
    })
}
