#!/usr/bin/env python3
"""scripts/demo.sh on a copy of the repository leaves `git status` clean: the examples it
rewrites under docs/examples/ are the bytes committed, and everything else goes to ignored
folders. (Bug: the committed russian-delegation.svg predated the fix of cluster order, so every
demo run dirtied the work tree.)"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ergraph", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    if shutil.which("git") is None:
        print("demo_test: git is not installed")
        return 1
    files = git("ls-files", "-z", cwd=args.source).split("\0")
    with tempfile.TemporaryDirectory() as copy:
        for name in filter(None, files):
            source = os.path.join(args.source, name)
            if not os.path.isfile(source):
                continue  # deleted in the work tree, not yet committed
            target = os.path.join(copy, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(source, target)
        git("init", "-q", cwd=copy)
        git("add", "-A", cwd=copy)
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "copy", cwd=copy)
        env = dict(os.environ, ERGRAPH=os.path.abspath(args.ergraph))
        demo = subprocess.run(["bash", "scripts/demo.sh"], cwd=copy, env=env,
                              capture_output=True, text=True)
        if demo.returncode != 0:
            print(f"demo.sh failed (exit {demo.returncode}):\n{demo.stderr[-3000:]}")
            return 1
        status = git("status", "--porcelain", cwd=copy)
        if status:
            print("demo.sh left the work tree dirty:\n" + status)
            print(git("diff", "--stat", cwd=copy))
            return 1
    print("demo.sh leaves git status clean: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
