#!/usr/bin/env python3
"""Runs one end-to-end case file against the real ergraph binary.

A case file is a list of steps, each a command followed by what it must do:

    # comment
    $ ergraph import {data}/bad/unknown_type.jsonl     run ergraph (ERGRAPH_DB=test.db)
    % sqlite3 test.db "select count(*) from nodes"    run a shell command (ergraph on PATH)
    < {"kind":"node",...}                              a line of stdin for the command above
    > exact stdout line                                stdout must be exactly these lines
    ~ text                                             stdout must contain this text
    ! text                                             stderr must contain this text
    ? 1                                                exit code (default 0)
    = unchanged                                        the database file is byte-for-byte unchanged

{data} is tests/data, {samples} is samples/, {source} the source tree. Each case runs in a fresh
temporary folder, with SOURCE_DATE_EPOCH set so that judgements carry a fixed time.

--update rewrites the '>' lines of every step whose stdout differs with what it printed (for an
intended change of output: review the diff before committing it).
"""
import argparse
import hashlib
import os
import shlex
import subprocess
import sys
import tempfile


def digest(path):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Step:
    def __init__(self, line_no, kind, command):
        self.line_no, self.kind, self.command = line_no, kind, command
        self.stdin, self.stdout, self.contains, self.stderr = [], None, [], []
        self.exit_code, self.unchanged = 0, False
        self.stdout_lines = []  # line numbers of the '>' lines


def parse(path, subst):
    steps = []
    with open(path, encoding="utf-8") as f:
        for no, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            tag, rest = line[:1], line[2:] if len(line) > 1 else ""
            for k, v in subst.items():
                rest = rest.replace("{" + k + "}", v)
            if tag in "$%":
                steps.append(Step(no, tag, rest))
                continue
            if not steps:
                sys.exit(f"{path}:{no}: expectation before any command")
            step = steps[-1]
            if tag == "<":
                step.stdin.append(rest)
            elif tag == ">":
                step.stdout = (step.stdout or []) + [rest]
                step.stdout_lines.append(no)
            elif tag == "~":
                step.contains.append(rest)
            elif tag == "!":
                step.stderr.append(rest)
            elif tag == "?":
                step.exit_code = int(rest)
            elif tag == "=":
                step.unchanged = True
            else:
                sys.exit(f"{path}:{no}: unknown tag {tag!r}")
    return steps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ergraph", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--update", action="store_true", help="rewrite differing '>' lines")
    ap.add_argument("case")
    args = ap.parse_args()
    subst = {
        "data": os.path.join(args.source, "tests", "data"),
        "samples": os.path.join(args.source, "samples"),
        "source": args.source,
    }
    steps = parse(args.case, subst)
    failures = 0
    rewrites = []  # (first line, last line, new lines)
    with tempfile.TemporaryDirectory(prefix="ergraph-cli-") as work:
        # '%' lines find the ergraph under test on PATH too.
        bin_dir = os.path.dirname(os.path.abspath(args.ergraph))
        env = dict(os.environ, ERGRAPH_DB="test.db", LC_ALL="C.UTF-8",
                   SOURCE_DATE_EPOCH="1764835200",
                   PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
        db = os.path.join(work, "test.db")
        for step in steps:
            before = digest(db)
            if step.kind == "$":
                argv = shlex.split(step.command)
                if argv[0] != "ergraph":
                    sys.exit(f"{args.case}:{step.line_no}: '$' lines run ergraph")
                argv[0] = args.ergraph
                proc = subprocess.run(argv, cwd=work, env=env, capture_output=True,
                                      input="".join(l + "\n" for l in step.stdin).encode())
            else:
                proc = subprocess.run(["bash", "-c", step.command], cwd=work, env=env,
                                      capture_output=True)
            out = proc.stdout.decode("utf-8", "replace")
            err = proc.stderr.decode("utf-8", "replace")
            problems = []
            if proc.returncode != step.exit_code:
                problems.append(f"exit code {proc.returncode}, expected {step.exit_code}")
            if step.stdout is not None and out.splitlines() != step.stdout and args.update:
                rewrites.append((step.stdout_lines[0], step.stdout_lines[-1],
                                 ["> " + l if l else ">" for l in out.splitlines()]))
            elif step.stdout is not None and out.splitlines() != step.stdout:
                problems.append("stdout differs:\n--- expected\n" + "\n".join(step.stdout) +
                                "\n--- got\n" + out)
            for text in step.contains:
                if text not in out:
                    problems.append(f"stdout lacks {text!r}")
            for text in step.stderr:
                if text not in err:
                    problems.append(f"stderr lacks {text!r}")
            if step.unchanged and digest(db) != before:
                problems.append("the database file changed")
            if "runtime error:" in err or "AddressSanitizer" in err:
                problems.append("sanitizer report")
            if problems:
                failures += 1
                print(f"{args.case}:{step.line_no}: {step.command}")
                for p in problems:
                    print("  " + p)
                print("  stderr was:\n    " + err.replace("\n", "\n    "))
    if rewrites:
        with open(args.case, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for first, last, new in sorted(rewrites, reverse=True):
            lines[first - 1:last] = new
        with open(args.case, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        print(f"rewrote {len(rewrites)} stdout blocks")
    print(f"{len(steps) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
