#!/usr/bin/env bash
# Exchange benchmark (issue 11): the export of the demo city grown to 1,000,000 incidents and 100,000 survey
# responses, built and sealed by the kit's export job, against gpg encrypting and signing the same bytes, to the
# same recipient, with the same signing key, in the same run.
#   1. the store: without --data, bench/diagnosis-import.sh runs first (its figures are part of this run's results)
#      and leaves a data folder with the 1M incidents imported through HTTP; with --data DIR, the folder that
#      `bench/diagnosis-import.sh --keep DIR` left; 100,000 Kobo-style survey responses are imported through
#      /diagnosis/surveys/import (BENCH_SKIP_SURVEYS=1: not, for a folder that has them already);
#   2. the kit (launcher flags, -Xmx128m), signed in as the demo coordinator: the national forum's key (made by gpg,
#      its default algorithms) added on /exchange/keys; RUNS exports of 2019–2025 through POST /exchange/export, each
#      job followed on its status JSON until done; the job times its two steps itself: building the zip (reading
#      the figures of every module, suppression, JSON and CSV, hashes) and sealing it (OpenPGP encryption to the
#      recipient + signature, written to the folder), from which the medians are taken;
#   3. the kit stopped, the office key is read out of its database (bench/exchange-office-key.java) and given to
#      gpg; gpg decrypts the kit's last file (GOODSIG of the office key required) to get the very zip, then
#      `gpg --encrypt --sign` it RUNS times to the same recipient with the same key (passphrase not cached);
#      gpg's time is taken from outside its process.
# Goal: the kit's sealing speed >= 0.5 of gpg's (ratio = gpg median / kit median).
#
# Usage: bench/exchange-export.sh [--data DIR]
# Env: BENCH_EXPORT_RUNS (default 3), BENCH_SURVEY_ROWS (default 100000), BENCH_INCIDENT_ROWS (default 1000000).
# Needs the kit jar, gpg, perl. Writes bench/results/YYYY-MM-DD-exchange-export.txt and prints it.
# About 15 minutes on 2 cores without --data, 3 with. Only 127.0.0.1 is contacted.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$BENCH_DIR/diagnosis-lib.sh"

DATA=""
case ${1:-} in
  "") ;;
  --data) DATA=${2:?"usage: bench/exchange-export.sh [--data DIR]"}; [ -d "$DATA/db" ] || die "$DATA holds no kit data (no db/)" ;;
  *) die "usage: bench/exchange-export.sh [--data DIR]" ;;
esac
RUNS=${BENCH_EXPORT_RUNS:-3}
FROM_YEAR=2019
TO_YEAR=2025
need_kit_jar
command -v gpg >/dev/null || die "gpg is not installed: apt-get install -y gnupg"
command -v perl >/dev/null || die "perl is needed (it reads the kit's pages)"
unset KIT_NO_AOT BENCH_KIT_DATA

bench_tmpdir WORK
export GNUPGHOME="$WORK/gnupg"
mkdir -m 700 "$GNUPGHOME"
printf 'default-cache-ttl 0\nmax-cache-ttl 0\nallow-loopback-pinentry\n' >"$GNUPGHOME/gpg-agent.conf"
stop_agent() { gpgconf --kill all >/dev/null 2>&1 || true; }
trap 'stop_agent; cleanup' EXIT
GPG=(gpg --batch --yes --no-tty --quiet --pinentry-mode loopback)
import_results=""

# ---- 1. the store with the incidents
if [ -z "$DATA" ]; then
  log "no --data: running bench/diagnosis-import.sh first (it keeps its data folder for this run)"
  DATA="$WORK/kit-data"
  "$BENCH_DIR/diagnosis-import.sh" --keep "$DATA" >"$WORK/import-results.txt" \
    || die "the incident import failed (see bench/results/$(date +%F)-diagnosis-import*.txt)"
  import_results="$WORK/import-results.txt"
fi

