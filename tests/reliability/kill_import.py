#!/usr/bin/env python3
"""A kill -9 at any point of a large import leaves the database as it was (issue 15).

An import of 200,000 generated edges (bench/gen.py, fixed seed) is started five times and killed
with SIGKILL at random points: three times at a random point of its write (after the first
progress line, one in each third of the first 70% of the time the rest should take), then twice
at a random moment before the time those first progress lines came (reading and checking, or
the write's first second): measured, not assumed, so that the kills land inside the import with
a sanitizer build and a release build alike. The kills alternate between a database holding the
Istanbul sample and an empty one (whose import takes the bulk path: secondary indexes dropped
and built again inside the transaction). After each kill the
database must pass integrity_check and keep its generation, its indexes and the very bytes it
exported before. A kill that comes after the import ended fails the test, as does a write that
never started: then nothing was at stake.

A sixth import, with --quiet, is killed half a second after the moment the write's first
progress line came in the runs before: it must have printed no progress line (and the database
is checked as after the others).

An import into the empty database writes the file in place under a rollback journal: a kill while
it writes leaves the journal behind. Before each check of the empty database, a query run as a
user who may not write its folder (`nobody`, when we are root) must answer as before, or refuse
to read past a hot journal, saying so. Last, a query started while a first import
writes waits for it: it answers with all the imported nodes or none, never fails.
"""
import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import re
import threading
import time

from common import Checks, as_user, ergraph, nobody_user, sanitizer_env

EDGES = 200_000
NODES = 40_000
PROGRESS = re.compile(rb"writing records: (\d+)/(\d+)")


def read_only_query(checks, exe, db, label, expected_stats):
    """A query by a user who may not write the database's folder: it must not read a hot
    journal's half-written pages as committed."""
    folder = os.path.dirname(db)
    journal = os.path.getsize(db + "-journal") if os.path.exists(db + "-journal") else 0
    os.chmod(folder, 0o755)  # nobody may enter the folder, not write it
    os.chmod(os.path.dirname(folder), 0o755)
    nobody = nobody_user() if os.geteuid() == 0 else None
    if nobody is None:
        print(f"SKIP {label}: read-only query (not root, or no user nobody)")
        return
    run = as_user(exe, db, ("stats",), nobody.pw_uid, nobody.pw_gid, timeout=600)
    code, out, err = run.code, run.out, run.errtext()
    # Until the write spills pages into the file, its journal is not hot and the file is as it
    # was: the reader answers as before. (hostile_paths.py makes a hot one.)
    checks.check(f"{label}: a reader that may not write answers as before, or refuses a hot "
                 "journal saying so",
                 "runtime error" not in err and
                 ((code == 0 and out.split(b"\n", 1)[-1] == expected_stats) or
                  (code == 1 and "interrupted" in err and journal > 0)), err)


