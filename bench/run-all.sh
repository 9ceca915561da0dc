#!/usr/bin/env bash
# Runs every benchmark in one go and writes bench/results/YYYY-MM-DD.txt (today's file is replaced
# only when the whole run succeeds): the machine, a summary table, then each benchmark's figures
# and wrk's full output, ready to paste into docs/PERFORMANCE.md.
#
#   1. builds the reference jar if it is missing or older than its sources (needs Maven);
#   2. checks the kit jar exists (it is not built here);
#   3. prepares the kit's demo data once (`--demo`), shared by the three benchmarks;
#   4. startup.sh, throughput.sh, memory.sh, and the jar sizes.
#
# Usage: bench/run-all.sh [--reference-only]
#   --reference-only  measures the reference alone (checks the harness before the kit exists);
#                     writes bench/results/YYYY-MM-DD-reference-only.txt
# Takes about 4 minutes on 2 cores. Only 127.0.0.1 is contacted; every process started is stopped.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

reference_only_option run-all.sh "$@"
only=()
[ "$REF_ONLY" = 1 ] && only=(--reference-only)

# ---- what is needed
if [ "$REF_ONLY" = 0 ]; then need_kit_jar; fi
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing wrk (apt-get install -y wrk)"
    apt-get install -y -q wrk >&2 || { apt-get update -q >&2 && apt-get install -y -q wrk >&2; }
  fi
  need_wrk
fi
if [ ! -f "$REF_JAR" ] || [ -n "$(find "$BENCH_DIR/reference/pom.xml" "$BENCH_DIR/reference/src" -newer "$REF_JAR" -print -quit)" ]; then
  command -v mvn >/dev/null || die "Maven (mvn) is needed to build the reference jar: apt-get install maven"
  log "building the reference jar with JDK $JAVA_MAJOR ($JAVA_HOME)"
  # clean: the shade plugin can otherwise re-shade an already shaded jar; it also drops a stale AOT cache.
  JAVA_HOME=$JAVA_HOME mvn -B -q -f "$BENCH_DIR/reference/pom.xml" clean package >&2
  [ -f "$REF_JAR" ] || die "the reference build did not produce $REF_JAR"
fi

bench_tmpdir WORK
export BENCH_SUMMARY="$WORK/summary"
export WRK_RAW="$WORK/wrk-raw.txt"
: >"$BENCH_SUMMARY"
: >"$WRK_RAW"

# One demo data folder for all three benchmarks: demo creation happens once and is never timed.
if [ "$REF_ONLY" = 0 ]; then
  ensure_kit_data
  export BENCH_KIT_DATA=$KIT_DATA
fi

day=$(date +%F)
name=$day
[ "$REF_ONLY" = 1 ] && name="$day-reference-only"
out="$WORK/results.txt"

log "1/3 start-up"
"$BENCH_DIR/startup.sh" "${only[@]}" >"$WORK/startup.txt"
log "2/3 throughput"
"$BENCH_DIR/throughput.sh" "${only[@]}" >"$WORK/throughput.txt"
log "3/3 memory"
"$BENCH_DIR/memory.sh" "${only[@]}" >"$WORK/memory.txt"

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }
get() { sed -n "s/^$1=//p" "$BENCH_SUMMARY" | tail -n 1; }
ref_mb=$(mb "$REF_JAR")
kit_mb=""
[ "$REF_ONLY" = 0 ] && kit_mb=$(mb "$KIT_JAR")

{
  printf 'Safer Cities Kit benchmarks, %s%s\n' "$(date '+%F %H:%M %Z')" "${only:+ (reference only)}"
  if git -C "$ROOT" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    printf 'Commit: %s%s\n' "$(git -C "$ROOT" rev-parse --short HEAD)" \
      "$([ -n "$(git -C "$ROOT" status --porcelain -- kit modules 2>/dev/null)" ] && echo ' (kit or modules changed since)')"
  fi
  echo
  echo "Machine"
  printf '  cores (nproc):  %s\n' "$(nproc)"
  printf '  CPU:            %s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  printf '  memory:         %s MB\n' "$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)"
  printf '  system:         %s\n' "$(uname -sr)"
  printf '  wrk:            %s\n' "$(wrk --version 2>&1 | head -n 1 | cut -c1-60)"
  echo "  java -version ($JAVA):"
  "$JAVA" -version 2>&1 | sed 's/^/    /'
  echo
  echo "Summary (MB = 1,048,576 bytes)"
  s() { printf '  %-40s %12s %12s %10s\n' "$@"; }
  s "" "reference" "kit" "kit/ref"
  s "start-up, launcher flags: median ms" "$(get startup_launcher_ref)" "$(get startup_launcher_kit)" "$(get startup_launcher_ratio)"
  s "start-up, default flags: median ms" "$(get startup_default_ref)" "$(get startup_default_kit)" "$(get startup_default_ratio)"
  s "throughput: requests/s (ref: /hello)" "$(get throughput_hello_rps)" "$(get throughput_kit_rps)" "$(get throughput_ratio)"
  s "throughput: p99 ms" "$(get throughput_hello_p99)" "$(get throughput_kit_p99)" ""
  s "throughput: errors (non-2xx + socket)" "" "$(get throughput_kit_errors)" ""
  if [ "$REF_ONLY" = 0 ]; then
    s "memory RSS after start, MB" "" "$(get memory_start)" ""
    s "memory RSS after load, MB" "" "$(get memory_load)" ""
    s "memory RSS after 50 s quiet, MB" "" "$(get memory_quiet)" ""
  else
    s "memory RSS after start, MB" "$(get memory_start)" "" ""
    s "memory RSS after load, MB" "$(get memory_load)" "" ""
  fi
  s "jar size, MB" "$ref_mb" "$kit_mb" "$(if [ -n "$kit_mb" ]; then ratio "$kit_mb" "$ref_mb"; fi)"
  [ "$REF_ONLY" = 1 ] || printf '  throughput goal (kit/hello >= 0.40, zero errors): %s\n' "$(get throughput_verdict)"
  echo
  cat "$WORK/startup.txt"; echo
  cat "$WORK/throughput.txt"; echo
  cat "$WORK/memory.txt"; echo
  echo "Jar sizes (ls -l)"
  # shellcheck disable=SC2012  # ls -l is the figure asked for
  ls -l "$REF_JAR" ${kit_mb:+"$KIT_JAR"} | sed 's/^/  /'
  echo
  echo "Raw wrk output"
  cat "$WRK_RAW"
} >"$out"

mkdir -p "$BENCH_DIR/results"
cp "$out" "$BENCH_DIR/results/$name.txt"
cat "$out"
log "written: bench/results/$name.txt"
