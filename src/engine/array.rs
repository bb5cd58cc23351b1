//! The typed array value shared by the whole program: NumPy's float64,
//! int64 and bool arrays of any dimension, 0-d included.

use ndarray::{ArrayD, IxDyn};

/// NumPy dtype of an [`Array`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    Bool,
    Int64,
    Float64,
}

impl DType {
    /// NumPy's name for the dtype (`float64`, `int64`, `bool`).
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int64 => "int64",
            DType::Float64 => "float64",
        }
    }

    /// NumPy's result type for two array operands (bool < int64 < float64).
    pub fn promote(self, other: DType) -> DType {
        self.max(other)
    }
}

/// An n-dimensional array of one of NumPy's three dtypes gradlab supports.
#[derive(Clone, Debug, PartialEq)]
pub enum Array {
    Float(ArrayD<f64>),
    Int(ArrayD<i64>),
    Bool(ArrayD<bool>),
}

impl Array {
    /// A 1-D float64 array.
    pub fn from_f64(v: Vec<f64>) -> Array {
        Array::Float(ArrayD::from_shape_vec(IxDyn(&[v.len()]), v).expect("1-D shape"))
    }

    /// A 1-D int64 array.
    pub fn from_i64(v: Vec<i64>) -> Array {
        Array::Int(ArrayD::from_shape_vec(IxDyn(&[v.len()]), v).expect("1-D shape"))
    }

    /// A 1-D bool array.
    pub fn from_bool(v: Vec<bool>) -> Array {
        Array::Bool(ArrayD::from_shape_vec(IxDyn(&[v.len()]), v).expect("1-D shape"))
    }

    /// A 0-d float64 array.
    pub fn scalar_f64(x: f64) -> Array {
        Array::Float(ArrayD::from_elem(IxDyn(&[]), x))
    }

    /// A 0-d int64 array.
    pub fn scalar_i64(x: i64) -> Array {
        Array::Int(ArrayD::from_elem(IxDyn(&[]), x))
    }

    /// A 0-d bool array.
    pub fn scalar_bool(x: bool) -> Array {
        Array::Bool(ArrayD::from_elem(IxDyn(&[]), x))
    }

    pub fn dtype(&self) -> DType {
        match self {
            Array::Float(_) => DType::Float64,
            Array::Int(_) => DType::Int64,
            Array::Bool(_) => DType::Bool,
        }
    }

    pub fn shape(&self) -> &[usize] {
        match self {
            Array::Float(a) => a.shape(),
            Array::Int(a) => a.shape(),
            Array::Bool(a) => a.shape(),
        }
    }

    pub fn ndim(&self) -> usize {
        self.shape().len()
    }

    pub fn len(&self) -> usize {
        self.shape().iter().product()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The array converted to float64 (`astype(float)`), as a new array.
    pub fn to_f64(&self) -> ArrayD<f64> {
        match self {
            Array::Float(a) => a.clone(),
            Array::Int(a) => a.mapv(|x| x as f64),
            Array::Bool(a) => a.mapv(|x| if x { 1.0 } else { 0.0 }),
        }
    }

    /// The elements as float64 in row-major order.
    pub fn to_f64_vec(&self) -> Vec<f64> {
        self.to_f64().iter().copied().collect()
    }

    /// The array cast to `dtype` with NumPy's `astype` rules (float → int
    /// truncates toward zero; NaN/inf become `i64::MIN` as on x86).
    pub fn astype(&self, dtype: DType) -> Array {
        match (self, dtype) {
            (a, d) if a.dtype() == d => a.clone(),
            (a, DType::Float64) => Array::Float(a.to_f64()),
            (Array::Float(a), DType::Int64) => Array::Int(a.mapv(|x| {
                if x.is_finite() && x > -9.3e18 && x < 9.3e18 {
                    x as i64
                } else {
                    i64::MIN
                }
            })),
            (Array::Bool(a), DType::Int64) => Array::Int(a.mapv(i64::from)),
            (Array::Float(a), DType::Bool) => Array::Bool(a.mapv(|x| x != 0.0)),
            (Array::Int(a), DType::Bool) => Array::Bool(a.mapv(|x| x != 0)),
            _ => unreachable!("same-dtype casts are handled by the first arm"),
        }
    }
}
