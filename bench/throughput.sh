#!/usr/bin/env bash
# Throughput: wrk -t2 -c32 -d15s --latency, one server at a time, both with the launcher's flags.
#   reference GET /hello  the bare Helidon route: the ceiling for this machine and stack
#   reference GET /       one row read from Derby per request (for context only)
#   kit GET /             the signed-in home page (demo coordinator, data made once by --demo)
# Each is warmed with 5 s of the same load first (JIT); only the 15 s run is reported.
# An error is any answer that is not 2xx (a 303 to /login means "not signed in") or any socket
# error; wrk-report.lua counts them. Goal: kit/hello >= 0.40 with zero errors.
#
# Usage: bench/throughput.sh [--reference-only]      (figures on stdout, progress on stderr)
# WRK_RAW=FILE appends wrk's full output to FILE (run-all.sh does).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

reference_only_option throughput.sh "$@"
need_wrk
[ -f "$REF_JAR" ] || die "no $REF_JAR: run bench/run-all.sh, or mvn -q -f bench/reference/pom.xml package"
[ "$REF_ONLY" = 1 ] || need_kit_jar
unset KIT_NO_AOT

bench_tmpdir WORK
REF_DATA="$WORK/ref-data"
ensure_cache "$REF_JAR" "$REF_DATA" requests / /hello

row() { printf '  %-24s %10s %9s %9s %8s %8s\n' "$@"; }
report() {   # LABEL
  row "$1" "$W_RPS" "$W_P50" "$W_P99" "$W_NOT2XX" "$W_SOCKET"
}

printf 'Throughput: wrk %s (after a 5 s warm-up), launcher flags on both sides\n' "${WRK_ARGS[*]}"
row "target" "requests/s" "p50 ms" "p99 ms" "non-2xx" "socket"

serve "$REF_JAR" launcher "$REF_DATA" "$REF_PORT" /hello "$WORK/ref.log" "$START_TIMEOUT_S"
run_wrk "reference GET /hello" "http://127.0.0.1:$REF_PORT/hello"
report "reference GET /hello"
hello_rps=$W_RPS
summary throughput_hello_rps "$W_RPS"
summary throughput_hello_p99 "$W_P99"
hello_errors=$((W_NOT2XX + W_SOCKET))
run_wrk "reference GET / (Derby)" "http://127.0.0.1:$REF_PORT/"
report "reference GET / (Derby)"
ref_errors=$((W_NOT2XX + W_SOCKET))
summary throughput_refdb_rps "$W_RPS"
summary throughput_refdb_p99 "$W_P99"
stop_pid "$SERVER_PID"

if [ "$REF_ONLY" = 0 ]; then
  ensure_kit_data
  ensure_cache "$KIT_JAR" "$KIT_DATA" command /login
  serve "$KIT_JAR" launcher "$KIT_DATA" "$KIT_PORT" /login "$WORK/kit.log" "$START_TIMEOUT_S"
  kit_login "$KIT_PORT"
  run_wrk "kit GET / (signed in)" "http://127.0.0.1:$KIT_PORT/" "$KIT_COOKIE"
  report "kit GET / (signed in)"
  kit_errors=$((W_NOT2XX + W_SOCKET))
  summary throughput_kit_rps "$W_RPS"
  summary throughput_kit_p99 "$W_P99"
  summary throughput_kit_errors "$kit_errors"
  [ "$W_REDIRECTS" = 0 ] || printf '  (%s of the kit'"'"'s answers were redirects: the session was not signed in or expired)\n' "$W_REDIRECTS"
  stop_pid "$SERVER_PID"

  r=$(ratio "$W_RPS" "$hello_rps")
  verdict=$(awk -v r="$r" -v e="$kit_errors" 'BEGIN { print (r >= 0.40 && e == 0) ? "met" : "NOT met" }')
  printf '  ratio kit/hello (requests/s): %s   goal >= 0.40 with zero errors: %s\n' "$r" "$verdict"
  summary throughput_ratio "$r"
  summary throughput_verdict "$verdict"
fi
if [ "$hello_errors" != 0 ] || [ "$ref_errors" != 0 ]; then
  printf '  warning: the reference itself had errors: the machine was probably busy, figures are not reliable\n'
fi
