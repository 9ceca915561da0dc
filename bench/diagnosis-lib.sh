# Shared by bench/diagnosis-import.sh, bench/diagnosis-pages.sh, bench/diagnosis-surveys.sh and
# bench/monitoring-dashboard.sh (sourced after lib.sh, not run).
#
# What it gives: the Derby classpath of the reference, the synthetic files (diagnosis-data.java), the incident
# import through HTTP as a browser takes it (upload, mapping, check pass, value mapping, load pass) with its
# phases timed and the kit's RSS sampled, the survey import through /diagnosis/surveys/import, and the page
# benchmarks' common steps on that store (pages_setup, pages_kit_with_surveys, pages_load, pages_report).

DERBY_VERSION=10.17.1.0
DERBY_CP="$HOME/.m2/repository/org/apache/derby/derby/$DERBY_VERSION/derby-$DERBY_VERSION.jar"
DERBY_CP+=":$HOME/.m2/repository/org/apache/derby/derbyshared/$DERBY_VERSION/derbyshared-$DERBY_VERSION.jar"

INCIDENT_ROWS=${BENCH_INCIDENT_ROWS:-1000000}
SURVEY_ROWS=${BENCH_SURVEY_ROWS:-100000}
IMPORT_TIMEOUT_S=${BENCH_IMPORT_TIMEOUT_S:-3600}   # one pass of the incident import, at most
LONG_CURL=(curl -s --noproxy '*' --max-time "$IMPORT_TIMEOUT_S")

need_derby_jars() {
  local j
  for j in ${DERBY_CP//:/ }; do
    [ -f "$j" ] || die "no $j: the reference needs Derby $DERBY_VERSION in ~/.m2 (mvn -q package at the project root fetches it)"
  done
}

# make_incident_files ROWS KIT_FILE REFERENCE_FILE: prints what was written
make_incident_files() {
  "$JAVA" "$BENCH_DIR/diagnosis-data.java" incidents "$@"
}

make_survey_file() {   # ROWS FILE
  "$JAVA" "$BENCH_DIR/diagnosis-data.java" surveys "$@"
}

# run_reference FILE [incidents|surveys]: Derby's SYSCS_IMPORT_TABLE of FILE into a plain table, new JVM, empty
# database, the launcher's heap flags (-Xmx128m …) without the kit's AOT cache. Sets REF_IMPORT_MS and REF_IMPORT_ROWS.
run_reference() {
  local file=$1 kind=${2:-incidents} tmp flags line
  bench_tmpdir tmp
  mapfile -t flags < <(KIT_NO_AOT=1 jvm_flags "$JAVA" "$KIT_JAR")
  line=$("$JAVA" "${flags[@]}" -cp "$DERBY_CP" "$BENCH_DIR/diagnosis-reference.java" "$kind" "$tmp/db" "$file" | grep '^REFERENCE ') \
    || die "the reference import failed"
  REF_IMPORT_ROWS=$(sed -n 's/.*rows=\([0-9]*\).*/\1/p' <<<"$line")
  REF_IMPORT_MS=$(sed -n 's/.*ms=\([0-9]*\).*/\1/p' <<<"$line")
  rm -rf -- "$tmp/db"
}

# ---------------------------------------------------------------- HTTP as the browser does it
# kit_page PATH FILE: GET with the session; returns the HTTP code on stdout
kit_page() {
  "${CURL[@]}" -H "Cookie: $KIT_COOKIE" -o "$2" -w '%{http_code}' "$KIT_BASE$1" || true
}

# kit_upload PATH FILE NAME TOKEN OUT: sends FILE as kit.js does (raw body, CSRF token and name in headers)
kit_upload() {
  "${LONG_CURL[@]}" -o "$5" -w '%{http_code}' -X POST --data-binary "@$2" \
    -H "Cookie: $KIT_COOKIE" -H "Origin: $KIT_BASE" -H 'Content-Type: application/octet-stream' \
    -H 'Accept: application/json' -H "X-CSRF-Token: $4" -H "X-File-Name: $3" "$KIT_BASE$1" || true
}

# kit_form PATH BODY_FILE HEADERS_OUT BODY_OUT: POSTs an urlencoded form (already encoded in BODY_FILE)
kit_form() {
  "${LONG_CURL[@]}" -D "$3" -o "$4" -w '%{http_code}' -X POST --data-binary "@$2" \
    -H "Cookie: $KIT_COOKIE" -H "Origin: $KIT_BASE" -H 'Content-Type: application/x-www-form-urlencoded' \
    "$KIT_BASE$1" || true
}

urlencode_pairs() {   # name value name value ... -> a=b&c=d on stdout
  perl -MURI::Escape -e 'my @a = @ARGV; my @o; while (@a) { my ($k, $v) = splice(@a, 0, 2); push @o, uri_escape_utf8($k) . "=" . uri_escape_utf8($v) } print join("&", @o)' "$@" 2>/dev/null \
  || perl -e 'sub e { my $s = shift; utf8::encode($s) if utf8::is_utf8($s); $s =~ s/([^A-Za-z0-9_.~-])/sprintf("%%%02X", ord($1))/ge; $s } my @a = @ARGV; my @o; while (@a) { my ($k, $v) = splice(@a, 0, 2); push @o, e($k) . "=" . e($v) } print join("&", @o)' "$@"
}

# figures FILE: the <dt>label</dt><dd>number</dd> pairs of a job page, one "label=number" a line
figures() {
  perl -0777 -ne 'while (/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g) { my ($l, $v) = ($1, $2); $v =~ s/[^0-9]//g; print "$l=$v\n" }' "$1"
}
figure() { figures "$1" | sed -n "s/^$2=//p" | awk 'NR == 1'; }

# value_mapping FILE: the checked page's value table (field, local word, the code chosen in the select) as the
# urlencoded form a user who accepts the first guesses sends, without the CSRF token
value_mapping() {
  perl -0777 -e '
    sub un { my $s = shift; $s =~ s/&#61;/=/g; $s =~ s/&#39;/\x27/g; $s =~ s/&quot;/"/g; $s =~ s/&lt;/</g; $s =~ s/&gt;/>/g; $s =~ s/&amp;/&/g; $s }
    sub e { my $s = shift; $s =~ s/([^A-Za-z0-9_.~-])/sprintf("%%%02X", ord($1))/ge; $s }
    my $p = <STDIN>; my @o;
    while ($p =~ /name="field" value="([^"]*)"><input type="hidden" name="local" value="([^"]*)">\s*<select name="code"[^>]*>(.*?)<\/select>/gs) {
      my ($f, $l, $opts) = ($1, un($2), $3);
      my $c = $opts =~ /<option value="([^"]*)" selected/ ? $1 : "";
      push @o, "field=" . e($f), "local=" . e($l), "code=" . e($c);
    }
    print join("&", @o);' <"$1"
}

