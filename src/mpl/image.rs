//! `plt.imread` and `plt.imsave` with matplotlib's conventions: a PNG
//! comes in as float32 in [0, 1] (H×W for grey, H×W×3 for RGB, H×W×4 for
//! RGBA, palette and grey+alpha images), a JPEG as uint8 H×W×3 (H×W for
//! grey); a 2-D array goes out through a colormap as an RGBA PNG.

use std::path::Path;

use super::cmap::Colormap;
use super::{Error, ErrorKind, Result};

/// Pixel values as matplotlib types them.
#[derive(Clone, Debug, PartialEq)]
pub enum ImageData {
    F32(Vec<f32>),
    U8(Vec<u8>),
}

/// An image array: `shape` is `[h, w]` or `[h, w, channels]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub shape: Vec<usize>,
    pub data: ImageData,
}

/// `plt.imread(path)`.
///
/// # Errors
/// Python's I/O errors; `OSError: cannot identify image file 'x'` for
/// anything but PNG and JPEG, or a corrupt file.
pub fn imread(path: &Path) -> Result<Image> {
    let shown = path.to_string_lossy().to_string();
    let bytes = crate::io::read_bytes(path)?;
    let unreadable = || {
        Error::new(
            ErrorKind::Io(crate::io::IoErrorKind::OSError),
            format!("cannot identify image file '{shown}'"),
        )
    };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return read_png(&bytes).map_err(|_| unreadable());
    }
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        let img = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg)
            .map_err(|_| unreadable())?;
        let (w, h) = (img.width() as usize, img.height() as usize);
        return Ok(match img {
            image::DynamicImage::ImageLuma8(g) => Image {
                shape: vec![h, w],
                data: ImageData::U8(g.into_raw()),
            },
            other => Image {
                shape: vec![h, w, 3],
                data: ImageData::U8(other.to_rgb8().into_raw()),
            },
        });
    }
    Err(unreadable())
}

fn read_png(bytes: &[u8]) -> std::result::Result<Image, png::DecodingError> {
    let mut decoder = png::Decoder::new(bytes);
    decoder.set_transformations(png::Transformations::IDENTITY);
    let mut reader = decoder.read_info()?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf)?;
    let info = reader.info();
    let (w, h) = (frame.width as usize, frame.height as usize);
    let depth = frame.bit_depth as u32;
    let line = frame.line_size;
    // Sample k of row r at this bit depth.
    let sample = |r: usize, k: usize| -> u32 {
        let row = &buf[r * line..(r + 1) * line];
        match depth {
            16 => u32::from(u16::from_be_bytes([row[2 * k], row[2 * k + 1]])),
            8 => u32::from(row[k]),
            d => {
                let per = 8 / d as usize;
                let byte = row[k / per];
                let shift = 8 - d as usize * (k % per + 1);
                (u32::from(byte) >> shift) & ((1 << d) - 1)
            }
        }
    };
    // Pillow coarsens 16-bit colour to 8 bits (the high byte).
    let to8 = |v: u32| if depth == 16 { v >> 8 } else { v };
    let div = |v: u32| v as f32 / 255f32;
    use png::ColorType::*;
    let (shape, data): (Vec<usize>, Vec<f32>) = match frame.color_type {
        Grayscale => {
            let scale = match depth {
                1 => 1f32,
                16 => 65535f32,
                d => ((1u32 << d) - 1) as f32,
            };
            let data = (0..h)
                .flat_map(|r| (0..w).map(move |c| (r, c)))
                .map(|(r, c)| sample(r, c) as f32 / scale)
                .collect();
            (vec![h, w], data)
        }
        Rgb | Rgba => {
            let ch = if frame.color_type == Rgb { 3 } else { 4 };
            let data = (0..h)
                .flat_map(|r| (0..w * ch).map(move |k| (r, k)))
                .map(|(r, k)| div(to8(sample(r, k))))
                .collect();
            (vec![h, w, ch], data)
        }
        GrayscaleAlpha => {
            let data = (0..h)
                .flat_map(|r| (0..w).map(move |c| (r, c)))
                .flat_map(|(r, c)| {
                    let g = div(to8(sample(r, 2 * c)));
                    [g, g, g, div(to8(sample(r, 2 * c + 1)))]
                })
                .collect();
            (vec![h, w, 4], data)
        }
        Indexed => {
            let palette = info.palette.as_deref().unwrap_or(&[]);
            let trns = info.trns.as_deref().unwrap_or(&[]);
            let data = (0..h)
                .flat_map(|r| (0..w).map(move |c| (r, c)))
                .flat_map(|(r, c)| {
                    let i = sample(r, c) as usize;
                    let rgb = palette.get(3 * i..3 * i + 3).unwrap_or(&[0, 0, 0]);
                    let a = trns.get(i).copied().unwrap_or(255);
                    [
                        div(rgb[0].into()),
                        div(rgb[1].into()),
                        div(rgb[2].into()),
                        div(a.into()),
                    ]
                })
                .collect();
            (vec![h, w, 4], data)
        }
    };
    Ok(Image {
        shape,
        data: ImageData::F32(data),
    })
}

