#!/usr/bin/env bash
# Browser end-to-end tests of Safer Cities Kit: Debian's chromium driven by playwright-core (no browser
# download), Node's built-in test runner. Each test file starts its own kit on a fresh temporary data folder
# and a free port, and stops it afterwards. Screenshots: e2e/screenshots/. Exit code: the tests'.
set -uo pipefail
cd "$(dirname "$0")"
E2E_DIR=$(pwd)
REPO_DIR=$(cd .. && pwd)

. "$REPO_DIR/scripts/find-jdk.sh"
find_jdk || exit 1
export JAVA_HOME

JAR="$REPO_DIR/kit/target/safercities-kit.jar"
if [ ! -f "$JAR" ]; then
  echo "The kit's jar is missing: $JAR. Build it first (mvn -B -ntp package at the repository root)." >&2
  exit 1
fi

command -v node >/dev/null && command -v npm >/dev/null || {
  echo "The browser tests need Node.js 20 or newer with npm (for example 'apt-get install nodejs npm')." >&2
  exit 1
}

# Debian's chromium, plus a font with Chinese characters so that the screenshots are readable.
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
need=()
[ -x "$CHROMIUM" ] || need+=(chromium)
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then
  need+=(fonts-wqy-microhei)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing with apt-get: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null || {
      echo "apt-get could not install ${need[*]}." >&2
      [ -x "$CHROMIUM" ] || exit 1
    }
  elif [ ! -x "$CHROMIUM" ]; then
    echo "The browser tests need Debian's chromium at $CHROMIUM: install it as root ('apt-get install chromium')," >&2
    echo "or set CHROMIUM_PATH to another Chromium. Playwright's own browser download is not used." >&2
    exit 1
  else
    echo "Note: no font with Chinese characters ('apt-get install fonts-wqy-microhei' as root): Chinese screenshots show boxes." >&2
  fi
fi

if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund || exit 1
fi

mkdir -p screenshots
rm -f screenshots/*.png
echo "Browser tests: screenshots go to $E2E_DIR/screenshots/, the kits' logs to $E2E_DIR/test-results/"
# node's summary (tests, pass, fail) is the last thing printed; its exit code is this script's
node --test --test-concurrency=1 tests/*.test.mjs
exit $?
