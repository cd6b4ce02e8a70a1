#!/usr/bin/env python3
"""xref's cost (issue 17) on a synthetic network (bench/gen.py) with realistic names.

gen.py names its nodes "Person 17", which no two share; so beside the graph this imports
--people Persons named from 26 given names and 100 surnames (realistic blocks: about
--people / 100 people per surname, the size of a common surname in a large case, and many
people sharing a name, as in life), a tenth of
them written a second time as a spelling variant (Zelensky / Zelenskyy, Volodymyr / V.) and
joined to one neighbour of the first, so there are true pairs to find. Then it times one whole
`xref --type Person --format csv` process and one `xref --format csv` over every type, with
their peak memory, the pairs found and how many of the planted variants are among them.

Writes bench/results/xref-SIZE.json; bench/run.py --report-only puts it in bench/RESULTS.md.

Usage: bench/xref_bench.py --ergraph build-bench/ergraph [--size M] [--people 15000]
"""
import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run as bench  # noqa: E402

GIVEN = ["Volodymyr", "Oleksandr", "Andriy", "Mykhailo", "Dmytro", "Serhiy", "Yulia", "Olena",
         "Iryna", "Kateryna", "Vladimir", "Sergey", "Dmitry", "Mikhail", "Anna", "Maria",
         "Hakan", "Mehmet", "Ayse", "Fatma", "John", "Mary", "Peter", "Paul", "Anne", "Emma"]
SURNAMES = ["Zelensky", "Tykhyi", "Yermak", "Podolyak", "Kuleba", "Umerov", "Medinsky", "Peskov",
            "Lavrov", "Fidan", "Erdogan", "Kalin", "Smith", "Jones", "Brown", "Rubio", "Kellogg",
            "Witkoff", "Macron", "Merz", "Starmer", "Tusk", "Kallas", "Rutte", "Shmyhal"]
ENDINGS = ["", "enko", "ov", "ski"]  # 100 surnames


def variant(name, rng):
    """A second spelling of `name`: an initial, a doubled last letter, or y for i."""
    first, last = name.split(" ", 1)
    kind = rng.randrange(3)
    if kind == 0:
        return f"{first[0]}. {last}"
    if kind == 1:
        return f"{first} {last}{last[-1]}"
    return f"{first.replace('i', 'y')} {last.replace('i', 'y')}" if "i" in name else f"{first[0]}. {last}"


def timed(cmd):
    """Seconds, stdout and peak resident KiB of one process (os.wait4 reads its own rusage)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            sys.exit(f"xref_bench: {' '.join(cmd[:5])} failed: {err.read()[:400]}")
        return elapsed, out.read(), usage.ru_maxrss


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ergraph", required=True)
    ap.add_argument("--size", default="M", choices=sorted(bench.SIZES))
    ap.add_argument("--people", type=int, default=15000)
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    nodes, edges = bench.SIZES[a.size][:2]
    data = bench.graph_data(a.size)
    rng = random.Random(1)
    work = tempfile.mkdtemp(prefix="ergraph-xref-bench-")
    res = {"size": a.size, "nodes": nodes, "edges": edges, "people": a.people,
           "machine": bench.machine(), "date": datetime.date.today().isoformat()}
    try:
        people = os.path.join(work, "people.jsonl")
        planted = set()
        with open(people, "w") as f:
            f.write(json.dumps({"kind": "node", "id": "org:xref-club", "type": "Organization",
                                "name": "Club"}) + "\n")
            for i in range(a.people):
                name = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}{rng.choice(ENDINGS)}"
                f.write(json.dumps({"kind": "node", "id": f"person:x{i}", "type": "Person",
                                    "name": name}) + "\n")
                if i % 10 == 0:
                    f.write(json.dumps({"kind": "node", "id": f"person:x{i}v", "type": "Person",
                                        "name": variant(name, rng)}) + "\n")
                    for end in (f"person:x{i}", f"person:x{i}v"):
                        f.write(json.dumps({"kind": "edge", "type": "member_of", "from": end,
                                            "to": "org:xref-club"}) + "\n")
                    planted.add(tuple(sorted((f"person:x{i}", f"person:x{i}v"))))
        db = os.path.join(work, "ergraph.db")
        eg = [a.ergraph, "--db", db, "--quiet"]
        bench.log(f"{a.size}: import with {a.people} named people")
        bench.import_graph(a.ergraph, db, data, people)
        for label, args in (("person", ["--type", "Person"]), ("all", [])):
            bench.log(f"{a.size}: xref {label}")
            seconds, out, peak = timed(eg + ["xref", "--format", "csv", *args])
            rows = [r.split(",") for r in out.splitlines()[1:]]
            found = {tuple(sorted((r[2], r[4]))) for r in rows}
            res[label] = {"s": seconds, "pairs": len(rows), "peak_kib": peak,
                          "planted": len(planted), "planted_found": len(planted & found)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    bench.save_result(res, "xref", a.size, a.json)


if __name__ == "__main__":
    main()
