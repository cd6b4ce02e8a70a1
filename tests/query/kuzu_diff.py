#!/usr/bin/env python3
"""Differential test of `ergraph query` against Kuzu, a real Cypher engine.

Both engines get the same graph (samples/istanbul-2025/graph.jsonl, typed by schemas/news.yaml)
and run the same queries (tests/query/differential.jsonl); their results must agree:

    python3 tests/query/kuzu_diff.py --ergraph /abs/path/ergraph [--kuzu-modules DIR]
                                     [--cases FILE] [--only N[,M-K]] [-v]
    python3 tests/query/kuzu_diff.py --kuzu-only [-v]     # Kuzu's results alone, to check cases

A case is one JSON object a line:
    query          the query (openCypher), as ergraph runs it
    kuzu           Kuzu's spelling when it differs (id(v) -> v.id, labels(v) -> [label(v)], ...)
    ordered        compare rows in order (default: as multisets)
    ordered_lists  compare lists in order (default: lists, such as collect()'s, as multisets)
    error          both engines must refuse the query (ergraph with exit code 1)
    skip_kuzu      an ergraph-only feature: ergraph must only run it (exit 0, or 1 for errors)
    note           why the Kuzu spelling differs, or anything else worth knowing

Values compare as: numbers with a 1e-9 relative tolerance (2 == 2.0), nodes by id,
relationships by (type, from, to, date), paths by their node and relationship sequences.
Column names are compared only when every column is aliased with AS in both spellings.

Exit code 1 when a case differed or ergraph crashed; 0 otherwise, also when Kuzu is not
available (the run then prints `skip: kuzu not installed (...)`).
"""
import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
SAMPLE = os.path.join(SOURCE, "samples", "istanbul-2025", "graph.jsonl")
SCHEMA = os.path.join(SOURCE, "schemas", "news.yaml")
DEFAULT_CASES = os.path.join(HERE, "differential.jsonl")
KUZU_VERSION = "0.11.3"
KUZU_CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                          "ergraph-tests", "kuzu-" + KUZU_VERSION)
PROP_TYPES = {"string": "STRING", "date": "STRING", "number": "DOUBLE", "bool": "BOOLEAN",
              "list<string>": "STRING[]"}
REL_TOLERANCE = 1e-9
CRASH_MARKS = ("AddressSanitizer", "LeakSanitizer", "runtime error")
ERGRAPH_TIMEOUT_S = 60
BRIEF_ROWS = 6
KUZU_PLACEHOLDER = "RETURN 1"


# ---------------------------------------------------------------- the data, for both engines

def read_jsonl(path):
    """The records of a JSON Lines file, skipping blank lines and `//` comments."""
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            text = line.strip()
            if text and not text.startswith("//"):
                records.append(json.loads(text))
    return records


def read_schema(path):
    """The schema YAML as a dict (PyYAML, which the test needs)."""
    try:
        import yaml
    except ImportError:
        sys.exit("kuzu_diff: needs PyYAML (Debian: python3-yaml)")
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def endpoint_types(value, node_types):
    """The node types an edge type's `from` or `to` allows ("*" or "any": every type)."""
    if value in ("*", "any", None) or value == ["*"] or value == ["any"]:
        return list(node_types)
    return list(value)


