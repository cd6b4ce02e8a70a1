#!/usr/bin/env python3
"""Mutation fuzzing of everything ergraph parses, against the sanitizer build.

Takes the valid inputs in tests/data and the sample (JSONL, CSV, batch scripts, schemas),
mutates them (byte flips, deletions, duplicated and truncated lines, inserted quotes, braces,
backslashes, invalid UTF-8, huge numbers, deep nesting) and feeds each to `ergraph validate`,
`import`, `init --schema` or `batch`. Any exit code other than 0-3, any sanitizer report, and
any change to the database after a failed import is a finding; findings are saved in --keep.

Usage: tests/fuzz/fuzz_import.py --ergraph build-test/ergraph [--seconds 120] [--seed 1]
"""
import argparse
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
TOKENS = [b'"', b"{", b"}", b"[", b"]", b",", b":", b"\\", b"\\u0000", b"\xff", b"\xc3",
          b"\xe2\x80\x9c", b"\n", b"\r\n", b"null", b"1e999", b"-0", b"'", b"#", b"|",
          b'{"a":' * 40, b"\x00", b"2025-02-30", b"person:", b"Document", b"reported"]


def mutate(data, rng):
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        pos = rng.randrange(len(data) + 1)
        if choice < 0.25 and data:
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.45:
            data[pos:pos] = rng.choice(TOKENS)
        elif choice < 0.6 and data:
            del data[pos:pos + rng.randint(1, 20)]
        elif choice < 0.75:
            lines = bytes(data).split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[rng.randrange(len(lines))])
            data = bytearray(b"\n".join(lines))
        elif choice < 0.85:
            data = data[:pos]
        else:
            lines = bytes(data).split(b"\n")
            rng.shuffle(lines)
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def digest(path):
    return hashlib.sha256(read(path)).hexdigest() if os.path.exists(path) else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ergraph", required=True)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default="fuzz-findings")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    data = os.path.join(SOURCE, "tests", "data")
    seeds = {
        "jsonl": [read(os.path.join(data, "rounds", "rounds.jsonl")), read(os.path.join(data, "nasty.jsonl")),
                  read(os.path.join(SOURCE, "samples", "istanbul-2025", "graph.jsonl"))[:20000],
                  read(os.path.join(data, "same_actor", "board_merged.jsonl"))],
        "csv": [b"id,type,name,aliases,props\np:1,Person,\"A, B\",x|y\\|z,\"{\"\"title\"\":\"\"t\"\"}\"\n",
                b"type,from,to,date,doc,quote\nled,p:1,d:1,2024,,\n"],
        "yaml": [read(os.path.join(SOURCE, "schemas", "news.yaml"))],
        "ergraph": [read(os.path.join(SOURCE, "samples", "istanbul-2025", "export-all.ergraph")),
                    b"stats\npath 'Hakan Fidan' \"Vladimir Medinsky\" --k 2\nfind --text ceasefire\n",
                    # The same commands again with other options: a batch keeps each command's
                    # parser for the next line that names it.
                    b"path Fidan Medinsky --format json\npath Fidan Medinsky\n"
                    b"path Fidan Medinsky --avoid Turkey --max-hops 4\npath Fidan Medinsky --all\n"
                    b"neighbors Medinsky --depth 2 --count\nneighbors Medinsky --format csv\n"
                    b"show Fidan\nshow Medinsky --format json\nfind Fidan\nfind --text talks --limit 2\n"
                    b"query 'MATCH (p:Person) RETURN p.name LIMIT 3'\n"
                    b"query 'MATCH (p:Person) RETURN p.name LIMIT 3' --format csv\n"
                    b"timeline Medinsky\ntimeline Medinsky --format json\n"
                    b"conflicts --format csv\nconflicts\n"],
    }
    runs = findings = 0
    exits = {}
    deadline = time.time() + args.seconds
    with tempfile.TemporaryDirectory(prefix="ergraph-fuzz-") as work:
        base = os.path.join(work, "base.db")
        subprocess.run([args.ergraph, "--db", base, "init"], check=True, capture_output=True)
        subprocess.run([args.ergraph, "--db", base, "import",
                        os.path.join(SOURCE, "samples", "istanbul-2025", "graph.jsonl")],
                       check=True, capture_output=True)
        subprocess.run([args.ergraph, "--db", base, "import", os.path.join(data, "rounds", "rounds.jsonl")],
                       check=True, capture_output=True)
        base_digest = digest(base)
        os.makedirs(os.path.join(work, "texts"), exist_ok=True)
        for name in os.listdir(os.path.join(data, "rounds", "texts")):
            with open(os.path.join(work, "texts", name), "wb") as f:
                f.write(read(os.path.join(data, "rounds", "texts", name)))
        while time.time() < deadline:
            kind = rng.choice(list(seeds))
            case = mutate(rng.choice(seeds[kind]), rng)
            path = os.path.join(work, "case." + kind)
            with open(path, "wb") as f:
                f.write(case)
            db = os.path.join(work, "work.db")
            with open(db, "wb") as f:
                f.write(read(base))
            if kind in ("jsonl", "csv"):
                argv = [args.ergraph, "--db", db, "import", path]
            elif kind == "yaml":
                os.remove(db)
                argv = [args.ergraph, "--db", db, "init", "--schema", path]
            else:
                argv = [args.ergraph, "--db", db, "batch", "--keep-going", path]
            proc = subprocess.run(argv, capture_output=True, cwd=work, timeout=120)
            runs += 1
            exits[(kind, proc.returncode)] = exits.get((kind, proc.returncode), 0) + 1
            err = proc.stderr.decode("utf-8", "replace")
            problem = None
            if proc.returncode not in (0, 1, 2, 3):
                problem = f"exit code {proc.returncode}"
            elif "runtime error:" in err or "AddressSanitizer" in err or "LeakSanitizer" in err:
                problem = "sanitizer report"
            elif kind in ("jsonl", "csv") and proc.returncode != 0 and digest(db) != base_digest:
                problem = "a failed import changed the database"
            if problem:
                findings += 1
                os.makedirs(args.keep, exist_ok=True)
                keep = os.path.join(args.keep, f"finding-{findings}.{kind}")
                with open(keep, "wb") as f:
                    f.write(case)
                print(f"FINDING ({problem}): {' '.join(argv[3:4])} {keep}\n{err[-2000:]}")
    print(f"{runs} inputs, {findings} findings; exit codes by input kind: "
          + ", ".join(f"{k} {c}: {n}" for (k, c), n in sorted(exits.items())))
    print(f"{0 if findings else 1} passed, {1 if findings else 0} failed")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
