"""Times NumPy on the cases of tests/bench/engine.rs, runs the criterion
benchmarks, and prints a table: case, NumPy ms, gradlab ms, ratio
(NumPy / gradlab, > 1 means gradlab is faster). Medians of process CPU
time on both sides (the machine is shared; wall time mostly measures the
neighbours).

    python3 tests/bench/compare_numpy.py            # quick: a few minutes
    python3 tests/bench/compare_numpy.py --full     # criterion's defaults
    python3 tests/bench/compare_numpy.py --no-run   # reuse criterion results
    python3 tests/bench/compare_numpy.py --filter 1d_coords
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def data(n):
    import numpy as np
    k = np.arange(n, dtype=np.float64)
    return np.sin(k * 0.001) * 100.0 + (np.arange(n) % 7)


def cases():
    """(id, thunk) pairs; ids match the criterion benchmark ids."""
    import numpy as np
    out = []
    for n, tag in [(1_000, "1e3"), (100_000, "1e5"), (10_000_000, "1e7")]:
        f = data(n)
        x = np.cumsum(np.concatenate([[0.0], 1.0 + (np.arange(n - 1) % 5) * 0.1]))
        for e in (1, 2):
            for name, varargs in [("unit", ()), ("h0.1", (0.1,)), ("coords", (x,))]:
                out.append((f"gradient/1d_{name}_e{e}_{tag}",
                            lambda f=f, v=varargs, e=e: np.gradient(f, *v, edge_order=e)))
    i = (np.arange(10_000_000, dtype=np.int64) * 7919) % 100_003
    out.append(("gradient/1d_int64_unit_e1_1e7", lambda: np.gradient(i)))
    f2 = data(16_000_000).reshape(4000, 4000)
    out.append(("gradient/2d_4000x4000_all", lambda: np.gradient(f2)))
    out.append(("gradient/2d_4000x4000_axis0", lambda: np.gradient(f2, axis=0)))
    out.append(("gradient/2d_4000x4000_axis1", lambda: np.gradient(f2, axis=1)))
    f3 = data(256 ** 3).reshape(256, 256, 256)
    out.append(("gradient/3d_256cubed_all", lambda: np.gradient(f3)))
    f1 = data(10_000_000)
    out.append(("diff/1d_n1_1e7", lambda: np.diff(f1)))
    out.append(("diff/1d_n2_1e7", lambda: np.diff(f1, n=2)))
    out.append(("diff/2d_4000x4000_axis0", lambda: np.diff(f2, axis=0)))
    out.append(("diff/2d_4000x4000_axis1", lambda: np.diff(f2, axis=1)))
    return out


def time_numpy(thunk, budget):
    """Median seconds per call over repeats filling about `budget` seconds."""
    thunk()
    t0 = time.process_time()
    thunk()
    one = max(time.process_time() - t0, 1e-7)
    loops = max(1, int(0.05 / one))
    repeats = max(5, min(50, int(budget / (one * loops))))
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        for _ in range(loops):
            thunk()
        times.append((time.process_time() - t0) / loops)
    return statistics.median(times)


def run_criterion(full, filt):
    cmd = ["cargo", "bench", "-p", "gradlab-bench", "--bench", "engine", "--"]
    if not full:
        cmd += ["--warm-up-time", "0.5", "--measurement-time", "1", "--sample-size", "10"]
    if filt:
        cmd.append(filt)
    print("running:", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=sys.stderr)


def criterion_median(case_id):
    est = ROOT / "target" / "criterion" / case_id / "new" / "estimates.json"
    if not est.exists():
        return None
    return json.loads(est.read_text())["median"]["point_estimate"] * 1e-9


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--no-run", action="store_true")
    ap.add_argument("--filter", default="")
    args = ap.parse_args()
    if not args.no_run:
        run_criterion(args.full, args.filter)
    try:
        import numpy as np
    except ImportError:
        np = None
        print("numpy is not installed: gradlab timings only", file=sys.stderr)
    rows = []
    budget = 3.0 if args.full else 1.0
    for case_id, thunk in (cases() if np else []):
        if args.filter and args.filter not in case_id:
            continue
        rows.append((case_id, time_numpy(thunk, budget), criterion_median(case_id)))
    print(f"numpy {np.__version__ if np else '-'}, one thread; medians")
    print(f"| {'case':<36} | {'numpy ms':>9} | {'gradlab ms':>10} | {'ratio':>6} |")
    print(f"|{'-' * 38}|{'-' * 11}|{'-' * 12}|{'-' * 8}|")
    for case_id, t_np, t_rs in rows:
        rs = f"{t_rs * 1e3:10.4f}" if t_rs else f"{'-':>10}"
        ratio = f"{t_np / t_rs:6.2f}" if t_rs else f"{'-':>6}"
        print(f"| {case_id:<36} | {t_np * 1e3:9.4f} | {rs} | {ratio} |")


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
