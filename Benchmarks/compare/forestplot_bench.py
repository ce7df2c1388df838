"""The Python side of `make bench`: forest plots drawn with the `forestplot` package (PyPI), timed
with the same policy as the Swift benchmark. metareport never needs Python; this script only runs
when `make bench` finds `forestplot` importable.

    python3 forestplot_bench.py tasks TASKS.tsv OUTDIR BUDGET MIN SLOW MAX BATCH   # RESULT/SKIP lines
    python3 forestplot_bench.py review ANALYSES.tsv OUTDIR                          # a whole review, once
    python3 forestplot_bench.py startup                                             # start, import forestplot

forestplot draws estimates it is given; it does not pool. Forest tasks therefore read the per-study
estimates metareport computed; the whole-review run computes each study's risk or odds ratio itself.
"""

import csv
import math
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import forestplot as fp  # noqa: E402


def measure(work, budget, min_samples, slow_samples, max_samples, batch_target):
    """Warm up once (sizing batches for fast tasks), then sample until the budget is spent."""
    start = time.perf_counter()
    work()
    first = max(time.perf_counter() - start, 1e-9)
    batch = math.ceil(batch_target / first) if first < batch_target else 1
    samples, elapsed = [], 0.0

    def done(n, t):
        return n >= max_samples or (n >= min_samples and t >= budget) or (n >= slow_samples and t >= 3 * budget)

    while not done(len(samples), elapsed):
        begin = time.perf_counter()
        for _ in range(batch):
            work()
        took = time.perf_counter() - begin
        samples.append(took / batch)
        elapsed += took
    return samples


def quantile(values, p):
    """R's type-7 quantile, as the Swift side computes it."""
    ordered = sorted(values)
    h = (len(ordered) - 1) * p
    low = math.floor(h)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (h - low) * (ordered[high] - ordered[low])


def draw(frame, path, width, height, dpi, xlabel):
    fp.forestplot(frame, estimate="estimate", ll="lower", hl="upper", varlabel="study", xlabel=xlabel,
                  logscale=True, figsize=(width, height))
    plt.savefig(path, dpi=dpi, bbox_inches="tight")
    plt.close("all")


def run_tasks(tasks_file, outdir, policy):
    with open(tasks_file, newline="") as handle:
        tasks = list(csv.DictReader(handle, delimiter="\t"))
    for task in tasks:
        if task["kind"] != "forest":
            print(f"SKIP\t{task['id']}\tforestplot draws forest plots only", flush=True)
            continue
        try:
            frame = pd.read_csv(task["estimates"])
            path = f"{outdir}/{task['id']}-py.{task['format']}"
            width, height, dpi = float(task["width"]), float(task["height"]), float(task["dpi"])
            samples = measure(lambda: draw(frame, path, width, height, dpi, "Risk ratio"), *policy)
            print(f"RESULT\t{task['id']}\t{statistics.median(samples):.9g}\t{quantile(samples, 0.25):.9g}\t"
                  f"{quantile(samples, 0.75):.9g}\t{len(samples)}", flush=True)
        except Exception as error:  # a failure in one task is reported, the others still run
            print(f"SKIP\t{task['id']}\terror: {error}", flush=True)


def study_estimates(data_file, measure):
    """Each study's risk or odds ratio with its 95% CI (½ added to every cell of a zero cell)."""
    rows = []
    with open(data_file, newline="") as handle:
        for row in csv.DictReader(handle):
            a, n1, c, n2 = (float(row[key]) for key in ("exp_events", "exp_total", "ctrl_events", "ctrl_total"))
            b, d = n1 - a, n2 - c
            if 0 in (a, b, c, d):
                a, b, c, d = a + 0.5, b + 0.5, c + 0.5, d + 0.5
                n1, n2 = a + b, c + d
            if measure == "OR":
                y, se = math.log(a * d / (b * c)), math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
            else:
                y, se = math.log((a / n1) / (c / n2)), math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
            rows.append({"study": row["study"], "estimate": math.exp(y), "lower": math.exp(y - 1.96 * se),
                         "upper": math.exp(y + 1.96 * se)})
    return pd.DataFrame(rows)


def run_review(manifest, outdir):
    with open(manifest, newline="") as handle:
        analyses = list(csv.DictReader(handle, delimiter="\t"))
    for analysis in analyses:
        frame = study_estimates(analysis["data"], analysis["measure"])
        height = 2 + 0.2 * len(frame)
        for extension in ("png", "svg"):
            draw(frame, f"{outdir}/{analysis['id']}-forest.{extension}", 9, height, 300, analysis["measure"])


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "tasks":
        numbers = [float(value) for value in sys.argv[4:9]]
        run_tasks(sys.argv[2], sys.argv[3], (numbers[0], int(numbers[1]), int(numbers[2]), int(numbers[3]), numbers[4]))
    elif mode == "review":
        run_review(sys.argv[2], sys.argv[3])
    elif mode != "startup":
        sys.exit("usage: forestplot_bench.py tasks|review|startup ...")
