#!/usr/bin/env bash
# bench/cluster: the service as several instances on one primary with a streaming hot standby, under wrk.
#
# Builds its own pair in a temporary folder from PostgreSQL's programs (initdb, pg_basebackup -R -X stream, pg_ctl;
# Debian's /usr/lib/postgresql/N/bin or REGISTRY_PG_BIN), on loopback ports of its own (never the machine's
# cluster at 5432): the primary is reset and seeded (db seed --scale S by default), the standby copied from it.
# Then 1, 2 and 3 instances (java -jar registry.jar server config/external.yml, REGISTRY_DB_REPLICAS pointing at
# the standby, scheduler off) are loaded, one wrk per instance running at the same time with the connections
# shared out, on two member-API lists and one web list page. Prints, per route and instance count, the summed
# requests/s, the worst instance's p99, errors, and where the reads went (the instances' per-replica read
# counters). --write puts the table into docs/BENCHMARKS.md. Everything it started is stopped and removed at exit.
#
#   bench/cluster/run.sh [--scale S|M] [--duration 20] [--warmup 15] [--connections 12] [--write]
#
# Run as root (initdb and postgres then run in a user namespace of their own, `unshare -U`) or as any user who
# may run them; needs wrk (installed with apt-get when missing and run as root), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."

SCALE=S
DURATION=20
WARMUP=15
CONNECTIONS=12
WRITE=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --scale) SCALE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --write) WRITE=1; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
if ! command -v wrk >/dev/null && [[ $(id -u) == 0 ]]; then apt-get install -y -qq wrk >/dev/null; fi
for tool in wrk curl python3 java; do
  command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
BIN=${REGISTRY_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | while read -r b; do
  [[ -x $b/pg_basebackup ]] && echo "$b"; done | tail -1)}
[[ -n $BIN && -x $BIN/pg_basebackup ]] || { echo "no PostgreSQL programs with pg_basebackup (apt-get install postgresql-15)" >&2; exit 2; }
JAR=registry-web/target/registry.jar
[[ -f $JAR ]] || mvn -q -B -DskipTests package

