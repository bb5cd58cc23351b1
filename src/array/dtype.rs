//! NumPy's dtypes: names, kinds, sizes, spellings, promotion and casting.

use super::cast::Casting;

/// A NumPy dtype gradlab stores (native byte order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DType {
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float32,
    Float64,
    Complex128,
}

/// NumPy's dtype kinds (`dtype.kind`), in NumPy's "same kind" order:
/// a cast from one kind to a later one is a `same_kind` cast.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `'b'`
    Bool,
    /// `'u'`
    UInt,
    /// `'i'`
    Int,
    /// `'f'`
    Float,
    /// `'c'`
    Complex,
}

impl Kind {
    /// NumPy's one-letter code (`dtype.kind`).
    pub fn char(self) -> char {
        match self {
            Kind::Bool => 'b',
            Kind::UInt => 'u',
            Kind::Int => 'i',
            Kind::Float => 'f',
            Kind::Complex => 'c',
        }
    }
}

/// The candidates of [`DType::promote`], smallest first.
const PROMOTION_ORDER: [DType; 12] = [
    DType::Bool,
    DType::Int8,
    DType::UInt8,
    DType::Int16,
    DType::UInt16,
    DType::Int32,
    DType::UInt32,
    DType::Int64,
    DType::UInt64,
    DType::Float32,
    DType::Float64,
    DType::Complex128,
];

impl DType {
    /// Every dtype, in NumPy's type-number order.
    pub const ALL: [DType; 12] = [
        DType::Bool,
        DType::Int8,
        DType::Int16,
        DType::Int32,
        DType::Int64,
        DType::UInt8,
        DType::UInt16,
        DType::UInt32,
        DType::UInt64,
        DType::Float32,
        DType::Float64,
        DType::Complex128,
    ];

