//! `np.load` / `np.save` of `.npy` files (format versions 1.0–3.0):
//! float64, int64 and bool; C or Fortran order; either byte order on load.

mod header;

use super::fs::{Missing, atomic_write, os_error, put};
use super::{Error, IoErrorKind};
use crate::array::{Array, DType};
use header::{Header, header_text, parse_header};
use ndarray::{ArrayD, ArrayViewD, IxDyn, ShapeBuilder};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// Bytes converted per write when the array's memory cannot be written as is.
const CHUNK: usize = 1 << 20;

/// Reads up to `n` bytes (fewer only at end of file).
fn read_upto(f: &mut File, n: usize, path: &Path) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::with_capacity(n);
    f.take(n as u64)
        .read_to_end(&mut buf)
        .map_err(|e| os_error(&e, path, Missing::Open))?;
    Ok(buf)
}

/// `_read_bytes`: exactly `n` bytes or NumPy's EOF message.
fn read_exact(f: &mut File, n: usize, what: &str, path: &Path) -> Result<Vec<u8>, Error> {
    let buf = read_upto(f, n, path)?;
    if buf.len() < n {
        return Err(Error::value(format!(
            "EOF: reading {what}, expected {n} bytes got {}",
            buf.len()
        )));
    }
    Ok(buf)
}

/// Python's repr of a shape tuple: `()`, `(3,)`, `(2, 3)`.
fn shape_repr(shape: &[i128]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let dims: Vec<String> = shape.iter().map(i128::to_string).collect();
            format!("({})", dims.join(", "))
        }
    }
}

/// Reads a `.npy` file like `np.load(path)` (with `allow_pickle=False`).
///
/// The data is read straight from the file into the result's buffer: peak
/// memory is one copy of the data (a Fortran-order file is then copied
/// once more into C order).
///
/// # Errors
/// NumPy's: `[Errno 2] No such file or directory: 'x.npy'`
/// (`FileNotFoundError`); `No data left in file` (`EOFError`, empty file);
/// `This file contains pickled (object) data. …` (wrong magic);
/// `EOF: reading array header, expected 118 bytes got 10`; `Cannot parse
/// header: …`; `Failed to read all data for array. Expected (2, 3) = 6
/// elements, could only read 2 elements. (file seems not fully written?)`.
/// Dtypes other than float64, int64 and bool are a `ValueError` naming the
/// dtype (NumPy would load them).
pub fn load_npy(path: impl AsRef<Path>) -> Result<Array, Error> {
    let path = path.as_ref();
    if path.is_dir() {
        // Python's open() refuses directories; File::open would not.
        let e = std::io::Error::from_raw_os_error(libc::EISDIR);
        return Err(os_error(&e, path, Missing::Open));
    }
    let mut f = File::open(path).map_err(|e| os_error(&e, path, Missing::Open))?;
    let file_len = f
        .metadata()
        .map_err(|e| os_error(&e, path, Missing::Open))?
        .len();
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
        return Err(Error::value(format!(
            "EOF: reading magic string, expected 8 bytes got {}",
            6 + version.len()
        )));
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
    let raw = read_exact(&mut f, hlen, "array header", path)?;
    let text: String = if utf8 {
        String::from_utf8(raw)
            .map_err(|_| Error::value("Cannot decode the array header as UTF-8"))?
    } else {
        raw.iter().map(|&b| b as char).collect()
    };
    if text.chars().count() > 10000 {
        return Err(Error::value(format!(
            "Header info length ({}) is large and may not be safe to load securely.\n\
             To allow loading, adjust `max_header_size` or fully trust the `.npy` file using \
             `allow_pickle=True`.\nFor safety against large resource use or crashes, \
             sandboxing may be necessary.",
            text.chars().count()
        )));
    }
    let header = parse_header(&text)?;
    let offset = (6 + 2 + len_bytes + hlen) as u64;
    read_data(&mut f, &header, file_len.saturating_sub(offset), path)
}

fn read_data(f: &mut File, h: &Header, available_bytes: u64, path: &Path) -> Result<Array, Error> {
    let itemsize: u64 = if h.dtype == DType::Bool { 1 } else { 8 };
    let count: i128 = h.shape.iter().product();
    let available = i128::from(available_bytes / itemsize);
    if count < 0 || count > available {
        let read = if count < 0 {
            available
        } else {
            count.min(available)
        };
        return Err(Error::value(format!(
            "Failed to read all data for array. Expected {} = {count} elements, could only \
             read {read} elements. (file seems not fully written?)",
            shape_repr(&h.shape)
        )));
    }
    if h.shape.iter().any(|&d| d < 0) {
        return Err(Error::value("negative dimensions are not allowed"));
    }
    let shape: Vec<usize> = h.shape.iter().map(|&d| d as usize).collect();
    let count = count as usize;
    let io = |e: std::io::Error| os_error(&e, path, Missing::Open);
    // Bytes go from the file straight into the result's buffer; zeroed
    // allocations are mapped lazily, so the kernel's copy is the only pass.
    let swap = h.big_endian != cfg!(target_endian = "big");
    let array = match h.dtype {
        DType::Int64 => {
            let mut v = vec![0i64; count];
            f.read_exact(bytemuck::cast_slice_mut(&mut v)).map_err(io)?;
            if swap {
                v.iter_mut().for_each(|x| *x = x.swap_bytes());
            }
            Array::from_ndarray(shaped(v, &shape, h.fortran_order))
        }
        DType::Bool => {
            let mut v = vec![0u8; count];
            f.read_exact(&mut v).map_err(io)?;
            // same size and alignment: collected in place, no second buffer
            let v: Vec<bool> = v.into_iter().map(|b| b != 0).collect();
            Array::from_ndarray(shaped(v, &shape, h.fortran_order))
        }
        // float64 (the header parser knows no other dtype)
        _ => {
            let mut v = vec![0f64; count];
            f.read_exact(bytemuck::cast_slice_mut(&mut v)).map_err(io)?;
            if swap {
                v.iter_mut()
                    .for_each(|x| *x = f64::from_bits(x.to_bits().swap_bytes()));
            }
            Array::from_ndarray(shaped(v, &shape, h.fortran_order))
        }
    };
    Ok(array)
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
    atomic_write(&path, |w| {
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
