//! The one table of builtin functions: name, signature (with NumPy's keyword
//! names and defaults), one-line doc, example and implementation. It feeds
//! evaluation, tab completion, signature hints and `:help`.

mod calculus;
mod classroom;
pub mod creation;
mod files;
mod math;
mod math_ints;
mod names;
pub use names::{
    default_name, global_name, global_names, module_attr, module_member, module_names,
};
mod numdiff;
pub(crate) mod order;
pub(crate) mod python;
mod reduce;
pub mod shape;

use std::sync::OnceLock;

use super::args::{Bound, CallArgs, Signature};
use super::error::EvalResult;
use super::session::Session;
use super::value::{NumdiffObject, Value};

pub use classroom::explain;
pub use python::builtin_dtype as python_dtype;
pub use python::sort_values;

/// Where a builtin lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Home {
    /// `np.name` (also bare `name`).
    Numpy,
    /// A Python builtin (`print`, `len`).
    Python,
    /// Both a Python builtin and a NumPy function (`abs`, `round`, `min`,
    /// `max`, `sum`): bare calls on Python values follow Python.
    Both,
    /// gradlab's own classroom functions (`compare`, `explain`, ...).
    Gradlab,
    /// numdifftools (`nd.Derivative`, ...).
    Numdifftools,
    /// `np.random.name` (table name `random.name`).
    Random,
    /// A method of `np.random.Generator` objects (table name
    /// `Generator.name`).
    GeneratorMethod,
    /// `np.linalg.name` (table name `linalg.name`).
    Linalg,
    /// `pd.name` (table name `pd.name`).
    Pandas,
    /// A method of DataFrame or Series (table names `DataFrame.name`,
    /// `Series.name`).
    PandasMethod,
    /// `plt.name` (table name `plt.name`).
    Pyplot,
    /// A method of matplotlib Axes (table name `Axes.name`).
    AxesMethod,
    /// A method of matplotlib Figure (table name `Figure.name`).
    FigureMethod,
    /// `matplotlib.name`.
    Matplotlib,
    /// Python's `warnings.name` (table name `warnings.name`).
    Warnings,
}

/// Implementation: the session, the bound arguments, and whether the call
/// should follow Python's builtin (bare name, Python values).
pub type BuiltinFn = fn(&mut Session, &Bound, bool) -> EvalResult<Value>;

/// One builtin function.
pub struct Builtin {
    pub name: &'static str,
    pub sig: &'static str,
    pub doc: &'static str,
    pub example: &'static str,
    pub home: Home,
    pub func: BuiltinFn,
}

impl std::fmt::Debug for Builtin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<builtin {}>", self.name)
    }
}

impl Builtin {
    /// The parsed signature (parsed once, shared by every call).
    pub fn signature(&self) -> &'static Signature {
        Signature::of(self.sig)
    }
}

/// A table of builtins: `builtins! { NAME; rows... }` defines
/// `static NAME: &[Builtin]`. Families in their own files (`random`) keep
/// their rows there; [`all`] chains the tables.
macro_rules! builtins {
    ($table:ident; $( $name:literal, $home:ident, $func:path, $sig:expr, $doc:literal, $example:literal; )*) => {
        /// Builtins, in `:help` order.
        pub static $table: &[Builtin] = &[
            $( Builtin { name: $name, sig: $sig, doc: $doc, example: $example, home: Home::$home, func: $func }, )*
        ];
    };
}

pub(crate) mod complex_parts;
mod cross;
mod digitize;
pub(crate) mod dtypes;
mod elementwise;
mod errstate;
pub(crate) mod flat;
pub(crate) mod grids;
mod histogram;
mod indices;
mod linalg;
mod linalg_lu;
mod linalg_svd;
mod matrices;
mod medians;
mod nanfuncs;
mod nanstats;
mod numpy_linalg;
mod order_stats;
mod pad_modes;
pub mod pandas;
mod periodic;
pub(crate) mod poly1d;
mod polyfit;
mod polyfuncs;
mod polynomials;
pub mod printing;
pub mod pyplot;
mod pywarnings;
pub mod random;
mod rearrange;
mod removed;
mod sharing;
mod sorting;
mod stacking;
pub(crate) mod stats;
mod svd;
mod trapezoid;
mod ufunc_out;
mod unique;

