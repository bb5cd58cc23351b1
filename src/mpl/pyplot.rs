//! pyplot's implicit state: open figures, the current figure and axes.

use super::figure::{Axes, Figure};
use super::{Error, ErrorKind, Result};

/// A handle on one axes: the figure's number and the slot in its grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AxesId {
    pub figure: usize,
    pub slot: usize,
}

/// The pyplot state machine (`plt.figure`, `plt.subplots`, `plt.gca`,
/// `plt.show`, `plt.close`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pyplot {
    figures: Vec<Figure>,
    /// Index into `figures` of the current figure.
    current: Option<usize>,
    /// The current axes slot of each figure, by position in `figures`.
    current_axes: Vec<usize>,
    /// Each open figure's serial, by position in `figures`: numbers are
    /// reused after a figure closes, serials never.
    serials: Vec<u64>,
    next_serial: u64,
}

impl Pyplot {
    /// Whether a figure is waiting to be shown.
    pub fn has_figures(&self) -> bool {
        !self.figures.is_empty()
    }

    /// The open figures.
    pub fn figures(&self) -> &[Figure] {
        &self.figures
    }

    fn next_number(&self) -> usize {
        self.figures.iter().map(|f| f.number).max().unwrap_or(0) + 1
    }

    /// `plt.figure(figsize=..., dpi=...)`: a new current figure; returns
    /// its number.
    pub fn figure(&mut self, figsize: Option<(f64, f64)>, dpi: Option<f64>) -> usize {
        let number = self.next_number();
        self.figures.push(Figure::new(number, figsize, dpi));
        self.current_axes.push(0);
        self.push_serial();
        self.current = Some(self.figures.len() - 1);
        number
    }

    fn push_serial(&mut self) {
        self.next_serial += 1;
        self.serials.push(self.next_serial);
    }

    /// The serial of the open figure numbered `number`.
    pub fn serial(&self, number: usize) -> Option<u64> {
        self.position(number).map(|i| self.serials[i])
    }

    /// The axes `id` of an open figure.
    pub fn axes(&self, id: AxesId) -> Option<&Axes> {
        self.figures[self.position(id.figure)?].axes.get(id.slot)
    }

    /// The axes `id` of an open figure, to change (never reopens one).
    pub fn axes_open_mut(&mut self, id: AxesId) -> Option<&mut Axes> {
        let i = self.position(id.figure)?;
        self.figures[i].axes.get_mut(id.slot)
    }

    /// `plt.gcf()`: the current figure's number, making one if none.
    pub fn gcf(&mut self) -> usize {
        match self.current {
            Some(i) => self.figures[i].number,
            None => self.figure(None, None),
        }
    }

    fn position(&self, number: usize) -> Option<usize> {
        self.figures.iter().position(|f| f.number == number)
    }

    /// `plt.subplots(nrows, ncols, figsize=...)`: a new figure with a grid
    /// of axes, row-major.
    ///
    /// # Errors
    /// `ValueError` for a zero-sized grid.
    pub fn subplots(
        &mut self,
        nrows: usize,
        ncols: usize,
        figsize: Option<(f64, f64)>,
    ) -> Result<(usize, Vec<AxesId>)> {
        if nrows == 0 || ncols == 0 {
            return Err(Error::value(format!(
                "Number of rows must be a positive integer, not {}",
                if nrows == 0 { nrows } else { ncols }
            )));
        }
        let number = self.figure(figsize, None);
        let i = self.figures.len() - 1;
        let fig = &mut self.figures[i];
        fig.nrows = nrows;
        fig.ncols = ncols;
        fig.axes = vec![Axes::default(); nrows * ncols];
        let ids = (0..nrows * ncols)
            .map(|slot| AxesId {
                figure: number,
                slot,
            })
            .collect();
        Ok((number, ids))
    }

