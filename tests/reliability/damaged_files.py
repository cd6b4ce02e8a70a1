#!/usr/bin/env python3
"""Damaged database files: the saved graph image, raw pages, dangling edges (issue 18 items 5, 6).

Copies of the sample database are damaged in one of these ways (fixed seed):
  image    random byte changes, 32-bit values written over counts and offsets, truncations and
           appended junk in the graph image file beside the database (`<db>-graph-snapshot`),
           its row in `caches` left as it was (the baseline trusted the image: segfaults, heap
           corruption, wrong "no path") [5]; a forged image whose stamp matches is the image
           fuzzer's (tests/fuzz/fuzz_image.cpp);
  page     random byte changes in raw database file pages (some inside the `caches` table's
           pages) and truncations of the file, the image file kept [5];
  dangling a node row deleted with foreign keys off (the sqlite3 tool's default), with the cache
           cleared (queries must refuse, naming the edge/node, or answer with a warning; the
           baseline segfaulted) or kept [6];
  edge     an edge row (and its citations) deleted behind ergraph's back with the cache kept (the
           baseline said "internal error: bad optional access") [minor].
On each copy it runs path, neighbors, rank, components and export --format dot (in one `batch`;
when that does not answer exactly like the reference, each command again on its own). Each
command must either answer exactly as the reference does (same stdout, same exit code) or exit 1
with a message on stderr. Never a signal, a sanitizer report or an internal error; never a
different answer with exit 0. The reference is the clean copy for `image`; for `page` either the
clean copy (the issue's standard: "answers correctly, checked against a clean copy") or the same
damaged copy with `DELETE FROM caches` (the answer rebuilt from the tables, since a changed byte
in a table is a real change of data that SQLite, keeping no page checksums, cannot see), or only
the clean copy when the second cannot be made.

Usage: damaged_files.py --ergraph PATH --source /work/main [--iterations 200] [--seconds 45] [--seed 1]
       long run: --iterations 1000 --seconds 900 (--seconds caps the time spent on new copies)
"""
import argparse
import concurrent.futures
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Checks, ergraph  # noqa: E402

COMMANDS = [("path", "person:hakan-fidan", "person:vladimir-medinsky"),
            ("neighbors", "person:vladimir-medinsky", "--depth", "2"),
            ("rank", "--by", "betweenness", "--top", "10"),
            ("components",),
            ("export", "--format", "dot")]


def quote(a):
    return "'" + a.replace("'", "") + "'"


def mutate_image(blob, rng):
    data = bytearray(blob)
    op = rng.random()
    if op < 0.3:
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        how = "bytes changed"
    elif op < 0.5:
        for _ in range(rng.randint(1, 3)):
            pos = rng.randrange(min(len(data), 128)) & ~3
            data[pos:pos + 4] = rng.choice([b"\xff\xff\xff\xff", b"\xff\xff\xff\x7f", b"\x00\x00\x00\x80",
                                            rng.randrange(1 << 32).to_bytes(4, "little")])
        how = "header values changed"
    elif op < 0.7:
        pos = rng.randrange(len(data)) & ~3
        data[pos:pos + 4] = rng.choice([b"\xff\xff\xff\xff", b"\x00\x00\x01\x00",
                                        rng.randrange(1 << 32).to_bytes(4, "little")])
        how = "a 32-bit value changed"
    elif op < 0.9:
        data = data[:rng.randrange(len(data))]
        how = "truncated to %d bytes" % len(data)
    else:
        data += bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        how = "junk appended"
    return bytes(data), how


IMAGE = "-graph-snapshot"  # the image file's suffix


def copy_database(clean, db):
    """The database and its image file."""
    shutil.copy(clean, db)
    shutil.copy(clean + IMAGE, db + IMAGE)


def cache_regions(raw, stamp):
    """Offsets in the file where the caches row (the image's stamp) is stored."""
    regions = []
    pos = raw.find(stamp)
    while pos >= 0:
        regions.append(max(0, pos - 512))
        pos = raw.find(stamp, pos + 1)
    return regions


