#!/usr/bin/env bash
# The strategy's pages with a large strategy: 500 actions and 50 versions (issue 5's performance goal: every
# strategy page under 200 ms at p95 under wrk -c8). Reuses bench/lib.sh (JDK, launcher flags, servers, sign-in).
#
#   1. the kit's demo data is made once (--demo: an adopted version 1 with 25 actions);
#   2. over HTTP, as the demo coordinator: a revision, 475 more actions in it (500), then adopt-and-revise until
#      there are 50 versions (each revision copies the 500 actions with their budget, partners and SDG targets);
#   3. wrk -t2 -c8 -d15s (after a 5 s warm-up) on the bare reference's /hello, then on each strategy page of the
#      version in force (the adopted one, 500 actions): the plan, the version page, the printable document, the
#      overview of the 50 versions, one action, the CSV export, the history between the first and last versions,
#      the XLSX export, the timeline (page and data), the self-assessment, the consultations and the comments.
#
# Usage: bench/strategy-pages.sh   (figures on stdout, progress on stderr; about 6 minutes on 2 cores)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

need_wrk
need_kit_jar
[ -f "$REF_JAR" ] || die "no $REF_JAR: run bench/run-all.sh, or mvn -q -f bench/reference/pom.xml package"
ACTIONS=${BENCH_STRATEGY_ACTIONS:-500}
VERSIONS=${BENCH_STRATEGY_VERSIONS:-50}
WRK_ARGS=(-t2 -c8 -d15s --latency)
WRK_WARMUP_ARGS=(-t2 -c8 -d5s)

bench_tmpdir WORK
row() { printf '  %-34s %10s %8s %8s %8s %8s %8s\n' "$@"; }
measure() {   # $1 = label, $2 = URL, $3 = cookie
  local hdr=() out line
  [ -n "${3:-}" ] && hdr=(-H "Cookie: $3")
  log "wrk: $1"
  wrk "${WRK_WARMUP_ARGS[@]}" "${hdr[@]}" "$2" >/dev/null
  out=$(wrk "${WRK_ARGS[@]}" -s "$BENCH_DIR/wrk-report.lua" "${hdr[@]}" "$2")
  line=$(grep '^BENCH ' <<<"$out") || die "no summary from wrk: $out"
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" ${line#BENCH }"; }
  M_RPS=$(field rps)
  M_P95=$(field p95_ms)
  M_ERR=$(( $(field not2xx) + $(field connect) + $(field read) + $(field write) + $(field timeout) ))
  row "$1" "$M_RPS" "$(field p50_ms)" "$M_P95" "$(field p99_ms)" "$M_ERR" "$(ratio "$M_RPS" "${HELLO_RPS:-$M_RPS}")"
}
printf 'Strategy pages: %s actions, %s versions; wrk %s (after a 5 s warm-up), launcher flags\n' "$ACTIONS" "$VERSIONS" "${WRK_ARGS[*]}"
row "target" "requests/s" "p50 ms" "p95 ms" "p99 ms" "non-2xx" "ratio"
REF_DATA="$WORK/ref-data"
ensure_cache "$REF_JAR" "$REF_DATA" requests / /hello
serve "$REF_JAR" launcher "$REF_DATA" "$REF_PORT" /hello "$WORK/ref.log" "$START_TIMEOUT_S"
HELLO_RPS=""
measure "reference GET /hello" "http://127.0.0.1:$REF_PORT/hello"
HELLO_RPS=$M_RPS
stop_pid "$SERVER_PID"

ensure_kit_data
ensure_cache "$KIT_JAR" "$KIT_DATA" command /login
serve "$KIT_JAR" launcher "$KIT_DATA" "$KIT_PORT" /login "$WORK/kit.log" "$START_TIMEOUT_S"
kit_login "$KIT_PORT"
BASE="http://127.0.0.1:$KIT_PORT"

