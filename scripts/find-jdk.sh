# Sourced by run.sh, test.sh and the benchmarks: sets JAVA_HOME to a JDK 21 or newer, and JAVA_MAJOR.
# Order: JAVA_HOME if it is 21+, then `javac` on the PATH, then every JDK under /usr/lib/jvm (newest first).
# The version is read from the JDK's `release` file: asking a JVM costs a start of ~0.15 s each time.
java_major() {   # $1 = a java binary
  local home v
  home=$(dirname "$(dirname "$(readlink -f "$1")")")
  v=$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$home/release" 2>/dev/null)
  if [ -z "$v" ]; then
    v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9.]*\).*/\1/p')
  fi
  v=${v#1.}          # 1.8 -> 8
  echo "${v%%.*}"
}
is_jdk21() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local v; v=$(java_major "$1/bin/java")
  [ -n "$v" ] && [ "$v" -ge 21 ] && JAVA_MAJOR=$v
}
use_jdk() {
  JAVA_HOME=$1
  export JAVA_HOME JAVA_MAJOR
}
find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then use_jdk "$JAVA_HOME"; return 0; fi
  local onpath
  onpath=$(command -v javac 2>/dev/null) && onpath=$(dirname "$(dirname "$(readlink -f "$onpath")")")
  if [ -n "$onpath" ] && is_jdk21 "$onpath"; then use_jdk "$onpath"; return 0; fi
  local d
  for d in $(ls -d /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    if is_jdk21 "$d"; then use_jdk "$d"; return 0; fi
  done
  echo "Safer Cities Kit needs a Java Development Kit 21 or newer: install one (for example 'apt-get install openjdk-21-jdk' or Temurin 21/25) and try again." >&2
  return 1
}
