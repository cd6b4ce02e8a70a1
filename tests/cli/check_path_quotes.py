#!/usr/bin/env python3
"""Reads `ergraph path --format json` on stdin and checks, independently of ergraph, that every
hop has at least one citation whose quote occurs in the cited document's text (read from the
data set's JSONL and text files, compared after the same folding of quotes, dashes and spaces)."""
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
    with open(data, encoding="utf-8") as f:
        for line in f:
            if line.startswith("//") or not line.strip():
                continue
            record = json.loads(line)
            if record.get("kind") == "node" and record.get("type") == "Document":
                path = os.path.join(os.path.dirname(data), record["text_file"])
                with open(path, encoding="utf-8") as t:
                    texts[record["id"]] = fold(t.read())
    result = json.load(sys.stdin)
    hops = 0
    for path in result["paths"]:
        for hop in path["hops"]:
            hops += 1
            assert hop["citations"], f"hop without citation: {hop}"
            for c in hop["citations"]:
                assert fold(c["quote"]) in texts[c["doc"]], f"quote not in {c['doc']}: {c['quote']}"
    print(f"{len(result['paths'])} paths, {hops} hops, every hop cited by a quote found in its document")


if __name__ == "__main__":
    main()
