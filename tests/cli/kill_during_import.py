#!/usr/bin/env python3
"""Interrupted work leaves nothing half-done.

- A kill -9, and a Ctrl-C (SIGINT), in the middle of an import leave the previous database
  intact: a database gets a small import, then a large import is started and signalled once it
  is writing (its write-ahead log has begun to grow); the sqlite3 module then checks that the
  database passes integrity_check and holds exactly what it held before.
- A Ctrl-C in the middle of `export --each` leaves only complete files: no temporary file, and
  every SVG written parses as XML.
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
            for i in range(30000):
                f.write('{"kind":"node","id":"p:%d","type":"Person","name":"Person %d","aliases":["P%d"]}\n' % (i, i, i))
            for i in range(1, 30000):
                f.write('{"kind":"edge","type":"pressured","from":"p:%d","to":"p:%d","sources":'
                        '[{"doc":"doc:0","quote":"Alpha met Beta"}]}\n' % (i - 1, i))
        results = []
        for sig in (signal.SIGKILL, signal.SIGINT):
            killed = interrupt_import(args.ergraph, db, big, sig)
            after = snapshot(db)
            ok = killed and after == before
            print(f"{signal.Signals(sig).name} during import: {'killed mid-write' if killed else 'ended too soon'}; "
                  f"before {before}, after {after}")
            results.append(ok)
        results.append(interrupt_export(args.ergraph, work))
        passed = sum(results)
        print(f"{passed} passed, {len(results) - passed} failed")
        return 0 if passed == len(results) else 1


def interrupt_import(ergraph, db, big, sig):
    proc = subprocess.Popen([ergraph, "--db", db, "import", big],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = db + "-wal"
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if os.path.exists(wal) and os.path.getsize(wal) > 64 * 1024:
            os.kill(proc.pid, sig)
            proc.wait()
            return True
        time.sleep(0.005)
    proc.wait()
    return False


def interrupt_export(ergraph, work):
    import xml.etree.ElementTree as ET
    db = os.path.join(work, "each.db")
    subprocess.run([ergraph, "--db", db, "init"], check=True, capture_output=True)
    data = os.path.join(work, "people.jsonl")
    with open(data, "w") as f:
        for i in range(3000):
            f.write('{"kind":"node","id":"p:%05d","type":"Person","name":"Person %d"}\n' % (i, i))
        for i in range(1, 3000):
            f.write('{"kind":"edge","type":"pressured","from":"p:%05d","to":"p:%05d"}\n' % (i - 1, i))
    subprocess.run([ergraph, "--db", db, "import", data], check=True, capture_output=True)
    out = os.path.join(work, "each")
    proc = subprocess.Popen([ergraph, "--db", db, "export", "--each", "Person", "-o",
                             os.path.join(out, "{id}.svg")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if os.path.isdir(out) and len(os.listdir(out)) >= 20:
            os.kill(proc.pid, signal.SIGINT)
            break
        time.sleep(0.005)
    code = proc.wait()
    names = os.listdir(out)
    temporary = [n for n in names if ".tmp-" in n]
    broken = []
    for n in names:
        try:
            ET.parse(os.path.join(out, n))
        except ET.ParseError:
            broken.append(n)
    ok = code == 128 + signal.SIGINT and not temporary and not broken and 0 < len(names) < 3000
    print(f"SIGINT during export --each: exit {code}, {len(names)} files, "
          f"{len(temporary)} temporary, {len(broken)} incomplete")
    return ok


if __name__ == "__main__":
    sys.exit(main())
