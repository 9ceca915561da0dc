#!/usr/bin/env bash
# Memory: resident set size of the kit started with the launcher's flags (-Xmx128m and the rest),
#   after start:  once GET /login first answers 200 (plus 2 s for start-up threads to settle);
#   after load:   after throughput.sh's signed-in home page test (5 s warm-up + wrk -t2 -c32 -d15s).
# VmRSS is read from /proc/PID/status; VmHWM is the highest RSS the process reached.
# With --reference-only it measures the reference (GET /hello load) instead, to check the harness.
#
# Usage: bench/memory.sh [--reference-only]      (figures on stdout, progress on stderr)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

reference_only_option memory.sh "$@"
need_wrk
unset KIT_NO_AOT
bench_tmpdir WORK

if [ "$REF_ONLY" = 1 ]; then
  [ -f "$REF_JAR" ] || die "no $REF_JAR: run bench/run-all.sh, or mvn -q -f bench/reference/pom.xml package"
  label="reference (GET /hello load)"
  ensure_cache "$REF_JAR" "$WORK/ref-data" requests / /hello
  serve "$REF_JAR" launcher "$WORK/ref-data" "$REF_PORT" / "$WORK/ref.log" "$START_TIMEOUT_S"
  url="http://127.0.0.1:$REF_PORT/hello" cookie=""
else
  need_kit_jar
  label="kit (signed-in GET / load)"
  ensure_kit_data
  ensure_cache "$KIT_JAR" "$KIT_DATA" command /login
  serve "$KIT_JAR" launcher "$KIT_DATA" "$KIT_PORT" /login "$WORK/kit.log" "$START_TIMEOUT_S"
  url="http://127.0.0.1:$KIT_PORT/"
fi
pid=$SERVER_PID
run_flags=$LAST_FLAGS
sleep 2
rss_start=$(rss_mb "$pid" VmRSS)

if [ "$REF_ONLY" = 0 ]; then
  kit_login "$KIT_PORT"
  cookie=$KIT_COOKIE
fi
run_wrk "memory: $label" "$url" "$cookie"
rss_load=$(rss_mb "$pid" VmRSS)
hwm=$(rss_mb "$pid" VmHWM)
errors=$((W_NOT2XX + W_SOCKET))
stop_pid "$pid"
summary memory_start "$rss_start"
summary memory_load "$rss_load"
summary memory_peak "$hwm"
summary memory_errors "$errors"

printf 'Memory: RSS of the %s, launcher flags\n' "$label"
printf '  %-34s %8s MB\n' "after start (first 200 + 2 s)" "$rss_start"
printf '  %-34s %8s MB\n' "after load (wrk 15 s)" "$rss_load"
printf '  %-34s %8s MB\n' "peak (VmHWM)" "$hwm"
printf '  %-34s %8s\n' "load: requests/s, errors" "$W_RPS, $errors"
printf '  flags: %s\n' "$run_flags"
