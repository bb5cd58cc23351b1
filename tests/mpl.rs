//! The matplotlib library: imread/imsave against real matplotlib (values
//! recorded by `tests/fixtures/gen_mpl_images.py`), savefig output decoded
//! and inspected, the pyplot state machine, and unsupported calls.

use std::path::PathBuf;

use crate::common;
use gradlab::mpl::{
    self, Close, Color, ImageData, ImageFormat, LineKw, Pyplot, imread, imsave, render_figure,
};
use serde_json::Value as Json;

fn cases() -> Vec<Json> {
    include_str!("fixtures/mpl_images.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn decode_png(bytes: &[u8]) -> (u32, u32, usize, Vec<u8>) {
    let mut reader = png::Decoder::new(bytes).read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).unwrap();
    buf.truncate(frame.buffer_size());
    (frame.width, frame.height, frame.color_type.samples(), buf)
}

#[test]
fn imread_gives_what_matplotlib_gives() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images");
    for case in cases().iter().filter(|c| c.get("imread").is_some()) {
        let name = case["imread"].as_str().unwrap();
        let img = imread(&dir.join(name)).unwrap();
        let shape = common::usizes(&case["shape"]);
        assert_eq!(img.shape, shape, "{name}");
        let want: Vec<f32> = case["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap() as f32)
            .collect();
        match img.data {
            ImageData::F32(got) => assert_eq!(got, want, "{name}"),
            ImageData::U8(_) => panic!("{name}: PNG must read as float32"),
        }
    }
}

#[test]
fn imsave_writes_the_bytes_matplotlib_writes() {
    let dir = tempfile::tempdir().unwrap();
    for (k, case) in cases()
        .iter()
        .filter(|c| c.get("imsave").is_some())
        .enumerate()
    {
        let kw = &case["imsave"];
        let data: Vec<f64> = case["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap_or(f64::NAN))
            .collect();
        let shape = common::usizes(&case["shape"]);
        let path = dir.path().join(format!("out{k}.png"));
        imsave(
            &path,
            &shape,
            &data,
            kw["cmap"].as_str(),
            kw["vmin"].as_f64(),
            kw["vmax"].as_f64(),
        )
        .unwrap();
        let (w, h, samples, rgba) = decode_png(&std::fs::read(&path).unwrap());
        assert_eq!((h as usize, w as usize, samples), (shape[0], shape[1], 4));
        let want: Vec<u8> = case["rgba"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as u8)
            .collect();
        assert_eq!(rgba, want, "imsave {kw}");
    }
}

#[test]
fn imread_of_an_imsaved_array_round_trips_through_gray() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ramp.png");
    let data: Vec<f64> = (0..12).map(|i| i as f64).collect();
    imsave(&path, &[3, 4], &data, Some("gray"), None, None).unwrap();
    let img = imread(&path).unwrap();
    assert_eq!(img.shape, [3, 4, 4]);
    let ImageData::F32(v) = img.data else {
        panic!("float32")
    };
    // Grey levels rise along the row; alpha is 1.
    assert!(v[0] < v[4] && v[4] < v[8]);
    assert_eq!(v[3], 1.0);
}

#[test]
fn the_lesson_photo_is_an_rgb_picture() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sessions/data/photo.png");
    let img = imread(&path).unwrap();
    assert_eq!(img.shape, [96, 128, 3]);
}

#[test]
fn bad_images_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.png");
    std::fs::write(&path, b"not an image").unwrap();
    let err = imread(&path).unwrap_err().to_string();
    assert!(
        err.starts_with("OSError: cannot identify image file"),
        "{err}"
    );
    std::fs::write(&path, b"\x89PNG\r\n\x1a\ntruncated").unwrap();
    assert!(imread(&path).is_err());
    let err = imread(&dir.path().join("none.png"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("FileNotFoundError: [Errno 2] No such file or directory"),
        "{err}"
    );
    let err = imsave(
        &dir.path().join("a.png"),
        &[2, 2, 3],
        &[2.0; 12],
        None,
        None,
        None,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "ValueError: Floating point image RGB values must be in the 0..1 range."
    );
}

