#!/usr/bin/env python3
"""A kill -9 in the middle of an import leaves the previous database intact.

Builds a database with a small import, then starts a large import and kills it with SIGKILL
once it is writing (its write-ahead log has begun to grow), and checks with the sqlite3 module
that the database passes integrity_check and holds exactly what it held before.
"""
import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time


def snapshot(db):
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("nodes", "edges", "citations", "documents", "aliases")]
    finally:
        con.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ergraph", required=True)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ergraph-kill-") as work:
        db = os.path.join(work, "g.db")
        run = lambda *a: subprocess.run([args.ergraph, "--db", db, *a], check=True,
                                        capture_output=True)
        run("init")
        text = "Alpha met Beta in Gamma. " * 40
        with open(os.path.join(work, "small.jsonl"), "w") as f:
            f.write('{"kind":"node","id":"doc:0","type":"Document","name":"D0","text":"%s"}\n' % text)
            f.write('{"kind":"node","id":"p:0","type":"Person","name":"P0"}\n')
        run("import", os.path.join(work, "small.jsonl"))
        before = snapshot(db)

        big = os.path.join(work, "big.jsonl")
        with open(big, "w") as f:
            for i in range(60000):
                f.write('{"kind":"node","id":"p:%d","type":"Person","name":"Person %d","aliases":["P%d"]}\n' % (i, i, i))
            for i in range(1, 60000):
                f.write('{"kind":"edge","type":"pressured","from":"p:%d","to":"p:%d","sources":'
                        '[{"doc":"doc:0","quote":"Alpha met Beta"}]}\n' % (i - 1, i))
        proc = subprocess.Popen([args.ergraph, "--db", db, "import", big],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wal = db + "-wal"
        deadline = time.time() + 300
        killed = False
        while time.time() < deadline and proc.poll() is None:
            if os.path.exists(wal) and os.path.getsize(wal) > 64 * 1024:
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                break
            time.sleep(0.005)
        proc.wait()
        if not killed:
            print("the import ended before it could be killed mid-write; make the input larger")
            print("0 passed, 1 failed")
            return 1
        after = snapshot(db)
        ok = after == before
        print(f"before kill: {before}, after: {after}")
        print(f"{int(ok)} passed, {int(not ok)} failed")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
