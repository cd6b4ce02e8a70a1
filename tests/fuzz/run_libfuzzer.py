#!/usr/bin/env python3
"""Runs one libFuzzer harness for a bounded time on a copy of its seed corpus.

The corpus in the repository is only read: new inputs go to a temporary copy (or to --keep,
for the long runs whose corpus is worth committing). A crash, a sanitizer report, a leak or a
timeout is a finding: libFuzzer exits non-zero and saves the input under --artifacts.

Usage: run_libfuzzer.py --harness build-fuzz/tests/fuzz/fuzz_jsonl --corpus tests/fuzz/corpus/jsonl
                        [--seconds 15] [--keep DIR] [--artifacts DIR]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--harness", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--keep", help="grow this corpus folder instead of a temporary copy")
    ap.add_argument("--artifacts", default=None, help="where crashing inputs are saved")
    args = ap.parse_args()
    name = os.path.basename(args.harness)
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or os.path.join(scratch, "corpus")
        os.makedirs(work, exist_ok=True)
        artifacts = args.artifacts or os.path.join(scratch, "artifacts")
        os.makedirs(artifacts, exist_ok=True)
        cmd = [args.harness, work, args.corpus, f"-max_total_time={args.seconds}", "-seed=1",
               "-timeout=20", "-rss_limit_mb=2048", "-max_len=16384", "-print_final_stats=1",
               f"-artifact_prefix={artifacts}/"]
        r = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
        stats = [line for line in r.stderr.splitlines() if line.startswith("stat::")]
        runs = next((line.split()[-1] for line in stats if "number_of_executed_units" in line), "?")
        if r.returncode != 0:
            print(r.stderr[-6000:])
            found = os.listdir(artifacts)
            print(f"{name}: finding after {runs} runs (saved: {', '.join(found) or 'none'})")
            print("0 passed, 1 failed")
            return 1
        print(f"{name}: {runs} runs in {args.seconds} s, corpus {len(os.listdir(work))} new inputs,"
              f" no finding")
        print("1 passed, 0 failed")
        return 0


if __name__ == "__main__":
    sys.exit(main())
