#!/usr/bin/env bash
# Installs what is missing, builds ergraph (Release) and runs it on the sample data set:
# a fresh database from samples/istanbul-2025, its stats, and exports under out/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target ergraph

ergraph=build/ergraph
mkdir -p out
db=out/istanbul-2025.db
rm -f "$db" "$db-wal" "$db-shm"

set -x
"$ergraph" --db "$db" init
"$ergraph" --db "$db" import samples/istanbul-2025/graph.jsonl
"$ergraph" --db "$db" stats
"$ergraph" --db "$db" export --format jsonl -o out/istanbul-2025.jsonl
"$ergraph" --db "$db" export --format csv -o out/istanbul-2025-csv
