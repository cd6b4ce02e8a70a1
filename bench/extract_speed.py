#!/usr/bin/env python3
"""Speed of `ergraph extract` against a database of many known names (issue 13's target: at least
1 MB of text per second on one core with the M benchmark graph's 200,000 known names).

Usage:
  bench/extract_speed.py --ergraph PATH [--size M] [--megabytes 4] [--repeat 3] [--json OUT]
      [--file-kb 200] [--cpu 0] [--keep]

1. Generates the --size graph into bench/data/SIZE as bench/run.py does (same bench/gen.py
   parameters, taken from run.py's SIZES), imports it into a fresh database in a temporary folder
   (timed, not the measured figure) and counts its known names (nodes + aliases).
2. Builds a corpus of about --megabytes MB (10^6 bytes) of news-like English: variants of the
   reports in samples/istanbul-2025/docs and tests/extract/heldout/docs whose person names (every
   spelling of the Person nodes of the two hand-made gold graphs) are replaced by names of Person
   nodes drawn from the database (seeded), written as files of about --file-kb KB, reports
   separated by blank lines (--file-kb 0: one report per file).
3. Runs `ergraph --db DB extract FILES -o OUT` --repeat times pinned to one core (taskset, when
   present) and takes the median wall time; runs it as often on one small report for the fixed
   cost (process start, loading the names); throughput = corpus bytes / median, and / (median -
   fixed cost). Peak RSS from /usr/bin/time -v when present.
4. Prints a Markdown table; --json writes the figures. Standard library only.
"""
import argparse
import glob
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from run import SIZES  # noqa: E402  (bench/run.py: the sizes' gen.py parameters)

REPORT_DIRS = ["samples/istanbul-2025/docs", "tests/extract/heldout/docs"]
GOLD_FILES = ["samples/istanbul-2025/graph.jsonl", "tests/extract/heldout/gold.jsonl"]
TIME_V = "/usr/bin/time"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(cmd, pin):
    """Runs cmd (pinned when pin is a taskset prefix) under /usr/bin/time -v when present;
    returns (wall seconds, peak RSS in KB or None, stderr of cmd). Fails loudly on exit != 0."""
    wrap = ([TIME_V, "-v"] if os.access(TIME_V, os.X_OK) else []) + pin
    started = time.perf_counter()
    p = subprocess.run(wrap + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} exited {p.returncode}:\n{p.stderr[-3000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    # time -v appends its report after the command's own stderr: keep the command's part only.
    own = p.stderr.split("\tCommand being timed:")[0] if m else p.stderr
    return seconds, int(m.group(1)) if m else None, own.strip()


def graph_data(size):
    """bench/data/SIZE as bench/run.py makes it (same gen.py call); returns graph.jsonl's path."""
    nodes, edges = SIZES[size][:2]
    data = os.path.join(HERE, "data", size)
    if not os.path.exists(os.path.join(data, "pairs.txt")):
        log(f"generating {size}: {nodes} nodes, {edges} edges")
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), "--nodes", str(nodes),
                        "--edges", str(edges), "--seed", "1", "--out", data], check=True)
    return os.path.join(data, "graph.jsonl")


