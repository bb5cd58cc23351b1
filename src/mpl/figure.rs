//! Figures, axes and the artists they hold, as data: what `plt.*` calls
//! build and what `savefig` and the terminal draw.

use super::cmap::Colormap;
use super::style::{CYCLE, Color, LineKw, LineStyle, Marker, parse_fmt};
use super::{Error, Result};

/// An axis scale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scale {
    #[default]
    Linear,
    Log,
}

/// A line from `plot`.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub color: Color,
    pub style: LineStyle,
    pub marker: Option<Marker>,
    pub width: f64,
    pub label: Option<String>,
}

/// Points from `scatter`.
#[derive(Clone, Debug, PartialEq)]
pub struct Scatter {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub color: Color,
    pub marker: Marker,
    pub label: Option<String>,
}

/// Bars from `bar`.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub x: Vec<f64>,
    pub height: Vec<f64>,
    pub width: f64,
    pub color: Color,
    pub label: Option<String>,
}

/// A line across the axes from `axhline` (`vertical` for `axvline`).
#[derive(Clone, Debug, PartialEq)]
pub struct HLine {
    pub at: f64,
    pub vertical: bool,
    pub color: Color,
    pub style: LineStyle,
    pub label: Option<String>,
}

/// An image from `imshow`: a 2-D array through a colormap, or RGB(A)
/// pixels as they are.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageArtist {
    /// `[rows, cols]` or `[rows, cols, 3 or 4]`.
    pub shape: Vec<usize>,
    pub data: Vec<f64>,
    pub cmap: Colormap,
    pub vmin: f64,
    pub vmax: f64,
}

/// Arrows from `quiver(X, Y, U, V)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Quiver {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub u: Vec<f64>,
    pub v: Vec<f64>,
    pub color: Color,
}

/// Anything drawn in axes.
#[derive(Clone, Debug, PartialEq)]
pub enum Artist {
    Line(Line),
    Scatter(Scatter),
    Bar(Bar),
    HLine(HLine),
    Image(ImageArtist),
    Quiver(Quiver),
}

impl Artist {
    /// The legend label, when the artist has one (matplotlib skips labels
    /// starting with `_`).
    pub fn label(&self) -> Option<&str> {
        let l = match self {
            Artist::Line(a) => a.label.as_deref(),
            Artist::Scatter(a) => a.label.as_deref(),
            Artist::Bar(a) => a.label.as_deref(),
            Artist::HLine(a) => a.label.as_deref(),
            Artist::Image(_) | Artist::Quiver(_) => None,
        };
        l.filter(|s| !s.starts_with('_'))
    }

    /// The artist's colour (images have none).
    pub fn color(&self) -> Option<Color> {
        Some(match self {
            Artist::Line(a) => a.color,
            Artist::Scatter(a) => a.color,
            Artist::Bar(a) => a.color,
            Artist::HLine(a) => a.color,
            Artist::Quiver(a) => a.color,
            Artist::Image(_) => return None,
        })
    }
}

/// One set of axes: artists, labels and axis settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Axes {
    pub artists: Vec<Artist>,
    pub title: String,
    pub xlabel: String,
    pub ylabel: String,
    pub legend: bool,
    pub grid: bool,
    pub xlim: Option<(f64, f64)>,
    pub ylim: Option<(f64, f64)>,
    pub xscale: Scale,
    pub yscale: Scale,
    /// A colour bar for the image at this artist position.
    pub colorbar: Option<usize>,
    line_cycle: usize,
    patch_cycle: usize,
}

fn same_len(x: &[f64], y: &[f64]) -> Result<()> {
    if x.len() != y.len() {
        return Err(Error::value(format!(
            "x and y must have same first dimension, but have shapes ({},) and ({},)",
            x.len(),
            y.len()
        )));
    }
    Ok(())
}

