//! NumPy 2.x printing, byte for byte: `repr` and `str` of arrays, NumPy
//! scalars and Python floats, per `numpy-printing.md`.
//!
//! ```
//! use gradlab::array::Array;
//! use gradlab::format::{PrintOptions, array_repr, array_str};
//! let a = Array::from_f64(vec![1.0, 1.5, 2.0]);
//! let o = PrintOptions::default();
//! assert_eq!(array_repr(&a, &o), "array([1. , 1.5, 2. ])");
//! assert_eq!(array_str(&a, &o), "[1.  1.5 2. ]");
//! ```
//!
//! Everything here is a pure function of the value and the options. The
//! cost is linear in the number of *printed* elements: a summarised array
//! of any size formats at most `(2 * edgeitems)^ndim` elements.

mod digits;
pub mod dragon4;
mod float;
mod layout;
mod scalar;

use std::fmt::Display;

use ndarray::ArrayViewD;

use crate::array::{Array, Complex128, DType, Element, dispatch};
use float::FloatFormat;
use layout::{Layout, for_each_index, formatter_axis};

pub use crate::array::{shape_repr, tuple_repr};
pub use digits::py_float;
pub use scalar::{
    py_repr_str, scalar_repr, scalar_repr_bool, scalar_repr_f64, scalar_repr_i64, scalar_str,
    scalar_str_bool, scalar_str_f64, scalar_str_i64,
};

/// Print options: NumPy's `np.set_printoptions` (except `nanstr`,
/// `infstr`, `formatter` and `override_repr`).
///
/// `precision` is the maximum number of fractional (positional) or mantissa
/// (scientific) digits (`None`: as many as the shortest repr needs);
/// `linewidth` the line width; arrays with more than `threshold` elements
/// are summarised to `edgeitems` items at each end of every long axis;
/// `suppress` prints small numbers positionally; `floatmode` and `sign`
/// are NumPy's; `legacy` imitates an older NumPy's output.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PrintOptions {
    pub precision: Option<usize>,
    pub linewidth: usize,
    pub threshold: Threshold,
    pub edgeitems: usize,
    pub suppress: bool,
    pub floatmode: FloatMode,
    pub sign: Sign,
    pub legacy: Legacy,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            precision: Some(8),
            linewidth: 75,
            threshold: Threshold::Int(1000),
            edgeitems: 3,
            suppress: false,
            floatmode: FloatMode::MaxPrec,
            sign: Sign::Minus,
            legacy: Legacy::OFF,
        }
    }
}

/// `threshold=`: an int, or a float such as `np.inf` (kept as given, as
/// `np.get_printoptions` shows it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Threshold {
    Int(i64),
    Float(f64),
}

impl Threshold {
    /// Whether an array of `n` elements is summarised (`n > threshold`).
    pub fn exceeded_by(self, n: usize) -> bool {
        match self {
            Threshold::Int(t) => i128::try_from(n).unwrap_or(i128::MAX) > i128::from(t),
            Threshold::Float(t) => (n as f64) > t,
        }
    }
}

/// `floatmode=`: how `precision` is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatMode {
    /// Always `precision` digits.
    Fixed,
    /// The shortest round-trip digits of each element.
    Unique,
    /// At most `precision` digits, fewer when they round-trip (default).
    MaxPrec,
    /// At most `precision` digits, the same number for every element.
    MaxPrecEqual,
}

impl FloatMode {
    /// NumPy's spelling.
    pub fn name(self) -> &'static str {
        match self {
            FloatMode::Fixed => "fixed",
            FloatMode::Unique => "unique",
            FloatMode::MaxPrec => "maxprec",
            FloatMode::MaxPrecEqual => "maxprec_equal",
        }
    }

    /// From NumPy's spelling.
    pub fn parse(s: &str) -> Option<FloatMode> {
        [
            FloatMode::Fixed,
            FloatMode::Unique,
            FloatMode::MaxPrec,
            FloatMode::MaxPrecEqual,
        ]
        .into_iter()
        .find(|m| m.name() == s)
    }
}

/// `sign=`: what goes in the sign position of non-negative numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// `'-'`: nothing.
    Minus,
    /// `'+'`: a plus sign.
    Plus,
    /// `' '`: a space.
    Space,
}

impl Sign {
    /// NumPy's spelling.
    pub fn text(self) -> &'static str {
        match self {
            Sign::Minus => "-",
            Sign::Plus => "+",
            Sign::Space => " ",
        }
    }
}

