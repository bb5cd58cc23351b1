//! The syntax tree of gradlab's NumPy-flavoured Python subset.
//!
//! Every node carries its byte span in the source text it was parsed from
//! (one statement chunk, see [`super::split_statements`]).

use std::ops::Range;

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
    /// An expression statement; its value is shown as `Out[n]`.
    Expr(Expr),
    /// `t1 = t2 = value` (usually one target).
    Assign { targets: Vec<Target>, value: Expr },
    /// `x += value` and friends.
    AugAssign {
        target: Target,
        op: BinOp,
        value: Expr,
    },
    /// `import numpy as np`, `import numpy` (alias None).
    Import { module: Ident, alias: Option<Ident> },
    /// `from numpy import gradient, diff as d`.
    FromImport {
        module: Ident,
        names: Vec<(Ident, Option<Ident>)>,
    },
    /// `def f(x, h=0.1): return expr` (body on the same or the next line).
    Def {
        name: Ident,
        params: Vec<Param>,
        body: Expr,
    },
    /// `pass`
    Pass,
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
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: Ident,
    pub default: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// An integer literal that fits in i64 (`1_000` is 1000).
    Int(i64),
    /// An integer literal too large for i64, as its decimal digits.
    BigInt(String),
    Float(f64),
    /// A string literal, escapes resolved.
    Str(String),
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
    /// `func(args, key=value)`; `*args` is not supported.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        kwargs: Vec<(Ident, Expr)>,
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
    /// `(a, b)`, `a, b`, `()`.
    Tuple(Vec<Expr>),
    Lambda {
        params: Vec<Param>,
        body: Box<Expr>,
    },
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
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
        }
    }
}

impl CmpOp {
    /// The operator as written in Python (`==`, `<=`).
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}