def gold_spellings():
    """Every spelling of every gold Person, mapped to one person number; persons sharing a
    spelling (the same person in both gold graphs) get the same number."""
    groups = []
    for path in GOLD_FILES:
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("//"):
                    r = json.loads(line)
                    if r.get("kind") == "node" and r.get("type") == "Person":
                        groups.append({r["name"], *r.get("aliases", [])})
    spelling = {}
    for number, names in enumerate(groups):
        known = [spelling[n] for n in names if n in spelling]
        for n in names:
            spelling[n] = known[0] if known else number
    # Capitalised spellings only, longest first, so "Vladimir Putin" wins over "Putin".
    names = sorted((n for n in spelling if n[:1].isupper()), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    return spelling, pattern


def build_corpus(folder, person_names, megabytes, file_kb, seed):
    """Writes the corpus files into folder; returns (paths, total bytes, reports, replaced names)."""
    reports = []
    for d in REPORT_DIRS:
        for path in sorted(glob.glob(os.path.join(ROOT, d, "*.txt"))):
            with open(path, encoding="utf-8") as f:
                reports.append(f.read().strip())
    spelling, pattern = gold_spellings()
    rng = random.Random(seed)
    target, limit = int(megabytes * 1e6), int(file_kb * 1000)
    paths, chunk, chunk_bytes, total, count, replaced = [], [], 0, 0, 0, 0

    def flush():
        nonlocal chunk, chunk_bytes
        path = os.path.join(folder, f"corpus-{len(paths):04d}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n\n".join(chunk) + "\n")
        paths.append(path)
        chunk, chunk_bytes = [], 0

    while total < target:
        text = rng.choice(reports)
        cast = {}  # gold person number -> the database name standing for them in this variant

        def swap(m):
            nonlocal replaced
            replaced += 1
            return cast.setdefault(spelling[m.group(0)], rng.choice(person_names))
        variant = pattern.sub(swap, text)
        size = len(variant.encode("utf-8")) + 2  # + the blank line between reports
        chunk.append(variant)
        chunk_bytes, total, count = chunk_bytes + size, total + size, count + 1
        if chunk_bytes >= limit:
            flush()
    if chunk:
        flush()
    return paths, sum(os.path.getsize(p) for p in paths), count, replaced


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ergraph", required=True)
    ap.add_argument("--size", default="M", choices=sorted(SIZES))
    ap.add_argument("--megabytes", type=float, default=4.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json")
    ap.add_argument("--file-kb", type=float, default=200, help="corpus file size; 0: one report each")
    ap.add_argument("--cpu", default="0", help="the core taskset pins extract to")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()
    ergraph = os.path.abspath(a.ergraph)
    pin = ["taskset", "-c", a.cpu] if shutil.which("taskset") else []
    graph = graph_data(a.size)
    work = tempfile.mkdtemp(prefix="extract-speed-")
    try:
        # 1. A fresh database with the size's graph; its known names.
        db = os.path.join(work, "graph.db")
        eg = [ergraph, "--db", db]
        subprocess.run(eg + ["--quiet", "init"], check=True)
        log(f"{a.size}: importing {graph}")
        import_s, import_rss, _ = timed(eg + ["--quiet", "import", graph], [])
        con = sqlite3.connect(db)
        known = con.execute("SELECT (SELECT count(*) FROM nodes) + "
                            "(SELECT count(*) FROM aliases)").fetchone()[0]
        person_names = [r[0] for r in con.execute(
            "SELECT name FROM nodes WHERE type = 'Person' ORDER BY nid")]
        con.close()
        print(f"known names (nodes + aliases): {known:,}; Person nodes: {len(person_names):,}")
        if not person_names:
            sys.exit("the database holds no Person node")

        # 2. The corpus, and one small report for the fixed cost.
        corpus = os.path.join(work, "corpus")
        os.makedirs(corpus)
        files, corpus_bytes, reports, replaced = build_corpus(
            corpus, person_names, a.megabytes, a.file_kb, a.seed)
        log(f"corpus: {len(files)} files, {corpus_bytes:,} bytes, {reports} reports, "
            f"{replaced} person names replaced")
        small = os.path.join(work, "small.txt")
        shutil.copyfile(sorted(glob.glob(os.path.join(ROOT, REPORT_DIRS[0], "*.txt")))[0], small)

        # 3. The measured runs: the corpus, then the small report, each --repeat times.
        out = os.path.join(work, "out.jsonl")
        runs, fixed = [], []
        for rep in range(a.repeat):
            log(f"extract corpus {rep + 1}/{a.repeat}")
            runs.append(timed(eg + ["extract"] + files + ["-o", out], pin))
        out_bytes = os.path.getsize(out)
        for rep in range(a.repeat):
            log(f"extract one small report {rep + 1}/{a.repeat}")
            fixed.append(timed(eg + ["extract", small, "-o", os.path.join(work, "small.jsonl")],
                               pin))
    finally:
        if a.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    median = statistics.median(r[0] for r in runs)
    fixed_s = statistics.median(r[0] for r in fixed)
    mb = corpus_bytes / 1e6
    rss = [r[1] for r in runs if r[1] is not None]
    res = {
        "size": a.size, "known_names": known, "person_nodes": len(person_names),
        "import_s": import_s, "import_rss_kb": import_rss,
        "corpus_bytes": corpus_bytes, "corpus_files": len(files), "corpus_reports": reports,
        "names_replaced": replaced, "output_bytes": out_bytes,
        "pinned": " ".join(pin) or None, "repeat": a.repeat,
        "runs_s": [r[0] for r in runs], "median_s": median,
        "fixed_runs_s": [r[0] for r in fixed], "fixed_s": fixed_s,
        "mb_per_s": mb / median,
        "mb_per_s_excl_fixed": mb / (median - fixed_s) if median > fixed_s else None,
        "peak_rss_kb": max(rss) if rss else None, "fixed_rss_kb": fixed[-1][1],
        "summary": runs[-1][2].splitlines()[-1] if runs[-1][2] else "",
    }
    res["target_met"] = res["mb_per_s"] >= 1.0
    res["target_met_excl_fixed"] = (res["mb_per_s_excl_fixed"] or 0) >= 1.0

    # 4. The report.
    def kb(x): return "—" if x is None else f"{x / 1024:,.0f} MiB"  # noqa: E704
    excl = res["mb_per_s_excl_fixed"]
    rows = [
        ("graph", f"{a.size}: {res['known_names']:,} known names (nodes + aliases), "
                  f"{res['person_nodes']:,} Person nodes"),
        ("import (not measured)", f"{import_s:.2f} s, {kb(import_rss)}"),
        ("corpus", f"{corpus_bytes / 1e6:.2f} MB in {len(files)} files, {reports:,} reports, "
                   f"{replaced:,} person names from the database"),
        ("pinned", res["pinned"] or "no (taskset missing)"),
        ("extract runs", ", ".join(f"{s:.2f} s" for s in res["runs_s"])),
        ("median", f"{median:.2f} s"),
        ("fixed cost (one small report, median)", f"{fixed_s:.2f} s, {kb(res['fixed_rss_kb'])}"),
        ("throughput", f"**{res['mb_per_s']:.2f} MB/s**"),
        ("throughput without the fixed cost", "—" if excl is None else f"{excl:.2f} MB/s"),
        ("peak RSS (corpus)", kb(res["peak_rss_kb"])),
        ("target ≥ 1 MB/s met", f"{'yes' if res['target_met'] else 'no'} "
                                f"({'yes' if res['target_met_excl_fixed'] else 'no'} "
                                "without the fixed cost)"),
        ("ergraph's summary", f"`{res['summary']}`"),
    ]
    print("\n| figure | value |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
