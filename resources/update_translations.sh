#!/usr/bin/env bash
# Refresh the translations with Babel: extract every message of the app into
# resources/locale/entregent.pot, merge it into each language's .po, compile
# the .mo files the app loads.
#
#   resources/update_translations.sh            extract + update + compile
#   resources/update_translations.sh compile    compile only (after editing a .po)
#   resources/update_translations.sh init de    start a new language
#
# Then translate what `python3 -m pytest tests/test_translations.py` reports
# (new, empty or fuzzy entries) and run `... compile`. PYTHON picks the
# interpreter that has Babel (default: python3).
set -euo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-python3}"
pybabel() { "$python" -m babel.messages.frontend "$@"; }
locale=resources/locale
pot="$locale/entregent.pot"

# Babel stamps the time into the files; keep the old file when nothing else changed.
keep_if_only_stamp_changed() {  # OLD NEW
  if diff -q <(grep -v '^"POT-Creation-Date' "$1") <(grep -v '^"POT-Creation-Date' "$2") \
      >/dev/null 2>&1; then
    mv "$1" "$2"
  else
    rm -f "$1"
  fi
}

extract() {
  [ -f "$pot" ] && cp "$pot" "$pot.old"
  pybabel --quiet extract -F resources/babel.cfg \
    -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 \
    --no-location --sort-output --width=100 \
    --project=Entregent --copyright-holder="The Entregent developers" \
    -o "$pot" desktop/entregent
  [ -f "$pot.old" ] && keep_if_only_stamp_changed "$pot.old" "$pot"
  return 0
}

case "${1:-all}" in
  init)
    extract
    pybabel init -D entregent -i "$pot" -d "$locale" -l "$2" --width=100
    ;;
  compile) ;;
  all)
    extract
    for po in "$locale"/*/LC_MESSAGES/entregent.po; do
      lang="$(basename "$(dirname "$(dirname "$po")")")"
      cp "$po" "$po.old"
      pybabel --quiet update -D entregent -i "$pot" -d "$locale" -l "$lang" \
        --no-fuzzy-matching --ignore-obsolete --width=100
      keep_if_only_stamp_changed "$po.old" "$po"
    done
    ;;
  *) echo "usage: $0 [all|compile|init LANG]" >&2; exit 2 ;;
esac
pybabel compile --statistics -D entregent -d "$locale"
