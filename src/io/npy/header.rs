//! The `.npy` header: a Python dict literal such as
//! `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`, parsed
//! and checked with the messages of `numpy.lib.format`.

use super::super::Error;
use super::super::parse::py_str_repr;
use super::shape::Dim;
use crate::array::DType;

/// The Python literals a header can hold (`ast.literal_eval` subset).
#[derive(Clone, Debug, PartialEq)]
enum Lit {
    Str(String),
    Bool(bool),
    Int(i128),
    /// An int beyond `i128`, as Python prints it.
    Huge(String),
    None,
    Tuple(Vec<Lit>),
    List(Vec<Lit>),
    Dict(Vec<(Lit, Lit)>),
}

impl Lit {
    /// Python's `repr`.
    fn repr(&self) -> String {
        let join = |items: &[Lit]| items.iter().map(Lit::repr).collect::<Vec<_>>().join(", ");
        match self {
            Lit::Str(s) => py_str_repr(s),
            Lit::Bool(b) => if *b { "True" } else { "False" }.into(),
            Lit::Int(i) => i.to_string(),
            Lit::Huge(digits) => digits.clone(),
            Lit::None => "None".into(),
            Lit::Tuple(t) if t.len() == 1 => format!("({},)", t[0].repr()),
            Lit::Tuple(t) => format!("({})", join(t)),
            Lit::List(l) => format!("[{}]", join(l)),
            Lit::Dict(d) => {
                let items: Vec<String> = d
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.repr(), v.repr()))
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
        }
    }
}

/// A tiny recursive-descent parser over the header text.
struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        let hit = self.s.get(self.i) == Some(&c);
        if hit {
            self.i += 1;
        }
        hit
    }

    /// Items up to `close`, comma separated, trailing comma allowed;
    /// returns the items and whether any comma was seen.
    fn seq(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<bool> {
        let mut comma = false;
        loop {
            if self.eat(close) {
                return Some(comma);
            }
            item(self)?;
            if self.eat(b',') {
                comma = true;
            } else {
                return self.eat(close).then_some(comma);
            }
        }
    }

    fn value(&mut self) -> Option<Lit> {
        self.ws();
        let c = *self.s.get(self.i)?;
        match c {
            b'\'' | b'"' => {
                let start = self.i + 1;
                let end = start + self.s[start..].iter().position(|&b| b == c)?;
                self.i = end + 1;
                let text = std::str::from_utf8(&self.s[start..end]).ok()?;
                (!text.contains('\\')).then(|| Lit::Str(text.into()))
            }
            b'(' | b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                let close = if c == b'(' { b')' } else { b']' };
                let comma = self.seq(close, |p| p.value().map(|v| items.push(v)))?;
                Some(if c == b'[' {
                    Lit::List(items)
                } else if items.len() == 1 && !comma {
                    items.pop().expect("one item")
                } else {
                    Lit::Tuple(items)
                })
            }
            b'{' => {
                self.i += 1;
                let mut items = Vec::new();
                self.seq(b'}', |p| {
                    let k = p.value()?;
                    p.eat(b':').then_some(())?;
                    items.push((k, p.value()?));
                    Some(())
                })?;
                Some(Lit::Dict(items))
            }
            _ => {
                let start = self.i;
                while self.i < self.s.len()
                    && (self.s[self.i].is_ascii_alphanumeric() || b"_-+".contains(&self.s[self.i]))
                {
                    self.i += 1;
                }
                match std::str::from_utf8(&self.s[start..self.i]).ok()? {
                    "True" => Some(Lit::Bool(true)),
                    "False" => Some(Lit::Bool(false)),
                    "None" => Some(Lit::None),
                    word => word.parse().ok().map(Lit::Int).or_else(|| huge(word)),
                }
            }
        }
    }
}

/// An integer literal too long for `i128`, normalised as Python's repr.
fn huge(word: &str) -> Option<Lit> {
    let (minus, digits) = match word.as_bytes().first()? {
        b'-' => (true, &word[1..]),
        b'+' => (false, &word[1..]),
        _ => (false, word),
    };
    (!digits.is_empty() && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| Lit::Huge(format!("{}{digits}", if minus { "-" } else { "" })))
}

/// What a header says about the data.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Header {
    pub shape: Vec<Dim>,
    pub fortran_order: bool,
    pub dtype: DType,
    pub big_endian: bool,
}

