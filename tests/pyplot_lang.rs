//! Issue 14: matplotlib reached from the language. `plt.*` and `ax.*`
//! calls build the session's figures; `plt.show()` hands each figure to
//! the front ends as a view (snapshots of its terminal drawing, plain and
//! in colour); `savefig`/`imsave` write real images (decoded here) and
//! only with writes allowed; unknown calls are `NotImplementedError`s that
//! list what is supported; `imread` gives matplotlib's arrays.

use gradlab::eval::{Event, Session, Value};
use gradlab::notebook::run_script;
use gradlab::script::Script;
use gradlab::tui::{ColorMode, render_view};
use gradlab::views::View;
use insta::assert_snapshot;

use crate::table;

/// Runs `src` (statements separated by newlines) in `session`; the events
/// of every cell, in order.
fn run(session: &mut Session, src: &str) -> Vec<Event> {
    let cells = run_script(session, &Script::parse(&format!("{src}\n")), |_, _| {});
    cells
        .iter()
        .flat_map(|c| c.events().cloned().collect::<Vec<_>>())
        .collect()
}

/// The figures the events show.
fn figures(events: &[Event]) -> Vec<gradlab::mpl::Figure> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Value(Value::View(v)) => match &**v {
                View::Figure(f) => Some(f.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn errors(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Error(err) => Some(err.headline()),
            _ => None,
        })
        .collect()
}

const FALL: &str = "import numpy as np
import matplotlib.pyplot as plt
t = np.linspace(0, 1, 21)
x = 4.9 * t ** 2";

#[test]
fn plt_calls_build_a_figure_that_show_draws() {
    let mut s = Session::new();
    let events = run(
        &mut s,
        &format!(
            "{FALL}
plt.plot(t, x, 'o-', label='position')
plt.plot(t, np.gradient(x, t), label='velocity')
plt.axhline(0, color='gray')
plt.title('falling')
plt.xlabel('t (s)')
plt.ylabel('m, m/s')
plt.legend()
plt.show()"
        ),
    );
    assert!(errors(&events).is_empty(), "{:?}", errors(&events));
    let figs = figures(&events);
    assert_eq!(figs.len(), 1);
    let ax = &figs[0].axes[0];
    assert_eq!(ax.artists.len(), 3);
    assert_eq!(
        (ax.title.as_str(), ax.xlabel.as_str(), ax.legend),
        ("falling", "t (s)", true)
    );
    let view = View::Figure(figs[0].clone());
    assert_eq!(view.name(), "figure");
    assert_eq!(view.to_json()["kind"], "view");
    assert_eq!(view.to_json()["data"]["axes"][0]["title"], "falling");
    let plain = render_view(&view, 80, ColorMode::Plain);
    assert!(!plain.contains('\x1b'), "escape codes in plain mode");
    assert_snapshot!("figure_lines_plain", plain);
    // A second show has nothing left to show: show closes the figures.
    assert!(figures(&run(&mut s, "plt.show()")).is_empty());
}