# ---- 2. the kit: surveys, the recipient's key, the exports
ensure_cache "$KIT_JAR" "$DATA" command /login
serve "$KIT_JAR" launcher "$DATA" "$KIT_PORT" /login "$WORK/kit.log" "$START_TIMEOUT_S"
kit_login "$KIT_PORT"
KIT_BASE="http://127.0.0.1:$KIT_PORT"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

if [ -n "${BENCH_SKIP_SURVEYS:-}" ]; then
  log "BENCH_SKIP_SURVEYS: the folder's surveys are used as they are"
else
  log "writing $SURVEY_ROWS survey responses (streamed)"
  make_survey_file "$SURVEY_ROWS" "$WORK/kobo-responses.csv" >&2
  import_surveys "$WORK/kobo-responses.csv" "$WORK"
fi

log "keys: the national forum's by gpg"
"${GPG[@]}" --passphrase '' --quick-gen-key 'National forum (benchmark) <forum@example.org>' default default never 2>>"$WORK/gpg.log"
FORUM=$(gpg --with-colons --list-keys '=National forum (benchmark) <forum@example.org>' | awk -F: '/^fpr/ { print $10; exit }')
gpg --armor --export "$FORUM" >"$WORK/forum.pub"
code=$(kit_page /exchange/keys "$WORK/keys.html")
[ "$code" = 200 ] || die "GET /exchange/keys answered $code"
urlencode_pairs label "National forum" armoured "$(cat "$WORK/forum.pub")" _csrf "$(csrf_of "$WORK/keys.html")" >"$WORK/key.form"
code=$(kit_form /exchange/keys/recipients "$WORK/key.form" "$WORK/h" "$WORK/key.out")
[ "$code" = 303 ] || die "adding the recipient's key answered $code: $(perl -0777 -ne 's/<[^>]+>/ /g; s/\s+/ /g; print $1 if /(notice error[^<]*|This [^.]*\.)/' "$WORK/key.out")"

mkdir -p "$WORK/out"
BUILD=() SEAL=() TOTAL=()
for ((r = 1; r <= RUNS; r++)); do
  code=$(kit_page "/exchange/export?fromYear=$FROM_YEAR&toYear=$TO_YEAR" "$WORK/export.html")
  [ "$code" = 200 ] || die "GET /exchange/export answered $code"
  urlencode_pairs fromYear "$FROM_YEAR" toYear "$TO_YEAR" folder "$WORK/out" _csrf "$(csrf_of "$WORK/export.html")" >"$WORK/export.form"
  t0=$EPOCHREALTIME
  code=$(kit_form /exchange/export "$WORK/export.form" "$WORK/h" "$WORK/export.out")
  [ "$code" = 303 ] || die "POST /exchange/export answered $code"
  job=$(grep -i '^location:' "$WORK/h" | tr -d '\r' | sed 's/^[^:]*:[[:space:]]*//; s|^https\?://[^/]*||')
  for ((i = 0; i < 6000; i++)); do
    code=$(kit_page "$job/status" "$WORK/status.json")
    [ "$code" = 200 ] || die "GET $job/status answered $code"
    grep -q '"running":false' "$WORK/status.json" && break
    sleep 0.1
  done
  TOTAL+=("$(ms_between "$t0" "$EPOCHREALTIME")")
  grep -q '"phase":"done"' "$WORK/status.json" || die "export $r did not end well: $(cat "$WORK/status.json")"
  BUILD+=("$(sed -n 's/.*"buildMs":\([0-9]*\).*/\1/p' "$WORK/status.json")")
  SEAL+=("$(sed -n 's/.*"sealMs":\([0-9]*\).*/\1/p' "$WORK/status.json")")
  PLAIN=$(sed -n 's/.*"plainBytes":\([0-9]*\).*/\1/p' "$WORK/status.json")
  log "export $r: build ${BUILD[-1]} ms, seal ${SEAL[-1]} ms, zip $PLAIN bytes"
