#!/usr/bin/env bash
# OpenPGP benchmark (issue 11): encrypting and signing an export with the kit's OpenPgp against GnuPG on the same
# bytes, to the same recipients, with the same signing key, in the same run.
#   1. bench/openpgp-bench.java writes export-like JSON of each size (default 50 MB and 500 MB), deterministic;
#   2. keys: the office key and the national forum's key made by the kit (OpenPgp.generateKey), UN-Habitat's
#      RSA 3072 key made by gpg; gpg gets the office's secret key (with its passphrase) and both public keys;
#      gpg-agent keeps no passphrase in its cache (default-cache-ttl 0), so gpg, like the kit, derives the
#      S2K key at every signature;
#   3. per size, RUNS rounds of: the kit (its own JVM, the launcher's heap flags -Xmx128m, no AOT cache), then
#      `gpg --encrypt --sign` of the same file to the same two recipients (gpg's default compression for them);
#      the kit's time is taken inside its JVM (the OpenPgp call alone; with JVM start in brackets), gpg's from
#      outside its process; medians are compared. The kit's figure is its first call in a new JVM (the first
#      export after the kit starts, the JIT not yet warm); on the first size the same JVM then makes the call
#      twice more and the last is reported too ("warm": a kit that has been running);
#   4. on the first size, the kit's other compressions (ZIP level 1, none) for the record, and decryption of
#      the kit's file by the kit (decryptAndVerify) and by gpg (--decrypt); every output is checked (cmp).
# Goal: kit speed >= 0.5 of gpg's (ratio = gpg time / kit time, medians of first calls) for encryption + signature.
#
# Usage: bench/openpgp.sh
# Env: BENCH_OPENPGP_SIZES (MB, default "50 500"), BENCH_OPENPGP_RUNS (default 3).
# Needs the kit jar (kit/target/safercities-kit.jar), gpg (apt-get install gnupg), about 2.5 GB free in TMPDIR.
# Writes bench/results/YYYY-MM-DD-openpgp.txt (figures also on stdout, progress on stderr). About 5 minutes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SIZES=${BENCH_OPENPGP_SIZES:-"50 500"}
RUNS=${BENCH_OPENPGP_RUNS:-3}
need_kit_jar
command -v gpg >/dev/null || die "gpg is not installed: apt-get install -y gnupg"
command -v cmp >/dev/null || die "cmp is needed (diffutils)"

bench_tmpdir WORK
KEYS="$WORK/keys"
mkdir -p "$KEYS" "$WORK/classes"
export GNUPGHOME="$WORK/gnupg"
mkdir -m 700 "$GNUPGHOME"
printf 'default-cache-ttl 0\nmax-cache-ttl 0\nallow-loopback-pinentry\n' >"$GNUPGHOME/gpg-agent.conf"
stop_agent() { gpgconf --kill all >/dev/null 2>&1 || true; }
trap 'stop_agent; cleanup' EXIT

# The kit's JVM: the launcher's flags without the AOT cache (it belongs to the kit's own main class path).
mapfile -t JFLAGS < <(KIT_NO_AOT=1 jvm_flags "$JAVA" "$KIT_JAR")
"$JAVA_HOME/bin/javac" -nowarn -cp "$KIT_JAR" -d "$WORK/classes" "$BENCH_DIR/openpgp-bench.java"
kit() { "$JAVA" "${JFLAGS[@]}" -Dbench.keys="$KEYS" -cp "$KIT_JAR:$WORK/classes" OpenPgpBench "$@"; }
GPG=(gpg --batch --yes --no-tty --quiet --pinentry-mode loopback)

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }

