//! `np.load` / `np.save` of `.npy` files (format versions 1.0–3.0):
//! float64, int64 and bool; C or Fortran order; either byte order on load.

mod header;
mod shape;

use super::fs::{Missing, os_error};
use super::text::decode_error;
use super::write::{put, write_file};
use super::{Error, IoErrorKind, Loaded};
use crate::array::{Array, DType};
use crate::memory;
use header::{Header, header_text, parse_header};
use ndarray::{ArrayD, ArrayViewD, IxDyn, ShapeBuilder};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// Bytes converted per write when the array's memory cannot be written as is.
const CHUNK: usize = 1 << 20;
/// NumPy's `_MAX_HEADER_SIZE`.
const MAX_HEADER: usize = 10000;

/// Reads up to `n` bytes (fewer only at end of file), growing the buffer
/// as data arrives, so a length field claiming 4 GiB allocates nothing
/// the file does not hold (and the memory cap bounds what it does).
fn read_upto(f: &mut File, n: usize, path: &Path) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    while buf.len() < n {
        let want = (n - buf.len()).min(CHUNK.max(buf.len()));
        memory::try_grow(&mut buf, want).map_err(|_| Error::new(IoErrorKind::MemoryError, ""))?;
        let got = f
            .by_ref()
            .take(want as u64)
            .read_to_end(&mut buf)
            .map_err(|e| os_error(&e, path, Missing::Open))?;
        if got == 0 {
            break;
        }
    }
    Ok(buf)
}

/// `_read_bytes`: exactly `n` bytes or NumPy's EOF message.
fn read_exact(f: &mut File, n: usize, what: &str, path: &Path) -> Result<Vec<u8>, Error> {
    let buf = read_upto(f, n, path)?;
    if buf.len() < n {
        return Err(eof(what, n, buf.len()));
    }
    Ok(buf)
}

fn eof(what: &str, expected: usize, got: usize) -> Error {
    Error::value(format!(
        "EOF: reading {what}, expected {expected} bytes got {got}"
    ))
}

fn header_too_large(len: usize) -> Error {
    Error::value(format!(
        "Header info length ({len}) is large and may not be safe to load securely.\n\
         To allow loading, adjust `max_header_size` or fully trust the `.npy` file using \
         `allow_pickle=True`.\nFor safety against large resource use or crashes, \
         sandboxing may be necessary."
    ))
}

/// Reads a `.npy` file like `np.load(path)` (with `allow_pickle=False`).
///
/// The data is read straight from the file into the result's buffer: peak
/// memory is one copy of the data (a Fortran-order file is then copied
/// once more into C order). Nothing is allocated for sizes the file does
/// not hold, and every size computed from the header is checked.
///
/// # Errors
/// NumPy's: `[Errno 2] No such file or directory: 'x.npy'`
/// (`FileNotFoundError`); `No data left in file` (`EOFError`, empty file);
/// `This file contains pickled (object) data. …` (wrong magic);
/// `EOF: reading array header, expected 118 bytes got 10`; `Cannot parse
/// header: …`; `Failed to read all data for array. Expected (2, 3) = 6
/// elements, could only read 2 elements. (file seems not fully written?)`;
/// for absurd shapes `cannot reshape array of size 0 into shape
/// (4294967296,4294967296,0)`, `OverflowError: Python int too large to
/// convert to C long`, `array is too big; …`; `MemoryError` above the
/// memory cap. Dtypes other than float64, int64 and bool are a
/// `ValueError` naming the dtype (NumPy would load them).
pub fn load_npy(path: impl AsRef<Path>) -> Result<Array, Error> {
    load_npy_with_warnings(path).map(|l| l.array)
}

