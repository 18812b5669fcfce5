# Sourced by the vendor-*.sh scripts: fetch one npm package's tarball, check it
# against the registry's integrity, and unpack it.
#
#   npm_package PKG VERSION WORKDIR
#
# leaves the package in WORKDIR/package and its "sha512-<base64>" integrity in
# $INTEGRITY. Needs: npm (registry access), tar, openssl.

npm_package() {
    local pkg="$1" version="$2" work="$3" tarball expected
    (cd "$work" && npm pack --silent "$pkg@$version" >/dev/null)
    tarball="$work/${pkg//\//-}-$version.tgz"
    [ -f "$tarball" ] || { echo "npm pack did not produce $tarball" >&2; return 1; }
    INTEGRITY="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    expected="$(cd "$work" && npm view --silent "$pkg@$version" dist.integrity)"
    if [ "$INTEGRITY" != "$expected" ]; then
        echo "integrity mismatch: tarball $INTEGRITY, registry $expected" >&2
        return 1
    fi
    tar -xzf "$tarball" -C "$work"
}
