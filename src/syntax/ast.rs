//! The syntax tree of the Python gradlab reads.
//!
//! Every node carries its byte span in the source text it was parsed from
//! (one statement chunk, see [`super::split_statements`]).

use std::collections::BTreeSet;
use std::ops::Range;
use std::rc::Rc;

/// Byte offsets into the parsed source.
pub type Span = Range<usize>;

/// A name with its span (`x` in `x = 1`, `axis` in `axis=0`).
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// An expression statement; the last one of a cell is shown as `Out[n]`.
    Expr(Expr),
    /// `t1 = t2 = value` (usually one target).
    Assign {
        targets: Vec<Target>,
        value: Expr,
    },
    /// `x += value` and friends.
    AugAssign {
        target: Target,
        op: BinOp,
        value: Expr,
    },
    /// `import numpy as np`, `import numpy` (alias None).
    Import {
        module: Ident,
        alias: Option<Ident>,
    },
    /// `from numpy import gradient, diff as d`.
    FromImport {
        module: Ident,
        names: Vec<(Ident, Option<Ident>)>,
    },
    /// `def f(x, h=0.1): ...` with any body.
    Def(Rc<FuncDef>),
    /// `return` / `return value`.
    Return(Option<Expr>),
    /// `if` / `elif` (an `If` alone in `orelse`) / `else`.
    If {
        cond: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `for target in iter: body else: orelse`.
    For {
        target: Target,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `while cond: body else: orelse`.
    While {
        cond: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    Break,
    Continue,
    Pass,
    /// `with a as x, b: body`.
    With {
        items: Vec<(Expr, Option<Target>)>,
        body: Vec<Stmt>,
    },
    /// `try: body except T as e: ... else: ... finally: ...`.
    Try {
        body: Vec<Stmt>,
        handlers: Vec<Handler>,
        orelse: Vec<Stmt>,
        finally: Vec<Stmt>,
    },
    /// `raise` / `raise exc` / `raise exc from cause`.
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    /// `assert test, msg`.
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    /// `del a, b[0]`.
    Del(Vec<Target>),
    /// `global a, b`.
    Global(Vec<Ident>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<Ident>),
}

/// One `except` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    /// The exception class (or tuple of classes); `None` for a bare `except:`.
    pub kind: Option<Expr>,
    pub name: Option<Ident>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// A function from `def` or `lambda` (a lambda's body is one `return`).
#[derive(Clone, Debug, PartialEq)]
pub struct FuncDef {
    pub name: Ident,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    pub lambda: bool,
    /// The docstring: the body's first statement when it is a string.
    pub doc: Option<String>,
    /// The names the body binds or declares, as Python's symbol table.
    pub scope: Scope,
}

/// Names a function body binds (its locals) and declares.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scope {
    /// Parameters and every name assigned in the body (not global/nonlocal).
    pub locals: BTreeSet<String>,
    pub globals: BTreeSet<String>,
    pub nonlocals: BTreeSet<String>,
}

/// An assignment target.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Name(Ident),
    /// `a, b = ...` or `(a, b) = ...` or `[a, b] = ...`.
    Tuple(Vec<Target>, Span),
    /// `a[1:3] = ...`.
    Index {
        obj: Box<Expr>,
        index: Vec<IndexItem>,
        span: Span,
    },
    /// `obj.name = ...`.
    Attr {
        obj: Box<Expr>,
        name: Ident,
        span: Span,
    },
    /// `*rest` inside a tuple target.
    Starred(Box<Target>, Span),
}

impl Target {
    /// The target's span in the source.
    pub fn span(&self) -> Span {
        match self {
            Target::Name(id) => id.span.clone(),
            Target::Tuple(_, s)
            | Target::Index { span: s, .. }
            | Target::Attr { span: s, .. }
            | Target::Starred(_, s) => s.clone(),
        }
    }
}

/// How a parameter binds arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// Positional or keyword (`x`, `h=0.1`).
    Normal,
    /// `*args`.
    VarArgs,
    /// After `*` or `*args`: keyword only.
    KwOnly,
    /// `**kwargs`.
    VarKw,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: Ident,
    pub default: Option<Expr>,
    pub kind: ParamKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

