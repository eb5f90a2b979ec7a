#!/usr/bin/python3
"""GUI latency: input -> pixels on every page, and start-up per demo.

Run under bench-gui-latency.sh (a private Xvfb at 1280x800 and a private
session bus, on which the AT-SPI bus is activated). It launches
`dlnlab --demo NAME` once per demo, as a user would (dlnlab picks its
renderer), and times the launch until the figures show their final
pixels (a window whose figures' rectangle is still one flat colour has
not started up). For each renderer (dlnlab's own choice, and the other
one forced with GSK_RENDERER) one launch first stays up: it is sent every
demo in turn (app.show-demo over D-Bus, what `dlnlab --demo NAME` sends
to the running instance), and on each page the benchmark finds the
controls and figures through the accessibility tree, sends key presses
(XTest) to each control and watches the figures' rectangle until its
pixels stop changing. The start-up launches reuse the rectangles found. The X
server's DAMAGE events say when the screen changed, so the screen is read
back (XGetImage) only then. The time from the key press to the last change
of the figures' pixels is the step's latency.

Sliders step Right/Left and spin buttons Up/Down alternately, so the page
stays at the course defaults; check and toggle buttons flip with space;
drop-downs open with space, move one item and select with Return (timed
from the Return).

On the wide-net page it also presses Train and counts the frames drawn
while the 1847 epochs run, against the same run in dlnlab-cli.

Prints the load average, a table per page and control (median, p95, max
in ms, and the app's CPU time per step, which a loaded machine does not
inflate), the start-up time per demo, the wide-net run, and the goals'
verdicts; exits 0 (a benchmark reports, it
does not fail), or 1 when the harness itself could not run.

One file of about a thousand lines: its X (XTest, DAMAGE, XGetImage),
AT-SPI and timing parts serve one measurement loop and read as one.
"""

import argparse
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time

import gi
import pyatspi
from Xlib import X, XK, display
from Xlib.ext import damage, xtest

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402 (after require_version)

# no change this long: the step is final. Over 680 steps the longest time
# between two changes of one step was 20-25 ms (the closing line reports
# it each run), so 60 ms keeps more than twice that margin.
QUIET_S = 0.06
STEP_TIMEOUT_S = 0.8    # no change at all: the control does not redraw
STILL_TIMEOUT_S = 0.25  # the same, for a control not expected to redraw
SETTLE_QUIET_S = 0.3    # start-up: no change this long
SWITCH_QUIET_S = 0.2    # page switch: the same
SETTLE_TIMEOUT_S = 6.0  # start-up: the window must settle within this
GOAL_P95_MS = 50.0
GOAL_MAX_MS = 100.0
APP_ID = "org.dlnlab.Dlnlab"  # its D-Bus name (meson.build)
# --app-log: where each launch's output goes, and the log domains it
# adds (each frame's cost, each render and job)
APP_LOG_DIR = None
APP_LOG_DOMAINS = []

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
# Controls that leave the figure as it is at the course defaults, and why
# (page, kind, start of the control's name): their steps are reported,
# but a step without a redraw is what they should do, not a miss.
STILL = {
    ("computational-graph", "spin", "Speed"): "steps per frame of Play",
    ("shallow-net", "spin", "Speed"): "steps per frame of Play",
    ("loss-landscape", "spin", "Speed"): "steps per frame of Play",
    ("wide-net", "slider", "Learning rate"): "a setting of the next Train",
    ("wide-net", "slider", "Momentum"): "a setting of the next Train",
    ("wide-net", "slider", "Epochs per training run"):
        "a setting of the next Train",
    ("loss-landscape", "slider", "Momentum"):
        "only GD, which has no momentum, is drawn at the defaults",
    ("loss-landscape", "check", "add starts"):
        "how the next click on the surface acts",
}


def now():
    return time.monotonic()


# for each step that changed the figure, the longest time between two of
# its changes, ms: how close a step's changes come to QUIET_S apart
GAPS = []

# seconds spent per phase of the run (printed with --verbose), to keep the
# whole benchmark under three minutes
PHASES = {}


def timed(phase):
    def wrap(f):
        def run(*args, **kwargs):
            t0 = now()
            try:
                return f(*args, **kwargs)
            finally:
                PHASES[phase] = PHASES.get(phase, 0.0) + now() - t0
        return run
    return wrap


