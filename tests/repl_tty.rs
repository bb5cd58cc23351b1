//! The interactive notebook end to end, in a real pseudo-terminal (tmux):
//! typing, Tab completion, a multi-line literal, an error, `_`, Ctrl-C
//! during a long `:timeit`, Ctrl-D, and the terminal back in cooked mode;
//! the full-screen `:explore` and the prompt after it.
//! Skipped, with a message, where tmux is not installed.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

struct Tmux {
    name: String,
}

impl Tmux {
    fn start(env: &[(&str, &str)]) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                b"SKIPPED: the terminal tests: tmux is not installed\n",
            );
            return None;
        }
        // Tests run in parallel threads of one process: one session each.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "gradlab-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let mut cmd = String::from("env");
        for (k, v) in env {
            cmd.push_str(&format!(" {k}='{v}'"));
        }
        cmd.push_str(" sh");
        let ok = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                &name,
                "-x",
                "100",
                "-y",
                "40",
                &cmd,
            ])
            .status()
            .expect("tmux runs")
            .success();
        assert!(ok, "tmux new-session failed");
        Some(Tmux { name })
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            let status = Command::new("tmux")
                .args(["send-keys", "-t", &self.name, k])
                .status()
                .expect("tmux send-keys");
            assert!(status.success());
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Types literal text (no key names).
    fn text(&self, text: &str) {
        let status = Command::new("tmux")
            .args(["send-keys", "-t", &self.name, "-l", text])
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
        std::thread::sleep(Duration::from_millis(60));
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-J", "-S", "-200", "-t", &self.name])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `want`; panics with the screen if not.
    fn wait_for(&self, want: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(want) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("screen never showed {want:?}; it shows:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Tmux {
    /// Pastes `text` as a terminal would: newlines as Enter (CR), and
    /// wrapped in bracketed-paste marks only when `bracketed`.
    fn paste(&self, text: &str, bracketed: bool) {
        let buffer = format!("{}-paste", self.name);
        let status = Command::new("tmux")
            .args(["set-buffer", "-b", &buffer, "--", text])
            .status()
            .expect("tmux set-buffer");
        assert!(status.success());
        let mut args = vec!["paste-buffer", "-d", "-b", &buffer, "-t", &self.name];
        if bracketed {
            args.push("-p");
        }
        assert!(Command::new("tmux").args(&args).status().unwrap().success());
    }

    /// The gradlab process: the shell's child in the pane.
    fn gradlab_pid(&self) -> u32 {
        let out = Command::new("tmux")
            .args(["list-panes", "-t", &self.name, "-F", "#{pane_pid}"])
            .output()
            .unwrap();
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let start = Instant::now();
        loop {
            let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
                .unwrap_or_default();
            if let Some(pid) = children.split_whitespace().next() {
                return pid.parse().unwrap();
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no gradlab under {shell}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A pane flag: `alternate_on`, `cursor_flag`, ...
    fn flag(&self, name: &str) -> String {
        let out = Command::new("tmux")
            .args([
                "display-message",
                "-p",
                "-t",
                &self.name,
                &format!("#{{{name}}}"),
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// After gradlab ended: its exit status and the terminal's modes as
    /// the shell sees them, with the screen state tmux keeps.
    fn after_exit(&self) -> (String, String) {
        self.text("echo \"rc=$?\"; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo");
        self.keys(&["Enter"]);
        let screen = self.wait_for("rc=");
        let line = screen
            .lines()
            .rev()
            .find(|l| l.starts_with("rc="))
            .unwrap()
            .to_string();
        let modes = screen
            .lines()
            .rev()
            .find(|l| l.contains("icanon"))
            .unwrap_or("")
            .trim()
            .to_string();
        (line, modes)
    }

    fn start_gradlab(env: &[(&str, &str)]) -> Option<Tmux> {
        let t = Tmux::start(env)?;
        t.text(env!("CARGO_BIN_EXE_gradlab"));
        t.keys(&["Enter"]);
        t.wait_for("In [1]: ");
        Some(t)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .status();
    }
}

#[test]
fn a_session_at_a_real_terminal() {
    let dir = std::env::temp_dir().join(format!("gradlab-tty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let history: PathBuf = dir.join("history");
    let hist = history.to_string_lossy().into_owned();
    let Some(t) = Tmux::start(&[
        ("GRADLAB_HISTORY", &hist),
        ("TERM", "xterm-256color"),
        ("PS1", "$ "),
    ]) else {
        return;
    };
    t.text(env!("CARGO_BIN_EXE_gradlab"));
    t.keys(&["Enter"]);
    t.wait_for(":help for commands");
    t.wait_for("In [1]: ");

    t.text("a = np.array([1, 2, 4, 7, 11])");
    t.keys(&["Enter"]);
    t.wait_for("In [2]: ");
    t.text("np.grad");
    t.keys(&["Tab"]);
    t.wait_for("In [2]: np.gradient");
    t.text("(a)");
    t.keys(&["Enter"]);
    t.wait_for("Out[2]: array([1. , 1.5, 2.5, 3.5, 4. ])");

    t.text("m = np.array([[1, 2],");
    t.keys(&["Enter"]);
    t.text("[3, 4]])");
    t.keys(&["Enter"]);
    t.wait_for("In [3]: m = np.array([[1, 2],\n   ...: [3, 4]])\n");
    t.text("m");
    t.keys(&["Enter"]);
    t.wait_for("Out[4]:\narray([[1, 2],\n       [3, 4]])");

    t.text("np.diff(a, axis=3)");
    t.keys(&["Enter"]);
    t.wait_for("AxisError: axis 3 is out of bounds for array of dimension 1");
    t.text("_");
    t.keys(&["Enter"]);
    t.wait_for("In [6]: _\nOut[6]:\narray([[1, 2],");

    // Minutes of work on any machine, so Ctrl-C always lands mid-run.
    t.text(":timeit -n 1000 -r 7 np.gradient(np.linspace(0, 1, 3000000))");
    t.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(1500));
    t.keys(&["C-c"]);
    t.wait_for("KeyboardInterrupt");
    t.wait_for("In [8]: ");
    t.text("a.sum()");
    t.keys(&["Enter"]);
    t.wait_for("Out[8]: np.int64(25)");

    t.text("half typed");
    t.keys(&["C-c"]);
    t.wait_for("In [9]: ");
    t.keys(&["C-d"]);
    t.wait_for("\n$ ");
    t.text("stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo");
    t.keys(&["Enter"]);
    let screen = t.wait_for("\necho\n");
    assert!(
        screen.contains("\nicanon\n"),
        "terminal left in raw mode:\n{screen}"
    );

    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(
        saved.contains("m = np.array([[1, 2],\\n[3, 4]])\n"),
        "{saved}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explore_and_back_to_the_prompt() {
    let hist = temp("explore").join("history");
    let Some(t) = Tmux::start(&plain_env(hist.to_str().unwrap())) else {
        return;
    };
    t.text(env!("CARGO_BIN_EXE_gradlab"));
    t.keys(&["Enter"]);
    t.wait_for("In [1]: ");
    t.text("a = np.array([1, 2, 4, 7, 11, 16])");
    t.keys(&["Enter"]);
    t.wait_for("In [2]: ");
    t.text(":explore a");
    t.keys(&["Enter"]);
    let screen = t.wait_for("g[0] = (f[1] − f[0]) / h");
    assert!(
        screen.starts_with("explore a (6,) int64  edge_order=1"),
        "{screen}"
    );
    assert!(
        !screen.contains("In [2]"),
        "not on the alternate screen:\n{screen}"
    );
    t.keys(&["e"]);
    t.wait_for("= (−3·1 + 4·2 − 4) / (2·1) = 0.5");
    t.keys(&["Right", "q"]);
    // Back on the normal screen: the scrollback before :explore is intact.
    let screen = t.wait_for("_explore = (2, 0, 1, (1,))");
    assert!(
        screen.contains("In [1]: a = np.array([1, 2, 4, 7, 11, 16])"),
        "{screen}"
    );
    t.wait_for("In [3]: ");
    t.text("np.gradient(a, edge_order=_explore[0])");
    t.keys(&["Enter"]);
    t.wait_for("Out[3]: array([0.5, 1.5, 2.5, 3.5, 4.5, 5.5])");
    t.keys(&["C-d"]);
    t.wait_for("\n$ ");
    t.text("stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo");
    t.keys(&["Enter"]);
    let screen = t.wait_for("\necho\n");
    assert!(
        screen.contains("\nicanon\n"),
        "terminal left in raw mode:\n{screen}"
    );
}

fn plain_env(history: &str) -> Vec<(&str, &str)> {
    vec![
        ("GRADLAB_HISTORY", history),
        ("TERM", "xterm-256color"),
        ("PS1", "$ "),
    ]
}

/// A temporary folder for one test's files.
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gradlab-tty-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn typed_ahead_lines_all_run() {
    let hist = temp("typeahead").join("history");
    let env = plain_env(hist.to_str().unwrap());
    let Some(t) = Tmux::start_gradlab(&env) else {
        return;
    };
    t.text("%timeit -n 1 -r 4 np.gradient(np.linspace(0, 1, 4000000))");
    t.keys(&["Enter"]);
    // Typed while the cell runs (the terminal is in cooked mode then).
    for line in ["w1 = 1", "w2 = 2", "w3 = 3"] {
        t.text(line);
        t.keys(&["Enter"]);
    }
    t.wait_for("In [5]: ");
    t.text("w1 + w2 + w3");
    t.keys(&["Enter"]);
    t.wait_for("Out[5]: 6");
}

#[test]
fn an_unbracketed_paste_of_1000_lines_runs_1000_statements() {
    let hist = temp("paste").join("history");
    let env = plain_env(hist.to_str().unwrap());
    let Some(t) = Tmux::start_gradlab(&env) else {
        return;
    };
    let lines: String = (0..1000).map(|i| format!("v{i} = {i}\n")).collect();
    t.paste(&lines, false);
    let start = Instant::now();
    while !t.screen().contains("In [1001]: ") {
        assert!(start.elapsed() < Duration::from_secs(120), "{}", t.screen());
        std::thread::sleep(Duration::from_millis(250));
    }
    t.text("v0 + v500 + v999");
    t.keys(&["Enter"]);
    t.wait_for("Out[1001]: 1499");
}

#[test]
fn pasted_and_typed_indentation_wins_and_cells_echo_once() {
    let hist = temp("indent").join("history");
    let env = plain_env(hist.to_str().unwrap());
    let Some(t) = Tmux::start_gradlab(&env) else {
        return;
    };
    // Typed: Enter continues the block without indenting by itself, so
    // the four spaces typed are the four stored.
    t.text("def f(x):");
    t.keys(&["Enter"]);
    t.text("    return x**2");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("In [2]: ");
    // Pasted without bracketed paste: the same.
    t.paste("def g(x):\n    return x + 1\n\n", false);
    t.wait_for("In [3]: ");
    t.text("f(3) + g(1)");
    t.keys(&["Enter"]);
    t.wait_for("Out[3]: 11");
    // A bracketed paste of two statements is one cell, echoed once.
    t.paste("p = 1\nq = 2", true);
    t.keys(&["Enter"]);
    let screen = t.wait_for("In [5]: ");
    assert_eq!(screen.matches("q = 2").count(), 1, "{screen}");
    // The first line too, also when the input ends with the blank lines
    // that closed it (the redraw starts above them).
    assert_eq!(screen.matches("p = 1").count(), 1, "{screen}");
    assert_eq!(screen.matches("def f(x):").count(), 1, "{screen}");
    t.paste("r = 1\ns = 2\n", true);
    t.keys(&["Enter"]);
    let screen = t.wait_for("In [6]: ");
    assert_eq!(screen.matches("r = 1").count(), 1, "{screen}");
    let saved = std::fs::read_to_string(&hist).unwrap();
    assert!(saved.contains("def f(x):\\n    return x**2\n"), "{saved}");
    assert!(saved.contains("def g(x):\\n    return x + 1\n"), "{saved}");
}

#[test]
fn the_whole_history_is_searchable_even_past_a_bad_byte() {
    let dir = temp("history");
    let hist = dir.join("history");
    let mut bytes = b"#V2\n".to_vec();
    for i in 0..150 {
        bytes.extend(format!("x{i} = {i}\n").as_bytes());
        if i == 10 {
            bytes.extend(b"bad = '\xff'\n");
        }
    }
    std::fs::write(&hist, bytes).unwrap();
    let env = plain_env(hist.to_str().unwrap());
    let Some(t) = Tmux::start(&env) else {
        return;
    };
    t.text(env!("CARGO_BIN_EXE_gradlab"));
    t.keys(&["Enter"]);
    t.wait_for("skipped 1 history entry that is not valid UTF-8");
    t.wait_for("In [1]: ");
    // x3 is the 4th of 150 entries: beyond the editor's old 100-entry window.
    t.keys(&["C-r"]);
    t.text("x3 = ");
    t.keys(&["Enter"]);
    t.wait_for("In [2]: ");
    t.text("x3");
    t.keys(&["Enter"]);
    t.wait_for("Out[2]: 3");
}

#[test]
fn signals_give_the_terminal_back_at_the_prompt_and_in_explore() {
    for (signal, code, in_explore) in [
        ("TERM", 143, false),
        ("HUP", 129, false),
        ("TERM", 143, true),
        ("HUP", 129, true),
    ] {
        let dir = temp(&format!("signal-{signal}-{in_explore}"));
        let hist = dir.join("history");
        let env = plain_env(hist.to_str().unwrap());
        let Some(t) = Tmux::start_gradlab(&env) else {
            return;
        };
        if in_explore {
            t.text("a = np.array([1, 2, 4, 7, 11, 16])");
            t.keys(&["Enter"]);
            t.text(":explore a");
            t.keys(&["Enter"]);
            t.wait_for("g[0] = (f[1] − f[0]) / h");
            assert_eq!(t.flag("alternate_on"), "1");
        }
        let pid = t.gradlab_pid();
        let ok = Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok);
        t.wait_for("\n$ ");
        let (status, modes) = t.after_exit();
        let what = format!("SIG{signal}, explore={in_explore}");
        assert_eq!(status, format!("rc={code}"), "{what}");
        assert_eq!(modes, "icanon echo", "{what}: {}", t.screen());
        assert_eq!(t.flag("alternate_on"), "0", "{what}");
        assert_eq!(t.flag("cursor_flag"), "1", "{what}");
    }
}
