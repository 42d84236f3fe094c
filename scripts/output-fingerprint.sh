#!/usr/bin/env bash
# Fingerprints what the barometer publishes, so that a refactor can show it changed nothing:
# the SHA-256 of every file `barometer report` writes (HTML, sv and en), of every /api/v2/tables/{id}/data
# response for every table in json-stat2 and csv (every value of every variable), and of the `results` table of
# the demo run (every row, in a fixed order). The report's release and generation times are masked.
#   scripts/output-fingerprint.sh OUT_DIR [SCALE]
# Writes OUT_DIR/fingerprint.tsv (path, sha256) and keeps the files beside it, so two runs can be compared with
#   diff OUT_A/fingerprint.tsv OUT_B/fingerprint.tsv
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
scale="${2:-0.02}"
store="$out/store.duckdb"
rm -f "$store" "$out/saved.duckdb"
cd "$root"
./barometer demo --no-serve --scale "$scale" --store "$store" > "$out/demo.log"
mkdir -p "$out/report" "$out/api" "$out/results"
./barometer report --wave 2026 --out "$out/report" --no-pdf --store "$store" > "$out/report.log"
# The release and generation times differ between two runs: mask them, so what is compared is everything else.
sed -i -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIMESTAMP/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC/TIME UTC/g' "$out"/report/*.html

# The results table, through DuckDB's own library (the one the build restored), as CSV in a fixed order.
lib="$(find "$root/.artifacts/cli" -path '*linux-x64/native/libduckdb.so' | head -1)"
python3 - "$lib" "$store" "$out/results/results.csv" <<'PY'
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
db = ctypes.c_void_p(); con = ctypes.c_void_p()
if lib.duckdb_open(sys.argv[2].encode(), ctypes.byref(db)) != 0: sys.exit("cannot open store")
if lib.duckdb_connect(db, ctypes.byref(con)) != 0: sys.exit("cannot connect")
res = ctypes.create_string_buffer(256)
sql = ("COPY (SELECT * EXCLUDE (run_id) FROM results ORDER BY ALL) TO '%s' (HEADER, FORMAT csv)" % sys.argv[3]).encode()
if lib.duckdb_query(con, sql, res) != 0:
    lib.duckdb_result_error.restype = ctypes.c_char_p
    sys.exit("query failed: %s" % lib.duckdb_result_error(res))
lib.duckdb_destroy_result(res); lib.duckdb_disconnect(ctypes.byref(con)); lib.duckdb_close(ctypes.byref(db))
PY

port=$((20000 + RANDOM % 20000))
./barometer serve --store "$store" --saved-queries "$out/saved.duckdb" --urls "http://127.0.0.1:$port" > "$out/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -gsf "http://127.0.0.1:$port/api/v2/config" > /dev/null && break; sleep 1; done
base="http://127.0.0.1:$port/api/v2"
curl -gsf --retry 60 --retry-delay 1 "$base/tables?pageSize=10000" > "$out/api/tables.json"
python3 - "$out/api/tables.json" > "$out/api/ids.txt" <<'PY'
import json, sys
print("\n".join(t["id"] for t in json.load(open(sys.argv[1]))["tables"]))
PY
while read -r id; do
  for lang in sv en; do
    curl -gsf --retry 60 --retry-delay 1 "$base/tables/$id/metadata?lang=$lang" > "$out/api/$id.metadata.$lang.json"
    vars=$(python3 -c "import json,sys; print('&'.join('valueCodes[%s]=*' % v for v in json.load(open(sys.argv[1]))['id']))" "$out/api/$id.metadata.$lang.json")
    for fmt in json-stat2 csv; do
      curl -gsf --retry 60 --retry-delay 1 "$base/tables/$id/data?lang=$lang&outputFormat=$fmt&$vars" > "$out/api/$id.data.$lang.$fmt"
    done
  done
done < "$out/api/ids.txt"
kill $pid; wait $pid 2>/dev/null || true
trap - EXIT
(cd "$out" && find report api results -type f | sort | xargs sha256sum | awk '{print $2 "\t" $1}') > "$out/fingerprint.tsv"
echo "$(wc -l < "$out/fingerprint.tsv") files fingerprinted: $out/fingerprint.tsv"
