#!/usr/bin/env bash
# Load benchmark of the publication API (issue 7): builds the CLI and web host (Release, through ./barometer), makes a
# demo store, starts the web host on 127.0.0.1 and drives it with Debian's `wrk` from a second process:
#   (a) cached   — the same json-stat2 table query repeated (answered from the output cache), for --duration seconds,
#                  with the server's resident memory (VmRSS) sampled every 10 s;
#   (b) uncached — a json-stat2 query whose selection changes per request (bench/load/uncached.lua), so every answer
#                  is computed.
# Each scenario gets a short warm-up first. Writes bench/results/load.md (or --out) with requests/s, p50/p99 latency,
# errors, the RSS samples and the load average (`uptime`) before and after, since the machine may be shared.
#
#   bench/load/install-deps.sh        # wrk and curl from Debian (once)
#   bench/load/run.sh [--duration 300] [--uncached-duration 60] [--threads 1] [--connections 32]
#                     [--backend duckdb|postgres] [--scale 0.01] [--port 5391] [--out bench/results/load.md]
# The environment reaches the web host, e.g. DOTNET_gcServer=0 bench/load/run.sh for workstation garbage collection.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

duration=300 uncached_duration=60 threads=1 connections=32 backend=duckdb scale=0.01 port=5391 warmup=15
out="bench/results/load.md"
while (($#)); do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --uncached-duration) uncached_duration="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --backend) backend="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "load: unknown option $1 (see the header of $0)" >&2; exit 1 ;;
  esac
done
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "load: '$tool' is missing; run bench/load/install-deps.sh" >&2; exit 1; }
done
case "$backend" in duckdb | postgres) ;; *) echo "load: --backend is duckdb or postgres" >&2; exit 1 ;; esac

work="$(mktemp -d "${TMPDIR:-/tmp}/barometer-load.XXXXXX")"
host_pid=""
cleanup() {
  if [[ -n "$host_pid" ]] && kill -0 "$host_pid" 2>/dev/null; then
    kill "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
base="http://127.0.0.1:$port"
export LOAD_DIR="$root/bench/load"

echo "load: building (Release) and making a demo store at scale $scale"
./barometer demo --scale "$scale" --no-serve --store "$work/store.duckdb" >"$work/demo.log" 2>&1 \
  || { tail -20 "$work/demo.log" >&2; echo "load: the demo store could not be made" >&2; exit 1; }

settings=("--Publication:Store=$work/store.duckdb")
if [[ "$backend" == postgres ]]; then
  # shellcheck source=../../scripts/start-postgres.sh
  source scripts/start-postgres.sh
  trap '_pg_stop; cleanup' EXIT
  BAROMETER_POSTGRES="$BAROMETER_TEST_POSTGRES" ./barometer publish --store "$work/store.duckdb" >"$work/publish.log" 2>&1 \
    || { cat "$work/publish.log" >&2; exit 1; }
  settings=("--Publication:Backend=postgres")
  export Publication__Postgres="$BAROMETER_TEST_POSTGRES"
fi

echo "load: starting the web host on $base ($backend)"
ASPNETCORE_ENVIRONMENT=Production dotnet .artifacts/web/Barometer.Web.dll --urls="$base" "${settings[@]}" \
  --Publication:MaxCallsPerTimeWindow=0 --Logging:LogLevel:Default=Warning >"$work/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 120); do
  curl -sf "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log" >&2; echo "load: the web host stopped" >&2; exit 1; }
  sleep 1
done

# The queries: (a) a county table with every county, group and wave, estimate and margin; (b) codes of the
# municipality table for the random selections.
cached_table="employment_rate.lan" uncached_table="employment_rate.kommun"
cached_path="/api/v2/tables/$cached_table/data?lang=sv&outputFormat=json-stat2&valuecodes%5Blan%5D=*&valuecodes%5BGrupp%5D=*&valuecodes%5BContentsCode%5D=estimate,margin&valuecodes%5BTid%5D=*"
curl -sf "$base/api/v2/tables/$uncached_table/metadata" -o "$work/metadata.json" \
  || { echo "load: $uncached_table has no metadata; is the API up?" >&2; exit 1; }
python3 - "$work/metadata.json" "$uncached_table" >"$work/uncached_codes.lua" <<'PY'
import json, sys
meta = json.load(open(sys.argv[1]))
breakdown = meta["id"][0]
def codes(dim, drop=()):
    return [c for c in meta["dimension"][dim]["category"]["index"] if c not in drop]
lua = lambda xs: "{" + ",".join('"%s"' % x for x in xs) + "}"
print('return { table = "%s", breakdown = "%s", regions = %s, groups = %s, periods = %s }' % (
    sys.argv[2], breakdown, lua(codes(breakdown, ("total",))), lua(codes("Grupp")), lua(codes("Tid"))))
PY
export LOAD_PATH="$cached_path" LOAD_CODES="$work/uncached_codes.lua"
status=$(curl -s -o "$work/cached.json" -w '%{http_code}' "$base$cached_path")
[[ "$status" == 200 ]] || { cat "$work/cached.json" >&2; echo "load: the cached query answers $status" >&2; exit 1; }
cached_bytes=$(stat -c %s "$work/cached.json")

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$host_pid/status"; }
run_wrk() { # name seconds script
  wrk -t"$threads" -c"$connections" -d"$2s" --latency -s "bench/load/$3" "$base" >"$work/$1.txt" 2>&1
  grep '^RESULT' "$work/$1.txt" || { cat "$work/$1.txt" >&2; echo "load: wrk gave no result for $1" >&2; exit 1; }
}

