//! IPython's pretty printer (`IPython.lib.pretty`) for the values a
//! notebook shows: what Jupyter itself displays as `Out[n]`. Tuples and
//! lists stay on one line when they fit in 79 columns and hold no
//! multi-line item; otherwise every item goes on its own line, indented
//! under the opening bracket, and a multi-line repr (an array) keeps its
//! rows aligned by that indent.

use crate::eval::{Session, Value, Walk};

/// IPython's default `max_width`.
const WIDTH: usize = 79;

/// `v` as IPython's `pretty(v)` lays it out.
pub fn pretty(session: &Session, v: &Value) -> String {
    layout(session, v, 0, 0)
}

/// `v` starting at column `col`, with `trail` more characters (closing
/// brackets, a comma) before the next place a line may break.
fn layout(session: &Session, v: &Value, col: usize, trail: usize) -> String {
    // One line when it fits; a list met again inside itself is `[...]`
    // there, which always fits.
    if let Some(flat) = flat(session, v)
        && col + flat.chars().count() + trail <= WIDTH
    {
        return flat;
    }
    let _walk = match v {
        Value::List(items) => Some(Walk::enter(items.addr())),
        _ => None,
    };
    let seq = v.seq_items();
    let (open, close, items) = match (v, &seq) {
        (Value::Tuple(_), Some(items)) => ("(", ")", &items[..]),
        (Value::List(_), Some(items)) => ("[", "]", &items[..]),
        (other, _) => {
            let repr = session.display_repr(other);
            return repr.replace('\n', &format!("\n{}", " ".repeat(col)));
        }
    };
    let single = matches!(v, Value::Tuple(_)) && items.len() == 1;
    let inner = col + open.len();
    let mut out = String::from(open);
    for (i, item) in items.iter().enumerate() {
        let last = i + 1 == items.len();
        if i > 0 {
            out.push_str(",\n");
            out.push_str(&" ".repeat(inner));
        }
        let item_trail = if last {
            close.len() + usize::from(single) + trail
        } else {
            1
        };
        out.push_str(&layout(session, item, inner, item_trail));
    }
    if single {
        out.push(',');
    }
    out.push_str(close);
    out
}

/// The one-line layout, `None` when an item spans lines.
fn flat(session: &Session, v: &Value) -> Option<String> {
    // A list that holds itself prints `[...]` where it recurs.
    let walk = match v {
        Value::List(items) => Some(Walk::enter(items.addr())),
        _ => None,
    };
    let seq = v.seq_items();
    let (open, close, items) = match (v, &seq) {
        (Value::List(_), _) if walk.as_ref().is_some_and(Walk::is_recursive) => {
            return Some("[...]".into());
        }
        (Value::Tuple(_), Some(items)) => ("(", ")", &items[..]),
        (Value::List(_), Some(items)) => ("[", "]", &items[..]),
        (other, _) => {
            let repr = session.display_repr(other);
            return (!repr.contains('\n')).then_some(repr);
        }
    };
    let parts: Vec<String> = items
        .iter()
        .map(|i| flat(session, i))
        .collect::<Option<_>>()?;
    let comma = if matches!(v, Value::Tuple(_)) && items.len() == 1 {
        ","
    } else {
        ""
    };
    Some(format!("{open}{}{comma}{close}", parts.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// tests/fixtures/pretty.jsonl: IPython 8's `pretty()` of NumPy values
    /// (gen_pretty.py), against gradlab's values of the same expressions.
    #[test]
    fn lays_out_like_ipython() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pretty.jsonl");
        let text = std::fs::read_to_string(path).expect("fixture exists");
        let mut n = 0;
        for line in text.lines().filter(|l| !l.is_empty()) {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            let (expr, want) = (
                case["expr"].as_str().unwrap(),
                case["pretty"].as_str().unwrap(),
            );
            let mut s = Session::new();
            let v = s.eval_source(expr).unwrap();
            assert_eq!(pretty(&s, &v), want, "{expr}");
            n += 1;
        }
        assert!(n >= 10);
    }
}
