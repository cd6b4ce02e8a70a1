#!/usr/bin/env python3
"""A kill -9 in the middle of a merge or an unmerge leaves the database as it was (issue 17).

A Person joined to 15,000 others is merged into another: the merge is one transaction, large
enough to be caught writing. Three times, at growing sizes of the write-ahead log, the merge is
killed with SIGKILL; each time the database must pass integrity_check and export the very bytes
it exported before. Then the merge runs to its end, and an unmerge is killed the same way: the
merged state must survive untouched.
"""
import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time


def export(ergraph, db, out):
    subprocess.run([ergraph, "--db", db, "export", "--format", "jsonl", "-o", out], check=True,
                   capture_output=True)
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    with open(out, "rb") as f:
        return f.read()


def killed_at(ergraph, db, args, wal_bytes):
    """Starts `ergraph args`, kills it once the WAL passes wal_bytes; whether it was killed."""
    proc = subprocess.Popen([ergraph, "--db", db, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    wal = db + "-wal"
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if os.path.exists(wal) and os.path.getsize(wal) > wal_bytes:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.002)
    proc.wait()
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ergraph", required=True)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ergraph-kill-merge-") as work:
        db = os.path.join(work, "g.db")
        data = os.path.join(work, "hub.jsonl")
        with open(data, "w") as f:
            f.write('{"kind":"node","id":"doc:0","type":"Document","name":"D","text":"Hub pressured them."}\n')
            f.write('{"kind":"node","id":"p:keep","type":"Person","name":"Hub Person"}\n')
            f.write('{"kind":"node","id":"p:drop","type":"Person","name":"Hub Persson"}\n')
            for i in range(15000):
                f.write('{"kind":"node","id":"p:%d","type":"Person","name":"Other %d"}\n' % (i, i))
                f.write('{"kind":"edge","type":"pressured","from":"p:drop","to":"p:%d","sources":'
                        '[{"doc":"doc:0","quote":"Hub pressured them."}]}\n' % i)
        subprocess.run([a.ergraph, "--db", db, "init"], check=True, capture_output=True)
        subprocess.run([a.ergraph, "--db", db, "import", data], check=True, capture_output=True)
        before = export(a.ergraph, db, os.path.join(work, "before.jsonl"))
        results = []
        for wal_bytes in (64 << 10, 256 << 10, 1 << 20):
            killed = killed_at(a.ergraph, db, ["merge", "p:keep", "p:drop"], wal_bytes)
            same = export(a.ergraph, db, os.path.join(work, "after.jsonl")) == before
            print(f"kill -9 during merge at a {wal_bytes >> 10} KiB log: "
                  f"{'killed mid-write' if killed else 'ended too soon'}, database "
                  f"{'unchanged' if same else 'CHANGED'}")
            results.append(killed and same)
        subprocess.run([a.ergraph, "--db", db, "merge", "p:keep", "p:drop"], check=True,
                       capture_output=True)
        merged = export(a.ergraph, db, os.path.join(work, "merged.jsonl"))
        killed = killed_at(a.ergraph, db, ["unmerge", "p:drop"], 64 << 10)
        same = export(a.ergraph, db, os.path.join(work, "after.jsonl")) == merged
        print(f"kill -9 during unmerge: {'killed mid-write' if killed else 'ended too soon'}, "
              f"database {'unchanged' if same else 'CHANGED'}")
        results.append(killed and same)
        subprocess.run([a.ergraph, "--db", db, "unmerge", "p:drop"], check=True,
                       capture_output=True)
        restored = export(a.ergraph, db, os.path.join(work, "restored.jsonl")) == before
        print(f"unmerge after the kills: {'the export before the merge' if restored else 'DIFFERENT'}")
        results.append(restored)
        passed = sum(results)
        print(f"{passed} passed, {len(results) - passed} failed")
        return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