# ---------------------------------------------------------------- the incident import, phase by phase
# watch_job JOB_PATH: polls /status every 0.2 s until the job stops running; samples the kit's RSS meanwhile.
# Sets JOB_PHASE, JOB_PERCENT; T_70 and T_90 (first time the progress reached 70% and 90%, for the load pass);
# RSS_MAX_MB; T_END. Returns 0 when the job stopped running, 3 when the job still says "running" but the kit's
# import thread is idle (the pass died of something it did not catch, e.g. an OutOfMemoryError: the job would
# say "running" for ever), 2 when nothing moved for BENCH_STALL_S seconds (default 900).
watch_job() {
  local path=$1 st running percent rows deadline now last="" last_change=${EPOCHREALTIME/./} next_look=0
  T_70="" T_90=""
  deadline=$(( ${EPOCHREALTIME/./} + IMPORT_TIMEOUT_S * 1000000 ))
  while :; do
    st=$("${CURL[@]}" -H "Cookie: $KIT_COOKIE" "$KIT_BASE$path/status") || st=""
    now=$EPOCHREALTIME
    rss_sample
    running=$(sed -n 's/.*"running":\([a-z]*\).*/\1/p' <<<"$st")
    percent=$(sed -n 's/.*"percent":\([0-9]*\).*/\1/p' <<<"$st")
    rows=$(sed -n 's/.*"rows":\([0-9]*\).*/\1/p' <<<"$st")
    JOB_PHASE=$(sed -n 's/.*"phase":"\([a-z]*\)".*/\1/p' <<<"$st")
    JOB_PERCENT=$percent
    T_END=$now
    if [ -n "$percent" ]; then
      [ -z "$T_70" ] && [ "$percent" -ge 70 ] && T_70=$now
      [ -z "$T_90" ] && [ "$percent" -ge 90 ] && T_90=$now
    fi
    [ "$running" = false ] && return 0
    alive "$SERVER_PID" || die "the kit stopped during the import (see its log)"
    [ "${EPOCHREALTIME/./}" -lt "$deadline" ] || die "the import did not finish within ${IMPORT_TIMEOUT_S}s"
    if [ "$JOB_PHASE $percent $rows" != "$last" ]; then
      last="$JOB_PHASE $percent $rows"
      last_change=${now/./}
    elif [ $(( ${now/./} - last_change )) -gt 10000000 ] && [ "${now/./}" -gt "$next_look" ]; then
      # no progress for 10 s: is the import thread still working? (checked every 10 s)
      next_look=$(( ${now/./} + 10000000 ))
      if "$JAVA_HOME/bin/jcmd" "$SERVER_PID" Thread.print 2>/dev/null | awk '/^"incident-import"/ { on = 1 } on && /^$/ { exit } on' \
          | grep -q 'ThreadPoolExecutor.getTask'; then
        T_END=$(( last_change / 1000000 )).$(printf '%06d' $(( last_change % 1000000 )))
        return 3
      fi
      [ $(( ${now/./} - last_change )) -lt $(( ${BENCH_STALL_S:-900} * 1000000 )) ] || return 2
    fi
    sleep 0.2
  done
}

