//! `edges(m)`: the gradient components of an image and their magnitude,
//! as heat maps.

use serde_json::{Value, json};

use super::heatmap::Heatmap;
use crate::array::Array;
use crate::engine::{Error, Gradient, GradientArgs, gradient};

/// Edge detection: the gradient components of an image and their
/// magnitude, named in NumPy's order as the tutorials unpack them:
/// `dx, dy = np.gradient(m)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Edges {
    /// `np.gradient(m)[0]`: along axis 0, down the rows.
    pub dx: Heatmap,
    /// `np.gradient(m)[1]`: along axis 1, along each row.
    pub dy: Heatmap,
    /// `np.hypot(dx, dy)`.
    pub magnitude: Heatmap,
}

/// `dx, dy = np.gradient(m)` and `np.hypot(dx, dy)` as heat maps.
///
/// # Errors
/// `ValueError` unless `m` is 2-D; whatever `np.gradient` raises (e.g. a
/// side shorter than 2).
pub fn edges(m: &Array) -> Result<Edges, Error> {
    if m.ndim() != 2 {
        return Err(Error::value(format!(
            "edges expects a 2-D array, got a {}-D array",
            m.ndim()
        )));
    }
    let Gradient::Many(g) = gradient(m, &GradientArgs::default())? else {
        return Err(Error::value("edges expects a 2-D array"));
    };
    let dx = Heatmap::new(&g[0], "dx (axis 0)")?;
    let dy = Heatmap::new(&g[1], "dy (axis 1)")?;
    let magnitude = Heatmap {
        title: "|∇f| = hypot(dx, dy)".into(),
        data: dx
            .data
            .iter()
            .zip(&dy.data)
            .map(|(a, b)| a.hypot(*b))
            .collect(),
        ..dx.clone()
    };
    Ok(Edges { dx, dy, magnitude })
}

impl Edges {
    /// The sentence naming the components, shown above the maps.
    pub const CAPTION: &str = "dx, dy = np.gradient(m): dx along axis 0 (down the rows), dy along axis 1 (along each row)";

    /// The numbers shown, for `--json`.
    pub fn to_json(&self) -> Value {
        json!({"caption": Self::CAPTION, "dx": self.dx.to_json(), "dy": self.dy.to_json(),
            "magnitude": self.magnitude.to_json()})
    }
}
