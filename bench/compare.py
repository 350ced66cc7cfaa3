#!/usr/bin/env python3
"""Compares two Google Benchmark JSON outputs (e.g. two `bazel run //bench:all` runs).

    bazel run //bench:compare -- OLD.json NEW.json [--metric=cpu_time|real_time]

For every benchmark present in both files, prints the median time of each run, the
relative change, and the two-sided p-value of the Mann-Whitney U test over the
repetitions (normal approximation with tie correction; run with
--benchmark_repetitions=9 or more and without --benchmark_report_aggregates_only for a
meaningful p-value). The same idea as the compare.py tool in Google Benchmark's sources,
written here without scipy.
"""
import argparse
import json
import math
import statistics
import sys


def load(path, metric):
    """Maps benchmark run_name -> list of times (iterations only, aggregates skipped)."""
    with open(path) as f:
        data = json.load(f)
    runs = {}
    for b in data.get("benchmarks", []):
        if b.get("run_type") == "aggregate":
            continue
        name = b.get("run_name", b["name"])
        runs.setdefault(name, []).append(float(b[metric]))
    return runs


def mann_whitney_p(a, b):
    """Two-sided p-value of the U test, normal approximation with tie correction."""
    n1, n2 = len(a), len(b)
    if n1 < 2 or n2 < 2:
        return float("nan")
    values = sorted([(v, 0) for v in a] + [(v, 1) for v in b])
    ranks = [0.0] * len(values)
    ties = 0.0
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1][0] == values[i][0]:
            j += 1
        rank = (i + j) / 2.0 + 1.0
        for k in range(i, j + 1):
            ranks[k] = rank
        t = j - i + 1
        ties += t ** 3 - t
        i = j + 1
    r1 = sum(r for r, (_, g) in zip(ranks, values) if g == 0)
    u1 = r1 - n1 * (n1 + 1) / 2.0
    mean = n1 * n2 / 2.0
    n = n1 + n2
    var = n1 * n2 / 12.0 * ((n + 1) - ties / (n * (n - 1)))
    if var <= 0:
        return 1.0
    z = (abs(u1 - mean) - 0.5) / math.sqrt(var)
    return math.erfc(max(z, 0.0) / math.sqrt(2.0))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--metric", default="cpu_time", choices=["cpu_time", "real_time"])
    args = parser.parse_args()
    old, new = load(args.old, args.metric), load(args.new, args.metric)
    print(f"{'benchmark':60s} {'old':>12s} {'new':>12s} {'change':>8s} {'p (U test)':>10s}")
    for name in old:
        if name not in new:
            continue
        a, b = old[name], new[name]
        ma, mb = statistics.median(a), statistics.median(b)
        change = (mb - ma) / ma if ma else float("nan")
        p = mann_whitney_p(a, b)
        print(f"{name:60s} {ma:12.4g} {mb:12.4g} {change:+8.1%} {p:10.3g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