# jfr_gc FILE: the garbage collector's work in a recording: collections, old-generation collections, their total
# pause, the most heap in use after a collection (a heap that stays full after old collections is the sign of
# an OutOfMemoryError coming)
jfr_gc() {
  [ -s "$1" ] || { echo "    (no recording)"; return 0; }
  "$JAVA_HOME/bin/jfr" print --events jdk.GarbageCollection,jdk.GCHeapSummary "$1" | awk '
    /^jdk.GarbageCollection/ { gc = 1; hs = 0; next }
    /^jdk.GCHeapSummary/ { hs = 1; gc = 0; next }
    gc && /name = "SerialOld"/ { old++ }
    gc && /sumOfPauses = / { v = $3; u = $4; ms = (u ~ /^s/) ? v * 1000 : (u ~ /^us/) ? v / 1000 : v; pause += ms; n++ }
    hs && /when = "After GC"/ { after = 1; next }
    hs && /when = "Before GC"/ { after = 0; next }
    hs && after && /heapUsed = / { v = $3; u = $4; mb = (u ~ /^kB/) ? v / 1024 : (u ~ /^GB/) ? v * 1024 : (u ~ /^bytes/) ? v / 1048576 : v; if (mb > max) max = mb }
    END { printf "    %d collections (%d of the old generation), %.0f ms of pauses; at most %.1f MB of heap in use after a collection\n", n, old, pause, max }'
}

RSS_MAX_MB=0
rss_sample() {
  local r
  r=$(rss_mb "$SERVER_PID" VmRSS 2>/dev/null) || return 0
  [ -n "$r" ] && RSS_MAX_MB=$(awk -v a="$r" -v b="$RSS_MAX_MB" 'BEGIN { print (a > b) ? a : b }')
}

# jfr_start NAME / jfr_stop NAME FILE: a JFR recording of the kit (default settings: a stack sample every 20 ms)
jfr_start() {
  [ "${BENCH_JFR:-0}" = 1 ] || return 0
  "$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.start name="$1" settings=default >/dev/null 2>&1 || log "JFR.start failed (no profile)"
}
jfr_stop() {
  [ "${BENCH_JFR:-0}" = 1 ] || return 0
  "$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.stop name="$1" filename="$2" >/dev/null 2>&1 || log "JFR.stop failed (no profile)"
}

