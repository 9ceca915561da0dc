#!/usr/bin/env bash
# Start-up: wall time from launching the JVM to the first 200 answer of a page read from the store.
#   reference: GET /       (one row read from Derby)      bench/reference/target/reference.jar
#   kit:       GET /login  (renders the city name read from the store)  kit/target/safercities-kit.jar
# Each side is started the same way: java <flags> -jar JAR --data DIR --port N, on a data folder
# made beforehand (the kit's by one `--demo` start), so creating data is never timed.
# Two flag sets, the same on both sides:
#   launcher: what scripts/jvm-flags.sh prints for that jar (heap, GC, and its AOT cache / CDS file);
#   default:  no JVM flag at all (KIT_NO_AOT=1).
# For each flag set: one untimed start per side (OS file cache, and a check that the AOT cache
# loads), then RUNS timed starts, reference and kit alternating so drift hits both alike.
#
# Usage: bench/startup.sh [--reference-only] [--runs N]      (figures on stdout, progress on stderr)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

RUNS=5
REF_ONLY=0
while [ $# -gt 0 ]; do
  case $1 in
    --reference-only) REF_ONLY=1 ;;
    --runs) RUNS=$2; shift ;;
    *) die "usage: bench/startup.sh [--reference-only] [--runs N]" ;;
  esac
  shift
done
[[ $RUNS =~ ^[1-9][0-9]?$ ]] || die "--runs takes 1 to 99"
[ -f "$REF_JAR" ] || die "no $REF_JAR: run bench/run-all.sh, or mvn -q -f bench/reference/pom.xml package"
[ "$REF_ONLY" = 1 ] || need_kit_jar

bench_tmpdir WORK
REF_DATA="$WORK/ref-data"

ensure_cache "$REF_JAR" "$REF_DATA" requests / /hello
if [ "$REF_ONLY" = 0 ]; then
  ensure_kit_data
  ensure_cache "$KIT_JAR" "$KIT_DATA" command /login
fi

# time_start JAR MODE DATA PORT PATH: one timed start; sets MS.
time_start() {
  local jar=$1 mode=$2 data=$3 port=$4 path=$5
  serve "$jar" "$mode" "$data" "$port" "$path" "$WORK/start.log" "$START_TIMEOUT_S"
  MS=$(ms_between "$T_LAUNCH" "$T_READY")
  stop_pid "$SERVER_PID"
}

row() { printf '  %-16s %-22s %7s %7s   %s\n' "$@"; }

printf 'Start-up: JVM launch to first 200 (curl every 20 ms), %d runs each, ms\n' "$RUNS"
row "flags" "page" "median" "min" "all runs"
for mode in launcher default; do
  if [ "$mode" = launcher ]; then
    unset KIT_NO_AOT
    warm=verify
  else
    export KIT_NO_AOT=1
    warm=default
  fi
  log "start-up with $mode flags: untimed warm-up starts"
  serve "$REF_JAR" "$warm" "$REF_DATA" "$REF_PORT" / "$WORK/warm-ref.log" "$START_TIMEOUT_S"
  ref_flags=$LAST_FLAGS
  stop_pid "$SERVER_PID"
  if [ "$REF_ONLY" = 0 ]; then
    serve "$KIT_JAR" "$warm" "$KIT_DATA" "$KIT_PORT" /login "$WORK/warm-kit.log" "$START_TIMEOUT_S"
    kit_flags=$LAST_FLAGS
    stop_pid "$SERVER_PID"
  fi

  ref=() kit=()
  for ((i = 1; i <= RUNS; i++)); do
    time_start "$REF_JAR" "$mode" "$REF_DATA" "$REF_PORT" /
    ref+=("$MS")
    if [ "$REF_ONLY" = 0 ]; then
      time_start "$KIT_JAR" "$mode" "$KIT_DATA" "$KIT_PORT" /login
      kit+=("$MS")
    fi
    log "$mode flags, run $i/$RUNS: reference ${ref[-1]} ms${kit:+, kit ${kit[-1]} ms}"
  done

  ref_med=$(median "${ref[@]}")
  row "$mode" "reference GET /" "$ref_med" "$(minimum "${ref[@]}")" "${ref[*]}"
  summary "startup_${mode}_ref" "$ref_med"
  if [ "$REF_ONLY" = 0 ]; then
    kit_med=$(median "${kit[@]}")
    row "$mode" "kit GET /login" "$kit_med" "$(minimum "${kit[@]}")" "${kit[*]}"
    row "$mode" "ratio kit/reference" "$(ratio "$kit_med" "$ref_med")" "$(ratio "$(minimum "${kit[@]}")" "$(minimum "${ref[@]}")")" "(median, min)"
    summary "startup_${mode}_kit" "$kit_med"
    summary "startup_${mode}_ratio" "$(ratio "$kit_med" "$ref_med")"
  fi
  # verify adds -XX:AOTMode=on for the check only; the timed runs use the flags without it.
  printf '  %-16s reference: %s\n' "" "${ref_flags/ -XX:AOTMode=on/}"
  [ "$REF_ONLY" = 1 ] || printf '  %-16s kit:       %s\n' "" "${kit_flags/ -XX:AOTMode=on/}"
done
