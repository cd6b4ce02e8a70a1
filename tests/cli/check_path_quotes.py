#!/usr/bin/env python3
"""Reads `ergraph path --format json` on stdin and checks, independently of ergraph, that every
hop has at least one citation whose quote occurs in the cited document's text (read from the
data set's JSONL and text files, compared after the same folding of quotes, dashes and spaces),
and that each hop's date and props are those of an edge the JSONL states."""
import json
import os
import re
import sys


def fold(text):
    text = re.sub("[\u2018\u2019\u201a\u201b\u2032\u02bc]", "'", text)
    text = re.sub("[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]", '"', text)
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def main():
    data = sys.argv[1]
    texts = {}
    edges = {}  # (type, from, to, date) -> every props the file gives that edge
    with open(data, encoding="utf-8") as f:
        for line in f:
            if line.startswith("//") or not line.strip():
                continue
            record = json.loads(line)
            if record.get("kind") == "node" and record.get("type") == "Document":
                path = os.path.join(os.path.dirname(data), record["text_file"])
                with open(path, encoding="utf-8") as t:
                    texts[record["id"]] = fold(t.read())
            if record.get("kind") == "edge":
                key = (record["type"], record["from"], record["to"], record.get("date", ""))
                edges.setdefault(key, []).append(record.get("props", {}))
    result = json.load(sys.stdin)
    hops = 0
    for path in result["paths"]:
        for hop in path["hops"]:
            hops += 1
            assert hop["citations"], f"hop without citation: {hop}"
            key = (hop["type"], hop["from"], hop["to"], hop["date"] or "")
            assert key in edges, f"no such edge in the data: {key}"
            assert hop["props"] in edges[key], f"props {hop['props']} not the data's: {edges[key]}"
            for c in hop["citations"]:
                assert fold(c["quote"]) in texts[c["doc"]], f"quote not in {c['doc']}: {c['quote']}"
    print(f"{len(result['paths'])} paths, {hops} hops, every hop cited by a quote found in its "
          "document, its date and props the data's")


if __name__ == "__main__":
    main()
