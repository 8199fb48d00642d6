#!/usr/bin/env bash
# Runs every test of Spindle: the workspace's unit, integration and golden
# tests, then the test262 conformance checks against the expectations files:
# parse-only (spec-tests/expectations/parse.txt), then running every
# in-scope file in a fresh runtime (spec-tests/expectations/run.txt), then
# a subset again with a collection at every safe point (--gc-stress), which
# must give the same verdicts.
# Usage: scripts/test.sh   (from anywhere; test262 is read from ../shared/test262)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --workspace
cargo test --release --workspace
target/release/spindle-test262 --parse-only --check
target/release/spindle-test262 --check
target/release/spindle-test262 --gc-stress --check \
  test/built-ins/Promise test/built-ins/Array test/built-ins/Proxy \
  test/built-ins/GeneratorPrototype test/language/statements/class \
  test/language/statements/async-function test/language/expressions/async-arrow-function \
  test/language/statements/generators test/language/statements/for-of \
  test/language/statements/async-generator test/language/statements/for-await-of \
  test/built-ins/AsyncGeneratorPrototype test/built-ins/AsyncFromSyncIteratorPrototype \
  test/built-ins/Map test/built-ins/Set test/built-ins/WeakMap test/built-ins/WeakSet \
  test/built-ins/MapIteratorPrototype test/built-ins/SetIteratorPrototype test/built-ins/Iterator
