#!/usr/bin/env bash
# Partnerships benchmark (issue 4): the network of actors with 2,000 actors and 10,000 relationships.
#   1. a demo data folder (--demo, not timed), filled up to 2,000 actors / 10,000 relationships by
#      bench/partnerships-load.java with plain JDBC while the kit is stopped;
#   2. the kit (launcher flags), signed in as the demo coordinator:
#      wrk -t2 -c8 -d15s --latency on GET /partnerships/network.json (the picture's data: the server's answer
#      that grows with the coalition) and on GET /partnerships/network (the page around it);
#      goal: p95 < 200 ms, zero errors;
#   3. Chromium (the e2e tests' playwright-core): the page until the whole picture is painted, 5 loads after
#      one warm-up; goal: < 2 s;
#   4. the reference jar's bare GET /hello under the same wrk load, for the ratio (docs/PERFORMANCE.md).
# Each wrk run is warmed with 5 s of the same load first (JIT). Usage: bench/partnerships-network.sh
# Writes bench/results/YYYY-MM-DD-partnerships.txt and prints it. Only 127.0.0.1 is contacted.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ACTORS=${BENCH_ACTORS:-2000}
RELATIONSHIPS=${BENCH_RELATIONSHIPS:-10000}
PAGE_WRK_ARGS=(-t2 -c8 -d15s --latency)   # page_wrk (lib.sh)
PAGE_WARMUP_ARGS=(-t2 -c8 -d5s)

need_kit_jar
need_wrk
[ -f "$REF_JAR" ] || die "no $REF_JAR: run bench/run-all.sh, or mvn -q -f bench/reference/pom.xml package"
command -v node >/dev/null || die "node is needed for the browser measure (see e2e/run.sh)"
unset KIT_NO_AOT BENCH_KIT_DATA

bench_tmpdir WORK
RAW="$WORK/wrk-raw.txt"
: >"$RAW"

row() { printf '  %-36s %10s %8s %8s %8s %7s\n' "$@"; }

# ---- 1. data
ensure_kit_data
log "filling $KIT_DATA up to $ACTORS actors and $RELATIONSHIPS relationships"
loaded=$("$JAVA" -cp "$KIT_JAR" "$BENCH_DIR/partnerships-load.java" "$KIT_DATA" "$ACTORS" "$RELATIONSHIPS")
log "$loaded"

# ---- 2. the kit
ensure_cache "$KIT_JAR" "$KIT_DATA" command /login
serve "$KIT_JAR" launcher "$KIT_DATA" "$KIT_PORT" /login "$WORK/kit.log" "$START_TIMEOUT_S"
kit_login "$KIT_PORT"
base="http://127.0.0.1:$KIT_PORT"
json="$WORK/network.json"
"${CURL[@]}" -H "Cookie: $KIT_COOKIE" -o "$json" "$base/partnerships/network.json"
nodes=$(grep -o '"symbolSize"' "$json" | wc -l)
links=$(grep -o '"source"' "$json" | wc -l)
[ "$nodes" = "$ACTORS" ] && [ "$links" = "$RELATIONSHIPS" ] \
  || die "network.json has $nodes nodes and $links links, expected $ACTORS and $RELATIONSHIPS"
json_kb=$(awk -v b="$(stat -c %s "$json")" 'BEGIN { printf "%.0f", b / 1024 }')

page_wrk "kit GET /partnerships/network.json" "$base/partnerships/network.json" "$KIT_COOKIE"
j_rps=$N_RPS j_p50=$N_P50 j_p95=$N_P95 j_p99=$N_P99 j_err=$N_ERRORS
page_wrk "kit GET /partnerships/network" "$base/partnerships/network" "$KIT_COOKIE"
p_rps=$N_RPS p_p50=$N_P50 p_p95=$N_P95 p_p99=$N_P99 p_err=$N_ERRORS

# ---- 3. the browser
log "Chromium: the network page, 1 warm-up + 5 loads"
render=$(node "$BENCH_DIR/partnerships-render.mjs" "$base" 5 | grep '^RENDER ')
stop_pid "$SERVER_PID"

# ---- 4. the reference
REF_DATA="$WORK/ref-data"
ensure_cache "$REF_JAR" "$REF_DATA" requests / /hello
serve "$REF_JAR" launcher "$REF_DATA" "$REF_PORT" /hello "$WORK/ref.log" "$START_TIMEOUT_S"
page_wrk "reference GET /hello" "http://127.0.0.1:$REF_PORT/hello"
h_rps=$N_RPS h_p50=$N_P50 h_p95=$N_P95 h_p99=$N_P99 h_err=$N_ERRORS
stop_pid "$SERVER_PID"

pictures=$(awk '{ print $2 }' <<<"$render")
settled=$(awk '$3 > 0 { print $3 }' <<<"$render")
median_picture=$(median $pictures)
max_picture=$(printf '%s\n' $pictures | sort -n | tail -n 1)
verdict() { awk -v v="$1" -v lim="$2" 'BEGIN { print (v < lim) ? "yes" : "NO" }'; }

out="$WORK/results.txt"
{
  printf 'Partnerships benchmark (issue 4), %s\n' "$(date '+%F %H:%M %Z')"
  commit_and_machine
  printf 'Data: %s (network.json: %s nodes, %s links, %s KB)\n\n' "$loaded" "$nodes" "$links" "$json_kb"
  printf 'Server: wrk %s (after a 5 s warm-up), launcher flags on both sides\n' "${PAGE_WRK_ARGS[*]}"
  row "target" "requests/s" "p50 ms" "p95 ms" "p99 ms" "errors"
  row "reference GET /hello" "$h_rps" "$h_p50" "$h_p95" "$h_p99" "$h_err"
  row "kit GET /partnerships/network.json" "$j_rps" "$j_p50" "$j_p95" "$j_p99" "$j_err"
  row "kit GET /partnerships/network" "$p_rps" "$p_p50" "$p_p95" "$p_p99" "$p_err"
  printf '  ratio network.json / hello: requests/s %s, p95 %s\n' "$(ratio "$j_rps" "$h_rps")" "$(ratio "$j_p95" "$h_p95")"
  printf '  goal p95 < 200 ms, zero errors: network.json %s (%s errors), page %s (%s errors)\n\n' \
    "$(verdict "$j_p95" 200)" "$j_err" "$(verdict "$p_p95" 200)" "$p_err"
  echo "Browser: Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{ print $2 }'), 1280x800, 5 loads after a warm-up"
  printf '  ms to the whole picture: %s (median %s, max %s); goal < 2000 ms: %s\n' \
    "$(tr '\n' ' ' <<<"$pictures")" "$median_picture" "$max_picture" "$(verdict "$max_picture" 2000)"
  printf '  ms until ECharts said "finished" (layout and animation over; recorded only): %s\n\n' "$(tr '\n' ' ' <<<"${settled:-none within 30 s}")"
  echo "Raw wrk output"
  cat "$RAW"
} >"$out"

mkdir -p "$BENCH_DIR/results"
cp "$out" "$BENCH_DIR/results/$(date +%F)-partnerships.txt"
cat "$out"
log "written: bench/results/$(date +%F)-partnerships.txt"
