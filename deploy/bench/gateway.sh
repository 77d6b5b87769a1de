#!/usr/bin/env bash
# The gateway's overhead per request (issue 18): the same read as the same user, directly on rubric-service with a
# bearer token and through the gateway with the portal's session cookie; max rate (wrk) and latency at half of it.
# Writes docs/benchmarks/gateway.md. A few minutes; not a test. It starts its own platform (data in
# deploy/target/gw-bench-data) unless -Dbench.attach=true names one already running at that offset.
# Usage: deploy/bench/gateway.sh [port offset] [seconds per run] [-Dbench.…=…]   (default 6000 20)
#   -Dbench.connections=16 -Dbench.rounds=2   wrk's connections, interleaved rounds
#   -Dbench.gateways=c2 -Dbench.gateway.c2.jvm="-Xms64m -Xmx384m -XX:+UseSerialGC"   more gateways beside the
#       platform's, with other JVM flags (or .jar=another build), measured in the same run
#   -Dbench.jfr=true   a JFR recording of each gateway under load, deploy/target/gw-bench-<n>.jfr
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || deploy/bin/ensure-packages wrk
offset=${1:-6000}
seconds=${2:-20}
shift $(( $# < 2 ? $# : 2 ))
if [ "${BENCH_SKIP_BUILD:-}" != "true" ]; then
  ./mvnw -q -o -DskipTests install
fi
./mvnw -q -o -pl deploy test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.kaohe.deploy.bench.GatewayBenchmark -Dexec.args="$offset $seconds" -Dkaohe.root="$PWD" "$@"
