#!/bin/sh
# Every catalogue in LINGUAS compiles with `msgfmt --check`, has no fuzzy
# or untranslated entry, and holds every string the sources mark (xgettext
# over POTFILES.in): a string marked but not translated shows in English.
# usage: check-po.sh MSGFMT PO_DIR
set -u
msgfmt=$1
podir=$2
srcroot=$podir/..
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0

have_pot=0
if command -v xgettext >/dev/null && command -v msgcmp >/dev/null; then
  # the same keywords as meson's glib preset
  (cd "$srcroot" && xgettext --from-code=UTF-8 --files-from=po/POTFILES.in \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
     --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
     --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
     --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
     --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
     --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
     --flag=g_set_error:4:c-format \
     -o "$tmp/sources.pot") || { echo "xgettext failed"; exit 1; }
  have_pot=1
fi

for lang in $(sed 's/#.*//' "$podir/LINGUAS"); do
  po=$podir/$lang.po
  out=$("$msgfmt" --check --statistics -o /dev/null "$po" 2>&1)
  rc=$?
  echo "$lang: $out"
  if [ $rc -ne 0 ]; then
    echo "FAIL: $lang.po does not compile"; status=1
  fi
  case $out in
    *fuzzy*|*untranslated*)
      echo "FAIL: $lang.po has fuzzy or untranslated entries"; status=1 ;;
  esac
  if [ $have_pot = 1 ] && ! msgcmp "$po" "$tmp/sources.pot"; then
    echo "FAIL: $lang.po lacks strings the sources mark: translate them" \
         "(msgmerge --update po/$lang.po po/dlnlab.pot, then fill in msgstr)"
    status=1
  fi
done
exit $status
