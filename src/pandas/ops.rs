//! Arithmetic on columns with NumPy's dtype rules and pandas' fills
//! (integer `//` and `%` by zero give inf/NaN instead of raising), plus
//! `diff` and index alignment.

use super::column::{Cell, Column};
use super::index::Index;
use super::{Error, ErrorKind, Result};

/// A binary arithmetic operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
}

impl BinOp {
    /// The Python spelling (`+`, `//`, ...).
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
        }
    }
}

/// A scalar repeated `n` times, as a column.
pub(crate) fn broadcast(value: &Cell, n: usize) -> Column {
    match value {
        Cell::Int(i) => Column::Int(vec![*i; n]),
        Cell::Float(x) => Column::Float(vec![*x; n]),
        Cell::Bool(b) => Column::Bool(vec![*b; n]),
        Cell::Str(_) => Column::Object(vec![value.clone(); n]),
    }
}

/// NumPy's `divmod` for floats (`npy_divmod`): the floor quotient and the
/// remainder with the divisor's sign.
fn divmod(a: f64, b: f64) -> (f64, f64) {
    if b == 0.0 {
        return (a / b, f64::NAN);
    }
    let m = a % b;
    let mut div = (a - m) / b;
    let mut m = m;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0f64.copysign(a / b)
    };
    (floordiv, m)
}

fn float_op(a: f64, op: BinOp, b: f64) -> f64 {
    match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => a / b,
        BinOp::FloorDiv => divmod(a, b).0,
        BinOp::Mod => divmod(a, b).1,
        BinOp::Pow => a.powf(b),
    }
}

/// Integer ops that stay integer; `None` where pandas switches to float
/// (division by zero) or NumPy raises (negative powers).
fn int_op(a: i64, op: BinOp, b: i64) -> Result<Option<i64>> {
    Ok(match op {
        BinOp::Add => Some(a.wrapping_add(b)),
        BinOp::Sub => Some(a.wrapping_sub(b)),
        BinOp::Mul => Some(a.wrapping_mul(b)),
        BinOp::FloorDiv | BinOp::Mod if b == 0 => None,
        BinOp::FloorDiv => {
            let q = a.wrapping_div(b);
            Some(if a.wrapping_rem(b) != 0 && ((a < 0) != (b < 0)) {
                q - 1
            } else {
                q
            })
        }
        BinOp::Mod => {
            let r = a.wrapping_rem(b);
            Some(if r != 0 && ((r < 0) != (b < 0)) {
                r + b
            } else {
                r
            })
        }
        BinOp::Pow if b < 0 => {
            return Err(Error::new(
                ErrorKind::ValueError,
                "Integers to negative integer powers are not allowed.",
            ));
        }
        BinOp::Pow => Some(a.wrapping_pow(u32::try_from(b).unwrap_or(u32::MAX))),
        BinOp::Div => None,
    })
}

/// pandas' fill for integer `//` and `%` by zero: ±inf or NaN.
fn int_zero_fill(a: i64, op: BinOp) -> f64 {
    match (op, a.signum()) {
        (BinOp::FloorDiv, 1) => f64::INFINITY,
        (BinOp::FloorDiv, -1) => f64::NEG_INFINITY,
        _ => f64::NAN,
    }
}

fn as_ints(c: &Column) -> Option<Vec<i64>> {
    match c {
        Column::Int(v) => Some(v.clone()),
        Column::Bool(v) => Some(v.iter().map(|&b| i64::from(b)).collect()),
        _ => None,
    }
}

/// `a <op> b` elementwise (same lengths).
pub(crate) fn binop(a: &Column, op: BinOp, b: &Column) -> Result<Column> {
    if matches!(a, Column::Object(_)) || matches!(b, Column::Object(_)) {
        let cells = a
            .cells()
            .iter()
            .zip(b.cells())
            .map(|(x, y)| object_op(x, op, &y))
            .collect::<Result<Vec<_>>>()?;
        return Ok(Column::Object(cells));
    }
    if let (Some(x), Some(y)) = (as_ints(a), as_ints(b))
        && op != BinOp::Div
    {
        let mut ints = Vec::with_capacity(x.len());
        for (&p, &q) in x.iter().zip(&y) {
            match int_op(p, op, q)? {
                Some(v) => ints.push(v),
                None => {
                    let floats = x
                        .iter()
                        .zip(&y)
                        .map(|(&p, &q)| match int_op(p, op, q) {
                            Ok(Some(v)) => v as f64,
                            _ => int_zero_fill(p, op),
                        })
                        .collect();
                    return Ok(Column::Float(floats));
                }
            }
        }
        return Ok(Column::Int(ints));
    }
    let x = a.as_f64().unwrap_or_default();
    let y = b.as_f64().unwrap_or_default();
    Ok(Column::Float(
        x.iter()
            .zip(&y)
            .map(|(&p, &q)| float_op(p, op, q))
            .collect(),
    ))
}