page() {   # $1 = path -> the page's body in $WORK/page, its CSRF token in TOKEN
  "${CURL[@]}" -H "Cookie: $KIT_COOKIE" -o "$WORK/page" "$BASE$1"
  TOKEN=$(csrf_of "$WORK/page")
}
post() {   # $1 = path, then curl --data-urlencode arguments -> the Location of the 303 in LOCATION
  local path=$1 code
  shift
  code=$("${CURL[@]}" -D "$WORK/headers" -o "$WORK/post" -w '%{http_code}' -H "Cookie: $KIT_COOKIE" -H "Origin: $BASE" \
      --data-urlencode "_csrf=$TOKEN" "$@" "$BASE$path") || true
  [ "$code" = 303 ] || cp "$WORK/post" "${TMPDIR:-/tmp}/strategy-bench-failed-post.html"
  [ "$code" = 303 ] || die "POST $path answered $code: $(grep -o '<p class="[^"]*error[^"]*"[^>]*>[^<]*\|<main.\{0,600\}' "$WORK/post" | head -n 3)"
  LOCATION=$(sed -n 's/^[Ll]ocation: *\([^[:space:]]*\).*/\1/p' "$WORK/headers" | tail -n 1)
}
revise() {   # $1 = id of the adopted version -> the new draft's id in DRAFT
  page "/strategy/versions/$1"
  post "/strategy/versions/$1/revise"
  DRAFT=${LOCATION##*/}
}
adopt() {   # $1 = id of the draft
  local version
  page "/strategy/versions/$1"
  version=$(grep -o 'name="version" value="[0-9]*"' "$WORK/page" | head -n 1 | sed 's/.*value="\([0-9]*\)"/\1/')
  post "/strategy/versions/$1/adopt" --data-urlencode "adoptedOn=2026-01-01" \
      --data-urlencode "decisionRef=bench $1" --data-urlencode "version=$version"
}

T0=$EPOCHREALTIME
"${CURL[@]}" -o /dev/null -D "$WORK/headers" -H "Cookie: $KIT_COOKIE" "$BASE/strategy/plan"
V1=$(sed -n 's|^[Ll]ocation: */strategy/versions/\([0-9]*\)/plan.*|\1|p' "$WORK/headers")
[ -n "$V1" ] || die "the demo has no adopted strategy (no --demo data?)"
revise "$V1"
page "/strategy/versions/$DRAFT/actions/new"
have=$("${CURL[@]}" -H "Cookie: $KIT_COOKIE" "$BASE/strategy/versions/$DRAFT/plan" | grep -o '<tr><td><a href="/strategy/actions/' | wc -l)
log "adding $((ACTIONS - have)) actions to version $DRAFT (it has $have)"
for ((i = have; i < ACTIONS; i++)); do
  post "/strategy/versions/$DRAFT/actions" --data-urlencode "title=Bench action $i" --data-urlencode "description=Benchmark" \
      --data-urlencode "level=primary" --data-urlencode "type=social" --data-urlencode "targetGroups=children_youth" \
      --data-urlencode "leadPartner=Bench partner $((i % 12))" --data-urlencode "supportNames=Bench supporter $((i % 7))" \
      --data-urlencode "sdgTargets=11.7" --data-urlencode "sdgTargets=16.1" --data-urlencode "start=2026-0$((1 + i % 9))-01" \
      --data-urlencode "end=2028-12-31" --data-urlencode "status=planned" --data-urlencode "harmDisplacement=" \
      --data-urlencode "harmStigma=" --data-urlencode "harmVulnerable=" --data-urlencode "harmPrivacy=" \
      --data-urlencode "harmLikelihood=" --data-urlencode "harmMitigation=" --data-urlencode "version=0" \
      --data-urlencode "reachPeople=$((500 + 37 * i))" --data-urlencode "reachTarget=$((100 + 11 * i))"
  ACTION=${LOCATION##*/}
  if ((i % 2 == 0)); then
    page "/strategy/actions/$ACTION"
    post "/strategy/actions/$ACTION/budget" --data-urlencode "source=City budget" --data-urlencode "govLevel=local" \
        --data-urlencode "amount=$((1000 + i)).50" --data-urlencode "currency="
    page "/strategy/versions/$DRAFT/actions/new"
  fi
done
count=2
log "adopting and revising until there are $VERSIONS versions (each revision copies $ACTIONS actions)"
while ((count < VERSIONS)); do
  adopt "$DRAFT"
  revise "$DRAFT"
  count=$((count + 1))
done
adopt "$DRAFT"
IN_FORCE=$DRAFT
log "data ready in $(( $(ms_between "$T0" "$EPOCHREALTIME") / 1000 )) s: version $IN_FORCE in force, $VERSIONS versions"
page "/strategy/versions/$IN_FORCE/plan"
n=$(grep -o '<tr><td><a href="/strategy/actions/' "$WORK/page" | wc -l)
[ "$n" = "$ACTIONS" ] || die "the plan shows $n actions, expected $ACTIONS"
ONE_ACTION=$(grep -o 'href="/strategy/actions/[0-9]*"' "$WORK/page" | tail -n 1 | grep -o '[0-9]*')

verdict=met
for target in "plan:/strategy/versions/$IN_FORCE/plan" "version page:/strategy/versions/$IN_FORCE" \
    "document:/strategy/versions/$IN_FORCE/document" "overview (50 versions):/strategy" "cost-effectiveness:/strategy/versions/$IN_FORCE/cost" \
    "one action:/strategy/actions/$ONE_ACTION" "CSV export:/strategy/versions/$IN_FORCE/actions.csv" \
    "history v1 to v$VERSIONS:/strategy/history?from=$V1&to=$IN_FORCE" \
    "XLSX export:/strategy/versions/$IN_FORCE/actions.xlsx" "timeline:/strategy/versions/$IN_FORCE/timeline" \
    "timeline data:/strategy/versions/$IN_FORCE/timeline.json" \
    "timeline by partner:/strategy/versions/$IN_FORCE/timeline?by=partner" \
    "timeline by area:/strategy/versions/$IN_FORCE/timeline?by=area" \
    "self-assessment (radar):/strategy/versions/$IN_FORCE/assessment" \
    "radar data:/strategy/versions/$IN_FORCE/assessment.json" \
    "consultations:/strategy/versions/$IN_FORCE/consultation" "comments:/strategy/versions/$IN_FORCE/comments"; do
  measure "kit ${target%%:*}" "$BASE${target#*:}" "$KIT_COOKIE"
  awk -v p="$M_P95" 'BEGIN { exit !(p < 200) }' && [ "$M_ERR" = 0 ] || verdict="NOT met"
done
stop_pid "$SERVER_PID"

printf '  (ratio: the page'"'"'s requests/s over the bare reference'"'"'s /hello under the same load)\n'
printf '  goal: every strategy page p95 < 200 ms with zero errors: %s\n' "$verdict"