    /// NumPy's name (`dtype.name`): `float64`, `uint8`, `bool`, ...
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int8 => "int8",
            DType::Int16 => "int16",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::UInt8 => "uint8",
            DType::UInt16 => "uint16",
            DType::UInt32 => "uint32",
            DType::UInt64 => "uint64",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
            DType::Complex128 => "complex128",
        }
    }

    /// NumPy's kind (`dtype.kind`).
    pub fn kind(self) -> Kind {
        match self {
            DType::Bool => Kind::Bool,
            DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => Kind::Int,
            DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => Kind::UInt,
            DType::Float32 | DType::Float64 => Kind::Float,
            DType::Complex128 => Kind::Complex,
        }
    }

    /// Bytes per element (`dtype.itemsize`).
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 => 1,
            DType::Int16 | DType::UInt16 => 2,
            DType::Int32 | DType::UInt32 | DType::Float32 => 4,
            DType::Int64 | DType::UInt64 | DType::Float64 => 8,
            DType::Complex128 => 16,
        }
    }

    /// NumPy's one-character code (`dtype.char`, as on 64-bit Linux).
    pub fn char(self) -> char {
        match self {
            DType::Bool => '?',
            DType::Int8 => 'b',
            DType::Int16 => 'h',
            DType::Int32 => 'i',
            DType::Int64 => 'l',
            DType::UInt8 => 'B',
            DType::UInt16 => 'H',
            DType::UInt32 => 'I',
            DType::UInt64 => 'L',
            DType::Float32 => 'f',
            DType::Float64 => 'd',
            DType::Complex128 => 'D',
        }
    }

    /// NumPy's array-protocol string (`dtype.str`): `<f8`, `|b1`, `|u1`, ...
    pub fn str_code(self) -> String {
        let order = if self.itemsize() == 1 { '|' } else { '<' };
        format!("{order}{}{}", self.kind().char(), self.itemsize())
    }

    /// Whether `repr` of an array of this dtype omits `dtype=` (NumPy's
    /// default types: bool, int64, float64, complex128).
    pub fn is_default_repr(self) -> bool {
        matches!(
            self,
            DType::Bool | DType::Int64 | DType::Float64 | DType::Complex128
        )
    }

    /// Integer kinds (`np.issubdtype(t, np.integer)`).
    pub fn is_integer(self) -> bool {
        matches!(self.kind(), Kind::Int | Kind::UInt)
    }

    /// Float and complex kinds (`np.issubdtype(t, np.inexact)`).
    pub fn is_inexact(self) -> bool {
        matches!(self.kind(), Kind::Float | Kind::Complex)
    }

    /// The dtype `np.dtype(text)` names, for NumPy's spellings of the dtypes
    /// gradlab stores: names (`'float32'`, `'single'`, `'uint8'`, `'int'`,
    /// `'complex'`), character codes (`'f'`, `'B'`, `'?'`) and kind-size
    /// codes (`'f4'`, `'u1'`, `'c16'`), the codes optionally prefixed with a
    /// native byte order (`'<f4'`, `'=i8'`, `'|b1'`). `None` for anything
    /// else, including big-endian multi-byte codes (`'>f8'`).
    pub fn parse(text: &str) -> Option<DType> {
        match text.strip_prefix(['<', '=', '|', '>']) {
            Some(code) => Self::parse_code(code).filter(|d| {
                // Non-native order is only meaningless for one-byte types.
                !text.starts_with('>') || d.itemsize() == 1
            }),
            None => Self::parse_name(text).or_else(|| Self::parse_code(text)),
        }
    }

    fn parse_name(name: &str) -> Option<DType> {
        Some(match name {
            "bool" | "bool_" => DType::Bool,
            "int8" | "byte" => DType::Int8,
            "int16" | "short" => DType::Int16,
            "int32" | "intc" => DType::Int32,
            "int64" | "long" | "longlong" | "int" | "int_" | "intp" => DType::Int64,
            "uint8" | "ubyte" => DType::UInt8,
            "uint16" | "ushort" => DType::UInt16,
            "uint32" | "uintc" => DType::UInt32,
            "uint64" | "ulong" | "ulonglong" | "uint" | "uintp" => DType::UInt64,
            "float32" | "single" => DType::Float32,
            "float64" | "double" | "float" => DType::Float64,
            "complex128" | "cdouble" | "complex" => DType::Complex128,
            _ => return None,
        })
    }

    fn parse_code(code: &str) -> Option<DType> {
        Some(match code {
            "?" | "b1" => DType::Bool,
            "b" | "i1" => DType::Int8,
            "h" | "i2" => DType::Int16,
            "i" | "i4" => DType::Int32,
            "l" | "q" | "p" | "i8" => DType::Int64,
            "B" | "u1" => DType::UInt8,
            "H" | "u2" => DType::UInt16,
            "I" | "u4" => DType::UInt32,
            "L" | "Q" | "P" | "u8" => DType::UInt64,
            "f" | "f4" => DType::Float32,
            "d" | "f8" => DType::Float64,
            "D" | "c16" => DType::Complex128,
            _ => return None,
        })
    }

    /// `np.can_cast(self, to, casting)`.
    pub fn can_cast(self, to: DType, casting: Casting) -> bool {
        match casting {
            Casting::No | Casting::Equiv => self == to,
            Casting::Safe => self.safe_to(to),
            Casting::SameKind => self.safe_to(to) || self.kind() <= to.kind(),
            Casting::Unsafe => true,
        }
    }

    fn safe_to(self, to: DType) -> bool {
        let (n, m) = (self.itemsize(), to.itemsize());
        match (self.kind(), to.kind()) {
            (Kind::Bool, _) => true,
            (Kind::Int, Kind::Int) | (Kind::UInt, Kind::UInt) => m >= n,
            (Kind::UInt, Kind::Int) => m > n,
            (Kind::Int | Kind::UInt, Kind::Float) => to == DType::Float64 || n <= 2,
            (Kind::Float, Kind::Float) => m >= n,
            (_, Kind::Complex) => true,
            _ => false,
        }
    }

    /// `np.promote_types(self, other)`: the smallest dtype both cast to
    /// safely (`int8` with `uint8` is `int16`, `int64` with `uint64` is
    /// `float64`, `int16` with `float32` is `float32`).
    pub fn promote(self, other: DType) -> DType {
        PROMOTION_ORDER
            .into_iter()
            .find(|&t| self.safe_to(t) && other.safe_to(t))
            .unwrap_or(DType::Complex128)
    }
}

impl DType {
    /// The result dtype of this (an array's or NumPy scalar's) dtype with a
    /// Python scalar of kind `weak` under NEP 50: the Python scalar adapts
    /// to the array unless its kind is higher (`uint8 + 1` is `uint8`,
    /// `int64 + 1.5` is `float64`, `float32 + 1.5` is `float32`, `bool + 1`
    /// is `int64`). Python ints count as one kind with unsigned ones.
    pub fn promote_weak(self, weak: Kind) -> DType {
        let rank = |k: Kind| match k {
            Kind::Bool => 0,
            Kind::Int | Kind::UInt => 1,
            Kind::Float => 2,
            Kind::Complex => 3,
        };
        if rank(weak) <= rank(self.kind()) {
            return self;
        }
        match weak {
            Kind::Bool => DType::Bool,
            Kind::Int | Kind::UInt => DType::Int64,
            Kind::Float => DType::Float64,
            Kind::Complex => DType::Complex128,
        }
    }
}

impl std::fmt::Display for DType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
