"""Pasted data and data files as a process, where the user sits: `gradlab run
SCRIPT` beside `python3 SCRIPT` on the same script, best of 3 by wall time,
with user and system time and peak resident memory (`/usr/bin/time`).

Cases (written once into a temporary folder by NumPy itself):
- a 10^6-float list literal (`repr` of random floats, ~20 MB of text) on one
  line, the same over 125,000 lines, and the one-line script with `--json`
  (gradlab does not echo the statement);
- `np.loadtxt` of 10^6 x 3 `%.18e` text (75 MB, as `np.savetxt` writes it)
  and of a 10^6 x 3 short-float CSV (`delimiter=","`), on 2 threads and on 1.

    cargo build --release
    python3 tests/bench/files.py              # every case
    python3 tests/bench/files.py --markdown   # README's table
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("GRADLAB_BIN")
           or Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "gradlab")
DIR = Path(tempfile.gettempdir()) / "gradlab_bench_files"


def write_data():
    """The scripts and data files, written once."""
    import numpy as np
    DIR.mkdir(exist_ok=True)
    if (DIR / "done").exists():
        return
    rng = np.random.default_rng(1)
    v = rng.random(10**6)
    body = ", ".join(repr(float(x)) for x in v)
    (DIR / "literal.py").write_text(
        "import numpy as np\na = np.array([" + body + "])\nprint(a.sum())\n")
    rows = [", ".join(repr(float(x)) for x in v[i:i + 8]) for i in range(0, v.size, 8)]
    (DIR / "literal_lines.py").write_text(
        "import numpy as np\na = np.array([\n" + ",\n".join(rows) + "\n])\nprint(a.sum())\n")
    m = rng.random((10**6, 3))
    np.savetxt(DIR / "m.txt", m)
    np.savetxt(DIR / "m.csv", np.round(m, 4), delimiter=",", fmt="%g")
    (DIR / "loadtxt.py").write_text(
        f"import numpy as np\na = np.loadtxt({str(DIR / 'm.txt')!r})\nprint(a.sum())\n")
    (DIR / "loadtxt_csv.py").write_text(
        f"import numpy as np\na = np.loadtxt({str(DIR / 'm.csv')!r}, delimiter=',')\n"
        "print(a.sum())\n")
    (DIR / "done").write_text("")


CASES = [
    ("10^6-float literal, one line", "literal.py", [], {}),
    ("10^6-float literal, 125,000 lines", "literal_lines.py", [], {}),
    ("10^6-float literal, one line, `--json`", "literal.py", ["--json"], {}),
    ("`np.loadtxt` 10^6×3 `%.18e` (75 MB)", "loadtxt.py", [], {}),
    ("`np.loadtxt` 10^6×3 `%.18e`, 1 thread", "loadtxt.py", [], {"RAYON_NUM_THREADS": "1"}),
    ("`np.loadtxt` 10^6×3 CSV (21 MB)", "loadtxt_csv.py", [], {}),
]


def best_of_3(argv, env):
    """(wall, user, sys, peak MiB) of the fastest of 3 runs."""
    runs = []
    for _ in range(3):
        res = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + argv,
                             capture_output=True, text=True, env=env)
        if res.returncode != 0:
            raise RuntimeError(f"{argv}: {res.stderr[-500:]}")
        wall, user, sys_, peak = res.stderr.strip().splitlines()[-1].split()
        runs.append((float(wall), float(user), float(sys_), int(peak) / 1024))
    return min(runs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    write_data()
    head = ["case", "gradlab wall", "user", "sys", "MiB", "Python wall", "MiB"]
    print("| " + " | ".join(head) + " |" if args.markdown else "  ".join(head))
    if args.markdown:
        print("|" + "---|" * len(head))
    for name, script, flags, extra in CASES:
        env = dict(os.environ, **extra)
        g = best_of_3([str(BIN), "run", str(DIR / script)] + flags, env)
        p = best_of_3([sys.executable, str(DIR / script)], env)
        cells = [name, f"{g[0]:.2f} s", f"{g[1]:.2f} s", f"{g[2]:.2f} s", f"{g[3]:.0f}",
                 f"{p[0]:.2f} s", f"{p[3]:.0f}"]
        print("| " + " | ".join(cells) + " |" if args.markdown else "  ".join(cells), flush=True)


if __name__ == "__main__":
    main()
