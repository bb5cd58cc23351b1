//! Signatures such as `gradient(f, *varargs, axis=None, edge_order=1)`:
//! parsed once per process (the first time a signature text is used) and
//! shared from then on, with every default parsed into a value, so a
//! default is written once, in the builtins table.

use crate::eval::fast_hash::FastMap;
use std::cell::Cell;
use std::sync::{Mutex, OnceLock};

/// One parameter parsed from a signature.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: String,
    /// The default as written in the signature (for display).
    pub default: Option<String>,
    /// The default's value: `None` for a required parameter (and for a
    /// default that is an expression rather than a literal, as a user
    /// function's signature may show).
    pub default_value: Option<DefaultArg>,
    pub keyword_only: bool,
}

/// A parameter default, as the literal the signature writes.
#[derive(Clone, Debug, PartialEq)]
pub enum DefaultArg {
    /// NumPy's `<no value>`: the argument is simply absent.
    NoValue,
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Tuple(Vec<DefaultArg>),
    /// A builtin named by the default, e.g. the type in `dtype=float` or
    /// `dtype=np.float64`.
    Name(String),
}

impl DefaultArg {
    /// Parses a default's text: `None`, `True`, `1`, `-1`, `1e-05`,
    /// `'%.18e'` (Python's escapes `\n`, `\t`, `\\`, `\'`), `(10, 20)`,
    /// `<no value>`, or a name.
    ///
    /// # Errors
    /// The text, when it is none of these.
    pub fn parse(text: &str) -> Result<DefaultArg, String> {
        let t = text.trim();
        Ok(match t {
            "<no value>" => DefaultArg::NoValue,
            "None" => DefaultArg::None,
            "True" => DefaultArg::Bool(true),
            "False" => DefaultArg::Bool(false),
            _ if t.len() >= 2
                && (t.starts_with('\'') && t.ends_with('\'')
                    || t.starts_with('"') && t.ends_with('"')) =>
            {
                DefaultArg::Str(unescape(&t[1..t.len() - 1]))
            }
            _ if t.starts_with('(') && t.ends_with(')') => {
                let inner = t[1..t.len() - 1].trim();
                let items = split_top(inner)
                    .into_iter()
                    .filter(|s| !s.trim().is_empty())
                    .map(DefaultArg::parse)
                    .collect::<Result<_, _>>()?;
                DefaultArg::Tuple(items)
            }
            _ => {
                if let Ok(i) = t.parse::<i64>() {
                    DefaultArg::Int(i)
                } else if let Ok(x) = t.parse::<f64>() {
                    DefaultArg::Float(x)
                } else if !t.is_empty()
                    && t.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
                {
                    DefaultArg::Name(t.to_string())
                } else {
                    return Err(t.to_string());
                }
            }
        })
    }
}

/// Python's escapes in a quoted default.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(c) => out.push(c),
            None => out.push('\\'),
        }
    }
    out
}

/// A parsed signature.
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    pub name: String,
    pub params: Vec<Param>,
    /// The `*varargs` parameter's name, if any.
    pub varargs: Option<String>,
    /// How many parameters take positional arguments (those before
    /// `*varargs`), counted once here rather than on every call.
    pub positional: usize,
}

