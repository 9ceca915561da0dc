# Shared by the benchmark scripts (sourced, not run). Needs bash 5 ($EPOCHREALTIME).
#
# What it gives: the JDK (JAVA), the jars (REF_JAR, KIT_JAR), ports, starting and stopping servers
# with a trap that stops every process started here, waiting for the first 200, preparing the
# AOT/CDS file the launcher flags point at, signing in to the kit, running wrk and reading its figures.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)

# shellcheck source=../scripts/find-jdk.sh
. "$ROOT/scripts/find-jdk.sh"
# shellcheck source=../scripts/jvm-flags.sh
. "$ROOT/scripts/jvm-flags.sh"
find_jdk || exit 1
JAVA="$JAVA_HOME/bin/java"
JAVA_MAJOR=$(java_major "$JAVA")

REF_JAR="$BENCH_DIR/reference/target/reference.jar"
KIT_JAR=${BENCH_KIT_JAR:-"$ROOT/kit/target/safercities-kit.jar"}   # BENCH_KIT_JAR: another build of the kit

# Fixed ports in a quiet range; each role has its own so that a slow-to-die process can never
# answer for the next one. Every start checks first that nothing listens there.
REF_PORT=${BENCH_REF_PORT:-18081}
KIT_PORT=${BENCH_KIT_PORT:-18082}
PREP_PORT=${BENCH_PREP_PORT:-18083}

# The same wrk load everywhere (throughput.sh and memory.sh).
WRK_ARGS=(-t2 -c32 -d15s --latency)
WRK_WARMUP_ARGS=(-t2 -c32 -d5s)

# Kit demo account (created by `--demo`).
KIT_USER=demo-coordinator
KIT_PASSWORD=demo-city-2026

# Limits so that nothing here can loop for ever.
START_TIMEOUT_S=${BENCH_START_TIMEOUT_S:-60}    # a normal start
DEMO_TIMEOUT_S=${BENCH_DEMO_TIMEOUT_S:-300}     # first start with --demo (creates the demo city)
STOP_TIMEOUT_S=30                               # SIGTERM, then SIGKILL
TRAIN_EXIT_TIMEOUT_S=240                        # the AOT cache is assembled while the JVM exits

CURL=(curl -s --noproxy '*' --max-time 10)

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- processes and clean-up
STARTED_PIDS=()
OWN_TMP=()

