#!/usr/bin/env bash
# Set up redact on a fresh Debian machine and run one job:
#   bash ./scripts/bootstrap.sh demo   # redact the bundled screenshots into out/ and print a summary
#   bash ./scripts/bootstrap.sh test   # run the test suite
# Installs (only what is missing): Debian tesseract-ocr, tesseract-ocr-eng and the DejaVu/Liberation
# fonts the tests render with; a virtualenv in .venv with redact and its dev extras.
set -euo pipefail
cd "$(dirname "$0")/.."

job="${1:-}"
case "$job" in demo|test) ;; *) echo "usage: $0 demo|test" >&2; exit 2 ;; esac

debs=(tesseract-ocr tesseract-ocr-eng fonts-dejavu-core fonts-liberation2)
missing=()
for p in "${debs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "installing Debian packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.redact-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "installing redact and its dependencies into .venv" >&2
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev,dask]"
  touch "$stamp"
fi

export OMP_THREAD_LIMIT=1
case "$job" in
  demo) exec .venv/bin/redact demo fixtures/screens out ;;
  test) exec .venv/bin/python -m pytest -q -p no:cacheprovider "${@:2}" ;;
esac
