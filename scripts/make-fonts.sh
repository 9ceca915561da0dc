#!/usr/bin/env bash
# Makes the fallback fonts the kit ships in its jar, for PCs without Chinese or Arabic fonts (the browser uses
# them only when no system font has the characters: kit.css lists local() fonts first):
#   noto-sans-sc-gb2312.woff2   Noto Sans CJK SC Regular, cut to GB 2312 (all its hanzi, punctuation and
#                               full-width forms) plus every character the zh message bundles use
#   noto-sans-arabic.woff2      Noto Sans Arabic Regular, the Arabic blocks and presentation forms
# Both fonts are under the SIL Open Font License 1.1 (OFL.txt beside them). Needs Debian's fonts-noto-cjk,
# fonts-noto-core, python3-fonttools and python3-brotli (apt-get install ...). Run from anywhere; the result
# is committed, so the build itself needs none of this.
set -euo pipefail
# Debian's python3 (its fontTools and brotli), not one a version manager put first on the PATH
PY=${PYTHON:-/usr/bin/python3}
cd "$(dirname "$0")/.."
OUT=modules/platform/src/main/resources/assets/fonts
CJK=${CJK_FONT:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
ARABIC=${ARABIC_FONT:-/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf}
for f in "$CJK" "$ARABIC"; do
  [ -f "$f" ] || { echo "missing $f: apt-get install fonts-noto-cjk fonts-noto-core" >&2; exit 1; }
done
"$PY" -c 'import fontTools, brotli' 2>/dev/null || { echo "apt-get install python3-fonttools python3-brotli" >&2; exit 1; }
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# the characters of GB 2312 (every valid two-byte code, decoded by Python's codec) and of the zh bundles
"$PY" - "$TMP/zh.txt" locales/*_zh.properties <<'PY'
import sys
chars = set(chr(c) for c in range(0x20, 0x7f))
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.update(bytes([hi, lo]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
for path in sys.argv[2:]:
    with open(path, encoding='utf-8') as f:
        chars.update(c for c in f.read() if ord(c) > 0x7f)
chars.update('\u3000\u3001\u3002\uff0c\uff1a\uff1b\uff01\uff1f\uff08\uff09\u300a\u300b\u201c\u201d\u2018\u2019\u2026\u2014\u00b7')
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    f.write(''.join(sorted(chars)))
print(len(chars), 'characters for Chinese', file=sys.stderr)
PY

# the face of the collection that is Simplified Chinese
SC=$("$PY" - "$CJK" <<'PY'
import sys
from fontTools.ttLib import TTCollection
for i, font in enumerate(TTCollection(sys.argv[1]).fonts):
    if font['name'].getDebugName(1) == 'Noto Sans CJK SC':
        print(i); break
PY
)
"$PY" -m fontTools.subset "$CJK" --font-number="$SC" --text-file="$TMP/zh.txt" --flavor=woff2 \
  --layout-features='*' --no-hinting --desubroutinize --output-file="$OUT/noto-sans-sc-gb2312.woff2"
"$PY" -m fontTools.subset "$ARABIC" --flavor=woff2 --layout-features='*' --no-hinting \
  --unicodes='U+0020-007E,U+00A0,U+00AB,U+00BB,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F,U+2010-2027,U+066B,U+066C' \
  --output-file="$OUT/noto-sans-arabic.woff2"
ls -l "$OUT"
