#!/usr/bin/env bash
# Runs every test: unit, store (real Derby) and route (real HTTP) tests, the smoke test of the built jar,
# then the browser tests (Debian's chromium driven by playwright-core).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/find-jdk.sh
find_jdk || exit 1
command -v mvn >/dev/null || { echo "The tests need Apache Maven: install it (for example 'apt-get install maven') and try again." >&2; exit 1; }
echo "== Java tests (JDK at $JAVA_HOME)"
mvn -B -ntp clean verify
echo "== Browser tests"
e2e/run.sh