impl Signature {
    /// Parses `name(a, b=1, *rest, c=None)`; `/` and `**` are not used.
    pub fn parse(sig: &str) -> Signature {
        let open = sig.find('(').unwrap_or(sig.len());
        let name = sig[..open].trim().to_string();
        // One bracket each side: `list(iterable=())` ends in two.
        let rest = &sig[open..];
        let rest = rest.strip_prefix('(').unwrap_or(rest);
        let inner = rest.strip_suffix(')').unwrap_or(rest);
        let mut params = Vec::new();
        let mut varargs = None;
        for part in split_top(inner) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            if let Some(rest) = part.strip_prefix('*') {
                varargs = Some(rest.to_string());
                continue;
            }
            let (pname, default) = match part.split_once('=') {
                Some((n, d)) => (n.trim().to_string(), Some(d.trim().to_string())),
                None => (part.to_string(), None),
            };
            params.push(Param {
                name: pname,
                default_value: default.as_deref().and_then(|d| DefaultArg::parse(d).ok()),
                default,
                keyword_only: varargs.is_some(),
            });
        }
        let positional = params.iter().filter(|p| !p.keyword_only).count();
        Signature {
            name,
            params,
            varargs,
            positional,
        }
    }

    /// The signature written as `sig`, parsed the first time it is asked
    /// for and shared afterwards (signature texts are the builtins table's
    /// literals, so the cache holds one entry per builtin or method).
    ///
    /// Asked for on every call of a builtin, so the cache is keyed by where
    /// the literal lives (address and length), not by hashing its text: two
    /// equal texts at different addresses only parse once more each.
    pub fn of(sig: &'static str) -> &'static Signature {
        // A per-thread direct-mapped table in front of the shared map: a
        // hit is a few instructions, where the map costs a lock and a hash
        // on every builtin call. A clash only overwrites a slot.
        type Slot = Cell<(usize, usize, Option<&'static Signature>)>;
        const SLOTS: usize = 64;
        thread_local! {
            static HOT: [Slot; SLOTS] = const { [const { Cell::new((0, 0, None)) }; SLOTS] };
        }
        let key = (sig.as_ptr() as usize, sig.len());
        let slot = (key.0 >> 3 ^ key.0 >> 9 ^ key.1) % SLOTS;
        HOT.with(|hot| {
            if let (p, n, Some(s)) = hot[slot].get()
                && (p, n) == key
            {
                return s;
            }
            let s = Signature::of_shared(sig);
            hot[slot].set((key.0, key.1, Some(s)));
            s
        })
    }

    /// [`Signature::of`] from the process-wide map.
    fn of_shared(sig: &'static str) -> &'static Signature {
        type Cache = FastMap<(usize, usize), &'static Signature>;
        static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
        let cache = CACHE.get_or_init(Mutex::default);
        let mut map = cache.lock().unwrap_or_else(|p| p.into_inner());
        map.entry((sig.as_ptr() as usize, sig.len()))
            .or_insert_with(|| Box::leak(Box::new(Signature::parse(sig))))
    }
}

/// Splits on commas outside brackets and quotes.
pub(super) fn split_top(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut quote) = (0i32, 0, None);
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth -= 1,
            (None, ',') if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_signatures() {
        let s = Signature::parse("gradient(f, *varargs, axis=None, edge_order=1)");
        assert_eq!(s.name, "gradient");
        assert_eq!(s.varargs.as_deref(), Some("varargs"));
        assert_eq!(s.params.len(), 3);
        assert!(s.params[1].keyword_only && s.params[2].keyword_only);
        assert_eq!(s.params[2].default.as_deref(), Some("1"));
        assert_eq!(s.params[2].default_value, Some(DefaultArg::Int(1)));
        let s = Signature::parse("savetxt(fname, X, fmt='%.18e', delimiter=' ')");
        assert_eq!(s.params[3].default.as_deref(), Some("' '"));
        assert_eq!(s.params[3].default_value, Some(DefaultArg::Str(" ".into())));
    }

    #[test]
    fn parses_defaults() {
        let cases = [
            ("<no value>", DefaultArg::NoValue),
            ("None", DefaultArg::None),
            ("False", DefaultArg::Bool(false)),
            ("-1", DefaultArg::Int(-1)),
            ("1e-05", DefaultArg::Float(1e-5)),
            ("'\\n'", DefaultArg::Str("\n".into())),
            ("'# '", DefaultArg::Str("# ".into())),
            ("()", DefaultArg::Tuple(vec![])),
            (
                "(10, 20)",
                DefaultArg::Tuple(vec![DefaultArg::Int(10), DefaultArg::Int(20)]),
            ),
            ("float", DefaultArg::Name("float".into())),
        ];
        for (text, want) in cases {
            assert_eq!(DefaultArg::parse(text), Ok(want), "{text}");
        }
        assert!(DefaultArg::parse("x + 1").is_err());
    }

    #[test]
    fn a_signature_is_parsed_once_and_shared() {
        let a = Signature::of("f(x, n=1)");
        let b = Signature::of("f(x, n=1)");
        assert!(std::ptr::eq(a, b));
        assert_eq!(a.params[1].default_value, Some(DefaultArg::Int(1)));
    }
}
