//! IPython's notebook namespace on a session: the input history (`In`,
//! `_ih`, `_i`, `_ii`, `_iii`, `_iN`), the display precision `%precision`
//! sets, and evaluation whose name bindings do not stay (`%timeit`).
//!
//! ```
//! use gradlab::eval::Session;
//! let mut s = Session::new();
//! s.record_input(1, "a = 1");
//! s.record_input(2, "a + 1");
//! // Cell 3 is running: `_i` is the cell before it, as in IPython.
//! s.record_input(3, "_i");
//! let v = s.eval_source("_i").unwrap();
//! assert_eq!(s.repr(&v), "'a + 1'");
//! let v = s.eval_source("In").unwrap();
//! assert_eq!(s.repr(&v), "['', 'a = 1', 'a + 1', '_i']");
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use crate::text::Text;

use super::session::Session;
use super::value::{Scalar, Value};

/// The parts of a session only a notebook front end sets.
#[derive(Clone, Debug, Default)]
pub struct IPython {
    /// `In[n]`: the input of cell `n` (`In[0]` is `''`, as in IPython).
    inputs: Vec<crate::text::Text>,
    /// Digits of floats in displayed outputs (`%precision N`); `None`
    /// shows them as `repr` does.
    pub float_precision: Option<usize>,
    /// The `Out` dict as last handed out, until the next output is cached:
    /// `Out` is `_oh` (`is`), and showing `Out` does not cache it in itself.
    out_dict: RefCell<Option<DictItems>>,
    /// The display text of shown arrays too big to copy when shown
    /// ([`Session::pin_display`]), each with the handle it was shown as
    /// (weak: a dropped cell's entry is dead, and its address is not
    /// reused while the entry holds it).
    pinned: Vec<(PinKey, String)>,
}

/// The shown object a pinned display text belongs to (weak: a dropped
/// cell's entry is dead, and its address is not reused while the entry
/// holds it).
#[derive(Clone, Debug)]
enum PinKey {
    Array(std::rc::Weak<crate::array::Array>),
    Tuple(std::rc::Weak<Vec<Value>>),
    List(std::rc::Weak<RefCell<Vec<Value>>>),
    Dict(std::rc::Weak<RefCell<Vec<(Value, Value)>>>),
}

impl PinKey {
    /// The key of `v`, when `v` is an object a text can be pinned to.
    fn of(v: &Value) -> Option<PinKey> {
        Some(match v {
            Value::Array(a) => PinKey::Array(Rc::downgrade(a)),
            Value::Tuple(t) => PinKey::Tuple(Rc::downgrade(t)),
            Value::List(l) => PinKey::List(l.downgrade()),
            Value::Dict(d) => PinKey::Dict(d.downgrade()),
            _ => return None,
        })
    }

    fn alive(&self) -> bool {
        match self {
            PinKey::Array(w) => w.strong_count() > 0,
            PinKey::Tuple(w) => w.strong_count() > 0,
            PinKey::List(w) => w.strong_count() > 0,
            PinKey::Dict(w) => w.strong_count() > 0,
        }
    }

    /// Whether `v` is the very object this key was made from.
    fn is(&self, v: &Value) -> bool {
        match (self, v) {
            (PinKey::Array(w), Value::Array(a)) => std::ptr::eq(w.as_ptr(), Rc::as_ptr(a)),
            (PinKey::Tuple(w), Value::Tuple(t)) => std::ptr::eq(w.as_ptr(), Rc::as_ptr(t)),
            (PinKey::List(w), Value::List(l)) => w.as_ptr() as *const u8 as usize == l.addr(),
            (PinKey::Dict(w), Value::Dict(d)) => w.as_ptr() as *const u8 as usize == d.addr(),
            _ => false,
        }
    }
}

/// The items of a `Value::Dict`.
type DictItems = super::value::PyDict;