pub use removed::removed_message;

builtins! { BUILTINS;
    "gradient", Numpy, calculus::gradient, "gradient(f, *varargs, axis=None, edge_order=1)",
        "Second-order central differences inside, one-sided differences (order edge_order) at the edges.",
        "np.gradient(np.array([1, 2, 4, 7, 11, 16]), 2.0)";
    "diff", Numpy, calculus::diff, "diff(a, n=1, axis=-1, prepend=<no value>, append=<no value>)",
        "The n-th discrete difference a[i+1] - a[i] along an axis.",
        "np.diff(np.array([1, 2, 4, 7]), n=2)";
    "array", Numpy, creation::array, "array(object, dtype=None, copy=True, ndmin=0)",
        "An array from nested lists (ints → int64, any float → float64, bools → bool).",
        "np.array([[1, 2], [3, 4]], dtype=float)";
    "asarray", Numpy, creation::asarray, "asarray(a, dtype=None)",
        "The input as an array (no copy of arrays needed).", "np.asarray([1.0, 2.5])";
    "linspace", Numpy, creation::linspace, "linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None)",
        "num evenly spaced samples from start to stop.", "np.linspace(0, 1, 5)";
    "arange", Numpy, creation::arange, "arange(start, stop=None, step=None, dtype=None)",
        "Evenly spaced values in [start, stop) with the given step.", "np.arange(0, 1, 0.25)";
    "zeros", Numpy, creation::zeros, "zeros(shape, dtype=float)", "An array of zeros.", "np.zeros((2, 3))";
    "ones", Numpy, creation::ones, "ones(shape, dtype=float)", "An array of ones.", "np.ones(4, dtype=int)";
    "full", Numpy, creation::full, "full(shape, fill_value, dtype=None)",
        "An array filled with fill_value.", "np.full((2, 2), 7.5)";
    "zeros_like", Numpy, creation::zeros_like, "zeros_like(a, dtype=None)",
        "Zeros with the shape and dtype of a.", "np.zeros_like(np.array([1, 2]))";
    "ones_like", Numpy, creation::ones_like, "ones_like(a, dtype=None)",
        "Ones with the shape and dtype of a.", "np.ones_like(np.array([1., 2.]))";
    "meshgrid", Numpy, creation::meshgrid, "meshgrid(*xi, copy=True, sparse=False, indexing='xy')",
        "Coordinate matrices from coordinate vectors.", "X, Y = np.meshgrid(np.arange(3), np.arange(2))";
    "cumsum", Numpy, reduce::cumsum, "cumsum(a, axis=None, dtype=None, out=None)",
        "Cumulative sum (flattened when axis is None).", "np.cumsum(np.array([1, 2, 3]))";
    "sum", Both, reduce::sum, "sum(a, axis=None, dtype=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        "Sum of elements (NumPy's pairwise summation).", "np.sum(np.array([[1, 2], [3, 4]]), axis=0)";
    "mean", Numpy, reduce::mean, "mean(a, axis=None, dtype=None, out=None, keepdims=<no value>, *, where=<no value>)",
        "Arithmetic mean.", "np.mean(np.array([1, 2, 4]))";
    "min", Both, reduce::min, "min(a, axis=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        "Smallest element (NaN propagates).", "np.min(np.array([3, 1, 2]))";
    "max", Both, reduce::max, "max(a, axis=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        "Largest element (NaN propagates).", "np.max(np.array([3, 1, 2]))";
    "amin", Numpy, reduce::min, "amin(a, axis=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        "Smallest element (an alias of np.min).", "np.amin(np.array([[3, 1], [0, 2]]), axis=1)";
    "amax", Numpy, reduce::max, "amax(a, axis=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        "Largest element (an alias of np.max).", "np.amax(np.array([[3, 1], [0, 2]]), axis=0, initial=2)";
    "std", Numpy, reduce::std, "std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=<no value>, *, where=<no value>)",
        "Standard deviation.", "np.std(np.array([1., 2., 4.]))";
    "abs", Both, math::unary, "abs(x)", "Absolute value, elementwise.", "np.abs(np.array([-1.5, 2]))";
    "absolute", Numpy, math::unary, "absolute(x, out=None)", "Absolute value, elementwise (np.abs).", "np.absolute(np.array([-1.5, 3 + 4j]))";
    "sqrt", Numpy, math::unary, "sqrt(x, out=None)", "Square root, elementwise.", "np.sqrt(np.array([1, 4, 9]))";
    "exp", Numpy, math::unary, "exp(x, out=None)", "e**x, elementwise.", "np.exp(np.array([0., 1.]))";
    "log", Numpy, math::unary, "log(x, out=None)", "Natural logarithm, elementwise.", "np.log(np.e)";
    "log2", Numpy, math::unary, "log2(x, out=None)", "Base-2 logarithm, elementwise.", "np.log2(8)";
    "log10", Numpy, math::unary, "log10(x, out=None)", "Base-10 logarithm, elementwise.", "np.log10(1000)";
    "sin", Numpy, math::unary, "sin(x, out=None)", "Sine (radians), elementwise.", "np.sin(np.linspace(0, np.pi, 5))";
    "cos", Numpy, math::unary, "cos(x, out=None)", "Cosine (radians), elementwise.", "np.cos(0)";
    "tan", Numpy, math::unary, "tan(x, out=None)", "Tangent (radians), elementwise.", "np.tan(np.pi / 4)";
    "arcsin", Numpy, math::unary, "arcsin(x, out=None)", "Inverse sine, elementwise.", "np.arcsin(1)";
    "arccos", Numpy, math::unary, "arccos(x, out=None)", "Inverse cosine, elementwise.", "np.arccos(0)";
    "arctan", Numpy, math::unary, "arctan(x, out=None)", "Inverse tangent, elementwise.", "np.arctan(1)";
    "sinh", Numpy, math::unary, "sinh(x, out=None)", "Hyperbolic sine, elementwise.", "np.sinh(1)";
    "cosh", Numpy, math::unary, "cosh(x, out=None)", "Hyperbolic cosine, elementwise.", "np.cosh(1)";
    "tanh", Numpy, math::unary, "tanh(x, out=None)", "Hyperbolic tangent, elementwise.", "np.tanh(1)";
    "square", Numpy, math::unary, "square(x, out=None)", "x*x, elementwise.", "np.square(np.array([1, 2, 3]))";
    "sign", Numpy, math::unary, "sign(x, out=None)", "-1, 0 or 1 by sign (NaN stays NaN).", "np.sign(np.array([-2., 0., 3.]))";
    "floor", Numpy, math::unary, "floor(x, out=None)", "Largest integer <= x, elementwise.", "np.floor(np.array([1.5, -1.5]))";
    "ceil", Numpy, math::unary, "ceil(x, out=None)", "Smallest integer >= x, elementwise.", "np.ceil(np.array([1.5, -1.5]))";
    "isnan", Numpy, math::unary, "isnan(x, out=None)", "True where x is NaN.", "np.isnan(np.array([1., np.nan]))";
    "isfinite", Numpy, math::unary, "isfinite(x, out=None)", "True where x is neither NaN nor infinite.", "np.isfinite(np.array([1., np.inf]))";
    "round", Both, math::round, "round(a, decimals=0)",
        "Round half to even to the given number of decimals.", "np.round(np.array([0.5, 1.5, 2.675]), 2)";
    "arctan2", Numpy, math::binary, "arctan2(x1, x2)", "Angle of (x2, x1), elementwise.", "np.arctan2(1, 1)";
    "hypot", Numpy, math::binary, "hypot(x1, x2)", "sqrt(x1**2 + x2**2) without overflow.", "np.hypot(3, 4)";
    "maximum", Numpy, math::binary, "maximum(x1, x2)", "Elementwise maximum (NaN propagates).", "np.maximum(np.array([1, 5]), 3)";
    "minimum", Numpy, math::binary, "minimum(x1, x2)", "Elementwise minimum (NaN propagates).", "np.minimum(np.array([1, 5]), 3)";
    "where", Numpy, math::where_, "where(condition, x=None, y=None)",
        "x where condition holds, else y; with one argument, the indices where it holds.", "np.where(np.array([1, -2, 3]) > 0, 1, 0)";
    "allclose", Numpy, math::allclose, "allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
        "True when every |a - b| <= atol + rtol * |b|.", "np.allclose(np.gradient(np.array([0., 1., 4.])), [1., 2., 3.])";
    "isclose", Numpy, math::isclose, "isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
        "Elementwise |a - b| <= atol + rtol * |b|.", "np.isclose(np.array([1.0, 2.0]), 1.0)";
    "concatenate", Numpy, shape::concatenate, "concatenate(arrays, axis=0)",
        "Join arrays along an existing axis.", "np.concatenate(([1, 2], [3]))";
    "stack", Numpy, shape::stack, "stack(arrays, axis=0)", "Join arrays along a new axis.", "np.stack(([1, 2], [3, 4]))";
    "transpose", Numpy, shape::transpose, "transpose(a, axes=None)", "Permute the axes (reverse by default).", "np.transpose(np.array([[1, 2], [3, 4]]))";
    "reshape", Numpy, shape::reshape, "reshape(a, shape, order='C', *, copy=None)",
        "The same data with a new shape (-1 infers one), read and placed in C or F order.", "np.reshape(np.arange(6), (2, 3), order='F')";
    "len", Python, python::len, "len(obj)", "Length of the first axis or of a sequence.", "len(np.array([1, 2, 3]))";
    "print", Python, python::print, "print(*objects, sep=' ', end='\\n')",
        "Write str() of the objects, separated by sep, then end.", "print(\"Gradient:\", np.gradient(np.array([1., 2., 4.])))";
    "repr", Python, python::repr, "repr(obj)", "The text the notebook shows for obj.", "repr(np.array([1.5]))";
    "str", Python, python::str_, "str(object='')", "The text print shows for obj.", "str(np.array([1.5]))";
    "format", Python, python::format_, "format(value, format_spec='')",
        "value formatted by a format spec, as f'{value:spec}' does.", "format(3.14159, '.2f')";
    "float", Python, python::float, "float(x=0)", "A Python float.", "float(np.array([2.5])[0])";
    "int", Python, python::int, "int(x=0)", "A Python int (truncates toward zero).", "int(3.9)";
    "bool", Python, python::bool_, "bool(x=False)", "Python truthiness.", "bool(0)";
    "list", Python, python::list, "list(iterable=())", "A Python list (arrays: along the first axis).", "list((1, 2))";
    "tuple", Python, python::tuple, "tuple(iterable=())", "A Python tuple.", "tuple([1, 2])";
    "range", Python, python::range, "range(start, stop=None, step=None)", "The ints start, start+step, ... before stop (lazy: len and indexing need no list).", "list(range(0, 10, 3))";
    "type", Python, python::type_, "type(obj)", "The class of obj.", "type(np.float64(1))";
    "isinstance", Python, python::isinstance, "isinstance(obj, classinfo)", "Whether obj is an instance of the class (or of one in a tuple of classes).", "isinstance(np.float64(1), float)";
    "zip", Python, python::zip, "zip(*iterables, strict=False)", "Tuples of the i-th items of each iterable, up to the shortest.", "list(zip([1, 2], [0.1, 0.2]))";
    "enumerate", Python, python::enumerate, "enumerate(iterable, start=0)", "Pairs (index, item).", "list(enumerate(['a', 'b']))";
    "sorted", Python, python::sorted, "sorted(iterable, *, key=None, reverse=False)", "A new sorted list (stable).", "sorted([3, 1, 2], reverse=True)";
    "reversed", Python, python::reversed, "reversed(sequence)", "An iterator over the items in reverse order.", "list(reversed([1, 2, 3]))";
    "set", Python, python::set, "set(iterable=())", "A set of the distinct items.", "set([1, 2, 2])";
    "dict", Python, python::dict_unbound, "dict(mapping=(), **kwargs)", "A dict from a mapping, (key, value) pairs, or keywords.", "dict(h=0.1, n=10)";
    "help", Python, python::help, "help(request=None)", "The signature, description and an example of a function.", "help(np.gradient)";
    "compare", Gradlab, classroom::compare, "compare(a, *varargs, axis=None, edge_order=1)",
        "gradient and diff side by side: per sample the values, the scheme, and the identities that hold.", "compare(np.array([1, 2, 4, 7, 11, 16]))";
    "explain", Gradlab, calculus::explain_direct, "explain(call)",
        "Every output element of a gradient/diff call with its formula and numbers.", "explain(np.gradient(np.array([1, 2, 4, 7])))";
    "accuracy", Gradlab, classroom::accuracy, "accuracy(f, a, b, exact=None, n=(10, 20, 40, 80, 160))",
        "Error of np.gradient vs the true derivative for edge_order 1 and 2 as the grid is refined.", "accuracy(np.sin, 0, 3, exact=np.cos)";
    "plot", Gradlab, classroom::plot, "plot(*series, labels=None)",
        "A line chart: plot(y), plot(x, y, y2, ..., labels=[...]) or plot(compare(...)).", "plot(np.linspace(0, 1, 50) ** 2)";
    "heatmap", Gradlab, classroom::heatmap, "heatmap(m)",
        "A 2-D array as a heat map with a legend.", "heatmap(np.outer(np.arange(5), np.arange(8)))";
    "edges", Gradlab, classroom::edges, "edges(m)",
        "Heat maps of both gradient components and their magnitude hypot(dx, dy).", "edges(np.eye(6))";
    "derivative", Gradlab, numdiff::derivative, "derivative(f, x, n=1, method='central', order=2, step=None, full_output=False)",
        "The n-th derivative of a function at x (adaptive steps, Richardson extrapolation).", "derivative(np.sin, 0.5)";
    "Derivative", Numdifftools, numdiff::derivative_obj, "Derivative(f, n=1, method='central', order=2, step=None, full_output=False)",
        "numdifftools: a callable computing the n-th derivative of f elementwise.", "nd.Derivative(np.exp, n=2)(1.0)";
    "Gradient", Numdifftools, numdiff::gradient_obj, "Gradient(f, method='central', order=2, step=None, full_output=False)",
        "numdifftools: a callable computing the gradient of a scalar function of a vector.", "nd.Gradient(lambda x: np.sum(x**2))([1, 2, 3])";
    "Jacobian", Numdifftools, numdiff::jacobian_obj, "Jacobian(f, method='central', order=2, step=None, full_output=False)",
        "numdifftools: a callable computing the Jacobian of a vector function.", "nd.Jacobian(lambda x: x**2)([1.0, 2.0])";
    "Hessian", Numdifftools, numdiff::hessian_obj, "Hessian(f, method='central', order=2, step=None, full_output=False)",
        "numdifftools: a callable computing the Hessian of a scalar function of a vector.", "nd.Hessian(lambda x: np.sum(x**2))([1.0, 2.0])";
    "loadtxt", Numpy, files::loadtxt, "loadtxt(fname, dtype=float, comments='#', delimiter=None, skiprows=0, usecols=None, unpack=False, ndmin=0, max_rows=None)",
        "An array from a text file (CSV with delimiter=',').", "np.loadtxt('sessions/data/positions.csv', delimiter=',', skiprows=1)";
    "genfromtxt", Numpy, files::genfromtxt, "genfromtxt(fname, dtype=float, comments='#', delimiter=None, skip_header=0, usecols=None, filling_values=None)",
        "Like loadtxt, with missing values as nan.", "np.genfromtxt('data.csv', delimiter=',', skip_header=1)";
    "savetxt", Numpy, files::savetxt, "savetxt(fname, X, fmt='%.18e', delimiter=' ', newline='\\n', header='', footer='', comments='# ')",
        "Write an array to a text file.", "np.savetxt('out.csv', np.eye(2), delimiter=',', fmt='%.6f')";
    "load", Numpy, files::load, "load(file)", "An array from a .npy file.", "np.load('a.npy')";
    "save", Numpy, files::save, "save(file, arr)", "Write an array to a .npy file (.npy is added).", "np.save('a.npy', np.arange(3))";
    "Out", Python, python::out_table, "Out[n]", "The output of cell n.", "Out[1]";
}

fn table() -> &'static super::fast_hash::FastMap<&'static str, &'static Builtin> {
    static TABLE: OnceLock<super::fast_hash::FastMap<&'static str, &'static Builtin>> =
        OnceLock::new();
    TABLE.get_or_init(|| all().map(|b| (b.name, b)).collect())
}

