//! Colormaps with matplotlib's own 256-entry tables (generated into
//! `cmap_data.rs` by `tests/fixtures/gen_mpl_cmaps.py`).

use super::cmap_data::TABLES;
use super::style::Color;
use super::{Error, Result};

/// A named colormap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colormap {
    pub name: &'static str,
    table: &'static [u8; 768],
}

impl Colormap {
    /// The colormap named `name` (`"gray"`, `"viridis"`, `"RdBu_r"`, ...).
    ///
    /// # Errors
    /// matplotlib's `ValueError` listing the supported names.
    pub fn get(name: &str) -> Result<Colormap> {
        TABLES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, table)| Colormap { name: n, table })
            .ok_or_else(|| {
                let names: Vec<String> = TABLES.iter().map(|(n, _)| format!("'{n}'")).collect();
                Error::value(format!(
                    "'{name}' is not a valid value for cmap; supported values are {}",
                    names.join(", ")
                ))
            })
    }

    /// Every colormap name.
    pub fn names() -> impl Iterator<Item = &'static str> {
        TABLES.iter().map(|(n, _)| *n)
    }

    /// The table entry `i` (0..=255).
    pub fn entry(&self, i: usize) -> Color {
        let k = 3 * i.min(255);
        Color(self.table[k], self.table[k + 1], self.table[k + 2])
    }

    /// matplotlib's `Normalize` then `Colormap.__call__`: `(v - vmin) /
    /// (vmax - vmin)` (0 when vmin == vmax) scaled to 256 entries and
    /// truncated, 1.0 landing on the last, out-of-range values clipped to
    /// the ends; NaN is transparent (`None`).
    pub fn map(&self, v: f64, vmin: f64, vmax: f64) -> Option<Color> {
        let t = if vmax == vmin {
            0.0
        } else {
            (v - vmin) / (vmax - vmin)
        };
        // A NaN value, or NaN limits, is matplotlib's "bad" colour.
        if v.is_nan() || t.is_nan() {
            return None;
        }
        let x = t * 256.0;
        let i = if x == 256.0 {
            255
        } else if x < 0.0 {
            0
        } else if x >= 256.0 {
            255
        } else {
            x as usize
        };
        Some(self.entry(i))
    }
}