impl Session {
    /// Records the input of cell `n` (before it runs, as IPython does, so
    /// `In[-1]` is the running cell and `_i` the one before).
    pub fn record_input(&mut self, n: usize, text: &str) {
        self.record_input_shared(n, text.into());
    }

    /// [`record_input`](Session::record_input) of a text the caller keeps
    /// too (a pasted 20 MB cell is held once, not once per user).
    pub fn record_input_shared(&mut self, n: usize, text: crate::text::Text) {
        let inputs = &mut self.ipython.inputs;
        if inputs.is_empty() {
            inputs.push(Text::default());
        }
        while inputs.len() <= n {
            inputs.push(Text::default());
        }
        inputs[n] = text;
    }

    /// The digits of floats in outputs: NumPy's print precision (arrays)
    /// and IPython's display of Python and NumPy floats. `None` restores
    /// the defaults (8 for arrays, the shortest repr for floats). The one
    /// setter behind `%precision` and `np.set_printoptions(precision=)`.
    pub fn set_precision(&mut self, digits: Option<usize>) {
        self.opts.precision = Some(digits.unwrap_or(8));
        self.ipython.float_precision = digits;
    }

    /// Runs `f`, then puts every name binding back as it was: what `%timeit`
    /// binds is its own (objects changed in place stay changed, as in
    /// IPython).
    pub fn with_bindings_restored<T>(&mut self, f: impl FnOnce(&mut Session) -> T) -> T {
        let saved = self.globals.clone();
        let result = f(self);
        self.globals = saved;
        result
    }

    /// Renders the display text of the shown array `a` now, for every
    /// later rendering of this handle (`--check`, `--bless`, exports): a
    /// big array is not copied when shown (its text reads only the edge
    /// items NumPy's summary prints), so a later `a[0] = 9` must not change
    /// what the cell showed. Pass a handle of its own (a fresh `Rc`) so
    /// that the variable's own handle is never pinned.
    pub fn pin_display(&mut self, a: &Rc<crate::array::Array>) {
        self.pin_display_of(&Value::Array(a.clone()));
    }

    /// [`Session::pin_display`] for any shown value: an array, or a shown
    /// tuple, list or dict (the notebook's own copy) that holds an array
    /// too big to copy (`(a, 1)`, then `a[0] = 9`, shows the old `a`).
    /// Other values are not pinned.
    pub fn pin_display_of(&mut self, v: &Value) {
        let Some(key) = PinKey::of(v) else { return };
        let text = self.display_repr(v);
        self.ipython.pinned.retain(|(k, _)| k.alive());
        self.ipython.pinned.push((key, text));
    }

    /// A value as a notebook displays it (`Out[n]`): `repr`, with floats to
    /// the `%precision` digits when set (also inside lists and tuples).
    pub fn display_repr(&self, v: &Value) -> String {
        if let Some((_, text)) = self.ipython.pinned.iter().find(|(k, _)| k.is(v)) {
            return text.clone();
        }
        match self.ipython.float_precision {
            None => self.repr(v),
            Some(p) => self.display_with(v, p),
        }
    }

