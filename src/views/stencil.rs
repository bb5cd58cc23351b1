//! The finite-difference stencil `np.gradient` applies at one element: its
//! scheme, its formula (symbolic and with numbers substituted) and its value
//! evaluated in NumPy's own operation order (`numpy/lib/_function_base_impl.py`).

use super::lanes::AxisSpacing;
use super::numfmt::{minus, num, num_paren};
use crate::engine::EdgeOrder;

/// Which neighbours a stencil uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Forward,
    Central,
    Backward,
}

/// How one gradient element is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scheme {
    pub side: Side,
    /// Order of accuracy: 1 or 2.
    pub order: u8,
    pub uniform: bool,
}

impl Scheme {
    /// `forward, 1st order` / `central, 2nd order, non-uniform`.
    pub fn label(&self) -> String {
        let side = match self.side {
            Side::Forward => "forward",
            Side::Central => "central",
            Side::Backward => "backward",
        };
        let order = if self.order == 1 { "1st" } else { "2nd" };
        let grid = if self.uniform { "" } else { ", non-uniform" };
        format!("{side}, {order} order{grid}")
    }

    /// A short form for narrow tables: `fwd 1`, `ctr 2 nu`.
    pub fn short(&self) -> String {
        let side = match self.side {
            Side::Forward => "fwd",
            Side::Central => "ctr",
            Side::Backward => "bwd",
        };
        let grid = if self.uniform { "" } else { " nu" };
        format!("{side} {}{grid}", self.order)
    }
}

/// One gradient element explained.
#[derive(Clone, Debug, PartialEq)]
pub struct Stencil {
    pub scheme: Scheme,
    /// Lane positions the stencil reads.
    pub taps: Vec<usize>,
    /// `(f[1] − f[0]) / h`.
    pub symbolic: String,
    /// `(2 − 1) / 1`.
    pub substituted: String,
    /// The formula evaluated in NumPy's operation order.
    pub value: f64,
    /// `h₁ = x[2] − x[1] = 4, h₂ = 5` for non-uniform stencils.
    pub distances: Option<String>,
}

/// The stencil `np.gradient(..., edge_order)` uses at position `i` of a lane
/// `y` (already float64) with spacing `sp`; `name(k)` renders the input
/// element at lane position `k` (`f[k]`, `f[1, k]`).
///
/// Requires `y.len() >= edge_order.min_len()` (the engine rejects shorter lanes).
pub fn stencil(
    y: &[f64],
    i: usize,
    edge_order: EdgeOrder,
    sp: &AxisSpacing,
    name: &dyn Fn(usize) -> String,
) -> Stencil {
    let n = y.len();
    let uniform = sp.uniform.is_some();
    let (side, order) = if i == 0 {
        (Side::Forward, edge_order.edge_accuracy())
    } else if i == n - 1 {
        (Side::Backward, edge_order.edge_accuracy())
    } else {
        (Side::Central, 2)
    };
    let scheme = Scheme {
        side,
        order,
        uniform,
    };
    let f = |k: usize| num_paren(y[k]);
    let h_sym = |k: usize| {
        if uniform {
            "h".to_string()
        } else {
            format!("(x[{}] − x[{k}])", k + 1)
        }
    };
    let h_num = |k: usize| num_paren(sp.dx(k));
    let two_h = |k: usize| {
        if uniform {
            format!("(2·{})", h_num(k))
        } else {
            unreachable!()
        }
    };
    let dist = |k: usize| {
        format!(
            "h₁ = x[{}] − x[{}] = {}, h₂ = x[{}] − x[{}] = {}",
            k + 1,
            k,
            minus(&num(sp.dx(k))),
            k + 2,
            k + 1,
            minus(&num(sp.dx(k + 1)))
        )
    };
    let three = |k: usize, (a, b, c): (f64, f64, f64)| {
        (
            format!("a·{} + b·{} + c·{}", name(k), name(k + 1), name(k + 2)),
            format!(
                "{}·{} + {}·{} + {}·{}",
                num_paren(a),
                f(k),
                num_paren(b),
                f(k + 1),
                num_paren(c),
                f(k + 2)
            ),
            a * y[k] + b * y[k + 1] + c * y[k + 2],
        )
    };
    let (taps, symbolic, substituted, value, distances) = match (side, order, uniform) {
        (Side::Forward, 1, _) => (
            vec![0, 1],
            format!("({} − {}) / {}", name(1), name(0), h_sym(0)),
            format!("({} − {}) / {}", f(1), f(0), h_num(0)),
            (y[1] - y[0]) / sp.dx(0),
            None,
        ),
        (Side::Backward, 1, _) => (
            vec![n - 2, n - 1],
            format!("({} − {}) / {}", name(n - 1), name(n - 2), h_sym(n - 2)),
            format!("({} − {}) / {}", f(n - 1), f(n - 2), h_num(n - 2)),
            (y[n - 1] - y[n - 2]) / sp.dx(n - 2),
            None,
        ),
        (Side::Central, _, true) => (
            vec![i - 1, i + 1],
            format!("({} − {}) / (2h)", name(i + 1), name(i - 1)),
            format!("({} − {}) / {}", f(i + 1), f(i - 1), two_h(i)),
            (y[i + 1] - y[i - 1]) / (2.0 * sp.dx(i)),
            None,
        ),
        (Side::Central, _, false) => {
            let (h1, h2) = (sp.dx(i - 1), sp.dx(i));
            let w = (
                -h2 / (h1 * (h1 + h2)),
                (h2 - h1) / (h1 * h2),
                h1 / (h2 * (h1 + h2)),
            );
            let (s, t, v) = three(i - 1, w);
            (vec![i - 1, i, i + 1], s, t, v, Some(dist(i - 1)))
        }
        (Side::Forward, _, true) => {
            let h = sp.dx(0);
            (
                vec![0, 1, 2],
                format!("(−3·{} + 4·{} − {}) / (2h)", name(0), name(1), name(2)),
                format!("(−3·{} + 4·{} − {}) / {}", f(0), f(1), f(2), two_h(0)),
                -1.5 / h * y[0] + 2.0 / h * y[1] + -0.5 / h * y[2],
                None,
            )
        }
        (Side::Backward, _, true) => {
            let h = sp.dx(n - 2);
            (
                vec![n - 3, n - 2, n - 1],
                format!(
                    "({} − 4·{} + 3·{}) / (2h)",
                    name(n - 3),
                    name(n - 2),
                    name(n - 1)
                ),
                format!(
                    "({} − 4·{} + 3·{}) / {}",
                    f(n - 3),
                    f(n - 2),
                    f(n - 1),
                    two_h(n - 2)
                ),
                0.5 / h * y[n - 3] + -2.0 / h * y[n - 2] + 1.5 / h * y[n - 1],
                None,
            )
        }
        (Side::Forward, _, false) => {
            let (h1, h2) = (sp.dx(0), sp.dx(1));
            let w = (
                -(2.0 * h1 + h2) / (h1 * (h1 + h2)),
                (h1 + h2) / (h1 * h2),
                -h1 / (h2 * (h1 + h2)),
            );
            let (s, t, v) = three(0, w);
            (vec![0, 1, 2], s, t, v, Some(dist(0)))
        }
        (Side::Backward, _, false) => {
            let (h1, h2) = (sp.dx(n - 3), sp.dx(n - 2));
            let w = (
                h2 / (h1 * (h1 + h2)),
                -(h2 + h1) / (h1 * h2),
                (2.0 * h2 + h1) / (h2 * (h1 + h2)),
            );
            let (s, t, v) = three(n - 3, w);
            (vec![n - 3, n - 2, n - 1], s, t, v, Some(dist(n - 3)))
        }
    };
    Stencil {
        scheme,
        taps,
        symbolic,
        substituted,
        value,
        distances,
    }
}

