#!/usr/bin/env bash
# Build the one-folder bundle, then check that it runs on its own: the version,
# the French catalogue, a command-line search, and the GUI rendered offscreen
# on the demo network to a PNG.
#
#   packaging/smoke_test.sh                  build, then check
#   SKIP_BUILD=1 packaging/smoke_test.sh     check an existing dist/entregent
#
# PYTHON, DIST and WORK are passed on to build.sh. The app runs with a throw-away
# HOME, so nothing of the user's is read or written.
set -euo pipefail
cd "$(dirname "$0")/.."

dist="${DIST:-dist}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  start=$(date +%s)
  packaging/build.sh
  echo "smoke_test: build took $(( $(date +%s) - start ))s"
fi
app="$dist/entregent/entregent"
[ -x "$app" ] || { echo "smoke_test: no bundle at $app" >&2; exit 1; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export QT_QPA_PLATFORM=offscreen
unset ENTREGENT_DB
mkdir -p "$HOME"

fail() { echo "smoke_test: FAILED: $*" >&2; exit 1; }

version="$("$app" --version)" || fail "--version"
[[ "$version" == "entregent "* ]] || fail "--version printed: $version"
help="$(LANGUAGE=fr "$app" --help)" || fail "--help"
[[ "$help" == *Commandes* ]] || fail "the French catalogue is not in the bundle"
"$app" --demo search a --json > "$scratch/search.json" || fail "search on the demo network"
grep -q '"' "$scratch/search.json" || fail "search printed nothing"

"$app" --demo --screenshot "$scratch/out.png" 2> "$scratch/stderr" \
  || { cat "$scratch/stderr" >&2; fail "entregent --demo --screenshot"; }
if grep -E -q 'Traceback|Error|error:' "$scratch/stderr"; then
  cat "$scratch/stderr" >&2
  fail "the app reported an error (a module missing from the bundle?)"
fi
[ "$(head -c 8 "$scratch/out.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
  || fail "the screenshot is not a PNG"
size=$(wc -c < "$scratch/out.png")
[ "$size" -gt 10000 ] || fail "the screenshot is suspiciously small ($size bytes)"
cp "$scratch/out.png" "$dist/smoke-test.png"
echo "smoke_test: passed ($dist/smoke-test.png, $size bytes)"
