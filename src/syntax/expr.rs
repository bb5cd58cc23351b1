//! Expression rules, by Python's precedence (loosest first): `lambda`,
//! `x if c else y`, `or`, `and`, `not`, comparisons (chained), `|`, `^`,
//! `&`, `+ -`, `* / // % @`, unary `- + ~`, `**` (right-associative, its
//! right operand may be unary: `2**-1`), then calls, attributes, indexing
//! and atoms. Binary levels use precedence climbing, so nesting depth comes
//! only from brackets and prefix operators.

use super::ast::{BinOp, BoolOp, CmpOp, Expr, ExprKind, Ident, IndexItem, UnaryOp};
use super::literal::{number_value, string_value};
use super::parser::{PResult, Parser};
use super::stream::{K, Tok, err};

/// Binding power of `not` (between `and` and comparisons).
const NOT_PREC: u8 = 3;
const CMP_PREC: u8 = 4;

#[derive(Clone, Copy)]
enum Infix {
    Bool(BoolOp),
    Cmp(CmpOp),
    Bin(BinOp),
    Unsupported(&'static str),
}

fn infix(kind: K, text: &str) -> Option<(u8, Infix)> {
    use Infix::*;
    let op = match (kind, text) {
        (K::Keyword, "or") => (1, Bool(BoolOp::Or)),
        (K::Keyword, "and") => (2, Bool(BoolOp::And)),
        (K::Keyword, "in") => (CMP_PREC, Unsupported("'in' comparisons are not supported")),
        (K::Keyword, "is") => (CMP_PREC, Unsupported("'is' comparisons are not supported")),
        (K::Op, "==") => (CMP_PREC, Cmp(CmpOp::Eq)),
        (K::Op, "!=") => (CMP_PREC, Cmp(CmpOp::Ne)),
        (K::Op, "<") => (CMP_PREC, Cmp(CmpOp::Lt)),
        (K::Op, "<=") => (CMP_PREC, Cmp(CmpOp::Le)),
        (K::Op, ">") => (CMP_PREC, Cmp(CmpOp::Gt)),
        (K::Op, ">=") => (CMP_PREC, Cmp(CmpOp::Ge)),
        (K::Op, "|") => (5, Bin(BinOp::BitOr)),
        (K::Op, "^") => (6, Bin(BinOp::BitXor)),
        (K::Op, "&") => (7, Bin(BinOp::BitAnd)),
        (K::Op, "<<" | ">>") => (8, Unsupported("shift operators are not supported")),
        (K::Op, "+") => (9, Bin(BinOp::Add)),
        (K::Op, "-") => (9, Bin(BinOp::Sub)),
        (K::Op, "*") => (10, Bin(BinOp::Mul)),
        (K::Op, "/") => (10, Bin(BinOp::Div)),
        (K::Op, "//") => (10, Bin(BinOp::FloorDiv)),
        (K::Op, "%") => (10, Bin(BinOp::Mod)),
        (K::Op, "@") => (10, Bin(BinOp::MatMul)),
        _ => return None,
    };
    Some(op)
}

fn node(kind: ExprKind, start: usize, end: usize) -> Expr {
    Expr {
        kind,
        span: start..end,
    }
}

impl Parser<'_> {
    /// `expr (, expr)* [,]`: several make a tuple (`a, b`, `x,`).
    pub fn expr_list(&mut self) -> PResult<Expr> {
        let first = self.expr()?;
        if !self.at_op(",")? {
            return Ok(first);
        }
        let start = first.span.start;
        let mut items = vec![first];
        while self.eat_op(",")? {
            let t = self.peek()?;
            if !self.starts_expr(&t) {
                break;
            }
            items.push(self.expr()?);
        }
        Ok(node(ExprKind::Tuple(items), start, self.last_end))
    }

    /// A full expression: lambda or conditional.
    pub fn expr(&mut self) -> PResult<Expr> {
        self.nested(|p| {
            if p.at_kw("lambda")? {
                return p.lambda();
            }
            let then = p.binary(1)?;
            if !p.at_kw("if")? {
                return Ok(then);
            }
            p.bump()?;
            let cond = p.binary(1)?;
            if !p.at_kw("else")? {
                let span = then.span.start..cond.span.end;
                return Err(err("expected 'else' after 'if' expression", span));
            }
            p.bump()?;
            let other = p.expr()?;
            let (start, end) = (then.span.start, other.span.end);
            let kind = ExprKind::IfExp {
                cond: Box::new(cond),
                then: Box::new(then),
                other: Box::new(other),
            };
            Ok(node(kind, start, end))
        })
    }

    fn lambda(&mut self) -> PResult<Expr> {
        let kw = self.bump()?;
        let params = self.params(false)?;
        self.expect_op(":", "expected ':'")?;
        let body = self.expr()?;
        let end = body.span.end;
        let kind = ExprKind::Lambda {
            params,
            body: Box::new(body),
        };
        Ok(node(kind, kw.span.start, end))
    }

