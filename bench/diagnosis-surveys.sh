#!/usr/bin/env bash
# Diagnosis benchmark 3 (issue 3): importing 100,000 Kobo-style survey responses, against Derby's own bulk import.
#   1. the file: bench/diagnosis-data.java writes ROWS responses (about 1% bad rows) with the Kobo group prefixes;
#   2. the reference: Derby's SYSCS_UTIL.SYSCS_IMPORT_TABLE loading the same rows (header removed) into a plain
#      16-column table, own JVM, the launcher's heap flags, empty database (bench/diagnosis-reference.java surveys);
#      run before and after the kit, the faster run counts;
#   3. the kit (launcher flags, -Xmx128m) on a fresh --demo data folder, signed in as the demo coordinator: the
#      file through /diagnosis/surveys/import as the browser sends it (upload, mapping, "import the good rows"),
#      timed from the POST to the end of the background job (its status polled as the page does), then the same
#      file again (every row already there: nothing added).
#
# Usage: bench/diagnosis-surveys.sh          Env: BENCH_SURVEY_ROWS (default 100000); BENCH_KIT_JAR (another build)
# Writes bench/results/YYYY-MM-DD-diagnosis-surveys.txt and prints it. About 3 minutes on 2 cores. Only 127.0.0.1.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$BENCH_DIR/diagnosis-lib.sh"

need_kit_jar
need_derby_jars
command -v perl >/dev/null || die "perl is needed (it reads the kit's pages)"
unset KIT_NO_AOT BENCH_KIT_DATA
bench_tmpdir WORK
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 1. the file
log "writing $SURVEY_ROWS survey responses (streamed)"
file_line=$(make_survey_file "$SURVEY_ROWS" "$WORK/kobo-responses.csv")
log "$file_line"
tail -n +2 "$WORK/kobo-responses.csv" >"$WORK/reference.csv"

# ---- 2. the reference, first run
run_reference "$WORK/reference.csv" surveys
ref1_ms=$REF_IMPORT_MS
[ "$REF_IMPORT_ROWS" = "$SURVEY_ROWS" ] || die "the reference loaded $REF_IMPORT_ROWS rows, expected $SURVEY_ROWS"
log "reference: $REF_IMPORT_ROWS rows in $ref1_ms ms"

# ---- 3. the kit
ensure_kit_data
ensure_cache "$KIT_JAR" "$KIT_DATA" command /login
serve "$KIT_JAR" launcher "$KIT_DATA" "$KIT_PORT" /login "$WORK/kit.log" "$START_TIMEOUT_S"
kit_login "$KIT_PORT"
KIT_BASE="http://127.0.0.1:$KIT_PORT"
RSS_MAX_MB=$(rss_mb "$SERVER_PID" VmRSS)
jfr_start first
import_surveys "$WORK/kobo-responses.csv" "$WORK"
jfr_stop first "$WORK/first.jfr"
first_ms=$T_SURVEY_IMPORT_MS first_upload_ms=$T_SURVEY_UPLOAD_MS
first_figures=$(figures "$SURVEY_PAGE" | tr '\n' ' ')
[ -n "$first_figures" ] || first_figures=$(perl -0777 -ne 's/<[^>]+>/ /g; s/\s+/ /g; print $1 if /((?:Rows read)[^.]{0,300})/' "$SURVEY_PAGE")
mkdir -p "$WORK/again"
import_surveys "$WORK/kobo-responses.csv" "$WORK/again"
again_ms=$T_SURVEY_IMPORT_MS
again_figures=$(figures "$SURVEY_PAGE" | tr '\n' ' ')
[ -n "$again_figures" ] || again_figures=$(perl -0777 -ne 's/<[^>]+>/ /g; s/\s+/ /g; print $1 if /((?:Rows read)[^.]{0,300})/' "$SURVEY_PAGE")
rss_hwm=$(rss_mb "$SERVER_PID" VmHWM)
stop_pid "$SERVER_PID"

# ---- 4. the reference again; the faster run counts
run_reference "$WORK/reference.csv" surveys
ref2_ms=$REF_IMPORT_MS
ref_ms=$(( ref1_ms < ref2_ms ? ref1_ms : ref2_ms ))
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

out="$WORK/results.txt"
{
  printf 'Diagnosis benchmark 3: importing %s survey responses (issue 3), %s\n' "$SURVEY_ROWS" "$(date '+%F %H:%M %Z')"
  if git -C "$ROOT" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    printf 'Commit: %s%s\n' "$(git -C "$ROOT" rev-parse --short HEAD)" "${BENCH_KIT_JAR:+ (kit jar: $BENCH_KIT_JAR)}"
  fi
  printf 'Machine: %s cores, %s MB; %s\n' "$(nproc)" "$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)" \
    "$("$JAVA" -version 2>&1 | head -n 1)"
  printf 'Load average (1, 5, 15 min): %s before, %s after (the cores are shared)\n' "$load_before" "$load_after"
  printf 'File: %s\n\n' "$file_line"
  printf '  %-58s %10s %12s %9s\n' "what" "ms" "rows/s" "ratio"
  printf '  %-58s %10s %12s %9s\n' "reference: SYSCS_IMPORT_TABLE, plain table (faster of 2)" "$ref_ms" \
    "$(awk -v n="$SURVEY_ROWS" -v ms="$ref_ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')" "1.00"
  printf '  %-58s %10s %12s %9s\n' "kit: import through HTTP (POST to the end of the job)" "$first_ms" \
    "$(awk -v n="$SURVEY_ROWS" -v ms="$first_ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')" \
    "$(awk -v a="$ref_ms" -v b="$first_ms" 'BEGIN { printf "%.3f", a / b }')"
  printf '  %-58s %10s %12s %9s\n' "kit: the same file again (nothing added)" "$again_ms" \
    "$(awk -v n="$SURVEY_ROWS" -v ms="$again_ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')" \
    "$(awk -v a="$ref_ms" -v b="$again_ms" 'BEGIN { printf "%.3f", a / b }')"
  echo "  ratio: the reference's time / the kit's (throughput as a share of Derby's own bulk import)"
  printf '  upload %s ms (not counted); reference runs %s and %s ms\n' "$first_upload_ms" "$ref1_ms" "$ref2_ms"
  printf 'First import: %s\nSecond import: %s\n' "$first_figures" "$again_figures"
  printf 'Kit RSS, MB: max %s while importing; VmHWM %s\n\n' "$RSS_MAX_MB" "$rss_hwm"
  echo "Where the survey import thread spends its time in the first import (JFR; a kit that imports within the request: *)"
  jfr_top "$WORK/first.jfr" survey-import 12
  jfr_gc "$WORK/first.jfr"
} >"$out"
mkdir -p "$BENCH_DIR/results"
cp "$out" "$BENCH_DIR/results/$(date +%F)-diagnosis-surveys${BENCH_RESULTS_SUFFIX:-}.txt"
cat "$out"
log "written: bench/results/$(date +%F)-diagnosis-surveys${BENCH_RESULTS_SUFFIX:-}.txt"
