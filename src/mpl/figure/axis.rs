//! An axes' labels, scales and limits (matplotlib's margins, `xlim`/`ylim`,
//! log axes).

use super::super::{Error, Result};
use super::{Artist, Axes, Scale};

impl Axes {
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
