//! `np.random` in the language. NumPy's module-level functions are bound
//! methods of one hidden `RandomState` (`np.random.normal is
//! _rand.normal`), so here too: `np.random.<fn>` is a method whose
//! receiver is the session's global state, `np.random.RandomState(seed)`
//! makes another such receiver, and `np.random.default_rng(seed)` a
//! `Generator`. Every function and method is a row of the builtins table
//! (`random.<fn>`, `Generator.<method>`), bound with Cython's argument
//! messages; the numbers come from `crate::random`.

mod convert;
mod generator;
mod legacy;
mod twins;

use std::cell::RefCell;
use std::rc::Rc;

use crate::random::{Generator, RandomState};

use super::super::args::{Bound, CallArgs, Signature, bind};
use super::super::error::{ErrorKind, EvalError, EvalResult};
use super::super::session::Session;
use super::super::value::{Module, Value};
use super::{Builtin, Home};

builtins! { RANDOM;
    "random.seed", Random, legacy::seed, "seed(seed=None)",
        "Reseed the global legacy generator (MT19937): an int in [0, 2**32), a list of them, or None for OS entropy.",
        "np.random.seed(0); np.random.rand(3)";
    "random.rand", Random, legacy::rand, "rand(*args)",
        "Uniform floats in [0, 1) of shape (d0, d1, ...); a float when no dimension is given.",
        "np.random.seed(0); np.random.rand(2, 3)";
    "random.randn", Random, legacy::randn, "randn(*args)",
        "Standard normal floats of shape (d0, d1, ...) (NumPy's legacy polar method).",
        "np.random.seed(0); np.random.randn(4)";
    "random.random", Random, twins::random, "random(size=None)",
        "Uniform floats in [0, 1).", "np.random.seed(0); np.random.random((2, 2))";
    "random.random_sample", Random, twins::random, "random_sample(size=None)",
        "Uniform floats in [0, 1) (same as random).", "np.random.seed(0); np.random.random_sample(3)";
    "random.standard_normal", Random, twins::standard_normal, "standard_normal(size=None)",
        "Standard normal floats (mean 0, standard deviation 1).", "np.random.seed(0); np.random.standard_normal(3)";
    "random.normal", Random, twins::normal, twins::NORMAL,
        "Normal (Gaussian) floats with mean loc and standard deviation scale; loc and scale broadcast.",
        "np.random.seed(1); np.random.normal(0, 0.1, 5)";
    "random.uniform", Random, twins::uniform, twins::UNIFORM,
        "Uniform floats in [low, high).", "np.random.seed(0); np.random.uniform(-1, 1, 4)";
    "random.randint", Random, legacy::randint, "randint(low, high=None, size=None, dtype=int)",
        "Random integers in [low, high) ([0, low) with one bound); a Python int without size.",
        "np.random.seed(0); np.random.randint(1, 7, size=10)";
    "random.choice", Random, legacy::choice, "choice(a, size=None, replace=True, p=None)",
        "Samples from range(a) or a 1-D array, with or without replacement, optionally with probabilities p.",
        "np.random.seed(0); np.random.choice([10, 20, 30], size=5, p=[0.5, 0.3, 0.2])";
    "random.shuffle", Random, legacy::shuffle, "shuffle(x)",
        "Shuffle an array (along its first axis) or a list in place.",
        "np.random.seed(0); a = np.arange(5); np.random.shuffle(a); a";
    "random.permutation", Random, legacy::permutation, "permutation(x)",
        "A shuffled copy of x (along its first axis), or of arange(x) for an int.",
        "np.random.seed(0); np.random.permutation(5)";
    "random.default_rng", Random, generator::default_rng, "default_rng(seed=None)",
        "A Generator (PCG64 seeded through a SeedSequence): an int, a list of ints, or None for OS entropy.",
        "rng = np.random.default_rng(42); rng.normal(0, 0.1, 3)";
    "random.RandomState", Random, legacy::random_state, "RandomState(seed=None)",
        "A legacy generator of its own (MT19937), with the np.random functions as methods.",
        "rs = np.random.RandomState(0); rs.randint(10, size=3)";
    "Generator.random", GeneratorMethod, twins::random, "random(size=None, dtype=np.float64, out=None)",
        "Uniform floats in [0, 1).", "np.random.default_rng(42).random(3)";
    "Generator.standard_normal", GeneratorMethod, twins::standard_normal,
        "standard_normal(size=None, dtype=np.float64, out=None)",
        "Standard normal floats (NumPy's ziggurat).", "np.random.default_rng(42).standard_normal(3)";
    "Generator.normal", GeneratorMethod, twins::normal, twins::NORMAL,
        "Normal floats with mean loc and standard deviation scale; loc and scale broadcast.",
        "np.random.default_rng(42).normal(0, 0.1, 5)";
    "Generator.uniform", GeneratorMethod, twins::uniform, twins::UNIFORM,
        "Uniform floats in [low, high).", "np.random.default_rng(42).uniform(-1, 1, 3)";
    "Generator.integers", GeneratorMethod, generator::integers,
        "integers(low, high=None, size=None, dtype=np.int64, endpoint=False)",
        "Random integers in [low, high) ([low, high] with endpoint=True; [0, low) with one bound).",
        "np.random.default_rng(42).integers(1, 7, size=10)";
    "Generator.choice", GeneratorMethod, generator::choice,
        "choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)",
        "Samples from range(a) or along an axis of an array, with or without replacement, optionally with probabilities p.",
        "np.random.default_rng(42).choice(10, 3, replace=False)";
    "Generator.permutation", GeneratorMethod, generator::permutation, "permutation(x, axis=0)",
        "A shuffled copy of x along an axis, or of arange(x) for an int.",
        "np.random.default_rng(42).permutation(5)";
    "Generator.shuffle", GeneratorMethod, generator::shuffle, "shuffle(x, axis=0)",
        "Shuffle an array along an axis, or a list, in place.",
        "rng = np.random.default_rng(42); a = np.arange(5); rng.shuffle(a); a";
}

