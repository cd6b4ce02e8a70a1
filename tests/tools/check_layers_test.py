#!/usr/bin/env python3
"""tools/check_layers.py refuses what it should: each case is a small tree with one include,
checked for the verdict (and the message). Run by ctest; exits 1 on the first wrong verdict."""
import os
import subprocess
import sys
import tempfile

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools",
                       "check_layers.py")

# (file, its text, expected exit code, text the report must hold)
CASES = [
    ("engine/src/store/ok.cpp", '#include "ergraph/schema.hpp"\n#include "store_impl.hpp"\n', 0, ""),
    ("engine/src/store/up.cpp", '#include "ergraph/render.hpp"\n', 1,
     "the store layer includes ergraph/render.hpp of the render layer"),
    ("engine/src/io/peer.cpp", '#include "ergraph/graph.hpp"\n', 1,
     "the io layer includes ergraph/graph.hpp of the graph layer"),
    ("engine/src/query/private.cpp", '#include "../graph/snapshot_impl.hpp"\n', 1,
     "private file engine/src/graph/snapshot_impl.hpp"),
    ("engine/include/ergraph/store.hpp", '#include "ergraph/query.hpp"\n', 1,
     "the store layer includes ergraph/query.hpp"),
    ("engine/include/ergraph/newthing.hpp", "// no layer yet\n", 1, "public header with no layer"),
    ("engine/src/render/sql.cpp", "#include <sqlite3.h>\n", 1, "<sqlite3.h> belongs to the store"),
    ("cli/commands/x.cpp", '#include "ergraph/store.hpp"\n', 1, "the cli layer includes"),
    ("cli/commands/y.cpp", '#include "ergraph/database.hpp"\n#include "../format.hpp"\n', 0, ""),
    ("cli/commands/z.cpp", "void f(const GraphSnapshot& g);\n", 1, "engine internal 'GraphSnapshot'"),
    ("engine/src/facade/db.cpp", '#include "ergraph/render.hpp"\n#include "ergraph/import.hpp"\n', 0,
     ""),
]


def main():
    failures = 0
    for path, text, code, message in CASES:
        with tempfile.TemporaryDirectory() as root:
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full))
            with open(full, "w") as f:
                f.write(text)
            r = subprocess.run([sys.executable, CHECKER, root], capture_output=True, text=True)
            if r.returncode != code or message not in r.stderr:
                failures += 1
                print(f"FAIL {path}: exit {r.returncode} (expected {code}); report:\n{r.stderr}")
    print(f"{len(CASES) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
