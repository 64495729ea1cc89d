# Shared by scripts/serve and scripts/test: a project virtualenv with the right extras.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${CAMUNDA_HUB_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

ensure_venv() {
  local extras="$1"
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
  fi
  # Reinstall only when pyproject.toml or constraints.txt changed since the last install for
  # these extras. constraints.txt (scripts/freeze-constraints) pins every package to the version
  # the suite was run with; a dependency it does not list yet installs unpinned.
  local stamp="$VENV/.installed-$(echo "$extras" | tr ',' '-')"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ] \
    || [ "$ROOT/constraints.txt" -nt "$stamp" ]; then
    local pins=()
    [ -f "$ROOT/constraints.txt" ] && pins=(-c "$ROOT/constraints.txt")
    "$VENV/bin/python" -m pip install --quiet "${pins[@]}" -e "$ROOT[$extras]"
    touch "$stamp"
  fi
}
