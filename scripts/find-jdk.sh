# Sourced by run.sh, test.sh and the benchmarks: sets JAVA_HOME to a JDK 21 or newer.
# Order: JAVA_HOME if it is 21+, then `java` on the PATH, then every JDK under /usr/lib/jvm (newest first).
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
is_jdk21() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local v; v=$(java_major "$1/bin/java")
  [ -n "$v" ] && [ "$v" -ge 21 ]
}
find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then return 0; fi
  local onpath
  onpath=$(command -v javac 2>/dev/null) && onpath=$(dirname "$(dirname "$(readlink -f "$onpath")")")
  if [ -n "$onpath" ] && is_jdk21 "$onpath"; then JAVA_HOME=$onpath; export JAVA_HOME; return 0; fi
  local d
  for d in $(ls -d /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    if is_jdk21 "$d"; then JAVA_HOME=$d; export JAVA_HOME; return 0; fi
  done
  echo "Safer Cities Kit needs a Java Development Kit 21 or newer: install one (for example 'apt-get install openjdk-21-jdk' or Temurin 21/25) and try again." >&2
  return 1
}