impl Axes {
    fn next_line_color(&mut self) -> Color {
        let c = CYCLE[self.line_cycle % CYCLE.len()];
        self.line_cycle += 1;
        c
    }

    fn next_patch_color(&mut self) -> Color {
        let c = CYCLE[self.patch_cycle % CYCLE.len()];
        self.patch_cycle += 1;
        c
    }

    /// `ax.plot(x, y, fmt, **kw)`; without `x`, x is 0, 1, 2, ...
    ///
    /// # Errors
    /// matplotlib's `ValueError`s for mismatched lengths and bad styles.
    pub fn plot(
        &mut self,
        x: Option<Vec<f64>>,
        y: Vec<f64>,
        fmt: Option<&str>,
        kw: &LineKw,
    ) -> Result<()> {
        let x = x.unwrap_or_else(|| (0..y.len()).map(|i| i as f64).collect());
        same_len(&x, &y)?;
        let f = fmt.map(parse_fmt).transpose()?.unwrap_or_default();
        let color = match (&kw.color, f.color) {
            (Some(c), _) => Color::parse(c)?,
            (None, Some(c)) => c,
            (None, None) => self.next_line_color(),
        };
        let marker = match &kw.marker {
            Some(m) => Marker::parse(m)?,
            None => f.marker,
        };
        let style = match &kw.linestyle {
            Some(s) => LineStyle::parse(s)?,
            None => f.linestyle.unwrap_or(LineStyle::Solid),
        };
        self.artists.push(Artist::Line(Line {
            x,
            y,
            color,
            style,
            marker,
            width: kw.linewidth.unwrap_or(1.5),
            label: kw.label.clone(),
        }));
        Ok(())
    }

    /// `ax.scatter(x, y, **kw)`.
    ///
    /// # Errors
    /// `ValueError: x and y must be the same size`.
    pub fn scatter(&mut self, x: Vec<f64>, y: Vec<f64>, kw: &LineKw) -> Result<()> {
        if x.len() != y.len() {
            return Err(Error::value("x and y must be the same size"));
        }
        let color = match &kw.color {
            Some(c) => Color::parse(c)?,
            None => self.next_patch_color(),
        };
        let marker = match &kw.marker {
            Some(m) => Marker::parse(m)?.unwrap_or(Marker::Circle),
            None => Marker::Circle,
        };
        self.artists.push(Artist::Scatter(Scatter {
            x,
            y,
            color,
            marker,
            label: kw.label.clone(),
        }));
        Ok(())
    }

    /// `ax.bar(x, height, width=0.8, **kw)`.
    ///
    /// # Errors
    /// NumPy's broadcasting `ValueError` for mismatched lengths.
    pub fn bar(&mut self, x: Vec<f64>, height: Vec<f64>, width: f64, kw: &LineKw) -> Result<()> {
        if x.len() != height.len() {
            return Err(Error::value(format!(
                "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ({},) and arg 1 with shape ({},).",
                x.len(),
                height.len()
            )));
        }
        let color = match &kw.color {
            Some(c) => Color::parse(c)?,
            None => self.next_patch_color(),
        };
        self.artists.push(Artist::Bar(Bar {
            x,
            height,
            width,
            color,
            label: kw.label.clone(),
        }));
        Ok(())
    }

    /// `ax.axhline(y)` / `ax.axvline(x)` (`vertical`).
    ///
    /// # Errors
    /// A bad colour or line style.
    pub fn axline(&mut self, at: f64, vertical: bool, kw: &LineKw) -> Result<()> {
        let color = match &kw.color {
            Some(c) => Color::parse(c)?,
            None => self.next_line_color(),
        };
        let style = match &kw.linestyle {
            Some(s) => LineStyle::parse(s)?,
            None => LineStyle::Solid,
        };
        self.artists.push(Artist::HLine(HLine {
            at,
            vertical,
            color,
            style,
            label: kw.label.clone(),
        }));
        Ok(())
    }

