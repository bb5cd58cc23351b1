//! Colours, markers and line styles, and matplotlib's format strings
//! (`"o-"`, `"r--"`, `"k:"`).

use super::{Error, Result};

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

/// matplotlib's default property cycle (`tab10`), C0 … C9.
pub const CYCLE: [Color; 10] = [
    Color(0x1f, 0x77, 0xb4),
    Color(0xff, 0x7f, 0x0e),
    Color(0x2c, 0xa0, 0x2c),
    Color(0xd6, 0x27, 0x28),
    Color(0x94, 0x67, 0xbd),
    Color(0x8c, 0x56, 0x4b),
    Color(0xe3, 0x77, 0xc2),
    Color(0x7f, 0x7f, 0x7f),
    Color(0xbc, 0xbd, 0x22),
    Color(0x17, 0xbe, 0xcf),
];

/// The one-letter colours of format strings.
fn letter_color(c: char) -> Option<Color> {
    Some(match c {
        'b' => Color(0, 0, 255),
        'g' => Color(0, 128, 0),
        'r' => Color(255, 0, 0),
        'c' => Color(0, 191, 191),
        'm' => Color(191, 0, 191),
        'y' => Color(191, 191, 0),
        'k' => Color(0, 0, 0),
        'w' => Color(255, 255, 255),
        _ => return None,
    })
}

impl Color {
    /// A colour as matplotlib accepts it: a letter, `C0`–`C9`, `#rrggbb`,
    /// a grey level `"0.5"`, or a common name (`tab:` names too).
    ///
    /// # Errors
    /// `ValueError: 'x' is not a valid color value.`
    pub fn parse(spec: &str) -> Result<Color> {
        let s = spec.trim().to_ascii_lowercase();
        let s = s.strip_prefix("tab:").unwrap_or(&s);
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && let Some(color) = letter_color(c)
        {
            return Ok(color);
        }
        if let Some(k) = s.strip_prefix('c').and_then(|d| d.parse::<usize>().ok()) {
            return Ok(CYCLE[k % 10]);
        }
        if let Some(hex) = s.strip_prefix('#')
            && hex.len() == 6
            && let Ok(v) = u32::from_str_radix(hex, 16)
        {
            return Ok(Color((v >> 16) as u8, (v >> 8) as u8, v as u8));
        }
        if let Ok(level) = s.parse::<f64>()
            && (0.0..=1.0).contains(&level)
        {
            let v = (level * 255.0).round() as u8;
            return Ok(Color(v, v, v));
        }
        let named = match s {
            "blue" => CYCLE[0],
            "orange" => CYCLE[1],
            "green" => CYCLE[2],
            "red" => CYCLE[3],
            "purple" => CYCLE[4],
            "brown" => CYCLE[5],
            "pink" => CYCLE[6],
            "gray" | "grey" => CYCLE[7],
            "olive" => CYCLE[8],
            "cyan" => CYCLE[9],
            "black" => Color(0, 0, 0),
            "white" => Color(255, 255, 255),
            "yellow" => Color(255, 255, 0),
            "magenta" => Color(255, 0, 255),
            "navy" => Color(0, 0, 128),
            "darkgreen" => Color(0, 100, 0),
            "lightgray" | "lightgrey" => Color(211, 211, 211),
            _ => {
                return Err(Error::value(format!(
                    "{spec:?} is not a valid color value."
                )));
            }
        };
        // Plain names are CSS colours, `tab:` names the tab10 ones.
        if spec.trim().starts_with("tab:") {
            return Ok(named);
        }
        Ok(match s {
            "blue" => Color(0, 0, 255),
            "green" => Color(0, 128, 0),
            "red" => Color(255, 0, 0),
            "orange" => Color(255, 165, 0),
            "purple" => Color(128, 0, 128),
            "brown" => Color(165, 42, 42),
            "pink" => Color(255, 192, 203),
            "gray" | "grey" => Color(128, 128, 128),
            "olive" => Color(128, 128, 0),
            "cyan" => Color(0, 255, 255),
            _ => named,
        })
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// A marker symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    Point,
    Pixel,
    Circle,
    TriangleDown,
    TriangleUp,
    Square,
    Plus,
    Cross,
    Diamond,
    Star,
}

impl Marker {
    fn from_char(c: char) -> Option<Marker> {
        Some(match c {
            '.' => Marker::Point,
            ',' => Marker::Pixel,
            'o' => Marker::Circle,
            'v' => Marker::TriangleDown,
            '^' | '<' | '>' => Marker::TriangleUp,
            's' | 'p' | 'h' | 'H' | '8' => Marker::Square,
            '+' | 'P' => Marker::Plus,
            'x' | 'X' => Marker::Cross,
            'D' | 'd' => Marker::Diamond,
            '*' => Marker::Star,
            _ => return None,
        })
    }

