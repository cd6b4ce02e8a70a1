#!/usr/bin/env bash
# Installs Kuzu (npm kuzu@0.11.3, a real Cypher engine) into DIR/node_modules/kuzu unless it is
# there: the reference engine of the query tests and a peer of the benchmark. Best effort: when
# npm cannot install it, says so and exits 0, and whatever uses it is skipped with a note.
#   scripts/kuzu.sh DIR
set -uo pipefail
dir=${1:?usage: scripts/kuzu.sh DIR}
if [[ -f $dir/node_modules/kuzu/kuzujs.node ]]; then
  exit 0
fi
mkdir -p "$dir"
# npm 11 does not run install scripts unless allowed; kuzu's only copies its prebuilt binary.
if (cd "$dir" && npm install --no-save --no-audit --no-fund kuzu@0.11.3 >npm.log 2>&1 &&
    cd node_modules/kuzu && node install.js >>../../npm.log 2>&1) &&
   [[ -f $dir/node_modules/kuzu/kuzujs.node ]]; then
  echo "kuzu: installed into $dir"
else
  echo "kuzu: did not install ($dir/npm.log); what needs it will be skipped" >&2
  rm -rf "$dir/node_modules/kuzu"
fi
exit 0