# jfr_top FILE THREAD N [FRAME]: where THREAD ("*": any) spent its time: the share of its stack samples by the
# first frame of the kit's own code (org.safercities) and, separately, by the innermost frame (the leaf). With
# FRAME, only the samples whose stack holds a frame containing FRAME (e.g. a request handler's method).
jfr_top() {
  local file=$1 thread=$2 n=${3:-12} frame=${4:-} tally total
  [ -s "$file" ] || { echo "    (no recording)"; return 0; }
  tally=$("$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 128 "$file" | awk -v want="$thread" -v frame="$frame" '
    function flush() {
      if (inev && (want == "*" || th == want) && (frame == "" || has) && leaf != "") {
        total++; L[leaf]++; K[(kit != "") ? kit : "(no kit frame) " leaf]++
      }
      inev = 0; th = ""; leaf = ""; kit = ""; instack = 0; has = 0
    }
    /^jdk.ExecutionSample/ { flush(); inev = 1; next }
    /sampledThread = "/ { s = $0; sub(/.*sampledThread = "/, "", s); sub(/".*/, "", s); th = s; next }
    /stackTrace = \[/ { instack = 1; next }
    instack && /^[[:space:]]*\]/ { instack = 0; next }
    instack {
      f = $0; gsub(/^[[:space:]]+/, "", f); sub(/[[:space:]]+line:.*/, "", f)
      if (f == "...") next
      if (leaf == "") leaf = f
      if (kit == "" && f ~ /^org\.safercities\./) kit = f
      if (frame != "" && index(f, frame) > 0) has = 1
    }
    END {
      flush()
      print "T\t" total + 0
      for (k in K) print "K\t" K[k] "\t" k
      for (k in L) print "L\t" L[k] "\t" k
    }')
  total=$(awk -F'\t' '$1 == "T" { print $2 }' <<<"$tally")
  if [ "${total:-0}" = 0 ]; then echo "    (no samples of thread $thread${frame:+ in $frame})"; return 0; fi
  echo "    $total stack samples of thread $thread${frame:+ in $frame}; by the first frame of the kit's own code:"
  awk -F'\t' '$1 == "K"' <<<"$tally" | sort -t$'\t' -k2,2nr | awk -v n="$n" 'NR <= n' | awk -F'\t' -v t="$total" '{ printf "      %5.1f%%  %s\n", 100 * $2 / t, $3 }'
  echo "    by innermost frame:"
  awk -F'\t' '$1 == "L"' <<<"$tally" | sort -t$'\t' -k2,2nr | awk -v n="$n" 'NR <= n' | awk -F'\t' -v t="$total" '{ printf "      %5.1f%%  %s\n", 100 * $2 / t, $3 }'
}

# import_incidents FILE SOURCE_NAME WORK: the whole import through HTTP (KIT_BASE, KIT_COOKIE, SERVER_PID set).
# Sets T_UPLOAD_MS T_MAPPING_MS T_CHECK_MS T_LOAD_MS T_LOAD_READ_MS T_LOAD_BULK_MS T_LOAD_COUNTS_MS, the job
# page figures (CHECK_FIGURES, DONE_FIGURES files) and JOB_PATH.
import_incidents() {
  local file=$1 source=$2 work=$3 code token t0 t1 t2 t3 mapping_path body
  code=$(kit_page /diagnosis/import "$work/import.html")
  [ "$code" = 200 ] || die "GET /diagnosis/import answered $code"
  token=$(csrf_of "$work/import.html")
  [ -n "$token" ] || die "no CSRF token in /diagnosis/import"

  log "upload: $(du -h "$file" | cut -f1) to /diagnosis/import"
  t0=$EPOCHREALTIME
  code=$(kit_upload /diagnosis/import "$file" "$(basename "$file")" "$token" "$work/upload.json")
  t1=$EPOCHREALTIME
  [ "$code" = 200 ] || die "the upload answered $code: $(head -c 300 "$work/upload.json")"
  mapping_path=$(sed -n 's/.*"redirect":"\([^"]*\)".*/\1/p' "$work/upload.json")
  [ -n "$mapping_path" ] || die "the upload was refused: $(head -c 300 "$work/upload.json")"
  T_UPLOAD_MS=$(ms_between "$t0" "$t1")

  # the mapping page as the user sees it (with its preview), then the mapping the user chooses
  code=$(kit_page "$mapping_path" "$work/mapping.html")
  [ "$code" = 200 ] || die "GET $mapping_path answered $code"
  token=$(csrf_of "$work/mapping.html")
  urlencode_pairs newName "$source" kind police source "" date fecha time "" dateOrder AUTO zone UTC \
    category categoria fixedCategory "" sex sexo age edad place lugar area "" longitude longitud latitude latitud \
    decimalComma on _csrf "$token" >"$work/mapping.form"
  t2=$EPOCHREALTIME
  code=$(kit_form "$mapping_path" "$work/mapping.form" "$work/h" "$work/mapping-post.html")
  [ "$code" = 303 ] || die "POST $mapping_path answered $code (expected 303): $(grep -o 'class="error[^<]*<[^<]*' "$work/mapping-post.html" | head -n 3)"
  JOB_PATH=$(grep -i '^location:' "$work/h" | tr -d '\r' | sed 's/^[^:]*:[[:space:]]*//; s#^https\?://[^/]*##')
  T_MAPPING_MS=$(ms_between "$t1" "$t2")   # between the upload's answer and the mapping's POST (the page read)

  log "check pass: $JOB_PATH"
  jfr_start check
  watch_job "$JOB_PATH"
  jfr_stop check "$work/check.jfr"
  [ "$JOB_PHASE" = checked ] || die "the check ended in phase '$JOB_PHASE' (see $JOB_PATH)"
  T_CHECK_MS=$(ms_between "$t2" "$T_END")
  code=$(kit_page "$JOB_PATH" "$work/checked.html")
  [ "$code" = 200 ] || die "GET $JOB_PATH answered $code"
  figures "$work/checked.html" >"$work/checked.figures"
  CHECK_FIGURES="$work/checked.figures"

  token=$(csrf_of "$work/checked.html")
  { value_mapping "$work/checked.html"; printf '&_csrf=%s' "$(urlencode_pairs x "$token" | cut -d= -f2-)"; } >"$work/load.form"
  log "load pass ($(grep -o 'field=' "$work/load.form" | wc -l) values mapped by the first guesses)"
  jfr_start load
  t3=$EPOCHREALTIME
  code=$(kit_form "$JOB_PATH/load" "$work/load.form" "$work/h" "$work/load-post.html")
  [ "$code" = 303 ] || die "POST $JOB_PATH/load answered $code: $(head -c 300 "$work/load-post.html")"
  LOAD_FAILED=""
  local rc=0
  watch_job "$JOB_PATH" || rc=$?
  case $rc in
    0) [ "$JOB_PHASE" = done ] || LOAD_FAILED="the load pass ended in phase '$JOB_PHASE' at $JOB_PERCENT%" ;;
    3) LOAD_FAILED="the load pass died at $JOB_PERCENT% (phase '$JOB_PHASE'): the kit's import thread is idle but the job still says running" ;;
    *) LOAD_FAILED="the load pass made no progress for ${BENCH_STALL_S:-900} s at $JOB_PERCENT% (phase '$JOB_PHASE')" ;;
  esac
  if [ -n "$LOAD_FAILED" ]; then
    log "FAILED: $LOAD_FAILED"
    "$JAVA_HOME/bin/jcmd" "$SERVER_PID" GC.heap_info >"$work/heap-after-failure.txt" 2>&1 || true
  fi
  jfr_stop load "$work/load.jfr"
  T_LOAD_MS=$(ms_between "$t3" "$T_END")
  T_LOAD_READ_MS=$(ms_between "$t3" "${T_70:-$T_END}")
  T_LOAD_BULK_MS=$(ms_between "${T_70:-$T_END}" "${T_90:-$T_END}")
  T_LOAD_COUNTS_MS=$(ms_between "${T_90:-$T_END}" "$T_END")
  code=$(kit_page "$JOB_PATH" "$work/done.html")
  if [ -z "$LOAD_FAILED" ] && ! grep -q 'The import is done.' "$work/done.html"; then
    LOAD_FAILED="the job page does not say the import is done"
  fi
  figures "$work/done.html" >"$work/done.figures"
  DONE_FIGURES="$work/done.figures"
}

