#!/bin/sh
# macOS: double-click in Finder. Starts Safer Cities Kit on the data folder ./data beside this file, or on
# the folder given as first argument; see safercities-kit.sh for what it does (the same, for macOS).
here=$(cd "$(dirname "$0")" && pwd)
data="$here/data"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then data=$1; shift; fi
mkdir -p "$data/tmp" || { echo "Cannot create the data folder $data (is the stick write-protected?)."; exit 1; }
data=$(cd "$data" && pwd)
case "$(uname -m)" in arm64|aarch64) arch=aarch64 ;; *) arch=x64 ;; esac
java="$here/runtime-macos-$arch/bin/java"
if [ ! -x "$java" ]; then
  echo "This stick has no Java runtime for macOS on $arch (folder runtime-macos-$arch). Ask your national forum for a stick that has one."
  exit 1
fi
# files copied from a download carry the quarantine mark, which stops the runtime from starting
xattr -dr com.apple.quarantine "$here/runtime-macos-$arch" 2>/dev/null
# a profile beside the launcher is passed to the kit, which offers it on the set-up page
if [ -f "$here/kit-profile.json" ]; then set -- --profile "$here/kit-profile.json" "$@"; fi
# the JVM flags are those of scripts/jvm-flags.sh, written in by installers/build.sh
exec "$java" @JVM_FLAGS@ -XX:-UsePerfData "-Djava.io.tmpdir=$data/tmp" \
  -jar "$here/app/safercities-kit.jar" --data "$data" --open-browser "$@"
