//! `a.view()` and `a.view(dtype)`: the same elements through a new handle,
//! or the same bytes read as another dtype.

use super::dtype::DType;
use super::element::Complex128;
use super::error::Error;
use super::handle::Array;

impl Array {
    /// `a.view()`: a new handle on the same elements (writes through it
    /// change `a`).
    pub fn view(&self) -> Array {
        self.view_with(self.offset, self.shape.to_vec(), self.strides.to_vec())
    }

    /// `a.view(dtype)`: `a`'s bytes read as `dtype`, the last axis scaled
    /// by the ratio of the item sizes (`np.arange(4.0).view(np.uint8)` has
    /// 32 elements). Bytes as x86-64 lays them out (little-endian); a
    /// nonzero byte is `True`.
    ///
    /// A buffer holds one dtype in gradlab, so for another dtype this is a
    /// read-only copy of the bytes where NumPy gives a view: reading is
    /// NumPy's, writing raises `assignment destination is read-only`.
    ///
    /// # Errors
    /// NumPy's `ValueError`s: `Changing the dtype of a 0d array is only
    /// supported if the itemsize is unchanged`, `To change to a dtype of a
    /// different size, the last axis must be contiguous`, and the size
    /// rules for larger and smaller dtypes; `MemoryError` above the cap.
    pub fn view_as(&self, dtype: DType) -> Result<Array, Error> {
        if dtype == self.dtype() {
            return Ok(self.view());
        }
        let shape = self.viewed_shape(dtype)?;
        let out = from_bytes(&to_bytes(self), dtype, &shape)?;
        Ok(out.read_only())
    }

    /// The shape of `a.view(dtype)`, with NumPy's checks.
    fn viewed_shape(&self, dtype: DType) -> Result<Vec<usize>, Error> {
        let (old, new) = (self.dtype().itemsize(), dtype.itemsize());
        let mut shape = self.shape.to_vec();
        if old == new {
            return Ok(shape);
        }
        let Some(&last) = shape.last() else {
            return Err(Error::value(
                "Changing the dtype of a 0d array is only supported if the itemsize is unchanged",
            ));
        };
        if last > 1 && self.strides.last() != Some(&1) {
            return Err(Error::value(
                "To change to a dtype of a different size, the last axis must be contiguous",
            ));
        }
        let bytes = last * old;
        if new > old && bytes % new != 0 {
            return Err(Error::value(
                "When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array.",
            ));
        }
        if new < old && old % new != 0 {
            return Err(Error::value(
                "When changing to a smaller dtype, its size must be a divisor of the size of original dtype",
            ));
        }
        *shape.last_mut().expect("n-d") = bytes / new;
        Ok(shape)
    }
}

/// `$body` with `$t` the element type of `$dtype`, for the dtypes whose
/// elements are plain numbers; `$other` for bool and complex128, which
/// each caller reads and writes its own way.
macro_rules! numeric {
    ($dtype:expr, $t:ident => $body:expr, $other:expr) => {
        numeric!(@arms $dtype, $t, $body, $other;
            Int8 i8, Int16 i16, Int32 i32, Int64 i64, UInt8 u8, UInt16 u16,
            UInt32 u32, UInt64 u64, Float32 f32, Float64 f64)
    };
    (@arms $dtype:expr, $t:ident, $body:expr, $other:expr; $($variant:ident $ty:ty),*) => {
        match $dtype {
            $(DType::$variant => {
                type $t = $ty;
                $body
            })*
            DType::Bool | DType::Complex128 => $other,
        }
    };
}

/// The bytes of `a`'s elements in C order, each little-endian.
fn to_bytes(a: &Array) -> Vec<u8> {
    numeric!(
        a.dtype(),
        T => a.to_vec::<T>().into_iter().flat_map(T::to_le_bytes).collect(),
        match a.dtype() {
            DType::Complex128 => a
                .to_vec::<Complex128>()
                .into_iter()
                .flat_map(|z| [z.re.to_le_bytes(), z.im.to_le_bytes()])
                .flatten()
                .collect(),
            _ => a.to_vec::<bool>().into_iter().map(u8::from).collect(),
        }
    )
}

/// An array of `dtype` and `shape` holding `bytes` (its size exactly).
fn from_bytes(bytes: &[u8], dtype: DType, shape: &[usize]) -> Result<Array, Error> {
    numeric!(
        dtype,
        T => {
            let v: Vec<T> = bytes
                .chunks_exact(size_of::<T>())
                .map(|c| T::from_le_bytes(c.try_into().expect("chunk of the item size")))
                .collect();
            Array::from_vec(shape, v)
        },
        match dtype {
            DType::Complex128 => {
                let part = |c: &[u8]| f64::from_le_bytes(c.try_into().expect("8 bytes"));
                let v: Vec<Complex128> = bytes
                    .chunks_exact(16)
                    .map(|c| Complex128::new(part(&c[..8]), part(&c[8..])))
                    .collect();
                Array::from_vec(shape, v)
            }
            _ => Array::from_vec(shape, bytes.iter().map(|&b| b != 0).collect()),
        }
    )
}
