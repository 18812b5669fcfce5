#!/usr/bin/env bash
# Run the test suite in the project's own virtualenv (.venv), installing the
# pinned dependency set first. Extra arguments go to pytest, e.g.
#   bash scripts/test.sh -k offline -s
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Material prints a banner about its future on every build; it is not a
# build warning and only clutters test output.
export NO_MKDOCS_2_WARNING="${NO_MKDOCS_2_WARNING:-1}"

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/pip install -q -c constraints.txt -e '.[test]'

# Lint first (pycodestyle, pyflakes and the bug-finding families, pyproject.toml's [tool.ruff]): a second.
.venv/bin/ruff check generator tests benchmarks scripts
# Then check the generator's types (mypy strict, pyproject.toml's [tool.mypy]),
# then the tests' (not strict, tests/mypy.ini).
.venv/bin/mypy generator
.venv/bin/mypy --config-file tests/mypy.ini

exec .venv/bin/python -m pytest "$@"
