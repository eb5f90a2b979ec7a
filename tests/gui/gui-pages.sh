# Per-page interactions for gui-driver.sh (sourced; uses its helpers).
# Coordinates are window-relative at the default 1280 × 800 size.

# --- gradient-field (D01): type a broken expression, then a good one ---
if printf '%s\n' $demos | grep -qx gradient-field \
   && start_app gf-typing --demo gradient-field; then
  export_csv gradient-field gf0
  key alt+f ctrl+a
  xdotool type --delay 20 'sin(x^2 + y^2'
  sleep 0.4
  shot gradient-field-parse-error
  export_csv gradient-field gf1
  check "gradient-field: a parse error keeps the last good field" \
    cmp -s "$work/gf0.csv" "$work/gf1.csv"
  key ctrl+a
  xdotool type --delay 20 'x^2 - y^2'
  sleep 0.4
  export_csv gradient-field gf2
  check "gradient-field: a typed expression redraws the field" \
    bash -c '! cmp -s "$1" "$2" && [ -s "$2" ]' _ "$work/gf0.csv" "$work/gf2.csv"
  shot gradient-field-saddle
  stop_app; rc=$?
  check "gradient-field typing quits cleanly (status $rc)" test "$rc" = 0
  check "gradient-field typing: no GTK warnings or criticals" log_clean
fi
