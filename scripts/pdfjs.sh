#!/bin/sh
# pdf.js for the registry's PDF quick view (legal_docs/static/legal_docs/pdfjs/), from npm's
# pdfjs-dist at the version and checksum pinned here: `make pdfjs` refreshes the committed
# files. The legacy build, for the older phone browsers citizens use; it needs no eval, so
# the public site's policy stays "script-src 'self'". Only the three files the viewer loads
# are kept (the library, its worker, the licence), not the package's 37 MB, and none of
# its optional Node.js dependencies (a native canvas) is installed.
# Saved as .js: browsers and every server know that type, so the module loads with
# "nosniff" wherever the static files are served from.
set -eu
VERSION=6.5.438
INTEGRITY=sha512-vg8Pw1x+AFKy4AMDvhuWl5cOYV8d698UoEANoFFhc79hqXDnZQqnOXoxw3HG907WHOg1JYOvLhP756boddFxpA==
DEST=legal_docs/static/legal_docs/pdfjs

cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm pack --silent --json --pack-destination "$work" "pdfjs-dist@$VERSION" >"$work/pack.json"
# npm checks the tarball against the registry's record; this checks the registry's record
# against the one reviewed here.
grep -q "\"integrity\": \"$INTEGRITY\"" "$work/pack.json" || {
    echo "pdfjs-dist@$VERSION does not have the integrity pinned in $0" >&2
    exit 1
}
tar -xzf "$work/pdfjs-dist-$VERSION.tgz" -C "$work"
mkdir -p "$DEST"
cp "$work/package/legacy/build/pdf.min.mjs" "$DEST/pdf.min.js"
cp "$work/package/legacy/build/pdf.worker.min.mjs" "$DEST/pdf.worker.min.js"
cp "$work/package/LICENSE" "$DEST/LICENSE"
echo "pdfjs-dist $VERSION (legacy build) from npm; refreshed by scripts/pdfjs.sh" >"$DEST/VERSION"
echo "pdf.js $VERSION in $DEST"
