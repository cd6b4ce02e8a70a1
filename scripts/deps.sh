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
  python3 python3-networkx
  clang libclang-rt-14-dev
)
if [[ ${1:-} == --bench ]]; then
  packages+=(python3-igraph python3-scipy time)
  # Node.js and npm for Kuzu: Debian's, unless the machine already has its own.
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done"
