//! The one theme every view is drawn with (like ratatui's demo2 `THEME`).
//! Colours are RGB; the ANSI writer maps them down for 256/16-colour
//! terminals and drops them entirely in plain mode.

use ratatui::style::{Color, Modifier, Style};

/// Styles of the parts of a view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Whether colour reaches the screen (false: draw glyph twins).
    pub color: bool,
    pub title: Style,
    pub header: Style,
    pub note: Style,
    pub index: Style,
    pub value: Style,
    pub diff: Style,
    pub gradient: Style,
    pub scheme: Style,
    pub holds: Style,
    pub fails: Style,
    pub not_applicable: Style,
    pub warning: Style,
    pub axis: Style,
    /// Line colours of plotted series, in order.
    pub series: [Color; 6],
    /// Diverging scale: low end, middle, high end.
    pub diverging: [Color; 3],
    /// Sequential scale: low end, high end.
    pub sequential: [Color; 2],
    /// Cells whose value is NaN or infinite.
    pub nonfinite: Style,
}

const BLUE: Color = Color::Rgb(66, 133, 244);
const ORANGE: Color = Color::Rgb(245, 146, 56);
const GREEN: Color = Color::Rgb(76, 175, 80);
const RED: Color = Color::Rgb(229, 57, 53);
const GREY: Color = Color::Rgb(140, 140, 140);

pub const THEME: Theme = Theme {
    color: true,
    title: Style::new().add_modifier(Modifier::BOLD),
    header: Style::new().fg(GREY).add_modifier(Modifier::BOLD),
    note: Style::new().fg(GREY),
    index: Style::new().fg(GREY),
    value: Style::new(),
    diff: Style::new().fg(ORANGE),
    gradient: Style::new().fg(BLUE),
    scheme: Style::new().fg(GREY),
    holds: Style::new().fg(GREEN),
    fails: Style::new().fg(RED),
    not_applicable: Style::new().fg(GREY),
    warning: Style::new().fg(RED).add_modifier(Modifier::BOLD),
    axis: Style::new().fg(GREY),
    series: [
        Color::Rgb(220, 220, 220),
        BLUE,
        ORANGE,
        GREEN,
        Color::Rgb(171, 71, 188),
        Color::Rgb(0, 172, 193),
    ],
    diverging: [
        Color::Rgb(33, 102, 172),
        Color::Rgb(247, 247, 247),
        Color::Rgb(178, 24, 43),
    ],
    sequential: [Color::Rgb(20, 20, 60), Color::Rgb(253, 231, 37)],
    nonfinite: Style::new().fg(Color::Rgb(255, 0, 255)),
};

impl Theme {
    /// Colour at `t ∈ [0, 1]` of the diverging (`true`) or sequential scale,
    /// linearly interpolated in RGB.
    pub fn scale_color(&self, t: f64, diverging: bool) -> Color {
        let t = t.clamp(0.0, 1.0);
        let (a, b, u) = if !diverging {
            (self.sequential[0], self.sequential[1], t)
        } else if t < 0.5 {
            (self.diverging[0], self.diverging[1], t * 2.0)
        } else {
            (self.diverging[1], self.diverging[2], t * 2.0 - 1.0)
        };
        match (a, b) {
            (Color::Rgb(r0, g0, b0), Color::Rgb(r1, g1, b1)) => {
                let mix =
                    |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * u).round() as u8;
                Color::Rgb(mix(r0, r1), mix(g0, g1), mix(b0, b1))
            }
            _ => a,
        }
    }
}

impl Theme {
    /// The theme for plain output: widgets that can draw a non-colour twin
    /// (glyph ramps instead of colour swatches) check `color`.
    pub fn plain(&self) -> Theme {
        Theme {
            color: false,
            ..*self
        }
    }
}
