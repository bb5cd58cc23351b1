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
            eprintln!("SKIPPED: tmux is not installed, so the pseudo-terminal test cannot run");
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

    t.text(":timeit np.gradient(np.linspace(0, 1, 3000000))");
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
    let Some(t) = Tmux::start(&[
        ("GRADLAB_HISTORY", "/dev/null"),
        ("TERM", "xterm-256color"),
        ("PS1", "$ "),
    ]) else {
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
    t.wait_for("In [2]: ");
    t.text("np.gradient(a, edge_order=_explore[0])");
    t.keys(&["Enter"]);
    t.wait_for("Out[2]: array([0.5, 1.5, 2.5, 3.5, 4.5, 5.5])");
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