alive() {   # $1 = pid; true while the process runs (a zombie counts as gone)
  local st
  st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

stop_pid() {   # $1 = pid [$2 = seconds before SIGKILL]; stops one process we started and reaps it
  local pid=$1 limit=${2:-$STOP_TIMEOUT_S} i
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < limit * 10; i++)); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then
      log "process $pid did not stop within ${limit}s after SIGTERM: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local pid d
  for pid in "${STARTED_PIDS[@]}"; do stop_pid "$pid" 10; done
  for d in "${OWN_TMP[@]}"; do rm -rf -- "$d"; done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_tmpdir() {   # $1 = variable name: makes a temporary folder, removed on exit, and stores its path
  local d
  d=$(mktemp -d "${TMPDIR:-/tmp}/safercities-bench.XXXXXX")
  OWN_TMP+=("$d")
  printf -v "$1" '%s' "$d"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_java LOG JAR FLAGS_MODE APP_ARGS...   (sets SERVER_PID and T_LAUNCH, in seconds)
# FLAGS_MODE: "launcher" = the flags jvm_flags prints for this jar (AOT/CDS file included when present);
#             "default"  = no JVM flag at all, KIT_NO_AOT=1 in the environment;
#             "train"    = launcher flags without the cache, plus the option that records one;
#             "verify"   = launcher flags plus -XX:AOTMode=on (the JVM stops if the AOT cache is unusable).
start_java() {
  local logf=$1 jar=$2 mode=$3; shift 3
  local flags=() port="" a prev=""
  for a in "$@"; do [ "$prev" = --port ] && port=$a; prev=$a; done
  if [ -n "$port" ] && port_in_use "$port"; then
    die "port $port is already in use on 127.0.0.1: stop what listens there or set BENCH_*_PORT"
  fi
  case $mode in
    launcher) mapfile -t flags < <(jvm_flags "$JAVA" "$jar") ;;
    default) flags=() ;;
    train)
      mapfile -t flags < <(KIT_NO_AOT=1 jvm_flags "$JAVA" "$jar")
      if [ "$JAVA_MAJOR" -ge 25 ]; then
        flags+=("-XX:AOTCacheOutput=${jar%.jar}.aot")
      else   # JDK 21-24: the launcher's dynamic CDS archive is written when this run exits
        mapfile -t flags < <(jvm_flags "$JAVA" "$jar")
      fi ;;
    verify)
      mapfile -t flags < <(jvm_flags "$JAVA" "$jar")
      case " ${flags[*]} " in *" -XX:AOTCache="*) flags+=(-XX:AOTMode=on) ;; esac ;;
    *) die "start_java: unknown flags mode $mode" ;;
  esac
  LAST_FLAGS="${flags[*]:-(none)}"
  T_LAUNCH=$EPOCHREALTIME
  # BENCH_CLOCK_SPEED=N: the JVM's clocks run N times faster (libfaketime preloaded through env, which execs
  # java, so SERVER_PID stays the JVM's): timers, session and rate-limit windows pass N times faster.
  local pre=()
  if [ -n "${BENCH_CLOCK_SPEED:-}" ]; then
    local lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1
    [ -f "$lib" ] || die "BENCH_CLOCK_SPEED needs libfaketime (apt-get install faketime)"
    pre=(env "LD_PRELOAD=$lib" "FAKETIME=+0 x$BENCH_CLOCK_SPEED")
  fi
  if [ "$mode" = default ]; then
    KIT_NO_AOT=1 "${pre[@]}" "$JAVA" -jar "$jar" "$@" >"$logf" 2>&1 &
  else
    "${pre[@]}" "$JAVA" "${flags[@]}" -jar "$jar" "$@" >"$logf" 2>&1 &
  fi
  SERVER_PID=$!
  STARTED_PIDS+=("$SERVER_PID")
}

# wait_200 URL PID TIMEOUT_S [COOKIE]: polls every 20 ms until URL answers 200.
# Returns 0 (sets T_READY, in seconds), 1 if the process died, 2 on time-out.
wait_200() {
  local url=$1 pid=$2 limit=$3 cookie=${4:-} code deadline
  local hdr=()
  [ -n "$cookie" ] && hdr=(-H "Cookie: $cookie")
  deadline=$(( ${EPOCHREALTIME/./} + limit * 1000000 ))
  while :; do
    code=$("${CURL[@]}" "${hdr[@]}" -o /dev/null -w '%{http_code}' "$url" 2>/dev/null) || true
    if [ "$code" = 200 ]; then T_READY=$EPOCHREALTIME; return 0; fi
    alive "$pid" || return 1
    [ "${EPOCHREALTIME/./}" -lt "$deadline" ] || return 2
    sleep 0.02
  done
}

ms_between() {   # $1 $2 = $EPOCHREALTIME values -> whole milliseconds
  echo $(( (${2/./} - ${1/./}) / 1000 ))
}

# try_serve JAR FLAGS_MODE DATA PORT PATH LOG TIMEOUT_S [EXTRA_APP_ARGS...]
# Starts the jar with [EXTRA_APP_ARGS] --data DATA --port PORT and waits for 200 on PATH.
# Returns 0 when it serves (SERVER_PID runs); otherwise stops it, logs why and returns 1.
try_serve() {
  local jar=$1 mode=$2 data=$3 port=$4 path=$5 logf=$6 limit=$7; shift 7
  start_java "$logf" "$jar" "$mode" "$@" --data "$data" --port "$port"
  local rc=0
  wait_200 "http://127.0.0.1:$port$path" "$SERVER_PID" "$limit" || rc=$?
  [ "$rc" = 0 ] && return 0
  if [ "$rc" = 1 ]; then log "$(basename "$jar") exited before answering 200 on $path"
  else log "$(basename "$jar") gave no 200 on $path within ${limit}s"; fi
  log "flags: $LAST_FLAGS"
  log "last lines of its output ($logf):"
  tail -n 25 "$logf" >&2 || true
  stop_pid "$SERVER_PID"
  return 1
}