done
rss_hwm=$(rss_mb "$SERVER_PID" VmHWM)
SEALED=$(ls -t "$WORK"/out/*.zip.gpg | head -n 1)
SEALED_BYTES=$(stat -c %s "$SEALED")
stop_pid "$SERVER_PID"

# ---- 3. gpg on the same bytes, with the same key
office=$("$JAVA" -cp "$KIT_JAR" "$BENCH_DIR/exchange-office-key.java" "$DATA" "$WORK")
log "$office"
"${GPG[@]}" --passphrase-file "$WORK/office.pass" --import "$WORK/office.sec" 2>/dev/null
OFFICE=${office#office key }
"${GPG[@]}" --status-fd 3 --passphrase '' --output "$WORK/plain.zip" --decrypt "$SEALED" 3>"$WORK/verify.status" 2>>"$WORK/gpg.log"
grep -q "VALIDSIG $OFFICE" "$WORK/verify.status" || die "gpg did not verify the kit's export with the office key: $(cat "$WORK/verify.status")"
[ "$(stat -c %s "$WORK/plain.zip")" = "$PLAIN" ] || die "gpg's plain bytes differ in size from the kit's zip"
GPG_MS=()
for ((r = 1; r <= RUNS; r++)); do
  t0=$EPOCHREALTIME
  "${GPG[@]}" --passphrase-file "$WORK/office.pass" --local-user "$OFFICE" --recipient "$FORUM" --trust-model always \
    --output "$WORK/gpg-$r.gpg" --encrypt --sign "$WORK/plain.zip" 2>>"$WORK/gpg.log"
  GPG_MS+=("$(ms_between "$t0" "$EPOCHREALTIME")")
done
GPG_BYTES=$(stat -c %s "$WORK/gpg-1.gpg")

kit_build=$(median "${BUILD[@]}")
kit_seal=$(median "${SEAL[@]}")
kit_total=$(median "${TOTAL[@]}")
gpg_med=$(median "${GPG_MS[@]}")
speed=$(ratio "$gpg_med" "$kit_seal")
verdict=$(awk -v s="$speed" 'BEGIN { print (s >= 0.5 ? "goal met" : "goal NOT met") }')

RESULTS="$BENCH_DIR/results/$(date +%F)-exchange-export.txt"
{
  printf 'Exchange export benchmark, %s (%s)\n' "$(date -u '+%F %T UTC')" "$(uname -srm)"
  printf 'load average before: %s; kit RSS high-water mark: %s MB\n' "$load_before" "$rss_hwm"
  printf 'store: %s\n\n' "$([ -n "$import_results" ] && echo "$INCIDENT_ROWS incident rows imported by bench/diagnosis-import.sh in this run, $SURVEY_ROWS survey responses" || echo "--data $DATA")"
  printf 'period %s-%s, %s runs; zip %s bytes, sealed %s bytes (gpg: %s bytes)\n' "$FROM_YEAR" "$TO_YEAR" "$RUNS" "$PLAIN" "$SEALED_BYTES" "$GPG_BYTES"
  printf 'kit build of the zip (ms):            %s  median %s\n' "${BUILD[*]}" "$kit_build"
  printf 'kit encryption + signature (ms):      %s  median %s\n' "${SEAL[*]}" "$kit_seal"
  printf 'kit whole job seen from outside (ms): %s  median %s\n' "${TOTAL[*]}" "$kit_total"
  printf 'gpg --encrypt --sign same bytes (ms): %s  median %s\n' "${GPG_MS[*]}" "$gpg_med"
  printf 'speed kit/gpg (gpg time / kit time) = %s (goal >= 0.5: %s)\n' "$speed" "$verdict"
  if [ -n "$import_results" ]; then printf '\n--- bench/diagnosis-import.sh of this run\n'; cat "$import_results"; fi
} >"$RESULTS"
cat "$RESULTS"
