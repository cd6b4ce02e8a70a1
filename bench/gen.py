#!/usr/bin/env python3
"""Synthetic actor networks for the benchmarks, deterministic by seed (Python standard library).

Writes, into --out:
  graph.jsonl            the DESIGN.md format: typed nodes, documents with texts, cited dated edges
  nodes.csv, edges.csv   the same graph as plain tables for other tools (id,type,name / source,target,type,date)
  pairs.txt              --pairs seeded (source, target) pairs of Person ids, one pair per line

Node types come in news-like proportions (many Documents and Persons, few Countries). Endpoints
are drawn with heavy-tailed weights (a few Country and Event hubs take huge degree). Every edge
cites a sentence of a generated document text; edges are dated over several years.

Usage: bench/gen.py --nodes 10000 --edges 50000 --seed 1 --out bench/data/S
"""
import argparse
import json
import os
import random

# (type, share of nodes)
NODE_TYPES = [("Document", 0.40), ("Person", 0.35), ("Organization", 0.10), ("Topic", 0.06),
              ("Event", 0.04), ("Place", 0.03), ("Delegation", 0.015), ("Country", 0.005)]
# (from type, edge type, to type, weight): every triple is allowed by schemas/news.yaml.
TRIPLES = [
    ("Document", "reported", "Person", 20), ("Document", "reported", "Country", 8),
    ("Document", "reported", "Event", 8), ("Document", "reported", "Organization", 5),
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

    ids = {}
    for t, share in NODE_TYPES:
        count = max(1, int(a.nodes * share))
        ids[t] = [f"{t.lower()}:{i}" for i in range(count)]
    # Heavy-tailed endpoint choice: cumulative Zipf weights per type, drawn by bisection.
    import bisect
    cumulative = {}
    for t, members in ids.items():
        total, acc = 0.0, []
        for k in range(len(members)):
            total += 1.0 / (k + 1) ** ZIPF
            acc.append(total)
        cumulative[t] = acc

    def pick(t):
        acc = cumulative[t]
        return ids[t][bisect.bisect_left(acc, rng.random() * acc[-1])]

    triple_weights = [w for *_, w in TRIPLES]
    docs = ids["Document"]
    sentences = {d: [] for d in docs}
    edges = []
    seen = set()
    while len(edges) < a.edges:
        ft, et, tt, _ = rng.choices(TRIPLES, triple_weights)[0]
        s, t = pick(ft), pick(tt)
        if s == t:
            continue
        year = rng.randrange(2019, 2026)
        date = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        key = (s, et, t, date)
        if key in seen:
            continue
        seen.add(key)
        doc = s if ft == "Document" else (t if tt == "Document" else docs[rng.randrange(len(docs))])
        sentence = f"On {date} {s} {et} {t} (report {len(edges)})."
        sentences[doc].append(sentence)
        edges.append((s, et, t, date, doc, sentence))

    pair_people = ids["Person"]
    with open(os.path.join(a.out, "graph.jsonl"), "w") as g, \
            open(os.path.join(a.out, "nodes.csv"), "w") as nc, \
            open(os.path.join(a.out, "edges.csv"), "w") as ec:
        nc.write("id,type,name\n")
        ec.write("source,target,type,date\n")
        for t, members in ids.items():
            for n in members:
                record = {"kind": "node", "id": n, "type": t, "name": n.replace(":", " ").title()}
                if t == "Document":
                    record["text"] = " ".join(sentences[n]) or "Nothing to report."
                g.write(json.dumps(record) + "\n")
                nc.write(f"{n},{t},{record['name']}\n")
        for s, et, t, date, doc, sentence in edges:
            g.write(json.dumps({"kind": "edge", "type": et, "from": s, "to": t, "date": date,
                                "sources": [{"doc": doc, "quote": sentence}]}) + "\n")
            ec.write(f"{s},{t},{et},{date}\n")
    with open(os.path.join(a.out, "pairs.txt"), "w") as p:
        for _ in range(a.pairs):
            p.write(f"{pair_people[rng.randrange(len(pair_people))]} "
                    f"{pair_people[rng.randrange(len(pair_people))]}\n")
    print(f"{a.out}: {sum(len(m) for m in ids.values())} nodes, {len(edges)} edges, {a.pairs} pairs")


if __name__ == "__main__":
    main()
