#!/usr/bin/env bash
# Installs the Debian packages ergraph needs to build, test and render — only those missing.
# Usage: scripts/deps.sh            (build + test dependencies)
#        scripts/deps.sh --bench    (also the benchmark's peers and tools)
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libboost-graph-dev
  libgraphviz-dev graphviz
  libsqlite3-dev sqlite3
  doctest-dev libcli11-dev nlohmann-json3-dev libyaml-cpp-dev
  libicu-dev
  python3 python3-networkx python3-yaml
  chromium chromium-driver python3-selenium
  clang libclang-rt-14-dev
)
# Node.js and npm for Kuzu, the query tests' reference engine: Debian's, unless the machine
# already has its own.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
if [[ ${1:-} == --bench ]]; then
  packages+=(python3-igraph python3-scipy time)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# Kuzu from npm into the cache the query tests look in (tests/query/kuzu_diff.py); never at
# build or test time.
kuzu() { "$(dirname "$0")/kuzu.sh" "${XDG_CACHE_HOME:-$HOME/.cache}/ergraph-tests/kuzu-0.11.3"; }

if ((${#missing[@]} == 0)); then
  echo "deps: all ${#packages[@]} packages present"
  kuzu
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done"
kuzu
