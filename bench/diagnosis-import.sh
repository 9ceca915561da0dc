#!/usr/bin/env bash
# Diagnosis benchmark 1 (issue 3): importing 1,000,000 incident rows from CSV through HTTP, mapping and checks
# included, against Derby's own SYSCS_UTIL.SYSCS_IMPORT_TABLE loading the same rows into a plain table.
#   1. bench/diagnosis-data.java streams the rows into two files: the kit's (';', decimal commas, ISO dates
#      with Z, Spanish words, coordinates inside the demo wards, ~1% bad rows) and the same rows as plain comma
#      CSV for the reference;
#   2. the reference: bench/diagnosis-reference.java in its own JVM (the launcher's heap flags, -Xmx128m), empty
#      database; run before and after the kit, the faster run counts (the ratio is then the kit's worst case);
#   3. the kit (launcher flags, -Xmx128m) on a fresh --demo data folder, signed in as the demo coordinator:
#      upload → mapping page → mapping posted → check pass → value mapping (first guesses) → load pass, each
#      phase timed from the outside (the job's /status polled every 0.2 s; the load pass split where its progress
#      reaches 70% = Derby's imports start, and 90% = they are over); the kit's RSS sampled;
#      with BENCH_JFR=1, a JFR recording of each pass says where the import thread spends its time (it costs
#      about a tenth of the import: the goal is measured without it, the default).
# Goal: kit rows/s >= 1/3 of the reference's, for check+load (what the user waits for) and for the load alone.
#
# Usage: bench/diagnosis-import.sh [--keep DIR]
#   --keep DIR  use DIR (must not exist) as the kit's data folder and keep it, with 1M incidents, for
#               bench/diagnosis-pages.sh --data DIR
# Env: BENCH_INCIDENT_ROWS (default 1000000); BENCH_KIT_XMX=512m gives the kit (not the reference) another heap
# limit, a diagnostic outside the goal's condition (results file named …-diagnosis-import-xmx512m.txt); BENCH_JFR=1.
# Exit code 3 when the kit's import failed (the results file is still written, saying so). Writes bench/results/YYYY-MM-DD-diagnosis-import.txt (figures
# also on stdout, progress on stderr). About 10 minutes on 2 cores. Only 127.0.0.1 is contacted.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$BENCH_DIR/diagnosis-lib.sh"

KEEP=""
case ${1:-} in
  "") ;;
  --keep) KEEP=${2:?"usage: bench/diagnosis-import.sh [--keep DIR]"}; [ ! -e "$KEEP" ] || die "$KEEP exists already" ;;
  *) die "usage: bench/diagnosis-import.sh [--keep DIR]" ;;
esac
need_kit_jar
need_derby_jars
command -v perl >/dev/null || die "perl is needed (it reads the kit's pages)"
unset KIT_NO_AOT BENCH_KIT_DATA

bench_tmpdir WORK
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 1. the files
log "writing $INCIDENT_ROWS incident rows (streamed)"
files=$(make_incident_files "$INCIDENT_ROWS" "$WORK/incidents.csv" "$WORK/incidents-reference.csv")
log "$files"

# ---- 2. the reference, first run
log "reference: SYSCS_UTIL.SYSCS_IMPORT_TABLE, own JVM, -Xmx128m, empty database"
run_reference "$WORK/incidents-reference.csv"
ref1_ms=$REF_IMPORT_MS
[ "$REF_IMPORT_ROWS" = "$INCIDENT_ROWS" ] || die "the reference loaded $REF_IMPORT_ROWS rows, expected $INCIDENT_ROWS"
log "reference: $REF_IMPORT_ROWS rows in $ref1_ms ms"

# ---- 3. the kit
if [ -n "$KEEP" ]; then
  mkdir -p "$(dirname "$KEEP")"
  KIT_DATA=$(cd "$(dirname "$KEEP")" && pwd)/$(basename "$KEEP")
  log "a fresh demo data folder, kept: --demo --data $KIT_DATA"
  serve "$KIT_JAR" launcher "$KIT_DATA" "$PREP_PORT" /login "$WORK/kit-demo.log" "$DEMO_TIMEOUT_S" --demo
  stop_pid "$SERVER_PID"
else
  ensure_kit_data
fi
ensure_cache "$KIT_JAR" "$KIT_DATA" command /login
serve "$KIT_JAR" launcher "$KIT_DATA" "$KIT_PORT" /login "$WORK/kit.log" "$START_TIMEOUT_S"
kit_login "$KIT_PORT"
KIT_BASE="http://127.0.0.1:$KIT_PORT"
kit_flags=$LAST_FLAGS
rss_start=$(rss_mb "$SERVER_PID" VmRSS)
RSS_MAX_MB=$rss_start

t_all=$EPOCHREALTIME
import_incidents "$WORK/incidents.csv" "Bench police $(date +%s)" "$WORK"
total_ms=$(ms_between "$t_all" "$T_END")
rss_hwm=$(rss_mb "$SERVER_PID" VmHWM)
rss_end=$(rss_mb "$SERVER_PID" VmRSS)
stop_pid "$SERVER_PID"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 2b. the reference, second run
run_reference "$WORK/incidents-reference.csv"
ref2_ms=$REF_IMPORT_MS
log "reference (after): $REF_IMPORT_ROWS rows in $ref2_ms ms"
ref_ms=$(minimum "$ref1_ms" "$ref2_ms")

