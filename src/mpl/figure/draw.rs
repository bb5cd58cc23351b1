//! What the drawing calls put on axes (`plot`, `scatter`, `bar`,
//! `axhline`, `imshow`, `quiver`, `colorbar`), with matplotlib's colour
//! cycles and its errors.

use super::super::cmap::Colormap;
use super::super::style::{CYCLE, Color, LineKw, LineStyle, Marker, parse_fmt};
use super::super::{Error, Result};
use super::{Artist, Axes, Bar, HLine, ImageArtist, Line, Quiver, Scatter};

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
                super::super::ErrorKind::TypeError,
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
}
