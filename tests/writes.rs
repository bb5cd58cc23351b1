//! Every write lands where the user asked, as NumPy's would, and never
//! damages a file: devices, FIFOs and `/proc/self/fd/1` are written
//! through (checked with a private device node and a private link, never
//! the machine's `/dev/null` or `/dev/stdout`); symbolic and hard links
//! keep pointing at the file that changed; a replaced file keeps its
//! permissions and owner; a failed or killed write leaves the old file and
//! nothing else. Tests run as root: replacing a device would succeed.
//!
//! Error messages come from `tests/fixtures/gen_write_errors.py` (NumPy
//! 2.4.6).

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use gradlab::eval::Session;
use gradlab::io::{SaveTxtOptions, save_npy, savetxt, write_bytes};
use gradlab::notebook::{output_text, run_script};
use gradlab::script::Script;

fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("gradlab-writes-{name}-"))
        .tempdir()
        .unwrap()
}

fn floats(v: &[f64]) -> gradlab::array::Array {
    gradlab::array::Array::from_f64(v.to_vec())
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn gradlab(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// A character device like `/dev/null` (1, 3), made in `dir`.
fn private_null(dir: &Path) -> Option<PathBuf> {
    let path = dir.join("null");
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid path; mknod has no other preconditions.
    let r = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if r != 0 {
        eprintln!(
            "SKIPPED: cannot make a private device node ({}), so the device write is untested",
            std::io::Error::last_os_error()
        );
        return None;
    }
    Some(path)
}

#[test]
fn a_device_is_written_through_not_replaced() {
    let dir = scratch("device");
    let Some(null) = private_null(dir.path()) else {
        return;
    };
    savetxt(&null, &floats(&[1.0, 2.0]), &SaveTxtOptions::default()).unwrap();
    save_npy(&null, &floats(&[1.0])).unwrap(); // `null.npy`: a new file
    write_bytes(&null, b"bytes").unwrap();
    let meta = std::fs::symlink_metadata(&null).unwrap();
    assert!(meta.file_type().is_char_device());
    assert_eq!(meta.rdev(), libc::makedev(1, 3));
    assert_eq!(listing(dir.path()), ["null", "null.npy"]);
}

#[test]
fn proc_self_fd_1_writes_to_the_process_stdout() {
    let dir = scratch("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", dir.path().join("out")).unwrap();
    let run = gradlab(
        dir.path(),
        &["-c", "np.savetxt('out', np.array([1.5, 2.0]), fmt='%.2f')"],
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}");
    assert!(stdout.contains("1.50\n2.00\n"), "{stdout}");
    let link = std::fs::symlink_metadata(dir.path().join("out")).unwrap();
    assert!(link.file_type().is_symlink());
    assert_eq!(listing(dir.path()), ["out"]);
}

/// With stdout appending to a regular file (`>> log.txt`),
/// `/proc/self/fd/1` opens that same file as NumPy's `open(.., "w")` does
/// (truncating it) instead of replacing it with a new one; the transcript
/// then follows the data.
#[test]
fn proc_self_fd_1_to_a_file_writes_into_the_open_file() {
    let dir = scratch("stdout-file");
    std::os::unix::fs::symlink("/proc/self/fd/1", dir.path().join("out")).unwrap();
    let log = dir.path().join("log.txt");
    std::fs::write(&log, "old\n").unwrap();
    let stdout = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let ino = stdout.metadata().unwrap().ino();
    let status = Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .args(["-c", "np.savetxt('out', np.array([1.5, 2.0]), fmt='%.2f')"])
        .current_dir(dir.path())
        .stdout(stdout)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.starts_with("1.50\n2.00\nIn [1]:"), "{text}");
    assert_eq!(listing(dir.path()), ["log.txt", "out"]);
    assert_eq!(std::fs::metadata(&log).unwrap().ino(), ino);
}

#[test]
fn a_fifo_is_written_through() {
    let dir = scratch("fifo");
    let fifo = dir.path().join("pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    write_bytes(&fifo, b"through the pipe\n").unwrap();
    assert_eq!(reader.join().unwrap(), b"through the pipe\n");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn links_keep_pointing_at_the_file_that_changed() {
    let dir = scratch("links");
    let d = dir.path();
    std::fs::create_dir(d.join("data")).unwrap();
    std::fs::write(d.join("data/real.txt"), "old\n").unwrap();
    std::os::unix::fs::symlink("data/real.txt", d.join("sym.txt")).unwrap();
    std::os::unix::fs::symlink("sym.txt", d.join("sym2.txt")).unwrap();
    write_bytes(d.join("sym2.txt"), b"via two links\n").unwrap();
    assert_eq!(
        std::fs::read(d.join("data/real.txt")).unwrap(),
        b"via two links\n"
    );
    assert!(
        std::fs::symlink_metadata(d.join("sym.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::symlink_metadata(d.join("sym2.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // a dangling link creates the file it names
    std::os::unix::fs::symlink("data/new.txt", d.join("dangling.txt")).unwrap();
    write_bytes(d.join("dangling.txt"), b"new\n").unwrap();
    assert_eq!(std::fs::read(d.join("data/new.txt")).unwrap(), b"new\n");
    // a hard link sees the new content, as with NumPy's in-place write
    std::fs::hard_link(d.join("data/real.txt"), d.join("hard.txt")).unwrap();
    write_bytes(d.join("hard.txt"), b"both names\n").unwrap();
    assert_eq!(
        std::fs::read(d.join("data/real.txt")).unwrap(),
        b"both names\n"
    );
    assert_eq!(listing(&d.join("data")), ["new.txt", "real.txt"]);
}

#[test]
fn a_replaced_file_keeps_its_permissions_and_owner() {
    let dir = scratch("perms");
    let path = dir.path().join("kept.npy");
    save_npy(&path, &floats(&[1.0])).unwrap();
    for mode in [0o444, 0o640, 0o600, 0o755] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        save_npy(&path, &floats(&[2.0, 3.0])).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(meta.mode() & 0o7777, mode);
        assert_eq!(meta.len(), 128 + 16);
    }
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        std::os::unix::fs::chown(&path, Some(1234), Some(4321)).unwrap();
        save_npy(&path, &floats(&[4.0])).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (1234, 4321));
    }
    assert_eq!(listing(dir.path()), ["kept.npy"]);
}

#[test]
fn bless_keeps_a_read_only_script_read_only() {
    let dir = scratch("bless");
    let script = dir.path().join("lesson.grad");
    std::fs::write(&script, "a = [1, 2, 4]\nnp.diff(a)\n").unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = gradlab(dir.path(), &["run", "lesson.grad", "--bless"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(text.contains("#> array([1, 2])"), "{text}");
    assert_eq!(std::fs::metadata(&script).unwrap().mode() & 0o7777, 0o444);
    assert_eq!(listing(dir.path()), ["lesson.grad"]);
}

#[test]
fn a_failed_write_leaves_the_old_file_and_nothing_else() {
    let dir = scratch("failed");
    let path = dir.path().join("old.txt");
    std::fs::write(&path, "precious\n").unwrap();
    // the last row fails after earlier rows were written
    let mut rows = vec![1.0; 100_000];
    rows.push(f64::NAN);
    let opts = SaveTxtOptions {
        fmt: gradlab::io::SaveFmt::One("%d".into()),
        ..SaveTxtOptions::default()
    };
    let e = savetxt(&path, &floats(&rows), &opts).unwrap_err();
    assert_eq!(
        e.to_string(),
        "ValueError: cannot convert float NaN to integer"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious\n");
    assert_eq!(listing(dir.path()), ["old.txt"]);
}

/// `kill -9` in the middle of a long save leaves no temporary file.
#[test]
fn a_killed_write_leaves_no_temporary_file() {
    let dir = scratch("killed");
    std::fs::write(dir.path().join("big.txt"), "old\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .args(["-c", "np.savetxt('big.txt', np.ones(3 * 10**6))"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(listing(dir.path()), ["big.txt"]);
    let text = std::fs::read_to_string(dir.path().join("big.txt")).unwrap();
    // the old file, or the whole new one if the save beat the kill
    assert!(
        text == "old\n" || text.len() == 3_000_000 * 25,
        "{}",
        text.len()
    );
}

#[test]
fn errors_name_the_path_as_numpy_does() {
    let dir = scratch("errors");
    let d = dir.path().to_str().unwrap();
    std::fs::create_dir(dir.path().join("sub.npy")).unwrap();
    std::fs::write(dir.path().join("file.txt"), "").unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/write_errors.jsonl");
    for line in std::fs::read_to_string(fixture).unwrap().lines() {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let call = case["call"].as_str().unwrap().replace("{d}", d);
        let want = case["shown"].as_str().unwrap().replace("{d}", d);
        let mut session = Session::new();
        let cells = run_script(
            &mut session,
            &Script::parse(&format!("{call}\n")),
            |_, _| {},
        );
        let shown = output_text(&session, &cells[0]).unwrap_or_default();
        assert!(
            shown.trim_end().ends_with(&want),
            "{call}\n{shown}\nwant {want}"
        );
    }
    assert_eq!(listing(dir.path()), ["file.txt", "sub.npy"]);
}
