#!/usr/bin/env bash
# Office writes: what an office types in during a day, against a kit that is already running, so that a soak
# (bench/soak.sh, which starts this itself with SOAK_WRITES=1) also covers a store and caches that change. Every
# WRITES_EVERY_S seconds (30 by default) the demo coordinator adds an actor and an incident through their forms;
# every tenth round it signs in again. Each write must be acknowledged (303); the run ends after MINUTES and
# prints how many were and were not. Only 127.0.0.1 is contacted.
#
# Usage: bench/office-writes.sh PORT MINUTES
set -euo pipefail
. "$(dirname "$0")/lib.sh"

KIT_PORT=${1:?usage: bench/office-writes.sh PORT MINUTES}
minutes=${2:?usage: bench/office-writes.sh PORT MINUTES}
every=${WRITES_EVERY_S:-30}
base="http://127.0.0.1:$KIT_PORT"
bench_tmpdir WORK

post() {   # $1 = path, then the fields as -d / --data-urlencode arguments: prints the status code
  local path=$1; shift
  "${CURL[@]}" -o "$WORK/answer" -w '%{http_code}' -H "Cookie: $KIT_COOKIE" -H "Origin: $base" "$@" "$base$path" || true
}

acknowledged=0 refused=0
end=$(( ${EPOCHREALTIME/./} / 1000000 + minutes * 60 ))
for ((n = 0; $(( ${EPOCHREALTIME/./} / 1000000 )) < end; n++)); do
  [ $((n % 10)) = 0 ] && kit_login "$KIT_PORT"
  "${CURL[@]}" -H "Cookie: $KIT_COOKIE" -o "$WORK/form" "$base/partnerships/actors/new" || true
  token=$(csrf_of "$WORK/form")
  for code in \
      "$(post /partnerships/actors --data-urlencode "_csrf=$token" -d version=0 -d kind=organisation -d type=health \
          -d status=engaged -d interest=3 -d influence=3 --data-urlencode "name=Office day actor $n")" \
      "$(post /diagnosis/incidents --data-urlencode "_csrf=$token" -d version=0 -d source=1 -d date=2026-01-15 \
          -d iccs=0502 -d sex=F -d place=street -d area=17)"; do
    if [ "$code" = 303 ]; then acknowledged=$((acknowledged + 1)); else refused=$((refused + 1)); log "a write answered $code"; fi
  done
  sleep "$every"
done
printf 'office writes: %d acknowledged, %d not, in %d rounds of %s s\n' "$acknowledged" "$refused" "$n" "$every"
[ "$refused" = 0 ]