    /// `ax.imshow(data, cmap=..., vmin=..., vmax=...)`: `shape` is
    /// `[rows, cols]` or `[rows, cols, 3|4]`; vmin/vmax default to the
    /// data's finite range.
    ///
    /// # Errors
    /// `TypeError: Invalid shape (...) for image data`; an unknown cmap.
    pub fn imshow(
        &mut self,
        shape: &[usize],
        data: Vec<f64>,
        cmap: Option<&str>,
        vmin: Option<f64>,
        vmax: Option<f64>,
    ) -> Result<()> {
        let ok = match shape {
            [_, _] => true,
            [_, _, c] => *c == 3 || *c == 4,
            _ => false,
        };
        if !ok || shape.iter().product::<usize>() != data.len() {
            let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
            let dims = if dims.len() == 1 {
                format!("{},", dims[0])
            } else {
                dims.join(", ")
            };
            return Err(Error::new(
                super::ErrorKind::TypeError,
                format!("Invalid shape ({dims}) for image data"),
            ));
        }
        let finite = data.iter().copied().filter(|v| v.is_finite());
        let lo = finite.clone().fold(f64::INFINITY, f64::min);
        let hi = finite.fold(f64::NEG_INFINITY, f64::max);
        self.artists.push(Artist::Image(ImageArtist {
            shape: shape.to_vec(),
            data,
            cmap: Colormap::get(cmap.unwrap_or("viridis"))?,
            vmin: vmin.unwrap_or(if lo.is_finite() { lo } else { 0.0 }),
            vmax: vmax.unwrap_or(if hi.is_finite() { hi } else { 1.0 }),
        }));
        Ok(())
    }

    /// `ax.quiver(X, Y, U, V)` with flattened grids of one length.
    ///
    /// # Errors
    /// `ValueError` for grids of different sizes.
    pub fn quiver(&mut self, x: Vec<f64>, y: Vec<f64>, u: Vec<f64>, v: Vec<f64>) -> Result<()> {
        let n = u.len();
        if x.len() != n || y.len() != n || v.len() != n {
            return Err(Error::value(format!(
                "Argument U has a size {n} which does not match {}, the number of arrow positions",
                x.len()
            )));
        }
        self.artists.push(Artist::Quiver(Quiver {
            x,
            y,
            u,
            v,
            color: Color(0, 0, 0),
        }));
        Ok(())
    }

    /// `plt.colorbar()`: a colour bar for the last image.
    ///
    /// # Errors
    /// matplotlib's `RuntimeError` text when there is no image (as
    /// `ValueError` here).
    pub fn colorbar(&mut self) -> Result<()> {
        let last = self
            .artists
            .iter()
            .rposition(|a| matches!(a, Artist::Image(_)))
            .ok_or_else(|| Error::value("No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf)."))?;
        self.colorbar = Some(last);
        Ok(())
    }

    /// `ax.set_title(text)`.
    pub fn set_title(&mut self, text: &str) {
        self.title = text.to_string();
    }

    /// `ax.set_xlabel(text)`.
    pub fn set_xlabel(&mut self, text: &str) {
        self.xlabel = text.to_string();
    }

    /// `ax.set_ylabel(text)`.
    pub fn set_ylabel(&mut self, text: &str) {
        self.ylabel = text.to_string();
    }

    /// `ax.set_xscale("log")`.
    ///
    /// # Errors
    /// `ValueError` for scales other than linear and log.
    pub fn set_scale(&mut self, y_axis: bool, name: &str) -> Result<()> {
        let scale = match name {
            "linear" => Scale::Linear,
            "log" => Scale::Log,
            other => {
                return Err(Error::value(format!(
                    "{other:?} is not a valid value for scale; supported values are 'linear', 'log'"
                )));
            }
        };
        if y_axis {
            self.yscale = scale;
        } else {
            self.xscale = scale;
        }
        Ok(())
    }