def kuzu_load_spec(records, schema):
    """Kuzu's tables for the graph: one node table per node type, one rel table per edge type.

    The same (from, type, to, date) given twice is one edge, as ergraph merges their citations.
    A node's missing aliases are an empty list, as ergraph stores them.
    """
    node_types = schema["node_types"]
    edge_types = schema["edge_types"]
    node_tables, type_of = {}, {}
    for name, spec in node_types.items():
        columns = [{"name": "id", "type": "STRING"}, {"name": "name", "type": "STRING"},
                   {"name": "aliases", "type": "STRING[]"}]
        columns += [{"name": p, "type": PROP_TYPES[t]} for p, t in (spec.get("props") or {}).items()]
        node_tables[name] = {"name": name, "columns": columns, "rows": []}
    for r in records:
        if r.get("kind") != "node":
            continue
        row = dict(r.get("props") or {})
        row.update(id=r["id"], name=r["name"], aliases=r.get("aliases") or [])
        node_tables[r["type"]]["rows"].append(row)
        type_of[r["id"]] = r["type"]

    rel_tables, seen = {}, set()
    for name, spec in edge_types.items():
        froms = endpoint_types(spec.get("from"), node_types)
        tos = endpoint_types(spec.get("to"), node_types)
        columns = [{"name": "date", "type": "STRING"}]
        columns += [{"name": p, "type": PROP_TYPES[t]} for p, t in (spec.get("props") or {}).items()]
        rel_tables[name] = {"name": name, "pairs": [[a, b] for a in froms for b in tos],
                            "columns": columns, "rows": []}
    for r in records:
        if r.get("kind") != "edge":
            continue
        key = (r["from"], r["type"], r["to"], r.get("date"))
        if key in seen:
            continue
        seen.add(key)
        props = dict(r.get("props") or {})
        props["date"] = r.get("date")
        rel_tables[r["type"]]["rows"].append({
            "from": r["from"], "from_type": type_of[r["from"]],
            "to": r["to"], "to_type": type_of[r["to"]], "props": props})
    return {"node_tables": list(node_tables.values()), "rel_tables": list(rel_tables.values())}


# ---------------------------------------------------------------- running the engines

def kuzu_ready(folder):
    """Whether `folder` holds node_modules/kuzu with its native binary copied in."""
    return bool(folder) and os.path.exists(os.path.join(folder, "node_modules", "kuzu", "kuzujs.node"))


def find_kuzu(explicit, may_install):
    """The folder holding node_modules/kuzu, installing it when it can; (folder, None) or
    (None, reason)."""
    if shutil.which("node") is None:
        return None, "no node on PATH"
    candidates = [explicit] if explicit else [os.environ.get("KUZU_MODULES"),
                                              os.path.join(SOURCE, "bench", ".kuzu"), KUZU_CACHE]
    for folder in candidates:
        if kuzu_ready(folder):
            return os.path.abspath(folder), None
    if not may_install:
        return None, "not found in " + ", ".join(c for c in candidates if c)
    if shutil.which("npm") is None:
        return None, "no npm on PATH to install it"
    target = explicit or KUZU_CACHE
    os.makedirs(target, exist_ok=True)
    print(f"installing kuzu@{KUZU_VERSION} into {target} ...", flush=True)
    log = os.path.join(target, "npm.log")
    with open(log, "w") as out:
        ok = subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund",
                             "kuzu@" + KUZU_VERSION], cwd=target, stdout=out,
                            stderr=subprocess.STDOUT).returncode == 0
        # npm 11 does not run install scripts; kuzu's only copies its prebuilt binary in place.
        ok = ok and subprocess.run(["node", "install.js"],
                                   cwd=os.path.join(target, "node_modules", "kuzu"), stdout=out,
                                   stderr=subprocess.STDOUT).returncode == 0
    if ok and kuzu_ready(target):
        return os.path.abspath(target), None
    return None, f"npm install kuzu@{KUZU_VERSION} failed, see {log}"


