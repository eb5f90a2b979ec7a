#!/usr/bin/python3
"""GUI latency: input -> pixels on every page, and start-up per demo.

Run under bench-gui-latency.sh (a private Xvfb at 1280x800 and a private
session bus, on which the AT-SPI bus is activated). For each demo and each
renderer (GTK's default GL renderer, GSK_RENDERER=cairo) it launches
`dlnlab --demo NAME`, times the launch until the figures show their final
pixels, finds the page's controls and figures through the accessibility
tree, and for each control sends key presses (XTest) to it and polls the
figures' rectangle (XGetImage) until its pixels stop changing. The time
from the key press to the last change is the step's latency.

Sliders step Right/Left and spin buttons Up/Down alternately, so the page
stays at the course defaults; check and toggle buttons flip with space;
drop-downs open with space, move one item and select with Return (timed
from the Return).

Prints a table per page and control (median, p95, max in ms, and the app's
CPU time per step, which a loaded machine does not inflate), the start-up
time per demo, and the goal's verdict; exits 0 (a benchmark reports, it
does not fail), or 1 when the harness itself could not run.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

import pyatspi
from Xlib import X, XK, display
from Xlib.ext import xtest

POLL_S = 0.003          # between two XGetImage polls
QUIET_S = 0.15          # no change this long: the step is final
STEP_TIMEOUT_S = 2.0    # no change at all: the control does not redraw
SETTLE_TIMEOUT_S = 6.0  # start-up: the window must settle within this
GOAL_P95_MS = 50.0
GOAL_MAX_MS = 100.0

ROLES = {
    pyatspi.ROLE_SLIDER: "slider",
    pyatspi.ROLE_SPIN_BUTTON: "spin",
    pyatspi.ROLE_CHECK_BOX: "check",
    pyatspi.ROLE_TOGGLE_BUTTON: "toggle",
    pyatspi.ROLE_COMBO_BOX: "drop-down",
}
# Play buttons start animations that never settle; they are the long-run
# benchmark's business, not a step's.
SKIP_NAMES = ("play", "pause", "record")


def now():
    return time.monotonic()


class Screen:
    def __init__(self):
        self.d = display.Display()
        self.root = self.d.screen().root
        self.w = self.d.screen().width_in_pixels
        self.h = self.d.screen().height_in_pixels

    def grab(self, rect):
        x, y, w, h = rect
        return self.root.get_image(x, y, w, h, X.ZPixmap, 0xffffffff).data

    def key(self, name):
        code = self.d.keysym_to_keycode(XK.string_to_keysym(name))
        xtest.fake_input(self.d, X.KeyPress, code)
        xtest.fake_input(self.d, X.KeyRelease, code)
        self.d.sync()

    def move_pointer(self, x, y):
        xtest.fake_input(self.d, X.MotionNotify, x=x, y=y)
        self.d.sync()

    def window_of(self, pid):
        """The mapped top-level window of @pid (by _NET_WM_PID), or None."""
        atom = self.d.intern_atom("_NET_WM_PID")
        for w in self.root.query_tree().children:
            try:
                prop = w.get_full_property(atom, X.AnyPropertyType)
                if prop is None or prop.value[0] != pid:
                    continue
                if w.get_attributes().map_state != X.IsViewable:
                    continue
                return w
            except Exception:
                continue
        return None

    def origin(self, win):
        t = win.translate_coords(self.root, 0, 0)
        return -t.x, -t.y

    def clip(self, rect):
        x, y, w, h = rect
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.w, x + w), min(self.h, y + h)
        return (x0, y0, max(1, x1 - x0), max(1, y1 - y0))


def wait_change(scr, rect, before, timeout):
    """Polls @rect until it differs from @before, then until it stays the
    same for QUIET_S. Returns (first, last) change times, or None."""
    t_end = now() + timeout
    first = last = None
    prev = before
    while True:
        t = now()
        img = scr.grab(rect)
        if img != prev:
            if first is None:
                first = t
            last = t
            prev = img
        if last is not None and t - last >= QUIET_S:
            return first, last
        if last is None and t > t_end:
            return None
        if t > t_end + 3.0:  # never settles (an animation): report it so
            return first, last
        time.sleep(POLL_S)


def find_app(pid, timeout=10.0):
    t_end = now() + timeout
    while now() < t_end:
        desk = pyatspi.Registry.getDesktop(0)
        for i in range(desk.childCount):
            a = desk[i]
            try:
                if a is not None and a.get_process_id() == pid:
                    return a
            except Exception:
                continue
        time.sleep(0.05)
    return None


def walk(acc, out_figs, out_ctrls):
    try:
        role = acc.getRole()
        st = acc.getState()
    except Exception:
        return
    showing = st.contains(pyatspi.STATE_VISIBLE)
    if not showing:
        pass
    elif role == pyatspi.ROLE_IMAGE and acc.name and not acc.name.startswith("Gtk"):
        out_figs.append(acc)
    elif role in ROLES and st.contains(pyatspi.STATE_SENSITIVE):
        name = acc.name or ""
        if not any(s in name.lower() for s in SKIP_NAMES):
            out_ctrls.append((ROLES[role], acc))
        if role == pyatspi.ROLE_COMBO_BOX:
            return
    for i in range(acc.childCount):
        c = acc[i]
        if c is not None:
            walk(c, out_figs, out_ctrls)


def extents(acc):
    e = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return e.x, e.y, e.width, e.height


def union(rects):
    x0 = min(r[0] for r in rects)
    y0 = min(r[1] for r in rects)
    x1 = max(r[0] + r[2] for r in rects)
    y1 = max(r[1] + r[3] for r in rects)
    return x0, y0, x1 - x0, y1 - y0


def pct(values, p):
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def label(kind, acc):
    name = (acc.name or "").replace("_", "")
    if name.startswith("Gtk"):  # no accessible name: say where it is
        e = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        name = "at %d,%d" % (e.x, e.y)
    return "%s %s" % (kind, name[:38])


def focused(acc):
    try:
        return acc.getState().contains(pyatspi.STATE_FOCUSED)
    except Exception:
        return False


def focus(scr, acc, kind):
    """Tabs to the control (GTK 4.8 does not implement AT-SPI's
    GrabFocus); the controls come in tab order, so this is a few keys."""
    target = acc
    if kind == "drop-down":
        for i in range(acc.childCount):
            c = acc[i]
            if c is not None and c.getState().contains(pyatspi.STATE_FOCUSABLE):
                target = c
                break
    for _ in range(40):
        if focused(target):
            time.sleep(0.1)
            return True
        scr.key("Tab")
        time.sleep(0.02)
    return False


def cpu_ms(pid):
    """CPU time (user + system, all threads) of @pid so far, in ms: what a
    step costs, whatever else the machine is doing."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def measure_control(scr, fig_rect, kind, acc, steps, pid):
    """Latencies in ms of @steps inputs on the control (None: no redraw),
    then the app's CPU ms per step."""
    out = []
    if not focus(scr, acc, kind):
        return out, None
    c0 = cpu_ms(pid)
    for s in range(steps):
        fwd = s % 2 == 0
        if kind == "drop-down":
            scr.key("space")
            time.sleep(0.3)
            scr.key("Down" if fwd else "Up")
            time.sleep(0.1)
            before = scr.grab(fig_rect)
            t0 = now()
            scr.key("Return")
        else:
            key = {"slider": "Right" if fwd else "Left",
                   "spin": "Up" if fwd else "Down"}.get(kind, "space")
            before = scr.grab(fig_rect)
            t0 = now()
            scr.key(key)
        r = wait_change(scr, fig_rect, before, STEP_TIMEOUT_S)
        out.append(None if r is None else (r[1] - t0) * 1000.0)
        if kind == "drop-down":
            focus(scr, acc, kind)
    return out, (cpu_ms(pid) - c0) / max(1, steps)