    fn display_with(&self, v: &Value, p: usize) -> String {
        let fixed = |x: f64| {
            if x.is_finite() {
                format!("{x:.p$}")
            } else {
                self.repr(&Value::Float(x))
            }
        };
        match v {
            Value::Float(x) | Value::Scalar(Scalar::Float64(x)) => fixed(*x),
            Value::List(items) => {
                let walk = super::value::Walk::enter(items.addr());
                if walk.is_recursive() {
                    return "[...]".into();
                }
                let parts: Vec<String> = items
                    .borrow()
                    .iter()
                    .map(|i| self.display_with(i, p))
                    .collect();
                format!("[{}]", parts.join(", "))
            }
            Value::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|i| self.display_with(i, p)).collect();
                crate::format::tuple_repr(&parts)
            }
            other => self.repr(other),
        }
    }

    /// IPython's `Out` (and `_oh`): the dict from cell number to output.
    pub(super) fn out_dict(&self) -> Value {
        let mut cached = self.ipython.out_dict.borrow_mut();
        let items = cached.get_or_insert_with(|| {
            super::value::PyDict::new(
                self.outputs
                    .iter()
                    .map(|(&n, v)| (Value::Int(n as i64), v.clone()))
                    .collect(),
            )
        });
        Value::Dict(items.clone())
    }

    /// Whether `v` is the `Out` dict itself, which IPython's display hook
    /// does not cache; otherwise the cached dict is out of date from now.
    pub(super) fn is_out_dict(&mut self, v: &Value) -> bool {
        let cached = self.ipython.out_dict.get_mut();
        if let (Value::Dict(d), Some(c)) = (v, cached.as_ref())
            && d.ptr_eq(c)
        {
            return true;
        }
        *cached = None;
        false
    }

    /// `_i`, `_ii`, `_iii`, `_iN`, `In` and `_ih`, when the user has not
    /// bound them.
    pub(super) fn input_name(&self, name: &str) -> Option<Value> {
        let inputs = &self.ipython.inputs;
        // The running cell is the last recorded one.
        let before = |k: usize| {
            let n = inputs.len().checked_sub(1 + k)?;
            Some(Value::Str(
                inputs.get(n).map_or_else(|| Rc::from(""), Rc::from),
            ))
        };
        match name {
            "In" | "_ih" => Some(Value::list(
                inputs.iter().map(|t| Value::Str(t.into())).collect(),
            )),
            "_i" => Some(before(1).unwrap_or_else(|| Value::str(""))),
            "_ii" => Some(before(2).unwrap_or_else(|| Value::str(""))),
            "_iii" => Some(before(3).unwrap_or_else(|| Value::str(""))),
            _ => {
                let n: usize = name.strip_prefix("_i")?.parse().ok()?;
                inputs.get(n).map(|t| Value::Str(t.into()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session_with(inputs: &[&str]) -> Session {
        let mut s = Session::new();
        for (i, text) in inputs.iter().enumerate() {
            s.record_input(i + 1, text);
            s.run_chunk(text);
        }
        s
    }

    #[test]
    fn input_history_names_as_ipython() {
        let s = session_with(&["a = 1", "b = 2", "a + b", "x = 0"]);
        for (name, want) in [
            ("_i", "'a + b'"),
            ("_ii", "'b = 2'"),
            ("_iii", "'a = 1'"),
            ("_i2", "'b = 2'"),
            ("_ih", "['', 'a = 1', 'b = 2', 'a + b', 'x = 0']"),
        ] {
            assert_eq!(s.repr(&s.input_name(name).unwrap()), want, "{name}");
        }
        assert!(s.input_name("_i9").is_none());
        assert!(s.input_name("_ix").is_none());
    }

    #[test]
    fn precision_is_one_setting_for_arrays_and_floats() {
        let mut s = Session::new();
        s.set_precision(Some(3));
        let v = s
            .eval_source("(1/3, [2.0, np.float64(0.5)], np.array([1/3]))")
            .unwrap();
        assert_eq!(
            s.display_repr(&v),
            "(0.333, [2.000, 0.500], array([0.333]))"
        );
        assert_eq!(s.repr(&Value::Float(1.0 / 3.0)), "0.3333333333333333");
        s.set_precision(None);
        assert_eq!(s.display_repr(&v), s.repr(&v));
    }

    #[test]
    fn bindings_made_inside_do_not_stay() {
        let mut s = Session::new();
        s.run_chunk("a = 1");
        s.with_bindings_restored(|s| {
            s.eval_source("x = 5").unwrap();
            s.eval_source("a = 2").unwrap();
        });
        assert!(s.get("x").is_none());
        assert_eq!(s.repr(s.get("a").unwrap()), "1");
    }
}