def mutate_file(raw, regions, rng):
    data = bytearray(raw)
    op = rng.random()
    if op < 0.45 and regions:
        for _ in range(rng.randint(1, 6)):
            pos = min(len(data) - 1, rng.choice(regions) + rng.randrange(1024))
            data[pos] = rng.randrange(256)
        how = "bytes changed near the image's caches row"
    elif op < 0.85:
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(100, len(data))] = rng.randrange(256)
        how = "page bytes changed"
    else:
        cut = rng.randrange(1, len(data) // 4096) * 4096 if rng.random() < 0.5 else rng.randrange(len(data))
        data = data[:cut]
        how = "file truncated to %d bytes" % cut
    return bytes(data), how


def run_set(exe, db, script):
    """All commands in one batch; returns (code, stdout, stderr, crashed, Run)."""
    return ergraph(exe, db, "batch", "--keep-going", script, timeout=120)


def single(exe, db):
    return [ergraph(exe, db, *c, timeout=120) for c in COMMANDS]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ergraph", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--iterations", type=int, default=200, help="damaged copies (1000 for a long run)")
    ap.add_argument("--seconds", type=float, default=45, help="stop making new copies after this long")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    exe = args.ergraph
    checks = Checks()
    rng = random.Random(args.seed)
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="ergraph-damage-") as work:
        clean = os.path.join(work, "clean.db")
        assert ergraph(exe, clean, "init").code == 0
        r = ergraph(exe, clean, "import", os.path.join(args.source, "samples", "istanbul-2025", "graph.jsonl"))
        assert r.code == 0, r.describe()
        script = os.path.join(work, "q.ergraph")
        with open(script, "w") as f:
            for c in COMMANDS:
                f.write(" ".join(quote(a) for a in c) + "\n")
        con = sqlite3.connect(clean)
        stamp = con.execute("SELECT data FROM caches WHERE name = 'graph-snapshot'").fetchone()[0]
        with open(clean + IMAGE, "rb") as f:
            image = f.read()
        node_ids = [row[0] for row in con.execute("SELECT id FROM nodes WHERE nid IN "
                                                  "(SELECT src FROM edges UNION SELECT dst FROM edges) ORDER BY nid")]
        # edges at the two path endpoints: a deleted one is likely on the path the image still holds
        edge_ids = [row[0] for row in con.execute(
            "SELECT eid FROM edges WHERE src IN (SELECT nid FROM nodes WHERE id IN (?, ?)) "
            "OR dst IN (SELECT nid FROM nodes WHERE id IN (?, ?)) ORDER BY eid",
            (COMMANDS[0][1], COMMANDS[0][2]) * 2)]
        # and, first of all, the edges on the clean answer's path (the baseline: "bad optional access")
        import json
        hops = json.loads(ergraph(exe, clean, "path", COMMANDS[0][1], COMMANDS[0][2], "--format", "json").out)
        on_path = [con.execute('SELECT eid FROM edge_list WHERE "from" = ? AND type = ? AND "to" = ? AND date = ?',
                               (h["from"], h["type"], h["to"], h.get("date", ""))).fetchone()[0]
                   for p in hops["paths"] for h in p["hops"]]
        con.close()
        with open(clean, "rb") as f:
            raw = f.read()
        regions = cache_regions(raw, stamp)
        clean_batch = run_set(exe, clean, script)
        clean_single = single(exe, clean)
        assert clean_batch.code == 0 and all(r.code == 0 for r in clean_single), clean_batch.describe()

        # Build the list of damaged copies (deterministic), then run them in parallel.
        cases = []
        kinds = ["image"] * 5 + ["page"] * 3 + ["dangling-cleared", "dangling-kept", "edge"]
        for i in range(args.iterations):
            kind = kinds[rng.randrange(len(kinds))] if i >= len(kinds) else kinds[i]
            db = os.path.join(work, "c%04d.db" % i)
            if kind == "image":
                copy_database(clean, db)
                data, how = mutate_image(image, rng)
                with open(db + IMAGE, "wb") as f:
                    f.write(data)
            elif kind == "page":
                data, how = mutate_file(raw, regions, rng)
                with open(db, "wb") as f:
                    f.write(data)
                shutil.copy(clean + IMAGE, db + IMAGE)
            elif kind.startswith("dangling"):
                copy_database(clean, db)
                victim = rng.choice(node_ids)
                c = sqlite3.connect(db)  # foreign keys off, as in the sqlite3 tool
                c.execute("DELETE FROM nodes WHERE id = ?", (victim,))
                if kind == "dangling-cleared":
                    c.execute("DELETE FROM caches")
                c.commit()
                c.close()
                how = "node %s deleted" % victim
            else:
                copy_database(clean, db)
                eid = on_path.pop(0) if on_path else rng.choice(edge_ids)
                c = sqlite3.connect(db)
                c.execute("DELETE FROM citations WHERE eid = ?", (eid,))
                c.execute("DELETE FROM edges WHERE eid = ?", (eid,))
                c.commit()
                c.close()
                how = "edge %d deleted, cache kept" % eid
            cases.append((i, kind, how, db))

        def reference_for(kind, db):
            if kind == "image":
                return clean_batch, clean_single
            if kind != "page":
                return None, None
            ref = db + ".ref.db"
            shutil.copy(db, ref)  # without the image file
            try:
                c = sqlite3.connect(ref)
                c.execute("DELETE FROM caches")
                c.commit()
                c.close()
            except (sqlite3.Error, UnicodeError):  # a damaged schema text can fail to decode
                return None, None
            rb = run_set(exe, ref, script)
            if rb.crashed or rb.code != 0:
                return None, None  # the tables themselves are damaged: no reference
            return rb, single(exe, ref)

        def examine(case):
            i, kind, how, db = case
            if time.time() - started > args.seconds:
                return case, None
            ref_batch, ref_single = reference_for(kind, db)
            b = run_set(exe, db, script)
            if ref_batch is not None and b.code == 0 and b.out == ref_batch.out:
                return case, []
            if kind == "page" and b.code == 0 and b.out == clean_batch.out:
                return case, []  # the clean answer: the damage did not reach what was asked
            problems = []
            runs = single(exe, db)
            for n, (cmd, r) in enumerate(zip(COMMANDS, runs)):
                name = cmd[0]
                if r.crashed:
                    problems.append((name, "crash", r))
                elif r.code != 0 and not r.errtext().strip():
                    problems.append((name, "silent failure", r))
                elif ref_single is not None or kind == "page":
                    refs = [ref_single[n]] if ref_single is not None else []
                    if kind == "page":
                        refs.append(clean_single[n])
                    same = any(r.code == ref.code and r.out == ref.out for ref in refs)
                    ref = refs[0]
                    if not same and r.code != 1:
                        problems.append((name, "different answer (exit %s, reference exit %s)" % (r.code, ref.code), r))
                elif kind == "dangling-cleared" and r.code == 0 and not r.errtext().strip():
                    problems.append((name, "answered without a word about the dangling edges", r))
            return case, problems

        results = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for case, problems in pool.map(examine, cases):
                if problems is not None:
                    results.append((case, problems))
                for suffix in ("", IMAGE, ".ref.db"):
                    try:
                        os.remove(case[3] + suffix)
                    except OSError:
                        pass

        print("examined %d damaged copies in %.1f s (%s)" % (
            len(results), time.time() - started,
            ", ".join("%s %d" % (k, sum(1 for c, _ in results if c[1] == k)) for k in sorted(set(kinds)))))
        groups = [("image", "crash", "damaged graph image file: no crash, no sanitizer report [5]"),
                  ("image", "answer", "damaged graph image: never a different answer with exit 0 (or a silent failure) [5]"),
                  ("page", "crash", "damaged file pages / truncated file: no crash, no sanitizer report [5]"),
                  ("page", "answer", "damaged file pages: never a different answer with exit 0 (or a silent failure) [5]"),
                  ("dangling-cleared", "crash", "dangling edges, cache cleared: no crash [6]"),
                  ("dangling-cleared", "answer", "dangling edges, cache cleared: refused with a message or answered with a warning [6]"),
                  ("dangling-kept", "crash", "dangling edges, cache kept: no crash [6]"),
                  ("dangling-kept", "answer", "dangling edges, cache kept: no silent failure [6]"),
                  ("edge", "crash", "edge deleted behind ergraph's back, cache kept: no crash or internal error [minor]"),
                  ("edge", "answer", "edge deleted behind ergraph's back: no silent failure [minor]")]
        for kind, what, label in groups:
            mine = [(c, p) for c, ps in results if c[1] == kind for p in ps
                    if (p[1] == "crash") == (what == "crash")]
            total = sum(1 for c, _ in results if c[1] == kind)
            if total == 0:
                checks.skip(label, "no copy of this kind examined within the time limit")
                continue
            cases_hit = len({c[0] for c, _ in mine})
            detail = ""
            if mine:
                c, (cmd, why, r) = mine[0]
                by_cmd = {}
                for _, p in mine:
                    by_cmd[p[0]] = by_cmd.get(p[0], 0) + 1
                detail = "%d of %d copies; by command %s\ne.g. copy %d (%s): %s: %s\n%s" % (
                    cases_hit, total, by_cmd, c[0], c[2], cmd, why, r.describe()[:900])
            checks.check(label, not mine, detail)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