echo "load: (a) cached, warm-up ${warmup}s then ${duration}s"
run_wrk warmup-cached "$warmup" cached.lua >/dev/null
uptime_a0="$(uptime)"
rss_start=$(rss_kb)
start_sampler() { # file: VmRSS every 10 s while the host runs
  : >"$1"
  (
    t=0
    while kill -0 "$host_pid" 2>/dev/null; do
      echo "$t $(awk '/^VmRSS/ {print $2}' "/proc/$host_pid/status")" >>"$1"
      sleep 10
      t=$((t + 10))
    done
  ) &
  sampler=$!
}
stop_sampler() { kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; }
start_sampler "$work/rss.txt"
result_a=$(run_wrk cached "$duration" cached.lua)
stop_sampler
uptime_a1="$(uptime)"

echo "load: (b) uncached, warm-up ${warmup}s then ${uncached_duration}s"
run_wrk warmup-uncached "$warmup" uncached.lua >/dev/null
uptime_b0="$(uptime)"
start_sampler "$work/rss-uncached.txt"
result_b=$(run_wrk uncached "$uncached_duration" uncached.lua)
stop_sampler
uptime_b1="$(uptime)"
rss_end=$(rss_kb)
# Memory after the load stops: does the host give back what the uncached answers took?
sleep 30
rss_idle=$(rss_kb)

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
cpu="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
python3 - "$out" <<PY
import re, sys
def parse(line):
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line)}
a, b = parse("""$result_a"""), parse("""$result_b""")
rss = [tuple(map(int, l.split())) for l in open("$work/rss.txt") if len(l.split()) == 2]
rss_b = [tuple(map(int, l.split())) for l in open("$work/rss-uncached.txt") if len(l.split()) == 2]
def row(name, r):
    rps = r["requests"] / (r["duration_us"] / 1e6)
    socket = r["connect"] + r["read"] + r["write"] + r["timeout"]
    return "| %s | %d | %.0f | %.2f | %.2f | %.2f | %d | %d |" % (name, r["requests"], rps, r["p50_us"] / 1000, r["p90_us"] / 1000,
        r["p99_us"] / 1000, r["status_errors"], socket), rps
ra, rps_a = row("(a) cached: same json-stat2 query", a)
rb, rps_b = row("(b) uncached: selection varies per request", b)
met = rps_a >= 3000 and a["p99_us"] < 20000 and a["status_errors"] == 0 and a["connect"] + a["read"] + a["write"] + a["timeout"] == 0
mb = lambda kb: "%.1f" % (kb / 1024)
lines = [
    "# Load benchmark of the publication API",
    "",
    "Produced by \`bench/load/run.sh\` (wrk from Debian as a second process on loopback; see the script's header).",
    "",
    "- Commit \`$commit\`, backend **$backend**, demo store at scale $scale, web host built in Release,",
    "  \`ASPNETCORE_ENVIRONMENT=Production\`, rate limit off (\`Publication:MaxCallsPerTimeWindow=0\`), logging at Warning.",
    "- Machine: $(nproc) cores ($cpu). wrk: $threads thread(s), $connections connections.",
    "- (a) \`GET $cached_path\` ($cached_bytes bytes), ${duration} s after a ${warmup} s warm-up.",
    "- (b) \`GET /api/v2/tables/$uncached_table/data?...\` with three random municipalities, one random comparison group",
    "  and wave per request (bench/load/uncached.lua), ${uncached_duration} s after a ${warmup} s warm-up.",
    "",
    "| scenario | requests | requests/s | p50 ms | p90 ms | p99 ms | HTTP errors | socket errors |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ra, rb,
    "",
    "Target for (a): at least 3,000 requests/s with p99 below 20 ms and no errors: **%s**." % ("met" if met else "not met"),
    "",
    "Load average (\`uptime\`; the machine is shared with other builds):",
    "",
    "- (a) before: \`${uptime_a0## }\`",
    "- (a) after: \`${uptime_a1## }\`",
    "- (b) before: \`${uptime_b0## }\`",
    "- (b) after: \`${uptime_b1## }\`",
    "",
    "Server resident memory (VmRSS) during (a), every 10 s: " + ", ".join("%d s: %s MB" % (t, mb(kb)) for t, kb in rss) + ".",
    "At the start of (a) %s MB, at the end of (b) %s MB; during (a) min %s MB, max %s MB." % (mb($rss_start), mb($rss_end),
        mb(min(kb for _, kb in rss)) if rss else "-", mb(max(kb for _, kb in rss)) if rss else "-"),
    "",
    "During (b), every 10 s (from its warm-up's end): " + ", ".join("%d s: %s MB" % (t, mb(kb)) for t, kb in rss_b) +
    "; 30 s after the load stopped: %s MB." % mb($rss_idle),
    "",
]
open(sys.argv[1], "w").write("\n".join(lines))
print("\n".join(lines))
PY
echo "load: written to $out"
