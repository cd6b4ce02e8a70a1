#!/usr/bin/env python3
"""The query language's cost (issue 12), measured on a synthetic network (bench/gen.py):

1. Anchored: `MATCH (a {id: X})-[*1..2]-(b) RETURN DISTINCT b` against
   `neighbors X --depth 2` (the same two-hop neighbourhood, both printed as CSV), for a typical
   Person (the first of pairs.txt) and for the biggest hub. Timed warm, inside one `batch` process: a batch of
   1 + R copies of the command minus a batch of 1, divided by R, so the process start and the
   snapshot load are not counted. Also as one whole process each (cold).
2. Unanchored: every two-hop directed path out of a Person,
   `MATCH (a:Person)-->(b)-->(c) RETURN count(*)`, in ergraph and in Kuzu (npm kuzu, the same
   nodes and edges loaded as bench/run.py loads them: one node table N with a `type` column, one
   relationship table E; the query there reads `MATCH (a:N)-[:E]->(b:N)-[:E]->(c:N) WHERE
   a.type = 'Person' RETURN count(*)`). Kuzu's time is its query alone in an open connection;
   ergraph's warm time is measured as in 1, and its cold process too. Both must count the same.

Writes bench/results/query-SIZE.json; bench/run.py --report-only puts it in bench/RESULTS.md.

Usage: bench/query_bench.py --ergraph build-bench/ergraph [--size M] [--reps 5]
       [--kuzu-modules bench/.kuzu/node_modules]
"""
import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run as bench  # noqa: E402  (the driver's data generation, machine facts and helpers)


def timed(cmd, stdin=None):
    """Seconds a process takes, and its stdout; fails loudly on a non-zero exit."""
    started = time.perf_counter()
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if p.returncode != 0:
        sys.exit(f"query_bench: {' '.join(cmd[:4])} ... failed: {p.stderr[:500]}")
    return elapsed, p.stdout


def warm_seconds(ergraph, db, line, reps, rounds=3):
    """One command's cost inside a batch: (T(1 + reps) - T(1)) / reps, median of `rounds`."""
    def batch(n):
        script = "".join(line + "\n" for _ in range(n))
        return timed([ergraph, "--db", db, "batch", "-"], stdin=script)[0]
    estimates = []
    for _ in range(rounds):
        one = batch(1)
        many = batch(1 + reps)
        estimates.append(max(0.0, (many - one) / reps))
    return statistics.median(estimates)


def cypher_line(query):
    """A batch line running `query` (its own quotes are single quotes)."""
    return "query --format csv \"" + query + "\""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ergraph", required=True)
    ap.add_argument("--size", default="M", choices=sorted(bench.SIZES))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--kuzu-modules", default=os.environ.get("KUZU_MODULES") or
                    os.path.join(HERE, ".kuzu", "node_modules"))
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    nodes, edges = bench.SIZES[a.size][:2]
    data = bench.graph_data(a.size)
    degree = bench.degrees(data)
    hub = max(sorted(degree), key=lambda n: degree[n])
    typical = open(os.path.join(data, "pairs.txt")).readline().split()[0]
    work = tempfile.mkdtemp(prefix="ergraph-query-bench-")
    res = {"size": a.size, "nodes": nodes, "edges": edges, "reps": a.reps,
           "machine": bench.machine(), "date": datetime.date.today().isoformat()}
    try:
        db = os.path.join(work, "ergraph.db")
        eg = [a.ergraph, "--db", db, "--quiet"]
        bench.log(f"{a.size}: ergraph import")
        bench.import_graph(a.ergraph, db, data)

        anchored = []
        # A typical neighbourhood is a few nodes: a command costs microseconds there, so its
        # batch repeats it many times to rise above the noise of starting a process.
        for label, node, reps in (("typical Person", typical, 400 * a.reps),
                                  ("biggest hub", hub, a.reps)):
            bench.log(f"{a.size}: anchored two hops from {node}")
            query = f"MATCH (a {{id: '{node}'}})-[*1..2]-(b) RETURN DISTINCT b"
            _, out = timed(eg + ["query", "--format", "csv", query])
            reached = len(out.splitlines()) - 1  # the header
            _, nb = timed(eg + ["neighbors", node, "--depth", "2", "--format", "csv"])
            neighbors_reached = len(nb.splitlines()) - 2  # header and the start itself
            anchored.append({
                "label": label, "node": node, "degree": degree.get(node, 0),
                "reached": reached, "neighbors_reached": neighbors_reached,
                "reps": reps,
                "query_warm_s": warm_seconds(a.ergraph, db, cypher_line(query), reps),
                "neighbors_warm_s": warm_seconds(
                    a.ergraph, db, f"neighbors {node} --depth 2 --format csv", reps),
                "query_cold_s": timed(eg + ["query", "--format", "csv", query])[0],
                "neighbors_cold_s": timed(eg + ["neighbors", node, "--depth", "2",
                                                "--format", "csv"])[0],
            })
        res["anchored"] = anchored

        ours = "MATCH (a:Person)-->(b)-->(c) RETURN count(*) AS n"
        bench.log(f"{a.size}: unanchored two hops over all Persons")
        cold_s, out = timed(eg + ["query", "--format", "csv", ours])
        res["unanchored"] = {"query": ours, "count": int(out.splitlines()[1]), "cold_s": cold_s,
                             "warm_s": warm_seconds(a.ergraph, db, cypher_line(ours), 2)}

        kuzu = os.path.join(a.kuzu_modules, "kuzu")
        theirs = ("MATCH (a:N)-[:E]->(b:N)-[:E]->(c:N) WHERE a.type = 'Person' "
                  "RETURN count(*) AS n")
        if os.path.isdir(kuzu):
            peer = ["node", os.path.join(HERE, "peers", "kuzu_peer.js")]
            env = dict(os.environ, KUZU_MODULES=a.kuzu_modules)
            kdb = os.path.join(work, "kuzu.db")
            bench.log(f"{a.size}: kuzu load")
            subprocess.run(peer + ["load", kdb, data], check=True, env=env, capture_output=True)
            bench.log(f"{a.size}: kuzu query")
            p = subprocess.run(peer + ["query", kdb, theirs, str(a.reps)], check=True, env=env,
                               capture_output=True, text=True)
            k = json.loads(p.stdout)
            res["kuzu"] = {"query": theirs, "version": k.get("version"),
                           "count": int(k["rows"][0][0]), "runs_s": k["query_runs_s"],
                           "s": statistics.median(k["query_runs_s"])}
        else:
            res["kuzu"] = {"skipped": f"kuzu is not installed in {a.kuzu_modules}"}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    bench.save_result(res, "query", a.size, a.json)


if __name__ == "__main__":
    main()
