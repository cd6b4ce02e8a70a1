#!/usr/bin/env python3
"""Concurrency stress: several writers and readers on one database for a bounded time.

Writers import generated JSONL files:
  - independent files (each adds its own people and edges to the shared base graph);
  - item-1 pairs: file A types node X as Topic; file B declares X as a Delegation and adds a
    `led` edge to it from a stored Person. Each alone validates against the database, together
    they violate the schema (a Topic cannot be led). Imports that validate outside the write
    transaction let both commit and forge a `led` edge onto a Topic (issue 18 item 1);
  - plain conflicts: two files giving the same new id different types.
Readers run path, neighbors, export --format jsonl and batch in loops.

Afterwards it checks (issue items in brackets):
  - PRAGMA integrity_check is ok;
  - every import that exited 0 is fully present (its nodes with its types, its edges), every one
    that failed left none of its own nodes [1];
  - no stored `led` edge ends on a node type the schema forbids [1];
  - the final export re-imports into a fresh database (`init` + `import`) [1];
  - no process died of a signal or printed a sanitizer report [4];
  - no reader failed with "locked" [7], and no import failed with "locked" [7];
  - no export (taken during imports) holds an edge whose endpoint node is missing [9].

Usage: concurrency_stress.py --ergraph PATH [--seconds 20] [--seed 1]
"""
import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Checks, ergraph  # noqa: E402

DOC_TEXT = "Alpha met Beta in Gamma. Delta led the group. " * 20
BASE_PEOPLE = 200


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")


def base_records():
    recs = [{"kind": "node", "id": "doc:0", "type": "Document", "name": "D0", "text": DOC_TEXT}]
    for i in range(BASE_PEOPLE):
        recs.append({"kind": "node", "id": "p:%d" % i, "type": "Person", "name": "Base Person %d" % i})
    for i in range(1, BASE_PEOPLE):
        recs.append({"kind": "edge", "type": "pressured", "from": "p:%d" % (i - 1), "to": "p:%d" % i,
                     "sources": [{"doc": "doc:0", "quote": "Alpha met Beta"}]})
    return recs


def padding(tag, n, rng):
    """Many new people and edges: makes validation take a while, widening any race window."""
    recs = []
    for j in range(n):
        recs.append({"kind": "node", "id": "w:%s:%d" % (tag, j), "type": "Person",
                     "name": "Writer %s person %d" % (tag, j)})
        recs.append({"kind": "edge", "type": "pressured", "from": "w:%s:%d" % (tag, j),
                     "to": "p:%d" % rng.randrange(BASE_PEOPLE),
                     "sources": [{"doc": "doc:0", "quote": "Delta led the group"}]})
    return recs


