#!/usr/bin/env bash
# Monitoring benchmark (issue 10): the monitoring dashboard and an indicator's pages with every indicator computed
# from 1,000,000 incidents and 100,000 survey responses.
#   1. the store: without --data, bench/diagnosis-import.sh runs first (its figures are part of this run's
#      results) and leaves a data folder with the 1M incidents imported through HTTP; with --data DIR, the folder
#      that `bench/diagnosis-import.sh --keep DIR` left;
#   2. the kit (launcher flags, -Xmx128m) on that folder, signed in as the demo coordinator; 100,000 Kobo-style
#      survey responses imported through /diagnosis/surveys/import (as bench/diagnosis-pages.sh does); then the
#      first GET /monitoring after the survey import is timed alone: it computes every indicator (16.1.1 and
#      the 5.2.2 proxy per year, area, sex and age band; the survey estimates; investment per capita);
#   3. wrk -t2 -c8 -d20s --latency (after 5 s of the same load, for the JIT) on GET /monitoring,
#      /monitoring/indicators/16.1.1, its data.json (chart and map), /monitoring/indicators/16.1.4 and
#      /monitoring/report with the session cookie; goal: p95 < 300 ms on the dashboard, zero errors;
#   4. the reference jar's bare GET /hello under the same load, for the ratios.
#
# Usage: bench/monitoring-dashboard.sh [--data DIR]
# Env: BENCH_SURVEY_ROWS (default 100000), BENCH_INCIDENT_ROWS (default 1000000, without --data).
# Writes bench/results/YYYY-MM-DD-monitoring.txt and prints it.
# About 15 minutes on 2 cores without --data, 5 with. Only 127.0.0.1 is contacted.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$BENCH_DIR/diagnosis-lib.sh"

PAGES=(/monitoring /monitoring/indicators/16.1.1 /monitoring/indicators/16.1.1/data.json /monitoring/indicators/16.1.4
       /monitoring/report)

# the steps both page benchmarks share are in diagnosis-lib.sh ("page benchmarks on the big store")
pages_setup monitoring-dashboard.sh "$@"   # 1. the store with the incidents
pages_kit_with_surveys                     # 2. the kit, the surveys

# the first dashboard after the survey import computes every indicator: timed alone, before any load
t0=$EPOCHREALTIME
code=$(kit_page /monitoring "$WORK/first.html")
t1=$EPOCHREALTIME
[ "$code" = 200 ] || die "GET /monitoring answered $code"
T_FIRST_MS=$(ms_between "$t0" "$t1")
t0=$EPOCHREALTIME
kit_page /monitoring "$WORK/second.html" >/dev/null
T_SECOND_MS=$(ms_between "$t0" "$EPOCHREALTIME")
computed_rows=$(kit_page /monitoring/values.csv "$WORK/values.csv" >/dev/null; awk 'END { print NR - 1 }' "$WORK/values.csv")
report_extra() {
  printf 'First GET /monitoring after the survey import (computes every indicator): %s ms; the next one: %s ms\n' \
    "$T_FIRST_MS" "$T_SECOND_MS"
  printf 'Values (computed and entered) in /monitoring/values.csv: %s\n' "$computed_rows"
}
pages_load                                 # 3. the pages under load; 4. the reference
pages_report "Monitoring benchmark: the dashboard and indicator pages with the incidents and $SURVEY_ROWS survey responses (issue 10)" \
  "p95 < 300 ms with zero errors on the dashboard (the indicator pages and the report: the same goal, context)" monitoring