/// The y-axis labels (top, middle, bottom) and the x-axis labels of a
/// plain chart drawing: the bounds it was drawn within.
fn axis_labels(plain: &str) -> (Vec<String>, String) {
    let lines: Vec<&str> = plain.lines().collect();
    let y = lines
        .iter()
        .filter_map(|l| l.split_once('│').map(|(label, _)| label.trim()))
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let x = lines
        .last()
        .unwrap_or(&"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (y, x)
}

/// Figure `figure` of `events` drawn 60 columns wide without colour.
fn plain_figure(events: &[Event], figure: usize) -> String {
    render_view(
        &View::Figure(figures(events)[figure].clone()),
        60,
        ColorMode::Plain,
    )
}

/// Asserts the y-axis tick labels (top down) and the x-axis label line
/// of a drawing.
fn assert_axis_labels(plain: &str, y: &[&str], x: &str) {
    let (got_y, got_x) = axis_labels(plain);
    assert_eq!(
        (got_y, got_x.as_str()),
        (y.iter().map(|l| l.to_string()).collect(), x),
        "{plain}"
    );
}

#[test]
fn xlim_and_ylim_bound_the_drawing() {
    let mut s = Session::new();
    let events = run(
        &mut s,
        &format!("{FALL}\nplt.plot(t, x)\nplt.xlim(0, 0.5)\nplt.ylim(-1, 2)\nplt.show()"),
    );
    assert!(errors(&events).is_empty(), "{:?}", errors(&events));
    let plain = plain_figure(&events, 0);
    // The data reaches x = 1, y = 4.9: clipped to the limits.
    assert_axis_labels(&plain, &["2", "0.5", "-1"], "0 0.25 0.5");
    assert_snapshot!("figure_limits_plain", plain);
    // Without limits the chart has matplotlib's 5% margins around the data.
    let events = run(&mut s, "plt.plot([1, 2, 3], [10, 20, 30])\nplt.show()");
    assert_axis_labels(&plain_figure(&events, 0), &["31", "20", "9"], "0.9 2 3.1");
    // ax.set_xlim / set_ylim, one side only keeps the other, reversed
    // limits are drawn ascending.
    let events = run(
        &mut s,
        "fig, ax = plt.subplots()\nax.plot([1, 2, 3], [10, 20, 30])\nax.set_xlim(2, 4)\nax.set_ylim(bottom=0)\nplt.show()\n\
         plt.plot([1, 2, 3], [10, 20, 30])\nplt.ylim(40, 20)\nplt.show()",
    );
    assert_eq!(figures(&events).len(), 2);
    assert_axis_labels(&plain_figure(&events, 0), &["31", "15.5", "0"], "2 3 4");
    let plain = plain_figure(&events, 1);
    assert_eq!(axis_labels(&plain).0, vec!["40", "30", "20"], "{plain}");
}

#[test]
fn subplots_images_and_arrows_draw() {
    let mut s = Session::new();
    let events = run(
        &mut s,
        "import numpy as np
import matplotlib.pyplot as plt
m = np.outer(np.arange(6), np.arange(8)) / 35
gy, gx = np.gradient(m)
fig, (ax1, ax2) = plt.subplots(1, 2)
ax1.imshow(m, cmap='viridis')
ax1.set_title('m')
ax2.quiver(gx, gy)
ax2.set_title('gradient field')
fig.suptitle('a 2-D array')
plt.show()",
    );
    assert!(errors(&events).is_empty(), "{:?}", errors(&events));
    let figs = figures(&events);
    assert_eq!((figs.len(), figs[0].axes.len()), (1, 2));
    let view = View::Figure(figs[0].clone());
    assert_snapshot!(
        "figure_subplots_plain",
        render_view(&view, 80, ColorMode::Plain)
    );
    let colour = render_view(&view, 80, ColorMode::Ansi256);
    assert!(colour.contains('\x1b'), "no colour in colour mode");
}

#[test]
fn show_with_a_semicolon_still_draws_and_plot_without_show_waits() {
    let mut s = Session::new();
    let events = run(&mut s, &format!("{FALL}\nplt.plot(t, x)"));
    assert!(figures(&events).is_empty(), "a script draws at plt.show()");
    // The interactive notebook shows what a cell left open.
    let open = s.show_open_figures();
    assert_eq!(figures(&open).len(), 1);
    let events = run(&mut s, "plt.plot([1, 2, 3])\nplt.show();");
    assert_eq!(figures(&events).len(), 1);
}

#[test]
fn unknown_calls_name_themselves_and_list_what_is_supported() {
    let err = table::shown("import matplotlib.pyplot as plt\nplt.hist([1, 2, 2])");
    assert!(
        err.starts_with("NotImplementedError: plt.hist is not supported by gradlab; supported: plot, scatter, bar,"),
        "{err}"
    );
    let err = table::shown("import pandas as pd\npd.to_datetime('2024')");
    assert!(
        err.starts_with("NotImplementedError: pd.to_datetime is not supported by gradlab; supported: read_csv, read_excel,"),
        "{err}"
    );
    let err =
        table::shown("import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.hist([1])");
    assert!(err.starts_with("NotImplementedError: Axes.hist"), "{err}");
    assert_eq!(
        table::shown("import seaborn"),
        "ModuleNotFoundError: No module named 'seaborn' (gradlab knows numpy, numdifftools, math, pandas, matplotlib.pyplot and warnings)"
    );
}

#[test]
fn the_three_imports_reach_pyplot() {
    for import in [
        "import matplotlib.pyplot as plt",
        "from matplotlib import pyplot as plt",
        "import matplotlib; import matplotlib.pyplot as plt; matplotlib.use('Agg')",
    ] {
        let mut s = Session::new();
        let events = run(
            &mut s,
            &format!("{import}\nplt.plot([1, 4, 9])\nplt.show()"),
        );
        assert!(
            errors(&events).is_empty(),
            "{import}: {:?}",
            errors(&events)
        );
        assert_eq!(figures(&events).len(), 1, "{import}");
    }
}

#[test]
fn savefig_and_imsave_write_real_images_only_when_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("fig.png");
    let svg = dir.path().join("fig.svg");
    let edges = dir.path().join("edges.png");
    let src = format!(
        "{FALL}
plt.figure(figsize=(4, 3), dpi=50)
plt.plot(t, x)
plt.savefig({png:?})
plt.savefig({svg:?})
plt.imsave({edges:?}, np.outer(np.arange(5), np.arange(7)), cmap='gray')"
    );
    let mut locked = Session::new();
    locked.allow_write = false;
    let errs = errors(&run(&mut locked, &src));
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(
        errs[0].starts_with("PermissionError: plt.savefig() may not write"),
        "{errs:?}"
    );
    assert!(!png.exists() && !edges.exists());

    let mut s = Session::new();
    let events = run(&mut s, &src);
    assert!(errors(&events).is_empty(), "{:?}", errors(&events));
    let decoder = png::Decoder::new(std::fs::File::open(&png).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let (w, h) = (reader.info().width, reader.info().height);
    assert_eq!((w, h), (200, 150));
    let mut buf = vec![0; reader.output_buffer_size()];
    reader.next_frame(&mut buf).unwrap();
    let first = buf[..3].to_vec();
    assert!(
        buf.chunks(reader.info().bytes_per_pixel())
            .any(|p| p[..3] != first[..]),
        "the saved figure is blank"
    );
    let svg_text = std::fs::read_to_string(&svg).unwrap();
    assert!(svg_text.starts_with("<svg") && svg_text.trim_end().ends_with("</svg>"));
    let reader = png::Decoder::new(std::fs::File::open(&edges).unwrap())
        .read_info()
        .unwrap();
    assert_eq!((reader.info().width, reader.info().height), (7, 5));
}

#[test]
fn imread_gives_matplotlibs_array() {
    let root = env!("CARGO_MANIFEST_DIR");
    let src = format!(
        "import matplotlib.pyplot as plt\nimg = plt.imread('{root}/sessions/data/photo.png')"
    );
    assert_eq!(table::shown(&format!("{src}\nimg.shape")), "(96, 128, 3)");
    assert_eq!(
        table::shown(&format!("{src}\nimg.dtype")),
        "dtype('float32')"
    );
    assert_eq!(
        table::shown("import matplotlib.pyplot as plt\nplt.imread('nope.png')"),
        "FileNotFoundError: [Errno 2] No such file or directory: 'nope.png'"
    );
}

#[test]
fn pandas_columns_plot_directly() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut s = Session::new();
    let events = run(
        &mut s,
        &format!(
            "import pandas as pd
import matplotlib.pyplot as plt
df = pd.read_excel('{root}/sessions/data/falling.xlsx')
plt.plot(df['time_s'], df['position_m'], 'o')
plt.show()"
        ),
    );
    assert!(errors(&events).is_empty(), "{:?}", errors(&events));
    let figs = figures(&events);
    let gradlab::mpl::Artist::Line(line) = &figs[0].axes[0].artists[0] else {
        panic!("not a line");
    };
    assert_eq!(line.x.len(), 13);
    assert_eq!(line.y[12], 1.764);
}