/// [`load_npy`] with the warnings NumPy prints (a header shape that makes
/// its element count overflow: `RuntimeWarning: invalid value encountered
/// in reduce`).
///
/// # Errors
/// As [`load_npy`].
pub fn load_npy_with_warnings(path: impl AsRef<Path>) -> Result<Loaded, Error> {
    let path = path.as_ref();
    if path.as_os_str().as_encoded_bytes().contains(&0) {
        return Err(Error::value("embedded null byte"));
    }
    if path.is_dir() {
        // Python's open() refuses directories; File::open would not.
        let e = std::io::Error::from_raw_os_error(libc::EISDIR);
        return Err(os_error(&e, path, Missing::Open));
    }
    let mut f = File::open(path).map_err(|e| os_error(&e, path, Missing::Open))?;
    let meta = f
        .metadata()
        .map_err(|e| os_error(&e, path, Missing::Open))?;
    // What a regular file holds; FIFOs and devices say nothing.
    let file_len = meta.is_file().then_some(meta.len());
    let magic = read_upto(&mut f, 6, path)?;
    if magic.is_empty() {
        return Err(Error::new(IoErrorKind::EOFError, "No data left in file"));
    }
    if magic != MAGIC {
        return Err(Error::value(
            "This file contains pickled (object) data. If you trust the file you can load it \
             unsafely using the `allow_pickle=` keyword argument or `pickle.load()`.",
        ));
    }
    let version = read_upto(&mut f, 2, path)?;
    if version.len() < 2 {
        return Err(eof("magic string", 8, 6 + version.len()));
    }
    let (len_bytes, utf8) = match (version[0], version[1]) {
        (1, 0) => (2, false),
        (2, 0) => (4, false),
        (3, 0) => (4, true),
        (major, minor) => {
            return Err(Error::value(format!(
                "we only support format version (1,0), (2,0), and (3,0), not ({major}, {minor})"
            )));
        }
    };
    let len = read_exact(&mut f, len_bytes, "array header length", path)?;
    let hlen = len
        .iter()
        .rev()
        .fold(0usize, |acc, &b| (acc << 8) | b as usize);
    let offset = (6 + 2 + len_bytes) as u64;
    let available = file_len.map(|l| l.saturating_sub(offset));
    if let Some(avail) = available
        && (avail as usize) < hlen
    {
        return Err(eof("array header", hlen, avail as usize));
    }
    if !utf8 && hlen > MAX_HEADER && available.is_some() {
        // latin-1: as many characters as bytes, no need to read them
        return Err(header_too_large(hlen));
    }
    let raw = read_exact(&mut f, hlen, "array header", path)?;
    let text: String = if utf8 {
        String::from_utf8(raw).map_err(|e| {
            let err = e.utf8_error();
            let rest = &e.as_bytes()[err.valid_up_to()..];
            decode_error(rest, err.valid_up_to() as u64, err.error_len().is_none())
        })?
    } else {
        raw.iter().map(|&b| b as char).collect()
    };
    let chars = text.chars().count();
    if chars > MAX_HEADER {
        return Err(header_too_large(chars));
    }
    let header = parse_header(&text)?;
    let data_len = available.map(|a| a - hlen as u64);
    read_data(&mut f, &header, data_len, path)
}