class Screen:
    def __init__(self):
        self.d = display.Display()
        if not self.d.has_extension("DAMAGE"):
            raise SystemExit("the X server has no DAMAGE extension")
        self.damage_event = (self.d.query_extension("DAMAGE").first_event
                             + damage.DamageNotifyCode)
        self.root = self.d.screen().root
        self.w = self.d.screen().width_in_pixels
        self.h = self.d.screen().height_in_pixels
        # every change on the screen, as rectangles in root coordinates
        # (the extension wants its version asked first)
        self.d.damage_query_version()
        self.root.damage_create(damage.DamageReportRawRectangles)
        self.d.sync()

    def drain(self):
        """Forgets the changes so far."""
        self.d.sync()
        while self.d.pending_events():
            self.d.next_event()

    def wait_damage(self, rect, timeout):
        """Waits up to @timeout s for a change on the screen that meets
        @rect (None: anywhere). Returns its time, or None."""
        t_end = now() + timeout
        hit = None
        while True:
            while self.d.pending_events():
                ev = self.d.next_event()
                if ev.type != self.damage_event:
                    continue
                a = ev.area
                if rect is None or (a.x < rect[0] + rect[2]
                                    and rect[0] < a.x + a.width
                                    and a.y < rect[1] + rect[3]
                                    and rect[1] < a.y + a.height):
                    hit = now() if hit is None else hit
            if hit is not None:
                return hit
            left = t_end - now()
            if left <= 0:
                return None
            select.select([self.d.fileno()], [], [], left)
            self.d.pending_events()  # reads what arrived

    def grab(self, rect):
        x, y, w, h = rect
        return self.root.get_image(x, y, w, h, X.ZPixmap, 0xffffffff).data

    def key(self, name):
        code = self.d.keysym_to_keycode(XK.string_to_keysym(name))
        xtest.fake_input(self.d, X.KeyPress, code)
        xtest.fake_input(self.d, X.KeyRelease, code)
        self.d.sync()

    def click(self):
        xtest.fake_input(self.d, X.ButtonPress, 1)
        xtest.fake_input(self.d, X.ButtonRelease, 1)
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

    def popups(self, pid, main):
        """Rectangles of @pid's mapped windows other than @main (popovers
        are windows of their own on X11)."""
        atom = self.d.intern_atom("_NET_WM_PID")
        out = []
        for w in self.root.query_tree().children:
            try:
                if main is not None and w.id == main.id:
                    continue
                if w.get_attributes().map_state != X.IsViewable:
                    continue
                prop = w.get_full_property(atom, X.AnyPropertyType)
                if prop is None or prop.value[0] != pid:
                    continue
                g = w.get_geometry()
                out.append((g.x, g.y, g.width, g.height))
            except Exception:
                continue
        return out

    def origin(self, win):
        t = win.translate_coords(self.root, 0, 0)
        return -t.x, -t.y

    def clip(self, rect):
        x, y, w, h = rect
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.w, x + w), min(self.h, y + h)
        return (x0, y0, max(1, x1 - x0), max(1, y1 - y0))


def subtract(rect, hole):
    """@rect without @hole: up to four rectangles."""
    x, y, w, h = rect
    hx0, hy0 = max(x, hole[0]), max(y, hole[1])
    hx1, hy1 = min(x + w, hole[0] + hole[2]), min(y + h, hole[1] + hole[3])
    if hx0 >= hx1 or hy0 >= hy1:
        return [rect]
    parts = [(x, y, hx0 - x, h), (hx1, y, x + w - hx1, h),
             (hx0, y, hx1 - hx0, hy0 - y), (hx0, hy1, hx1 - hx0, y + h - hy1)]
    return [r for r in parts if r[2] > 0 and r[3] > 0]


class Region:
    """A figure rectangle less the windows over it (a drop-down's list,
    which closes as the step starts): what a step watches."""

    def __init__(self, scr, rect, holes=()):
        self.scr = scr
        self.rect = rect
        self.parts = [rect]
        for hole in holes:
            self.parts = [p for r in self.parts for p in subtract(r, hole)]

    def grab(self):
        return b"".join(self.scr.grab(r) for r in self.parts)


def wait_change(scr, rect, before, timeout):
    """Watches @rect (a rectangle or a Region) until it differs from
    @before, then until it stays the same for QUIET_S. Returns (first
    change time, last change time, longest time between two changes, and
    with --app-log each change's (time, image)), or None."""
    region = rect if isinstance(rect, Region) else Region(scr, rect)
    rect = region.rect
    t_end = now() + timeout
    first = last = None
    gap = 0.0
    prev = before
    changes = []  # (time, image) of each change, with --app-log
    while True:
        t = now()
        if last is not None and t - last >= QUIET_S:
            return first, last, gap, changes
        if last is None and t > t_end:
            return None
        if t > t_end + 3.0:  # never settles (an animation): report it so
            return first, last, gap, changes
        wait = (last + QUIET_S - t) if last is not None else (t_end - t)
        t_d = scr.wait_damage(rect, max(0.001, wait))
        if t_d is None:
            continue
        img = region.grab()
        if img != prev:
            if first is None:
                first = t_d
            else:
                gap = max(gap, t_d - last)
            last = t_d
            prev = img
            if APP_LOG_DIR:
                changes.append((t_d, img))


