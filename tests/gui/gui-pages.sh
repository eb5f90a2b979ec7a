# Per-page interactions for gui-driver.sh (sourced; uses its helpers).
# Coordinates are window-relative at the default 1280 × 800 size.

# wants DEMO: whether this driver's share of the demos includes DEMO
wants () { printf '%s\n' $demos | grep -qx "$1"; }
# type_text TEXT: types TEXT into the focused entry and lets it apply
type_text () { xdotool type --delay 20 "$1"; sleep 0.4; }

# --- gradient-field (D01): type a broken expression, then a good one ---
if wants gradient-field \
   && start_app gf-typing --demo gradient-field; then
  export_csv gradient-field gf0
  key alt+f ctrl+a
  type_text 'sin(x^2 + y^2'
  shot gradient-field-parse-error
  export_csv gradient-field gf1
  check "gradient-field: a parse error keeps the last good field" \
    cmp -s "$work/gf0.csv" "$work/gf1.csv"
  key ctrl+a
  type_text 'x^2 - y^2'
  export_csv gradient-field gf2
  check "gradient-field: a typed expression redraws the field" \
    bash -c '! cmp -s "$1" "$2" && [ -s "$2" ]' _ "$work/gf0.csv" "$work/gf2.csv"
  shot gradient-field-saddle
  finish_app "gradient-field typing"
fi

# csv_rows FILE PREFIX: rows starting with PREFIX
csv_rows () { grep -c "^$2" "$1" 2>/dev/null || true; }

# --- computational-graph (D02): type an expression, then a broken one ---
if wants computational-graph \
   && start_app cg-typing --demo computational-graph; then
  export_csv computational-graph cg0
  key alt+e ctrl+a
  type_text 'sigmoid(w*x + b) * q'
  export_csv computational-graph cg1
  check "computational-graph: a typed expression rebuilds the graph" \
    bash -c '! cmp -s "$1" "$2" && grep -q ",σ," "$2" && grep -q ",q," "$2"' _ "$work/cg0.csv" "$work/cg1.csv"
  # break it at the end: typed live, every shorter prefix would also be a
  # (different) last good graph
  key End
  type_text ' * )'
  shot computational-graph-parse-error
  export_csv computational-graph cg2
  check "computational-graph: a parse error keeps the last good graph" \
    cmp -s "$work/cg1.csv" "$work/cg2.csv"
  # step through: forward and backward, one node per Ctrl+N
  for _ in 1 2 3 4 5 6; do key ctrl+n; done
  shot computational-graph-stepping
  finish_app "computational-graph typing and stepping"
fi

# --- loss-landscape (D06/D07): drag the learning-rate slider, click a
# start point, show the 3-D view ---
if wants loss-landscape \
   && start_app landscape --demo loss-landscape; then
  export_csv loss-landscape ls0
  # the η slider's knob (log scale, 0.15) and a drag to the right, past 2/λmax
  xdotool mousemove --window "$win" 1136 153 mousedown 1
  for x in 1150 1165 1180 1195 1210 1225; do
    xdotool mousemove --window "$win" $x 153; sleep 0.05
  done
  xdotool mouseup 1; sleep 0.3
  shot loss-landscape-lr-dragged
  export_csv loss-landscape ls1
  check "loss-landscape: dragging the η slider recomputes the trajectories" \
    bash -c '! cmp -s "$1" "$2" && [ "$(grep -c ^path "$2")" -gt 0 ]' _ "$work/ls0.csv" "$work/ls1.csv"
  # one click on the landscape: a single start there
  xdotool mousemove --window "$win" 420 260 click 1; sleep 0.3
  export_csv loss-landscape ls2
  check "loss-landscape: a click sets one start point" \
    bash -c '[ "$(grep ^path "$1" | cut -d, -f3 | sort -u | wc -l)" = 1 ] && ! cmp -s "$1" "$2"' _ "$work/ls2.csv" "$work/ls1.csv"
  shot loss-landscape-clicked
  # walk the descent step by step, then both views
  for _ in 1 2 3; do key ctrl+n; done
  xdotool mousemove --window "$win" 1225 80 click 1; sleep 0.3
  key Down Down Return; sleep 0.3
  shot loss-landscape-both
  finish_app "loss-landscape interactions"