    /// The (x, y) data limits with matplotlib's 5% margins (none for
    /// images), replaced by `xlim`/`ylim` where set; log axes keep to
    /// positive values.
    pub fn limits(&self) -> ((f64, f64), (f64, f64)) {
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        let mut image = None;
        for a in &self.artists {
            match a {
                Artist::Line(l) => {
                    xs.extend(&l.x);
                    ys.extend(&l.y);
                }
                Artist::Scatter(s) => {
                    xs.extend(&s.x);
                    ys.extend(&s.y);
                }
                Artist::Bar(b) => {
                    for (&x, &h) in b.x.iter().zip(&b.height) {
                        xs.extend([x - b.width / 2.0, x + b.width / 2.0]);
                        ys.extend([0.0, h]);
                    }
                }
                Artist::HLine(h) => {
                    if h.vertical {
                        xs.push(h.at)
                    } else {
                        ys.push(h.at)
                    }
                }
                Artist::Quiver(q) => {
                    xs.extend(&q.x);
                    ys.extend(&q.y);
                }
                Artist::Image(im) => image = Some((im.shape[0], im.shape[1])),
            }
        }
        let span = |v: &[f64], scale: Scale| -> (f64, f64) {
            let ok = |x: &&f64| x.is_finite() && (scale == Scale::Linear || **x > 0.0);
            let lo = v.iter().filter(ok).copied().fold(f64::INFINITY, f64::min);
            let hi = v
                .iter()
                .filter(ok)
                .copied()
                .fold(f64::NEG_INFINITY, f64::max);
            if !lo.is_finite() {
                return if scale == Scale::Log {
                    (1.0, 10.0)
                } else {
                    (0.0, 1.0)
                };
            }
            match scale {
                Scale::Linear => {
                    let (lo, hi) = if lo == hi {
                        (
                            lo - 0.05 * lo.abs().max(1.0) * 1.0,
                            hi + 0.05 * hi.abs().max(1.0),
                        )
                    } else {
                        (lo, hi)
                    };
                    let m = 0.05 * (hi - lo);
                    (lo - m, hi + m)
                }
                Scale::Log => {
                    let (a, b) = (lo.log10(), hi.log10().max(lo.log10() + 1e-9));
                    let m = 0.05 * (b - a);
                    (10f64.powf(a - m), 10f64.powf(b + m))
                }
            }
        };
        let (mut x, mut y) = (span(&xs, self.xscale), span(&ys, self.yscale));
        if let Some((rows, cols)) = image
            && xs.is_empty()
        {
            // imshow's extent: pixel centres at integers, row 0 at the top.
            x = (-0.5, cols as f64 - 0.5);
            y = (rows as f64 - 0.5, -0.5);
        }
        (self.xlim.unwrap_or(x), self.ylim.unwrap_or(y))
    }
}

/// A figure: a grid of axes with a size in inches.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// `plt.figure(num)`'s number (1, 2, ...).
    pub number: usize,
    pub figsize: (f64, f64),
    pub dpi: f64,
    pub nrows: usize,
    pub ncols: usize,
    /// Row-major; a slot never used by `subplot` holds empty axes.
    pub axes: Vec<Axes>,
    pub suptitle: String,
}

impl Figure {
    /// A figure with one row and column of (not yet created) axes.
    pub fn new(number: usize, figsize: Option<(f64, f64)>, dpi: Option<f64>) -> Figure {
        Figure {
            number,
            figsize: figsize.unwrap_or((6.4, 4.8)),
            dpi: dpi.unwrap_or(100.0),
            nrows: 1,
            ncols: 1,
            axes: Vec::new(),
            suptitle: String::new(),
        }
    }

    /// The pixel size savefig draws at.
    pub fn pixel_size(&self) -> (u32, u32) {
        let px = |inches: f64| (inches * self.dpi).round().clamp(16.0, 8000.0) as u32;
        (px(self.figsize.0), px(self.figsize.1))
    }
}