WORK=$(mktemp -d /tmp/bench-cluster.XXXXXX)
P_PORT=${BENCH_PRIMARY_PORT:-55441}
S_PORT=${BENCH_STANDBY_PORT:-55442}
DB=registry_cluster_dev
PIDS=()
pg() { if [[ $(id -u) == 0 ]]; then unshare -U "$@"; else "$@"; fi; }
cleanup() {
  for p in "${PIDS[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [[ -n $p ]] && wait "$p" 2>/dev/null || true; done
  for node in standby primary; do
    [[ -f $WORK/$node/postmaster.pid ]] && pg "$BIN/pg_ctl" -D "$WORK/$node" -m immediate -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
psql_p() { "$BIN/psql" -X -q -h 127.0.0.1 -p "$P_PORT" -U postgres -v ON_ERROR_STOP=1 "$@"; }

# --- the primary, reset and seeded
pg "$BIN/initdb" -D "$WORK/primary" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$WORK/initdb.log"
cat >>"$WORK/primary/postgresql.conf" <<CONF
port = $P_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK'
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
max_connections = 200
shared_buffers = 256MB
CONF
echo "host replication all 127.0.0.1/32 trust" >>"$WORK/primary/pg_hba.conf"
pg "$BIN/pg_ctl" -D "$WORK/primary" -l "$WORK/primary.log" -w -t 120 start >/dev/null
psql_p -d postgres -c "CREATE DATABASE $DB"
export REGISTRY_DB_URL="jdbc:postgresql://127.0.0.1:$P_PORT/$DB" REGISTRY_DB_USER=postgres REGISTRY_DB_PASSWORD=
export REGISTRY_SCHEDULER=false REGISTRY_SECURE_COOKIES=false
export REGISTRY_SESSION_KEY=${REGISTRY_SESSION_KEY:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
java -jar "$JAR" db reset config/external.yml >"$WORK/reset.log" 2>&1
start=$(date +%s)
java -jar "$JAR" db seed --scale "$SCALE" config/external.yml >"$WORK/seed.log" 2>&1
echo "seeded scale $SCALE in $(( $(date +%s) - start )) s"
# The caller: an institutional user of the institution with the most objects, password and API key 'password'
# (the fixtures' hashes).
read -r PW_HASH KEY_HASH < <(python3 -c "import csv; r = next(csv.DictReader(open('fixtures/users.csv'))); print(r['encrypted_password'], r['encrypted_api_secret_key'])")
INST=$(psql_p -d $DB -tAc "SELECT institution_id FROM intellectual_objects GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
USER_EMAIL="bench-user@bench.invalid"
psql_p -d $DB -c "INSERT INTO users (name, email, created_at, updated_at, institution_id, encrypted_password,
    encrypted_api_secret_key, role, email_verified, account_confirmed, initial_password_updated)
  VALUES ('Cluster bench user', '$USER_EMAIL', now(), now(), $INST, '$PW_HASH', '$KEY_HASH', 'institutional_user',
    true, true, true)"
psql_p -d $DB -c "UPDATE institutions SET otp_enabled = false WHERE id = $INST" -c 'VACUUM ANALYZE'

# --- the standby: PostgreSQL's own streaming replication
"$BIN/pg_basebackup" -h 127.0.0.1 -p "$P_PORT" -U postgres -D "$WORK/standby" -R -X stream -c fast -C -S bench_standby
echo "port = $S_PORT" >>"$WORK/standby/postgresql.conf"
pg "$BIN/pg_ctl" -D "$WORK/standby" -l "$WORK/standby.log" -w -t 120 start >/dev/null
export REGISTRY_DB_REPLICAS="jdbc:postgresql://127.0.0.1:$S_PORT/$DB"

http_port() { echo $((18190 + $1)); }
admin_port() { echo $((18290 + $1)); }
start_instance() {
  local i=$1
  REGISTRY_HTTP_PORT=$(http_port "$i") REGISTRY_ADMIN_PORT=$(admin_port "$i") \
    java -Xmx512m -jar "$JAR" server config/external.yml >"$WORK/instance-$i.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 240); do
    if curl -fsS "http://127.0.0.1:$(admin_port "$i")/healthcheck" 2>/dev/null | grep -q '"replicas":{[^}]*"healthy":true'; then
      return 0
    fi
    sleep 0.5
  done
  echo "instance $i did not start with its replica in use; log: $WORK/instance-$i.log" >&2
  tail -20 "$WORK/instance-$i.log" >&2
  exit 1
}
reads() { # replica-1 and primary-fallback read counters, summed over instances 1..N
  local n=$1 i
  for i in $(seq 1 "$n"); do curl -fsS "http://127.0.0.1:$(admin_port "$i")/metrics"; echo; done | python3 -c '
import json, sys
r = p = 0
for line in sys.stdin:
    if line.strip():
        c = json.loads(line)["counters"]
        r += c.get("org.aptrust.registry.web.cluster.ReplicaRouting.reads.replica-1", {}).get("count", 0)
        p += c.get("org.aptrust.registry.web.cluster.ReplicaRouting.reads.primary", {}).get("count", 0)
print(r, p)'
}

start_instance 1
# One web session for the page route (valid on every instance: a signed cookie and a row in the database).
JAR_COOKIES="$WORK/cookies.txt"
TOKEN=$(curl -fsS -c "$JAR_COOKIES" "http://127.0.0.1:$(http_port 1)/users/sign_in" \
  | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)
curl -fsS -o /dev/null -b "$JAR_COOKIES" -c "$JAR_COOKIES" --data-urlencode "email=$USER_EMAIL" \
  --data-urlencode "password=password" --data-urlencode "csrf_token=$TOKEN" "http://127.0.0.1:$(http_port 1)/users/sign_in"
SESSION=$(awk '$6 == "aptrust_session" {print $7}' "$JAR_COOKIES")
[[ -n $SESSION ]] || { echo "sign-in failed" >&2; exit 1; }

ROUTES=("/member-api/v3/objects?per_page=20" "/member-api/v3/files?per_page=20" "/objects")
load() { # n route seconds out-prefix: one wrk per instance, at once
  local n=$1 route=$2 secs=$3 out=$4 i pids=()
  local per=$(( CONNECTIONS / n ))
  for i in $(seq 1 "$n"); do
    wrk -t1 -c"$per" -d"${secs}s" --timeout 10s --latency -H "X-Pharos-API-User: $USER_EMAIL" -H "X-Pharos-API-Key: password" \
      -H "Cookie: aptrust_session=$SESSION" "http://127.0.0.1:$(http_port "$i")$route" >"$out-$i.txt" &
    pids+=($!)
  done
  wait "${pids[@]}"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
for n in 1 2 3; do
  [[ $n -gt 1 ]] && start_instance "$n"
  for route in "${ROUTES[@]}"; do
    load "$n" "$route" "$WARMUP" "$WORK/warm"
    read -r r0 p0 < <(reads "$n")
    load "$n" "$route" "$DURATION" "$WORK/run-$n-$(echo "$route" | md5sum | cut -c1-6)"
    read -r r1 p1 < <(reads "$n")
    python3 - "$n" "$route" "$((r1 - r0))" "$((p1 - p0))" "$WORK/run-$n-$(echo "$route" | md5sum | cut -c1-6)"-*.txt >>"$RESULTS" <<'PY'
import re, sys
n, route, replica, primary = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rps = 0.0; p99 = 0.0; errors = 0; timeouts = 0; requests = 0
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
for path in sys.argv[5:]:
    text = open(path).read()
    rps += float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    requests += int(re.search(r"(\d+) requests in", text).group(1))
    m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    p99 = max(p99, ms(*m.groups()))
    for k in (r"Non-2xx or 3xx responses: (\d+)",):
        m = re.search(k, text)
        errors += int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        errors += sum(int(x) for x in m.groups()[:3])
        timeouts += int(m.group(4))
share = replica / (replica + primary) if replica + primary else 0.0
print(f"{route}\t{n}\t{rps:.1f}\t{p99:.1f}\t{errors}\t{requests}\t{share:.3f}\t{timeouts}")
PY
    tail -1 "$RESULTS"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

TABLE=$(python3 - "$RESULTS" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
routes = []
for r in rows:
    if r[0] not in routes:
        routes.append(r[0])
out = ["| route | instances | req/s (sum) | p99, worst instance | HTTP errors and socket errors | wrk timeouts (10 s) | reads on the standby |",
       "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
for route in routes:
    base = None
    for r in rows:
        if r[0] != route:
            continue
        rps = float(r[2]); base = base or rps
        out.append(f"| `{route}` | {r[1]} | {rps:.1f} ({rps / base:.2f}x) | {float(r[3]):.0f} ms | {r[4]} | {r[7]} | {float(r[6]) * 100:.0f} % |")
print("\n".join(out))
PY
)
echo
echo "$TABLE"
PGV=$("$BIN/postgres" --version)
HEADER="Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $PGV (primary and standby on this machine), $(date -u +%Y-%m-%d).
Scale $SCALE; the caller an institutional user of the largest institution (every list scoped to it). wrk: $CONNECTIONS
connections in all, shared out over the instances (one wrk per instance, running together), ${DURATION} s after
${WARMUP} s of warm-up per route and instance count. Load average before: $LOAD_BEFORE; after: $LOAD_AFTER."
echo "$HEADER"
if [[ $WRITE == 1 ]]; then
  python3 - docs/BENCHMARKS.md "$HEADER" "$TABLE" <<'PY'
import re, sys
path, header, table = sys.argv[1], sys.argv[2], sys.argv[3]
doc = open(path).read()
title = "## Cluster (`bench/cluster`)"
intro = ("Several instances on one primary with a hot standby (PostgreSQL streaming replication), all on this\n"
         "machine: list and page reads go to the standby (the last column: the share of read connections the\n"
         "instances took from it). With 2 cores shared by PostgreSQL twice, the JVMs and wrk, more instances cannot\n"
         "add CPU: the point is that throughput holds and nothing fails as instances are added, not the figure.\n")
section = f"{title}\n\n{intro}\n{header}\n\n{table}\n\nCommand: `bench/cluster/run.sh --write` (as root).\n"
m = re.search(r"^## Cluster \(`bench/cluster`\)\n.*?(?=^## |\Z)", doc, re.S | re.M)
doc = doc[:m.start()] + section + "\n" + doc[m.end():] if m else doc.rstrip("\n") + "\n\n" + section
open(path, "w").write(doc)
PY
  echo "written to docs/BENCHMARKS.md"
fi