/// `legacy=`: the NumPy version whose output is imitated, as NumPy's
/// internal level (`113` for `'1.13'` ... `202` for `'2.2'`, `OFF` for
/// `False`). Only the behaviours reachable with bool/int/float64 arrays
/// matter: up to 1.25 NumPy scalars print without their type, up to 2.2
/// summarised arrays without `shape=`, and 1.13 pads signs and 0-d arrays
/// differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Legacy(u32);

impl Legacy {
    /// `legacy=False`.
    pub const OFF: Legacy = Legacy(u32::MAX);

    /// From NumPy's spelling (`'1.13'`, `'1.21'`, `'1.25'`, `'2.1'`, `'2.2'`).
    pub fn parse(s: &str) -> Option<Legacy> {
        Some(Legacy(match s {
            "1.13" => 113,
            "1.21" => 121,
            "1.25" => 125,
            "2.1" => 201,
            "2.2" => 202,
            _ => return None,
        }))
    }

    /// NumPy's spelling, `None` for `False`.
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            113 => "1.13",
            121 => "1.21",
            125 => "1.25",
            201 => "2.1",
            202 => "2.2",
            _ => return None,
        })
    }

    /// The internal level, compared as NumPy does (`legacy <= 125`).
    pub fn level(self) -> u32 {
        self.0
    }
}

/// `repr(a)` of an ndarray (rules E2, E4, R1-R3), e.g.
/// `array([1. , 1.5, 2. ])`, `array(2.5)`, `array([], dtype=float64)`,
/// `array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))`.
pub fn array_repr(a: &Array, opts: &PrintOptions) -> String {
    const PREFIX: &str = "array(";
    let shape = a.shape();
    let body = if opts.legacy.level() <= 113 && shape.is_empty() {
        legacy_item_repr(a)
    } else {
        array2string(a, opts, ", ", PREFIX, ")")
    };

    let mut extras = Vec::new();
    // NumPy compares the legacy level with 210 here, so '2.2' drops the
    // shape too.
    if (a.is_empty() && shape != [0])
        || (opts.legacy.level() > 210 && opts.threshold.exceeded_by(a.len()))
    {
        extras.push(format!("shape={}", shape_repr(shape)));
    }
    if a.is_empty()
        || !a.dtype().is_default_repr()
        || (opts.legacy.level() <= 113 && a.dtype() == DType::Bool)
    {
        extras.push(format!("dtype={}", a.dtype().name()));
    }
    if extras.is_empty() {
        return format!("{PREFIX}{body})");
    }
    // Rule R2: the suffix goes on a line of its own if it does not fit.
    let head = format!("{PREFIX}{body},");
    let tail = format!("{})", extras.join(", "));
    let last_line = head.len() - head.rfind('\n').map_or(0, |i| i + 1);
    if opts.legacy.level() > 113 && last_line + 1 + tail.len() > opts.linewidth {
        format!("{head}\n{}{tail}", " ".repeat(PREFIX.len()))
    } else {
        format!("{head} {tail}")
    }
}

/// `str(a)` of an ndarray (rules E3, N3), e.g. `[1.  1.5 2. ]`; a 0-d array
/// prints its scalar (`2.5`, `1e-05`, `True`).
pub fn array_str(a: &Array, opts: &PrintOptions) -> String {
    if a.ndim() == 0 {
        return scalar_str(a.first().expect("a 0-d array has one element"));
    }
    array2string(a, opts, " ", "", "")
}

/// Python's `repr` of a 0-d array's item (what legacy 1.13 prints).
fn legacy_item_repr(a: &Array) -> String {
    match a.first().expect("a 0-d array has one element") {
        crate::array::Scalar::Float64(x) => py_float(x),
        s => scalar_str(s),
    }
}

