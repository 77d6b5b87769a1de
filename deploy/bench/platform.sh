#!/usr/bin/env bash
# Platform figures (cold/warm start, memory per process, event latency) into docs/benchmarks/platform.md.
# Usage: deploy/bench/platform.sh [events]   (default 1000). Takes several minutes; not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests install
./mvnw -q -pl deploy test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.kaohe.deploy.bench.PlatformBenchmark -Dexec.args="${1:-1000}" -Dkaohe.root="$PWD"
