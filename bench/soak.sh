#!/usr/bin/env bash
# Soak: the kit under a steady mixed load for a long time, to show whether its heap stays flat. The jar runs with
# the launcher's flags (-Xmx128m). Every interval, wrk loads one of several signed-in pages (they rotate), a new
# session signs in, and one line is printed: minutes, RSS, the old generation's occupancy (jstat), requests/s
# and errors. At the start and at the end a full collection is forced and the live old generation after it is
# printed: a flat heap is a live size that does not grow. Every SOAK_QUIET_EVERY-th interval (10 by default, 0 =
# never) nobody asks anything, as when the office stops clicking: the kit gives memory back then (IdleMemory), and
# the line shows RSS at the end of the quiet interval. Only 127.0.0.1 is contacted; the run ends by itself.
#
# Usage: bench/soak.sh [MINUTES] [INTERVAL_SECONDS]     (480 minutes = 8 hours, 60 s by default)
# Every interval also has one failed sign-in under a new made-up name. SOAK_WRITES=1 adds an office typing in
# beside the load (bench/office-writes.sh: an actor and an incident every 30 s), so that the store and the caches
# built from it change during the run.
# SOAK_CONNECTIONS=N (8) clients; SOAK_DELAY_MS=N makes each wait N ms between requests (unset: no pause, the
# machine's whole speed; with 4 clients and 50 ms, about 80 requests a second, an office's steady use many times over).
# SOAK_CLOCK_SPEED=N runs the kit's clocks N times faster (libfaketime, `apt-get install faketime`): what the kit
# does by the clock (sessions expiring, sign-in windows, the idle collection, Derby's checkpoints) happens N times
# as often, so `SOAK_CLOCK_SPEED=4 bench/soak.sh 120` covers 8 hours of the kit's clock in 2 real hours. Requests,
# samples and the column "minutes" stay in real time; "kit min" is the kit's clock.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

minutes=${1:-480}
interval=${2:-60}
speed=${SOAK_CLOCK_SPEED:-1}
connections=${SOAK_CONNECTIONS:-8}
quiet_every=${SOAK_QUIET_EVERY:-10}
[ -n "${SOAK_DELAY_MS:-}" ] && export WRK_DELAY_MS=$SOAK_DELAY_MS
need_wrk
need_kit_jar
bench_tmpdir WORK
ensure_kit_data
ensure_cache "$KIT_JAR" "$KIT_DATA" command /login
BENCH_CLOCK_SPEED=${SOAK_CLOCK_SPEED:-} serve "$KIT_JAR" launcher "$KIT_DATA" "$KIT_PORT" /login "$WORK/kit.log" "$START_TIMEOUT_S"
pid=$SERVER_PID
JCMD="$JAVA_HOME/bin/jcmd"
JSTAT="$JAVA_HOME/bin/jstat"

live_old() {   # forces a full collection, then prints the old generation's used KB
  "$JCMD" "$pid" GC.run >/dev/null
  "$JCMD" "$pid" GC.heap_info | awk '/Tenured|ParOldGen|old/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i + 1); exit } }' | tr -d 'K,'
}
old_used() { "$JSTAT" -gc "$pid" | awk 'NR == 2 { printf "%.1f", $8 / 1024 }'; }   # OU column, MB

# wrong_login NAME: one failed sign-in under a made-up name, as a typing error or a guess would be: what the sign-in
# throttle remembers of it must be forgotten once out of its window. Any answer but 5xx is fine (200: the form again).
wrong_login() {
  local base="http://127.0.0.1:$KIT_PORT" tmp h b c token code
  bench_tmpdir tmp; h="$tmp/headers"; b="$tmp/body"
  "${CURL[@]}" -D "$h" -o "$b" "$base/login" || true
  c=$(cookie_from "$h" sck_session)
  token=$(csrf_of "$b")
  code=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H "Cookie: sck_session=$c" -H "Origin: $base" \
      --data-urlencode "username=$1" --data-urlencode "password=not-the-password" --data-urlencode "_csrf=$token" \
      "$base/login") || true
  case $code in 5*|000) die "a wrong sign-in answered $code" ;; esac
}

