#!/usr/bin/python3
"""The benchmark's NetworkX and python-igraph side: the same operations as ergraph on the same CSV.

Run with Debian's python3 (python3-networkx, python3-igraph, python3-scipy). Prints one JSON
object: load seconds, per-pair path hops and microseconds per repetition, neighbourhood size and
seconds, PageRank and betweenness seconds, peak RSS. Graphs are undirected, as ergraph's path,
neighbors and rank follow edges either way.

Usage: python_peer.py --lib networkx|igraph --data DIR --hub ID --samples K --reps N [--exact]
       NetworkX estimates betweenness from K sources; python-igraph 0.10 cannot sample, so it
       computes the exact betweenness, and only with --exact.
"""
import argparse
import csv
import json
import resource
import statistics
import sys
import time


def read_csv(data):
    with open(f"{data}/nodes.csv", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        ids = [row[0] for row in reader]
    with open(f"{data}/edges.csv", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        edges = [(row[0], row[1]) for row in reader]
    with open(f"{data}/pairs.txt") as f:
        pairs = [line.split() for line in f if line.strip()]
    return ids, edges, pairs


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", choices=["networkx", "igraph"], required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--hub", required=True)
    ap.add_argument("--samples", type=int, required=True)
    ap.add_argument("--exact", action="store_true")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--skip", default="", help="comma-separated operations not to run")
    a = ap.parse_args()
    skip = set(filter(None, a.skip.split(",")))
    out = {"lib": a.lib}

    started = time.perf_counter()
    ids, edges, pairs = read_csv(a.data)
    if a.lib == "networkx":
        import networkx as nx
        out["version"] = nx.__version__
        g = nx.Graph()  # a simple graph: parallel edges (same pair, other dates) merge
        g.add_nodes_from(ids)
        g.add_edges_from(edges)

        def path(s, t):
            try:
                return len(nx.bidirectional_shortest_path(g, s, t)) - 1
            except nx.NetworkXNoPath:
                return -1

        def neighbors():
            return len(nx.single_source_shortest_path_length(g, a.hub, cutoff=2))

        def pagerank():
            return nx.pagerank(g)

        def betweenness():
            return nx.betweenness_centrality(g, k=a.samples, seed=1)
    else:
        import igraph as ig
        out["version"] = ig.__version__
        index = {n: i for i, n in enumerate(ids)}
        g = ig.Graph(n=len(ids), edges=[(index[s], index[t]) for s, t in edges], directed=False)

        def path(s, t):
            p = g.get_shortest_paths(index[s], to=index[t], mode="all", output="vpath")[0]
            return len(p) - 1 if p else (0 if s == t else -1)

        def neighbors():
            return len(g.neighborhood(index[a.hub], order=2))

        def pagerank():
            return g.pagerank(directed=False)

        def betweenness():
            return g.betweenness(directed=False)
    out["load_s"] = time.perf_counter() - started

    runs = []
    for _ in range(a.reps):
        run = []
        for s, t in pairs:
            hops, seconds = timed(lambda: path(s, t))
            run.append([hops, seconds * 1e6])
        runs.append(run)
    out["path_runs"] = runs

    def repeat(name, fn):
        if name in skip:
            return
        times, value = [], None
        for _ in range(a.reps):
            value, seconds = timed(fn)
            times.append(seconds)
        out[name + "_s"] = statistics.median(times)
        if isinstance(value, int):
            out[name + "_count"] = value

    repeat("neighbors", neighbors)
    repeat("pagerank", pagerank)
    if a.lib == "networkx":
        repeat("betweenness", betweenness)
    elif a.exact:
        repeat("betweenness_exact", betweenness)
    out["peak_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