/// `text` with CPython object addresses written `0x...`, as the table
/// records them (an address differs from run to run).
fn any_address(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(" object at 0x") {
        let end = i + " object at 0x".len();
        out.push_str(&rest[..end]);
        out.push_str("...");
        rest = rest[end..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out + rest
}

/// What the drawing calls return (`plt.plot` a list of Line2D, labels a
/// Text, ...) and the Line2D/Text methods, against matplotlib
/// (`tests/fixtures/pyplot_lang.jsonl`, from `gen_pyplot_lang.py`).
#[test]
fn drawing_calls_return_what_matplotlib_returns() {
    table::check_with(include_str!("fixtures/pyplot_lang.jsonl"), 40, |stmt| {
        let got = table::shown(stmt);
        // Addresses are real ones, in CPython's spelling.
        assert!(!got.contains(" object at 0x..."), "{stmt}: {got}");
        any_address(&got)
    });
}

/// A line's handle writes through to the figure waiting to be shown, and
/// never into a later figure that reuses the number.
#[test]
fn line_handles_change_the_open_figure_only() {
    let mut s = Session::new();
    let events = run(
        &mut s,
        "import matplotlib.pyplot as plt\nline, = plt.plot([1, 2, 3])\nline.set_label('v')\nline.set_ydata([3, 2, 1])\nplt.show()\nplt.plot([0, 0])\nline.set_label('w')\nplt.show()",
    );
    assert!(errors(&events).is_empty(), "{:?}", errors(&events));
    let figs = figures(&events);
    assert_eq!(figs.len(), 2);
    let label = |f: &gradlab::mpl::Figure| f.axes[0].artists[0].label().map(str::to_string);
    assert_eq!(label(&figs[0]), Some("v".to_string()));
    match &figs[0].axes[0].artists[0] {
        gradlab::mpl::Artist::Line(l) => assert_eq!(l.y, vec![3.0, 2.0, 1.0]),
        other => panic!("{other:?}"),
    }
    assert_eq!(label(&figs[1]), None);
}
