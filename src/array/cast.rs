//! Converting elements between dtypes: `astype`, `np.asarray(dtype=)`,
//! copies, and the element loop every cast and assignment runs.

use ndarray::{ArrayViewD, ArrayViewMutD, Axis, Zip};

use super::dtype::{DType, Kind};
use super::element::{Element, f_to_i32};
use super::error::Error;
use super::fresh::Fresh;
use super::handle::Array;

/// NumPy's `casting=` rules, from strictest to loosest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Casting {
    No,
    Equiv,
    Safe,
    SameKind,
    Unsafe,
}

impl Casting {
    /// The rule named `'no'`, `'equiv'`, `'safe'`, `'same_kind'` or `'unsafe'`.
    pub fn parse(name: &str) -> Option<Casting> {
        Some(match name {
            "no" => Casting::No,
            "equiv" => Casting::Equiv,
            "safe" => Casting::Safe,
            "same_kind" => Casting::SameKind,
            "unsafe" => Casting::Unsafe,
            _ => return None,
        })
    }

    /// NumPy's name of the rule.
    pub fn name(self) -> &'static str {
        match self {
            Casting::No => "no",
            Casting::Equiv => "equiv",
            Casting::Safe => "safe",
            Casting::SameKind => "same_kind",
            Casting::Unsafe => "unsafe",
        }
    }
}

impl Array {
    /// `a.astype(dtype)`: a new C-order array with every element cast by
    /// NumPy's unsafe rules (see [`Element`]).
    ///
    /// # Errors
    /// `MemoryError` above the allocation cap.
    pub fn astype(&self, dtype: DType) -> Result<Array, Error> {
        crate::dispatch!(dtype, D => {
            let mut out = Fresh::<D>::zeroed(self.shape())?;
            copy_into(&mut out.view_mut(), self);
            Ok(out.finish())
        })
    }

    /// `np.asarray(a, dtype=dtype)`: the array itself when it already has
    /// `dtype`, else [`Array::astype`].
    ///
    /// # Errors
    /// As [`Array::astype`].
    pub fn as_dtype(&self, dtype: DType) -> Result<Array, Error> {
        if self.dtype() == dtype {
            Ok(self.clone())
        } else {
            self.astype(dtype)
        }
    }

    /// `a.copy()`: a new C-order array with the same elements.
    ///
    /// # Errors
    /// `MemoryError` above the allocation cap.
    pub fn copy(&self) -> Result<Array, Error> {
        self.astype(self.dtype())
    }
}

/// `dst[...] = src` for a fresh or exclusively held destination: `src`
/// broadcast to `dst`'s shape (the caller checked it can be) and cast.
pub(super) fn copy_into<D: Element>(dst: &mut ArrayViewMutD<'_, D>, src: &Array) {
    crate::dispatch!(src.dtype(), S => {
        let r = src.read::<S>();
        cast_view(dst, &r.view());
    })
}

/// [`copy_into`] from a view.
pub(super) fn cast_view<S: Element, D: Element>(
    dst: &mut ArrayViewMutD<'_, D>,
    src: &ArrayViewD<'_, S>,
) {
    let src = src
        .broadcast(dst.raw_dim())
        .expect("the caller checked the shapes broadcast");
    if let (Some(d), Some(s)) = (dst.as_slice_mut(), src.as_slice()) {
        return cast_slice(d, s);
    }
    let Some(last) = dst.ndim().checked_sub(1) else {
        return Zip::from(dst).and(&src).for_each(|d, &s| *d = s.cast());
    };
    // Row by row along the last axis, as NumPy's inner loops run: a row
    // contiguous on both sides is one slice.
    for (mut d, s) in dst
        .lanes_mut(Axis(last))
        .into_iter()
        .zip(src.lanes(Axis(last)))
    {
        if let (Some(d), Some(s)) = (d.as_slice_mut(), s.as_slice()) {
            cast_slice(d, s);
            continue;
        }
        Zip::from(&mut d).and(&s).for_each(|d, &s| *d = s.cast());
    }
}

/// One contiguous run cast element by element.
///
/// A float or complex to `uint32` cast is the one NumPy result that depends
/// on the loop: the compiler vectorises a contiguous inner loop four at a
/// time, with a different out-of-range answer than the scalar remainder
/// (`x < 2^31 ? (int32)x : (int32)(x - 2^31) + 2^31` instead of
/// `(int64)x`). For a float source every full group of four takes the
/// vector formula; for a complex source the groups stop one element
/// earlier and runs of five or fewer are all scalar (measured on NumPy
/// 2.4.6, x86-64). NumPy runs an F-contiguous source in memory order,
/// gradlab in C order, so out-of-range values of a transposed source may
/// differ.
fn cast_slice<S: Element, D: Element>(dst: &mut [D], src: &[S]) {
    if D::DTYPE == DType::UInt32 && S::DTYPE.is_inexact() {
        let n = src.len();
        let vector = match S::DTYPE.kind() {
            Kind::Complex if n <= 5 => 0,
            Kind::Complex => (n - 1) / 4 * 4,
            _ => n / 4 * 4,
        };
        for (d, &s) in dst[..vector].iter_mut().zip(&src[..vector]) {
            *d = u32_vectorised(s.cast::<f64>()).cast();
        }
        for (d, &s) in dst[vector..].iter_mut().zip(&src[vector..]) {
            *d = s.cast();
        }
        return;
    }
    for (d, &s) in dst.iter_mut().zip(src) {
        *d = s.cast();
    }
}

fn u32_vectorised(x: f64) -> u32 {
    const TWO_31: f64 = 2_147_483_648.0;
    if x >= TWO_31 {
        (f_to_i32(x - TWO_31) as u32).wrapping_add(1 << 31)
    } else {
        f_to_i32(x) as u32
    }
}
