#!/usr/bin/env bash
# Creates .venv-keras (Keras 3 + JAX, CPU) from this machine's local Python package indexes.
# Usage: scripts/keras/setup-venv.sh [venv-dir]   (default: .venv-keras at the repository root)
# The indexes come from `pip config list` (extra-index-url, file:// URLs); naming them with
# --index-url keeps pip from retrying the unreachable public index for minutes.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${1:-$root/.venv-keras}"
export KERAS_BACKEND=jax
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import keras, jax' 2>/dev/null; then
  echo "Keras venv ready: $venv"; exit 0
fi
indexes=$(pip config list 2>/dev/null | sed -n "s/^global.extra-index-url='\(.*\)'$/\1/p")
# Only indexes whose folder exists (a missing file:// index makes pip warn for every package).
existing=()
for url in $indexes; do
  case "$url" in file://*) [ -d "${url#file://}" ] || continue ;; esac
  existing+=("$url")
done
set -- "${existing[@]}"
index_args=()
if [ $# -ge 1 ]; then
  index_args+=(--index-url "$1"); shift
  for extra in "$@"; do index_args+=(--extra-index-url "$extra"); done
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "${index_args[@]}" keras jax jaxlib
"$venv/bin/python" -c 'import keras; print("Keras", keras.__version__, "ready:", "'"$venv"'")'
