#!/usr/bin/env python3
"""Enforces the layers of docs/architecture.md on every #include, at build time.

Each engine layer may include its own headers and the public headers (engine/include/ergraph/)
of the layers below it, never a layer above and never another layer's private files
(engine/src/<other layer>/...). The CLI sees the engine through the facade and the base value
headers only. Third-party libraries stay in the layer that owns them (SQLite in store, Graphviz
in render, Boost.Graph in graph and query, CLI11 in the CLI).

Usage: check_layers.py SOURCE_DIR [--stamp FILE]
Exit 0 when every include is allowed; else 1 with one line per offending include, file:line.
"""
import argparse
import os
import re
import sys

# Layers from the bottom up; each may use the layers listed for it.
LAYERS = {
    "base": [],
    "schema": ["base"],
    "store": ["base", "schema"],
    "io": ["base", "schema", "store"],
    "extract": ["base", "schema"],
    "graph": ["base", "schema", "store"],
    "query": ["base", "schema", "store", "graph"],
    "cypher": ["base", "schema", "store", "graph", "query"],
    "render": ["base", "schema", "store", "graph", "query"],
    "facade": ["base", "schema", "store", "io", "extract", "graph", "query", "cypher", "render"],
    # The CLI: the facade, and the value types every layer shares.
    "cli": ["base", "schema", "facade"],
}

# Public headers (engine/include/ergraph/NAME.hpp) by the layer that owns them. A header missing
# here is an error: a new header must say where it belongs.
HEADERS = {
    "error": "base",
    "text": "base",
    "model": "base",
    "csv_row": "base",
    "checksum": "base",
    "memory": "base",
    "spelling": "base",
    "schema": "schema",
    "store": "store",
    "import": "io",
    "jsonl": "io",
    "csv": "io",
    "graph_formats": "io",
    "extract": "extract",
    "graph": "graph",
    "adjacency": "graph",
    "query": "query",
    "evidence": "query",
    "conflicts": "query",
    "xref": "query",
    "cypher": "cypher",
    "render": "render",
    "database": "facade",
}

# Third-party headers by prefix, and the layers that may include them.
THIRD_PARTY = {
    "sqlite3.h": ["store"],
    "graphviz/": ["render"],
    "boost/": ["graph", "query"],
    "CLI/": ["cli"],
    "unicode/": ["base"],
    "yaml-cpp/": ["schema"],
}

# Engine internals the CLI must not name even through the facade's includes: it asks the facade
# and gets nodes and cited edges, never store keys or snapshot vertices.
CLI_FORBIDDEN = re.compile(r"\b(VertexId|EdgeId|GraphSnapshot|PathFinder|Store|store_id|"
                           r"edge_by_key|Selection)\b")

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def layer_of(root, path):
    """The layer a source file belongs to, or None for files outside the layered code."""
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    if rel.startswith("engine/src/"):
        return rel.split("/")[2]
    if rel.startswith("engine/include/ergraph/"):
        name = os.path.splitext(os.path.basename(rel))[0]
        return HEADERS.get(name, "?" + name)
    if rel.startswith("cli/"):
        return "cli"
    return None


def check_file(root, path, problems):
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    layer = layer_of(root, path)
    if layer is None:
        return
    if layer.startswith("?"):
        problems.append(f"{rel}:1: public header with no layer: add '{layer[1:]}' to HEADERS in "
                        f"tools/check_layers.py (and to docs/architecture.md)")
        return
    if layer not in LAYERS:
        problems.append(f"{rel}:1: folder engine/src/{layer}/ is no layer: add it to LAYERS in "
                        f"tools/check_layers.py (and to docs/architecture.md)")
        return
    allowed = set(LAYERS[layer]) | {layer}
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if not m:
                code = line.split("//")[0]
                hit = CLI_FORBIDDEN.search(code) if layer == "cli" else None
                if hit:
                    problems.append(f"{rel}:{number}: the CLI names the engine internal "
                                    f"'{hit.group(1)}'; ask ergraph::Database instead")
                continue
            bracket, target = m.groups()
            where = f"{rel}:{number}"
            if target.startswith("ergraph/"):
                name = os.path.splitext(target[len("ergraph/"):])[0]
                owner = HEADERS.get(name)
                if owner is None:
                    problems.append(f"{where}: includes {target}, a header with no layer")
                elif owner not in allowed:
                    problems.append(f"{where}: the {layer} layer includes {target} of the "
                                    f"{owner} layer, which it may not use (allowed: "
                                    f"{', '.join(sorted(allowed))})")
                continue
            if bracket == '"':
                # A private header: only from the including file's own folder tree.
                resolved = os.path.normpath(os.path.join(os.path.dirname(path), target))
                target_layer = layer_of(root, resolved)
                if layer == "cli" and os.path.relpath(resolved, root).startswith("cli"):
                    continue
                if target_layer != layer:
                    problems.append(f"{where}: the {layer} layer includes the private file "
                                    f"{os.path.relpath(resolved, root)} of another layer")
                continue
            for prefix, owners in THIRD_PARTY.items():
                if target.startswith(prefix) and layer not in owners:
                    problems.append(f"{where}: <{target}> belongs to the "
                                    f"{' and '.join(owners)} layer, not {layer}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("--stamp")
    args = parser.parse_args()
    root = os.path.abspath(args.source)
    problems = []
    for top in ("engine", "cli"):
        for folder, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if name.endswith((".hpp", ".cpp", ".h")):
                    check_file(root, os.path.join(folder, name), problems)
    if problems:
        for p in sorted(problems):
            print(p, file=sys.stderr)
        print(f"check_layers: {len(problems)} include(s) break the layers of "
              f"docs/architecture.md", file=sys.stderr)
        return 1
    if args.stamp:
        with open(args.stamp, "w") as f:
            f.write("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
