//! complex128 math as NumPy computes it: its ufunc loops call the C
//! library's `cexp`, `clog`, `csqrt`, `csin`, ... (npymath uses the
//! platform's functions where they exist, as on glibc), so these call the
//! same functions; `power`, `square`, `reciprocal`, `log2`/`log10` and the
//! sort order are NumPy's own loops, written out here in NumPy's order of
//! operations so results are bit-identical.

use super::element::{Complex128, complex_div, complex_mul};

/// C's `double complex`, passed as two doubles (the C ABI of a
/// `_Complex double` is the one of a struct of two doubles on x86-64 and
/// AArch64, where gradlab runs).
#[repr(C)]
#[derive(Clone, Copy)]
struct CDouble {
    re: f64,
    im: f64,
}

// SAFETY (for each): C99's complex functions of the C library (libm),
// pure functions of their argument.
unsafe extern "C" {
    fn cexp(z: CDouble) -> CDouble;
    fn clog(z: CDouble) -> CDouble;
    fn csqrt(z: CDouble) -> CDouble;
    fn csin(z: CDouble) -> CDouble;
    fn ccos(z: CDouble) -> CDouble;
    fn ctan(z: CDouble) -> CDouble;
    fn csinh(z: CDouble) -> CDouble;
    fn ccosh(z: CDouble) -> CDouble;
    fn ctanh(z: CDouble) -> CDouble;
    fn casin(z: CDouble) -> CDouble;
    fn cacos(z: CDouble) -> CDouble;
    fn catan(z: CDouble) -> CDouble;
    fn cpow(x: CDouble, y: CDouble) -> CDouble;
}

fn call(f: unsafe extern "C" fn(CDouble) -> CDouble, z: Complex128) -> Complex128 {
    // SAFETY: `f` is one of the C library's pure complex functions above.
    let r = unsafe { f(CDouble { re: z.re, im: z.im }) };
    Complex128::new(r.re, r.im)
}

/// The one-argument complex ufunc NumPy names `name`, if it has one.
pub fn unary_fn(name: &str) -> Option<fn(Complex128) -> Complex128> {
    Some(match name {
        "exp" => |z| call(cexp, z),
        "log" => |z| call(clog, z),
        "sqrt" => |z| call(csqrt, z),
        "sin" => |z| call(csin, z),
        "cos" => |z| call(ccos, z),
        "tan" => |z| call(ctan, z),
        "sinh" => |z| call(csinh, z),
        "cosh" => |z| call(ccosh, z),
        "tanh" => |z| call(ctanh, z),
        "arcsin" | "asin" => |z| call(casin, z),
        "arccos" | "acos" => |z| call(cacos, z),
        "arctan" | "atan" => |z| call(catan, z),
        // nc_log10 / nc_log2: the natural log scaled part by part.
        "log10" => |z| {
            let l = call(clog, z);
            Complex128::new(
                l.re * std::f64::consts::LOG10_E,
                l.im * std::f64::consts::LOG10_E,
            )
        },
        "log2" => |z| {
            let l = call(clog, z);
            Complex128::new(
                l.re * std::f64::consts::LOG2_E,
                l.im * std::f64::consts::LOG2_E,
            )
        },
        "square" => square,
        "reciprocal" => reciprocal,
        "negative" => |z| -z,
        "positive" => |z| z,
        "conj" | "conjugate" => |z| z.conj(),
        "sign" => sign,
        _ => return None,
    })
}

/// NumPy 2's complex `sign` loop: `z / hypot(re, im)`, with NaN for a
/// NaN modulus or two infinite parts, the unit along an infinite part,
/// and 0 for 0. NaN is tested before any ordered comparison (an
/// optimised build's signalling compares would raise "invalid").
pub fn sign(z: Complex128) -> Complex128 {
    let m = z.re.hypot(z.im);
    if m.is_nan() {
        return Complex128::new(f64::NAN, f64::NAN);
    }
    if m.is_infinite() {
        if z.re.is_infinite() {
            if z.im.is_infinite() {
                return Complex128::new(f64::NAN, f64::NAN);
            }
            return Complex128::new(if z.re > 0.0 { 1.0 } else { -1.0 }, 0.0);
        }
        return Complex128::new(0.0, if z.im > 0.0 { 1.0 } else { -1.0 });
    }
    if m == 0.0 {
        return Complex128::new(0.0, 0.0);
    }
    Complex128::new(z.re / m, z.im / m)
}

