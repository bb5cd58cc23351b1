//! Runtime values: Python scalars, NumPy scalars, arrays, containers and
//! callables, with their `repr` and `str`.

use std::fmt;
use std::rc::Rc;

use crate::array::{Array, DType};
use crate::format::{self, PrintOptions};
use crate::syntax::ast::{FuncDef, Param};

use super::builtins::Builtin;

/// A NumPy scalar (`np.float64(2.5)`, `np.uint8(7)`, `np.True_`): one
/// element of any of the array layer's dtypes.
pub use crate::array::Scalar;

mod shared;
pub use shared::{DictView, Items, PyDict, PyList, PySet, Shared, ViewKind, Walk};

/// A user function from `def` or `lambda`.
#[derive(Debug)]
pub struct UserFn {
    pub name: String,
    pub params: Vec<Param>,
    /// Default values, evaluated when the `def` ran (one per parameter).
    pub defaults: Vec<Option<Value>>,
    pub def: Rc<FuncDef>,
    /// The source text the spans of `params` and `def` point into.
    pub source: crate::text::Text,
    /// The enclosing function's variables, for closures.
    pub closure: Option<Rc<super::scope::Env>>,
}

/// A context manager for `with` (`np.errstate(...)`, `np.printoptions(...)`):
/// `enter` runs before the block (its value is bound by `as`), `exit`
/// after it, also when the block raised (`error`); returning `true` from
/// `exit` suppresses that error.
pub trait ContextManager: fmt::Debug {
    /// The `repr` of the manager.
    fn name(&self) -> String;
    fn enter(&self, s: &mut super::Session) -> super::EvalResult<Value>;
    fn exit(
        &self,
        s: &mut super::Session,
        error: Option<&super::EvalError>,
    ) -> super::EvalResult<bool>;
}

/// Modules a session knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Module {
    Numpy,
    Numdifftools,
    Math,
    /// `numpy.random`.
    Random,
    /// `numpy.linalg`.
    Linalg,
    /// `pandas` (`import pandas as pd`).
    Pandas,
    /// `matplotlib` (only its `pyplot` submodule is reachable).
    Matplotlib,
    /// `matplotlib.pyplot`.
    Pyplot,
    /// Python's `warnings`.
    Warnings,
    /// `pandas.errors` (`pd.errors.ParserError`, `EmptyDataError`).
    PandasErrors,
    /// `numpy.exceptions` (`np.exceptions.AxisError`, `RankWarning`).
    NumpyExceptions,
}

impl Module {
    pub fn name(self) -> &'static str {
        match self {
            Module::Numpy => "numpy",
            Module::Numdifftools => "numdifftools",
            Module::Math => "math",
            Module::Random => "numpy.random",
            Module::Linalg => "numpy.linalg",
            Module::Pandas => "pandas",
            Module::Matplotlib => "matplotlib",
            Module::Pyplot => "matplotlib.pyplot",
            Module::Warnings => "warnings",
            Module::PandasErrors => "pandas.errors",
            Module::NumpyExceptions => "numpy.exceptions",
        }
    }
}

/// A numdifftools callable object, e.g. `nd.Derivative(f, n=2)`.
#[derive(Clone, Debug)]
pub struct NumdiffObject {
    pub kind: &'static str,
    pub func: Value,
    pub n: usize,
    pub method: String,
    pub order: usize,
    pub step: Option<f64>,
    pub full_output: bool,
}

/// A `collections.namedtuple` instance, such as numdifftools'
/// `EstimateResult(estimate, error_estimate, final_step, best_index)`:
/// a tuple whose items are also attributes.
#[derive(Debug)]
pub struct NamedTuple {
    pub name: &'static str,
    pub fields: &'static [&'static str],
    /// One per field.
    pub items: Vec<Value>,
}

impl NamedTuple {
    /// The item called `field`.
    pub fn get(&self, field: &str) -> Option<&Value> {
        let k = self.fields.iter().position(|f| *f == field)?;
        self.items.get(k)
    }

