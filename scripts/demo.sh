#!/usr/bin/env bash
# Installs what is missing, builds ergraph (Release) and runs it on the sample data set:
# a fresh database from samples/istanbul-2025, its stats, and exports under out/. The two
# diagrams in docs/examples/ are rewritten byte for byte as committed (tests/cli/demo_test.py).
set -euo pipefail
cd "$(dirname "$0")/.."

# ERGRAPH=/path/to/ergraph runs an ergraph already built (the test suite's demo test does).
ergraph=${ERGRAPH:-}
if [[ -z $ergraph ]]; then
  scripts/deps.sh
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DERGRAPH_SANITIZE=OFF >/dev/null
  cmake --build build -j"$(nproc)" --target ergraph
  ergraph=build/ergraph
fi
mkdir -p out
db=out/istanbul-2025.db
rm -f "$db" "$db-wal" "$db-shm" "$db-graph-snapshot"

set -x
"$ergraph" --db "$db" init
"$ergraph" --db "$db" import samples/istanbul-2025/graph.jsonl
"$ergraph" --db "$db" stats
"$ergraph" --db "$db" export --format jsonl -o out/istanbul-2025.jsonl
"$ergraph" --db "$db" export --format csv -o out/istanbul-2025-csv

# Diagrams: the whole network, Fidan's ego network and the path between the chair and the head
# of the Russian delegation. The two in docs/examples/ are the ones README shows.
"$ergraph" --db "$db" export --format svg -o out/istanbul-2025.svg
"$ergraph" --db "$db" export --format png -o out/istanbul-2025.png
"$ergraph" --db "$db" export --format svg --focus "Hakan Fidan" --depth 2 -o out/fidan.svg
"$ergraph" --db "$db" export --format svg --path "Hakan Fidan" "Vladimir Medinsky" -o out/path-fidan-medinsky.svg
"$ergraph" --db "$db" export --format svg --focus "Russian delegation" --depth 1 \
  --cluster-by led,represents,member_of -o docs/examples/russian-delegation.svg
"$ergraph" --db "$db" export --format svg --path "Hakan Fidan" "Vladimir Medinsky" --context 1 \
  --edge-types chaired,attended,led,represents,holds_office -o docs/examples/path-fidan-medinsky.svg
# The HTML view (README "The HTML view"): the whole network to explore offline, and the path
# between the chair and the head of the Russian delegation with the nodes around it.
"$ergraph" --db "$db" export --format html -o out/istanbul-2025.html
"$ergraph" --db "$db" export --format html --path "Hakan Fidan" "Vladimir Medinsky" --context 1 \
  -o out/path-fidan-medinsky.html
# Where the reports disagree: the meeting's four durations, side by side (README "Evidence").
"$ergraph" --db "$db" export --conflict 1 -o docs/examples/conflict-duration.svg
"$ergraph" --db "$db" batch samples/istanbul-2025/export-all.ergraph
"$ergraph" --db "$db" export --format graphml -o out/istanbul-2025.graphml
"$ergraph" --db "$db" export --format json -o out/istanbul-2025.json