/// The weight formulas of the non-uniform three-point stencils, stated once.
pub const NONUNIFORM_WEIGHTS: [(&str, &str); 3] = [
    (
        "central",
        "a = −h₂/(h₁(h₁+h₂)), b = (h₂−h₁)/(h₁h₂), c = h₁/(h₂(h₁+h₂))",
    ),
    (
        "forward",
        "a = −(2h₁+h₂)/(h₁(h₁+h₂)), b = (h₁+h₂)/(h₁h₂), c = −h₁/(h₂(h₁+h₂))",
    ),
    (
        "backward",
        "a = h₂/(h₁(h₁+h₂)), b = −(h₁+h₂)/(h₁h₂), c = (2h₂+h₁)/(h₂(h₁+h₂))",
    ),
];

/// Where a non-finite value came from: the non-finite inputs the stencil
/// read (`f[2] = nan`), else a zero/non-finite spacing, else overflow.
pub fn origin(y: &[f64], taps: &[usize], name: &dyn Fn(usize) -> String, h: &[f64]) -> String {
    let bad: Vec<String> = taps
        .iter()
        .filter(|&&k| !y[k].is_finite())
        .map(|&k| format!("{} = {}", name(k), num(y[k])))
        .collect();
    if !bad.is_empty() {
        format!("from {}", bad.join(", "))
    } else if h.iter().any(|&d| d == 0.0 || !d.is_finite()) {
        "from a zero or non-finite spacing".into()
    } else {
        "overflow: the inputs are finite".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(h: f64) -> AxisSpacing {
        AxisSpacing {
            coords: None,
            uniform: Some(h),
        }
    }

    fn f(k: usize) -> String {
        format!("f[{k}]")
    }

    #[test]
    fn tutorial_stencils_have_the_tutorial_values() {
        let y = [1.0, 2.0, 4.0, 7.0, 11.0, 16.0];
        let cases: [(usize, i64, f64, f64); 5] = [
            (0, 1, 1.0, 1.0),
            (1, 1, 1.0, 1.5),
            (5, 1, 1.0, 5.0),
            (0, 2, 1.0, 0.5),
            (5, 2, 1.0, 5.5),
        ];
        for (i, eo, h, want) in cases {
            assert_eq!(
                stencil(&y, i, EdgeOrder::new(eo), &unit(h), &f).value,
                want,
                "g[{i}] eo={eo}"
            );
        }
        assert_eq!(
            stencil(&y, 2, EdgeOrder::new(1), &unit(2.0), &f).value,
            1.25
        );
    }

    #[test]
    fn formulas_show_the_substituted_numbers() {
        let y = [1.0, 2.0, 4.0, 7.0];
        let s = stencil(&y, 0, EdgeOrder::new(2), &unit(1.0), &f);
        assert_eq!(s.symbolic, "(−3·f[0] + 4·f[1] − f[2]) / (2h)");
        assert_eq!(s.substituted, "(−3·1 + 4·2 − 4) / (2·1)");
        assert_eq!(s.scheme.label(), "forward, 2nd order");
    }
}