/// NumPy's complex `absolute` loop (`simd_cabsolute`, with the fused
/// multiply-add of the FMA3 build NumPy runs on x86-64): an infinite part
/// makes it inf, else a NaN part NaN, else `larger * sqrt(1 + ratio²)`.
pub fn abs(z: Complex128) -> f64 {
    let (re, im) = (z.re.abs(), z.im.abs());
    if re == f64::INFINITY || im == f64::INFINITY {
        return f64::INFINITY;
    }
    // Returned before any ordered comparison: an optimised build compares
    // lanes with signalling predicates, which raise "invalid" on a NaN
    // where NumPy's loop raises nothing.
    if re.is_nan() || im.is_nan() {
        return f64::NAN;
    }
    let (larger, smaller) = if re >= im { (re, im) } else { (im, re) };
    let ratio = if larger == 0.0 { 0.0 } else { smaller / larger };
    ratio.mul_add(ratio, 1.0).sqrt() * larger
}

/// NumPy's complex `square` loop on arrays (its FMA3 SIMD loop: each
/// part one fused multiply-add).
pub fn square(z: Complex128) -> Complex128 {
    Complex128::new(
        z.re.mul_add(z.re, -(z.im * z.im)),
        z.re.mul_add(z.im, z.im * z.re),
    )
}

/// NumPy's complex `multiply` loop on arrays (its FMA3 SIMD loop); NumPy
/// scalars and Python complex numbers multiply without fusing
/// ([`complex_mul`]).
pub fn mul(a: Complex128, b: Complex128) -> Complex128 {
    Complex128::new(
        a.re.mul_add(b.re, -(a.im * b.im)),
        a.re.mul_add(b.im, a.im * b.re),
    )
}

/// NumPy's complex `reciprocal` loop (Smith's method).
pub fn reciprocal(z: Complex128) -> Complex128 {
    // C's `<=` on a NaN raises "invalid".
    if z.re.is_nan() || z.im.is_nan() {
        super::fpe::raise(super::fpe::Flags::INVALID);
    }
    if z.im.abs() <= z.re.abs() {
        let r = z.im / z.re;
        let d = z.re + z.im * r;
        Complex128::new(1.0 / d, -r / d)
    } else {
        let r = z.re / z.im;
        let d = z.re * r + z.im;
        Complex128::new(r / d, -1.0 / d)
    }
}

/// NumPy's `npy_cpow`: exact small integer powers by repeated squaring,
/// C's `cpow` otherwise.
pub fn power(a: Complex128, b: Complex128) -> Complex128 {
    let (ar, ai, br, bi) = (a.re, a.im, b.re, b.im);
    if br == 0.0 && bi == 0.0 {
        return Complex128::new(1.0, 0.0);
    }
    if ar == 0.0 && ai == 0.0 {
        if br > 0.0 {
            return Complex128::new(0.0, 0.0);
        }
        // NumPy raises "invalid" (its `inf - inf`) and gives a complex NaN.
        super::fpe::raise(super::fpe::Flags::INVALID);
        return Complex128::new(f64::NAN, f64::NAN);
    }
    if bi == 0.0 && br == (br as i64) as f64 && br.abs() < 1e18 {
        let mut n = br as i64;
        match n {
            1 => return a,
            2 => return complex_mul(a, a),
            3 => return complex_mul(a, complex_mul(a, a)),
            _ if n > -100 && n < 100 => {
                n = n.abs();
                let mut aa = Complex128::new(1.0, 0.0);
                let mut p = a;
                let mut mask: i64 = 1;
                loop {
                    if n & mask != 0 {
                        aa = complex_mul(aa, p);
                    }
                    mask <<= 1;
                    if n < mask || mask <= 0 {
                        break;
                    }
                    p = complex_mul(p, p);
                }
                return if br < 0.0 {
                    complex_div(Complex128::new(1.0, 0.0), aa)
                } else {
                    aa
                };
            }
            _ => {}
        }
    }
    // SAFETY: C's pure `cpow`.
    let r = unsafe { cpow(CDouble { re: ar, im: ai }, CDouble { re: br, im: bi }) };
    Complex128::new(r.re, r.im)
}