    /// Operators binding at least as tightly as `min` (precedence climbing).
    fn binary(&mut self, min: u8) -> PResult<Expr> {
        let mut left = if self.at_kw("not")? {
            if min > NOT_PREC {
                return Err(self.invalid());
            }
            let kw = self.bump()?;
            let operand = self.nested(|p| p.binary(NOT_PREC))?;
            let end = operand.span.end;
            let kind = ExprKind::Unary {
                op: UnaryOp::Not,
                operand: Box::new(operand),
            };
            node(kind, kw.span.start, end)
        } else {
            self.unary()?
        };
        loop {
            let t = self.peek()?;
            let Some((prec, op)) = infix(t.kind, self.text(&t)) else {
                return Ok(left);
            };
            if prec < min {
                return Ok(left);
            }
            let start = left.span.start;
            left = match op {
                Infix::Unsupported(message) => return Err(err(message, t.span)),
                Infix::Cmp(_) => self.comparison(left)?,
                Infix::Bool(op) => {
                    self.bump()?;
                    let right = self.binary(prec + 1)?;
                    let end = right.span.end;
                    let (left, right) = (Box::new(left), Box::new(right));
                    node(ExprKind::BoolOp { op, left, right }, start, end)
                }
                Infix::Bin(op) => {
                    self.bump()?;
                    let right = self.binary(prec + 1)?;
                    let end = right.span.end;
                    let (left, right) = (Box::new(left), Box::new(right));
                    node(ExprKind::Binary { op, left, right }, start, end)
                }
            };
        }
    }

    /// `first < b <= c ...` as one chained comparison.
    fn comparison(&mut self, first: Expr) -> PResult<Expr> {
        let mut rest = Vec::new();
        loop {
            let t = self.peek()?;
            let Some((_, Infix::Cmp(op))) = infix(t.kind, self.text(&t)) else {
                break;
            };
            self.bump()?;
            rest.push((op, self.binary(CMP_PREC + 1)?));
        }
        let (start, end) = (first.span.start, self.last_end);
        let first = Box::new(first);
        Ok(node(ExprKind::Compare { first, rest }, start, end))
    }

    /// `-x`, `+x`, `~x` (binding looser than `**`: `-2**2` is `-(2**2)`).
    fn unary(&mut self) -> PResult<Expr> {
        let t = self.peek()?;
        let op = match (t.kind, self.text(&t)) {
            (K::Op, "-") => UnaryOp::Neg,
            (K::Op, "+") => UnaryOp::Pos,
            (K::Op, "~") => UnaryOp::Invert,
            _ => return self.power(),
        };
        self.bump()?;
        let operand = self.nested(|p| p.unary())?;
        let end = operand.span.end;
        let kind = ExprKind::Unary {
            op,
            operand: Box::new(operand),
        };
        Ok(node(kind, t.span.start, end))
    }

    /// `primary ** unary`, right-associative.
    fn power(&mut self) -> PResult<Expr> {
        let base = self.primary()?;
        if !self.eat_op("**")? {
            return Ok(base);
        }
        let exponent = self.nested(|p| p.unary())?;
        let (start, end) = (base.span.start, exponent.span.end);
        let kind = ExprKind::Binary {
            op: BinOp::Pow,
            left: Box::new(base),
            right: Box::new(exponent),
        };
        Ok(node(kind, start, end))
    }

    /// An atom followed by `.name`, `(args)` and `[index]` trailers.
    fn primary(&mut self) -> PResult<Expr> {
        let mut e = self.atom()?;
        loop {
            let t = self.peek()?;
            let start = e.span.start;
            e = match (t.kind, self.text(&t)) {
                (K::Op, ".") => {
                    self.bump()?;
                    let name = self.ident()?;
                    let end = name.span.end;
                    node(
                        ExprKind::Attr {
                            obj: Box::new(e),
                            name,
                        },
                        start,
                        end,
                    )
                }
                (K::Open, "(") => {
                    self.bump()?;
                    self.call(e)?
                }
                (K::Open, "[") => {
                    self.bump()?;
                    let (index, close) = self.index()?;
                    let kind = ExprKind::Index {
                        obj: Box::new(e),
                        index,
                    };
                    node(kind, start, close.span.end)
                }
                _ => return Ok(e),
            };
        }
    }