    /// The items as a plain tuple (for indexing and unpacking).
    pub fn as_tuple(&self) -> Value {
        Value::tuple(self.items.clone())
    }
}

/// Any value a gradlab expression can produce.
#[derive(Clone, Debug)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// A Python int past int64 (`2**100`); never one that fits an i64.
    BigInt(Rc<num_bigint::BigInt>),
    Float(f64),
    Scalar(Scalar),
    Array(Rc<Array>),
    Str(Rc<str>),
    Tuple(Rc<Vec<Value>>),
    Named(Rc<NamedTuple>),
    /// A Python list, shared by every name bound to it.
    List(PyList),
    Function(Rc<UserFn>),
    Builtin(&'static Builtin),
    /// A method bound to its receiver, e.g. `a.reshape`.
    Method(Rc<(Value, &'static str)>),
    Module(Module),
    /// A dtype object such as `float`, `np.float64`, `int`, `bool`.
    DType(DType),
    /// A dtype instance, what `a.dtype` is: `dtype('float64')`.
    DTypeObj(DType),
    Numdiff(Rc<NumdiffObject>),
    /// A Python dict, in insertion order.
    Dict(PyDict),
    /// `d.keys()`, `d.values()`, `d.items()`: live views of a dict.
    DictView(DictView),
    /// A Python set, in insertion order.
    Set(PySet),
    /// An exception class (`ValueError`).
    ExcType(super::ErrorKind),
    /// A raised or created exception (`ValueError('bad')`).
    Exception(Rc<super::EvalError>),
    /// A context manager for `with`.
    Context(Rc<dyn ContextManager>),
    /// A lazy `range` object.
    Range(super::pyobj::PyRange),
    /// A one-shot iterator (`zip`, `enumerate`, `reversed`).
    Iter(Rc<super::pyobj::PyIter>),
    /// A class as `type(x)` returns it when no builtin stands for it
    /// (`<class 'numpy.ndarray'>`); holds the qualified name.
    Class(Rc<str>),
    /// A rich classroom view (`compare`, `plot`, ...) as data; the front
    /// ends draw it (with `crate::tui`).
    View(Rc<crate::views::View>),
    /// A random generator object (`np.random.default_rng()`,
    /// `np.random.RandomState()`).
    Random(Rc<super::builtins::random::RandomObject>),
    /// `np.iinfo(t)` / `np.finfo(t)`.
    NumInfo(Rc<super::builtins::dtypes::NumInfo>),
    /// A pandas DataFrame.
    DataFrame(Rc<crate::pandas::DataFrame>),
    /// A pandas Series.
    Series(Rc<crate::pandas::Series>),
    /// A pandas Index (`df.columns`, `df.index`).
    PdIndex(Rc<crate::pandas::Index>),
    /// `df.iloc` / `df.loc` / `s.iloc` / `s.loc`: an indexer on its owner.
    Indexer(Rc<super::builtins::pandas::Indexer>),
    /// A matplotlib Figure, by its number in the session's pyplot state.
    Figure(usize),
    /// A matplotlib Axes of the session's pyplot state.
    Axes(crate::mpl::AxesId),
    /// A Python complex number (`2j`, `complex(1, 2)`).
    Complex(crate::array::Complex128),
    /// What a drawing call returns: a `Line2D`, `Text`, `AxesImage`...
    Artist(Rc<super::builtins::pyplot::artists::Handle>),
    /// `np.mgrid` or `np.ogrid`, indexed with slices.
    Grid(super::builtins::grids::Grid),
    /// `np.poly1d(...)`.
    Poly1d(Rc<super::builtins::poly1d::Poly1d>),
    /// `a.flat`: NumPy's flat iterator over the elements of `a` (the same
    /// buffer) in C order.
    Flat(Rc<Array>),
}

impl Value {
    pub fn array(a: Array) -> Value {
        Value::Array(Rc::new(a))
    }

    pub fn str(s: impl Into<Rc<str>>) -> Value {
        Value::Str(s.into())
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }

    /// A new Python list.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Shared::new(items))
    }

    /// A new Python dict from its pairs, in insertion order.
    pub fn dict(pairs: Vec<(Value, Value)>) -> Value {
        Value::Dict(Shared::new(pairs))
    }

    /// A new Python set from its distinct items, in insertion order.
    pub fn set(items: Vec<Value>) -> Value {
        Value::Set(Shared::new(items))
    }

    /// Python's `type(x).__name__`, NumPy's for NumPy values.
    pub fn type_name(&self) -> String {
        match self {
            Value::None => "NoneType".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) | Value::BigInt(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::Scalar(s) => format!("numpy.{}", s.dtype().name()),
            Value::Array(_) => "numpy.ndarray".into(),
            Value::Str(_) => "str".into(),
            Value::Tuple(_) => "tuple".into(),
            Value::Named(t) => t.name.into(),
            Value::List(_) => "list".into(),
            Value::Function(_) => "function".into(),
            Value::Builtin(_) | Value::Method(_) => "builtin_function_or_method".into(),
            Value::Module(_) => "module".into(),
            Value::DType(_) => "type".into(),
            Value::DTypeObj(_) => "numpy.dtype".into(),
            Value::Numdiff(n) => n.kind.into(),
            Value::Dict(_) => "dict".into(),
            Value::DictView(v) => v.type_name().into(),
            Value::Set(_) => "set".into(),
            Value::ExcType(_) => "type".into(),
            Value::Exception(e) => e.kind.name().into(),
            Value::Context(_) => "contextmanager".into(),
            Value::View(v) => v.name().into(),
            Value::Range(_) => "range".into(),
            Value::Iter(it) => it.kind.into(),
            Value::Class(_) => "type".into(),
            Value::Random(r) => r.type_name().into(),
            Value::NumInfo(i) => i.type_name().into(),
            Value::DataFrame(_) => "pandas.core.frame.DataFrame".into(),
            Value::Series(_) => "pandas.core.series.Series".into(),
            Value::PdIndex(_) => "pandas.core.indexes.base.Index".into(),
            Value::Indexer(i) => i.type_name().into(),
            Value::Figure(_) => "matplotlib.figure.Figure".into(),
            Value::Axes(_) => "matplotlib.axes._axes.Axes".into(),
            Value::Complex(_) => "complex".into(),
            Value::Artist(h) => h.type_name().into(),
            Value::Grid(g) => g.type_name().into(),
            Value::Poly1d(_) => "numpy.poly1d".into(),
            Value::Flat(_) => "numpy.flatiter".into(),
        }
    }

    /// Python's short type name used in error messages (`'NoneType' object ...`).
    pub fn short_type(&self) -> String {
        let t = self.type_name();
        t.rsplit('.').next().unwrap_or(&t).to_string()
    }

    pub fn repr(&self, opts: &PrintOptions) -> String {
        // Nested containers recurse; the stack grows as the evaluator's does.
        stacker::maybe_grow(super::expr::RED_ZONE, super::expr::STACK_SEGMENT, || {
            self.repr_here(opts)
        })
    }

    fn repr_here(&self, opts: &PrintOptions) -> String {
        match self {
            Value::None => "None".into(),
            Value::Bool(b) => py_bool(*b).into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => b.to_string(),
            Value::Float(x) => format::py_float(*x),
            Value::Complex(z) => format::scalar_str(Scalar::Complex128(*z)),
            // legacy='1.25' and older print NumPy scalars without their type.
            Value::Scalar(_) if opts.legacy.level() <= 125 => self.to_str(opts),
            Value::Scalar(s) => format::scalar_repr(*s),
            Value::Array(a) => format::array_repr(a, opts),
            Value::Str(s) => format::py_repr_str(s),
            Value::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|v| v.repr(opts)).collect();
                format::tuple_repr(&parts)
            }
            Value::Named(t) => {
                let parts: Vec<String> = t
                    .fields
                    .iter()
                    .zip(&t.items)
                    .map(|(f, v)| format!("{f}={}", v.repr(opts)))
                    .collect();
                format!("{}({})", t.name, parts.join(", "))
            }
            Value::List(items) => {
                let walk = Walk::enter(items.addr());
                if walk.is_recursive() {
                    return "[...]".into();
                }
                let parts: Vec<String> = items.borrow().iter().map(|v| v.repr(opts)).collect();
                format!("[{}]", parts.join(", "))
            }
            Value::Function(f) => format!("<function {}>", f.name),
            Value::Builtin(b) if super::pyobj::is_type_builtin(b.name) => {
                format!("<class '{}'>", b.name)
            }
            Value::Builtin(b) => format!("<function {}>", b.name),
            Value::Method(m) => format!("<built-in method {}>", m.1),
            Value::Module(m) => format!("<module '{}'>", m.name()),
            Value::DType(d) => format!("<class 'numpy.{}'>", d.name()),
            Value::DTypeObj(d) => format!("dtype('{}')", d.name()),
            Value::Numdiff(n) => format!("<numdifftools.{} object>", n.kind),
            Value::Dict(items) => {
                let walk = Walk::enter(items.addr());
                if walk.is_recursive() {
                    return "{...}".into();
                }
                let parts: Vec<String> = items
                    .borrow()
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.repr(opts), v.repr(opts)))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            Value::DictView(v) => {
                format!("{}({})", v.type_name(), Value::list(v.items()).repr(opts))
            }
            Value::Set(items) if items.borrow().is_empty() => "set()".into(),
            Value::Set(items) => {
                let items = items.borrow();
                let ordered = super::pyobj::set_order(&items);
                let items = ordered.as_deref().unwrap_or(&items);
                let parts: Vec<String> = items.iter().map(|v| v.repr(opts)).collect();
                format!("{{{}}}", parts.join(", "))
            }
            Value::ExcType(k) => format!("<class '{}'>", k.qualified_name()),
            // A KeyError's message is already the key's repr.
            Value::Exception(e) if e.kind == super::ErrorKind::KeyError => {
                format!("KeyError({})", e.message)
            }
            Value::Exception(e) => {
                format!("{}({})", e.kind.name(), format::py_repr_str(&e.message))
            }
            Value::Context(c) => c.name(),
            // The evaluator does not draw: a cell showing the view draws
            // it; `print`/`str`/`repr` name it, as Python does for objects.
            Value::View(v) => format!("<gradlab {} view>", v.name()),
            Value::Range(r) => r.repr(),
            Value::Iter(it) => it.repr(),
            Value::Class(name) => format!("<class '{name}'>"),
            Value::Random(r) => r.repr(),
            Value::NumInfo(i) => i.repr(),
            Value::DataFrame(df) => df.to_string(),
            Value::Series(sr) => sr.to_string(),
            Value::PdIndex(i) => i.repr(),
            Value::Indexer(i) => format!("<{} object>", i.type_name()),
            Value::Figure(n) => format!("<Figure {n}>"),
            Value::Axes(_) => "<Axes: >".into(),
            Value::Artist(h) => h.repr(),
            Value::Grid(g) => g.repr(),
            Value::Poly1d(p) => p.repr(opts),
            Value::Flat(a) => format!("<numpy.flatiter object at {:#x}>", Rc::as_ptr(a) as usize),
        }
    }

    pub fn to_str(&self, opts: &PrintOptions) -> String {
        match self {
            Value::Str(s) => s.to_string(),
            Value::Scalar(s) => format::scalar_str(*s),
            Value::Array(a) => format::array_str(a, opts),
            Value::DTypeObj(d) => d.name().to_string(),
            Value::Random(r) => r.to_str(),
            Value::Poly1d(p) => p.to_str(),
            Value::Exception(e) => e.message.clone(),
            Value::Artist(h) => h.to_str(),
            _ => self.repr(opts),
        }
    }
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_str(&PrintOptions::default()))
    }
}
