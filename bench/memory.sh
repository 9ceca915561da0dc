#!/usr/bin/env bash
# Memory: resident set size of the kit started with the launcher's flags (-Xmx128m and the rest),
#   after start:  once GET /login first answers 200 (plus 2 s for start-up threads to settle);
#   after load:   after throughput.sh's signed-in home page test (5 s warm-up + wrk -t2 -c32 -d15s), then the same
#                 load on each of the heavy pages, one after the other: the analysis, the hotspot map and the
#                 network of actors (issue 13: RSS reached 264-271 MB there); RSS is printed after each page.
#   after quiet:  50 s later with no request (BENCH_MEMORY_QUIET_S), when the kit has given memory back (IdleMemory:
#                 one full collection 30 s after the last request).
# VmRSS is read from /proc/PID/status; VmHWM is the highest RSS the process reached.
# With --reference-only it measures the reference (GET /hello load) instead, to check the harness.
# BENCH_MEMORY_PAGES="/ /x ..." loads other pages (the home page first: its requests/s are the throughput figure).
# JAVA_TOOL_OPTIONS=-XX:NativeMemoryTracking=summary adds the JVM's own account of its memory (jcmd VM.native_memory)
# at the end.
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
  url="http://127.0.0.1:$REF_PORT/" cookie=""
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
pages=(${BENCH_MEMORY_PAGES:-/ /diagnosis/analysis /diagnosis/map /partnerships/network})
[ "$REF_ONLY" = 0 ] || pages=(/hello)
per_page=()
home_rps="" errors=0
for p in "${pages[@]}"; do
  run_wrk "memory: $label, GET $p" "${url%/}$p" "$cookie"
  [ -n "$home_rps" ] || home_rps=$W_RPS
  errors=$((errors + W_NOT2XX + W_SOCKET))
  per_page+=("$(printf '  %-34s %8s MB   (%s requests/s)' "after GET $p" "$(rss_mb "$pid" VmRSS)" "$W_RPS")")
done
rss_load=$(rss_mb "$pid" VmRSS)
hwm=$(rss_mb "$pid" VmHWM)
quiet_s=${BENCH_MEMORY_QUIET_S:-50}
log "no request for $quiet_s s"
sleep "$quiet_s"
rss_quiet=$(rss_mb "$pid" VmRSS)
nmt=""
case " ${JAVA_TOOL_OPTIONS:-} " in
  *NativeMemoryTracking=summary*|*NativeMemoryTracking=detail*)
    nmt=$("$JAVA_HOME/bin/jcmd" "$pid" VM.native_memory summary | grep -E '^(Total|-)' | sed 's/^/    /') ;;
esac
heap=$("$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | grep -E 'total' | sed 's/ \[.*//; s/^ */    /')
stop_pid "$pid"
summary memory_start "$rss_start"
summary memory_load "$rss_load"
summary memory_quiet "$rss_quiet"
summary memory_peak "$hwm"
summary memory_errors "$errors"

printf 'Memory: RSS of the %s, launcher flags\n' "$label"
printf '  %-34s %8s MB\n' "after start (first 200 + 2 s)" "$rss_start"
printf '%s\n' "${per_page[@]}"
printf '  %-34s %8s MB\n' "after load (wrk 15 s a page)" "$rss_load"
printf '  %-34s %8s MB\n' "after $quiet_s s without a request" "$rss_quiet"
printf '  %-34s %8s MB\n' "peak (VmHWM)" "$hwm"
printf '  %-34s %8s\n' "load: requests/s (first page), errors" "$home_rps, $errors"
printf '  heap at the end:\n%s\n' "$heap"
[ -z "$nmt" ] || printf '  native memory tracking at the end (committed is what counts):\n%s\n' "$nmt"
printf '  flags: %s\n' "$run_flags"