/// A falling object's line in C0, a constant line in red, a legend.
fn sample_figure() -> mpl::Figure {
    let mut plt = Pyplot::default();
    plt.figure(Some((4.0, 3.0)), None);
    let ax = plt.gca();
    let t: Vec<f64> = (0..20).map(|i| i as f64 * 0.1).collect();
    let x: Vec<f64> = t.iter().map(|t| 4.9 * t * t).collect();
    let axes = plt.axes_mut(ax);
    axes.plot(
        Some(t.clone()),
        x,
        Some("o-"),
        &LineKw {
            label: Some("x(t)".into()),
            ..LineKw::default()
        },
    )
    .unwrap();
    axes.axline(
        10.0,
        false,
        &LineKw {
            color: Some("r".into()),
            ..LineKw::default()
        },
    )
    .unwrap();
    axes.set_title("Falling");
    axes.set_xlabel("t [s]");
    axes.legend = true;
    axes.grid = true;
    plt.show().remove(0)
}

fn count(rgb: &[u8], samples: usize, c: Color) -> usize {
    rgb.chunks(samples)
        .filter(|p| p[0] == c.0 && p[1] == c.1 && p[2] == c.2)
        .count()
}

#[test]
fn savefig_png_has_the_size_and_the_lines() {
    let fig = sample_figure();
    // GRADLAB_KEEP_FIGURE=dir keeps the drawing for a person to look at.
    if let Ok(dir) = std::env::var("GRADLAB_KEEP_FIGURE") {
        mpl::savefig(&fig, &PathBuf::from(dir).join("sample.png")).unwrap();
    }
    let (w, h, samples, rgb) = decode_png(&render_figure(&fig, ImageFormat::Png).unwrap());
    assert_eq!((w, h), (400, 300));
    assert!(
        count(&rgb, samples, mpl::Color(0x1f, 0x77, 0xb4)) > 200,
        "the C0 line and markers"
    );
    // The red axhline runs across the plot: one row holds many red pixels.
    let red_rows = rgb
        .chunks(samples * w as usize)
        .filter(|row| count(row, samples, Color(255, 0, 0)) > 150)
        .count();
    assert!(red_rows >= 1, "a horizontal red line");
    assert!(
        count(&rgb, samples, Color(255, 255, 255)) > (w * h / 2) as usize,
        "white background"
    );
}

#[test]
fn savefig_svg_is_well_formed_with_the_texts() {
    let fig = sample_figure();
    let svg = String::from_utf8(render_figure(&fig, ImageFormat::Svg).unwrap()).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    for text in ["Falling", "t [s]", "x(t)"] {
        assert!(svg.contains(text), "{text}");
    }
    assert!(svg.contains("<polyline") || svg.contains("<path"));
    // Every element opened is closed.
    let opens = svg.matches("<text").count();
    assert_eq!(opens, svg.matches("</text>").count());
}

#[test]
fn heat_map_with_colour_bar() {
    let mut plt = Pyplot::default();
    let ax = plt.gca();
    let m: Vec<f64> = (0..64).map(|i| ((i % 8) * (i / 8)) as f64).collect();
    plt.axes_mut(ax)
        .imshow(&[8, 8], m, Some("viridis"), None, None)
        .unwrap();
    plt.axes_mut(ax).colorbar().unwrap();
    let fig = plt.show().remove(0);
    if let Ok(dir) = std::env::var("GRADLAB_KEEP_FIGURE") {
        mpl::savefig(&fig, &PathBuf::from(dir).join("heat.png")).unwrap();
    }
    let (_, _, samples, rgb) = decode_png(&render_figure(&fig, ImageFormat::Png).unwrap());
    let viridis = mpl::Colormap::get("viridis").unwrap();
    // Values 0, 24 and 49 of 0..=49 land on entries 0, 125 and 255: whole
    // cells of those colours (the colour bar adds thin slivers of all).
    for i in [0, 125, 255] {
        assert!(
            count(&rgb, samples, viridis.entry(i)) > 400,
            "viridis entry {i}"
        );
    }
    // And the bar: a gradient through (nearly) every entry of the table.
    let shown = (0..256)
        .filter(|&i| count(&rgb, samples, viridis.entry(i)) > 0)
        .count();
    assert!(shown > 200, "colour bar shows {shown} of 256 entries");
}

