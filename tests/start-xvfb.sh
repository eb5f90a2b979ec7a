# start-xvfb.sh: sourced (not run) by the scripts that run a program under
# a private X server, tests/gui/with-xvfb.sh and
# tests/bench/bench-gui-latency.sh:
#   . start-xvfb.sh WIDTHxHEIGHTxDEPTH gl|no-gl
# Starts Xvfb with a screen of that size and depth, exports DISPLAY and GDK_BACKEND,
# and stops the server when the sourcing shell exits (an EXIT trap).
# Xvfb picks a free display itself (-displayfd), so parallel tests and a
# developer's own X server never collide.
#   no-gl  the cairo renderer, no GL and no accessibility bus: what the
#          test suites need. GDK_DEBUG=gl-disable also skips GDK's GL
#          probe at display open, which leaks inside Mesa's driver (LSan
#          reports it in make check-asan).
#   gl     GTK's own renderer choice and the accessibility bus stay on:
#          what the latency benchmark measures.
xvfb_tmp=$(mktemp -d)
trap 'kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; rm -rf "$xvfb_tmp"' EXIT
Xvfb -displayfd 9 -screen 0 "$1" -nolisten tcp -noreset \
  9>"$xvfb_tmp/display" >"$xvfb_tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$xvfb_tmp/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || break
  sleep 0.05
done
if [ ! -s "$xvfb_tmp/display" ]; then
  echo "Bail out! Xvfb did not start: $(cat "$xvfb_tmp/xvfb.log")"
  exit 1
fi
export DISPLAY=":$(head -n1 "$xvfb_tmp/display")" GDK_BACKEND=x11
case "$2" in
  no-gl)
    export GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 GDK_DEBUG=gl-disable
    ;;
  gl)
    unset GSK_RENDERER GTK_A11Y NO_AT_BRIDGE GDK_DEBUG
    ;;
  *)
    echo "Bail out! start-xvfb.sh: renderer must be gl or no-gl, not '$2'"
    exit 1
    ;;
esac
