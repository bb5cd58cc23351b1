//! NumPy's integer arithmetic for every integer width: one element
//! function per operator and type, chosen once per operation.

use crate::array::Element;
use crate::syntax::ast::BinOp;

/// Runs `$body` with `$T` bound to an integer dtype's element type.
macro_rules! integer {
    ($dtype:expr, $T:ident => $body:expr) => {
        $crate::array::dispatch!(int $dtype, $T => $body)
    };
}
pub(super) use integer;

/// NumPy's integer arithmetic for one integer type: wrap-around, floor
/// division and modulo by zero give 0, shifts by the width or more give 0
/// (or -1 for a negative number shifted right).
pub(super) trait IntOps: Element + PartialOrd {
    /// The element function of a binary operator (not `/` or `@`).
    fn op(op: BinOp) -> fn(Self, Self) -> Self;
}

macro_rules! int_ops {
    ($($t:ty),*) => {$(
        impl IntOps for $t {
            fn op(op: BinOp) -> fn($t, $t) -> $t {
                const BITS: u32 = <$t>::BITS;
                match op {
                    BinOp::Add => <$t>::wrapping_add,
                    BinOp::Sub => <$t>::wrapping_sub,
                    BinOp::Mul => <$t>::wrapping_mul,
                    BinOp::FloorDiv => |a, b| {
                        if b == 0 {
                            return 0;
                        }
                        let q = a.wrapping_div(b);
                        #[allow(unused_comparisons)]
                        if a.wrapping_rem(b) != 0 && ((a < 0) != (b < 0)) {
                            q.wrapping_sub(1)
                        } else {
                            q
                        }
                    },
                    BinOp::Mod => |a, b| {
                        if b == 0 {
                            return 0;
                        }
                        let r = a.wrapping_rem(b);
                        #[allow(unused_comparisons)]
                        if r != 0 && ((r < 0) != (b < 0)) {
                            r.wrapping_add(b)
                        } else {
                            r
                        }
                    },
                    #[allow(unused_comparisons)]
                    BinOp::Pow => |a, b| {
                        if b < 0 {
                            0
                        } else {
                            a.wrapping_pow(u32::try_from(b).unwrap_or(u32::MAX))
                        }
                    },
                    BinOp::BitAnd => |a, b| a & b,
                    BinOp::BitOr => |a, b| a | b,
                    BinOp::BitXor => |a, b| a ^ b,
                    #[allow(unused_comparisons)]
                    BinOp::LShift => |a, b| {
                        if b >= 0 && (b as u64) < u64::from(BITS) {
                            a.wrapping_shl(b as u32)
                        } else {
                            0
                        }
                    },
                    #[allow(unused_comparisons)]
                    BinOp::RShift => |a, b| {
                        if b >= 0 && (b as u64) < u64::from(BITS) {
                            a >> (b as u32)
                        } else if a < 0 && b >= 0 {
                            a >> (BITS - 1)
                        } else {
                            0
                        }
                    },
                    BinOp::Div | BinOp::MatMul => unreachable!("handled by the caller"),
                }
            }
        }
    )*};
}
int_ops!(i8, i16, i32, i64, u8, u16, u32, u64);