/// A generator object: `np.random.default_rng(...)` or
/// `np.random.RandomState(...)`. Shared by every name bound to it, as in
/// Python.
#[derive(Debug)]
pub struct RandomObject {
    /// Its creation number in the session: the stable stand-in for
    /// Python's `id()` in its repr.
    id: u64,
    rng: Rng,
}

#[derive(Debug)]
enum Rng {
    Generator(RefCell<Generator>),
    // Boxed: MT19937's 624 words would make every Generator 2.5 KB.
    Legacy(Box<RefCell<RandomState>>),
}

impl RandomObject {
    fn class(&self) -> &'static str {
        match self.rng {
            Rng::Generator(_) => "Generator(PCG64)",
            Rng::Legacy(_) => "RandomState(MT19937)",
        }
    }

    /// Python's `type(x).__name__` with its module.
    pub fn type_name(&self) -> &'static str {
        match self.rng {
            Rng::Generator(_) => "numpy.random._generator.Generator",
            Rng::Legacy(_) => "numpy.random.mtrand.RandomState",
        }
    }

    /// `str(rng)`: `Generator(PCG64)`.
    pub fn to_str(&self) -> String {
        self.class().to_string()
    }

    /// `repr(rng)`: NumPy's `Generator(PCG64) at 0x...`, with an address
    /// made from the creation number so transcripts are reproducible.
    pub fn repr(&self) -> String {
        format!(
            "{} at 0x{:X}",
            self.class(),
            0x7F5A_0000_0000u64 + self.id * 0x1000
        )
    }
}

/// The np.random state of one session.
#[derive(Debug, Default)]
pub struct RandomSession {
    /// `np.random.*`'s RandomState, seeded from the OS on first use.
    global: Option<RandomState>,
    /// Objects made so far (for their repr).
    created: u64,
    /// The object whose method is being called (None: the global state).
    receiver: Option<Rc<RandomObject>>,
}

impl RandomSession {
    fn global(&mut self) -> &mut RandomState {
        self.global.get_or_insert_with(RandomState::from_entropy)
    }

    fn make(&mut self, rng: Rng) -> Value {
        self.created += 1;
        Value::Random(Rc::new(RandomObject {
            id: self.created,
            rng,
        }))
    }
}

/// The state a call draws from: the legacy MT19937 (`np.random.*`'s or
/// a `RandomState`'s) or a `Generator`'s PCG64.
enum State<'a> {
    Legacy(&'a mut RandomState),
    Generator(&'a mut Generator),
}

/// Runs `f` on the state the current call is for (the global legacy state
/// without a receiver).
fn with_state<T>(s: &mut Session, f: impl FnOnce(State<'_>) -> T) -> T {
    match s.random.receiver.take() {
        Some(obj) => match &obj.rng {
            Rng::Legacy(cell) => f(State::Legacy(&mut cell.borrow_mut())),
            Rng::Generator(cell) => f(State::Generator(&mut cell.borrow_mut())),
        },
        None => f(State::Legacy(s.random.global())),
    }
}

/// Runs `f` on the legacy state the current call is for.
fn with_legacy<T>(s: &mut Session, f: impl FnOnce(&mut RandomState) -> T) -> T {
    with_state(s, |st| match st {
        State::Legacy(rs) => f(rs),
        State::Generator(_) => unreachable!("legacy rows are bound to RandomState receivers"),
    })
}

/// Runs `f` on the Generator the current method call is for.
fn with_generator<T>(s: &mut Session, f: impl FnOnce(&mut Generator) -> T) -> T {
    with_state(s, |st| match st {
        State::Generator(g) => f(g),
        State::Legacy(_) => unreachable!("Generator rows are bound to Generator receivers"),
    })
}

/// The table rows of one family, by bare name.
fn row(prefix: &str, name: &str) -> Option<&'static Builtin> {
    RANDOM.iter().find(|b| {
        b.name
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('.'))
            == Some(name)
    })
}