def diff_box(a, b, width):
    """The bounding box (x, y, w, h) of the pixels that differ between two
    images @width pixels wide, or None."""
    row = width * 4
    rows = [y for y in range(len(a) // row)
            if a[y * row:(y + 1) * row] != b[y * row:(y + 1) * row]]
    if not rows:
        return None
    x0, x1 = width, 0
    for y in rows:
        ra, rb = a[y * row:(y + 1) * row], b[y * row:(y + 1) * row]
        lo, hi = 0, row  # first difference: binary search on equal prefixes
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if ra[:mid] == rb[:mid]:
                lo = mid
            else:
                hi = mid
        x0 = min(x0, lo // 4)
        lo, hi = 0, row  # last difference: the same on suffixes
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if ra[row - mid:] == rb[row - mid:]:
                lo = mid
            else:
                hi = mid
        x1 = max(x1, (row - lo - 1) // 4 + 1)
    return x0, rows[0], x1 - x0, rows[-1] + 1 - rows[0]


@timed("find app")
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
    if not st.contains(pyatspi.STATE_VISIBLE):
        pass
    elif not st.contains(pyatspi.STATE_SENSITIVE):
        return  # an insensitive row: its controls take no input
    elif role == pyatspi.ROLE_IMAGE and acc.name and not acc.name.startswith("Gtk"):
        out_figs.append(acc)
    elif role == pyatspi.ROLE_LIST and acc.name == "Demos":
        return  # the window's demo list: no figure, no control
    elif role in ROLES and st.contains(pyatspi.STATE_SENSITIVE):
        name = acc.name or ""
        if not any(s in name.lower() for s in SKIP_NAMES):
            out_ctrls.append((ROLES[role], acc))
        if role == pyatspi.ROLE_COMBO_BOX:
            return
    children = [c for c in (acc[i] for i in range(acc.childCount))
                if c is not None]
    # GTK 4.8 marks the hidden pages of a stack visible too. The window
    # appends a page the first time a demo is shown, and the benchmark
    # shows each demo once: the shown page is the last.
    pages = [c for c in children if c.name == "GtkStackPage"]
    for c in children:
        if c.name != "GtkStackPage" or c == pages[-1]:
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


def name_of(acc):
    try:
        return acc.name or ""
    except Exception:
        return ""


def alive(acc):
    try:
        return not acc.getState().contains(pyatspi.STATE_DEFUNCT)
    except Exception:
        return False


def focused(acc):
    try:
        return acc.getState().contains(pyatspi.STATE_FOCUSED)
    except Exception:
        return False


def focus_target(acc, kind):
    """What takes the keyboard focus: a drop-down's button."""
    if kind == "drop-down":
        for i in range(acc.childCount):
            c = acc[i]
            if c is not None and c.getState().contains(pyatspi.STATE_FOCUSABLE):
                return c
    return acc


@timed("focus")
def focus(scr, acc, kind):
    """Tabs to the control (GTK 4.8 does not implement AT-SPI's
    GrabFocus); the controls come in tab order, so this is a few keys."""
    target = focus_target(acc, kind)
    for _ in range(50):
        if focused(target):
            time.sleep(0.02)
            return True
        scr.key("Tab")
        time.sleep(0.01)
    return False


def quiet(scr, gap, limit):
    """Waits until the screen has not changed for @gap s (at most @limit)."""
    t_end = now() + limit
    while now() < t_end and scr.wait_damage(None, gap) is not None:
        pass


def open_drop_down(scr, acc):
    """Opens the focused drop-down's list: TRUE once its button has
    handed the focus to the list (the time this takes grows with the
    machine's load; a key sent before would reach the window instead)."""
    target = focus_target(acc, "drop-down")
    scr.key("space")
    t_end = now() + 2.0
    while focused(target):
        if now() > t_end:
            return False
        time.sleep(0.02)
    quiet(scr, 0.05, 1.0)
    return True


def cpu_ms(pid):
    """CPU time (user + system, all threads) of @pid so far, in ms: what a
    step costs, whatever else the machine is doing."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def at_maximum(acc, kind):
    """Whether a slider or spin button is at its maximum (its steps then
    go down first, so that each one moves it)."""
    if kind not in ("slider", "spin"):
        return False
    try:
        v = acc.queryValue()
        return v.currentValue >= v.maximumValue
    except Exception:
        return False


@timed("controls")
def measure_control(scr, fig_rect, kind, acc, steps, pid, still, main_window):
    """Latencies in ms of @steps inputs on the control (None: no redraw;
    a control that did not redraw once is not tried again, unless it is
    @still, expected not to), then the app's CPU ms per step. The steps
    alternate, so an even number leaves the control as it was."""
    out = []
    if not focus(scr, acc, kind):
        return out, None
    c0 = cpu_ms(pid)
    down_first = at_maximum(acc, kind)
    # a drop-down's list opens with the keyboard on its first item (GTK
    # 4.8), so Down chooses the second: no change when that is the chosen
    # one already; its first step then goes Up instead, once
    retried = False
    if still:
        steps = min(steps, 2)  # enough to see it stays
    s = 0
    while s < steps:
        fwd = (s % 2 == 0) != down_first
        if kind == "drop-down":
            if (s > 0 and not focus(scr, acc, kind)) or not open_drop_down(scr, acc):
                scr.key("Escape")
                break
            scr.key("Down" if fwd else "Up")
            quiet(scr, 0.05, 1.0)
            region = Region(scr, fig_rect, scr.popups(pid, main_window))
            scr.drain()
            before = region.grab()
            t0 = now()
            scr.key("Return")
        else:
            key = {"slider": "Right" if fwd else "Left",
                   "spin": "Up" if fwd else "Down"}.get(kind, "space")
            region = Region(scr, fig_rect)
            scr.drain()
            before = region.grab()
            t0 = now()
            scr.key(key)
        r = wait_change(scr, region, before,
                        STILL_TIMEOUT_S if still else STEP_TIMEOUT_S)
        if r is None and kind == "drop-down" and s == 0 and not retried:
            retried = True
            down_first = not down_first
            continue
        out.append(None if r is None else (r[1] - t0) * 1000.0)
        if r is not None:
            GAPS.append(r[2] * 1000.0)
        if APP_LOG_DIR:
            print("# step at %.1f ms: %s" % (t0 * 1000.0, "no change" if r is None
                  else "first change +%.0f, last +%.0f" % ((r[0] - t0) * 1000.0,
                                                         (r[1] - t0) * 1000.0)),
                  file=sys.stderr, flush=True)
            if r is not None and len(region.parts) == 1:
                # what each change changed, in the figures' rectangle
                prev = before
                for t_c, img in r[3]:
                    print("#   +%.0f ms: %s" % ((t_c - t0) * 1000.0, diff_box(
                        prev, img, region.rect[2])), file=sys.stderr)
                    prev = img
        if r is None and not still:
            break
        s += 1
    return out, (cpu_ms(pid) - c0) / max(1, len(out))


def settle(scr, t_launch, frames, window, deadline=SETTLE_TIMEOUT_S,
           gap=SETTLE_QUIET_S, ready=None):
    """Watches the screen from @t_launch until the app's window (@window ()
    returns it once mapped) has been quiet for @gap s, and @ready (screen
    image), if given, is true of what it shows; @frames collects (time
    since @t_launch, screen image) of each change, after those it has.
    Returns whether it settled."""
    prev = frames[-1][1] if frames else None
    t_quiet_from = None
    t_end = t_launch + deadline
    while now() < t_end:
        t_d = scr.wait_damage(None, gap if t_quiet_from else 0.05)
        t = now()
        if t_d is not None:
            img = scr.grab((0, 0, scr.w, scr.h))
            if img != prev:
                frames.append((t_d - t_launch, img))
                prev = img
                t_quiet_from = None
        if window() is None:
            continue
        if t_quiet_from is None:
            t_quiet_from = t
        elif (t - t_quiet_from >= gap and frames
              and (ready is None or ready(frames[-1][1]))):
            return True
    return False


def crop(img, rect, width):
    x, y, w, h = rect
    rows = [img[(y + r) * width * 4 + x * 4:(y + r) * width * 4 + (x + w) * 4]
            for r in range(h)]
    return b"".join(rows)


class App:
    """One dlnlab process under one renderer ("default": its own choice)."""

    @timed("launch")
    def __init__(self, scr, path, demo, renderer):
        self.scr = scr
        self.path = path
        self.env = dict(os.environ)
        for k in ("GSK_RENDERER", "GDK_DEBUG", "GTK_A11Y", "NO_AT_BRIDGE"):
            self.env.pop(k, None)
        if renderer != "default":
            self.env["GSK_RENDERER"] = renderer
        # the renderer choice; --app-log adds the frame and job timings
        self.env["G_MESSAGES_DEBUG"] = " ".join(["dln-application"]
                                                + APP_LOG_DOMAINS)
        self.env["GSETTINGS_BACKEND"] = "memory"
        self.win = None
        self.acc = None
        # the pointer rests over the demo list's empty foot: no hover
        # read-out nor hover style on the page (over the control pane, a
        # drop-down's closing popover left the figure marked hovered, and
        # its export button's 150 ms fade-in was timed as the figure's)
        scr.move_pointer(2, scr.h - 2)
        self.frames = []
        self.t_launch = now()
        # a file, not a pipe: a full pipe would stop the app mid-frame
        self.log = tempfile.TemporaryFile()
        self.name = "%s-%s" % (renderer, demo)
        # line-buffered when logged: SIGTERM ends it without a flush
        line_buffered = ["stdbuf", "-oL"] if APP_LOG_DIR else []
        self.proc = subprocess.Popen(line_buffered + [path, "--demo", demo],
                                     env=self.env,
                                     stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self.settled = settle(scr, self.t_launch, self.frames, self.window)

    def window(self):
        if self.win is None:
            self.win = self.scr.window_of(self.proc.pid)
        return self.win

    @timed("page walk")
    def page(self):
        """(figures' rectangle on the screen, controls) of the shown page,
        or None."""
        if self.win is None:
            return None
        if self.acc is None:
            self.acc = find_app(self.proc.pid)
        if self.acc is None:
            return None
        figs, ctrls = [], []
        walk(self.acc, figs, ctrls)
        rects = [self.on_screen(e) for e in (extents(f) for f in figs)
                 if e[2] > 8 and e[3] > 8]
        if not rects:
            return None
        # a spin button beside a slider sets the same value: time the slider
        sliders = {(a.name or "") for (k, a) in ctrls if k == "slider"}
        ctrls = [(k, a) for (k, a) in ctrls
                 if not (k == "spin" and (a.name or "") in sliders)]
        return self.scr.clip(union(rects)), ctrls

    def on_screen(self, rect):
        """An accessible's extents (relative to the window's frame) on the
        screen."""
        ox, oy = self.scr.origin(self.win)
        # the frame sits inside the X window's shadow margins (symmetric)
        frame = self.acc[0].queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        g = self.win.get_geometry()
        ox += (g.width - frame.width) // 2
        oy += (g.height - frame.height) // 2
        return (rect[0] + ox, rect[1] + oy, rect[2], rect[3])

    def to_window(self, rect):
        """@rect on the screen, relative to the window's origin."""
        ox, oy = self.scr.origin(self.win)
        return (rect[0] - ox, rect[1] - oy, rect[2], rect[3])

    def from_window(self, rect):
        """@rect relative to the window's origin, on the screen."""
        ox, oy = self.scr.origin(self.window())
        return self.scr.clip((rect[0] + ox, rect[1] + oy, rect[2], rect[3]))

    def settle_drawn(self, in_window):
        """Goes on watching the launch until the figures' rectangle
        (@in_window: relative to the window) shows something, not one
        flat colour, and the window has then been quiet: a window shown
        before its figures (the GL renderer compiles its shaders for the
        first frame) has not started up. Returns the rectangle on the
        screen, or None."""
        def drawn(img):
            fig = crop(img, self.from_window(in_window), self.scr.w)
            return fig.count(fig[:4]) * 4 != len(fig)

        if self.proc.poll() is not None:
            return None
        if not self.settled or not drawn(self.frames[-1][1]):
            self.settled = settle(self.scr, self.t_launch, self.frames,
                                  self.window, ready=drawn)
        if APP_LOG_DIR:  # the app's log has its frames on the same clock
            print("# %s launched at %.1f ms, changes at +%s ms (*: figures "
                  "drawn)" % (self.name, self.t_launch * 1000.0, ", +".join(
                      "%.0f%s" % (t * 1000.0, "*" if drawn(img) else "")
                      for t, img in self.frames)), file=sys.stderr)
        return self.from_window(in_window) if self.settled else None

    @timed("start-up frames")
    def startup_ms(self, fig_rect):
        """Launch to the first frame from which the figures look final."""
        final = crop(self.frames[-1][1], fig_rect, self.scr.w)
        t_drawn = self.frames[-1][0]
        for t, img in reversed(self.frames):
            if crop(img, fig_rect, self.scr.w) != final:
                break
            t_drawn = t
        return t_drawn * 1000.0

    @timed("page switch")
    def show(self, demo):
        """Switches the running instance to @demo and waits until the
        window is still. It activates app.show-demo over D-Bus, as
        `dlnlab --demo NAME` does from a second process, without starting
        one (a GTK process start per page, for nothing measured)."""
        t0 = now()
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        bus.call_sync(APP_ID, "/" + APP_ID.replace(".", "/"),
                      "org.gtk.Actions", "Activate",
                      GLib.Variant("(sava{sv})",
                                   ("show-demo", [GLib.Variant("s", demo)], {})),
                      None, Gio.DBusCallFlags.NONE, 5000, None)
        return settle(self.scr, t0, [], self.window, gap=SWITCH_QUIET_S)

    @timed("stop")
    def stop(self):
        """Ends the process; returns the renderer it drew with."""
        if self.log.closed:
            return self.picked
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        # GLib prints debug messages on stdout
        self.log.seek(0)
        out = self.log.read().decode(errors="replace").strip()
        self.log.close()
        if APP_LOG_DIR:
            # appended: a demo has a start-up launch and may have had the
            # controls' launch
            with open(os.path.join(APP_LOG_DIR, self.name + ".log"), "a") as f:
                f.write("# launched at %.1f ms\n%s\n" % (self.t_launch * 1000.0,
                                                          out))
        if self.env.get("GSK_RENDERER"):
            picked = self.env["GSK_RENDERER"]
        else:
            picked = "cairo" if "drawing with the cairo renderer" in out else "gl"
        self.picked = picked
        for line in [l for l in out.splitlines()
                     if "-DEBUG: " not in l][:5]:
            print("# stderr: %s" % line, file=sys.stderr)
        return picked


def measure_page(app, demo, renderer, steps, results, only, verbose):
    """Measures the shown page's controls; returns the figures' rectangle
    on the screen, or None."""
    page = app.page()
    if page is None:
        print("# %s: no figure found" % demo, file=sys.stderr)
        return None
    fig_rect, ctrls = page
    # a control without an accessible name cannot be told from its
    # neighbours (nor reached reliably by Tab): named, not measured
    unnamed = [label(k, a) for (k, a) in ctrls if (a.name or "").startswith("Gtk")
               or not a.name]
    if unnamed:
        print("# %s: not measured, no accessible name: %s" %
              (demo, ", ".join(unnamed)), file=sys.stderr)
    ctrls = [(k, a) for (k, a) in ctrls
             if a.name and not a.name.startswith("Gtk")]
    if only:
        ctrls = [(k, a) for (k, a) in ctrls if any(o in label(k, a) for o in only)]
    # (kind, name) in tab order: a control that rebuilds part of the page
    # (the graph's presets make new variable sliders) leaves the others'
    # accessibles defunct, so each is looked up again when it is
    todo = [(k, label(k, a), a.name) for (k, a) in ctrls]
    for kind, name, acc_name in todo:
        acc = next((a for (k, a) in ctrls if k == kind and alive(a)
                    and name_of(a) == acc_name), None)
        if acc is None:
            page = app.page()
            ctrls = page[1] if page is not None else []
            acc = next((a for (k, a) in ctrls
                        if k == kind and name_of(a) == acc_name), None)
        if acc is None:
            print("# %s %s: gone" % (demo, name), file=sys.stderr)
            continue
        still = next((why for (d, k, n), why in STILL.items()
                      if d == demo and k == kind
                      and acc_name.replace("_", "").startswith(n)), None)
        try:
            lat, cpu = measure_control(app.scr, fig_rect, kind, acc, steps,
                                       app.proc.pid, still is not None,
                                       app.window())
        except Exception as e:  # a control that vanished (page rebuilt)
            print("# %s %s: %s" % (demo, name, e), file=sys.stderr)
            continue
        results.setdefault((demo, name), {})[renderer] = (lat, cpu, still)
        if verbose:
            print("# %s %s %s: %s" % (demo, renderer, name,
                                      " ".join("-" if v is None else "%.0f" % v
                                               for v in lat)),
                  file=sys.stderr, flush=True)
    return fig_rect


def find_button(acc, text):
    """The first push button whose name contains @text, or None."""
    try:
        if acc.getRole() == pyatspi.ROLE_PUSH_BUTTON and text in (acc.name or ""):
            return acc
    except Exception:
        return None
    for i in range(acc.childCount):
        c = acc[i]
        found = find_button(c, text) if c is not None else None
        if found is not None:
            return found
    return None


@timed("wide-net train")
def train_wide_net(app, cli):
    """Presses the wide-net page's Train and watches its figure until the
    run has ended; times the same run in dlnlab-cli. Returns (GUI s,
    frames drawn, fps while training, CLI s), or None."""
    page = app.page()
    button = find_button(app.acc, "Train")
    if page is None or button is None:
        return None
    rect = page[0]
    bx, by, bw, bh = app.on_screen(extents(button))
    frames = []
    app.scr.move_pointer(bx + bw // 2, by + bh // 2)
    app.scr.drain()
    prev = app.scr.grab(rect)
    # a click, as a user trains: the accessible action (and the keyboard)
    # show the button pressed for 250 ms before GTK emits "clicked", a
    # delay that is not the training's
    t0 = now()
    app.scr.click()
    app.scr.move_pointer(2, app.scr.h - 2)
    while True:
        t_d = app.scr.wait_damage(rect, 0.6)
        if t_d is None:
            break
        img = app.scr.grab(rect)
        if img != prev:
            frames.append(t_d)
            prev = img
        if now() - t0 > 60:
            break
    if len(frames) < 2:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        t1 = now()
        subprocess.run([cli, "export", "wide-net-regression", "--out",
                        os.path.join(tmp, "run.csv")], check=True)
        cli_s = now() - t1
    return (frames[-1] - t0, len(frames),
            (len(frames) - 1) / (frames[-1] - frames[0]), cli_s)


def run_renderer(scr, path, demos, renderer, steps, results, startup, only,
                 verbose, long_runs, startup_all):
    """The controls of every page in one launch, then the start-up of
    every demo (one launch each; with @startup_all FALSE only the
    first). Returns the renderer the app drew with."""
    # each page's figures' rectangle in the window, from the controls'
    # launch: the start-up launches then need no accessibility walk
    # while they start (the window has the same size and layout in every
    # launch), so no frame goes unwatched
    in_window = {}
    picked = None
    if steps > 0:
        app = App(scr, path, demos[0], renderer)
        try:
            for i, demo in enumerate(demos):
                if i > 0 and not app.show(demo):
                    print("# %s/%s: did not settle" % (demo, renderer),
                          file=sys.stderr)
                if demo == "wide-net":
                    long_runs[renderer] = train_wide_net(
                        app, os.path.join(os.path.dirname(path), "dlnlab-cli"))
                rect = measure_page(app, demo, renderer, steps, results, only,
                                    verbose)
                if rect is not None:
                    in_window[demo] = app.to_window(rect)
        finally:
            picked = app.stop()
    for demo in demos if startup_all else demos[:1]:
        app = App(scr, path, demo, renderer)
        if demo not in in_window and app.window() is not None:
            # found once the launch has settled: its frames were all seen
            page = app.page()
            if page is not None:
                in_window[demo] = app.to_window(page[0])
        rect = (app.settle_drawn(in_window[demo]) if demo in in_window
                else None)
        if rect is not None:
            startup.setdefault(demo, {})[renderer] = app.startup_ms(rect)
        else:
            print("# %s/%s: %s" % (demo, renderer,
                                   "no figure drawn" if app.settled
                                   else "did not settle"), file=sys.stderr)
        picked = app.stop()
    return picked


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
    ap.add_argument("--renderers", default="default,other",
                    help="comma-separated: default (dlnlab's own choice), "
                    "gl, cairo, other (the one default did not pick)")
    ap.add_argument("--steps", type=int, default=4,
                    help="inputs per control (alternating directions) under "
                    "the first renderer; 0: start-up only")
    ap.add_argument("--other-steps", type=int, default=4,
                    help="inputs per control under the other renderers "
                    "(fewer: the whole benchmark stays under 3 minutes)")
    ap.add_argument("--controls", help="comma-separated substrings of the "
                    "controls to measure (default: all)")
    ap.add_argument("--no-startup", action="store_true",
                    help="one launch per renderer (start-up of the first "
                    "demo only)")
    ap.add_argument("--verbose", action="store_true",
                    help="print each control's steps as measured")
    ap.add_argument("--app-log", metavar="DIR",
                    help="append each launch's output to DIR/RENDERER-DEMO.log, "
                    "with each frame's layout and paint times, each "
                    "figure's render, each training job (wall and CPU) "
                    "and what each setting's change cost the main thread; "
                    "print each step's changes, with the box each changed "
                    "in the figures' rectangle")
    args = ap.parse_args()
    if args.app_log:
        global APP_LOG_DIR
        APP_LOG_DIR = args.app_log
        os.makedirs(APP_LOG_DIR, exist_ok=True)
        APP_LOG_DOMAINS.extend(["dln-window", "dln-figure-view", "dln-run",
                                "dln-deep-run", "dln-property"])

    if args.demos:
        demos = args.demos.split(",")
    else:
        demos = subprocess.run([args.dlnlab, "--list-demos"], check=True,
                               capture_output=True, text=True).stdout.split()
    only = args.controls.split(",") if args.controls else None
    pyatspi.Registry.getDesktop(0)  # starts the registry before the apps
    scr = Screen()

    t_start = now()
    results, startup, long_runs = {}, {}, {}
    columns = []  # (key in results, heading)
    picked_default = None
    for n, r in enumerate(args.renderers.split(",")):
        steps = args.steps if n == 0 or args.steps == 0 else args.other_steps
        t_r = now()
        if r == "other":
            r = "cairo" if picked_default == "gl" else "gl"
        picked = run_renderer(scr, args.dlnlab, demos, r, steps, results,
                              startup, only, args.verbose, long_runs,
                              not args.no_startup)
        if args.verbose:
            print("# %s: %.0f s (%s)" % (r, now() - t_r, ", ".join(
                "%s %.0f s" % kv for kv in sorted(PHASES.items()))),
                  file=sys.stderr)
        if r == "default":
            picked_default = picked
            columns.append((r, "%s (default)" % picked))
        else:
            columns.append((r, "%s (forced)" % r))

    try:
        load = open("/proc/loadavg").read().split()[:3]
    except OSError:
        load = ["?"] * 3
    print("load average %s (%d cores)" % (" ".join(load), os.cpu_count()))
    head = "%-20s %-40s" % ("page", "control")
    for _, name in columns:
        head += " | %-27s" % name
    print(head)
    print("%-20s %-40s" % ("", "") + " | median    p95    max cpu/step" * len(columns))
    failing = []
    expected = set()
    for (demo, ctrl), per in results.items():
        line = "%-20s %-40s" % (demo, ctrl[:40])
        for key, name in columns:
            lat, cpu, still = per.get(key, ([], None, None))
            cell, good = summary(lat, cpu)
            misses = sum(1 for v in lat if v is None)
            if still:
                expected.add("%s %s: %s" % (demo, ctrl, still))
                good = good is not False
            if misses:
                cell += " (%d%s no redraw)" % (misses, ", expected" if still else "")
            line += " | %s" % cell
            if good is False or (misses and not still):
                failing.append("%s %s (%s)" % (demo, ctrl, name.split()[0]))
        print(line)
    if expected:
        print("no figure change expected (steps without a redraw are not misses):")
        for line in sorted(expected):
            print("  " + line)
    print()
    print("%-20s" % "start-up (ms)" + "".join(" %16s" % name for _, name in columns))
    slow = []
    for demo in demos:
        line = "%-20s" % demo
        for key, name in columns:
            v = startup.get(demo, {}).get(key)
            line += " %16s" % ("-" if v is None else "%.0f" % v)
            if (v is None and key == columns[0][0]) or (v is not None and v > 400):
                slow.append("%s (%s)" % (demo, name.split()[0]))
        print(line)
    print()
    slow_runs = []
    for key, name in columns:
        v = long_runs.get(key)
        if v is None:
            continue
        print("wide-net Train (%s): %.2f s, %d frames, %.0f fps; "
              "dlnlab-cli %.2f s (GUI/CLI %.2f)" % (name, v[0], v[1], v[2],
                                                    v[3], v[0] / v[3]))
        if v[2] < 30 or v[0] / v[3] > 1.2:
            slow_runs.append(name.split()[0])
    print()
    print("goal (p95 < %.0f ms, max < %.0f ms): %s" %
          (GOAL_P95_MS, GOAL_MAX_MS,
           "met" if not failing else "missed by %d of %d: %s" %
           (len(failing), len(results) * len(columns), "; ".join(failing))))
    print("start-up goal (< 400 ms): %s" %
          ("met" if not slow else "missed by %d of %d: %s" %
           (len(slow), len(demos) * len(columns), "; ".join(slow))))
    if long_runs:
        print("long-run goal (30+ fps, GUI within 1.2x the CLI): %s" %
              ("met" if not slow_runs else "missed: " + ", ".join(slow_runs)))
    if GAPS:
        print("steps changing the figures more than once: %d of %d; longest "
              "time between a step's changes %.0f ms (a step is final after "
              "%.0f ms without one)" % (sum(1 for g in GAPS if g > 0),
                                       len(GAPS), max(GAPS), QUIET_S * 1000))
        if max(GAPS) > QUIET_S * 1000 / 2:
            print("warning: a step's changes came within half the quiet time "
                  "of each other; steps may have been cut short")
    print("# %.0f s" % (now() - t_start))
    return 0 if results or args.steps == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
