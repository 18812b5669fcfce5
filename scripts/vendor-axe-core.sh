#!/usr/bin/env bash
# Re-vendor axe-core, the accessibility rules engine the browser tests inject
# into built pages (tests/test_accessibility.py). It lives in the tests, never
# in the built site.
#
# Usage: bash scripts/vendor-axe-core.sh [VERSION]
# Needs: npm (registry access), tar, openssl.
set -euo pipefail

VERSION="${1:-4.14.1}"
PKG="axe-core"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/tests/vendor/axe-core"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "$PKG@$VERSION" >/dev/null)
TARBALL="$WORK/$PKG-$VERSION.tgz"
[ -f "$TARBALL" ] || { echo "npm pack did not produce $TARBALL" >&2; exit 1; }

# sha512 integrity of the tarball, in npm's "sha512-<base64>" form
INTEGRITY="sha512-$(openssl dgst -sha512 -binary "$TARBALL" | base64 -w0)"
EXPECTED="$(cd "$WORK" && npm view --silent "$PKG@$VERSION" dist.integrity)"
if [ "$INTEGRITY" != "$EXPECTED" ]; then
    echo "integrity mismatch: tarball $INTEGRITY, registry $EXPECTED" >&2
    exit 1
fi

tar -xzf "$TARBALL" -C "$WORK"
AXE="$WORK/package/axe.min.js"
[ -f "$AXE" ] || { echo "no axe.min.js in $PKG@$VERSION" >&2; exit 1; }

mkdir -p "$DEST"
cp "$AXE" "$DEST/axe.min.js"
cp "$WORK/package/LICENSE" "$DEST/LICENSE"

cat > "$DEST/README.md" <<README
# Vendored: $PKG $VERSION (tests only)

- Package: \`$PKG\` (npm), version \`$VERSION\`, license MPL-2.0 (see \`LICENSE\`).
- File: \`axe.min.js\` is \`axe.min.js\` from the package tarball, unchanged.
- Tarball integrity: \`$INTEGRITY\`
- axe.min.js sha256: \`$(sha256sum "$DEST/axe.min.js" | cut -d' ' -f1)\`

Why: \`tests/test_accessibility.py\` injects it into built pages opened from
\`file://\` in Chromium and fails on any serious or critical violation. It is
not part of the built site: readers never download it.

Refresh (from the repository root):

    bash scripts/vendor-axe-core.sh $VERSION
README

echo "vendored $PKG@$VERSION into ${DEST#$ROOT/} ($INTEGRITY)"