fn type_name(c: &Cell) -> &'static str {
    match c {
        Cell::Int(_) => "int",
        Cell::Float(_) => "float",
        Cell::Bool(_) => "bool",
        Cell::Str(_) => "str",
    }
}

/// One element of an object column, with Python's rules (text repeats
/// and concatenates; NaN propagates through numbers and text alike).
fn object_op(a: &Cell, op: BinOp, b: &Cell) -> Result<Cell> {
    if a.is_na() || b.is_na() {
        return Ok(Cell::Float(f64::NAN));
    }
    match (a, op, b) {
        (Cell::Str(s), BinOp::Add, Cell::Str(t)) => Ok(Cell::Str(format!("{s}{t}"))),
        (Cell::Str(s), BinOp::Mul, Cell::Int(n)) | (Cell::Int(n), BinOp::Mul, Cell::Str(s)) => {
            Ok(Cell::Str(s.repeat(usize::try_from(*n).unwrap_or(0))))
        }
        (Cell::Str(_), ..) | (.., Cell::Str(_)) => Err(Error::new(
            ErrorKind::TypeError,
            format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op.symbol(),
                type_name(a),
                type_name(b)
            ),
        )),
        _ => {
            let col = binop(&broadcast(a, 1), op, &broadcast(b, 1))?;
            Ok(col.get(0))
        }
    }
}

/// `Series.diff(periods)`: float64 (object for object columns), NaN in
/// the first `periods` places.
pub(crate) fn diff(col: &Column, periods: i64) -> Result<Column> {
    let n = col.len();
    let p = periods.unsigned_abs() as usize;
    let source = |i: usize| -> Option<usize> {
        if periods >= 0 {
            i.checked_sub(p)
        } else {
            (i + p < n).then_some(i + p)
        }
    };
    if let Column::Object(cells) = col {
        let out = (0..n)
            .map(|i| match source(i) {
                Some(j) => object_op(&cells[i], BinOp::Sub, &cells[j]),
                None => Ok(Cell::Float(f64::NAN)),
            })
            .collect::<Result<Vec<_>>>()?;
        return Ok(Column::Object(out));
    }
    let v = col.as_f64().unwrap_or_default();
    Ok(Column::Float(
        (0..n)
            .map(|i| source(i).map_or(f64::NAN, |j| v[i] - v[j]))
            .collect(),
    ))
}

/// Outer-join alignment of two labelled columns: the union of the labels
/// (sorted when they are numbers), each side's values on it (NaN where a
/// side lacks the label).
pub(crate) fn align(li: &Index, lv: &Column, ri: &Index, rv: &Column) -> (Index, Column, Column) {
    let mut labels: Vec<Cell> = li.values().cells();
    for c in ri.values().cells() {
        if !labels.contains(&c) {
            labels.push(c);
        }
    }
    let numeric = |c: &Cell| match c {
        Cell::Int(i) => Some(*i as f64),
        Cell::Float(x) => Some(*x),
        _ => None,
    };
    if labels.iter().all(|c| numeric(c).is_some()) {
        labels.sort_by(|a, b| {
            numeric(a)
                .partial_cmp(&numeric(b))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    let pick = |index: &Index, values: &Column| -> Column {
        let idx = index.values().cells();
        let cells = labels
            .iter()
            .map(|l| match idx.iter().position(|c| c == l) {
                Some(p) => values.get(p),
                None => Cell::Float(f64::NAN),
            })
            .collect();
        Column::from_cells(cells)
    };
    let (left, right) = (pick(li, lv), pick(ri, rv));
    let index = Index::from_column(li.name.clone(), Column::from_cells(labels));
    (index, left, right)
}
