#!/usr/bin/env bash
# Sign-in timing: does a wrong password for a user who exists take as long to refuse as any password for a name
# nobody has? (It must: otherwise the time of the answer tells who has an account.) The jar runs with the
# launcher's flags and production Argon2id; the throttle is raised for this run only (login.failures-per-account
# 1000, per-address 10000 in the copied data folder's kit.properties), or it would answer after 5 tries without
# hashing. Known and unknown names alternate (the order swapped every other pair); curl's time_total of each
# POST /login is taken, and the medians compared. Goal: |median known - median unknown| < 5 ms.
#
# Usage: bench/signin-timing.sh [PAIRS]     (200 pairs by default, at most 900; figures on stdout)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pairs=${1:-200}
[ "$pairs" -le 900 ] || die "at most 900 pairs: the raised per-account limit is 1000 failures"
need_kit_jar
bench_tmpdir WORK
ensure_kit_data
cp -r "$KIT_DATA" "$WORK/data"
printf '\nlogin.failures-per-account=1000\nlogin.failures-per-address=10000\n' >>"$WORK/data/kit.properties"
serve "$KIT_JAR" launcher "$WORK/data" "$KIT_PORT" /login "$WORK/kit.log" "$START_TIMEOUT_S"
pid=$SERVER_PID
base="http://127.0.0.1:$KIT_PORT"

code=$("${CURL[@]}" -D "$WORK/h" -o "$WORK/b" -w '%{http_code}' "$base/login") || true
[ "$code" = 200 ] || die "GET /login answered $code"
session=$(cookie_from "$WORK/h" sck_session)
token=$(csrf_of "$WORK/b")
[ -n "$session" ] && [ -n "$token" ] || die "no session or CSRF token on /login"

attempt() {   # $1 = user name -> milliseconds, with three decimals; fails unless the answer is a refusal
  local out
  out=$("${CURL[@]}" -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: sck_session=$session" -H "Origin: $base" \
      --data-urlencode "username=$1" --data-urlencode "password=not-the-password" --data-urlencode "_csrf=$token" \
      "$base/login") || true
  case $out in
    303*) die "a wrong password was accepted for $1" ;;
    2??\ *|4??\ *) awk -v t="${out#* }" 'BEGIN { printf "%.3f", t * 1000 }' ;;
    *) die "POST /login for $1 answered '$out'" ;;
  esac
}

log "warming up (20 pairs)"
for ((i = 0; i < 20; i++)); do attempt demo-analyst >/dev/null; attempt "warm-$i" >/dev/null; done
known=() unknown=()
log "measuring $pairs pairs"
for ((i = 0; i < pairs; i++)); do
  if ((i % 2)); then
    unknown+=("$(attempt "nobody-$i")"); known+=("$(attempt demo-analyst)")
  else
    known+=("$(attempt demo-analyst)"); unknown+=("$(attempt "nobody-$i")")
  fi
done
grep -q "throttled" "$WORK/kit.log" && log "note: the kit log mentions throttling"
stop_pid "$pid"

mk=$(printf "%.2f" "$(median "${known[@]}")")
mu=$(printf "%.2f" "$(median "${unknown[@]}")")
diff=$(awk -v a="$mk" -v b="$mu" 'BEGIN { d = a - b; if (d < 0) d = -d; printf "%.2f", d }')
summary signin_known_ms "$mk"
summary signin_unknown_ms "$mu"
summary signin_diff_ms "$diff"
printf 'Sign-in timing: %d pairs of refused sign-ins, production Argon2id, launcher flags\n' "$pairs"
printf '  %-36s %8s ms\n' "median, existing user, wrong password" "$mk"
printf '  %-36s %8s ms\n' "median, unknown user name" "$mu"
printf '  %-36s %8s ms (goal < 5 ms)\n' "difference of the medians" "$diff"