/// `read_array` after the header: `fromfile` of the element count, the
/// check that it all arrived, the reshape.
fn read_data(
    f: &mut File,
    h: &Header,
    data_len: Option<u64>,
    path: &Path,
) -> Result<Loaded, Error> {
    let itemsize: usize = if h.dtype == DType::Bool { 1 } else { 8 };
    let (count, warning) = shape::element_count(&h.shape)?;
    let want = shape::fromfile_bytes(count, itemsize)?;
    let dtype = h.dtype.name();
    if let Some(bytes) = want {
        memory::reserve(bytes).map_err(|_| {
            Error::new(
                IoErrorKind::MemoryError,
                memory::array_message(bytes, &[bytes / itemsize], dtype),
            )
        })?;
    }
    // What `fromfile` gets: everything for a negative count, else up to
    // `count` elements.
    let max = want.map_or(usize::MAX, |w| w / itemsize);
    let known = data_len.map(|l| usize::try_from(l / itemsize as u64).unwrap_or(usize::MAX));
    let data = match h.dtype {
        DType::Float64 => Data::Float(read_elems(f, max, known, path)?),
        DType::Int64 => Data::Int(read_elems(f, max, known, path)?),
        DType::Bool => Data::Bool(read_elems(f, max, known, path)?),
        // The header parser admits only the three dtypes above.
        other => unreachable!("the .npy header parser refused {}", other.name()),
    };
    let size = data.len();
    if i64::try_from(size) != Ok(count) {
        return Err(Error::value(format!(
            "Failed to read all data for array. Expected {} = {count} elements, could only \
             read {size} elements. (file seems not fully written?)",
            shape::shape_repr(&h.shape)
        )));
    }
    let mut shape_f: Vec<shape::Dim> = h.shape.clone();
    if h.fortran_order {
        shape_f.reverse();
    }
    let mut dims = shape::reshape(size, &shape_f, itemsize)?;
    if h.fortran_order {
        dims.reverse();
        // the copy into C order
        super::reserve_array(&dims, itemsize, dtype)?;
    }
    let swap = h.big_endian != cfg!(target_endian = "big");
    let array = match data {
        Data::Float(mut v) => {
            if swap {
                v.iter_mut()
                    .for_each(|x| *x = f64::from_bits(x.to_bits().swap_bytes()));
            }
            Array::from_ndarray(shaped(v, &dims, h.fortran_order))
        }
        Data::Int(mut v) => {
            if swap {
                v.iter_mut().for_each(|x| *x = x.swap_bytes());
            }
            Array::from_ndarray(shaped(v, &dims, h.fortran_order))
        }
        Data::Bool(v) => {
            // same size and alignment: collected in place, no second buffer
            let v: Vec<bool> = v.into_iter().map(|b| b != 0).collect();
            Array::from_ndarray(shaped(v, &dims, h.fortran_order))
        }
    };
    Ok(Loaded {
        array,
        warnings: warning.into_iter().collect(),
    })
}

/// The elements as read from the file.
enum Data {
    Float(Vec<f64>),
    Int(Vec<i64>),
    Bool(Vec<u8>),
}

impl Data {
    fn len(&self) -> usize {
        match self {
            Data::Float(v) => v.len(),
            Data::Int(v) => v.len(),
            Data::Bool(v) => v.len(),
        }
    }
}

/// Up to `max` elements, read straight into the result's buffer (zeroed
/// allocations are mapped lazily, so the kernel's copy is the only pass).
/// `known` is how many the file holds, when it says; otherwise (a FIFO)
/// the buffer grows as data arrives, through the memory cap.
fn read_elems<T: bytemuck::Pod>(
    f: &mut File,
    max: usize,
    known: Option<usize>,
    path: &Path,
) -> Result<Vec<T>, Error> {
    let size = std::mem::size_of::<T>();
    let no_memory = |_| Error::new(IoErrorKind::MemoryError, "");
    let mut len = known.map_or((CHUNK / size).min(max), |k| k.min(max));
    memory::reserve_items::<T>(len).map_err(no_memory)?;
    let mut v: Vec<T> = bytemuck::zeroed_vec(len);
    let mut filled = 0; // bytes
    loop {
        let bytes: &mut [u8] = bytemuck::cast_slice_mut(&mut v);
        let n = match f.read(&mut bytes[filled..]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(os_error(&e, path, Missing::Open)),
        };
        filled += n;
        let full = filled == len * size;
        if n == 0 || (full && (len == max || known.is_some())) {
            break;
        }
        if full {
            let more = len.min(max - len);
            memory::try_grow(&mut v, more).map_err(no_memory)?;
            len += more;
            v.resize(len, T::zeroed());
        }
    }
    v.truncate(filled / size);
    Ok(v)
}

