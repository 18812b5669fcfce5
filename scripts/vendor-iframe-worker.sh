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