# import_surveys FILE WORK: the Kobo-style file through /diagnosis/surveys/import (upload, mapping page, the
# mapping posted with "import the good rows"), then the job's status polled until it stops running, as the page
# does (a kit before the background import answered within the POST: 200 with the outcome). Sets
# T_SURVEY_UPLOAD_MS, T_SURVEY_IMPORT_MS (POST to the end of the job) and SURVEY_PAGE (the outcome page).
import_surveys() {
  local file=$1 work=$2 code token t0 t1 t2 mapping_path job i
  code=$(kit_page /diagnosis/surveys/import "$work/s-import.html")
  [ "$code" = 200 ] || die "GET /diagnosis/surveys/import answered $code"
  token=$(csrf_of "$work/s-import.html")
  t0=$EPOCHREALTIME
  code=$(kit_upload /diagnosis/surveys/import "$file" "$(basename "$file")" "$token" "$work/s-upload.json")
  t1=$EPOCHREALTIME
  [ "$code" = 200 ] || die "the survey upload answered $code: $(head -c 300 "$work/s-upload.json")"
  mapping_path=$(sed -n 's/.*"redirect":"\([^"]*\)".*/\1/p' "$work/s-upload.json")
  [ -n "$mapping_path" ] || die "the survey upload was refused: $(head -c 300 "$work/s-upload.json")"
  T_SURVEY_UPLOAD_MS=$(ms_between "$t0" "$t1")
  code=$(kit_page "$mapping_path" "$work/s-mapping.html")
  [ "$code" = 200 ] || die "GET $mapping_path answered $code"
  token=$(csrf_of "$work/s-mapping.html")
  urlencode_pairs key KEY area grp_profile/ward sex grp_profile/sex age grp_profile/age \
    disability grp_profile/disability weight weight consent "" consentAll yes \
    q_safe_after_dark grp_safety/safe_after_dark q_violence_physical grp_safety/violence_physical \
    q_violence_psychological grp_safety/violence_psychological q_violence_sexual grp_safety/violence_sexual \
    q_harassment grp_safety/harassment q_harassment_place grp_safety/harassment_place \
    q_sexual_violence_non_partner grp_safety/sexual_violence_non_partner q_reported grp_safety/reported \
    mode good _csrf "$token" >"$work/s-mapping.form"
  log "survey import: $(basename "$file")"
  t2=$EPOCHREALTIME
  code=$(kit_form "$mapping_path" "$work/s-mapping.form" "$work/h" "$work/s-done.html")
  if [ "$code" = 303 ]; then
    job=$(grep -i '^location:' "$work/h" | tr -d '\r' | sed 's/^[^:]*:[[:space:]]*//; s|^https\?://[^/]*||')
    [ -n "$job" ] || die "the survey import answered 303 without a Location"
    for ((i = 0; i < IMPORT_TIMEOUT_S * 5; i++)); do
      code=$(kit_page "$job/status" "$work/s-status.json")
      [ "$code" = 200 ] || die "GET $job/status answered $code"
      grep -q '"running":false' "$work/s-status.json" && break
      rss_sample
      sleep 0.2
    done
    T_SURVEY_IMPORT_MS=$(ms_between "$t2" "$EPOCHREALTIME")
    grep -q '"running":false' "$work/s-status.json" || die "the survey import did not finish in ${IMPORT_TIMEOUT_S} s"
    code=$(kit_page "$job" "$work/s-done.html")
    [ "$code" = 200 ] || die "GET $job answered $code"
  else
    T_SURVEY_IMPORT_MS=$(ms_between "$t2" "$EPOCHREALTIME")
    [ "$code" = 200 ] || die "the survey import answered $code (expected 303, or 200 from a kit that imports in the request); see $work/s-done.html"
  fi
  rss_sample
  SURVEY_PAGE="$work/s-done.html"
}