# serve: try_serve, and exit on failure.
serve() {
  try_serve "$@" && return 0
  [ "$2" = verify ] && log "the JVM could not use the AOT cache: delete $(cache_file "$1") and run again"
  exit 1
}

# ---------------------------------------------------------------- AOT cache / CDS archive
cache_file() {   # the file jvm_flags points at for this jar on this JDK
  if [ "$JAVA_MAJOR" -ge 25 ]; then echo "${1%.jar}.aot"; else echo "${1%.jar}.jsa"; fi
}

# ensure_cache JAR DATA HOW PATH...: makes the launcher's AOT cache (JDK 25+) or CDS archive (21-24)
# for JAR when it is missing, older than the jar, or refused by this JVM (JDK 25: one start with
# -XX:AOTMode=on tells). HOW says how the training run goes:
#   requests: start JAR on DATA, request each PATH 20 times, stop it (the reference);
#   command:  `java <flags> -jar JAR train`, the kit's own training run (the one its launcher uses:
#             demo city, sign-in, pages); falls back to "requests" if the jar has no such command.
# A stale cache is not an error for the JVM (with -Xlog:aot=off it is silently ignored), which
# would compare a cached start against an uncached one: hence these checks.
ensure_cache() {
  local jar=$1 data=$2 how=$3; shift 3
  local cache tmp logf p i
  cache=$(cache_file "$jar")
  bench_tmpdir tmp
  logf="$tmp/train.log"
  if [ -f "$cache" ] && [ ! "$jar" -nt "$cache" ]; then
    if [ "$JAVA_MAJOR" -lt 25 ] || try_serve "$jar" verify "$data" "$PREP_PORT" "$1" "$tmp/verify.log" "$START_TIMEOUT_S" 2>/dev/null; then
      [ "$JAVA_MAJOR" -lt 25 ] || stop_pid "$SERVER_PID"
      log "using $(basename "$cache") ($(du -h "$cache" | cut -f1))"
      return 0
    fi
    log "this JVM refuses $(basename "$cache") (made by another JDK build?): making it again"
  fi
  rm -f -- "$cache"
  if [ "$how" = command ]; then
    log "training run to create $cache (JDK $JAVA_MAJOR): java -jar $(basename "$jar") train"
    start_java "$logf" "$jar" train train
    local rc=0
    for ((i = 0; i < TRAIN_EXIT_TIMEOUT_S * 10; i++)); do alive "$SERVER_PID" || break; sleep 0.1; done
    if alive "$SERVER_PID"; then
      stop_pid "$SERVER_PID" 5
      rc=124
    else
      wait "$SERVER_PID" || rc=$?
    fi
    # The JVM writes the cache at any exit, even after a failed run: trust it only after exit code 0.
    if [ "$rc" = 0 ] && [ -s "$cache" ]; then
      log "created $(basename "$cache") ($(du -h "$cache" | cut -f1))"
      return 0
    fi
    log "'$(basename "$jar") train' failed (exit code $rc): training by requests instead. Its output ends:"
    # Skip the JVM's own lines about assembling the cache: the kit's error is above them.
    grep -v -i -e 'aot' -e 'JAVA_TOOL_OPTIONS' "$logf" | grep -v -e '^INFO:' -e '^[A-Z][a-z][a-z] [0-9]' | tail -n 10 >&2 || true
    rm -f -- "$cache"
  fi
  log "training run to create $cache (JDK $JAVA_MAJOR): requests to $*"
  serve "$jar" train "$data" "$PREP_PORT" "$1" "$logf" "$DEMO_TIMEOUT_S"
  for ((i = 0; i < 20; i++)); do
    for p in "$@"; do "${CURL[@]}" -o /dev/null "http://127.0.0.1:$PREP_PORT$p" || true; done
  done
  stop_pid "$SERVER_PID" "$TRAIN_EXIT_TIMEOUT_S"
  [ -s "$cache" ] || { tail -n 25 "$logf" >&2; die "training run did not write $cache"; }
  log "created $(basename "$cache") ($(du -h "$cache" | cut -f1))"
}

# ---------------------------------------------------------------- the kit
need_kit_jar() {
  [ -f "$KIT_JAR" ] || die "no kit jar at $KIT_JAR: build it first with ./run.sh, or 'mvn -q -DskipTests package' at the project root"
}

