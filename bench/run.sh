#!/usr/bin/env bash
# The benchmark: ergraph against NetworkX, python-igraph, Kuzu and SQLite on synthetic networks.
#   bench/run.sh [S|M|L ...]     (default S)
# Expects ergraph and the bare CSR reference built in build-bench/ (scripts/bench.sh does that and
# installs the peers) and Kuzu's npm package under bench/.kuzu/node_modules. Generates the data
# into bench/data/ on first use, writes bench/results/SIZE.json and regenerates bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${ERGRAPH_BUILD:-build-bench}
for f in "$BUILD/ergraph" "$BUILD/bench/csr_bfs"; do
  [[ -x $f ]] || { echo "bench/run.sh: $f is missing; run scripts/bench.sh (it builds it)" >&2; exit 2; }
done
export KUZU_MODULES=${KUZU_MODULES:-$PWD/bench/.kuzu/node_modules}
exec python3 bench/run.py --ergraph "$BUILD/ergraph" --csr-bfs "$BUILD/bench/csr_bfs" "${@:-S}"
