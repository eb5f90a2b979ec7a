#!/usr/bin/python3
"""Every page through the real accessibility stack (AT-SPI), as a screen
reader sees it. Run by with-xvfb.sh: Xvfb and a private D-Bus session,
on which the first AT-SPI call activates the accessibility bus
(at-spi-bus-launcher) and its registry; prints TAP.

For each demo, opened alone (dlnlab --demo ID):
  * every button, toggle, slider, spin button, switch, entry and
    drop-down that is shown has a name, and not a toolkit placeholder
    (GTK 4.8 reports a widget's type name, "GtkMenuButton", when it has
    none) nor a leftover mnemonic underscore;
  * every figure (a focusable image) has a description that is more than
    its name, and some figure's description changes when the page's first
    slider moves (set through the AT-SPI Value interface, as an assistive
    technology does);
  * the keyboard reaches the controls: Tab walks the focus through the
    window, and on the first spin button and the first slider it meets,
    Up (spin button) or Right (slider) changes the value, and a spin
    button and a slider that label the same parameter move together.

usage: test-atspi.py DLNLAB
"""

import os
import re
import subprocess
import sys
import time

# with-xvfb.sh turns accessibility off for the other tests
os.environ.pop("GTK_A11Y", None)
os.environ.pop("NO_AT_BRIDGE", None)
# libatspi warns while the app's cache is not exported yet: not fatal
# here (the app keeps the suite's G_DEBUG)
APP_G_DEBUG = os.environ.pop("G_DEBUG", None)

try:
    import pyatspi
    from gi.repository import GLib
except ImportError as e:
    print("Bail out! python3-pyatspi is needed (Makefile TEST_PKGS): %s" % e)
    sys.exit(1)

DLNLAB = sys.argv[1]
TYPE_NAME = re.compile(r"^(Gtk|Adw|Dln)[A-Z]\w*$")
MNEMONIC = re.compile(r"(^|\s)_\w")
CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_ENTRY, pyatspi.ROLE_COMBO_BOX,
}
for extra in ("ROLE_SWITCH", "ROLE_TEXT"):
    if hasattr(pyatspi, extra):
        CONTROL_ROLES.add(getattr(pyatspi, extra))
TAB_LIMIT = 120
WINDOW_CONTROLS = {"push button 'Minimize'", "push button 'Maximize'",
                   "push button 'Close'"}

n = 0
failed = 0


def ok(what):
    global n
    n += 1
    print("ok %d - %s" % (n, what), flush=True)


def not_ok(what, details=()):
    global n, failed
    n += 1
    failed += 1
    print("not ok %d - %s" % (n, what), flush=True)
    for d in details:
        print("# %s" % d, flush=True)


def check(what, problems):
    if problems:
        not_ok(what, problems[:25])
    else:
        ok(what)


def pump(seconds):
    """Lets AT-SPI events arrive for @seconds."""
    ctx = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while ctx.iteration(False):
            pass
        time.sleep(0.01)


def find_app(proc):
    for _ in range(300):
        if proc.poll() is not None:
            return None
        desktop = pyatspi.Registry.getDesktop(0)
        for a in desktop:
            try:
                # by process: a closed page's app may linger on the bus
                if a is not None and a.name == "dlnlab" \
                        and a.get_process_id() == proc.pid \
                        and a.childCount > 0:
                    return a
            except Exception:
                pass
        time.sleep(0.05)
    return None


def shown(obj):
    try:
        return obj.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def walk(obj, out, path=()):
    """Visible objects under @obj (with their child-index path), leaving
    out what an insensitive object holds: GTK 4.8 reports the controls in
    an insensitive row sensitive, though they take no input."""
    try:
        children = list(obj)
    except Exception:
        return
    for i, c in enumerate(children):
        if c is None or not shown(c):
            continue
        out.append((path + (i,), c))
        try:
            if not c.getState().contains(pyatspi.STATE_SENSITIVE):
                continue
        except Exception:
            continue
        walk(c, out, path + (i,))


def describe(obj):
    try:
        return "%s %r" % (obj.getRoleName(), obj.name)
    except Exception:
        return "?"


