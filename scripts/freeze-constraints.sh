#!/usr/bin/env bash
# Regenerate constraints.txt: the full pinned set (runtime + the "test" extra)
# resolved in a throwaway virtualenv from the pins in pyproject.toml.
# The project itself is left out of the freeze.
#
# Usage: bash scripts/freeze-constraints.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

python3 -m venv "$WORK/venv"
# Installing the direct pins (not the project) also works before the
# package itself is installable.
python3 - > "$WORK/requirements.txt" <<'PY'
import tomllib
with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)["project"]
for req in project["dependencies"] + project["optional-dependencies"]["test"]:
    print(req)
PY
"$WORK/venv/bin/pip" install -q -r "$WORK/requirements.txt"

{
    echo "# Full pinned dependency set (runtime + the \"test\" extra) for Python 3.11."
    echo "# Used as: pip install -c constraints.txt -e '.[test]'"
    echo "# Regenerate after changing a pin in pyproject.toml:"
    echo "#   bash scripts/freeze-constraints.sh"
    "$WORK/venv/bin/pip" freeze --exclude-editable
} > constraints.txt

echo "wrote constraints.txt ($(grep -vc '^#' constraints.txt) pins)"
