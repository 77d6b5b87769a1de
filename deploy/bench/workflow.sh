#!/usr/bin/env bash
# Workflow figures (opening a cycle of N units, inbox latency with M open tasks, task completions),
# each against pgbench on the same database, into docs/benchmarks/workflow.md.
# Usage: deploy/bench/workflow.sh [units] [open tasks] [completions] [-Dbench.…=…]   (default 3000 100000 2000).
#   -Dbench.hold=MINUTES   keep the database up afterwards (EXPLAIN by hand)
#   -Dbench.jfr=true       a JFR recording of the completions, target/completions.jfr
# Takes a quarter of an hour or more on two cores; not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v pgbench >/dev/null; then
  echo "pgbench is missing: installing Debian's postgresql-client" >&2
  apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql-client >/dev/null
fi
./mvnw -q -o -DskipTests -pl workflow -am install
args="${1:-3000} ${2:-100000} ${3:-2000}"
shift $(( $# < 3 ? $# : 3 ))
out=$(mktemp)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
./mvnw -q -o -pl workflow exec:java -Dexec.classpathScope=test -Dkaohe.tests.embedded=true -Dkaohe.postgres.stat-statements=true \
  -Dexec.mainClass=io.kaohe.workflow.inbox.WorkflowBenchmark \
  -Dexec.args="$args" "$@" | tee "$out"
{
  echo "# workflow benchmark"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) with \`deploy/bench/workflow.sh $args\`;"
  echo "load average (1/5/15 min) before: ${load_before}; after: $(cut -d' ' -f1-3 /proc/loadavg). $(nproc) cores."
  echo
  echo '```'
  sed -n '/=== workflow benchmark ===/,$p' "$out" | tail -n +2
  echo '```'
} > docs/benchmarks/workflow.md
rm -f "$out"
echo "written: docs/benchmarks/workflow.md"
