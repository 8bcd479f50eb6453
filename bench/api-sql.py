#!/usr/bin/env python3
"""Helpers of bench/api.

  api-sql.py LOG DB                      the statements one API request ran (from PostgreSQL's statement log, with
                                         log_min_duration_statement = 0) as a pgbench script, their parameters
                                         written into the SQL as literals
  api-sql.py --bound LOG DB DEFINES      the same statements with their parameters left as parameters: the script
                                         names pgbench variables, and DEFINES receives one "-Dname=value" argument
                                         per line for them (pgbench -M prepared binds variables as parameters, so
                                         PostgreSQL plans the statements as it plans the service's)
  api-sql.py --summarize ROUTE WRK_OUT PGBENCH_BOUND_OUT PGBENCH_LITERAL_OUT PGBENCH_LOG... SCRIPT
                                         one Markdown table row comparing the runs
"""
import re
import statistics
import sys

ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \w+ \[(\d+)\] (\S*?)@(\S*) (LOG|DETAIL|ERROR|STATEMENT):  (.*)$")
EXECUTE = re.compile(r"^duration: [\d.]+ ms  (?:execute [^:]*|statement): (.*)$", re.S)
PARAM = re.compile(r"\$(\d+) = ('(?:[^']|'')*'|NULL)")


def statements(log_path, database):
    """(sql, params) of every executed statement of the database, in log order."""
    entries = []  # [pid, kind, text]
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            line = line.rstrip("\n")
            m = ENTRY.match(line)
            if m:
                pid, _user, db, kind, text = m.groups()
                entries.append([pid, kind, text] if db == database else None)
            elif line.startswith("\t") and entries and entries[-1] is not None:
                entries[-1][2] += "\n" + line[1:]
    out = []
    last_by_pid = {}
    for e in entries:
        if e is None:
            continue
        pid, kind, text = e
        if kind == "LOG":
            m = EXECUTE.match(text)
            if m:
                out.append([m.group(1), {}])
                last_by_pid[pid] = out[-1]
            else:
                last_by_pid.pop(pid, None)
        elif kind == "DETAIL" and text.lower().startswith("parameters:") and pid in last_by_pid:
            last_by_pid[pid][1] = {int(n): v for n, v in PARAM.findall(text)}
    return out


def fill(sql, params):
    return re.sub(r"\$(\d+)\b", lambda m: params.get(int(m.group(1)), m.group(0)), sql)


def request_statements(log_path, database):
    """(sql, params) of the statements that make up one API request, in order."""
    rows = statements(log_path, database)
    if not rows:
        sys.exit("no statements of %s in %s: is log_min_duration_statement on?" % (database, log_path))
    out = []
    for sql, params in rows:
        text = " ".join(fill(sql, params).split())
        # The list engine bounds an exact count with a local statement_timeout and falls back to an estimate when
        # it fires; pgbench cannot go on after a cancelled statement, so its count runs unbounded instead.
        if "set_config('statement_timeout'" in text:
            continue
        # The service reads the caller's user row at most once a second (api.authRecheckInterval); at hundreds of
        # requests a second that is a rounding error, so a request's SQL is the list's.
        if text.startswith("/* CredentialsDao."):
            continue
        out.append((sql, params))
    return out


def script(log_path, database):
    for sql, params in request_statements(log_path, database):
        print(" ".join(fill(sql, params).split()).rstrip(";") + ";")


def unquote(value):
    return value[1:-1].replace("''", "'")


def bound_script(log_path, database, defines_path):
    defines = []
    for i, (sql, params) in enumerate(request_statements(log_path, database)):
        def variable(m, i=i):
            n = int(m.group(1))
            value = params.get(n)
            if value is None or value == "NULL":
                return value or m.group(0)
            name = "s%dp%d" % (i, n)
            defines.append("-D%s=%s" % (name, unquote(value)))
            return ":" + name
        print(" ".join(re.sub(r"\$(\d+)\b", variable, sql).split()).rstrip(";") + ";")
    with open(defines_path, "w") as f:
        f.write("".join(d + "\n" for d in defines))


def millis(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def pgbench_tps(pgbench_out):
    pg = open(pgbench_out).read()
    tps_match = re.search(r"tps = ([\d.]+) \(without initial connection time\)", pg) or re.search(r"tps = ([\d.]+)", pg)
    if not tps_match:
        sys.exit("pgbench failed:\n" + pg)
    return float(tps_match.group(1))


def summarize(route, wrk_out, bound_out, literal_out, logs, sql_file):
    wrk = open(wrk_out).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk).group(1))
    p = {q: millis(*re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % q, wrk, re.M).groups()) for q in ("50", "99")}
    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk)
    if non2xx:
        errors += int(non2xx.group(1))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", wrk)
    if sock:
        errors += sum(int(x) for x in sock.groups())
    tps = pgbench_tps(bound_out)
    literal_tps = pgbench_tps(literal_out)
    latencies = []
    for path in logs:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3:
                    latencies.append(int(parts[2]) / 1000.0)
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    sql_count = sum(1 for line in open(sql_file) if line.strip())
    print("| `%s` | %.0f | %.1f / %.1f ms | %d | %d | %.0f | %.1f / %.1f ms | **%.2f** | %.0f | %.2f |" % (
        route, rps, p["50"], p["99"], errors, sql_count, tps, q[49], q[98], rps / tps, literal_tps,
        rps / literal_tps))


if __name__ == "__main__":
    if sys.argv[1] == "--summarize":
        summarize(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:-1], sys.argv[-1])
    elif sys.argv[1] == "--bound":
        bound_script(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        script(sys.argv[1], sys.argv[2])