#[test]
fn savefig_writes_files_and_refuses_unknown_formats() {
    let dir = tempfile::tempdir().unwrap();
    let fig = sample_figure();
    mpl::savefig(&fig, &dir.path().join("f.png")).unwrap();
    mpl::savefig(&fig, &dir.path().join("f.svg")).unwrap();
    assert!(
        std::fs::read(dir.path().join("f.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
    let err = mpl::savefig(&fig, &dir.path().join("f.pdf")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ValueError: Format 'pdf' is not supported (supported formats: png, svg)"
    );
    let err = mpl::savefig(&fig, &dir.path().join("no/dir/f.png")).unwrap_err();
    assert!(
        err.to_string().starts_with("FileNotFoundError: [Errno 2]"),
        "{err}"
    );
}

#[test]
fn pyplot_state_machine() {
    let mut plt = Pyplot::default();
    assert!(!plt.has_figures());
    let (n, axes) = plt.subplots(2, 2, None).unwrap();
    assert_eq!((n, axes.len()), (1, 4));
    plt.axes_mut(axes[3]).set_title("last");
    let two = plt.figure(None, None);
    assert_eq!(two, 2);
    let ax = plt.subplot(1, 2, 2).unwrap();
    assert_eq!(ax.slot, 1);
    plt.close(Close::Current).unwrap();
    assert_eq!(plt.figures().len(), 1);
    let shown = plt.show();
    assert_eq!(shown[0].axes[3].title, "last");
    assert!(!plt.has_figures());
    assert!(plt.subplot(2, 2, 5).is_err());
}

#[test]
fn plot_errors_are_matplotlibs() {
    let mut plt = Pyplot::default();
    let ax = plt.gca();
    let axes = plt.axes_mut(ax);
    let err = axes
        .plot(Some(vec![1.0, 2.0]), vec![1.0], None, &LineKw::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "ValueError: x and y must have same first dimension, but have shapes (2,) and (1,)"
    );
    let err = axes
        .plot(None, vec![1.0], Some("q"), &LineKw::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "ValueError: 'q' is not a valid format string (unrecognized character 'q')"
    );
    let err = axes
        .imshow(&[2, 2, 2], vec![0.0; 8], None, None, None)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "TypeError: Invalid shape (2, 2, 2) for image data"
    );
    assert!(axes.colorbar().is_err());
}

#[test]
fn unknown_calls_name_themselves_and_list_the_supported_ones() {
    let err = mpl::not_implemented("hist");
    assert_eq!(err.kind, mpl::ErrorKind::NotImplementedError);
    assert!(
        err.message
            .starts_with("plt.hist is not supported by gradlab; supported: plot, scatter, bar")
    );
}

#[test]
fn figures_as_json_data() {
    let fig = sample_figure();
    let j = fig.to_json();
    assert_eq!(j["figsize"], serde_json::json!([4.0, 3.0]));
    let ax = &j["axes"][0];
    assert_eq!(ax["title"], "Falling");
    assert_eq!(ax["artists"][0]["kind"], "line");
    assert_eq!(ax["artists"][0]["marker"], "o");
    assert_eq!(ax["artists"][0]["color"], "#1f77b4");
    assert_eq!(ax["artists"][1]["kind"], "axhline");
    assert_eq!(ax["artists"][0]["y"].as_array().unwrap().len(), 20);
}