/// NumPy's `CMPLX_LT` for sorting: lexicographic, a NaN in either part
/// sorts last (real NaN after imaginary NaN).
pub fn sort_lt(a: Complex128, b: Complex128) -> bool {
    let (a_im_nan, b_im_nan) = (a.im.is_nan(), b.im.is_nan());
    if a.re < b.re {
        !a_im_nan || b_im_nan
    } else if a.re > b.re {
        b_im_nan && !a_im_nan
    } else if a.re == b.re || (a.re.is_nan() && b.re.is_nan()) {
        a.im < b.im || (b_im_nan && !a_im_nan)
    } else {
        b.re.is_nan()
    }
}

/// The total order of [`sort_lt`].
pub fn sort_cmp(a: &Complex128, b: &Complex128) -> std::cmp::Ordering {
    if sort_lt(*a, *b) {
        std::cmp::Ordering::Less
    } else if sort_lt(*b, *a) {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Equal
    }
}

/// Whether either part is NaN (`np.isnan` of a complex).
pub fn is_nan(z: Complex128) -> bool {
    z.re.is_nan() || z.im.is_nan()
}

/// NumPy's complex `maximum` reduction step (`CGE`, NaN propagates: the
/// first NaN wins).
pub fn max_step(m: Complex128, e: Complex128) -> Complex128 {
    if is_nan(m) {
        m
    } else if is_nan(e) || (e.re, e.im) > (m.re, m.im) {
        e
    } else {
        m
    }
}

/// [`max_step`] for `minimum`.
pub fn min_step(m: Complex128, e: Complex128) -> Complex128 {
    if is_nan(m) {
        m
    } else if is_nan(e) || (e.re, e.im) < (m.re, m.im) {
        e
    } else {
        m
    }
}

/// NumPy's pairwise sum of complex numbers (`@TYPE@_pairwise_sum` for
/// complex types in `loops_utils.h.src`): the real and imaginary parts are
/// one float stream of `2n` values, summed with 8 accumulators (4 complex
/// partial sums) in blocks of 8 floats, split in halves past 128 floats.
pub fn pairwise_sum(a: &[Complex128]) -> Complex128 {
    let n = a.len() * 2;
    if n < 8 {
        let (mut rr, mut ri) = (0.0f64, 0.0f64);
        for z in a {
            rr += z.re;
            ri += z.im;
        }
        Complex128::new(rr, ri)
    } else if n <= 128 {
        let mut r = [0.0f64; 8];
        for (pair, z) in r.chunks_exact_mut(2).zip(&a[..4]) {
            pair[0] = z.re;
            pair[1] = z.im;
        }
        let full = n - n % 8;
        for block in a[4..full / 2].chunks_exact(4) {
            for (pair, z) in r.chunks_exact_mut(2).zip(block) {
                pair[0] += z.re;
                pair[1] += z.im;
            }
        }
        let mut rr = (r[0] + r[2]) + (r[4] + r[6]);
        let mut ri = (r[1] + r[3]) + (r[5] + r[7]);
        for z in &a[full / 2..] {
            rr += z.re;
            ri += z.im;
        }
        Complex128::new(rr, ri)
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        let (l, r) = a.split_at(n2 / 2);
        let (x, y) = (pairwise_sum(l), pairwise_sum(r));
        Complex128::new(x.re + y.re, x.im + y.im)
    }
}