def snapshot(exe, db, out):
    """(integrity_check, generation, index names, exported bytes) of the database."""
    con = sqlite3.connect(db)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        generation = con.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        indexes = sorted(r[0] for r in con.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'index'"))
    finally:
        con.close()
    run = ergraph(exe, db, "export", "--format", "jsonl", "-o", out, timeout=600)
    if run.code != 0:
        return integrity, generation, indexes, run.describe().encode()
    with open(out, "rb") as f:
        return integrity, generation, indexes, f.read()


class Import:
    """An import process whose progress lines ("writing records: N/M") are watched."""

    def __init__(self, exe, db, data, quiet=False):
        self.started = time.monotonic()
        self.stderr = b""
        self.written = None  # records written so far, once the write began
        self.total = None
        self.first_line = None  # (time, records written) of the first progress line
        self.proc = subprocess.Popen([exe, "--db", db] + (["--quiet"] if quiet else []) +
                                     ["import", data], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, env=sanitizer_env())
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        pending = b""
        while True:
            chunk = os.read(self.proc.stderr.fileno(), 65536)
            if not chunk:
                return
            pending += chunk
            self.stderr += chunk
            *lines, pending = pending.replace(b"\r", b"\n").split(b"\n")
            for line in lines:
                found = PROGRESS.search(line)
                if found:
                    self.written, self.total = int(found.group(1)), int(found.group(2))
                    if self.first_line is None:
                        self.first_line = (time.monotonic(), self.written)

    def into_write(self, share):
        """Whether `share` of what was left to write at the first progress line has passed
        since. That line comes about 1 s into the write (then every 2 s when stderr is not a
        terminal), so the write's pace is about its count per second."""
        if self.first_line is None:
            return False
        at, written = self.first_line
        remaining_s = (self.total - written) / max(written, 1)
        return time.monotonic() - at >= share * remaining_s

    def kill_when(self, ready):
        """Kills the process as soon as ready() holds; whether it was still running then."""
        while self.proc.poll() is None and not ready():
            time.sleep(0.002)
        alive = self.proc.poll() is None
        if alive:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.reader.join()
        return alive


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ergraph", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--seed", type=int, default=15)
    a = ap.parse_args()
    checks = Checks()
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory(prefix="ergraph-kill-import-") as work:
        gen = os.path.join(a.source, "bench", "gen.py")
        subprocess.run([sys.executable, gen, "--nodes", str(NODES), "--edges", str(EDGES),
                        "--seed", "7", "--out", os.path.join(work, "gen")], check=True,
                       capture_output=True)
        data = os.path.join(work, "gen", "graph.jsonl")
        db = os.path.join(work, "g.db")
        sample = os.path.join(a.source, "samples", "istanbul-2025", "graph.jsonl")
        for args in (["init"], ["import", sample]):
            run = ergraph(a.ergraph, db, *args)
            if run.code != 0:
                checks.check("set up the database", False, run.describe())
                return checks.finish()
        os.mkdir(os.path.join(work, "empty"))
        empty = os.path.join(work, "empty", "empty.db")
        ergraph(a.ergraph, empty, "init")
        empty_stats = ergraph(a.ergraph, empty, "stats").out.split(b"\n", 1)[-1]
        states = {}
        for name, path in (("sample", db), ("empty", empty)):
            states[name] = snapshot(a.ergraph, path, os.path.join(work, "before.jsonl"))
            checks.check(f"the {name} database before is sound", states[name][0] == "ok",
                         str(states[name][0]))

        # Three kills at a random point of the write after its first progress line, one in each
        # third of the first 70% of the time it should still take (the kill must come before the
        # commit); then two at a random moment before the first progress line came in those
        # runs (reading, checking, or the first second of the write), so that they land inside
        # the import however fast the build is; then the quiet one.
        plans = [("write", 0.7 * (k + rng.random()) / 3) for k in range(3)]
        plans += [("moment", rng.random()) for _ in range(2)]
        plans.append(("quiet", None))
        first_line_s = []  # seconds from start to the first progress line of each write kill
        for k, (how, at) in enumerate(plans):
            name = ("sample", "empty")[k % 2]
            path = db if name == "sample" else empty
            run = Import(a.ergraph, path, data, quiet=how == "quiet")
            # The first progress line would come at about min(first_line_s): half a second
            # later, a quiet import that still prints one is caught.
            if how == "quiet":
                at = min(first_line_s, default=30.0) + 0.5
                alive = run.kill_when(lambda: time.monotonic() - run.started >= at)
                where = f"with --quiet, after {at:.1f} s"
                checks.check("--quiet prints no progress", not PROGRESS.search(run.stderr),
                             run.stderr[-300:].decode(errors="replace"))
            elif how == "moment":
                at = 0.3 + at * (min(first_line_s, default=15.0) - 0.3)
                alive = run.kill_when(lambda: time.monotonic() - run.started >= at)
                where = f"after {at:.1f} s"
            else:
                alive = run.kill_when(lambda: run.into_write(at))
                where = f"{at:.0%} into the rest of the write"
                if run.first_line is not None:
                    first_line_s.append(run.first_line[0] - run.started)
            phase = (f"{run.written:,} of {run.total:,} records written at the last progress "
                     "line" if run.written else "no progress line" if how == "quiet" else
                     "reading and checking")
            print(f"kill {k + 1} ({name} database) {where}: {phase}", flush=True)
            if name == "empty":
                if how == "write":
                    checks.check(f"kill {k + 1}: the first import wrote in place, under a journal",
                                 os.path.exists(empty + "-journal") and
                                 os.path.getsize(empty + "-journal") > 0,
                                 str(sorted(os.listdir(os.path.dirname(empty)))))
                read_only_query(checks, a.ergraph, empty, f"kill {k + 1}", empty_stats)
            after = snapshot(a.ergraph, path, os.path.join(work, "after.jsonl"))
            before = states[name]
            checks.check(f"kill {k + 1} landed during the import", alive,
                         "the import ended before the kill")
            if how == "write":
                checks.check(f"kill {k + 1} landed while writing", bool(run.written),
                             "the write had not begun")
            checks.check(f"kill {k + 1}: integrity_check", after[0] == "ok", str(after[0]))
            checks.check(f"kill {k + 1}: same generation", after[1] == before[1],
                         f"{before[1]} -> {after[1]}")
            checks.check(f"kill {k + 1}: same indexes", after[2] == before[2],
                         f"{before[2]} -> {after[2]}")
            checks.check(f"kill {k + 1}: the export is byte for byte the one before",
                         after[3] == before[3])

        # A query while a first import writes: it waits for the commit (or came before the
        # write took the file) and answers; it never fails on the lock.
        run = Import(a.ergraph, empty, data)
        while run.proc.poll() is None and run.first_line is None:
            time.sleep(0.01)
        during = ergraph(a.ergraph, empty, "stats", timeout=600)
        run.proc.wait()
        run.reader.join()
        nodes = re.search(rb"\nnodes +(\d+)", during.out)
        checks.check("a query started while a first import writes answers",
                     during.code == 0 and nodes is not None, during.describe())
        final = ergraph(a.ergraph, empty, "stats").out
        total = re.search(rb"\nnodes +(\d+)", final)
        checks.check("the query saw all the imported nodes or none",
                     nodes is not None and total is not None and
                     nodes.group(1) in (b"0", total.group(1)),
                     f"{nodes and nodes.group(1)} of {total and total.group(1)}")
        checks.check("the first import ended well, back in WAL mode, its journal gone",
                     run.proc.returncode == 0 and not os.path.exists(empty + "-journal") and
                     sqlite3.connect(empty).execute("PRAGMA journal_mode").fetchone()[0] == "wal",
                     run.stderr[-300:].decode(errors="replace"))
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
