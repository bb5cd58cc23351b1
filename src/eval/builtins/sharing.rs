//! `np.shares_memory` and `np.may_share_memory`: whether two arrays are
//! views of the same memory (what a lesson on views and copies asks).

use super::super::args::Bound;
use super::super::convert::to_array;
use super::super::error::EvalResult;
use super::super::session::Session;
use super::super::value::Value;
use super::{Builtin, Home};

builtins! { SHARING;
    "shares_memory", Numpy, shares_memory, "shares_memory(a, b)",
        "Whether two arrays share an element of memory (a slice does, a copy does not).",
        "a = np.arange(6); np.shares_memory(a, a[1:3])";
    "may_share_memory", Numpy, may_share_memory, "may_share_memory(a, b)",
        "Whether the memory ranges of two arrays overlap (a cheap, conservative test).",
        "a = np.arange(6); np.may_share_memory(a[::2], a[1::2])";
}

/// Both arguments as arrays (Python values become fresh arrays).
fn pair(b: &Bound) -> EvalResult<(crate::array::Array, crate::array::Array)> {
    Ok((
        b.at("a", to_array(b.req("a")))?,
        b.at("b", to_array(b.req("b")))?,
    ))
}

pub fn shares_memory(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (x, y) = pair(b)?;
    Ok(Value::Bool(x.shares_memory(&y)))
}

pub fn may_share_memory(_: &mut Session, b: &Bound, _: bool) -> EvalResult<Value> {
    let (x, y) = pair(b)?;
    Ok(Value::Bool(x.may_share_memory(&y)))
}