    /// A marker given as `marker="o"`.
    ///
    /// # Errors
    /// `ValueError` for an unknown symbol.
    pub fn parse(spec: &str) -> Result<Option<Marker>> {
        if spec.is_empty() || spec == "None" || spec == "none" {
            return Ok(None);
        }
        let mut chars = spec.chars();
        match (chars.next().and_then(Marker::from_char), chars.next()) {
            (Some(m), None) => Ok(Some(m)),
            _ => Err(Error::value(format!("Unrecognized marker style {spec:?}"))),
        }
    }
}

/// How a line is stroked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStyle {
    Solid,
    Dashed,
    DashDot,
    Dotted,
    /// No line (markers only).
    None,
}

impl LineStyle {
    /// `linestyle="--"` or `"dashed"`.
    ///
    /// # Errors
    /// `ValueError` for an unknown style.
    pub fn parse(spec: &str) -> Result<LineStyle> {
        Ok(match spec {
            "-" | "solid" => LineStyle::Solid,
            "--" | "dashed" => LineStyle::Dashed,
            "-." | "dashdot" => LineStyle::DashDot,
            ":" | "dotted" => LineStyle::Dotted,
            "" | " " | "None" | "none" => LineStyle::None,
            _ => {
                return Err(Error::value(format!(
                    "{spec:?} is not a valid value for ls; supported values are '-', '--', '-.', ':', 'None', ' ', '', 'solid', 'dashed', 'dashdot', 'dotted'"
                )));
            }
        })
    }
}

/// The style parts of a format string.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Fmt {
    pub color: Option<Color>,
    pub marker: Option<Marker>,
    pub linestyle: Option<LineStyle>,
}

/// matplotlib's `_process_plot_format`: colour letter (or `C0`–`C9`),
/// marker and line style in any order; a marker alone means no line.
///
/// # Errors
/// `ValueError: 'q' is not a valid format string (unrecognized character
/// 'q')`, or two symbols of one kind.
pub fn parse_fmt(fmt: &str) -> Result<Fmt> {
    let bad = |why: String| Error::value(format!("'{fmt}' is not a valid format string ({why})"));
    let mut out = Fmt::default();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
        if two == "--" || two == "-." {
            if out.linestyle.is_some() {
                return Err(bad("two linestyle symbols".into()));
            }
            out.linestyle = Some(LineStyle::parse(&two)?);
            i += 2;
            continue;
        }
        if c == '-' || c == ':' {
            if out.linestyle.is_some() {
                return Err(bad("two linestyle symbols".into()));
            }
            out.linestyle = Some(LineStyle::parse(&c.to_string())?);
        } else if let Some(m) = Marker::from_char(c) {
            if out.marker.is_some() {
                return Err(bad("two marker symbols".into()));
            }
            out.marker = Some(m);
        } else if let Some(color) = letter_color(c) {
            if out.color.is_some() {
                return Err(bad("two color symbols".into()));
            }
            out.color = Some(color);
        } else if c == 'C' && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            if out.color.is_some() {
                return Err(bad("two color symbols".into()));
            }
            out.color = Some(CYCLE[chars[i + 1].to_digit(10).unwrap_or(0) as usize]);
            i += 1;
        } else {
            return Err(bad(format!("unrecognized character '{c}'")));
        }
        i += 1;
    }
    if out.marker.is_some() && out.linestyle.is_none() {
        out.linestyle = Some(LineStyle::None);
    }
    Ok(out)
}

/// Keyword arguments of `plot`/`scatter`/`bar`/`axhline`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineKw {
    pub label: Option<String>,
    pub color: Option<String>,
    pub linestyle: Option<String>,
    pub marker: Option<String>,
    pub linewidth: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_strings() {
        let f = parse_fmt("r--").unwrap();
        assert_eq!(
            (f.color, f.linestyle, f.marker),
            (Some(Color(255, 0, 0)), Some(LineStyle::Dashed), None)
        );
        let f = parse_fmt("o").unwrap();
        assert_eq!(
            (f.marker, f.linestyle),
            (Some(Marker::Circle), Some(LineStyle::None))
        );
        let f = parse_fmt("C2o-").unwrap();
        assert_eq!(
            (f.color, f.marker, f.linestyle),
            (Some(CYCLE[2]), Some(Marker::Circle), Some(LineStyle::Solid))
        );
        assert_eq!(
            parse_fmt("q").unwrap_err().message,
            "'q' is not a valid format string (unrecognized character 'q')"
        );
        assert!(parse_fmt("rg").is_err());
    }

    #[test]
    fn colours() {
        assert_eq!(Color::parse("tab:orange").unwrap(), CYCLE[1]);
        assert_eq!(Color::parse("#ff0000").unwrap(), Color(255, 0, 0));
        assert_eq!(Color::parse("0.5").unwrap(), Color(128, 128, 128));
        assert!(Color::parse("blurple").is_err());
    }
}
