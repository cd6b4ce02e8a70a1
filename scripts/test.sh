#!/usr/bin/env bash
# The whole test suite from a fresh machine: install what is missing, build with warnings as
# errors and AddressSanitizer + UndefinedBehaviorSanitizer, run every test through ctest (the
# libFuzzer harnesses from a Clang build of their own, 10 s each).
# Usage: scripts/test.sh [ctest arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
build=build-test
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DERGRAPH_WERROR=ON -DERGRAPH_SANITIZE=ON >/dev/null
cmake --build "$build" -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# The libFuzzer harnesses are Clang's: a build of their own, the engine with coverage.
fuzz=build-fuzz
CC=clang CXX=clang++ cmake -S . -B "$fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DERGRAPH_FUZZ=ON \
  -DERGRAPH_SANITIZE=ON -DERGRAPH_WERROR=ON -DERGRAPH_TESTS=OFF >/dev/null
cmake --build "$fuzz" -j"$(nproc)" --target fuzzers
(cd "$fuzz" && ctest --output-on-failure -j"$(nproc)")
cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
