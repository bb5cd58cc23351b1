//! Names: what a bare name, `np.name` or `module.name` means — a builtin
//! of the table, a constant, a dtype, or one of NumPy's special objects.

use crate::array::DType;

use super::super::value::{Module, Value};
use super::*;

/// Whether a builtin is reachable by its bare name (`gradient`, `print`).
fn is_global(b: &Builtin) -> bool {
    matches!(
        b.home,
        Home::Numpy | Home::Python | Home::Both | Home::Gradlab
    )
}

const CONSTANTS: &[(&str, f64)] = &[
    ("nan", f64::NAN),
    ("inf", f64::INFINITY),
    ("pi", std::f64::consts::PI),
    ("e", std::f64::consts::E),
    ("euler_gamma", 0.577_215_664_901_532_9),
];

/// `np.<name>` for a scalar type (`np.float32`, `np.uint8`, `np.int_`,
/// `np.double`): NumPy's names of the dtypes, not Python's (`np.float`
/// and `np.int` do not exist in NumPy 2).
fn dtype_name(name: &str) -> Option<DType> {
    const NAMES: &[&str] = &[
        "bool",
        "bool_",
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "float32",
        "float64",
        "complex128",
        "byte",
        "ubyte",
        "short",
        "ushort",
        "intc",
        "uintc",
        "int_",
        "intp",
        "uint",
        "uintp",
        "long",
        "ulong",
        "longlong",
        "ulonglong",
        "single",
        "double",
        "cdouble",
    ];
    NAMES.contains(&name).then(|| DType::parse(name)).flatten()
}

/// A bare name that is not a user variable: numpy functions, Python
/// builtins, constants, `np` / `numpy`.
pub fn global_name(name: &str) -> Option<Value> {
    match name {
        "np" | "numpy" => return Some(Value::Module(Module::Numpy)),
        "nan" | "inf" | "pi" | "mgrid" | "ogrid" => return module_attr(Module::Numpy, name),
        _ => {}
    }
    let b = lookup(name)?;
    is_global(b).then_some(Value::Builtin(b))
}

/// What a signature's default names: a global (`float`) or a NumPy
/// attribute (`np.float64`).
pub fn default_name(name: &str) -> Option<Value> {
    match name.strip_prefix("np.") {
        Some(attr) => module_attr(Module::Numpy, attr),
        // `category=Warning`: an exception class.
        None => global_name(name)
            .or_else(|| super::super::ErrorKind::from_name(name).map(Value::ExcType)),
    }
}

/// Every bare name [`global_name`] resolves (for completion, suggestions).
pub fn global_names() -> impl Iterator<Item = &'static str> {
    ["np", "numpy", "nan", "inf", "pi"].into_iter().chain(
        all()
            .filter(|b| is_global(b) && b.name != "Out")
            .map(|b| b.name),
    )
}

/// `np.name` when it is not a function of the table: constants, `newaxis`,
/// submodules, grids, scalar types and abstract classes.
fn numpy_special(name: &str) -> Option<Value> {
    if let Some((_, x)) = CONSTANTS.iter().find(|(n, _)| *n == name) {
        return Some(Value::Float(*x));
    }
    match name {
        "newaxis" => return Some(Value::None),
        "ndarray" => return Some(Value::Class("numpy.ndarray".into())),
        "True_" => return Some(Value::Scalar(super::super::value::Scalar::Bool(true))),
        "False_" => return Some(Value::Scalar(super::super::value::Scalar::Bool(false))),
        "random" => return Some(Value::Module(Module::Random)),
        "linalg" => return Some(Value::Module(Module::Linalg)),
        "exceptions" => return Some(Value::Module(Module::NumpyExceptions)),
        _ => {}
    }
    if let Some(g) = grids::attr(name) {
        return Some(g);
    }
    if let Some(d) = dtype_name(name) {
        return Some(Value::DType(d));
    }
    dtypes::abstract_class(name)
}