# ensure_kit_data: a data folder made once by `--demo` (so demo creation is never timed).
# Uses $BENCH_KIT_DATA when run-all.sh already made one; sets KIT_DATA.
ensure_kit_data() {
  if [ -n "${BENCH_KIT_DATA:-}" ] && [ -d "$BENCH_KIT_DATA" ]; then KIT_DATA=$BENCH_KIT_DATA; return 0; fi
  local tmp
  bench_tmpdir tmp
  KIT_DATA="$tmp/kit-data"
  log "preparing the kit's demo data once: --demo --data $KIT_DATA"
  serve "$KIT_JAR" launcher "$KIT_DATA" "$PREP_PORT" /login "$tmp/kit-demo.log" "$DEMO_TIMEOUT_S" --demo
  stop_pid "$SERVER_PID"
}

html_unescape() {   # the entities a template engine may put in an attribute value (Mustache escapes =)
  sed -e 's/&#61;/=/g; s/&#x3[dD];/=/g; s/&#43;/+/g; s/&#x2[bB];/+/g; s/&#47;/\//g; s/&#x2[fF];/\//g' \
      -e "s/&#39;/'/g; s/&#x27;/'/g; s/&quot;/\"/g; s/&#34;/\"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g"
}

csrf_of() {   # $1 = HTML file -> the page's CSRF token (empty when it has none: the caller says what is wrong)
  { grep -o '<input[^>]*name="_csrf"[^>]*>' "$1" || true; } | head -n 1 | sed -n 's/.*value="\([^"]*\)".*/\1/p' | html_unescape
}

cookie_from() {   # $1 = headers file, $2 = cookie name -> its last value set there
  grep -i "^set-cookie:[[:space:]]*$2=" "$1" | tail -n 1 | tr -d '\r' | sed 's/^[^=]*=//; s/;.*//'
}

# kit_login PORT: signs the demo coordinator in; sets KIT_COOKIE ("sck_session=...").
kit_login() {
  local base="http://127.0.0.1:$1" tmp h b c1 c2 token code
  bench_tmpdir tmp; h="$tmp/headers"; b="$tmp/body"
  code=$("${CURL[@]}" -D "$h" -o "$b" -w '%{http_code}' "$base/login") || true
  [ "$code" = 200 ] || die "GET /login answered $code, expected 200"
  c1=$(cookie_from "$h" sck_session)
  [ -n "$c1" ] || die "GET /login set no sck_session cookie"
  token=$(csrf_of "$b")
  [ -n "$token" ] || die "no <input type=\"hidden\" name=\"_csrf\" value=\"...\"> in the /login page"
  code=$("${CURL[@]}" -D "$h" -o "$b" -w '%{http_code}' \
      -H "Cookie: sck_session=$c1" -H "Origin: $base" \
      --data-urlencode "username=$KIT_USER" --data-urlencode "password=$KIT_PASSWORD" \
      --data-urlencode "_csrf=$token" "$base/login") || true
  [ "$code" = 303 ] || die "POST /login answered $code, expected 303 (wrong demo credentials, CSRF token or Origin check?)"
  c2=$(cookie_from "$h" sck_session)
  [ -n "$c2" ] || die "POST /login set no new sck_session cookie"
  [ "$c2" != "$c1" ] || die "POST /login kept the same session id (it must rotate at login)"
  KIT_COOKIE="sck_session=$c2"
  code=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H "Cookie: $KIT_COOKIE" "$base/") || true
  [ "$code" = 200 ] || die "GET / with the new session answered $code, expected 200 (not signed in?)"
}

# ---------------------------------------------------------------- wrk
need_wrk() {
  command -v wrk >/dev/null || die "wrk is not installed: apt-get install -y wrk"
}