/// NumPy's `np.array2string(a, separator=, prefix=, suffix=)` under `opts`:
/// the body of `a`, its continuation lines indented by the length of
/// `prefix` (which is not printed), the last line leaving room for `suffix`
/// (not printed either).
pub fn array2string(
    a: &Array,
    opts: &PrintOptions,
    separator: &str,
    prefix: &str,
    suffix: &str,
) -> String {
    let legacy = opts.legacy.level();
    if legacy <= 113 && a.ndim() == 0 {
        return legacy_item_repr(a);
    }
    let width = if legacy > 113 {
        opts.linewidth as i64 - suffix.chars().count() as i64
    } else {
        opts.linewidth as i64
    };
    if a.is_empty() {
        return "[]".to_string();
    }
    let shape = a.shape();
    let summarise = opts.threshold.exceeded_by(a.len());
    let layout = Layout {
        shape,
        summarise,
        edge: opts.edgeitems,
        separator,
        width,
        prefix_len: prefix.chars().count(),
        legacy113: legacy <= 113,
    };
    let axes: Vec<Vec<usize>> = shape
        .iter()
        .map(|&n| formatter_axis(n, summarise, opts.edgeitems))
        .collect();
    match a.dtype() {
        DType::Float64 => float_body(&a.read::<f64>().view(), &axes, &layout, opts),
        DType::Float32 => {
            let r = a.read::<f32>();
            let x = r.view();
            let mut printed = Vec::new();
            for_each_index(&axes, |i| printed.push(f64::from(x[i])));
            let f = FloatFormat::typed(printed.iter().copied(), opts, x.ndim() == 0, true);
            layout.body(&|i| f.render(f64::from(x[i])))
        }
        DType::Complex128 => {
            let r = a.read::<Complex128>();
            let x = r.view();
            let mut printed = Vec::new();
            for_each_index(&axes, |i| printed.push(x[i]));
            let zero_d = x.ndim() == 0;
            let re = FloatFormat::new(printed.iter().map(|z| z.re), opts, zero_d);
            let imag_opts = PrintOptions {
                sign: Sign::Plus,
                ..*opts
            };
            let im = FloatFormat::new(printed.iter().map(|z| z.im), &imag_opts, zero_d);
            layout.body(&|i| {
                // NumPy's ComplexFloatingFormat: the imaginary part's
                // padding goes after the `j`.
                let imag = im.render(x[i].im);
                let kept = imag.trim_end();
                let pad = imag.len() - kept.len();
                format!("{}{kept}j{}", re.render(x[i].re), " ".repeat(pad))
            })
        }
        DType::Bool => {
            let r = a.read::<bool>();
            let x = r.view();
            // Rule B1: ` True` in arrays with ndim >= 1, `True` when 0-d.
            let true_str = if shape.is_empty() { "True" } else { " True" };
            layout.body(&|i| if x[i] { true_str } else { "False" }.to_string())
        }
        d if d.is_integer() => {
            dispatch!(d, T => int_body(&a.read::<T>().view(), &axes, &layout, opts.sign))
        }
        d => unreachable!("every dtype has a formatter: {d}"),
    }
}

fn float_body(
    x: &ArrayViewD<'_, f64>,
    axes: &[Vec<usize>],
    layout: &Layout<'_>,
    opts: &PrintOptions,
) -> String {
    let mut printed = Vec::new();
    for_each_index(axes, |i| printed.push(x[i]));
    let f = FloatFormat::new(printed.iter().copied(), opts, x.ndim() == 0);
    layout.body(&|i| f.render(x[i]))
}

fn int_body<T: Element + Display>(
    x: &ArrayViewD<'_, T>,
    axes: &[Vec<usize>],
    layout: &Layout<'_>,
    sign: Sign,
) -> String {
    // Every integer dtype's values fit in an i128 (uint64 included).
    let wide = |v: &T| -> i128 { v.to_string().parse().unwrap_or_default() };
    let mut printed = Vec::new();
    for_each_index(axes, |i| printed.push(wide(&x[i])));
    let f = int_format(&printed, sign);
    layout.body(&|i| f(wide(&x[i])))
}

/// NumPy's `IntegerFormat`: one width for the printed elements, with the
/// sign option (`' '` falls back to `'-'` when an element is negative).
fn int_format(printed: &[i128], sign: Sign) -> impl Fn(i128) -> String {
    let (min, max) = printed.iter().fold((i128::MAX, i128::MIN), |(lo, hi), &x| {
        (lo.min(x), hi.max(x))
    });
    let mut sign = sign;
    let mut width = 0;
    if !printed.is_empty() {
        if sign == Sign::Space && min < 0 {
            sign = Sign::Minus;
        }
        let mut max_len = max.to_string().len();
        if max >= 0 && sign != Sign::Minus {
            max_len += 1;
        }
        width = max_len.max(min.to_string().len());
    }
    move |x: i128| {
        let s = match sign {
            Sign::Plus if x >= 0 => format!("+{x}"),
            Sign::Space if x >= 0 => format!(" {x}"),
            _ => x.to_string(),
        };
        format!("{s:>width$}")
    }
}

#[cfg(test)]
mod tests;