def settle(scr, rect_fn, t_launch, frames):
    """Polls the screen from launch until it is quiet for 0.6 s after the
    app's window appeared; @frames collects (time, image) of each change."""
    prev = None
    last_change = t_window = None
    t_end = now() + SETTLE_TIMEOUT_S
    while now() < t_end:
        t = now()
        img = scr.grab((0, 0, scr.w, scr.h))
        if img != prev:
            frames.append((t - t_launch, img))
            prev = img
            last_change = t
        if t_window is None and rect_fn() is not None:
            t_window = t
        if (t_window is not None and last_change > t_window
                and t - last_change > 0.6):
            return True
        time.sleep(POLL_S)
    return False


def crop(img, rect, width):
    x, y, w, h = rect
    rows = [img[(y + r) * width * 4 + x * 4:(y + r) * width * 4 + (x + w) * 4]
            for r in range(h)]
    return b"".join(rows)


def run_demo(app, demo, renderer, steps, results, startup, only, verbose):
    env = dict(os.environ)
    env.pop("GSK_RENDERER", None)
    env.pop("GDK_DEBUG", None)
    if renderer != "default":
        env["GSK_RENDERER"] = renderer
    env["G_MESSAGES_DEBUG"] = "dln-application"
    env["GSETTINGS_BACKEND"] = "memory"
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    scr = Screen()
    scr.move_pointer(scr.w - 2, scr.h - 2)
    frames = []
    t_launch = now()
    proc = subprocess.Popen([app, "--demo", demo], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    win = [None]

    def have_window():
        if win[0] is None:
            win[0] = scr.window_of(proc.pid)
        return win[0]

    try:
        settled = settle(scr, have_window, t_launch, frames)
        if win[0] is None:
            print("# %s: no window (%s)" % (demo, proc.poll()), file=sys.stderr)
            return
        acc_app = find_app(proc.pid)
        if acc_app is None:
            print("# %s: not on the accessibility bus" % demo, file=sys.stderr)
            return
        figs, ctrls = [], []
        walk(acc_app, figs, ctrls)
        ox, oy = scr.origin(win[0])
        # extents are relative to the frame, which sits inside the X
        # window's shadow margins (symmetric)
        frame = acc_app[0].queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        g = win[0].get_geometry()
        ox += (g.width - frame.width) // 2
        oy += (g.height - frame.height) // 2
        fig_rects = [extents(f) for f in figs]
        fig_rects = [(x + ox, y + oy, w, h) for (x, y, w, h) in fig_rects
                     if w > 8 and h > 8]
        if not fig_rects:
            print("# %s: no figure found" % demo, file=sys.stderr)
            return
        fig_rect = scr.clip(union(fig_rects))
        # start-up: the first frame from which the figures look final
        final = crop(frames[-1][1], fig_rect, scr.w)
        t_drawn = frames[-1][0]
        for t, img in reversed(frames):
            if crop(img, fig_rect, scr.w) != final:
                break
            t_drawn = t
        startup.setdefault(demo, {})[renderer] = (t_drawn * 1000.0, settled)
        # keep the pointer away from hover read-outs
        # a spin button beside a slider sets the same value: time the slider
        sliders = {(a.name or "").replace("_", "") for (k, a) in ctrls
                   if k == "slider"}
        ctrls = [(k, a) for (k, a) in ctrls
                 if not (k == "spin" and (a.name or "") in sliders)]
        if only:
            ctrls = [(k, a) for (k, a) in ctrls if any(o in label(k, a) for o in only)]
        if steps == 0:
            ctrls = []
        for kind, acc in ctrls:
            try:
                lat, cpu = measure_control(scr, fig_rect, kind, acc, steps,
                                           proc.pid)
            except Exception as e:  # a control that vanished (page rebuilt)
                print("# %s %s: %s" % (demo, label(kind, acc), e), file=sys.stderr)
                continue
            results.setdefault((demo, label(kind, acc)), {})[renderer] = (lat, cpu)
            if verbose:
                print("# %s %s %s: %s" % (demo, renderer, label(kind, acc),
                                          " ".join("-" if v is None else "%.0f" % v
                                                   for v in lat)),
                      file=sys.stderr, flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        # GLib prints debug messages on stdout
        err = proc.stdout.read().decode(errors="replace").strip()
        picked = "cairo" if "drawing with the cairo renderer" in err else "gl"
        err = "\n".join(l for l in err.splitlines() if "dln-application-DEBUG" not in l)
        if renderer == "default":
            default_renderer[0] = picked
        if err:
            for line in err.splitlines()[:5]:
                print("# %s/%s stderr: %s" % (demo, renderer, line), file=sys.stderr)


default_renderer = [None]


def summary(lat, cpu):
    ok = [v for v in lat if v is not None]
    cpu_cell = "%5s" % ("-" if cpu is None else "%.0f" % cpu)
    if not ok:
        return "%6s %6s %6s %s" % ("-", "-", "-", cpu_cell), None
    p95 = pct(ok, 95)
    mx = max(ok)
    cell = "%6.0f %6.0f %6.0f %s" % (statistics.median(ok), p95, mx, cpu_cell)
    return cell, (p95 <= GOAL_P95_MS and mx <= GOAL_MAX_MS)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dlnlab")
    ap.add_argument("--demos", help="comma-separated (default: every demo)")
    ap.add_argument("--renderers", default="gl,cairo",
                    help="renderers forced with GSK_RENDERER for the input "
                    "steps (start-up is also timed with dlnlab's default)")
    ap.add_argument("--steps", type=int, default=2,
                    help="inputs per control (alternating directions)")
    ap.add_argument("--controls", help="comma-separated substrings of the "
                    "controls to measure (default: all)")
    ap.add_argument("--verbose", action="store_true",
                    help="print each control's steps as measured")
    args = ap.parse_args()

    if args.demos:
        demos = args.demos.split(",")
    else:
        demos = subprocess.run([args.dlnlab, "--list-demos"], check=True,
                               capture_output=True, text=True).stdout.split()
    renderers = args.renderers.split(",")
    pyatspi.Registry.getDesktop(0)  # starts the registry before the apps

    t_start = now()
    results, startup = {}, {}
    # dlnlab's default renderer stands in for the forced one it picks
    for demo in demos:
        run_demo(args.dlnlab, demo, "default", args.steps, results, startup,
                 args.controls.split(",") if args.controls else None,
                 args.verbose)
        for r in renderers:
            if r == default_renderer[0]:
                for per in list(results.values()) + [startup.get(demo, {})]:
                    if "default" in per:
                        per[r] = per["default"]
                continue
            run_demo(args.dlnlab, demo, r, args.steps, results, startup,
                     args.controls.split(",") if args.controls else None,
                     args.verbose)

    head = "%-16s %-42s" % ("page", "control")
    for r in renderers:
        name = r + ("=default" if r == default_renderer[0] else "")
        head += " | %-26s" % ("%s: median p95 max, cpu/step" % name)
    print(head)
    failing = []
    for (demo, ctrl), per in results.items():
        line = "%-16s %-42s" % (demo, ctrl)
        for r in renderers:
            lat, cpu = per.get(r, ([], None))
            cell, good = summary(lat, cpu)
            misses = sum(1 for v in lat if v is None)
            line += " | %s%s" % (cell, " (%d no redraw)" % misses if misses else "")
            if good is False:
                failing.append("%s %s %s" % (demo, ctrl, r))
        print(line)
    print()
    print("%-20s" % "start-up (ms)" + "".join(" %10s" % r for r in renderers))
    slow = []
    for demo in demos:
        line = "%-20s" % demo
        for r in renderers:
            v = startup.get(demo, {}).get(r)
            line += " %10s" % ("-" if v is None else
                               "%.0f%s" % (v[0], "" if v[1] else "?"))
            if v is not None and v[0] > 400:
                slow.append("%s %s" % (demo, r))
        print(line)
    print()
    print("goal (p95 < %.0f ms, max < %.0f ms): %s" %
          (GOAL_P95_MS, GOAL_MAX_MS,
           "met" if not failing else "missed by %d: %s" % (len(failing), "; ".join(failing))))
    print("start-up goal (< 400 ms): %s" %
          ("met" if not slow else "missed by %d: %s" % (len(slow), "; ".join(slow))))
    print("# %.0f s" % (now() - t_start))
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
