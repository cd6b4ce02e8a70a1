#!/usr/bin/env python3
"""Synthetic actor networks for the benchmarks, deterministic by seed (Python standard library).

Writes, into --out:
  graph.jsonl            the JSON Lines interchange format: typed nodes, documents with texts, cited dated edges
  nodes.csv, edges.csv   the same graph as plain tables for other tools (id,type,name / source,target,type,date)
  pairs.txt              --pairs seeded (source, target) pairs of Person ids, one pair per line

Shape:
- About half the edges are `reported` edges: every Document reports 5 to 30 actors (Persons,
  Countries, Events, Organizations), most documents few, some many. That fixes the number of
  Documents; the other nodes are Persons, Organizations, Topics, Events, Places, Delegations and
  at most 200 Countries, in news-like proportions.
- The other edges join actors by the (type, edge type, type) triples of schemas/news.yaml.
  Endpoints are drawn with Zipf weights inside each type, so a few Country, Event and Person hubs
  take huge degree.
- Every edge cites a sentence of a generated document text (the reporting document itself, or a
  random document for actor-actor edges), and is dated between 2019 and 2025.
- pairs.txt holds Persons that have at least one edge.

Usage: bench/gen.py --nodes 10000 --edges 50000 --seed 1 --out bench/data/S
"""
import argparse
import bisect
import itertools
import os
import random

DOCUMENT_ACTORS = (5, 30)  # how many actors one document reports
# Shares of the non-document nodes.
ACTOR_TYPES = [("Person", 0.58), ("Organization", 0.17), ("Topic", 0.10), ("Event", 0.07),
               ("Place", 0.05), ("Delegation", 0.025), ("Country", 0.005)]
MAX_COUNTRIES = 200
REPORTED_TARGETS = [("Person", 20), ("Country", 8), ("Event", 8), ("Organization", 5)]
# (from type, edge type, to type, weight): every triple is allowed by schemas/news.yaml.
TRIPLES = [
    ("Person", "attended", "Event", 10), ("Person", "member_of", "Organization", 6),
    ("Person", "holds_office", "Country", 4), ("Person", "member_of", "Delegation", 3),
    ("Person", "led", "Delegation", 1), ("Delegation", "represents", "Country", 1),
    ("Country", "demanded", "Topic", 3), ("Person", "proposed", "Topic", 4),
    ("Organization", "agreed", "Topic", 2), ("Country", "rejected", "Topic", 2),
    ("Event", "held_in", "Place", 2), ("Place", "located_in", "Country", 1),
    ("Organization", "published", "Document", 6), ("Person", "wrote", "Document", 4),
    ("Person", "pressured", "Person", 3), ("Country", "chaired", "Event", 1),
]
ZIPF = 1.1  # endpoint weight of the k-th node of a type ~ 1 / k^ZIPF: heavy tails
FIRST_YEAR, YEARS = 2019, 7


