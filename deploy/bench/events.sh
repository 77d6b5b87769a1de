#!/usr/bin/env bash
# One event's latency, commit → consumer commit, through the real outbox and inbox (service-support), against a bare
# Kafka round trip on the same broker in the same run; into docs/benchmarks/events.md.
# Usage: deploy/bench/events.sh [events] [burst]   (default 1000 300). A few minutes; not a test.
# Starts its own embedded PostgreSQL and Kafka on free ports (no platform needed). The JVM runs as the launcher runs
# the services (C1 only, SerialGC); extra -D options (e.g. -Dspring.kafka.producer.properties.linger.ms=5) go in BENCH_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -o -DskipTests -pl service-support -am install
out=$(mktemp)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx768m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${BENCH_OPTS:-}" \
  ./mvnw -q -o -pl service-support exec:java -Dexec.classpathScope=test -Dkaohe.tests.embedded=true \
  -Dexec.mainClass=io.kaohe.support.events.latency.EventLatencyBenchmark \
  -Dbench.events="${1:-1000}" -Dbench.burst="${2:-300}" | tee "$out"
{
  echo "# event latency benchmark"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- service-support/src/main || echo " (service-support changed in the working tree)") with \`deploy/bench/events.sh ${1:-1000} ${2:-300}\`${BENCH_OPTS:+ (BENCH_OPTS: $BENCH_OPTS)};"
  echo "load average (1/5/15 min) before: ${load_before}; after: $(cut -d' ' -f1-3 /proc/loadavg). $(nproc) cores."
  echo
  echo '```'
  sed -n '/=== event latency benchmark ===/,$p' "$out" | tail -n +2
  echo '```'
} > docs/benchmarks/events.md
rm -f "$out"
echo "written: docs/benchmarks/events.md"
