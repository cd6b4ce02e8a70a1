#!/usr/bin/env python3
"""The evidence commands' cost (issue 16), measured on a synthetic network (bench/gen.py):

1. `conflicts` over the whole graph: one whole process (cold: start, snapshot load, the scan of
   every citation and edge), and the command alone inside a `batch` (warm, `batch --time`), as
   CSV; with how many conflicts and sides it found.
2. A chronological path against the plain one for the pairs of pairs.txt: every pair's
   `path A B --stats` and `path A B --chronological --stats` run in one `batch --keep-going
   --time` (a pair with no path fails its line, and the batch goes on), twice, the second pass
   counted: the search's own time and vertices touched (from --stats) and the whole command's
   time (from --time), medians over the pairs; the hops of both answers, and how many pairs have
   a path but no time-respecting one.

Writes bench/results/evidence-SIZE.json; bench/run.py --report-only puts it in bench/RESULTS.md.

Usage: bench/evidence_bench.py --ergraph build-bench/ergraph [--size M] [--pairs 32]
"""
import argparse
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run as bench  # noqa: E402  (the driver's data generation, machine facts and helpers)

STATS = re.compile(r"^search: (\d+) µs, (\d+) vertices touched, (\d+) paths? \((?:shortest )?(\d+) hops?\)")
TIME = re.compile(r"^[^:]*:(\d+): (\d+) µs$")


def batch(ergraph, db, lines):
    """Runs `lines` in one batch with --keep-going --time; per line: (µs, stats match or None)."""
    p = subprocess.run([ergraph, "--db", db, "batch", "--keep-going", "--time", "-"],
                       input="".join(line + "\n" for line in lines), capture_output=True,
                       text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"evidence_bench: batch failed ({p.returncode}): {p.stderr[:500]}")
    stats, micros = {}, {}
    pending = []
    for line in p.stderr.splitlines():
        m = STATS.match(line)
        if m:
            pending.append(m)
            continue
        t = TIME.match(line)
        if t:
            number = int(t.group(1))
            micros[number] = int(t.group(2))
            if pending:
                stats[number] = pending.pop()
            pending.clear()
    return [(micros.get(i + 1), stats.get(i + 1)) for i in range(len(lines))], p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ergraph", required=True)
    ap.add_argument("--size", default="M", choices=sorted(bench.SIZES))
    ap.add_argument("--pairs", type=int, default=32)
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    nodes, edges = bench.SIZES[a.size][:2]
    data = bench.graph_data(a.size)
    pairs = [line.split() for line in open(os.path.join(data, "pairs.txt"))][:a.pairs]
    work = tempfile.mkdtemp(prefix="ergraph-evidence-bench-")
    res = {"size": a.size, "nodes": nodes, "edges": edges, "machine": bench.machine(),
           "date": datetime.date.today().isoformat()}
    try:
        db = os.path.join(work, "ergraph.db")
        eg = [a.ergraph, "--db", db, "--quiet"]
        bench.log(f"{a.size}: ergraph import")
        bench.import_graph(a.ergraph, db, data)

        bench.log(f"{a.size}: conflicts over the whole graph")
        started = time.perf_counter()
        p = subprocess.run(eg + ["conflicts", "--format", "csv"], capture_output=True, text=True,
                           check=True)
        cold_s = time.perf_counter() - started
        rows = p.stdout.splitlines()[1:]
        conflicts = {row.split(",", 1)[0] for row in rows}
        line = "conflicts --format csv"
        warm_us = batch(a.ergraph, db, [line])[0][0][0]
        res["conflicts"] = {"cold_s": cold_s, "warm_s": (warm_us or 0) / 1e6,
                            "conflicts": len(conflicts), "sides": len(rows)}

        bench.log(f"{a.size}: plain and chronological paths for {len(pairs)} pairs")
        lines = []
        for source, target in pairs:
            lines.append(f"path {source} {target} --stats --format json")
            lines.append(f"path {source} {target} --chronological --stats --format json")
        batch(a.ergraph, db, lines)  # the first pass warms the page cache
        results, _ = batch(a.ergraph, db, lines)
        plain, chrono = results[0::2], results[1::2]
        found = [(p, c) for p, c in zip(plain, chrono) if p[1]]
        both = [(p, c) for p, c in found if c[1]]

        def med(values):
            return statistics.median(values) if values else None

        res["paths"] = {
            "pairs": len(pairs), "with_path": len(found), "with_chronological": len(both),
            "plain_search_us": med([int(p[1].group(1)) for p, _ in both]),
            "chrono_search_us": med([int(c[1].group(1)) for _, c in both]),
            "plain_touched": med([int(p[1].group(2)) for p, _ in both]),
            "chrono_touched": med([int(c[1].group(2)) for _, c in both]),
            "plain_command_us": med([p[0] for p, _ in both]),
            "chrono_command_us": med([c[0] for _, c in both]),
            "plain_hops": med([int(p[1].group(4)) for p, _ in both]),
            "chrono_hops": med([int(c[1].group(4)) for _, c in both]),
            "longer": sum(1 for p, c in both if int(c[1].group(4)) > int(p[1].group(4))),
            # A pair without a time-respecting path searches everything it can reach in time.
            "none_command_us": med([c[0] for p, c in found if not c[1]]),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    bench.save_result(res, "evidence", a.size, a.json)


if __name__ == "__main__":
    main()
