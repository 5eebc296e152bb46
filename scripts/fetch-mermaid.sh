#!/usr/bin/env bash
# Puts Mermaid's browser script at PATH for the browser test: Debian has no package of it,
# and PyPI's artoo-mermaid ships the release build unchanged (its checksum is Mermaid's
# own dist/mermaid.min.js of that version). The wheel is pure data, so it is fetched for
# any Python and unpacked, never installed.
set -euo pipefail
out=${1:?usage: scripts/fetch-mermaid.sh PATH}
version=11.16.0
sha256=74d7c46dabca328c2294733910a8aa1ed0c37451776e8d5295da38a2b758fb9b
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.12 \
  --dest "$work" "artoo-mermaid==$version"
python3 - "$work" "$out" "$sha256" <<'PY'
import glob, hashlib, os, sys, zipfile
work, out, expected = sys.argv[1:]
(wheel,) = glob.glob(os.path.join(work, "*.whl"))
data = zipfile.ZipFile(wheel).read("artoo_mermaid/assets/mermaid.min.js")
if hashlib.sha256(data).hexdigest() != expected:
    sys.exit("fetch-mermaid: mermaid.min.js does not have the expected checksum")
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, "wb") as f:
    f.write(data)
PY
echo "mermaid $version: $out"