def document_actor_count(rng):
    low, high = DOCUMENT_ACTORS
    return low + int((high - low + 1) * rng.random() ** 2)  # mean ~ low + (high-low)/3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, required=True)
    ap.add_argument("--edges", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pairs", type=int, default=100)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)

    low, high = DOCUMENT_ACTORS
    mean_actors = low + (high - low + 1) / 3
    documents = max(1, min(a.nodes // 2, round(a.edges / 2 / mean_actors)))
    actors = a.nodes - documents
    counts = {"Document": documents}
    for t, share in ACTOR_TYPES:
        counts[t] = max(1, int(actors * share))
    counts["Country"] = min(counts["Country"], MAX_COUNTRIES)
    counts["Person"] += a.nodes - sum(counts.values())  # the remainder: exactly --nodes nodes

    prefix = {t: t.lower() + ":" for t in counts}
    # Endpoint choice: cumulative Zipf weights per type, drawn by bisection.
    cumulative = {}
    for t, count in counts.items():
        cumulative[t] = list(itertools.accumulate(1.0 / (k + 1) ** ZIPF for k in range(count)))

    def pick(t):
        acc = cumulative[t]
        return bisect.bisect_left(acc, rng.random() * acc[-1])

    dates = [f"{y}-{m:02d}-{d:02d}" for y in range(FIRST_YEAR, FIRST_YEAR + YEARS)
             for m in range(1, 13) for d in range(1, 29)]
    type_code = {t: i for i, t in enumerate(counts)}
    edge_code = {}
    sentences = [[] for _ in range(documents)]
    edges = []  # (from type, from index, edge type, to type, to index, date, document)
    seen = set()

    def add(ft, s, et, tt, t, doc):
        if ft == tt and s == t:
            return False
        date = rng.randrange(len(dates))
        key = (((type_code[ft] * 64 + edge_code.setdefault(et, len(edge_code))) * 16
                + type_code[tt]) * a.nodes + s) * a.nodes * len(dates) + t * len(dates) + date
        if key in seen:
            return False
        seen.add(key)
        sentences[doc].append(len(edges))
        edges.append((ft, s, et, tt, t, dates[date], doc))
        return True

    reported_weights = [w for _, w in REPORTED_TARGETS]
    half = a.edges // 2
    for doc in range(documents):
        if len(edges) >= half:
            break
        wanted = document_actor_count(rng)
        for _ in range(wanted * 3):  # a few retries for duplicates
            if wanted == 0 or len(edges) >= half:
                break
            tt = rng.choices(REPORTED_TARGETS, reported_weights)[0][0]
            if add("Document", doc, "reported", tt, pick(tt), doc):
                wanted -= 1
    triple_weights = [w for *_, w in TRIPLES]
    while len(edges) < a.edges:
        ft, et, tt, _ = rng.choices(TRIPLES, triple_weights)[0]
        s = pick(ft)
        # A document has few publishers and authors: Document targets are drawn uniformly.
        t = rng.randrange(documents) if tt == "Document" else pick(tt)
        doc = t if tt == "Document" else rng.randrange(documents)
        add(ft, s, et, tt, t, doc)

    def node_id(t, i):
        return prefix[t] + str(i)

    def sentence(k):
        ft, s, et, tt, t, date, _ = edges[k]
        return f"On {date} {node_id(ft, s)} {et} {node_id(tt, t)} (report {k})."

    with open(os.path.join(a.out, "graph.jsonl"), "w") as g, \
            open(os.path.join(a.out, "nodes.csv"), "w") as nc, \
            open(os.path.join(a.out, "edges.csv"), "w") as ec:
        nc.write("id,type,name\n")
        ec.write("source,target,type,date\n")
        # Ids and texts are plain ASCII without quotes or backslashes: formatted, not json.dumps'd.
        for t, count in counts.items():
            for i in range(count):
                n = node_id(t, i)
                name = f"{t} {i}"
                if t == "Document":
                    text = " ".join(sentence(k) for k in sentences[i]) or "Nothing to report."
                    g.write(f'{{"kind":"node","id":"{n}","type":"{t}","name":"{name}",'
                            f'"text":"{text}"}}\n')
                else:
                    g.write(f'{{"kind":"node","id":"{n}","type":"{t}","name":"{name}"}}\n')
                nc.write(f"{n},{t},{name}\n")
        for k, (ft, s, et, tt, t, date, doc) in enumerate(edges):
            f, to = node_id(ft, s), node_id(tt, t)
            g.write(f'{{"kind":"edge","type":"{et}","from":"{f}","to":"{to}","date":"{date}",'
                    f'"sources":[{{"doc":"document:{doc}","quote":"{sentence(k)}"}}]}}\n')
            ec.write(f"{f},{to},{et},{date}\n")

    degree = [0] * counts["Person"]
    for ft, s, _, tt, t, _, _ in edges:
        if ft == "Person":
            degree[s] += 1
        if tt == "Person":
            degree[t] += 1
    connected = [i for i, d in enumerate(degree) if d > 0]
    with open(os.path.join(a.out, "pairs.txt"), "w") as p:
        for _ in range(a.pairs):
            p.write(f"person:{rng.choice(connected)} person:{rng.choice(connected)}\n")
    print(f"{a.out}: {a.nodes} nodes ({documents} documents), {len(edges)} edges, "
          f"{a.pairs} pairs")


if __name__ == "__main__":
    main()