/// One keyword argument: `name=value`, or `**mapping` (name `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    pub name: Option<Ident>,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// An integer literal that fits in i64 (`1_000` is 1000).
    Int(i64),
    /// An integer literal too large for i64, as its decimal digits.
    BigInt(String),
    Float(f64),
    /// An imaginary literal (`2j`, `1.5J`): the imaginary part.
    Imag(f64),
    /// A string literal, escapes resolved.
    Str(String),
    /// An f-string: literal text and replacement fields.
    FStr(Vec<FPart>),
    Bool(bool),
    None,
    /// `...`
    Ellipsis,
    Name(String),
    /// `obj.name`
    Attr {
        obj: Box<Expr>,
        name: Ident,
    },
    /// `func(args, key=value)`; an argument may be `*seq` ([`ExprKind::Starred`]).
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        kwargs: Vec<Keyword>,
    },
    /// `obj[i, j:k, ::2]`
    Index {
        obj: Box<Expr>,
        index: Vec<IndexItem>,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `a < b <= c` (Python chains comparisons).
    Compare {
        first: Box<Expr>,
        rest: Vec<(CmpOp, Expr)>,
    },
    /// `a and b`, `a or b`.
    BoolOp {
        op: BoolOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `x if cond else y`
    IfExp {
        cond: Box<Expr>,
        then: Box<Expr>,
        other: Box<Expr>,
    },
    List(Vec<Expr>),
    /// A list display whose items are all plain number literals, each
    /// perhaps negated (`[0.5, -1, 2e-3]`: pasted data), kept compact (a
    /// `List` costs an `Expr` per item). It means exactly the `List` of
    /// [`NumberList::exprs`].
    Numbers(Rc<NumberList>),
    /// `(a, b)`, `a, b`, `()`.
    Tuple(Vec<Expr>),
    /// `{k: v, **other}`: a `None` key is `**other`.
    Dict(Vec<(Option<Expr>, Expr)>),
    Set(Vec<Expr>),
    /// `*seq` in a call, list, tuple or set display.
    Starred(Box<Expr>),
    /// A list/set/dict comprehension or generator expression.
    Comp(Box<Comprehension>),
    Lambda(Rc<FuncDef>),
}

pub use super::numbers::{Num, NumKind, NumberList};

/// Which kind of comprehension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

/// `[elt for target in iter if cond ...]`; `value` for dict comprehensions
/// (`{elt: value for ...}`).
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    pub kind: CompKind,
    pub elt: Expr,
    pub value: Option<Expr>,
    pub clauses: Vec<CompFor>,
}

/// One `for target in iter if cond if cond` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct CompFor {
    pub target: Target,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

/// A piece of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FPart {
    Lit(String),
    Field(Box<FField>),
}

/// `{expr!conv:spec}` in an f-string; `debug` is the `expr=` text to print
/// before the value.
#[derive(Clone, Debug, PartialEq)]
pub struct FField {
    pub expr: Expr,
    pub conversion: Option<char>,
    /// The format spec, itself possibly holding fields (`{x:{width}}`).
    pub spec: Vec<FPart>,
    pub debug: Option<String>,
}

/// One item between the brackets of an index expression.
#[derive(Clone, Debug, PartialEq)]
pub enum IndexItem {
    Expr(Expr),
    Slice {
        lower: Option<Expr>,
        upper: Option<Expr>,
        step: Option<Expr>,
        span: Span,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    MatMul,
    BitAnd,
    BitOr,
    BitXor,
    LShift,
    RShift,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Is,
    IsNot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

impl BinOp {
    /// The operator as written in Python (`+`, `//`, `**`).
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::MatMul => "@",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
        }
    }
}

impl CmpOp {
    /// The operator as written in Python (`==`, `<=`, `not in`).
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
        }
    }
}

impl Expr {
    /// A `None` literal at `span` (the value of a bare `return`).
    pub fn none(span: Span) -> Expr {
        Expr {
            kind: ExprKind::None,
            span,
        }
    }
}