/// Parses and checks a header as `numpy.lib.format._read_array_header`.
pub(crate) fn parse_header(text: &str) -> Result<Header, Error> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let lit = p.value().filter(|_| {
        p.ws();
        p.i == p.s.len()
    });
    let Some(lit) = lit else {
        return Err(Error::value(format!(
            "Cannot parse header: {}",
            py_str_repr(text)
        )));
    };
    let Lit::Dict(items) = &lit else {
        return Err(Error::value(format!(
            "Header is not a dictionary: {}",
            lit.repr()
        )));
    };
    let get = |key: &str| {
        items
            .iter()
            .find(|(k, _)| *k == Lit::Str(key.into()))
            .map(|(_, v)| v)
    };
    let mut keys: Vec<String> = items.iter().map(|(k, _)| k.repr()).collect();
    keys.sort();
    keys.dedup();
    let expected = ["'descr'", "'fortran_order'", "'shape'"];
    if keys != expected {
        return Err(Error::value(format!(
            "Header does not contain the correct keys: [{}]",
            keys.join(", ")
        )));
    }
    let shape = get("shape").expect("keys checked");
    // `isinstance(x, int)`, which bools are too
    let dim = |d: &Lit| match d {
        Lit::Int(i) => Some(Dim::Int(*i)),
        Lit::Huge(digits) => Some(Dim::Huge(digits.clone())),
        Lit::Bool(b) => Some(Dim::Bool(*b)),
        _ => None,
    };
    let shape = match shape {
        Lit::Tuple(t) if t.iter().all(|d| dim(d).is_some()) => t.iter().filter_map(dim).collect(),
        other => {
            return Err(Error::value(format!(
                "shape is not valid: {}",
                other.repr()
            )));
        }
    };
    let fortran_order = match get("fortran_order").expect("keys checked") {
        Lit::Bool(b) => *b,
        other => {
            return Err(Error::value(format!(
                "fortran_order is not a valid bool: {}",
                other.repr()
            )));
        }
    };
    let descr = get("descr").expect("keys checked");
    let (dtype, big_endian) = match descr {
        Lit::Str(s) => match s.as_str() {
            "<f8" | "=f8" => (DType::Float64, false),
            ">f8" => (DType::Float64, true),
            "<i8" | "=i8" => (DType::Int64, false),
            ">i8" => (DType::Int64, true),
            "|b1" | "<b1" | ">b1" | "=b1" | "?" => (DType::Bool, false),
            "|O" | "O" | "<O" | ">O" => {
                return Err(Error::value(
                    "Object arrays cannot be loaded when allow_pickle=False",
                ));
            }
            other if looks_like_dtype(other) => {
                return Err(Error::value(format!(
                    "gradlab reads float64, int64 and bool arrays; this file holds dtype {}",
                    py_str_repr(other)
                )));
            }
            _ => return Err(invalid_descr(descr)),
        },
        _ => return Err(invalid_descr(descr)),
    };
    Ok(Header {
        shape,
        fortran_order,
        dtype,
        big_endian,
    })
}

fn invalid_descr(descr: &Lit) -> Error {
    Error::value(format!(
        "descr is not a valid dtype descriptor: {}",
        descr.repr()
    ))
}

/// A NumPy type string such as `<f4`, `|u1`, `<c16`, `|O`, `<U5`.
fn looks_like_dtype(s: &str) -> bool {
    let body = s.trim_start_matches(['<', '>', '|', '=']);
    let mut chars = body.chars();
    matches!(chars.next(), Some(c) if "biufcmMOSUV?".contains(c))
        && chars.all(|c| c.is_ascii_digit() || c == '[' || c == ']' || c.is_ascii_alphabetic())
}

/// The header NumPy writes for a C-order array (`_write_array_header`):
/// keys sorted, spare spaces for the first axis to grow to 21 digits.
pub(crate) fn header_text(descr: &str, shape: &[usize]) -> String {
    let shape_repr = match shape {
        [] => "()".to_string(),
        [n] => format!("({n},)"),
        _ => {
            let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", dims.join(", "))
        }
    };
    let mut h = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape_repr}, }}");
    if let Some(first) = shape.first() {
        h.push_str(&" ".repeat(21usize.saturating_sub(first.to_string().len())));
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numpy_headers() {
        let h = parse_header("{'descr': '>i8', 'fortran_order': True, 'shape': (2, 3), }    \n")
            .unwrap();
        assert_eq!(h.shape, vec![Dim::Int(2), Dim::Int(3)]);
        assert!(h.fortran_order && h.big_endian);
        assert_eq!(h.dtype, DType::Int64);
        let h = parse_header("{'descr': '|b1', 'fortran_order': False, 'shape': (), }").unwrap();
        assert!(h.shape.is_empty());
        let h = parse_header("{'shape': (5,), 'fortran_order': False, 'descr': '<f8'}").unwrap();
        assert_eq!(h.shape, vec![Dim::Int(5)]);
        let h = parse_header(
            "{'descr': '<f8', 'fortran_order': False, 'shape': (True, -340282366920938463463374607431768211457), }",
        )
        .unwrap();
        assert_eq!(
            h.shape,
            vec![
                Dim::Bool(true),
                Dim::Huge("-340282366920938463463374607431768211457".into())
            ]
        );
    }

    #[test]
    fn header_errors_are_numpys() {
        let msg = |t: &str| parse_header(t).unwrap_err().message;
        assert_eq!(
            msg("this is not a dict \n"),
            "Cannot parse header: 'this is not a dict \\n'"
        );
        assert_eq!(msg("(1, 2)"), "Header is not a dictionary: (1, 2)");
        assert_eq!(
            msg("{'descr': '<f8', 'shape': (3,), }"),
            "Header does not contain the correct keys: ['descr', 'shape']"
        );
        assert_eq!(
            msg("{'descr': '<f8', 'fortran_order': 1, 'shape': (3,), }"),
            "fortran_order is not a valid bool: 1"
        );
        assert_eq!(
            msg("{'descr': '<f8', 'fortran_order': False, 'shape': [3], }"),
            "shape is not valid: [3]"
        );
        assert_eq!(
            msg("{'descr': 'zz', 'fortran_order': False, 'shape': (3,), }"),
            "descr is not a valid dtype descriptor: 'zz'"
        );
        assert!(msg("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }").contains("'<f4'"));
    }
}