    /// Call arguments after `(`: positional, then `name=value`.
    fn call(&mut self, func: Expr) -> PResult<Expr> {
        let mut args = Vec::new();
        let mut kwargs: Vec<(Ident, Expr)> = Vec::new();
        let (_, _, close) = self.bracketed(|p| {
            let t = p.peek()?;
            if p.is(&t, K::Op, "*") || p.is(&t, K::Op, "**") {
                return Err(err("'*' and '**' arguments are not supported", t.span));
            }
            let e = p.expr()?;
            if !p.at_op("=")? {
                if let Some((k, _)) = kwargs.first()
                    && k.span.start < e.span.start
                {
                    return Err(err("positional argument follows keyword argument", e.span));
                }
                args.push(e);
                return Ok(());
            }
            let eq = p.bump()?;
            let ExprKind::Name(name) = e.kind else {
                let message = "expression cannot contain assignment, perhaps you meant \"==\"?";
                return Err(err(message, e.span.start..eq.span.end));
            };
            let value = p.expr()?;
            if kwargs.iter().any(|(k, _)| k.name == name) {
                let span = e.span.start..value.span.end;
                return Err(err(format!("keyword argument repeated: {name}"), span));
            }
            kwargs.push((Ident { name, span: e.span }, value));
            Ok(())
        })?;
        let (start, end) = (func.span.start, close.span.end);
        let func = Box::new(func);
        Ok(node(ExprKind::Call { func, args, kwargs }, start, end))
    }

    /// Index items after `[`, up to and including `]`.
    fn index(&mut self) -> PResult<(Vec<IndexItem>, Tok)> {
        let (items, _, close) = self.bracketed(|p| p.index_item())?;
        if items.is_empty() {
            return Err(err("invalid syntax", close.span));
        }
        Ok((items, close))
    }

    /// `expr` or a slice `[lower]:[upper][:[step]]`.
    fn index_item(&mut self) -> PResult<IndexItem> {
        let start = self.peek()?.span.start;
        let lower = if self.at_op(":")? {
            None
        } else {
            Some(self.expr()?)
        };
        if !self.eat_op(":")? {
            return Ok(IndexItem::Expr(lower.expect("parsed above")));
        }
        let upper = self.slice_part(false)?;
        let step = if self.eat_op(":")? {
            self.slice_part(true)?
        } else {
            None
        };
        let span = start..self.last_end;
        Ok(IndexItem::Slice {
            lower,
            upper,
            step,
            span,
        })
    }

    fn slice_part(&mut self, is_step: bool) -> PResult<Option<Expr>> {
        let t = self.peek()?;
        let empty =
            t.kind == K::Close || self.is(&t, K::Op, ",") || (!is_step && self.is(&t, K::Op, ":"));
        if empty {
            Ok(None)
        } else {
            self.expr().map(Some)
        }
    }

    fn atom(&mut self) -> PResult<Expr> {
        let t = self.peek()?;
        let text = self.text(&t);
        let kind = match (t.kind, text) {
            (K::Number, _) => match self.s.number.take() {
                Some((at, value)) if at == t.span.start => value,
                _ => number_value(text).map_err(|m| err(m, t.span.clone()))?,
            },
            (K::Str, _) => return self.strings(),
            (K::Name, _) => ExprKind::Name(text.to_string()),
            (K::Keyword, "True") => ExprKind::Bool(true),
            (K::Keyword, "False") => ExprKind::Bool(false),
            (K::Keyword, "None") => ExprKind::None,
            (K::Op, "...") => ExprKind::Ellipsis,
            (K::Open, "(") => return self.parenthesized(),
            (K::Open, "[") => {
                self.bump()?;
                let (items, _, close) = self.bracketed(|p| p.expr())?;
                return Ok(node(ExprKind::List(items), t.span.start, close.span.end));
            }
            (K::Open, _) => return Err(err("dict and set displays are not supported", t.span)),
            _ => return Err(self.invalid()),
        };
        self.bump()?;
        Ok(node(kind, t.span.start, t.span.end))
    }

    /// Adjacent string literals, concatenated.
    fn strings(&mut self) -> PResult<Expr> {
        let start = self.peek()?.span.start;
        let mut value = String::new();
        while self.at_kind(K::Str)? {
            let t = self.bump()?;
            let part = string_value(self.text(&t)).map_err(|m| err(m, t.span))?;
            value.push_str(&part);
        }
        Ok(node(ExprKind::Str(value), start, self.last_end))
    }

    /// `()`, `(x)`, `(x,)`, `(a, b)`: the first item decides, no re-parse.
    fn parenthesized(&mut self) -> PResult<Expr> {
        let open = self.bump()?;
        if self.at_kind(K::Close)? {
            let close = self.bump()?;
            return Ok(node(
                ExprKind::Tuple(vec![]),
                open.span.start,
                close.span.end,
            ));
        }
        let first = self.expr()?;
        if self.at_kind(K::Close)? {
            self.bump()?;
            return Ok(first);
        }
        if !self.eat_op(",")? {
            return Err(self.missing_comma(first.span.start));
        }
        let (rest, _, close) = self.bracketed(|p| p.expr())?;
        let mut items = vec![first];
        items.extend(rest);
        Ok(node(
            ExprKind::Tuple(items),
            open.span.start,
            close.span.end,
        ))
    }
}