# ---- keys
log "keys: office and forum by the kit, UN-Habitat (RSA 3072) by gpg"
kit keys "$KEYS" >&2
"${GPG[@]}" --passphrase '' --quick-gen-key 'UN-Habitat (benchmark) <unhabitat@example.org>' rsa3072 sign never 2>>"$WORK/gpg.log"
UNH=$(gpg --with-colons --list-keys '=UN-Habitat (benchmark) <unhabitat@example.org>' | awk -F: '/^fpr/ { print $10; exit }')
"${GPG[@]}" --passphrase '' --quick-add-key "$UNH" rsa3072 encr never 2>>"$WORK/gpg.log"
gpg --armor --export "$UNH" >"$KEYS/unhabitat.pub"
"${GPG[@]}" --passphrase-file "$KEYS/office.pass" --import "$KEYS/office.sec" "$KEYS/forum.pub" 2>/dev/null
"${GPG[@]}" --passphrase-file "$KEYS/forum.pass" --import "$KEYS/forum.sec" 2>/dev/null
OFFICE=$(gpg --with-colons --list-keys '=Safer Cities office (benchmark) <office@example.org>' | awk -F: '/^fpr/ { print $10; exit }')
FORUM=$(gpg --with-colons --list-keys '=National forum (benchmark) <forum@example.org>' | awk -F: '/^fpr/ { print $10; exit }')
RECIPIENTS=("$KEYS/unhabitat.pub" "$KEYS/forum.pub")
gpg_encrypt() {   # IN OUT
  "${GPG[@]}" --passphrase-file "$KEYS/office.pass" --trust-model always --local-user "$OFFICE" \
    --recipient "$UNH" --recipient "$FORUM" --encrypt --sign --output "$2" "$1" 2>>"$WORK/gpg.log"
}
# which compression gpg picks for these recipients (from a small file's packets)
printf 'small\n' >"$WORK/small.json"
gpg_encrypt "$WORK/small.json" "$WORK/small.gpg"
GPG_COMPRESSION=$("${GPG[@]}" --passphrase-file "$KEYS/forum.pass" --list-packets "$WORK/small.gpg" 2>/dev/null \
  | sed -n 's/.*compressed packet: algo=\([0-9]*\).*/\1/p' | head -n 1)
case ${GPG_COMPRESSION:-none} in 1) GPG_COMPRESSION="ZIP (1)" ;; 2) GPG_COMPRESSION="ZLIB (2)" ;; 3) GPG_COMPRESSION="BZIP2 (3)" ;; none) GPG_COMPRESSION="none" ;; esac
log "gpg compresses with $GPG_COMPRESSION for these recipients"

