"""NumPy's side of tests/bench/io.rs: run `cargo bench -p gradlab-bench --bench io` first
(it writes target/bench-data/rows.csv), then `python3 tests/bench/io_numpy.py`.
Prints the best of 5 runs, in seconds."""
import time
from pathlib import Path
import numpy as np

data = Path(__file__).resolve().parents[2] / "target" / "bench-data"


def best(fn, n=5):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


a = np.arange(10_000_000) * 0.5
print("loadtxt_1e6x3_csv", best(lambda: np.loadtxt(data / "rows.csv", delimiter=",")))
print("save_npy_1e7", best(lambda: np.save(data / "big_np.npy", a)))
print("load_npy_1e7", best(lambda: np.load(data / "big_np.npy")))
