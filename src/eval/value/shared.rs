//! Python's mutable containers. A list, dict or set is one object that
//! every name, item and argument bound to it shares, so `b = a;
//! b.append(1)` changes `a`, a function can fill a list it is given, and
//! `l[0][0] = 5` writes into the inner list.

use std::cell::{Ref, RefCell};
use std::fmt;
use std::rc::Rc;

use super::Value;

/// A shared, mutable Python container.
///
/// Borrows are kept short so that none is ever refused: [`Shared::borrow`]
/// reads, and [`Shared::update`] changes the contents in a closure that
/// runs no Python code (code that could reach this object again works on a
/// [`Shared::snapshot`] first).
pub struct Shared<T>(Rc<RefCell<T>>);

/// A Python list.
pub type PyList = Shared<Vec<Value>>;
/// A Python dict, in insertion order.
pub type PyDict = Shared<Vec<(Value, Value)>>;
/// A Python set, in insertion order.
pub type PySet = Shared<Vec<Value>>;

impl<T> Shared<T> {
    /// A new object holding `value`.
    pub fn new(value: T) -> Self {
        Shared(Rc::new(RefCell::new(value)))
    }

    /// The contents, to read.
    pub fn borrow(&self) -> Ref<'_, T> {
        self.0.borrow()
    }

    /// Changes the contents in place; every holder sees the change.
    pub fn update<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(&mut self.0.borrow_mut())
    }

    /// Python's `is`: the same object.
    pub fn ptr_eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// The object's address, for `id()` and for spotting a container met
    /// again while it is being printed or compared.
    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }

    /// A handle that does not keep the object alive (and keeps its address
    /// from being reused while it lives): for keys that must die with it.
    pub fn downgrade(&self) -> std::rc::Weak<RefCell<T>> {
        Rc::downgrade(&self.0)
    }
}

impl<T: Clone> Shared<T> {
    /// A copy of the contents as they are now (the items themselves are
    /// shared, as in a Python shallow copy).
    pub fn snapshot(&self) -> T {
        self.0.borrow().clone()
    }

    /// A new object with a shallow copy of the contents (`list(a)`,
    /// `a.copy()`, `a[:]`).
    pub fn copied(&self) -> Self {
        Shared::new(self.snapshot())
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared::new(T::default())
    }
}

impl<T> fmt::Debug for Shared<T> {
    // Not the contents: a container may hold itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Shared@{:#x}", self.addr())
    }
}

/// Guards one recursive walk (printing, comparing) against containers
/// that hold themselves: `enter` says whether `addr` is already being
/// walked, as CPython's `Py_ReprEnter` does.
pub struct Walk {
    addr: usize,
    fresh: bool,
}

thread_local! {
    static WALKING: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

impl Walk {
    /// Starts walking the container at `addr`; [`Walk::is_recursive`] is
    /// true when it is already being walked further up.
    pub fn enter(addr: usize) -> Walk {
        let fresh = WALKING.with(|w| {
            let mut w = w.borrow_mut();
            if w.contains(&addr) {
                false
            } else {
                w.push(addr);
                true
            }
        });
        Walk { addr, fresh }
    }

    /// The container holds itself here: print `[...]` / `{...}`.
    pub fn is_recursive(&self) -> bool {
        !self.fresh
    }
}

impl Drop for Walk {
    fn drop(&mut self) {
        if self.fresh {
            WALKING.with(|w| {
                let mut w = w.borrow_mut();
                if let Some(k) = w.iter().rposition(|a| *a == self.addr) {
                    w.remove(k);
                }
            });
        }
    }
}

/// The items of a tuple or a list, borrowed for reading.
pub enum Items<'a> {
    /// A tuple's items.
    Tuple(&'a [Value]),
    /// A list's items, borrowed from the shared list.
    List(Ref<'a, Vec<Value>>),
}

impl std::ops::Deref for Items<'_> {
    type Target = [Value];
    fn deref(&self) -> &[Value] {
        match self {
            Items::Tuple(items) => items,
            Items::List(items) => items,
        }
    }
}

impl Value {
    /// The items of a tuple or a list; `None` for any other value.
    pub fn seq_items(&self) -> Option<Items<'_>> {
        match self {
            Value::Tuple(items) => Some(Items::Tuple(items)),
            Value::List(items) => Some(Items::List(items.borrow())),
            _ => None,
        }
    }
}

/// Which of a dict's views: `d.keys()`, `d.values()` or `d.items()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

/// `d.keys()`, `d.values()`, `d.items()`: a live view of the dict, as
/// Python's `dict_keys` and friends are (a later `d[k] = v` shows in it).
#[derive(Clone, Debug)]
pub struct DictView {
    pub kind: ViewKind,
    pub dict: PyDict,
}

impl DictView {
    /// What the view holds now, in the dict's order.
    pub fn items(&self) -> Vec<Value> {
        self.dict
            .borrow()
            .iter()
            .map(|(k, v)| match self.kind {
                ViewKind::Keys => k.clone(),
                ViewKind::Values => v.clone(),
                ViewKind::Items => Value::tuple(vec![k.clone(), v.clone()]),
            })
            .collect()
    }

    /// Python's type name.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            ViewKind::Keys => "dict_keys",
            ViewKind::Values => "dict_values",
            ViewKind::Items => "dict_items",
        }
    }
}