kit_date() { "${CURL[@]}" -D - -o /dev/null "http://127.0.0.1:$KIT_PORT/health" | tr -d '\r' | sed -n 's/^[Dd]ate: //p'; }

pages=(/ /areas /diagnosis/analysis /diagnosis/map /partnerships/actors /partnerships/network /strategy /strategy/history)
kit_login "$KIT_PORT"
live0=$(live_old)
printf 'Soak: %s minutes, %s s per sample, %s clients, %s ms between requests, every %s. interval quiet; kit clock x%s; launcher flags: %s\n' \
  "$minutes" "$interval" "$connections" "${SOAK_DELAY_MS:-0}" "$quiet_every" "$speed" "$LAST_FLAGS"
printf '  live old generation after a full GC at the start: %.1f MB\n' "$(awk -v k="$live0" 'BEGIN { print k / 1024 }')"
printf '  the kit'"'"'s clock (HTTP Date) at the start: %s; real: %s\n' "$(kit_date)" "$(date -u '+%a, %d %b %Y %T GMT')"
printf '  %7s %7s %9s %10s %9s %7s  %s\n' minutes "kit min" "RSS MB" "old MB" "req/s" errors page
writer=""
if [ "${SOAK_WRITES:-0}" = 1 ]; then   # an office typing in beside the page load: actors and incidents added
  "$BENCH_DIR/office-writes.sh" "$KIT_PORT" "$minutes" >"$WORK/writes.txt" 2>"$WORK/writes.log" &
  writer=$!
  STARTED_PIDS+=("$writer")
fi
end=$(( ${EPOCHREALTIME/./} / 1000000 + minutes * 60 ))
i=0
while [ $(( ${EPOCHREALTIME/./} / 1000000 )) -lt "$end" ]; do
  if [ "$quiet_every" -gt 0 ] && [ $(( (i + 1) % quiet_every )) -eq 0 ]; then
    sleep "$interval"
    i=$((i + 1))
    printf '  %7d %7d %9s %10s %9s %7s  %s\n' $(( i * interval / 60 )) $(( i * interval * speed / 60 )) "$(rss_mb "$pid" VmRSS)" "$(old_used)" - - "(quiet)"
    continue
  fi
  page=${pages[$((i % ${#pages[@]}))]}
  kit_login "$KIT_PORT"   # a new session every interval: the session table must not grow without bound
  wrong_login "nobody-$i"
  WRK_ARGS=(-t1 "-c$connections" "-d${interval}s" --latency) WRK_WARMUP_ARGS=(-t1 -c1 -d1s)
  run_wrk "soak $page" "http://127.0.0.1:$KIT_PORT$page" "$KIT_COOKIE" 2>/dev/null
  i=$((i + 1))
  printf '  %7d %7d %9s %10s %9s %7s  %s\n' $(( i * interval / 60 )) $(( i * interval * speed / 60 )) "$(rss_mb "$pid" VmRSS)" "$(old_used)" "${W_RPS:-?}" \
      "$(( ${W_NOT2XX:-0} + ${W_SOCKET:-0} ))" "$page"
done
if [ -n "$writer" ]; then
  wait "$writer" || log "some office writes were not acknowledged: $WORK/writes.log"
  printf '  %s\n' "$(cat "$WORK/writes.txt")"
fi
live1=$(live_old)
printf '  the kit'"'"'s clock (HTTP Date) at the end: %s; real: %s\n' "$(kit_date)" "$(date -u '+%a, %d %b %Y %T GMT')"
printf '  live old generation after a full GC at the end: %.1f MB (start %.1f MB); peak RSS %s MB\n' \
  "$(awk -v k="$live1" 'BEGIN { print k / 1024 }')" "$(awk -v k="$live0" 'BEGIN { print k / 1024 }')" "$(rss_mb "$pid" VmHWM)"
stop_pid "$pid"