/// Python's own code for a bare call of `b` where Python binds its
/// arguments differently from NumPy's twin (`round(x, ndigits=2)`, with
/// argument-clinic errors): it takes the call's arguments unbound.
pub fn python_call(b: &Builtin) -> Option<fn(&mut Session, CallArgs) -> EvalResult<Value>> {
    match (b.name, b.home) {
        ("round", Home::Both) => Some(math::python_round),
        _ => None,
    }
}

/// Looks up a builtin by name.
pub fn lookup(name: &str) -> Option<&'static Builtin> {
    table().get(name).copied()
}

/// Every builtin, for completion and `:help`.
pub fn all() -> impl Iterator<Item = &'static Builtin> {
    [
        BUILTINS,
        printing::PRINTING,
        random::RANDOM,
        elementwise::ELEMENTWISE,
        linalg::LINALG,
        nanfuncs::NANFUNCS,
        nanstats::NANSTATS,
        medians::MEDIANS,
        sorting::SORTING,
        stacking::STACKING,
        rearrange::REARRANGE,
        stats::STATS,
        matrices::MATRICES,
        histogram::HISTOGRAM,
        numpy_linalg::NUMPY_LINALG,
        polynomials::POLYNOMIALS,
        order_stats::ORDER_STATS,
        dtypes::DTYPES,
        sharing::SHARING,
        errstate::ERRSTATE,
        pandas::PANDAS,
        pyplot::PYPLOT,
        pywarnings::PYWARNINGS,
        complex_parts::COMPLEX_PARTS,
        grids::GRIDS,
        linalg_lu::LINALG_LU,
        polyfit::POLYFIT,
        polyfuncs::POLYFUNCS,
        linalg_svd::LINALG_SVD,
        indices::INDICES,
        digitize::DIGITIZE,
        cross::CROSS,
    ]
    .into_iter()
    .flatten()
}

/// Calls a numdifftools object such as `nd.Derivative(f)`.
pub fn call_numdiff(s: &mut Session, obj: &NumdiffObject, call: CallArgs) -> EvalResult<Value> {
    numdiff::call_numdiff(s, obj, call)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::args::DefaultArg;

    #[test]
    fn every_signature_parses_with_literal_defaults() {
        // `Out[n]` is indexed, not called.
        for b in all().filter(|b| b.sig.contains('(')) {
            let sig = b.signature();
            // `random.seed`'s signature is NumPy's `seed(seed=None)`.
            let short = b.name.rsplit('.').next().unwrap_or(b.name);
            assert_eq!(sig.name, short, "{}", b.sig);
            for p in &sig.params {
                let Some(text) = &p.default else { continue };
                match &p.default_value {
                    Some(DefaultArg::Name(n)) => {
                        assert!(default_name(n).is_some(), "{}: unknown name {n}", b.sig)
                    }
                    Some(_) => {}
                    None => panic!("{}: default {text} is not a literal", b.sig),
                }
            }
            let mut names: Vec<&str> = sig.params.iter().map(|p| p.name.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), sig.params.len(), "{}", b.sig);
        }
    }
}