RESULT=""
add() { RESULT+="$*"$'\n'; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
first=1
for mb in $SIZES; do
  data="$WORK/export-${mb}MB.json"
  log "writing $mb MB of export-like JSON"
  kit data "$mb" "$data" >&2
  size=$(stat -c %s "$data")
  kit_ms=() kit_wall=() kit_warm=() gpg_ms=()
  repeat=1
  [ "$first" = 1 ] && repeat=3
  for ((i = 1; i <= RUNS; i++)); do
    log "$mb MB, run $i/$RUNS: kit"
    t0=$EPOCHREALTIME
    out=$(kit encrypt "$data" "$WORK/kit.pgp" zip 1 "${RECIPIENTS[@]}")
    kit_wall+=("$(ms_between "$t0" "$EPOCHREALTIME")")
    kit_ms+=("$(field ms "$out")")
    if [ "$repeat" -gt 1 ]; then
      out=$(kit encrypt "$data" "$WORK/kit.pgp" zip "$repeat" "${RECIPIENTS[@]}")
      kit_warm+=("$(field warm "$out")")
    fi
    kit_bytes=$(field bytes "$out")
    log "$mb MB, run $i/$RUNS: gpg"
    t0=$EPOCHREALTIME
    gpg_encrypt "$data" "$WORK/gpg.pgp"
    gpg_ms+=("$(ms_between "$t0" "$EPOCHREALTIME")")
    gpg_bytes=$(stat -c %s "$WORK/gpg.pgp")
  done
  km=$(median "${kit_ms[@]}"); kw=$(median "${kit_wall[@]}"); gm=$(median "${gpg_ms[@]}")
  add "encrypt+sign $mb MB ($size bytes) to 2 recipients (RSA 3072 + X25519), signed Ed25519/SHA-512:"
  add "  kit OpenPgp (ZIP 6)   median ${km} ms  (with JVM start ${kw} ms)  runs: ${kit_ms[*]}  output $kit_bytes bytes  $(awk -v b="$size" -v t="$km" 'BEGIN { printf "%.0f MB/s", b / 1e6 / (t / 1000) }')"
  add "  gpg ($GPG_COMPRESSION)  median ${gm} ms  runs: ${gpg_ms[*]}  output $gpg_bytes bytes  $(awk -v b="$size" -v t="$gm" 'BEGIN { printf "%.0f MB/s", b / 1e6 / (t / 1000) }')"
  add "  speed ratio kit/gpg (gpg ms / kit ms): $(ratio "$gm" "$km")   with the kit's JVM start: $(ratio "$gm" "$kw")   goal >= 0.5"
  if [ ${#kit_warm[@]} -gt 0 ]; then
    add "  kit warm (3rd call in one JVM): median $(median "${kit_warm[@]}") ms  runs: ${kit_warm[*]}  ratio to gpg $(ratio "$gm" "$(median "${kit_warm[@]}")")"
  fi
  summary "openpgp_${mb}mb_ratio" "$(ratio "$gm" "$km")"

  if [ "$first" = 1 ]; then
    first=0
    for comp in zip1 none; do
      ms=()
      for ((i = 1; i <= RUNS; i++)); do
        log "$mb MB, run $i/$RUNS: kit with compression $comp"
        out=$(kit encrypt "$data" "$WORK/kit-$comp.pgp" "$comp" 3 "${RECIPIENTS[@]}")
        ms+=("$(field warm "$out")")
      done
      add "  kit warm, compression $comp: median $(median "${ms[@]}") ms  runs: ${ms[*]}  output $(field bytes "$out") bytes  ratio to gpg $(ratio "$gm" "$(median "${ms[@]}")")"
    done
    # decryption of the kit's (ZIP 6) file, both ways, checked
    dk=() dkw=() dg=()
    for ((i = 1; i <= RUNS; i++)); do
      log "$mb MB, run $i/$RUNS: decrypt+verify, kit then gpg"
      out=$(kit decrypt "$WORK/kit.pgp" "$WORK/plain-kit" 3)
      dk+=("$(field ms "$out")")
      dkw+=("$(field warm "$out")")
      [ "$(field signer "$out")" = "$OFFICE" ] || die "the kit verified another signer: $out"
      cmp -s "$data" "$WORK/plain-kit" || die "the kit's decryption differs from the input"
      rm -f "$WORK/plain-kit"
      t0=$EPOCHREALTIME
      "${GPG[@]}" --passphrase-file "$KEYS/forum.pass" --status-file "$WORK/status" --output "$WORK/plain-gpg" \
        --decrypt "$WORK/kit.pgp" 2>>"$WORK/gpg.log"
      dg+=("$(ms_between "$t0" "$EPOCHREALTIME")")
      grep -q "GOODSIG" "$WORK/status" || die "gpg found no good signature on the kit's file"
      cmp -s "$data" "$WORK/plain-gpg" || die "gpg's decryption of the kit's file differs from the input"
      rm -f "$WORK/plain-gpg"
    done
    add "  decrypt+verify the kit's file: kit median $(median "${dk[@]}") ms (runs ${dk[*]}), warm $(median "${dkw[@]}") ms (runs ${dkw[*]}); gpg median $(median "${dg[@]}") ms (runs ${dg[*]}); ratio $(ratio "$(median "${dg[@]}")" "$(median "${dk[@]}")"), warm $(ratio "$(median "${dg[@]}")" "$(median "${dkw[@]}")")"
    rm -f "$WORK"/kit-*.pgp
  fi
  rm -f "$data" "$WORK/kit.pgp" "$WORK/gpg.pgp"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

report=$(
  echo "# OpenPGP benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# $(nproc) cores, $("$JAVA" -version 2>&1 | head -n 1), $(gpg --version | head -n 1), libgcrypt $(gpg --version | sed -n 's/^libgcrypt //p')"
  echo "# kit JVM flags: ${JFLAGS[*]}"
  echo "# load average before: $load_before, after: $load_after"
  printf '%s' "$RESULT"
)
echo "$report"
mkdir -p "$BENCH_DIR/results"
echo "$report" >"$BENCH_DIR/results/$(date +%Y-%m-%d)-openpgp.txt"
log "written bench/results/$(date +%Y-%m-%d)-openpgp.txt"
