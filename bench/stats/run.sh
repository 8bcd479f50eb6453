#!/usr/bin/env bash
# The stats benchmark: build a database at a scale, time every stats job from scratch (forced), add 1% new rows,
# time the incremental runs, print both with their ratio, and the list totals' latency.
#
#   bench/stats/run.sh [scale]        S, M (default) or L, as `db seed --scale` takes them
#
# Needs psql and a local PostgreSQL; set PGHOST/PGPORT/PGUSER/PGPASSWORD as usual (default 127.0.0.1:5432).
# The database registry_stats_bench_dev is dropped and created again, migrated and seeded by the service's own
# `db migrate` and `db seed --institutions 20` (add_one_percent.sql spreads its rows over institutions 1-20).
# Builds the jar if it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCALE=$(echo "${1:-M}" | tr '[:lower:]' '[:upper:]')
case $SCALE in
  S) FRACTION=0.01 ;; M) FRACTION=1 ;; L) FRACTION=10 ;;
  *) echo "unknown scale '$1': use S, M or L" >&2; exit 2 ;;
esac
DB=registry_stats_bench_dev
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}"
PSQL=(psql -q -X -v ON_ERROR_STOP=1)
JAR=registry-web/target/registry.jar
[ -f "$JAR" ] || mvn -q -B -o package -DskipTests
STATE=$(mktemp)
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export REGISTRY_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" REGISTRY_DB_USER="${PGUSER:-postgres}" \
       REGISTRY_DB_PASSWORD="${PGPASSWORD:-}"
export REGISTRY_SESSION_KEY=${REGISTRY_SESSION_KEY:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
java -jar "$JAR" db migrate config/external.yml 2>/dev/null | grep -E 'applied' | tail -1
t0=$(now); java -jar "$JAR" db seed --scale "$SCALE" --institutions 20 config/external.yml 2>/dev/null \
  | grep -vE '^(INFO|WARN|DEBUG)' >/dev/null; t1=$(now)
echo "seeded scale $SCALE in $(ms "$t0" "$t1") ms (db seed also refreshes the stats once):"
"${PSQL[@]}" -d "$DB" -At -c "SELECT 'objects ' || (SELECT count(*) FROM intellectual_objects) || ', files '
  || (SELECT count(*) FROM generic_files) || ', checksums ' || (SELECT count(*) FROM checksums) || ', events '
  || (SELECT count(*) FROM premis_events) || ', work items ' || (SELECT count(*) FROM work_items)"
"${PSQL[@]}" -d "$DB" -c "VACUUM ANALYZE" >/dev/null

URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB?user=${PGUSER:-postgres}&password=${PGPASSWORD:-}"
echo "--- full (forced) refresh, list totals"
java -cp "$JAR" bench/stats/StatsBench.java full "$URL" "$STATE"
t0=$(now); "${PSQL[@]}" -d "$DB" -v scale="$FRACTION" -f bench/stats/add_one_percent.sql >/dev/null; t1=$(now)
echo "--- added 1% new rows (and some state changes) in $(ms "$t0" "$t1") ms, triggers included"
java -cp "$JAR" bench/stats/StatsBench.java incremental "$URL" "$STATE"
rm -f "$STATE"