    /// `plt.subplot(nrows, ncols, index)` (index from 1): the axes in that
    /// slot of the current figure, which becomes current.
    ///
    /// # Errors
    /// matplotlib's `ValueError` for an index outside the grid.
    pub fn subplot(&mut self, nrows: usize, ncols: usize, index: usize) -> Result<AxesId> {
        if index == 0 || index > nrows * ncols {
            return Err(Error::value(format!(
                "num must be an integer with 1 <= num <= {}, not {index}",
                nrows * ncols
            )));
        }
        let number = self.gcf();
        let i = self.position(number).unwrap_or(0);
        let fig = &mut self.figures[i];
        if (fig.nrows, fig.ncols) != (nrows, ncols) || fig.axes.is_empty() {
            fig.nrows = nrows;
            fig.ncols = ncols;
            fig.axes.resize(nrows * ncols, Axes::default());
        }
        self.current_axes[i] = index - 1;
        Ok(AxesId {
            figure: number,
            slot: index - 1,
        })
    }

    /// `plt.gca()`: the current axes, making a figure and axes if needed.
    pub fn gca(&mut self) -> AxesId {
        let number = self.gcf();
        let i = self.position(number).unwrap_or(0);
        let fig = &mut self.figures[i];
        if fig.axes.is_empty() {
            fig.axes.push(Axes::default());
        }
        AxesId {
            figure: number,
            slot: self.current_axes[i].min(fig.axes.len() - 1),
        }
    }

    /// Makes `id` the current axes (`plt.sca`, and what `ax.plot` implies
    /// for a later `plt.colorbar()`).
    pub fn sca(&mut self, id: AxesId) {
        if let Some(i) = self.position(id.figure) {
            self.current = Some(i);
            self.current_axes[i] = id.slot;
        }
    }

    /// The axes `id` (a closed figure's axes give a fresh, unattached one).
    pub fn axes_mut(&mut self, id: AxesId) -> &mut Axes {
        let i = match self.position(id.figure) {
            Some(i) => i,
            None => {
                // Drawing on the axes of a closed figure reopens it, as
                // matplotlib keeps the Figure object alive.
                self.figures.push(Figure::new(id.figure, None, None));
                self.current_axes.push(0);
                self.push_serial();
                self.figures.len() - 1
            }
        };
        let fig = &mut self.figures[i];
        if fig.axes.len() <= id.slot {
            fig.axes.resize(id.slot + 1, Axes::default());
        }
        &mut fig.axes[id.slot]
    }

    /// The figure numbered `number`.
    pub fn figure_mut(&mut self, number: usize) -> Option<&mut Figure> {
        let i = self.position(number)?;
        Some(&mut self.figures[i])
    }

    /// The current figure, for `savefig` (`None` when nothing was drawn).
    pub fn current_figure(&self) -> Option<&Figure> {
        self.current.map(|i| &self.figures[i])
    }

    /// `plt.show()`: every open figure, in order, and none open after.
    pub fn show(&mut self) -> Vec<Figure> {
        self.current = None;
        self.current_axes.clear();
        self.serials.clear();
        std::mem::take(&mut self.figures)
    }

    /// `plt.close()` (the current figure), `plt.close(n)`, or
    /// `plt.close("all")` (`None` for all).
    ///
    /// # Errors
    /// `TypeError` for a figure number that is not open is not raised by
    /// matplotlib (it ignores it); only a bad string is an error.
    pub fn close(&mut self, which: Close) -> Result<()> {
        let target = match which {
            Close::All => {
                self.show();
                return Ok(());
            }
            Close::Current => self.current,
            Close::Number(n) => self.position(n),
            Close::Bad(s) => {
                return Err(Error::new(
                    ErrorKind::TypeError,
                    format!(
                        "close() argument must be a Figure, an int, a string, or None, not '{s}'"
                    ),
                ));
            }
        };
        if let Some(i) = target {
            self.figures.remove(i);
            self.current_axes.remove(i);
            self.serials.remove(i);
            self.current = self.figures.len().checked_sub(1);
        }
        Ok(())
    }
}

/// What `plt.close` closes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Close {
    Current,
    All,
    Number(usize),
    Bad(String),
}