# ---------------------------------------------------------------- page benchmarks on the big store
# Shared by bench/diagnosis-pages.sh and bench/monitoring-dashboard.sh: the same store (a million incidents), the
# same survey import, the same load on each page, the same reference and the same report. Each script sets PAGES and
# says its title, goal and results name; a script that defines report_extra (lines of its own) gets them printed in
# the report after the survey import's outcome.

# pages_setup SCRIPT_NAME ARGS...: reads [--data DIR], checks the tools, makes WORK and RAW, and gets the store:
# with --data, the folder `bench/diagnosis-import.sh --keep DIR` left; without, that script runs first (its figures
# become part of the report). Sets DATA, WORK, RAW, import_results, PAGE_WRK_ARGS, PAGE_WARMUP_ARGS.
pages_setup() {
  local script=$1
  shift
  DATA=""
  case ${1:-} in
    "") ;;
    --data) DATA=${2:?"usage: bench/$script [--data DIR]"}; [ -d "$DATA/db" ] || die "$DATA holds no kit data (no db/)" ;;
    *) die "usage: bench/$script [--data DIR]" ;;
  esac
  PAGE_WRK_ARGS=(-t2 -c8 -d20s --latency)
  PAGE_WARMUP_ARGS=(-t2 -c8 -d5s)
  need_kit_jar
  need_wrk
  [ -f "$REF_JAR" ] || die "no $REF_JAR: run bench/run-all.sh, or mvn -q -f bench/reference/pom.xml package"
  command -v perl >/dev/null || die "perl is needed (it reads the kit's pages)"
  unset KIT_NO_AOT BENCH_KIT_DATA
  bench_tmpdir WORK
  RAW="$WORK/wrk-raw.txt"
  : >"$RAW"
  import_results=""
  if [ -z "$DATA" ]; then
    log "no --data: running bench/diagnosis-import.sh first (it keeps its data folder for this run)"
    DATA="$WORK/kit-data"
    "$BENCH_DIR/diagnosis-import.sh" --keep "$DATA" >"$WORK/import-results.txt" \
      || die "the incident import failed (see bench/results/$(date +%F)-diagnosis-import*.txt), so there is no store to measure the pages on. To measure them anyway: BENCH_KIT_XMX=512m bench/diagnosis-import.sh --keep DIR, then bench/$script --data DIR"
    import_results="$WORK/import-results.txt"
  fi
}

