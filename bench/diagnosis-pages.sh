#!/usr/bin/env bash
# Diagnosis benchmark 2 (issue 3): the analysis pages with 1,000,000 incidents and 100,000 survey responses.
#   1. the store: without --data, bench/diagnosis-import.sh runs first (its figures are part of this run's
#      results) and leaves a data folder with the 1M incidents imported through HTTP; with --data DIR, the folder
#      that `bench/diagnosis-import.sh --keep DIR` left;
#   2. the kit (launcher flags, -Xmx128m) on that folder, signed in as the demo coordinator; 100,000 Kobo-style
#      survey responses (bench/diagnosis-data.java) imported through /diagnosis/surveys/import, timed until the
#      background job ends);
#   3. wrk -t2 -c8 -d20s --latency (after 5 s of the same load, for the JIT) on GET /diagnosis/analysis,
#      /diagnosis/map, /diagnosis/map.json, /diagnosis/report and /diagnosis/surveys with the session cookie;
#      goal: p95 < 300 ms, zero errors (any answer that is not 2xx counts);
#   4. the reference jar's bare GET /hello under the same load, for the ratios.
#
# Usage: bench/diagnosis-pages.sh [--data DIR]
# Env: BENCH_SURVEY_ROWS (default 100000), BENCH_INCIDENT_ROWS (default 1000000, without --data).
# Writes bench/results/YYYY-MM-DD-diagnosis.txt (the import's figures too when it ran here) and prints it.
# About 15 minutes on 2 cores without --data, 5 with. Only 127.0.0.1 is contacted.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$BENCH_DIR/diagnosis-lib.sh"

PAGES=(/diagnosis/analysis /diagnosis/map /diagnosis/map.json /diagnosis/report /diagnosis/surveys)

# the steps both page benchmarks share are in diagnosis-lib.sh ("page benchmarks on the big store")
pages_setup diagnosis-pages.sh "$@"   # 1. the store with the incidents
pages_kit_with_surveys                # 2. the kit, the surveys
pages_load                            # 3. the pages under load; 4. the reference
pages_report "Diagnosis benchmark 2: the analysis pages with the incidents and $SURVEY_ROWS survey responses (issue 3)" \
  "p95 < 300 ms with zero errors on the analysis, the map and the report (/diagnosis/surveys: context)" diagnosis