fi

# --- single-neuron (D03): a second backward accumulates ---
if wants single-neuron \
   && start_app neuron --demo single-neuron; then
  export_csv single-neuron ne1
  key ctrl+n
  export_csv single-neuron ne2
  check "single-neuron: a second Backward doubles autograd's gradients" \
    bash -c 'a=$(grep "^dL/dw," "$1" | cut -d, -f3); b=$(grep "^dL/dw," "$2" | cut -d, -f3); [ -n "$a" ] && awk -v a="$a" -v b="$b" "BEGIN { exit !(b == 2 * a && a != 0) }"' _ "$work/ne1.csv" "$work/ne2.csv"
  shot single-neuron-accumulated
  finish_app "single-neuron"
fi

# --- wide-net (D04): steps, then quit in the middle of a training run ---
if wants wide-net \
   && start_app wide-net --demo wide-net; then
  key ctrl+n ctrl+n ctrl+n
  export_csv wide-net-regression wn1
  check "wide-net: three One steps record three losses" \
    test "$(csv_rows "$work/wn1.csv" epoch)" = 3
  key ctrl+space
  sleep 0.5
  shot wide-net-training
  finish_app "wide-net quit mid-training"
fi

# --- Export through the file chooser (Ctrl+E), and an unwritable
# directory reported in a dialog ---
if wants gradient-field; then
  if start_app chooser --demo gradient-field; then
    key ctrl+e
    sleep 0.8
    shot export-file-chooser
    key ctrl+a
    xdotool type --delay 10 "$work/chosen.svg"
    key Return
    wait_file "$work/chosen.svg"
    check "export: the file chooser writes the typed path (SVG)" \
      bash -c 'head -c 200 "$1" | grep -q "<svg"' _ "$work/chosen.svg"
    finish_app "export: chooser run"
  fi
  if start_app export-error --demo gradient-field; then
    win_action export-to /nonexistent-dlnlab-dir/gradient-field.png
    sleep 0.6
    shot export-error-dialog
    check "export: an unwritable directory is reported, with the path" \
      grep -q "Export failed:.*nonexistent-dlnlab-dir" "$log"
    check "export: the error is shown in a dialog" \
      bash -c '[ "$(xdotool search --onlyvisible --pid "$1" "" 2>/dev/null | wc -l)" -ge 2 ]' _ "$app_pid"
    # the user closes the dialog (Escape), then quits
    dialog=$(xdotool search --onlyvisible --pid "$app_pid" "" 2>/dev/null | grep -vx "$win" | head -n1)
    [ -n "$dialog" ] && xdotool windowfocus "$dialog" 2>/dev/null
    key Escape
    stop_app; rc=$?
    check "export: error run quits cleanly (status $rc)" test "$rc" = 0
  fi
fi

# --- GSettings: the last demo is remembered across runs (keyfile backend
# in a private config dir), and the shortcuts window opens ---
if wants loss-landscape; then
  saved_backend=$GSETTINGS_BACKEND
  export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$work/config"
  if start_app remember-1 --demo loss-landscape; then
    win_action export-to "$work/remember-1.csv"
    wait_file "$work/remember-1.csv"
    stop_app
    if start_app remember-2; then
      win_action export-to "$work/remember-2.csv"
      wait_file "$work/remember-2.csv"
      check "settings: a plain launch reopens the last demo (same figure data)" \
        cmp -s "$work/remember-1.csv" "$work/remember-2.csv"
      key ctrl+question
      sleep 0.6
      shot shortcuts-window
      check "the shortcuts window opens (Ctrl+?)" \
        bash -c '[ "$(xdotool search --onlyvisible --pid "$1" "" 2>/dev/null | wc -l)" -ge 2 ]' _ "$app_pid"
      key Escape
      finish_app "settings run"
    fi
  fi
  export GSETTINGS_BACKEND=$saved_backend
  unset XDG_CONFIG_HOME
fi