# pages_kit_with_surveys: the kit (launcher flags) on DATA, signed in, and SURVEY_ROWS survey responses imported
# through HTTP. Sets SERVER_PID, KIT_BASE, KIT_COOKIE, load_before, survey_file_line, survey_outcome, RSS_MAX_MB,
# rss_after_surveys.
pages_kit_with_surveys() {
  ensure_cache "$KIT_JAR" "$DATA" command /login
  serve "$KIT_JAR" launcher "$DATA" "$KIT_PORT" /login "$WORK/kit.log" "$START_TIMEOUT_S"
  kit_login "$KIT_PORT"
  KIT_BASE="http://127.0.0.1:$KIT_PORT"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  log "writing $SURVEY_ROWS survey responses (streamed)"
  survey_file_line=$(make_survey_file "$SURVEY_ROWS" "$WORK/kobo-responses.csv")
  log "$survey_file_line"
  RSS_MAX_MB=$(rss_mb "$SERVER_PID" VmRSS)
  jfr_start surveys
  import_surveys "$WORK/kobo-responses.csv" "$WORK"
  jfr_stop surveys "$WORK/surveys.jfr"
  survey_outcome=$(figures "$SURVEY_PAGE" | tr '\n' ' ')
  [ -n "$survey_outcome" ] || survey_outcome=$(perl -0777 -ne 's/<[^>]+>/ /g; s/\s+/ /g; print $1 if /((?:Rows|Respondents)[^.]{0,300})/' "$SURVEY_PAGE")
  rss_after_surveys=$(rss_mb "$SERVER_PID" VmRSS)
}

# pages_load: every page of PAGES answers 200 signed in (sizes kept); the incidents' total as the analysis page
# shows it; then each page under load, the pages that missed the goal profiled (JFR, 10 s more, not part of the
# figures); the kit stopped; the reference's bare GET /hello under the same load. Sets RPS P50 P95 P99 ERR (by
# page), rss_after_load, rss_hwm, profiled, incidents_total, h_rps h_p50 h_p95 h_p99 h_err, load_after.
pages_load() {
  local p code
  for p in "${PAGES[@]}"; do
    code=$(kit_page "$p" "$WORK/page.out")
    [ "$code" = 200 ] || die "GET $p answered $code"
    printf '%s %s\n' "$p" "$(stat -c %s "$WORK/page.out")" >>"$WORK/sizes"
  done
  incidents_total=$(kit_page /diagnosis/analysis "$WORK/a.html" >/dev/null; perl -0777 -ne 's/<[^>]+>/ /g; s/\s+/ /g; print $1 if /([0-9][0-9,]{6,}) *(?:incidents|Incidents)/' "$WORK/a.html")
  [ -n "$incidents_total" ] || incidents_total="(not found on /diagnosis/analysis)"

  declare -gA RPS P50 P95 P99 ERR
  for p in "${PAGES[@]}"; do
    page_wrk "kit GET $p" "$KIT_BASE$p" "$KIT_COOKIE"
    RPS[$p]=$N_RPS P50[$p]=$N_P50 P95[$p]=$N_P95 P99[$p]=$N_P99 ERR[$p]=$N_ERRORS
  done
  rss_after_load=$(rss_mb "$SERVER_PID" VmRSS)
  rss_hwm=$(rss_mb "$SERVER_PID" VmHWM)
  profiled=()
  for p in "${PAGES[@]}"; do
    if awk -v v="${P95[$p]}" -v e="${ERR[$p]}" 'BEGIN { exit !(v >= 300 || e > 0) }'; then
      log "profiling $p (JFR, wrk -t2 -c8 -d10s)"
      jfr_start "page${#profiled[@]}"
      wrk -t2 -c8 -d10s -H "Cookie: $KIT_COOKIE" "$KIT_BASE$p" >/dev/null
      jfr_stop "page${#profiled[@]}" "$WORK/page${#profiled[@]}.jfr"
      profiled+=("$p")
    fi
  done
  stop_pid "$SERVER_PID"

  local ref_data="$WORK/ref-data"
  ensure_cache "$REF_JAR" "$ref_data" requests / /hello
  serve "$REF_JAR" launcher "$ref_data" "$REF_PORT" /hello "$WORK/ref.log" "$START_TIMEOUT_S"
  page_wrk "reference GET /hello" "http://127.0.0.1:$REF_PORT/hello"
  h_rps=$N_RPS h_p50=$N_P50 h_p95=$N_P95 h_p99=$N_P99 h_err=$N_ERRORS
  stop_pid "$SERVER_PID"
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
}

