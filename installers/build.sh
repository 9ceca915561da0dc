#!/usr/bin/env bash
# Builds the USB layout a national forum copies onto sticks: installers/target/usb/
#   SaferCitiesKit.cmd        Windows launcher (double-click)
#   SaferCitiesKit.command    macOS launcher (double-click in Finder)
#   safercities-kit.sh        Linux launcher
#   app/safercities-kit.jar   the kit
#   runtime-linux-x64/        a minimal Java runtime made with jlink from the JDK scripts/find-jdk.sh finds
#   data/                     the kit's data folder on the stick (empty)
#   README.txt                what to do, for the person holding the stick
# The runtime is built for the system this runs on (Linux x64 here). docs/install-national-forum.md says how
# to add the Windows and macOS runtimes. Options:
#   --jar FILE       use this kit jar instead of kit/target/safercities-kit.jar (built if missing)
#   --out DIR        write the layout there instead of installers/target/usb
#   --profile FILE   copy a signed kit profile (FILE and FILE.asc) beside the launchers
#   --runtime-from JDK  link the runtime from another JDK's jmods (cross-linking, see the forum guide)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/find-jdk.sh
find_jdk || exit 1

JAR=kit/target/safercities-kit.jar
OUT=installers/target/usb
PROFILE=
RUNTIME_FROM=
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --profile) PROFILE=$2; shift 2 ;;
    --runtime-from) RUNTIME_FROM=$2; shift 2 ;;
    *) echo "Unknown option: $1 (see the comment at the top of installers/build.sh)" >&2; exit 2 ;;
  esac
done

if [ ! -f "$JAR" ]; then
  command -v mvn >/dev/null || { echo "Building the kit needs Apache Maven: install it (for example 'apt-get install maven') and try again." >&2; exit 1; }
  echo "Building Safer Cities Kit (the first build downloads libraries and takes a few minutes)..."
  mvn -q -B -ntp clean package -DskipTests
fi

# The modules the kit needs. `jdeps --print-module-deps` on the shaded jar gives the first six (java.desktop
# is for Apache POI's spreadsheet code); the others are loaded by name and jdeps cannot see them:
#   jdk.charsets      GB18030 and other non-Unicode encodings of imported CSV files
#   jdk.localedata    number and date formats of the six UN languages (only those locales are kept)
#   jdk.unsupported   sun.misc.Unsafe, which some libraries look up reflectively
MODULES=java.base,java.desktop,java.management,java.naming,java.net.http,java.sql,jdk.charsets,jdk.localedata,jdk.unsupported

os=$(uname -s); arch=$(uname -m)
case "$os" in Linux) os=linux ;; Darwin) os=macos ;; MINGW*|MSYS*|CYGWIN*) os=windows ;; esac
case "$arch" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=aarch64 ;; esac
RUNTIME=runtime-$os-$arch
MODULE_PATH=()
if [ -n "$RUNTIME_FROM" ]; then
  # cross-linking: the target JDK's jmods, linked by this JDK's jlink (both must be the same feature release)
  [ -d "$RUNTIME_FROM/jmods" ] || { echo "$RUNTIME_FROM has no jmods/ folder: download the JDK archive (not the JRE) for the target system." >&2; exit 1; }
  MODULE_PATH=(--module-path "$RUNTIME_FROM/jmods")
  RUNTIME=${RUNTIME_NAME:?with --runtime-from, set RUNTIME_NAME (for example runtime-windows-x64)}
fi

rm -rf "$OUT"
mkdir -p "$OUT/app" "$OUT/data"
echo "Linking a Java runtime ($RUNTIME) from $JAVA_HOME..."
# --compress=zip-9 is the smallest that jlink offers (zip-0..zip-9); start-up is not measurably slower from it.
"$JAVA_HOME/bin/jlink" "${MODULE_PATH[@]}" --add-modules "$MODULES" \
  --include-locales=en,ar,es,fr,ru,zh \
  --compress=zip-9 --strip-debug --no-header-files --no-man-pages \
  --output "$OUT/$RUNTIME"
cp "$JAR" "$OUT/app/safercities-kit.jar"
cp installers/launchers/SaferCitiesKit.cmd installers/launchers/SaferCitiesKit.command installers/launchers/safercities-kit.sh \
   installers/launchers/README.txt "$OUT/"
chmod +x "$OUT/safercities-kit.sh" "$OUT/SaferCitiesKit.command"
# the launchers use the JVM flags of scripts/jvm-flags.sh (without the AOT cache, which belongs to one JDK build)
. scripts/jvm-flags.sh
FLAGS=$(KIT_NO_AOT=1 JAVA_MAJOR=$JAVA_MAJOR jvm_flags "$JAVA_HOME/bin/java" "$JAR" | tr '\n' ' ' | sed 's/ *$//')
sed -i "s|@JVM_FLAGS@|$FLAGS|" "$OUT/safercities-kit.sh" "$OUT/SaferCitiesKit.command" "$OUT/SaferCitiesKit.cmd"
# Windows wants CRLF line ends in .cmd files and README.txt shown by Notepad
sed -i 's/\r*$/\r/' "$OUT/SaferCitiesKit.cmd" "$OUT/README.txt"
if [ -n "$PROFILE" ]; then
  [ -f "$PROFILE.asc" ] || { echo "$PROFILE.asc is missing: a kit profile is used only with its signature." >&2; exit 1; }
  cp "$PROFILE" "$OUT/kit-profile.json"
  cp "$PROFILE.asc" "$OUT/kit-profile.json.asc"
fi
size=$(du -sk "$OUT" | cut -f1)
echo "USB layout ready in $OUT: $((size / 1024)) MiB ($(du -sk "$OUT/$RUNTIME" | cut -f1) KiB runtime, $(du -sk "$OUT/app" | cut -f1) KiB jar)."
