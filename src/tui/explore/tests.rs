//! The explorer as text: whole screens drawn with `TestBackend` after each
//! key sequence (insta snapshots), and the numbers behind them checked
//! against NumPy's.

use super::*;
use crate::engine::EdgeOrder;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;

fn tutorial() -> App {
    App::new(&Array::from_i64(vec![1, 2, 4, 7, 11, 16]), "a").unwrap()
}

fn matrix() -> App {
    let m = ndarray::ArrayD::from_shape_vec(
        ndarray::IxDyn(&[4, 5]),
        vec![
            1i64, 2, 4, 7, 11, //
            2, 4, 8, 14, 22, //
            0, 1, 0, -1, 0, //
            5, 5, 5, 5, 5,
        ],
    )
    .unwrap();
    App::new(&Array::from_ndarray(m), "m").unwrap()
}

/// The NumPy docs' non-uniform grid `x` and a bad name.
fn resolve(text: &str) -> Result<Array, String> {
    match text {
        "x" => Ok(Array::from_f64(vec![0.0, 1.0, 1.5, 3.5, 4.0, 6.0])),
        "m" => Ok(Array::from_ndarray(ndarray::ArrayD::<i64>::zeros(
            ndarray::IxDyn(&[2, 2]),
        ))),
        _ => Err(format!("NameError: name '{text}' is not defined")),
    }
}

/// Presses `keys`: characters, or `<Right>`-style names.
fn press(app: &mut App, keys: &str) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (code, len) = if c == '<' && rest.contains('>') {
            let end = rest.find('>').unwrap();
            let code = match &rest[1..end] {
                "Right" => KeyCode::Right,
                "Left" => KeyCode::Left,
                "Up" => KeyCode::Up,
                "Down" => KeyCode::Down,
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "BS" => KeyCode::Backspace,
                "End" => KeyCode::End,
                "Home" => KeyCode::Home,
                other => panic!("unknown key {other}"),
            };
            (code, end + 1)
        } else {
            (KeyCode::Char(c), c.len_utf8())
        };
        rest = &rest[len..];
        let action = app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Action::ResolveSpacing(text) = &action {
            app.apply_spacing(text, &mut resolve);
        }
        actions.push(action);
    }
    actions
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    t.backend().to_string()
}

fn after(keys: &str) -> App {
    let mut app = tutorial();
    press(&mut app, keys);
    app
}

#[test]
fn initial_1d_view() {
    insta::assert_snapshot!(screen(&tutorial(), 80, 24));
}

#[test]
fn edge_order_2() {
    let app = after("e");
    assert_eq!(app.edge_order, EdgeOrder::SECOND);
    let it = app.formula();
    // np.gradient([1, 2, 4, 7, 11, 16], edge_order=2)[0] == 0.5
    assert_eq!(it.value, 0.5);
    assert_eq!(it.substituted, "(−3·1 + 4·2 − 4) / (2·1)");
    insta::assert_snapshot!(screen(&app, 80, 24));
    assert_eq!(after("ee").edge_order, EdgeOrder::FIRST);
}

#[test]
fn arrows_move_the_cursor_and_the_formula() {
    let app = after("<Right><Right><Down>");
    assert_eq!(app.cursor, vec![3]);
    // np.gradient(a)[3] == 3.5 = (11 − 4) / 2
    assert_eq!(app.formula().value, 3.5);
    insta::assert_snapshot!(screen(&app, 80, 24));
    for (keys, want) in [("<Left><Up>", 0), ("<End><Right>", 5), ("<End><Home>", 0)] {
        assert_eq!(after(keys).cursor, vec![want], "{keys}");
    }
}

#[test]
fn zoom_narrows_the_chart_around_the_cursor() {
    let mut app = after("<End>+");
    assert_eq!(app.zoom, 1);
    assert_eq!(app.window(), Some((2.5, 5.0)));
    press(&mut app, "+");
    assert_eq!(app.zoom, 1, "6 samples allow one halving");
    assert!(app.message.as_deref().unwrap().contains("as far as"));
    insta::assert_snapshot!(screen(&app, 80, 24));
    press(&mut app, "--");
    assert_eq!(app.zoom, 0);
}

#[test]
fn help_overlay() {
    let mut app = after("?");
    insta::assert_snapshot!(screen(&app, 80, 24));
    assert_eq!(press(&mut app, "<Esc>"), vec![Action::None]);
    assert!(!app.help);
    assert_eq!(press(&mut app, "<Esc>"), vec![Action::Quit]);
    assert_eq!(press(&mut tutorial(), "q"), vec![Action::Quit]);
}

#[test]
fn spacing_good() {
    let app = after("s0.5<Enter>");
    assert_eq!(app.spacing.text, "0.5");
    // np.gradient(a, 0.5)[2] == 5.0
    assert_eq!(app.model.g[[2]], 5.0);
    let app = after("sx<Enter><Right>");
    // np.gradient(a, x)[1] with x = [0, 1, 1.5, 3.5, 4, 6] == 2.9999999999999996 (NumPy 2)
    assert_eq!(app.formula().value, 2.9999999999999996);
    assert_eq!(app.formula().value, app.formula().reference);
    insta::assert_snapshot!(screen(&app, 80, 24));
    assert_eq!(after("sx<Enter>s<BS><Enter>").spacing.value, None);
}