/// The table's functions `np.name` reaches (home NumPy or both), without
/// the names [`numpy_special`] answers first: one hash lookup for the
/// common `np.diff`, instead of the special names' linear searches.
fn numpy_function(name: &str) -> Option<&'static Builtin> {
    static TABLE: OnceLock<super::super::fast_hash::FastMap<&'static str, &'static Builtin>> =
        OnceLock::new();
    TABLE
        .get_or_init(|| {
            table()
                .iter()
                .filter(|(name, b)| {
                    matches!(b.home, Home::Numpy | Home::Both) && numpy_special(name).is_none()
                })
                .map(|(name, b)| (*name, *b))
                .collect()
        })
        .get(name)
        .copied()
}

/// `module.name`.
pub fn module_attr(m: Module, name: &str) -> Option<Value> {
    match m {
        Module::Numpy => {
            if let Some(b) = numpy_function(name) {
                return Some(Value::Builtin(b));
            }
            if let Some(v) = numpy_special(name) {
                return Some(v);
            }
            let b = lookup(name)?;
            matches!(b.home, Home::Numpy | Home::Both).then_some(Value::Builtin(b))
        }
        Module::Numdifftools => {
            let b = lookup(name)?;
            (b.home == Home::Numdifftools).then_some(Value::Builtin(b))
        }
        Module::Math => math::math_attr(name),
        Module::Random => random::module_attr(name),
        Module::Linalg => numpy_linalg::attr(name),
        Module::Pandas => pandas::module_attr(name),
        Module::Pyplot => pyplot::module_attr(name).ok(),
        Module::Matplotlib => pyplot::matplotlib_attr(name),
        Module::Warnings => pywarnings::attr(name),
        Module::PandasErrors => pandas::errors_attr(name),
        Module::NumpyExceptions => exceptions_attr(name),
    }
}

/// The table row `module.name` calls, for signatures and `:help`.
pub fn module_member(m: Module, name: &str) -> Option<&'static Builtin> {
    match m {
        Module::Random => random::module_member(name),
        Module::Linalg => numpy_linalg::member(name),
        Module::Pandas => pandas::member(name),
        Module::Pyplot => pyplot::member("plt", name),
        Module::Matplotlib => pyplot::member("matplotlib", name),
        Module::Warnings => pywarnings::member(name),
        Module::Math | Module::PandasErrors | Module::NumpyExceptions => None,
        Module::Numpy | Module::Numdifftools => {
            let b = lookup(name)?;
            let home_ok = match m {
                Module::Numpy => matches!(b.home, Home::Numpy | Home::Both),
                _ => b.home == Home::Numdifftools,
            };
            home_ok.then_some(b)
        }
    }
}

/// Every attribute name of a module.
pub fn module_names(m: Module) -> Box<dyn Iterator<Item = &'static str>> {
    match m {
        Module::Numpy => Box::new(
            CONSTANTS
                .iter()
                .map(|(n, _)| *n)
                .chain([
                    "newaxis",
                    "float64",
                    "int64",
                    "bool_",
                    "True_",
                    "False_",
                    "random",
                    "linalg",
                    "exceptions",
                ])
                .chain(
                    all()
                        .filter(|b| matches!(b.home, Home::Numpy | Home::Both))
                        .map(|b| b.name),
                ),
        ),
        Module::Numdifftools => Box::new(
            all()
                .filter(|b| b.home == Home::Numdifftools)
                .map(|b| b.name),
        ),
        Module::Math => Box::new(math::MATH_NAMES.iter().copied()),
        Module::Random => Box::new(random::module_names()),
        Module::Linalg => Box::new(numpy_linalg::names()),
        Module::Pandas => Box::new(pandas::names()),
        Module::Pyplot => Box::new(pyplot::names("plt")),
        Module::Matplotlib => Box::new(pyplot::names("matplotlib").chain(["pyplot"])),
        Module::Warnings => Box::new(pywarnings::names()),
        Module::PandasErrors => Box::new(pandas::ERRORS.iter().copied()),
        Module::NumpyExceptions => Box::new(NUMPY_EXCEPTIONS.iter().copied()),
    }
}

/// The classes of `numpy.exceptions` gradlab raises or warns with.
const NUMPY_EXCEPTIONS: &[&str] = &["AxisError", "RankWarning"];

/// `np.exceptions.name`.
fn exceptions_attr(name: &str) -> Option<Value> {
    NUMPY_EXCEPTIONS
        .contains(&name)
        .then(|| super::super::ErrorKind::from_name(name).map(Value::ExcType))
        .flatten()
}