rows=$INCIDENT_ROWS
rps() { awk -v n="$rows" -v ms="$1" 'BEGIN { printf "%.0f", n * 1000 / ms }'; }
verdict() { awk -v r="$1" 'BEGIN { print (r >= 1 / 3) ? "met" : "NOT met" }'; }
check_load_ms=$((T_CHECK_MS + T_LOAD_MS))
ref_rps=$(rps "$ref_ms")
r_check_load=$(ratio "$(rps "$check_load_ms")" "$ref_rps")
r_load=$(ratio "$(rps "$T_LOAD_MS")" "$ref_rps")
r_total=$(ratio "$(rps "$total_ms")" "$ref_rps")
heap_note=""
[ -z "${BENCH_KIT_XMX:-}" ] || heap_note=" [kit heap -Xmx$BENCH_KIT_XMX, NOT the goal's -Xmx128m]"

out="$WORK/results.txt"
{
  printf 'Diagnosis benchmark 1: importing %s incident rows (issue 3), %s\n' "$rows" "$(date '+%F %H:%M %Z')"
  commit_and_machine
  printf 'Load average (1, 5, 15 min): %s before, %s after the kit'"'"'s import (the cores are shared)\n' "$load_before" "$load_after"
  printf 'Files: %s\n' "$files"
  printf 'Kit flags: %s%s\n\n' "$kit_flags" "$heap_note"
  if [ -n "$LOAD_FAILED" ]; then
    printf '  *** THE IMPORT FAILED: %s.\n' "$LOAD_FAILED"
    printf '  *** The load-pass figures below are the time until the failure was seen, not a throughput.\n'
    printf '  *** The kit'"'"'s heap right after (jcmd GC.heap_info):\n'
    sed 's/^/        /' "$WORK/heap-after-failure.txt"
    echo
  fi

  printf '  %-52s %10s %10s %9s\n' "phase" "ms" "rows/s" "/ref"
  p() { printf '  %-52s %10s %10s %9s\n' "$1" "$2" "$(rps "$2")" "$(ratio "$(rps "$2")" "$ref_rps")"; }
  p "reference: SYSCS_IMPORT_TABLE (faster of 2 runs)" "$ref_ms"
  printf '  %-52s %10s\n' "  reference runs, before and after the kit" "$ref1_ms, $ref2_ms"
  printf '  %-52s %10s\n' "kit: upload (curl, $(du -h "$WORK/incidents.csv" | cut -f1))" "$T_UPLOAD_MS"
  printf '  %-52s %10s\n' "kit: mapping page read (GET, with preview)" "$T_MAPPING_MS"
  p "kit: check pass (every row read and checked)" "$T_CHECK_MS"
  p "kit: load pass (Derby's import of rows and counts)" "$T_LOAD_MS"
  printf '  %-52s %10s\n' "  load: mapping unchanged? (else read again) (to 70%)" "$T_LOAD_READ_MS"
  printf '  %-52s %10s\n' "  load: SYSCS_IMPORT_DATA rows ‖ counts (70% to 90%)" "$T_LOAD_BULK_MS"
  printf '  %-52s %10s\n' "  load: commit, counts reloaded (90% to done)" "$T_LOAD_COUNTS_MS"
  p "kit: check + load" "$check_load_ms"
  p "kit: everything, upload to done" "$total_ms"
  echo
  if [ -n "$LOAD_FAILED" ]; then
    printf '  goal: kit >= 1/3 of the reference (0.33): NOT met, the import did not finish (%s)\n' "$LOAD_FAILED"
  else
    printf '  goal: kit >= 1/3 of the reference (0.33): check+load %s (%s), load pass alone %s (%s), upload to done %s%s\n' \
      "$r_check_load" "$(verdict "$r_check_load")" "$r_load" "$(verdict "$r_load")" "$r_total" "$heap_note"
  fi
  printf '  kit RSS (MB of 1,048,576 bytes): %s signed in before the import, max %s sampled during it, %s after; VmHWM %s\n' \
    "$rss_start" "$RSS_MAX_MB" "$rss_end" "$rss_hwm"
  printf '  (JFR recording %s during both passes: its buffers add to the RSS)\n' "$([ "${BENCH_JFR:-0}" = 1 ] && echo on || echo off)"
  printf '  input file %s MB, kit heap limit %s: a heap that stays below the file size shows the rows are streamed\n\n' \
    "$(awk -v b="$(stat -c %s "$WORK/incidents.csv")" 'BEGIN { printf "%.0f", b / 1048576 }')" "${BENCH_KIT_XMX:-128m}"
  echo "  the job page after the check:"
  sed 's/^/    /' "$CHECK_FIGURES"
  echo "  the job page when done:"
  sed 's/^/    /' "$DONE_FIGURES"
  echo
  echo "Where the import thread spends its time (JFR, default settings: a stack sample every 20 ms)"
  echo "  check pass:"
  jfr_top "$WORK/check.jfr" incident-import 12
  echo "  load pass:"
  jfr_top "$WORK/load.jfr" incident-import 12
  echo "  the garbage collector, check pass:"
  jfr_gc "$WORK/check.jfr"
  echo "  the garbage collector, load pass:"
  jfr_gc "$WORK/load.jfr"
} >"$out"

mkdir -p "$BENCH_DIR/results"
name="$(date +%F)-diagnosis-import${BENCH_KIT_XMX:+-xmx$BENCH_KIT_XMX}.txt"
cp "$out" "$BENCH_DIR/results/$name"
cat "$out"
log "written: bench/results/$name"
[ -z "$LOAD_FAILED" ] || { log "the import failed: $LOAD_FAILED"; exit 3; }
[ -z "$KEEP" ] || log "kit data with the imported incidents kept in $KIT_DATA (bench/diagnosis-pages.sh --data $KIT_DATA)"
