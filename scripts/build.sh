#!/usr/bin/env bash
# Build the static site into site/ (or wherever -d/--site-dir says) in the
# project's own virtualenv (.venv). Extra arguments go to `mkdocs build`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export NO_MKDOCS_2_WARNING="${NO_MKDOCS_2_WARNING:-1}"

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/pip install -q -c constraints.txt -e .

.venv/bin/mkdocs build --strict "$@"

site_dir="site"
prev=""
for arg in "$@"; do
    case "$arg" in
        --site-dir=*) site_dir="${arg#--site-dir=}" ;;
        -d?*) site_dir="${arg#-d}" ;;
    esac
    if [ "$prev" = "-d" ] || [ "$prev" = "--site-dir" ]; then
        site_dir="$arg"
    fi
    prev="$arg"
done

echo
echo "Site built in: $site_dir/"
echo "Open $site_dir/index.html straight from disk (file://); no web server or network is needed."
