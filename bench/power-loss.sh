#!/usr/bin/env bash
# Power loss by hand: the PowerLossTest harness (kit/src/test/java/org/safercities/kit/PowerLossTest.java) with
# more cycles than CI runs. Each cycle starts the built jar, writes over HTTP, kills it with SIGKILL after a random
# delay, restarts it and checks what was acknowledged. Everything runs on 127.0.0.1; the run ends by itself.
#
# Usage: bench/power-loss.sh [CYCLES] [SEED]      (1000 cycles by default; about 2.5 s a cycle on 2 cores)
# It builds the jar first (mvn clean package -DskipTests), then runs the harness alone. The summary line
# ("PowerLossTest: N cycles; acknowledged: …; restart after the raw crash: median … ms") goes to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
find_jdk || exit 1
export JAVA_HOME
cycles=${1:-1000}
seed=${2:-}
log=$(mktemp)
trap 'echo "[power-loss] full log: $log" >&2' EXIT
echo "[power-loss] building the jar" >&2
mvn -q -B -ntp clean package -DskipTests >&2
echo "[power-loss] $cycles cycles; progress every 50 cycles in $log" >&2
# test-compile resolves the modules from the reactor; the kit's jar-smoke-test execution then runs the harness alone
args=(-B -ntp -pl kit -am test-compile surefire:test@jar-smoke-test -Dtest=PowerLossTest
      -Dsurefire.failIfNoSpecifiedTests=false "-Dcycles=$cycles")
[ -n "$seed" ] && args+=("-Dpowerloss.seed=$seed")
status=0
mvn "${args[@]}" >"$log" 2>&1 || status=$?
grep -E '^PowerLossTest:|^cycle |Tests run:' "$log" | awk '!seen[$0]++'
exit $status