/// `plt.imsave(path, arr, cmap=..., vmin=..., vmax=...)`: a 2-D array
/// through the colormap (default viridis, limits the data's range), or
/// RGB(A) floats in [0, 1], written as an 8-bit RGBA PNG, atomically.
///
/// # Errors
/// `ValueError` for another format than PNG, RGB floats outside [0, 1],
/// a bad shape; Python's I/O errors.
pub fn imsave(
    path: &Path,
    shape: &[usize],
    data: &[f64],
    cmap: Option<&str>,
    vmin: Option<f64>,
    vmax: Option<f64>,
) -> Result<()> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("png")
        .to_ascii_lowercase();
    if ext != "png" {
        return Err(Error::value(format!(
            "Format '{ext}' is not supported by gradlab's imsave (supported formats: png)"
        )));
    }
    let (h, w, rgba) = rgba_pixels(shape, data, cmap, vmin, vmax)?;
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w as u32, h as u32);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc
            .write_header()
            .map_err(|e| Error::value(e.to_string()))?;
        writer
            .write_image_data(&rgba)
            .map_err(|e| Error::value(e.to_string()))?;
    }
    Ok(crate::io::write_bytes(path, &out)?)
}

/// The RGBA bytes imsave writes for an array.
pub(crate) fn rgba_pixels(
    shape: &[usize],
    data: &[f64],
    cmap: Option<&str>,
    vmin: Option<f64>,
    vmax: Option<f64>,
) -> Result<(usize, usize, Vec<u8>)> {
    match *shape {
        [h, w] if h * w == data.len() && h > 0 && w > 0 => {
            let cmap = Colormap::get(cmap.unwrap_or("viridis"))?;
            // matplotlib autoscales with the array's min and max, which a
            // NaN makes NaN: then every pixel is "bad" (transparent).
            let nan = data.iter().any(|v| v.is_nan());
            let extreme = |f: fn(f64, f64) -> f64, init: f64| {
                if nan {
                    f64::NAN
                } else {
                    data.iter().copied().fold(init, f)
                }
            };
            let lo = vmin.unwrap_or_else(|| extreme(f64::min, f64::INFINITY));
            let hi = vmax.unwrap_or_else(|| extreme(f64::max, f64::NEG_INFINITY));
            let mut out = Vec::with_capacity(4 * data.len());
            for &v in data {
                match cmap.map(v, lo, hi) {
                    Some(c) => out.extend([c.0, c.1, c.2, 255]),
                    None => out.extend([0, 0, 0, 0]),
                }
            }
            Ok((h, w, out))
        }
        [h, w, ch] if (ch == 3 || ch == 4) && h * w * ch == data.len() && h > 0 && w > 0 => {
            if data.iter().any(|&v| !(0.0..=1.0).contains(&v)) {
                return Err(Error::value(
                    "Floating point image RGB values must be in the 0..1 range.",
                ));
            }
            let mut out = Vec::with_capacity(4 * h * w);
            for px in data.chunks(ch) {
                out.extend(px.iter().map(|&v| (v * 255.0) as u8));
                if ch == 3 {
                    out.push(255);
                }
            }
            Ok((h, w, out))
        }
        _ => {
            let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
            Err(Error::value(format!(
                "Third dimension must be 3 or 4, or the array 2-D; got shape ({})",
                dims.join(", ")
            )))
        }
    }
}