def run_kuzu(modules, load_spec, queries, work):
    """Every query's result from Kuzu (one process for all): (version, [result])."""
    load_path = os.path.join(work, "kuzu_load.json")
    queries_path = os.path.join(work, "kuzu_queries.json")
    out_path = os.path.join(work, "kuzu_out.json")
    with open(load_path, "w", encoding="utf-8") as f:
        json.dump(load_spec, f)
    with open(queries_path, "w", encoding="utf-8") as f:
        json.dump(queries, f)
    proc = subprocess.run(["node", os.path.join(HERE, "kuzu_run.js"), os.path.join(work, "kuzu.db"),
                           load_path, queries_path, out_path],
                          env=dict(os.environ, KUZU_MODULES=modules), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError("kuzu_run.js failed:\n" + proc.stderr[-3000:])
    with open(out_path, encoding="utf-8") as f:
        out = json.load(f)
    return out.get("version"), out["results"]


class ErgraphRun:
    """One ergraph process: its exit code, stdout and stderr."""

    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err

    @property
    def crashed(self):
        """Exit code other than 0/1 (or a signal), or a sanitizer report."""
        return self.code not in (0, 1) or any(m in self.err for m in CRASH_MARKS)


def ergraph(exe, work, *args):
    """Runs ergraph on the test database in `work`."""
    env = dict(os.environ, ERGRAPH_DB=os.path.join(work, "test.db"), LC_ALL="C.UTF-8")
    try:
        proc = subprocess.run([exe] + list(args), cwd=work, env=env, capture_output=True,
                              timeout=ERGRAPH_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return ErgraphRun(-1, "", f"timed out after {ERGRAPH_TIMEOUT_S} s")
    return ErgraphRun(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                      proc.stderr.decode("utf-8", "replace"))


def ergraph_batch(exe, work, queries):
    """Runs `queries` in one `ergraph batch` process (the sanitizer build then starts once, not
    once per query): one ErgraphRun per query, or None when the outputs cannot be paired with
    the queries (a query failed or crashed; the caller then runs them one by one)."""
    lines = []
    for i, q in enumerate(queries):
        path = os.path.join(work, f"q{i}.cypher")
        with open(path, "w", encoding="utf-8") as f:
            f.write(q)
        lines.append(f"query --format json -f {path}\n")
    script = os.path.join(work, "queries.txt")
    with open(script, "w", encoding="utf-8") as f:
        f.writelines(lines)
    run = ergraph(exe, work, "batch", script)
    if run.code != 0:
        return None
    decoder, docs, i = json.JSONDecoder(), [], 0
    while True:
        while i < len(run.out) and run.out[i].isspace():
            i += 1
        if i >= len(run.out):
            break
        try:
            doc, i = decoder.raw_decode(run.out, i)
        except ValueError:
            return None
        docs.append(doc)
    if len(docs) != len(queries):
        return None
    return [ErgraphRun(0, json.dumps(d), "") for d in docs]


def prepare_ergraph(exe, work):
    """Creates the test database and imports the sample; exits on failure."""
    for args in (["init"], ["import", SAMPLE]):
        run = ergraph(exe, work, *args)
        if run.code != 0:
            sys.exit(f"kuzu_diff: ergraph {' '.join(args)} failed (exit {run.code}):\n{run.err}")


# ---------------------------------------------------------------- comparing results

def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def kind(v):
    """'node', 'rel', 'path', 'list', 'map', 'number' or 'scalar'."""
    if isinstance(v, dict):
        keys = set(v)
        if keys == {"id", "type", "name"}:
            return "node"
        if {"type", "from", "to", "date"} <= keys and "id" not in keys:
            return "rel"  # a path's relationships also carry their citations
        if keys == {"nodes", "relationships"}:
            return "path"
        return "map"
    if isinstance(v, list):
        return "list"
    return "number" if is_number(v) else "scalar"


def unmatched(xs, ys, same):
    """The elements of xs and of ys left over when each is paired with an equal one of the
    other (greedily, under the equality `same`)."""
    left, right = [], list(ys)
    for x in xs:
        for i, y in enumerate(right):
            if same(x, y):
                del right[i]
                break
        else:
            left.append(x)
    return left, right


def same_multiset(xs, ys, same):
    """Whether two lists are equal as multisets under the equality `same`."""
    return len(xs) == len(ys) and unmatched(xs, ys, same) == ([], [])


def same_value(a, b, ordered_lists=False):
    """Whether two result values agree (see the module docstring)."""
    ka, kb = kind(a), kind(b)
    if ka != kb:
        return False
    if ka == "number":
        return math.isclose(a, b, rel_tol=REL_TOLERANCE, abs_tol=1e-12)
    if ka == "node":
        return a["id"] == b["id"]
    if ka == "rel":
        return all(a[k] == b[k] for k in ("type", "from", "to", "date"))
    if ka == "path":
        return (len(a["nodes"]) == len(b["nodes"]) and
                len(a["relationships"]) == len(b["relationships"]) and
                all(same_value(x, y) for x, y in zip(a["nodes"], b["nodes"])) and
                all(same_value(x, y) for x, y in zip(a["relationships"], b["relationships"])))
    if ka == "list":
        same = lambda x, y: same_value(x, y, ordered_lists)
        if ordered_lists:
            return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
        return same_multiset(a, b, same)
    if ka == "map":
        return set(a) == set(b) and all(same_value(a[k], b[k], ordered_lists) for k in a)
    return a == b


def same_rows(rows_a, rows_b, ordered, ordered_lists):
    """Whether two result tables hold the same rows (in order, or as multisets)."""
    same = lambda x, y: same_value(x, y, ordered_lists)
    if ordered:
        return len(rows_a) == len(rows_b) and all(same(x, y) for x, y in zip(rows_a, rows_b))
    return same_multiset(rows_a, rows_b, same)


def mask(query):
    """The query with string literals and bracketed text blanked out, same length, so
    top-level keywords and commas can be found with regular expressions."""
    out, depth, quote, escaped = [], 0, None, False
    for ch in query:
        if quote:
            out.append(" ")
            if escaped:
                escaped = False
            elif ch == "\\" and quote != "`":
                escaped = True
            elif ch == quote:
                quote = None
            continue
        if ch in "'\"`":
            quote = ch
            out.append(" ")
        elif ch in "([{":
            depth += 1
            out.append(ch if depth == 1 else " ")
        elif ch in ")]}":
            depth -= 1
            out.append(ch if depth == 0 else " ")
        else:
            out.append(ch if depth == 0 else " ")
    return "".join(out)


def return_aliases(query):
    """The aliases of the final RETURN's items, or None unless every item has `AS name`."""
    masked = mask(query)
    returns = list(re.finditer(r"(?i)\bRETURN\b", masked))
    if not returns:
        return None
    start = returns[-1].end()
    end_match = re.compile(r"(?i)\b(ORDER\s+BY|SKIP|LIMIT|UNION)\b").search(masked, start)
    end = end_match.start() if end_match else len(query)
    distinct = re.compile(r"(?i)\s*DISTINCT\b").match(masked, start)
    if distinct:
        start = distinct.end()
    items, last = [], start
    for comma in re.finditer(",", masked[start:end]):
        items.append(query[last:start + comma.start()])
        last = start + comma.end()
    items.append(query[last:end])
    aliases = []
    for item in items:
        m = re.search(r"(?i)\sAS\s+(`[^`]+`|\w+)\s*$", item)
        if not m:
            return None
        aliases.append(m.group(1).strip("`"))
    return aliases


def brief(v):
    """A short text for a value: (id) for nodes, [type from->to date] for relationships."""
    k = kind(v)
    if k == "node":
        return f"({v['id']})"
    if k == "rel":
        return f"[{v['type']} {v['from']}->{v['to']}{' ' + v['date'] if v['date'] else ''}]"
    if k == "path":
        return "<" + " ".join(brief(n) for n in v["nodes"]) + f" /{len(v['relationships'])}>"
    if k == "list":
        return "[" + ", ".join(brief(x) for x in v) + "]"
    if k == "map":
        return "{" + ", ".join(f"{key}: {brief(x)}" for key, x in v.items()) + "}"
    return json.dumps(v, ensure_ascii=False)


def brief_table(result, limit=BRIEF_ROWS):
    """A few lines showing a result (or its error)."""
    if "error" in result:
        return ["error: " + result["error"][:300]]
    rows = result["rows"]
    lines = [f"{len(rows)} rows, columns {result['columns']}"]
    lines += ["  " + " | ".join(brief(v) for v in row)[:300] for row in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"  ... {len(rows) - limit} more")
    return lines


def show_row_differences(mine, theirs, case, limit):
    """Prints the rows only one side has (as multisets)."""
    same = lambda x, y: same_value(x, y, case.get("ordered_lists", False))
    only_mine, only_theirs = unmatched(mine, theirs, same)
    for label, rows in (("only in ergraph", only_mine), ("only in kuzu", only_theirs)):
        if rows:
            print(f"    {label} ({len(rows)}):")
            for row in rows[:limit]:
                print("      " + " | ".join(brief(v) for v in row)[:300])
    if not only_mine and not only_theirs:
        print("    the same rows, in another order")


def parse_ergraph_output(run):
    """ergraph's result as {"columns", "rows"}, or {"error"} for exit 1 or unreadable output."""
    if run.code != 0:
        return {"error": (run.err.strip().splitlines() or ["(no message)"])[-1]}
    try:
        out = json.loads(run.out)
        return {"columns": out["columns"], "rows": out["rows"]}
    except (ValueError, KeyError, TypeError) as e:
        return {"error": f"unreadable output ({e}): {run.out[:200]!r}"}


def compare_case(case, mine, theirs):
    """(True, '') when ergraph's result `mine` agrees with Kuzu's `theirs`, else (False, why)."""
    if case.get("error"):
        if "error" not in mine:
            return False, "ergraph ran a query it should refuse"
        if "error" not in theirs:
            return False, "Kuzu ran it (the case expects both to refuse)"
        return True, ""
    if "error" in mine or "error" in theirs:
        return False, "one side refused"
    if len(mine["columns"]) != len(theirs["columns"]):
        return False, "different numbers of columns"
    mine_aliases = return_aliases(case["query"])
    theirs_aliases = return_aliases(case.get("kuzu") or case["query"])
    if mine_aliases and theirs_aliases and mine["columns"] != theirs["columns"]:
        return False, "different column names"
    if not same_rows(mine["rows"], theirs["rows"], case.get("ordered", False),
                     case.get("ordered_lists", False)):
        return False, "different rows"
    return True, ""


# ---------------------------------------------------------------- the cases and the run

def read_cases(path):
    """The cases, numbered from 1 in file order."""
    cases = []
    for number, case in enumerate(read_jsonl(path), 1):
        if "query" not in case:
            sys.exit(f"{path}: case {number} has no query")
        case["number"] = number
        cases.append(case)
    return cases


def selected(cases, only):
    """The cases `--only` names ("3", "3,5", "7-9"), or all."""
    if not only:
        return cases
    wanted = set()
    for part in only.split(","):
        low, _, high = part.partition("-")
        wanted.update(range(int(low), int(high or low) + 1))
    return [c for c in cases if c["number"] in wanted]


def show_kuzu_only(cases, results, verbose):
    """--kuzu-only: prints Kuzu's result of each case; returns how many cases look wrong."""
    suspicious = 0
    for case, result in zip(cases, results):
        query = case.get("kuzu") or case["query"]
        if case.get("skip_kuzu"):
            print(f"skip {case['number']}: {case['skip_kuzu']}")
            continue
        failed = ("error" in result) != bool(case.get("error"))
        empty = "rows" in result and not result["rows"]
        suspicious += failed
        mark = "BAD" if failed else ("empty" if empty else "ok")
        print(f"{mark} {case['number']}: {query}")
        if verbose or failed or empty:
            limit = 1000 if verbose else BRIEF_ROWS
            print("\n".join("    " + line for line in brief_table(result, limit)))
    return suspicious


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ergraph", help="the ergraph binary under test (absolute path)")
    ap.add_argument("--kuzu-modules", help="a folder holding node_modules/kuzu "
                    "(default: $KUZU_MODULES, bench/.kuzu, else " + KUZU_CACHE + ")")
    ap.add_argument("--no-install", action="store_true", help="do not npm-install Kuzu if missing")
    ap.add_argument("--cases", default=DEFAULT_CASES, help="the case file (JSON Lines)")
    ap.add_argument("--only", help="run only these case numbers: N, N,M or N-M")
    ap.add_argument("--kuzu-only", action="store_true",
                    help="print Kuzu's results of the cases, without ergraph")
    ap.add_argument("-v", "--verbose", action="store_true", help="show every result")
    args = ap.parse_args()
    if not args.kuzu_only and not args.ergraph:
        ap.error("--ergraph is required (or --kuzu-only)")
    exe = os.path.abspath(args.ergraph) if args.ergraph else None

    cases = selected(read_cases(args.cases), args.only)
    modules, why = find_kuzu(args.kuzu_modules, not args.no_install)
    if modules is None:
        print(f"skip: kuzu not installed ({why}); the differential test did not run")
        return 0

    with tempfile.TemporaryDirectory(prefix="ergraph-kuzu-diff-") as work:
        spec = kuzu_load_spec(read_jsonl(SAMPLE), read_schema(SCHEMA))
        # Kuzu would run what ergraph refuses to (CREATE, SET): it gets a placeholder instead.
        wanted = [KUZU_PLACEHOLDER if c.get("skip_kuzu") else c.get("kuzu") or c["query"]
                  for c in cases]
        try:
            version, results = run_kuzu(modules, spec, wanted, work)
        except RuntimeError as e:
            print(f"kuzu_diff: {e}")
            return 1
        if args.kuzu_only:
            bad = show_kuzu_only(cases, results, args.verbose)
            print(f"kuzu {version}: {len(cases)} cases, {bad} not as the case expects")
            return 1 if bad else 0

        prepare_ergraph(exe, work)
        # The cases that should answer run in one batch; refusals and ergraph-only cases alone.
        plain = [c for c in cases if not c.get("error") and not c.get("skip_kuzu")]
        batched = ergraph_batch(exe, work, [c["query"] for c in plain]) or []
        answers = {c["number"]: r for c, r in zip(plain, batched)}
        agreed = differed = skipped = crashed = 0
        skip_reasons = []
        for case, theirs in zip(cases, results):
            n, query = case["number"], case["query"]
            run = answers.get(n) or ergraph(exe, work, "query", "--format", "json", query)
            mine = parse_ergraph_output(run)
            if run.crashed:
                crashed += 1
                print(f"CRASH {n}: {query}\n    exit {run.code}; stderr: "
                      + run.err[-1500:].replace("\n", "\n    "))
                continue
            if case.get("skip_kuzu"):
                expected_code = 1 if case.get("error") else 0
                if run.code != expected_code:
                    differed += 1
                    print(f"DIFF {n}: {query}\n    ergraph-only case: exit {run.code}, "
                          f"expected {expected_code}\n    " + "\n    ".join(brief_table(mine)))
                    continue
                skipped += 1
                skip_reasons.append(case["skip_kuzu"].split(" (")[0])
                print(f"skip {n}: {case['skip_kuzu']}")
                if args.verbose:
                    print("\n".join("    " + line for line in brief_table(mine, 1000)))
                continue
            ok, why = compare_case(case, mine, theirs)
            if ok:
                agreed += 1
                print(f"ok {n}")
                if args.verbose:
                    print("\n".join("    " + line for line in brief_table(mine, 1000)))
                continue
            differed += 1
            limit = 1000 if args.verbose else BRIEF_ROWS
            print(f"DIFF {n}: {query}\n    {why}")
            if case.get("kuzu"):
                print(f"    kuzu spelling: {case['kuzu']}")
            print("    ergraph: " + "\n    ".join(brief_table(mine, limit)))
            print("    kuzu:    " + "\n    ".join(brief_table(theirs, limit)))
            if "rows" in mine and "rows" in theirs:
                show_row_differences(mine["rows"], theirs["rows"], case, limit)

    lacks = "; ".join(sorted(set(skip_reasons))) or "nothing"
    print(f"compared: {agreed + differed} of {len(cases)} queries, agreed: {agreed}, "
          f"differed: {differed}, skipped: {skipped} (kuzu lacks {lacks})"
          + (f", crashed: {crashed}" if crashed else "") + f"; kuzu {version}")
    return 1 if differed or crashed else 0


if __name__ == "__main__":
    sys.exit(main())
