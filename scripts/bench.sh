#!/usr/bin/env bash
# Runs the benchmark (not part of scripts/test.sh): installs the peers (Debian's NetworkX,
# python-igraph, SciPy, GNU time, Node.js; Kuzu from npm into bench/.kuzu, skipped with a note if
# it does not install), builds ergraph Release into build-bench/, then bench/run.sh.
#   scripts/bench.sh S|M|L [...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --bench
scripts/kuzu.sh bench/.kuzu
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DERGRAPH_SANITIZE=OFF -DERGRAPH_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target ergraph csr_bfs
exec bench/run.sh "${@:-S}"