/// The data in file order as an array of `shape`, in C order.
fn shaped<T: Clone>(data: Vec<T>, shape: &[usize], fortran: bool) -> ArrayD<T> {
    if fortran {
        ArrayD::from_shape_vec(IxDyn(shape).f(), data)
            .expect("size checked against the header")
            .as_standard_layout()
            .into_owned()
    } else {
        ArrayD::from_shape_vec(IxDyn(shape), data).expect("size checked against the header")
    }
}

/// Where `np.save(path, a)` writes: `.npy` is appended unless present.
pub fn npy_path(path: impl AsRef<Path>) -> PathBuf {
    let path = path.as_ref();
    if path.to_string_lossy().ends_with(".npy") {
        path.to_path_buf()
    } else {
        let mut s = path.as_os_str().to_owned();
        s.push(".npy");
        PathBuf::from(s)
    }
}

/// Writes `a` like `np.save(path, a)`: the same bytes (format 1.0, C
/// order, little endian, NumPy's header padding), atomically, to
/// [`npy_path`]`(path)`.
///
/// # Errors
/// The OS errors of creating the file, as Python reports them.
pub fn save_npy(path: impl AsRef<Path>, a: &Array) -> Result<(), Error> {
    let path = npy_path(path);
    let descr = a.dtype().str_code();
    let header = header_text(&descr, a.shape());
    // `_wrap_header`: pad with spaces and a newline to a multiple of 64;
    // format 2.0 (4-byte length) only when 1.0's 2 bytes cannot hold it.
    let hlen = header.len() + 1;
    let pad_for = |len_bytes: usize| 64 - ((6 + 2 + len_bytes + hlen) % 64);
    let (len_bytes, version) = if hlen + pad_for(2) <= 65535 {
        (2, 1u8)
    } else {
        (4, 2u8)
    };
    let pad = pad_for(len_bytes);
    let mut head = MAGIC.to_vec();
    head.extend([version, 0]);
    let total = (hlen + pad) as u32;
    head.extend(&total.to_le_bytes()[..len_bytes]);
    head.extend(header.as_bytes());
    head.extend(std::iter::repeat_n(b' ', pad));
    head.push(b'\n');
    write_file(&path, |w| {
        put(w, &head, &path)?;
        match a.dtype() {
            DType::Float64 => write_pod(w, &a.read::<f64>().view(), f64::to_le_bytes, &path),
            DType::Int64 => write_pod(w, &a.read::<i64>().view(), i64::to_le_bytes, &path),
            DType::Bool => {
                write_converted(w, &a.read::<bool>().view(), |b: bool| [u8::from(b)], &path)
            }
            other => Err(Error::value(format!(
                "gradlab saves bool, int64 and float64 arrays, not {other}"
            ))),
        }
    })
}

/// The elements in C order as little-endian bytes: the array's own memory
/// when it is contiguous on a little-endian machine, else converted.
fn write_pod<T: bytemuck::Pod, const N: usize>(
    w: &mut impl std::io::Write,
    x: &ArrayViewD<'_, T>,
    to_le: impl Fn(T) -> [u8; N],
    path: &Path,
) -> Result<(), Error> {
    match x.as_slice() {
        Some(slice) if cfg!(target_endian = "little") => put(w, bytemuck::cast_slice(slice), path),
        _ => write_converted(w, x, to_le, path),
    }
}

/// The elements in C order, converted through a 1 MiB buffer.
fn write_converted<T: Copy, const N: usize>(
    w: &mut impl std::io::Write,
    x: &ArrayViewD<'_, T>,
    to_le: impl Fn(T) -> [u8; N],
    path: &Path,
) -> Result<(), Error> {
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK);
    for v in x.iter() {
        buf.extend_from_slice(&to_le(*v));
        if buf.len() >= CHUNK {
            put(w, &buf, path)?;
            buf.clear();
        }
    }
    put(w, &buf, path)
}
