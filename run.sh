#!/usr/bin/env bash
# Builds the kit if needed, then starts it. Options go to the kit: --demo, --data DIR, --port N, --host ADDR.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/find-jdk.sh
. scripts/jvm-flags.sh
find_jdk || exit 1
command -v mvn >/dev/null || { echo "Building the kit needs Apache Maven: install it (for example 'apt-get install maven') and try again." >&2; exit 1; }

JAR=kit/target/safercities-kit.jar
stale() {
  [ ! -f "$JAR" ] && return 0
  [ -n "$(find pom.xml kit modules locales -newer "$JAR" -type f -not -path '*/target/*' -print -quit)" ]
}
if stale; then
  echo "Building Safer Cities Kit (the first build downloads libraries and takes a few minutes)..."
  mvn -q -B clean package -DskipTests
  rm -f "${JAR%.jar}.aot" "${JAR%.jar}.jsa"
fi
# an AOT cache is only valid for the jar and the flags it was recorded with (a jar rebuilt by hand with mvn
# once met an older cache and failed with NoSuchMethodError)
[ -f "${JAR%.jar}.aot" ] && { [ scripts/jvm-flags.sh -nt "${JAR%.jar}.aot" ] || [ "$JAR" -nt "${JAR%.jar}.aot" ]; } && rm -f "${JAR%.jar}.aot"
# JDK 25+: record an AOT cache once with a short training run (start-up about twice as fast afterwards).
if [ "$JAVA_MAJOR" -ge 25 ] && [ ! -f "${JAR%.jar}.aot" ] && [ "${KIT_NO_AOT:-0}" != 1 ]; then
  echo "Preparing faster start-up (once)..."
  KIT_NO_AOT=1 "$JAVA_HOME/bin/java" $(KIT_NO_AOT=1 jvm_flags "$JAVA_HOME/bin/java" "$JAR") \
    "-XX:AOTCacheOutput=${JAR%.jar}.aot" -Xlog:aot=off -Xlog:aot+codecache+stubs=off -Xlog:cds=off -jar "$JAR" train >/dev/null 2>&1 \
    || { rm -f "${JAR%.jar}.aot"; echo "(could not prepare the start-up cache; the kit starts anyway)"; }
fi
exec "$JAVA_HOME/bin/java" $(jvm_flags "$JAVA_HOME/bin/java" "$JAR") -jar "$JAR" "$@"
