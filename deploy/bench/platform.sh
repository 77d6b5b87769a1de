#!/usr/bin/env bash
# Platform figures (fresh-machine and warm start, stop, RSS and PSS per process, event latency) into
# docs/benchmarks/platform.md. Usage: deploy/bench/platform.sh [events] [baseline launcher jar]
# (default 1000 events; 0 skips the latency). With a baseline jar (e.g. deploy/target/platform-launcher.jar of the
# commit before a change, copied aside) its starts are measured first, on the same jars, in the same run.
# Takes 10 to 30 minutes; not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests install
./mvnw -q -pl deploy test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.kaohe.deploy.bench.PlatformBenchmark -Dexec.args="${1:-1000}" -Dkaohe.root="$PWD" \
  -Dkaohe.bench.baseline="${2:-}"