def value(obj):
    try:
        return obj.queryValue().currentValue
    except Exception:
        return None


def figures_of(objs):
    return [o for _, o in objs
            if o.getRole() == pyatspi.ROLE_IMAGE
            and o.getState().contains(pyatspi.STATE_FOCUSABLE)]


def described(fig):
    d = (fig.description or "").strip()
    return d != "" and d != (fig.name or "").strip()


def wait_for(pred, seconds):
    """Pumps events until pred() holds or @seconds pass (a limit, not a
    pause: it returns as soon as pred() holds)."""
    end = time.monotonic() + seconds
    while True:
        if pred():
            return True
        if time.monotonic() >= end:
            return False
        pump(0.02)


def xdotool(*keys):
    subprocess.run(["xdotool", "key", "--clearmodifiers"] + list(keys),
                   check=False)


focus_events = []


def on_focus(event):
    if event.detail1:
        focus_events.append(event.source)


def check_page(demo):
    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    env["GSETTINGS_BACKEND"] = "memory"
    if APP_G_DEBUG is not None:
        env["G_DEBUG"] = APP_G_DEBUG
    proc = subprocess.Popen([DLNLAB, "--demo", demo], env=env,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        app = find_app(proc)
        if app is None:
            not_ok("%s: the app shows on the accessibility bus" % demo)
            return
        # keys go to the focused X window (no window manager runs)
        subprocess.run(["xdotool", "search", "--sync", "--onlyvisible",
                        "--pid", str(proc.pid), "--name",
                        "Deep Linear Network Lab", "windowfocus", "--sync"],
                       check=False, timeout=20)
        objs = []
        walk(app, objs)
        # the page trains its first run; each figure describes it once
        # still (a limit, not a pause)
        wait_for(lambda: all(described(f) for f in figures_of(objs)), 30.0)

        # --- names ---
        problems = []
        for _, o in objs:
            if o.getRole() not in CONTROL_ROLES:
                continue
            name = o.name or ""
            if (not name.strip() or TYPE_NAME.match(name)
                    or MNEMONIC.search(name)):
                problems.append("%s has no proper name" % describe(o))
        check("%s: every control has a name" % demo, problems)

        # --- figures and their descriptions ---
        figures = figures_of(objs)
        problems = []
        if not figures:
            problems.append("no figure")
        for f in figures:
            if not described(f):
                problems.append("%s: description %r"
                                % (describe(f), f.description))
        check("%s: every figure has a description (%d)" % (demo, len(figures)),
              problems)

        sliders = [o for _, o in objs if o.getRole() == pyatspi.ROLE_SLIDER
                   and o.getState().contains(pyatspi.STATE_SENSITIVE)]
        if sliders and figures:
            s = sliders[0]
            v = s.queryValue()
            before = [f.description for f in figures]
            lo, hi, cur = v.minimumValue, v.maximumValue, v.currentValue
            target = cur + (hi - lo) / 7 if cur + (hi - lo) / 7 <= hi \
                else cur - (hi - lo) / 7
            v.currentValue = target
            changed = wait_for(
                lambda: [f.description for f in figures] != before, 8.0)
            check("%s: a figure's description changes when %s moves"
                  % (demo, describe(s)),
                  [] if changed else ["still %r" % before[0][:200]])
        else:
            ok("%s: no slider beside a figure # SKIP" % demo)

        # --- the keyboard: Tab reaches controls, steps change values ---
        focus_events.clear()
        stepped = {}
        problems = []
        seen = []
        focused = []
        arrowed = False
        next_key = "Tab"
        for _ in range(TAB_LIMIT):
            count = len(focus_events)
            here = focused[-1] if focused else None
            xdotool(next_key)
            # the focus has moved when an object other than the one it was
            # on says so (a late or repeated event of that one is no move)
            if not wait_for(lambda: any(e != here
                                        for e in focus_events[count:]), 2.0):
                continue
            o = [e for e in focus_events[count:] if e != here][-1]
            key = describe(o)
            # Tab types a tab in a multi-line text: Ctrl+Tab leaves it
            next_key = "ctrl+Tab" if o.getState().contains(
                pyatspi.STATE_MULTI_LINE) else "Tab"
            # the Tab chain is a cycle: the first object focused twice
            # closes the round
            if any(o == f for f in focused):
                break
            focused.append(o)
            seen.append(key)
            role = o.getRole()
            if role in (pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_SLIDER) \
                    and role not in stepped \
                    and o.getState().contains(pyatspi.STATE_SENSITIVE):
                v0 = value(o)
                twins = [t for _, t in objs if t is not o
                         and t.getRole() in (pyatspi.ROLE_SPIN_BUTTON,
                                             pyatspi.ROLE_SLIDER)
                         and t.name == o.name]
                t0 = [value(t) for t in twins]
                up, down = ("Up", "Down") if role == pyatspi.ROLE_SPIN_BUTTON \
                    else ("Right", "Left")
                xdotool(up)
                moved = wait_for(lambda: value(o) != v0, 3.0)
                if not moved:
                    xdotool(down, down)  # at its maximum: step down instead
                    moved = wait_for(lambda: value(o) != v0, 3.0)
                if not moved:
                    problems.append("%s: %s does not change %s" % (demo, up, key))
                elif twins and not wait_for(
                        lambda: any(value(t) != t0[i]
                                    for i, t in enumerate(twins)), 3.0):
                    problems.append("%s: %s moved, its twin did not"
                                    % (demo, key))
                stepped[role] = key
            if role == pyatspi.ROLE_RADIO_BUTTON and not arrowed:
                # inside a radio group the arrow keys move (and choose)
                count = len(focus_events)
                xdotool("Down")
                if not wait_for(lambda: len(focus_events) > count
                                and focus_events[-1] != o
                                and focus_events[-1].getRole()
                                == pyatspi.ROLE_RADIO_BUTTON, 3.0):
                    problems.append("%s: Down does not move inside the "
                                    "radio group of %s" % (demo, key))
                else:
                    # back (the Tab walk goes on from where it was)
                    seen.append(describe(focus_events[-1]))
                    xdotool("Up")
                    wait_for(lambda: focus_events[-1] == o, 3.0)
                arrowed = True
        reachable = set()
        radio_groups = {}
        for _, o in objs:
            st = o.getState()
            if o.getRole() in CONTROL_ROLES \
                    and st.contains(pyatspi.STATE_FOCUSABLE) \
                    and st.contains(pyatspi.STATE_SENSITIVE):
                reachable.add(describe(o))
                if o.getRole() == pyatspi.ROLE_RADIO_BUTTON:
                    radio_groups.setdefault(o.parent, []).append(describe(o))
        # a radio group is one Tab stop (its checked button); the arrow
        # keys move inside it (checked above)
        for group in radio_groups.values():
            if any(r in seen for r in group):
                reachable -= set(group)
        # the window's own buttons (minimize, maximize, close) are not in
        # GTK's Tab chain; the window manager's keys do their jobs
        missed = sorted(reachable - set(seen) - WINDOW_CONTROLS)
        check("%s: Tab reaches every control (%d stops)" % (demo, len(seen)),
              ["never focused: %s" % m for m in missed]
              + ([] if len(seen) >= 3 else ["focus stops: %r" % seen]))
        wanted = set()
        for _, o in objs:
            if o.getRole() in (pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_SLIDER) \
                    and o.getState().contains(pyatspi.STATE_SENSITIVE):
                wanted.add(o.getRole())
        for role in wanted - set(stepped):
            problems.append("Tab never reached a %s"
                            % ("spin button" if role == pyatspi.ROLE_SPIN_BUTTON
                               else "slider"))
        check("%s: keyboard steps change the values they label (%s)"
              % (demo, ", ".join(sorted(stepped.values())) or "none"),
              problems)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main():
    demos = subprocess.run([DLNLAB, "--list-demos"], capture_output=True,
                           text=True, check=True).stdout.split()
    pyatspi.Registry.registerEventListener(on_focus,
                                           "object:state-changed:focused")
    only = os.environ.get("DLN_ATSPI_DEMOS")
    for demo in demos:
        if only and demo not in only.split():
            continue
        check_page(demo)
    print("1..%d" % n, flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