#[test]
fn spacing_bad_shows_an_error_and_keeps_the_settings() {
    let app = after("snope<Enter>");
    assert_eq!(app.spacing.value, None);
    assert_eq!(
        app.message.as_deref(),
        Some("spacing nope: NameError: name 'nope' is not defined")
    );
    insta::assert_snapshot!(screen(&app, 80, 24));
    for (keys, want) in [
        ("sm<Enter>", "distances must be either scalars or 1d"),
        ("s1,2<Enter>", "NameError"),
    ] {
        let app = after(keys);
        assert!(app.message.as_deref().unwrap().contains(want), "{keys}");
    }
    let app = after("sx[:3]<Enter>");
    assert!(app.message.is_some());
}

#[test]
fn typing_in_the_editor_is_not_a_command() {
    let mut app = tutorial();
    assert!(press(&mut app, "sqe").iter().all(|a| *a == Action::None));
    assert_eq!(app.input.as_deref(), Some("qe"));
    assert_eq!(app.edge_order, EdgeOrder::FIRST);
    press(&mut app, "<Esc>");
    assert_eq!(app.input, None);
}

#[test]
fn view_2d() {
    let app = matrix();
    assert_eq!(app.axis, 0);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn axis_key_cycles_the_axis() {
    let mut app = matrix();
    press(&mut app, "a<Down><Right><Right>");
    assert_eq!(app.axis, 1);
    assert_eq!(app.cursor, vec![1, 2]);
    // np.gradient(m, axis=1)[1, 2] == (14 − 4) / 2
    assert_eq!(app.formula().value, 5.0);
    insta::assert_snapshot!(screen(&app, 80, 24));
    press(&mut app, "a");
    assert_eq!(app.axis, 0);
}

#[test]
fn no_color_2d_uses_glyphs() {
    let app = matrix().with_theme(THEME.plain());
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn edge_order_2_on_two_samples_is_refused() {
    let mut app = App::new(&Array::from_f64(vec![1.0, 3.0]), "b").unwrap();
    press(&mut app, "e");
    assert_eq!(app.edge_order, EdgeOrder::FIRST);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("ValueError: Shape of array too small"),
        "{:?}",
        app.message
    );
    assert_eq!(
        after("a").message.as_deref(),
        Some("a 1-D array has only axis 0")
    );
}

#[test]
fn tiny_terminals_do_not_panic() {
    insta::assert_snapshot!(screen(&tutorial(), 20, 5));
    for (w, h) in [(1, 1), (40, 12), (41, 13), (200, 60)] {
        screen(&after("?"), w, h);
        screen(&matrix(), w, h);
    }
}

#[test]
fn arrays_it_cannot_show() {
    let three_d = Array::from_ndarray(ndarray::ArrayD::<f64>::zeros(ndarray::IxDyn(&[2, 2, 2])));
    assert!(explorable(&three_d).unwrap_err().contains("3-D"));
    assert!(explorable(&Array::from_f64(vec![1.0])).is_err());
    assert!(explorable(&Array::scalar_f64(1.0)).is_err());
}

#[test]
fn colours_of_the_2d_view() {
    // The cursor cell is reversed in colour too; the heat maps are coloured
    // blocks where the plain theme draws the glyph ramp.
    let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 80, 24));
    ratatui::widgets::Widget::render(&matrix(), buf.area, &mut buf);
    let text = crate::tui::buffer_to_text(&buf, ColorMode::Ansi256).replace('\x1b', "⎋");
    insta::assert_snapshot!(text);
}

/// Long arrays draw only the rows (and columns) in view: the cursor's line
/// is on screen with its own numbers wherever it goes, and the columns
/// never narrow while scrolling.
#[test]
fn long_arrays_show_the_cursor_wherever_it_goes() {
    let n = 100_000;
    let a = Array::from_i64((0..n).map(|i| i * i).collect());
    let mut app = App::new(&a, "a").unwrap();
    let cursor_line = |app: &App| {
        let s = screen(app, 120, 30);
        s.lines()
            .find(|l| l.contains('▶'))
            .unwrap_or_else(|| panic!("no cursor line:\n{s}"))
            .to_string()
    };
    for keys in ["", "<Right><Right>", "<End>", "<Left>", "<Home>"] {
        press(&mut app, keys);
        let i = app.cursor[0];
        let line = cursor_line(&app);
        for v in [app.f[[i]], app.model.g[[i]]] {
            assert!(line.contains(&crate::views::num(v)), "{keys}: {line}");
        }
        assert!(line.contains(&format!(" {i} ")), "{keys}: {line}");
    }
    let widest = app.widths.get();
    press(&mut app, "<Home>");
    screen(&app, 120, 30);
    assert_eq!(app.widths.get(), widest);
    // A 2-D array with long rows: the row table follows the cursor.
    let wide = Array::from_vec(&[2, n as usize], (0..2 * n).collect::<Vec<i64>>()).unwrap();
    let mut app = App::new(&wide, "w").unwrap();
    press(&mut app, "<End>");
    let s = screen(&app, 120, 30);
    assert!(s.contains(&format!("▶{}", n - 1)), "{s}");
    assert!(s.contains(&(2 * n - 1).to_string()), "{s}");
}

/// `:explore` of a bool array is NumPy's TypeError from np.gradient, not
/// an I/O error; nothing breaks on the way.
#[test]
fn a_bool_array_is_refused_with_the_gradients_error() {
    let b = Array::from_vec(&[3], vec![true, false, true]).unwrap();
    let e = App::new(&b, "b").unwrap_err();
    assert!(e.contains("boolean subtract"), "{e}");
}
