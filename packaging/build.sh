#!/usr/bin/env bash
# Build Entregent as a one-folder app: dist/entregent/entregent (+ its libraries).
#
#   packaging/build.sh                 with python3 from PATH
#   PYTHON=/path/to/python packaging/build.sh
#
# The Python used needs the app's dependencies and PyInstaller:
#   python3 -m pip install '.[packaging]'
# DIST and WORK choose the output and scratch folders (default dist/, build/).
set -euo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-python3}"
if ! "$python" -c "import PyInstaller, entregent" 2>/dev/null; then
  echo "build.sh: $python lacks PyInstaller or Entregent; run: $python -m pip install '.[packaging]'" >&2
  exit 2
fi
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "${DIST:-dist}" --workpath "${WORK:-build/pyinstaller}" \
  packaging/entregent.spec
echo "built ${DIST:-dist}/entregent/entregent"
