#!/usr/bin/env python3
"""End-to-end checks of `ergraph export` for diagrams and graph formats, read by real readers:

- DOT from every kind of selection parses with Graphviz's own `dot`;
- the same command gives the same DOT bytes twice;
- names with quotes, backslashes, HTML, record syntax, tabs, Cyrillic, Arabic, emoji and 500
  characters survive DOT and SVG: the SVG (parsed as XML) shows each name as written;
- GraphML is read by NetworkX with the same node and edge counts and attributes;
- node-link JSON is valid and complete;
- PNG and PDF come out as PNG and PDF.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ergraph", required=True)
    ap.add_argument("--source", required=True)
    args = ap.parse_args()
    data = os.path.join(args.source, "tests", "data")
    sample = os.path.join(args.source, "samples", "istanbul-2025", "graph.jsonl")
    with tempfile.TemporaryDirectory(prefix="ergraph-render-") as work:
        def ergraph(db, *a, binary=False):
            proc = subprocess.run([args.ergraph, "--db", os.path.join(work, db), *a],
                                  capture_output=True, cwd=work)
            check(proc.returncode == 0, f"ergraph {' '.join(a)} exited {proc.returncode}: "
                                        f"{proc.stderr.decode(errors='replace')}")
            return proc.stdout if binary else proc.stdout.decode("utf-8")

        ergraph("nasty.db", "init")
        ergraph("nasty.db", "import", os.path.join(data, "nasty.jsonl"))
        ergraph("sample.db", "init")
        ergraph("sample.db", "import", sample)

        # DOT from every selection parses with dot, and is deterministic.
        selections = [
            [],
            ["--focus", "Hakan Fidan", "--depth", "2"],
            ["--path", "Hakan Fidan", "Vladimir Medinsky"],
            ["--path", "Hakan Fidan", "Vladimir Medinsky", "--context", "1"],
            ["--path", "Hakan Fidan", "Vladimir Medinsky", "--k", "3"],
            ["--types", "Person,Country,Delegation"],
            ["--edge-types", "led,represents,member_of", "--cluster-by", "led,represents,member_of"],
            ["--focus", "Russia", "--depth", "1", "--at", "2022", "--dates"],
        ]
        for sel in selections:
            dot = ergraph("sample.db", "export", "--format", "dot", *sel)
            check(dot.startswith("digraph"), f"DOT for {sel} starts with digraph")
            parsed = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True)
            check(parsed.returncode == 0, f"dot parses the DOT for {sel}: {parsed.stderr[:300]}")
            check(ergraph("sample.db", "export", "--format", "dot", *sel) == dot,
                  f"DOT for {sel} is the same bytes twice")
        clustered = ergraph("sample.db", "export", "--format", "dot", "--edge-types",
                            "led,represents", "--cluster-by", "led,represents")
        check("subgraph cluster_0" in clustered and "subgraph cluster_legend" in clustered,
              "--cluster-by makes clusters and the legend is a cluster")

        # Nasty names: DOT parses; SVG shows each name as written.
        names = {}
        with open(os.path.join(data, "nasty.jsonl"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("//"):
                    continue
                r = json.loads(line)
                if r["kind"] == "node":
                    names[r["id"]] = r["name"]
        dot = ergraph("nasty.db", "export", "--format", "dot")
        parsed = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True)
        check(parsed.returncode == 0, f"dot parses the nasty DOT: {parsed.stderr[:300]}")
        svg = ergraph("nasty.db", "export", "--format", "svg", "--layout", "dot")
        root = ET.fromstring(svg)
        ns = {"s": "http://www.w3.org/2000/svg"}
        shown = {}
        for g in root.iter("{http://www.w3.org/2000/svg}g"):
            if g.get("class") != "node":
                continue
            title = g.find("s:title", ns).text
            lines = [t.text or "" for t in g.iter("{http://www.w3.org/2000/svg}text")]
            shown[title] = lines
        fold = lambda s: re.sub(r"\s+", " ", s).strip()
        for node_id, name in names.items():
            check(node_id in shown, f"SVG has a node titled {node_id!r}")
            if node_id not in shown:
                continue
            lines = shown[node_id]
            # Wrapped at spaces (joined back with one) or inside long words (joined as they are).
            check(fold(" ".join(lines)) == fold(name) or "".join(lines) == name,
                  f"SVG shows {name[:40]!r} as written, got {lines[:3]}")
        check("“a\\b &amp; &lt;c&gt;”" in svg, "an edge tooltip holds the citation, escaped")

        # GraphML through NetworkX.
        graphml = os.path.join(work, "sample.graphml")
        ergraph("sample.db", "export", "--format", "graphml", "-o", graphml)
        stats = json.loads(ergraph("sample.db", "stats", "--format", "json"))
        reader = subprocess.run(["/usr/bin/python3", "-c", """
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
e = next(iter(g.edges(data=True)))
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                  "fidan": g.nodes["person:hakan-fidan"], "edge": e[2]}))
""", graphml], capture_output=True, text=True)
        check(reader.returncode == 0, f"NetworkX reads the GraphML: {reader.stderr[-500:]}")
        if reader.returncode == 0:
            got = json.loads(reader.stdout)
            check(got["nodes"] == stats["nodes"], f"GraphML nodes {got['nodes']} == {stats['nodes']}")
            check(got["edges"] == stats["edges"], f"GraphML edges {got['edges']} == {stats['edges']}")
            check(got["fidan"]["name"] == "Hakan Fidan" and got["fidan"]["type"] == "Person",
                  "GraphML node keys: name and type")
            check(isinstance(json.loads(got["edge"]["citations"]), list), "GraphML edge citations")
        nasty_graphml = os.path.join(work, "nasty.graphml")
        ergraph("nasty.db", "export", "--format", "graphml", "-o", nasty_graphml)
        reader = subprocess.run(["/usr/bin/python3", "-c", """
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
print("\\n".join(sorted(d["name"] for _, d in g.nodes(data=True))))
""", nasty_graphml], capture_output=True, text=True)
        check(reader.returncode == 0, f"NetworkX reads the nasty GraphML: {reader.stderr[-500:]}")
        check(reader.stdout.split("\n")[:-1] == sorted("\n".join(names.values()).split("\n")),
              "GraphML keeps every nasty name")

        # Node-link JSON.
        j = json.loads(ergraph("sample.db", "export", "--format", "json"))
        check(len(j["nodes"]) == stats["nodes"] and len(j["links"]) == stats["edges"],
              "node-link JSON has every node and link")
        check(all(set(n) >= {"id", "type", "name", "props"} for n in j["nodes"]), "JSON node fields")
        check(all(set(l) >= {"source", "target", "type", "date", "citations"} for l in j["links"]),
              "JSON link fields")
        check(sum(len(l["citations"]) for l in j["links"]) == stats["citations"], "JSON citations")
        ego = json.loads(ergraph("sample.db", "export", "--format", "json", "--focus", "Umerov"))
        check(any(n["id"] == "person:rustem-umerov" for n in ego["nodes"]) and
              len(ego["nodes"]) < stats["nodes"], "JSON of an ego network")

        # Binary formats.
        png = os.path.join(work, "fidan.png")
        ergraph("sample.db", "export", "--format", "png", "--focus", "Hakan Fidan", "-o", png)
        with open(png, "rb") as f:
            check(f.read(8) == b"\x89PNG\r\n\x1a\n", "PNG signature")
        pdf = ergraph("sample.db", "export", "--format", "pdf", "--path", "Fidan", "Medinsky", "-o", "-",
                      binary=True)
        check(pdf.startswith(b"%PDF-"), "PDF signature")
        svg = ergraph("sample.db", "export", "--format", "svg", "--path", "Fidan", "Medinsky")
        check('stroke="#d00000"' in svg, "the path is drawn in the highlight colour")

    print(f"{0 if failures else 1} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
