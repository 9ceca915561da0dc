#!/bin/sh
# Starts Safer Cities Kit from this folder (a USB stick, or a copy of it) without installing anything.
#   ./safercities-kit.sh                 data folder: ./data beside this script
#   ./safercities-kit.sh /some/folder    data folder: that folder (created if missing)
#   ./safercities-kit.sh --port 8081     other options go to the kit (see README.txt)
# Nothing is written outside the data folder: temporary files go to <data>/tmp, and the Java runtime is told
# not to keep its performance file in /tmp. A kit profile (kit-profile.json + kit-profile.json.asc) beside
# this script is offered on the set-up page. The browser opens by itself once the kit answers.
here=$(cd "$(dirname "$0")" && pwd)
data="$here/data"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then data=$1; shift; fi
mkdir -p "$data/tmp" || { echo "Cannot create the data folder $data (is the stick write-protected?)."; exit 1; }
data=$(cd "$data" && pwd)
case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=aarch64 ;; *) arch=$(uname -m) ;; esac
java="$here/runtime-linux-$arch/bin/java"
if [ ! -x "$java" ]; then
  echo "This stick has no Java runtime for Linux on $arch (folder runtime-linux-$arch). Ask your national forum for a stick that has one."
  exit 1
fi
# a profile beside the launcher is passed to the kit, which offers it on the set-up page
if [ -f "$here/kit-profile.json" ]; then set -- --profile "$here/kit-profile.json" "$@"; fi
# the JVM flags are those of scripts/jvm-flags.sh, written in by installers/build.sh
exec "$java" @JVM_FLAGS@ -XX:-UsePerfData "-Djava.io.tmpdir=$data/tmp" \
  -jar "$here/app/safercities-kit.jar" --data "$data" --open-browser "$@"
