#!/usr/bin/env python3
"""Output failures and special output targets (issue 18 items 2, 3, 13 and the minor ones).

Checks (issue item in brackets):
  [2]  stdout on /dev/full: export (jsonl, svg, graphml, json), stats, show, find, path must exit
       non-zero with a message on stderr (the baseline ignored write errors and exited 0);
  [2]  `-o` onto a (private, mknod'd) /dev/full device must fail, and the device must survive;
  [3]  `-o` onto a symlink keeps the symlink and writes its target;
  [3]  `-o` onto a FIFO writes through: a reader gets every byte;
  [3]  `-o` onto a symlink to /proc/self/fd/1 writes through to stdout (what -o /dev/stdout does);
  [3]  `-o` onto a character device (a private mknod'd copy of /dev/null) keeps the device node;
  [3]  the replaced file's mode is kept;
  [13] SVG and GraphML of a node named with U+0001, and of a node whose id holds `&#0;`, parse as XML;
  [13] an id with a NUL (JSON "\\u0000") is refused at import, and nothing is written;
  [minor] `--db ''`, `--db :memory:`, `--db file:x.db` are refused (non-zero exit, no "created");
  [minor] `batch` of a folder exits non-zero;
  [minor] read-only queries leave no -wal/-shm files behind when there were none before.

Usage: output_failures.py --ergraph PATH --source /work/main
"""
import argparse
import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Checks, ergraph  # noqa: E402


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ergraph", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--seed", type=int, default=1, help="unused (no randomness); accepted for uniformity")
    args = ap.parse_args()
    exe = args.ergraph
    checks = Checks()
    sample = os.path.join(args.source, "samples", "istanbul-2025", "graph.jsonl")
    with tempfile.TemporaryDirectory(prefix="ergraph-output-") as work:
        db = os.path.join(work, "s.db")
        assert ergraph(exe, db, "init").code == 0
        r = ergraph(exe, db, "import", sample)
        assert r.code == 0, r.describe()
        reference = ergraph(exe, db, "export", "--format", "jsonl").out
        assert reference

        # ---- item 2: write errors on stdout ----
        commands = [("export", "--format", "jsonl"), ("export", "--format", "svg"),
                    ("export", "--format", "graphml"), ("export", "--format", "json"),
                    ("stats",), ("show", "Hakan Fidan"), ("find", "Medinsky"),
                    ("path", "Hakan Fidan", "Vladimir Medinsky")]
        for cmd in commands:
            with open("/dev/full", "wb") as full:
                r = ergraph(exe, db, *cmd, stdout=full)
            checks.check("stdout on /dev/full: '%s' exits non-zero with a message [2]" % " ".join(cmd),
                         r.code not in (0, "timeout") and not r.crashed and r.errtext().strip() != "",
                         r.describe())

        # ---- items 2+3: -o onto a full device (a private /dev/full node, never the real one) ----
        fulldev = os.path.join(work, "full")
        try:
            os.mknod(fulldev, stat.S_IFCHR | 0o666, os.makedev(1, 7))
            r = ergraph(exe, db, "export", "--format", "jsonl", "-o", fulldev)
            checks.check("-o onto a full device exits non-zero with a message [2]",
                         r.code not in (0, "timeout") and not r.crashed and r.errtext().strip() != "",
                         r.describe())
            checks.check("-o onto a full device leaves the device node in place [3]",
                         stat.S_ISCHR(os.lstat(fulldev).st_mode), "it is now mode %o" % os.lstat(fulldev).st_mode)
        except PermissionError as e:
            checks.skip("-o onto a full device", "mknod not permitted here (%s)" % e)

        # ---- item 3: symlink ----
        target = os.path.join(work, "real.jsonl")
        with open(target, "w") as f:
            f.write("old\n")
        link = os.path.join(work, "link.jsonl")
        os.symlink("real.jsonl", link)
        r = ergraph(exe, db, "export", "--format", "jsonl", "-o", link)
        with open(target, "rb") as f:
            got = f.read()
        checks.check("-o onto a symlink keeps the symlink and writes its target [3]",
                     r.code == 0 and os.path.islink(link) and got == reference,
                     "%s; link is %s; target holds %d bytes (export has %d)" % (
                         r.describe(), "a symlink" if os.path.islink(link) else "NOT a symlink any more",
                         len(got), len(reference)))

        # ---- item 3: FIFO ----
        fifo = os.path.join(work, "pipe")
        os.mkfifo(fifo)
        sink = os.path.join(work, "fifo-read")
        with open(sink, "wb") as out:
            cat = subprocess.Popen(["cat", fifo], stdout=out)
            r = ergraph(exe, db, "export", "--format", "jsonl", "-o", fifo, timeout=60)
            try:
                cat.wait(timeout=5)
            except subprocess.TimeoutExpired:
                # ergraph never opened the FIFO: let cat finish (it is blocked opening it), if still a FIFO
                if stat.S_ISFIFO(os.lstat(fifo).st_mode):
                    fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                    os.close(fd)
                cat.kill()
                cat.wait()
        with open(sink, "rb") as f:
            got = f.read()
        checks.check("-o onto a FIFO writes through: the reader gets every byte [3]",
                     r.code == 0 and got == reference and stat.S_ISFIFO(os.lstat(fifo).st_mode),
                     "%s; reader got %d of %d bytes; path is %s" % (
                         r.describe(), len(got), len(reference),
                         "still a FIFO" if stat.S_ISFIFO(os.lstat(fifo).st_mode) else "no longer a FIFO"))

        # ---- item 3: -o /dev/stdout, through a private symlink to /proc/self/fd/1 ----
        if os.path.exists("/proc/self/fd/1"):
            so = os.path.join(work, "stdout-link")
            os.symlink("/proc/self/fd/1", so)
            r = ergraph(exe, db, "export", "--format", "jsonl", "-o", so)
            checks.check("-o onto /dev/stdout (a link to /proc/self/fd/1) writes to stdout [3]",
                         r.code == 0 and r.out == reference and os.path.islink(so),
                         "%s; stdout got %d of %d bytes" % (r.describe(), len(r.out), len(reference)))

        # ---- item 3: character device ----
        dev = os.path.join(work, "null")
        try:
            os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
            r = ergraph(exe, db, "export", "--format", "jsonl", "-o", dev)
            mode = os.lstat(dev).st_mode
            checks.check("-o onto a character device (private /dev/null node) keeps the device [3]",
                         r.code == 0 and stat.S_ISCHR(mode),
                         "%s; it is now %s" % (r.describe(), "a char device" if stat.S_ISCHR(mode) else
                                               "a regular file of %d bytes" % os.lstat(dev).st_size))
        except PermissionError as e:
            checks.skip("-o onto a character device", "mknod not permitted here (%s)" % e)

        # ---- item 3: mode kept ----
        kept = os.path.join(work, "kept.jsonl")
        with open(kept, "w") as f:
            f.write("old\n")
        os.chmod(kept, 0o600)
        r = ergraph(exe, db, "export", "--format", "jsonl", "-o", kept)
        mode = stat.S_IMODE(os.stat(kept).st_mode)
        with open(kept, "rb") as f:
            got = f.read()
        checks.check("-o onto an existing file keeps its mode (0600) [3]",
                     r.code == 0 and mode == 0o600 and got == reference,
                     "%s; mode now %o" % (r.describe(), mode))

        # ---- item 13: control characters in XML outputs ----
        cases = {
            "a name with U+0001": {"kind": "node", "id": "person:ctl", "type": "Person", "name": "Bad\u0001Name"},
            "an id with &#0;": {"kind": "node", "id": "person:amp&#0;x", "type": "Person", "name": "Amp Person"},
        }
        for label, rec in cases.items():
            xdb = os.path.join(work, "x%d.db" % len(label))
            data = os.path.join(work, "x%d.jsonl" % len(label))
            with open(data, "w") as f:
                f.write(json.dumps(rec) + "\n")
                f.write(json.dumps({"kind": "node", "id": "person:other", "type": "Person", "name": "Other"}) + "\n")
                f.write(json.dumps({"kind": "edge", "type": "pressured", "from": rec["id"], "to": "person:other"}) + "\n")
            assert ergraph(exe, xdb, "init").code == 0
            imp = ergraph(exe, xdb, "import", data)
            if imp.code != 0:
                checks.check("a node with %s can be imported (needed for the XML checks)" % label, False, imp.describe())
                continue
            for fmt in ("svg", "graphml"):
                r = ergraph(exe, xdb, "export", "--format", fmt)
                try:
                    ET.fromstring(r.out)
                    parsed, why = True, ""
                except ET.ParseError as e:
                    parsed, why = False, str(e)
                checks.check("%s of %s parses as XML [13]" % (fmt.upper(), label),
                             r.code == 0 and parsed, "%s; %s" % (r.describe(), why))

        # ---- item 13: NUL in an id refused at import ----
        ndb = os.path.join(work, "nul.db")
        assert ergraph(exe, ndb, "init").code == 0
        data = os.path.join(work, "nul.jsonl")
        with open(data, "w") as f:
            f.write('{"kind":"node","id":"person:a\\u0000b","type":"Person","name":"Nul Person"}\n')
        r = ergraph(exe, ndb, "import", data)
        con = sqlite3.connect(ndb)
        n = con.execute("SELECT count(*) FROM nodes").fetchone()[0]
        con.close()
        checks.check("an id with a NUL (\\u0000) is refused at import, nothing written [13]",
                     r.code == 1 and n == 0 and ":1" in r.errtext(), "%s; %d nodes stored" % (r.describe(), n))

        # ---- minor: --db '', :memory:, file: URIs refused ----
        for name in ("", ":memory:", "file:x.db"):
            r = ergraph(exe, name, "init", cwd=work)
            said = (r.text() + r.errtext()).lower()
            checks.check("--db %r is refused (non-zero exit, no 'created') [minor]" % name,
                         r.code not in (0, "timeout") and "created" not in said and not r.crashed,
                         r.describe() + "\n    stdout: " + r.text())

        # ---- minor: batch of a folder ----
        folder = os.path.join(work, "afolder")
        os.mkdir(folder)
        r = ergraph(exe, db, "batch", folder)
        checks.check("batch of a folder exits non-zero with a message [minor]",
                     r.code not in (0, "timeout") and not r.crashed and r.errtext().strip() != "",
                     r.describe() + "\n    stdout: " + r.text())

        # ---- minor: read-only queries leave no -wal/-shm behind ----
        for ext in ("-wal", "-shm"):
            if os.path.exists(db + ext):
                os.remove(db + ext)  # no process has the database open now
        for cmd in (("stats",), ("path", "Hakan Fidan", "Vladimir Medinsky"), ("show", "Medinsky"),
                    ("export", "--format", "jsonl")):
            r = ergraph(exe, db, *cmd)
            left = [ext for ext in ("-wal", "-shm") if os.path.exists(db + ext)]
            checks.check("'%s' leaves no -wal/-shm file behind [minor]" % " ".join(cmd),
                         r.code == 0 and not left, "%s; left behind: %s" % (r.describe(), left))
            for ext in left:
                os.remove(db + ext)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