fn bare(b: &'static Builtin) -> &'static str {
    b.name.split_once('.').map_or(b.name, |(_, n)| n)
}

/// The legacy functions that are methods of a RandomState.
fn is_legacy_method(name: &str) -> bool {
    !matches!(name, "default_rng" | "RandomState")
}

/// `np.random.<name>`.
pub fn module_attr(name: &str) -> Option<Value> {
    let b = row("random", name)?;
    Some(if is_legacy_method(name) {
        Value::Method(Rc::new((Value::Module(Module::Random), bare(b))))
    } else {
        Value::Builtin(b)
    })
}

/// The table row `np.random.<name>` calls (for signatures and `:help`).
pub fn module_member(name: &str) -> Option<&'static Builtin> {
    row("random", name)
}

/// Every `np.random` name.
pub fn module_names() -> impl Iterator<Item = &'static str> {
    RANDOM
        .iter()
        .filter(|b| b.home == Home::Random)
        .map(|b| bare(b))
}

/// `obj.name` for a generator object.
pub fn attr(recv: &Value, obj: &RandomObject, name: &str) -> EvalResult<Value> {
    let b = match obj.rng {
        Rng::Generator(_) => row("Generator", name),
        Rng::Legacy(_) => row("random", name).filter(|_| is_legacy_method(name)),
    };
    match b {
        Some(b) => Ok(Value::Method(Rc::new((recv.clone(), bare(b))))),
        None => Err(EvalError::new(
            ErrorKind::AttributeError,
            format!("'{}' object has no attribute '{name}'", obj.type_name()),
        )),
    }
}

/// Whether `recv.name(...)` is a np.random method call.
pub fn is_receiver(recv: &Value) -> bool {
    matches!(recv, Value::Random(_) | Value::Module(Module::Random))
}

/// Calls `recv.name(...)` for a generator object or `np.random` itself.
pub fn call_method(s: &mut Session, recv: &Value, name: &str, call: CallArgs) -> EvalResult<Value> {
    let span = call.span.clone();
    let (b, receiver) = match recv {
        Value::Random(obj) => match obj.rng {
            Rng::Generator(_) => (row("Generator", name), Some(obj.clone())),
            Rng::Legacy(_) => (row("random", name), Some(obj.clone())),
        },
        _ => (row("random", name), None),
    };
    let b = b.expect("methods are made from table rows");
    let bound = cython_bind(b.signature(), call)?;
    s.random.receiver = receiver;
    let r = (b.func)(s, &bound, false);
    s.random.receiver = None;
    r.map_err(|e| e.at(&span))
}

/// Binds as Cython-compiled NumPy does, with its messages for wrong
/// numbers of positional arguments.
fn cython_bind(sig: &'static Signature, call: CallArgs) -> EvalResult<Bound> {
    let positional: Vec<_> = sig.params.iter().filter(|p| !p.keyword_only).collect();
    let required = positional.iter().filter(|p| p.default.is_none()).count();
    let given = call.pos.len();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let exactly = required == positional.len();
    let fail = |bound: &str, n: usize| {
        Err(EvalError::type_error(format!(
            "{}() takes {bound} {n} positional argument{} ({given} given)",
            sig.name,
            plural(n)
        ))
        .at(&call.span))
    };
    if sig.varargs.is_none() && given > positional.len() {
        return fail(
            if exactly { "exactly" } else { "at most" },
            positional.len(),
        );
    }
    let missing = positional.iter().enumerate().any(|(i, p)| {
        p.default.is_none() && i >= given && !call.kw.iter().any(|(k, _)| *k == p.name)
    });
    if missing {
        return fail(if exactly { "exactly" } else { "at least" }, required);
    }
    bind(sig, call).map_err(|mut e| {
        e.message = e.message.replace(
            "got multiple values for argument",
            "got multiple values for keyword argument",
        );
        e
    })
}