class Writer:
    def __init__(self, path, records):
        self.path, self.records, self.run = path, records, None
        write_jsonl(path, records)

    def own_nodes(self):
        return {r["id"]: r["type"] for r in self.records if r["kind"] == "node"
                and r["id"].startswith("w:")}

    def nodes(self):
        return {r["id"]: r["type"] for r in self.records if r["kind"] == "node"}

    def edges(self):
        return {(r["from"], r["type"], r["to"], r.get("date", "")) for r in self.records
                if r["kind"] == "edge"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ergraph", required=True)
    ap.add_argument("--source", default=None, help="unused; accepted for uniformity")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    checks = Checks()
    exe = args.ergraph
    with tempfile.TemporaryDirectory(prefix="ergraph-stress-") as work:
        db = os.path.join(work, "g.db")
        r = ergraph(exe, db, "init")
        assert r.code == 0, r.describe()
        write_jsonl(os.path.join(work, "base.jsonl"), base_records())
        r = ergraph(exe, db, "import", os.path.join(work, "base.jsonl"))
        assert r.code == 0, r.describe()

        # Writer rounds: each round starts its files at the same moment.
        rounds = []
        k = 0
        while len(rounds) < 200:
            k += 1
            kind = ("item1", "independent", "typeclash")[k % 3]
            pad = 300
            if kind == "item1":
                x = "x:%d" % k
                a = padding("%da" % k, pad, rng) + [
                    {"kind": "node", "id": x, "type": "Topic", "name": "Topic %d" % k}]
                b = padding("%db" % k, pad, rng) + [
                    {"kind": "node", "id": x, "type": "Delegation", "name": "Delegation %d" % k},
                    {"kind": "edge", "type": "led", "from": "p:%d" % rng.randrange(BASE_PEOPLE),
                     "to": x, "sources": [{"doc": "doc:0", "quote": "Delta led the group"}]}]
                if rng.random() < 0.5:
                    a, b = b, a
                files = [a, b]
            elif kind == "typeclash":
                y = "y:%d" % k
                files = [padding("%da" % k, pad, rng) + [{"kind": "node", "id": y, "type": "Person", "name": "Y %d" % k}],
                         padding("%db" % k, pad, rng) + [{"kind": "node", "id": y, "type": "Place", "name": "Y %d" % k}]]
            else:
                files = [padding("%d%s" % (k, c), pad, rng) for c in "ab"]
            rounds.append((kind, [Writer(os.path.join(work, "w%d_%d.jsonl" % (k, i)), recs)
                                  for i, recs in enumerate(files)]))

        deadline = time.time() + args.seconds
        readers = []  # (what, Run)
        exports = []  # Run of export --format jsonl
        lock = threading.Lock()
        done = threading.Event()
        batch_script = os.path.join(work, "q.ergraph")
        with open(batch_script, "w") as f:
            f.write("path p:0 p:%d\nneighbors p:5 --depth 2\nstats --format json\nrank --by degree --top 3\n"
                    % (BASE_PEOPLE - 1))

        def reader(n):
            local = random.Random(args.seed * 100 + n)
            while not done.is_set():
                what = local.choice(["path", "neighbors", "export", "batch"])
                if what == "path":
                    res = ergraph(exe, db, "path", "p:%d" % local.randrange(BASE_PEOPLE),
                                  "p:%d" % local.randrange(BASE_PEOPLE))
                elif what == "neighbors":
                    res = ergraph(exe, db, "neighbors", "p:%d" % local.randrange(BASE_PEOPLE))
                elif what == "export":
                    res = ergraph(exe, db, "export", "--format", "jsonl")
                else:
                    res = ergraph(exe, db, "batch", batch_script)
                with lock:
                    readers.append((what, res))
                    if what == "export":
                        exports.append(res)

        threads = [threading.Thread(target=reader, args=(n,)) for n in range(2)]
        for t in threads:
            t.start()
        used = []
        for kind, writers in rounds:
            if time.time() >= deadline:
                break

            def go(w):
                w.run = ergraph(exe, db, "import", w.path)
            ws = [threading.Thread(target=go, args=(w,)) for w in writers]
            for t in ws:
                t.start()
            for t in ws:
                t.join()
            used.append((kind, writers))
        done.set()
        for t in threads:
            t.join()

        all_writers = [w for _, ws in used for w in ws]
        print("rounds: %d (%s); imports ok %d, failed %d; reader runs %d (%d exports)" % (
            len(used), ", ".join("%s %d" % (k, sum(1 for kk, _ in used if kk == k))
                                 for k in ("item1", "independent", "typeclash")),
            sum(1 for w in all_writers if w.run.code == 0),
            sum(1 for w in all_writers if w.run.code != 0), len(readers), len(exports)))

        # --- checks ---
        crashed = [r for r in [w.run for w in all_writers] + [r for _, r in readers] if r.crashed]
        checks.check("no process died of a signal, printed a sanitizer report or exited outside 0-3 [4]",
                     not crashed, "\n".join(r.describe() for r in crashed[:3]) + ("\n(%d in all)" % len(crashed)))
        locked = [r for _, r in readers if "locked" in r.errtext() or "busy" in r.errtext().lower()]
        checks.check("no reader failed with 'database is locked' [7]", not locked,
                     "%d of %d reader runs:\n" % (len(locked), len(readers))
                     + "\n".join(r.describe() for r in locked[:2]))
        wlocked = [w.run for w in all_writers if w.run.code != 0 and "locked" in w.run.errtext()]
        checks.check("no import failed with 'database is locked' (it waits for the other writer) [7]",
                     not wlocked, "%d imports:\n" % len(wlocked) + "\n".join(r.describe() for r in wlocked[:2]))
        bad_readers = [r for what, r in readers if r.code != 0 and not r.crashed
                       and "locked" not in r.errtext()]
        checks.check("every reader run succeeded", not bad_readers,
                     "\n".join(r.describe() for r in bad_readers[:3]))

        con = sqlite3.connect(db)
        checks.check("PRAGMA integrity_check is ok",
                     con.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
        stored_nodes = dict(con.execute("SELECT id, type FROM nodes"))
        stored_edges = set(con.execute('SELECT "from", type, "to", date FROM edge_list'))
        forged = con.execute(
            "SELECT e.\"from\", e.\"to\", n.type FROM edge_list e JOIN nodes n ON n.id = e.\"to\" "
            "WHERE e.type = 'led' AND n.type NOT IN ('Delegation', 'Organization', 'Country')").fetchall()
        con.close()
        checks.check("no stored led edge ends on a node type the schema forbids [1]", not forged,
                     "%d forged led edges, e.g. %s" % (len(forged), forged[:3]))
        incomplete, leftover = [], []
        for w in all_writers:
            if w.run.code == 0:
                missing_n = [i for i, t in w.nodes().items() if stored_nodes.get(i) != t]
                missing_e = [e for e in w.edges() if e not in stored_edges]
                if missing_n or missing_e:
                    incomplete.append("%s: nodes not as imported %s, edges missing %s" % (
                        os.path.basename(w.path), [(i, w.nodes()[i], stored_nodes.get(i)) for i in missing_n[:2]],
                        missing_e[:2]))
            else:
                present = [i for i in w.own_nodes() if i in stored_nodes]
                if present:
                    leftover.append("%s failed but %d of its nodes are stored" % (os.path.basename(w.path), len(present)))
        checks.check("every import that exited 0 is fully present (its nodes with its types, its edges) [1]",
                     not incomplete, "%d imports:\n" % len(incomplete) + "\n".join(incomplete[:3]))
        checks.check("every import that failed left none of its nodes", not leftover, "\n".join(leftover[:3]))
        item1_both = [ws for k, ws in used if k in ("item1", "typeclash") and all(w.run.code == 0 for w in ws)]
        checks.check("of two conflicting imports, never both succeed [1]", not item1_both,
                     "%d conflicting pairs both exited 0, e.g. %s" % (
                         len(item1_both), [os.path.basename(w.path) for w in (item1_both[0] if item1_both else [])]))

        # item 9: every export is a snapshot (no edge whose endpoint is missing from the file)
        torn = 0
        example = ""
        for r in exports:
            if r.code != 0:
                continue
            ids, ends = set(), []
            for line in r.out.splitlines():
                if not line.strip():
                    continue
                rec = json.loads(line)
                if rec.get("kind") == "node":
                    ids.add(rec["id"])
                elif rec.get("kind") == "edge":
                    ends.append((rec["from"], rec["to"]))
            missing = [e for e in ends if e[0] not in ids or e[1] not in ids]
            if missing:
                torn += 1
                example = example or "%d edges with a missing endpoint, e.g. %s" % (len(missing), missing[0])
        checks.check("no export taken during imports holds an edge whose node is missing [9]", torn == 0,
                     "%d of %d exports torn; %s" % (torn, len(exports), example))

        # the final export re-imports into a fresh database
        final = ergraph(exe, db, "export", "--format", "jsonl", "-o", os.path.join(work, "final.jsonl"))
        fresh = os.path.join(work, "fresh.db")
        init = ergraph(exe, fresh, "init")
        re = ergraph(exe, fresh, "import", os.path.join(work, "final.jsonl"))
        checks.check("the final export re-imports into a fresh database [1]",
                     final.code == 0 and init.code == 0 and re.code == 0,
                     final.describe() if final.code else re.describe())
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
