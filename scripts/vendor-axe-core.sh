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

# shellcheck source=npm-package.sh
. "$ROOT/scripts/npm-package.sh"
npm_package "$PKG" "$VERSION" "$WORK"
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
