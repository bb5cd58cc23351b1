"""Speed where the user sits: gradlab's own `%timeit` on a statement beside
Python's `timeit` on the same statement, same data, same run.

For every case the same setup statements run in a Python namespace and in a
gradlab script; Python times the statement like IPython's %timeit (enough
loops per run for 0.2 s, best of 7 runs) and gradlab's `%timeit` event
(`gradlab run - --json`) gives its best per-loop time. The table shows both
and NumPy ÷ gradlab (> 1: gradlab is faster), with gradlab on 1 thread and
on 2 (RAYON_NUM_THREADS), and, with --memory, the peak resident memory of a
one-shot `setup; statement` run on each side (`/usr/bin/time -v`).

    cargo build --release
    python3 tests/bench/front_door.py                 # every case
    python3 tests/bench/front_door.py --filter diff   # cases whose statement has "diff"
    python3 tests/bench/front_door.py --size 10^3     # the n = 10^3 cases only
    python3 tests/bench/front_door.py --memory        # add peak memory columns
    python3 tests/bench/front_door.py --markdown      # README's table
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# GRADLAB_BIN, else CARGO_TARGET_DIR's (or the repository's) release build.
BIN = Path(os.environ.get("GRADLAB_BIN")
           or Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "gradlab")

N = 10**7
BIG = [
    "import numpy as np",
    f"a = np.sin(np.arange({N}) * 0.001) * 100.0 + np.arange({N}) % 7",
    "b = a * 0.5",
    "c = a * 0.25",
    f"x = (1.0 + (np.arange({N}) % 5) * 0.1).cumsum()",
    f"i = (np.arange({N}) * 7919) % 100003",
    "p = np.abs(a)",
]
MAT = [
    "import numpy as np",
    "m = (np.sin(np.arange(16000000) * 0.001) * 100.0).reshape(4000, 4000)",
]
CUBE = [
    "import numpy as np",
    "c = (np.sin(np.arange(256**3) * 0.001) * 100.0).reshape(256, 256, 256)",
]
SMALL = [
    "import numpy as np",
    "a = np.sin(np.arange(1000) * 0.001) * 100.0",
    "x = (1.0 + (np.arange(1000) % 5) * 0.1).cumsum()",
]
# np.loadtxt of 10^6 x 3 `%.18e` text (75 MB), written once by NumPy's
# np.savetxt (gradlab scripts write files only with --allow-write).
LOADTXT_FILE = str(Path(tempfile.gettempdir()) / "gradlab_front_door_loadtxt.txt")
LOAD = ["import numpy as np"]


def write_loadtxt_file():
    if not Path(LOADTXT_FILE).exists():
        import numpy as np
        np.savetxt(LOADTXT_FILE, np.sin(np.arange(3_000_000) * 0.001).reshape(1_000_000, 3))

# (setup, statement)
CASES = [
    (BIG, "np.gradient(a)"),
    (BIG, "np.gradient(a, x)"),
    (BIG, "np.gradient(a, 0.5, edge_order=2)"),
    (BIG, "np.gradient(a, x, edge_order=2)"),
    (BIG, "np.gradient(i)"),
    (MAT, "np.gradient(m)"),
    (MAT, "np.gradient(m, axis=1)"),
    (CUBE, "np.gradient(c)"),
    (BIG, "np.diff(a)"),
    (MAT, "np.diff(m, axis=0)"),
    (BIG, "a + 1.0"),
    (BIG, "a * b + c"),
    (BIG, "2*a - b"),
    (BIG, "(a - b) / c"),
    (BIG, "a*a + b*b"),
    (BIG, "np.sqrt(p)"),
    (BIG, "a.sum()"),
    (BIG, "a[1:-1] - a[:-2]"),
    (SMALL, "np.gradient(a)"),
    (SMALL, "np.gradient(a, x)"),
    (SMALL, "np.gradient(a, 0.5, edge_order=2)"),
    (SMALL, "np.diff(a)"),
    (SMALL, "a + 1.0"),
    (SMALL, "a.sum()"),
    (LOAD, f"np.loadtxt({LOADTXT_FILE!r})"),
]

REPLAY_STATEMENTS = 10_000


def python_best(setup, stmt):
    """Best seconds per loop, chosen as IPython's %timeit chooses."""
    ns = {}
    for line in setup:
        exec(line, ns)
    timer = timeit.Timer(stmt, globals=ns)
    loops, _ = timer.autorange()
    loops = max(loops, 1)
    return min(timer.repeat(repeat=7, number=loops)) / loops