# run_wrk LABEL URL [COOKIE]: 5 s untimed warm-up (JIT), then the measured run.
# Sets W_RPS W_P99 W_P50 W_NOT2XX W_SOCKET W_REQUESTS and appends wrk's full output to $WRK_RAW.
run_wrk() {
  local label=$1 url=$2 cookie=${3:-} out line
  local hdr=()
  [ -n "$cookie" ] && hdr=(-H "Cookie: $cookie")
  log "wrk warm-up ${WRK_WARMUP_ARGS[*]}: $label"
  wrk "${WRK_WARMUP_ARGS[@]}" "${hdr[@]}" "$url" >/dev/null
  log "wrk ${WRK_ARGS[*]}: $label"
  out=$(wrk "${WRK_ARGS[@]}" -s "$BENCH_DIR/wrk-report.lua" "${hdr[@]}" "$url")
  if [ -n "${WRK_RAW:-}" ]; then
    printf '### %s: wrk %s %s\n%s\n\n' "$label" "${WRK_ARGS[*]}" "$url" "$out" >>"$WRK_RAW"
  fi
  line=$(grep '^BENCH ' <<<"$out") || die "no summary from wrk: $out"
  wrk_field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" ${line#BENCH }"; }
  W_REQUESTS=$(wrk_field requests)
  W_RPS=$(wrk_field rps)
  W_P50=$(wrk_field p50_ms)
  W_P99=$(wrk_field p99_ms)
  W_NOT2XX=$(wrk_field not2xx)
  W_REDIRECTS=$(wrk_field redirects)
  W_SOCKET=$(( $(wrk_field connect) + $(wrk_field read) + $(wrk_field write) + $(wrk_field timeout) ))
}

rss_mb() {   # $1 = pid, $2 = VmRSS or VmHWM -> MB with one decimal
  awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# summary KEY VALUE: key figures for run-all.sh's summary table (only when it set BENCH_SUMMARY).
summary() {
  if [ -n "${BENCH_SUMMARY:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$BENCH_SUMMARY"; fi
}

# page_wrk LABEL URL [COOKIE]: a page's load as the page benchmarks measure it: wrk PAGE_WARMUP_ARGS untimed (the
# JIT), then wrk PAGE_WRK_ARGS with wrk-report.lua; wrk's output is appended to $RAW. Sets N_RPS N_P50 N_P95 N_P99
# N_ERRORS (every answer that is not 2xx and every socket error counts).
page_wrk() {
  local label=$1 url=$2 cookie=${3:-} out line hdr=()
  [ -n "$cookie" ] && hdr=(-H "Cookie: $cookie")
  log "wrk warm-up ${PAGE_WARMUP_ARGS[*]}: $label"
  wrk "${PAGE_WARMUP_ARGS[@]}" "${hdr[@]}" "$url" >/dev/null
  log "wrk ${PAGE_WRK_ARGS[*]}: $label"
  out=$(wrk "${PAGE_WRK_ARGS[@]}" -s "$BENCH_DIR/wrk-report.lua" "${hdr[@]}" "$url")
  printf '### %s: wrk %s %s\n%s\n\n' "$label" "${PAGE_WRK_ARGS[*]}" "$url" "$out" >>"$RAW"
  line=$(grep '^BENCH ' <<<"$out") || die "no summary from wrk: $out"
  f() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" ${line#BENCH }"; }
  N_RPS=$(f rps); N_P50=$(f p50_ms); N_P95=$(f p95_ms); N_P99=$(f p99_ms)
  N_ERRORS=$(( $(f not2xx) + $(f connect) + $(f read) + $(f write) + $(f timeout) ))
}

# commit_and_machine: the "Commit: …" (in a git checkout) and "Machine: …" lines of a results file
commit_and_machine() {
  if git -C "$ROOT" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    printf 'Commit: %s\n' "$(git -C "$ROOT" rev-parse --short HEAD)"
  fi
  printf 'Machine: %s cores, %s, %s MB; %s\n' "$(nproc)" \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    "$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)" "$("$JAVA" -version 2>&1 | head -n 1)"
}

# ---------------------------------------------------------------- small maths
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { printf '%s\n' "$@" | sort -n | head -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# The one option every benchmark script takes: sets REF_ONLY to 1 with --reference-only, else 0.
reference_only_option() {   # $1 = the script's name, then the script's arguments
  local script=$1
  shift
  REF_ONLY=0
  case ${1:-} in
    "") ;;
    --reference-only) REF_ONLY=1 ;;
    *) die "usage: bench/$script [--reference-only]" ;;
  esac
}
