#!/usr/bin/env python3
"""Scores `ergraph extract` against the hand-made gold graph (samples/istanbul-2025/graph.jsonl).

Usage:
  bench/extract_eval.py --ergraph /abs/path/to/ergraph [--gold FILE] [--docs DIR]
      [--mode empty|known|both] [--check-targets] [--json OUT.json] [--keep DIR] [--show-errors]
  bench/extract_eval.py --proposals FILE [--mode ...] ...   (score FILE, run no ergraph)

Per mode, in a fresh temporary directory: `ergraph --db DB init`; in mode "known" only, the gold
NODES (not edges) are imported first, Document text_file replaced by inline text; then
`extract <every *.txt in --docs, sorted> -o proposed.jsonl`, `validate` and `import` of it (any
failure: exit 2). "empty" measures extraction from nothing, "known" with the entities already in
the database (proposals may then reference gold ids without defining them). With --proposals the
file is scored as it is; ids it references without defining are taken as gold ids.

SCORING (the definition the project reports)
Node mapping: every proposed node -- each id defined by a record of the proposal file (records
repeating an id are merged: union of names/aliases) plus each id referenced by an edge but not
defined -- maps to at most one gold node:
  * a referenced-but-undefined id, and in mode "known" also a defined id that is a gold id (it is
    the database node, e.g. re-asserted to add an alias), maps to the gold node with that id;
  * Document: the gold Document whose text_file has the same basename as the proposal's
    text_file; failing that, the same text (proposal's inline text or file) after collapsing
    white space;
  * Event, Topic: same type; score = max over (proposal name/alias, gold name/alias) pairs of the
    Jaccard similarity of their content-word sets; at least one shared word needed; for Events,
    if both have a props.date and neither is a prefix of the other, no match. Highest score wins,
    ties to the lowest gold id. Content words: NFKD, combining marks dropped, lowercased,
    possessive 's dropped, split on every non-alphanumeric character (hyphenated pieces become
    separate words), STOP words dropped, a trailing "s" stripped from words longer than 3 letters;
    for Events, numbers and month names are dropped as well (dates are compared by props.date,
    and a date in a name is not what the event is about);
  * any other type: same type and some name/alias equal to some gold name/alias under KEY
    (accents removed, lowercased, only letters and digits kept). Several candidates: first those
    whose name matches (gold name = proposal name, then gold name = any proposal key, then the
    rest), then the lowest id.
A proposed node that maps to nothing makes its edges wrong.
Edges: the triple (type, from, to) after mapping; duplicates count once on each side (gold also
as unique triples; dates are ignored). correct = proposed triples that are gold triples.
precision = correct / proposed ("-" when nothing proposed), recall = correct / gold. Reported per
edge type and for the groups ACTOR, CLAIM and all edges. --check-targets: exit 1 unless, in every
mode run, actor P >= 0.8, actor R >= 0.6, claim P >= 0.6, claim R >= 0.3.

Standard library only. Exit codes: 0 ok, 1 a target missed, 2 ergraph failed or bad input.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ACTOR = ["led", "chaired", "mediated", "attended", "held_in", "located_in", "represents",
         "member_of", "works_for", "holds_office"]
CLAIM = ["demanded", "urged", "proposed", "agreed", "rejected", "supported", "condemned",
         "threatened", "discussed", "reported"]
TARGETS = [("actor", "precision", 0.8), ("actor", "recall", 0.6),
           ("claim", "precision", 0.6), ("claim", "recall", 0.3)]
STOP = set("""the a an of to in on at for with and or from by as its their his her that this these
those be is was were will would between over after before since into about two both each which
who what any all new possible potential it they we he she has have had been not no""".split())
FUZZY_TYPES = ("Event", "Topic")


# ---------------------------------------------------------------- reading and normalising
def read_jsonl(path):
    """Records of a JSON Lines file (blank lines and // comments skipped)."""
    out = []
    with open(path, encoding="utf-8-sig") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                out.append(json.loads(line))
            except ValueError as e:
                print(f"{path}:{n}: malformed JSON: {e}", file=sys.stderr)
                sys.exit(2)
    return out


def fold(s):
    """Lowercase, accents removed (NFKD, combining marks dropped)."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def key(s):
    """Exact-match key for names: folded, letters and digits only."""
    return "".join(c for c in fold(s) if c.isalnum())


MONTHS = set("""january february march april may june july august september october november
december jan feb mar apr jun jul aug sep sept oct nov dec""".split())


def words(s, event=False):
    """Content-word set of a name (see SCORING)."""
    s = re.sub(r"['\u2019\u02bc]s\b", "", fold(s))
    out = set()
    for w in re.findall(r"[^\W_]+", s):
        if w in STOP or (event and (w.isdigit() or w in MONTHS)):
            continue
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") else w)
    return out


def jaccard(a, b):
    return len(a & b) / len(a | b) if a & b else 0.0


def names(node):
    return [node.get("name", "")] + list(node.get("aliases") or [])


def squash(text):
    return " ".join(text.split())


def doc_text(node, base):
    """A Document's text: inline, or its text_file read relative to `base`; None if unreadable."""
    if "text" in node:
        return node["text"]
    try:
        with open(os.path.join(base, node["text_file"]), encoding="utf-8-sig") as f:
            return f.read()
    except (KeyError, OSError):
        return None


# ---------------------------------------------------------------- graphs
class Graph:
    """Nodes (id -> merged record) and edge records of one JSONL file."""

    def __init__(self, path):
        self.base = os.path.dirname(os.path.abspath(path))
        self.nodes, self.edges = {}, []
        for r in read_jsonl(path):
            if r.get("kind") == "edge":
                self.edges.append(r)
            elif r.get("kind") == "node":
                # a repeated id (e.g. to add an alias) merges: the first type, the last name,
                # every other name seen kept as an alias, props merged key by key
                n = self.nodes.setdefault(r["id"], {"id": r["id"], "type": r.get("type"),
                                                    "aliases": [], "props": {}})
                seen = names(n) + [a for a in names(r) if a and a not in names(n)]
                for k in ("name", "text", "text_file", "extracted"):
                    if k in r:
                        n[k] = r[k]
                n["props"].update(r.get("props") or {})
                n["aliases"] = [a for a in seen[1:] + seen[:1] if a and a != n.get("name")]


def best_gold(p, gold, by_type):
    """The gold id a defined proposed node maps to, or None (SCORING, node mapping)."""
    t = p.get("type")
    cands = by_type.get(t, [])
    if t == "Document":
        if p.get("text_file"):
            hit = [g["id"] for g in cands if os.path.basename(g.get("text_file", "")) ==
                   os.path.basename(p["text_file"])]
            if hit:
                return min(hit)
        text = p.get("_text")
        hit = [g["id"] for g in cands if text is not None and g.get("_text") == text]
        return min(hit) if hit else None
    if t in FUZZY_TYPES:
        pw = [words(x, t == "Event") for x in names(p)]
        best = None
        for g in cands:
            pd, gd = (p.get("props") or {}).get("date"), (g.get("props") or {}).get("date")
            if t == "Event" and pd and gd and not (pd.startswith(gd) or gd.startswith(pd)):
                continue
            score = max(jaccard(a, words(b, t == "Event")) for a in pw for b in names(g))
            if score > 0 and (best is None or (-score, g["id"]) < best):
                best = (-score, g["id"])
        return best[1] if best else None
    pk = {key(x) for x in names(p)} - {""}
    pname = key(p.get("name", ""))
    ranked = []
    for g in cands:
        gk = {key(x) for x in names(g)}
        if pk & gk:
            gname = key(g.get("name", ""))
            ranked.append((0 if gname == pname else 1 if gname in pk else 2, g["id"]))
    return min(ranked)[1] if ranked else None


def score(gold, prop, mode):
    """All figures of one mode: per edge type, per group, node mapping, error lists."""
    by_type = {}
    for g in gold.nodes.values():
        if g["type"] == "Document":
            g["_text"] = squash(doc_text(g, gold.base) or "")
        by_type.setdefault(g["type"], []).append(g)
    mapping, node_stats = {}, {}
    for pid, p in sorted(prop.nodes.items()):
        if p.get("type") == "Document":
            t = doc_text(p, prop.base)
            p["_text"] = squash(t) if t is not None else None
        if mode == "known" and pid in gold.nodes:
            mapping[pid] = pid                      # the database node itself
        else:
            mapping[pid] = best_gold(p, gold, by_type)
    for e in prop.edges:                            # referenced, not defined: database nodes
        for end in (e["from"], e["to"]):
            if end not in prop.nodes and end not in mapping:
                mapping[end] = end if end in gold.nodes else None
    for pid, gid in mapping.items():
        t = prop.nodes[pid]["type"] if pid in prop.nodes else \
            gold.nodes[pid]["type"] if pid in gold.nodes else "?"
        s = node_stats.setdefault(t, {"mapped": 0, "unmapped": 0, "unmapped_ids": []})
        s["mapped" if gid else "unmapped"] += 1
        if not gid:
            s["unmapped_ids"].append(pid)

    def first_quote(e):
        src = e.get("sources") or []
        return src[0].get("quote", "") if src else ""

    gold_t = {}                                     # triple -> first citing record
    for e in gold.edges:
        gold_t.setdefault((e["type"], e["from"], e["to"]), e)
    prop_t = {}
    for e in prop.edges:
        f, t = mapping.get(e["from"]), mapping.get(e["to"])
        trip = (e["type"], f or "?" + e["from"], t or "?" + e["to"])  # "?raw" never gold
        prop_t.setdefault(trip, e)

    def ratios(g, p, c):
        return {"gold": g, "proposed": p, "correct": c,
                "precision": round(c / p, 4) if p else None,
                "recall": round(c / g, 4) if g else None}

    def count(select):
        g = sum(1 for x in gold_t if select(x[0]))
        p = sum(1 for x in prop_t if select(x[0]))
        c = sum(1 for x in prop_t if select(x[0]) and x in gold_t)
        return ratios(g, p, c)

    types = sorted({x[0] for x in gold_t} | {x[0] for x in prop_t})
    wrong = [{"triple": list(x), "raw": [e["from"], e["to"]],
              "rule": (e.get("extracted") or {}).get("rule"), "quote": first_quote(e)}
             for x, e in sorted(prop_t.items()) if x not in gold_t]
    missed = [{"triple": list(x), "quote": first_quote(e)}
              for x, e in sorted(gold_t.items()) if x not in prop_t]
    return {"types": {t: count(lambda x, t=t: x == t) for t in types},
            "groups": {"actor": count(lambda x: x in ACTOR), "claim": count(lambda x: x in CLAIM),
                       "all": count(lambda x: True)},
            "nodes": {t: node_stats[t] for t in sorted(node_stats)},
            "wrong": wrong, "missed": missed}


# ---------------------------------------------------------------- running ergraph
def run(cmd):
    """Runs an ergraph command; on failure prints it with its stderr and exits 2."""
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        print("command failed (exit %d): %s" % (r.returncode, " ".join(cmd)), file=sys.stderr)
        sys.stderr.write(r.stderr)
        sys.exit(2)
    return r


def produce(args, mode, tmp):
    """Runs init [+ gold node import] + extract + validate + import; returns the proposal path."""
    db = os.path.join(tmp, "graph.db")
    base = [args.ergraph, "--db", db]
    run(base + ["init"])
    if mode == "known":
        gold_dir = os.path.dirname(os.path.abspath(args.gold))
        known = os.path.join(tmp, "known-nodes.jsonl")
        with open(known, "w", encoding="utf-8") as out:
            for r in read_jsonl(args.gold):
                if r.get("kind") != "node":
                    continue
                if "text_file" in r:               # inline the text: the tmp dir has no docs
                    r = dict(r)
                    with open(os.path.join(gold_dir, r.pop("text_file")), encoding="utf-8-sig") as f:
                        r["text"] = f.read()
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        run(base + ["import", known])
    docs = sorted(glob.glob(os.path.join(os.path.abspath(args.docs), "*.txt")))
    if not docs:
        print(f"no *.txt in {args.docs}", file=sys.stderr)
        sys.exit(2)
    proposed = os.path.join(tmp, "proposed.jsonl")
    run(base + ["extract"] + docs + ["-o", proposed])
    run(base + ["validate", proposed])
    run(base + ["import", proposed])
    return proposed


# ---------------------------------------------------------------- reporting
def fmt(x):
    return "-" if x is None else "%.2f" % x


def print_mode(mode, res, show_errors):
    print(f"== mode: {mode} ==")
    print("\nproposed nodes   mapped  unmapped")
    for t, s in res["nodes"].items():
        print(f"{t:<15} {s['mapped']:>7} {s['unmapped']:>9}")
    print(f"\n{'edge type':<15} {'gold':>5} {'proposed':>9} {'correct':>8} {'precision':>10} "
          f"{'recall':>7}")
    rows = list(res["types"].items()) + [("-" * 15, None)] + \
        [(g + " edges" if g != "all" else "all", v) for g, v in res["groups"].items()]
    for name, v in rows:
        if v is None:
            print(name)
            continue
        print(f"{name:<15} {v['gold']:>5} {v['proposed']:>9} {v['correct']:>8} "
              f"{fmt(v['precision']):>10} {fmt(v['recall']):>7}")
    if show_errors:
        print("\nunmapped proposed nodes:")
        for t, s in res["nodes"].items():
            for pid in s["unmapped_ids"]:
                print(f"  {t}  {pid}")
        print(f"\nwrong proposed triples ({len(res['wrong'])}):")
        for w in res["wrong"]:
            t, f, to = w["triple"]
            print(f"  {t} {f} -> {to}  [rule {w['rule']}]  (raw {w['raw'][0]} -> {w['raw'][1]})")
            print("      " + json.dumps(w["quote"], ensure_ascii=False))
        print(f"\nmissed gold triples ({len(res['missed'])}):")
        for m in res["missed"]:
            t, f, to = m["triple"]
            print(f"  {t} {f} -> {to}\n      " + json.dumps(m["quote"], ensure_ascii=False))
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ergraph", help="absolute path of the ergraph binary")
    ap.add_argument("--gold", default=os.path.join(ROOT, "samples/istanbul-2025/graph.jsonl"))
    ap.add_argument("--docs", default=os.path.join(ROOT, "samples/istanbul-2025/docs"))
    ap.add_argument("--mode", choices=["empty", "known", "both"], default="both")
    ap.add_argument("--check-targets", action="store_true")
    ap.add_argument("--json", metavar="OUT.json")
    ap.add_argument("--keep", metavar="DIR")
    ap.add_argument("--proposals", metavar="FILE", help="score FILE instead of running ergraph")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    if not args.proposals and not args.ergraph:
        ap.error("--ergraph is required unless --proposals is given")
    if args.ergraph and not args.proposals and not os.access(args.ergraph, os.X_OK):
        ap.error(f"not an executable: {args.ergraph}")
    gold = Graph(args.gold)
    modes = ["empty", "known"] if args.mode == "both" else [args.mode]
    results, failed = {}, []
    for mode in modes:
        with tempfile.TemporaryDirectory(prefix=f"extract-eval-{mode}-") as tmp:
            path = args.proposals or produce(args, mode, tmp)
            if args.keep:
                os.makedirs(args.keep, exist_ok=True)
                shutil.copyfile(path, os.path.join(args.keep, f"proposed-{mode}.jsonl"))
            res = score(gold, Graph(path), mode)
        print_mode(mode, res, args.show_errors)
        for group, what, floor in TARGETS:
            value = res["groups"][group][what]
            if value is None or value < floor:
                failed.append(f"{mode}: {group} {what} {fmt(value)} < {floor:.2f}")
        results[mode] = {k: res[k] for k in ("types", "groups", "nodes")}
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"gold": os.path.relpath(os.path.abspath(args.gold), ROOT), "modes": results,
                       "targets": {f"{g} {w}": v for g, w, v in TARGETS},
                       "targets_missed": failed}, f, indent=2, sort_keys=True)
            f.write("\n")
    if args.check_targets:
        for line in failed:
            print(f"target missed: {line}")
        if failed:
            return 1
        print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