# pages_report TITLE GOAL NAME: writes the report (TITLE is its first line after the import's figures, GOAL the line
# under the table), copies it to bench/results/YYYY-MM-DD-NAME.txt and prints it.
pages_report() {
  local title=$1 goal=$2 name=$3 out="$WORK/results.txt" p i f
  verdict() { awk -v v="$1" -v e="$2" 'BEGIN { print (v < 300 && e == 0) ? "yes" : "NO" }'; }
  row() { printf '  %-30s %9s %9s %8s %8s %8s %7s %8s %9s %5s\n' "$@"; }
  {
    if [ -n "$import_results" ]; then
      cat "$import_results"
      echo
      echo "------------------------------------------------------------------------------------------"
      echo
    fi
    printf '%s, %s\n' "$title" "$(date '+%F %H:%M %Z')"
    commit_and_machine
    printf 'Load average (1, 5, 15 min): %s before the surveys, %s after the last wrk run (the cores are shared)\n' \
      "$load_before" "$load_after"
    [ -z "${BENCH_KIT_XMX:-}" ] || printf 'Kit heap: -Xmx%s, NOT the goal'"'"'s -Xmx128m (BENCH_KIT_XMX)\n' "$BENCH_KIT_XMX"
    printf 'Incidents in the store: %s (the analysis page'"'"'s total)\n' "$incidents_total"
    printf 'Survey file: %s\n' "$survey_file_line"
    printf 'Survey import through HTTP: upload %s ms, import (POST to the end of the background job) %s ms = %s responses/s\n' \
      "$T_SURVEY_UPLOAD_MS" "$T_SURVEY_IMPORT_MS" "$(awk -v n="$SURVEY_ROWS" -v ms="$T_SURVEY_IMPORT_MS" 'BEGIN { printf "%.0f", n * 1000 / ms }')"
    printf '  its outcome: %s\n' "$survey_outcome"
    if declare -F report_extra >/dev/null; then report_extra; fi
    printf 'Kit RSS, MB: max %s during the survey import, %s after it, %s after the page load; VmHWM %s\n\n' \
      "$RSS_MAX_MB" "$rss_after_surveys" "$rss_after_load" "$rss_hwm"

    printf 'Pages: wrk %s (after a 5 s warm-up), launcher flags on both sides, session cookie on the kit\n' "${PAGE_WRK_ARGS[*]}"
    row "target" "bytes" "req/s" "p50 ms" "p95 ms" "p99 ms" "errors" "rps/ref" "p95/ref" "<300"
    row "reference GET /hello" "5" "$h_rps" "$h_p50" "$h_p95" "$h_p99" "$h_err" "1.00" "1.00" ""
    for p in "${PAGES[@]}"; do
      row "kit GET $p" "$(awk -v p="$p" '$1 == p { print $2 }' "$WORK/sizes")" "${RPS[$p]}" "${P50[$p]}" "${P95[$p]}" \
        "${P99[$p]}" "${ERR[$p]}" "$(ratio "${RPS[$p]}" "$h_rps")" "$(ratio "${P95[$p]}" "$h_p95")" \
        "$(verdict "${P95[$p]}" "${ERR[$p]}")"
    done
    echo "  goal: $goal"
    echo
    for i in "${!profiled[@]}"; do
      echo "Where GET ${profiled[$i]} spends its time under the same load (JFR, 10 s after the measured run; request threads)"
      jfr_top "$WORK/page$i.jfr" "*" 12 Http1Connection.handle
      jfr_gc "$WORK/page$i.jfr"
      echo
    done
    echo "Where the survey import thread spends its time (JFR)"
    jfr_top "$WORK/surveys.jfr" survey-import 12
    echo "  the garbage collector during the survey import:"
    jfr_gc "$WORK/surveys.jfr"
    echo
    echo "Raw wrk output"
    cat "$RAW"
    if [ -z "$import_results" ]; then
      # --data: the import ran in separate calls; today's results files of diagnosis-import.sh follow, so that one
      # file holds the diagnosis figures of the day
      for f in "$BENCH_DIR/results/$(date +%F)"-diagnosis-import*.txt; do
        [ -f "$f" ] || continue
        echo
        echo "------------------------------------------------------------------------------------------"
        echo "Today's bench/diagnosis-import.sh run ($(basename "$f"), a separate call)"
        echo
        cat "$f"
      done
    fi
  } >"$out"
  mkdir -p "$BENCH_DIR/results"
  cp "$out" "$BENCH_DIR/results/$(date +%F)-$name.txt"
  cat "$out"
  log "written: bench/results/$(date +%F)-$name.txt"
}

# BENCH_KIT_XMX=512m: the kit (only the kit, never the reference) with another heap limit instead of the
# launcher's -Xmx128m. A diagnostic, outside the goal's condition: it shows whether the heap is what stops an
# import. The results say so on every line that depends on it.
if [ -n "${BENCH_KIT_XMX:-}" ]; then
  eval "launcher_$(declare -f jvm_flags)"
  jvm_flags() {
    if [ "$2" = "$KIT_JAR" ]; then
      launcher_jvm_flags "$@" | sed "s/^-Xmx128m\$/-Xmx$BENCH_KIT_XMX/"
    else
      launcher_jvm_flags "$@"
    fi
  }
fi