def gradlab_best(setup, stmt, threads):
    script = "\n".join(setup + [f"%timeit {stmt}"]) + "\n"
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    out = subprocess.run([str(BIN), "run", "-", "--json"], input=script,
                         capture_output=True, text=True, env=env, check=True).stdout
    for line in out.splitlines():
        event = json.loads(line)
        if "timing" in event:
            return event["timing"]["best_s"]
        if "error" in event:
            raise RuntimeError(f"{stmt}: {event['error']}")
    raise RuntimeError(f"{stmt}: no timing event in {out!r}")


def peak_kib(argv, stdin=None, env=None):
    """Maximum resident set size of one run, from /usr/bin/time -v."""
    res = subprocess.run(["/usr/bin/time", "-v"] + argv, input=stdin, capture_output=True,
                         text=True, env=env)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", res.stderr)
    return int(m.group(1)) if m else float("nan")


def memory(setup, stmt):
    source = "\n".join(setup + [f"_r = {stmt}"]) + "\n"
    py = peak_kib([sys.executable, "-c", source])
    gl = peak_kib([str(BIN), "run", "-"], stdin=source)
    return py / 1024, gl / 1024


def replay():
    """A 10,000-statement script replayed by `gradlab run` and by python3."""
    lines = ["import numpy as np", "y = np.sin(np.linspace(0, 3, 50))", "acc = 0.0"]
    for k in range(REPLAY_STATEMENTS - len(lines)):
        lines.append([f"g = np.gradient(y, {0.01 + k % 7 * 0.001})",
                      "acc = acc + float(g[3])",
                      f"d = np.diff(y, n={1 + k % 2})",
                      "z = y * 2.0 + 1.0"][k % 4])
    source = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "replay.py"
        path.write_text(source)
        best = {}
        for name, argv in [("python", [sys.executable, str(path)]),
                           ("gradlab", [str(BIN), "run", str(path), "--json"])]:
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                subprocess.run(argv, capture_output=True, check=True)
                times.append(time.perf_counter() - t0)
            best[name] = min(times)
    return best["python"], best["gradlab"]


def fmt(seconds):
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.2f} µs"


def size_of(setup):
    return {id(BIG): "10^7", id(MAT): "4000²", id(CUBE): "256³", id(SMALL): "10^3",
            id(LOAD): "10^6×3"}[id(setup)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--filter", default="")
    ap.add_argument("--size", default="", help="only cases of this n (10^7, 4000², 256³, 10^3)")
    ap.add_argument("--memory", action="store_true")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--no-replay", action="store_true")
    args = ap.parse_args()
    if not BIN.exists():
        sys.exit(f"build first: cargo build --release ({BIN} is missing)")
    cols = ["case", "n", "NumPy", "gradlab 1t", "÷ 1t", "gradlab 2t", "÷ 2t"]
    if args.memory:
        cols += ["NumPy MiB", "gradlab MiB"]
    rows = []
    for setup, stmt in CASES:
        if args.filter not in stmt or args.size not in ("", size_of(setup)):
            continue
        if setup is LOAD:
            write_loadtxt_file()
        py = python_best(setup, stmt)
        g1 = gradlab_best(setup, stmt, 1)
        g2 = gradlab_best(setup, stmt, 2)
        row = [f"`{stmt}`", size_of(setup), fmt(py), fmt(g1), f"{py / g1:.2f}x",
               fmt(g2), f"{py / g2:.2f}x"]
        if args.memory:
            pm, gm = memory(setup, stmt)
            row += [f"{pm:.0f}", f"{gm:.0f}"]
        rows.append(row)
        print(" | ".join(row), file=sys.stderr, flush=True)
    if not args.no_replay and not args.filter and not args.size:
        py, gl = replay()
        rows.append([f"replay of {REPLAY_STATEMENTS} statements (process)", "50",
                     f"{py * 1e3:.0f} ms", f"{gl * 1e3:.0f} ms", f"{py / gl:.2f}x", "", ""]
                    + (["", ""] if args.memory else []))
    if args.markdown:
        print("| " + " | ".join(cols) + " |")
        print("|" + "---|" * len(cols))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(str(r[k])) for r in rows + [cols]) for k in range(len(cols))]
        for r in [cols] + rows:
            print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)))


if __name__ == "__main__":
    main()
