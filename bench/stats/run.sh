#!/usr/bin/env bash
# The stats benchmark: build a database at a scale, time every stats job from scratch (forced), add 1% new rows,
# time the incremental runs, print both with their ratio, and the list totals' latency.
#
#   bench/stats/run.sh [scale]        scale 1 = M (default), 0.01 = S, 10 = L
#
# Needs psql and a local PostgreSQL; set PGHOST/PGPORT/PGUSER/PGPASSWORD as usual (default 127.0.0.1:5432).
# The database registry_stats_bench_dev is dropped and created again. Builds the jar if it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCALE="${1:-1}"
DB=registry_stats_bench_dev
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}"
PSQL=(psql -q -X -v ON_ERROR_STOP=1)
JAR=registry-web/target/registry.jar
[ -f "$JAR" ] || mvn -q -B -o package -DskipTests
STATE=$(mktemp)
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
for f in migrations/*.sql; do "${PSQL[@]}" -d "$DB" --single-transaction -f "$f" >/dev/null; done
t0=$(now); "${PSQL[@]}" -d "$DB" -v scale="$SCALE" -f bench/stats/generate.sql >/dev/null; t1=$(now)
echo "generated scale $SCALE in $(ms "$t0" "$t1") ms:"
"${PSQL[@]}" -d "$DB" -At -c "SELECT 'objects ' || (SELECT count(*) FROM intellectual_objects) || ', files '
  || (SELECT count(*) FROM generic_files) || ', checksums ' || (SELECT count(*) FROM checksums) || ', events '
  || (SELECT count(*) FROM premis_events) || ', work items ' || (SELECT count(*) FROM work_items)"
"${PSQL[@]}" -d "$DB" -c "VACUUM ANALYZE" >/dev/null

URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB?user=${PGUSER:-postgres}&password=${PGPASSWORD:-}"
echo "--- full (forced) refresh, list totals"
java -cp "$JAR" bench/stats/StatsBench.java full "$URL" "$STATE"
t0=$(now); "${PSQL[@]}" -d "$DB" -v scale="$SCALE" -f bench/stats/add_one_percent.sql >/dev/null; t1=$(now)
echo "--- added 1% new rows (and some state changes) in $(ms "$t0" "$t1") ms, triggers included"
java -cp "$JAR" bench/stats/StatsBench.java incremental "$URL" "$STATE"
rm -f "$STATE"
