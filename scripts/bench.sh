#!/usr/bin/env bash
# Runs the benchmark (not part of scripts/test.sh): installs the peers (Debian's NetworkX,
# python-igraph, SciPy, GNU time, Node.js; Kuzu from npm into bench/.kuzu, skipped with a note if
# it does not install), builds ergraph Release into build-bench/, then bench/run.sh.
#   scripts/bench.sh S|M|L [...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --bench
if [[ ! -d bench/.kuzu/node_modules/kuzu ]]; then
  mkdir -p bench/.kuzu
  # npm 11 does not run install scripts unless allowed; kuzu's only copies its prebuilt binary.
  if (cd bench/.kuzu && npm install --no-save --no-audit --no-fund kuzu@0.11.3 >npm.log 2>&1 &&
      cd node_modules/kuzu && node install.js >>../../npm.log 2>&1); then
    echo "bench: kuzu installed"
  else
    echo "bench: kuzu did not install (bench/.kuzu/npm.log); it will be skipped" >&2
    rm -rf bench/.kuzu/node_modules/kuzu
  fi
fi
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DERGRAPH_SANITIZE=OFF -DERGRAPH_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target ergraph csr_bfs
exec bench/run.sh "${@:-S}"
