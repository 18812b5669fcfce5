#!/usr/bin/env bash
# Re-vendor the iframe-worker shim that lets Material's search worker run
# when the site is opened from disk (file://), where browsers refuse real
# Web Workers. The offline plugin would otherwise point at a CDN copy.
#
# Usage: bash scripts/vendor-iframe-worker.sh [VERSION]
# Needs: npm (registry access), tar, node (for the integrity check).
set -euo pipefail

VERSION="${1:-1.0.4}"
PKG="iframe-worker"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/site_templates/overrides/assets/vendor/iframe-worker"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# shellcheck source=npm-package.sh
. "$ROOT/scripts/npm-package.sh"
npm_package "$PKG" "$VERSION" "$WORK"
# The package has no "exports" map: a request for "<pkg>/shim" resolves to
# the folder shim/ and so to shim/index.js, the minified browser build.
SHIM="$WORK/package/shim/index.js"
[ -f "$SHIM" ] || { echo "no shim/index.js in $PKG@$VERSION" >&2; exit 1; }

mkdir -p "$DEST"
cp "$SHIM" "$DEST/shim.js"
cp "$WORK/package/LICENSE" "$DEST/LICENSE"

cat > "$DEST/README.md" <<README
# Vendored: $PKG $VERSION

- Package: \`$PKG\` (npm), version \`$VERSION\`, license MIT (see \`LICENSE\`).
- File: \`shim.js\` is \`shim/index.js\` from the package tarball, unchanged.
- Tarball integrity: \`$INTEGRITY\`
- shim.js sha256: \`$(sha256sum "$DEST/shim.js" | cut -d' ' -f1)\`

Why: when the built site is opened from disk (\`file://\`), browsers refuse
to start Web Workers, so Material's search would stay stuck. This shim
replaces \`Worker\` with a hidden-iframe stand-in on \`file:\` pages only.
\`mkdocs.yml\` lists it under \`extra.polyfills\`, which also stops Material's
offline plugin from adding a CDN copy.

Refresh (from the repository root):

    bash scripts/vendor-iframe-worker.sh $VERSION
README

echo "vendored $PKG@$VERSION into ${DEST#$ROOT/} ($INTEGRITY)"
