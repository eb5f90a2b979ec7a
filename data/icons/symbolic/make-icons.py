#!/usr/bin/env python3
"""Writes the demos' symbolic icons (16 x 16, one per demo) next to this file.

GTK recolours a symbolic icon by overriding the fill of its rect, circle
and path elements with the theme's foreground colour, so every shape here
is filled (a line is a thin polygon, a ring an even-odd path); strokes
would keep a fixed colour and vanish in the dark style. Run it again after
changing a drawing; the SVGs are committed and listed in
ui/dln-ui.gresource.xml.
"""
import math
import os

FG = "#2e3436"


def fmt(v):
    return ("%.2f" % v).rstrip("0").rstrip(".")


def poly(points):
    return '<path d="M%s Z"/>' % " L".join(
        "%s %s" % (fmt(x), fmt(y)) for x, y in points)


def line(x1, y1, x2, y2, w=1.5):
    dx, dy = x2 - x1, y2 - y1
    n = math.hypot(dx, dy)
    ox, oy = -dy / n * w / 2, dx / n * w / 2
    return poly([(x1 + ox, y1 + oy), (x2 + ox, y2 + oy),
                 (x2 - ox, y2 - oy), (x1 - ox, y1 - oy)])


def polyline(points, w=1.5):
    out = [line(*a, *b, w=w) for a, b in zip(points, points[1:])]
    out += [circle(x, y, w / 2) for x, y in points[1:-1]]
    return "".join(out)


def circle(cx, cy, r, opacity=None):
    o = ' opacity="%s"' % opacity if opacity is not None else ""
    return '<circle cx="%s" cy="%s" r="%s"%s/>' % (fmt(cx), fmt(cy), fmt(r), o)


def rect(x, y, w, h, rx=0, opacity=None):
    o = ' opacity="%s"' % opacity if opacity is not None else ""
    r = ' rx="%s"' % fmt(rx) if rx else ""
    return '<rect x="%s" y="%s" width="%s" height="%s"%s%s/>' % (
        fmt(x), fmt(y), fmt(w), fmt(h), r, o)


def ellipse_pts(cx, cy, rx, ry, n=48, a0=0.0, a1=2 * math.pi):
    return [(cx + rx * math.cos(a0 + (a1 - a0) * i / n),
             cy + ry * math.sin(a0 + (a1 - a0) * i / n)) for i in range(n + 1)]


def ring(cx, cy, rx, ry, w=1.5):
    outer = ellipse_pts(cx, cy, rx + w / 2, ry + w / 2)
    inner = ellipse_pts(cx, cy, rx - w / 2, ry - w / 2)[::-1]
    path = "M" + " L".join("%s %s" % (fmt(x), fmt(y)) for x, y in outer)
    path += " Z M" + " L".join("%s %s" % (fmt(x), fmt(y)) for x, y in inner)
    return '<path fill-rule="evenodd" d="%s Z"/>' % path


def arc(cx, cy, r, a0, a1, w=1.5):
    outer = ellipse_pts(cx, cy, r + w / 2, r + w / 2, 32, a0, a1)
    inner = ellipse_pts(cx, cy, r - w / 2, r - w / 2, 32, a0, a1)[::-1]
    return poly(outer + inner)


def arrow(x1, y1, x2, y2, w=1.4, head=3.2):
    dx, dy = x2 - x1, y2 - y1
    n = math.hypot(dx, dy)
    ux, uy = dx / n, dy / n
    bx, by = x2 - ux * head, y2 - uy * head
    return (line(x1, y1, bx + ux * 0.5, by + uy * 0.5, w)
            + poly([(x2, y2), (bx - uy * head * 0.6, by + ux * head * 0.6),
                    (bx + uy * head * 0.6, by - ux * head * 0.6)]))


def frame(x, y, w, h, t=1.5, rx=1.5):
    o = "M%s %sh%sv%sh-%sZ" % (fmt(x), fmt(y), fmt(w), fmt(h), fmt(w))
    i = "M%s %sv%sh%sv-%sZ" % (fmt(x + t), fmt(y + t), fmt(h - 2 * t),
                               fmt(w - 2 * t), fmt(h - 2 * t))
    return '<path fill-rule="evenodd" d="%s %s"/>' % (o, i)


def net(nodes, edges, r=2.0, w=1.2):
    return ("".join(line(*nodes[a], *nodes[b], w=w) for a, b in edges)
            + "".join(circle(x, y, r) for x, y in nodes))


ICONS = {
    # D02: inputs feeding an operation feeding the output
    "computational-graph": net([(2.5, 3.5), (2.5, 12.5), (8, 8), (13.5, 8)],
                               [(0, 2), (1, 2), (2, 3)], r=2.2),
    # D01: arrows of a field pointing away from the centre
    "gradient-field": "".join(arrow(8 + 1.5 * sx, 8 + 1.5 * sy,
                                    8 + 6.8 * sx, 8 + 6.8 * sy)
                              for sx, sy in ((1, 1), (-1, 1), (1, -1),
                                             (-1, -1))),
    # D03: three inputs into one unit, one output
    "single-neuron": (line(1, 3, 8, 7) + line(1, 8, 8, 8) + line(1, 13, 8, 9)
                      + line(11, 8, 15.5, 8) + circle(10, 8, 3.6)),
    # D04: one input, a wide hidden layer, one output
    "wide-net": net([(1.8, 8), (8, 1.8), (8, 6), (8, 10), (8, 14.2),
                     (14.2, 8)],
                    [(0, 1), (0, 2), (0, 3), (0, 4), (1, 5), (2, 5),
                     (3, 5), (4, 5)], r=1.7, w=0.9),
    # D05: a narrow chain input -> hidden -> output
    "shallow-net": net([(2, 12), (8, 8), (14, 4)], [(0, 1), (1, 2)], r=2.3,
                       w=1.5),
    # D06, D07: level sets of a loss and the minimum
    "loss-landscape": (ring(8, 8, 6.5, 4.2, 1.2) + ring(8, 8, 3.6, 2.2, 1.2)
                       + circle(8, 8, 1.1)),
    # D08: many stacked layers
    "depth": "".join(rect(2, 1.5 + 3.4 * i, 12, 2.2, 0.8) for i in range(4)),
    # D09: a speed gauge (the step size)
    "learning-rate": (arc(8, 10, 6, math.pi, 2 * math.pi, 1.6)
                      + line(8, 10, 12, 5.2, 1.5) + circle(8, 10, 1.8)
                      + rect(1, 13, 14, 1.5, 0.7)),
    # D10: the game's prize, a star
    "depth-lr-game": poly([(8 + 7 * math.cos(-math.pi / 2 + i * math.pi / 5)
                            * (1 if i % 2 == 0 else 0.45),
                            8.6 + 7 * math.sin(-math.pi / 2 + i * math.pi / 5)
                            * (1 if i % 2 == 0 else 0.45))
                           for i in range(10)]),
    # D11: a die (random initial weights)
    "initialisation": (frame(1, 1, 14, 14, 1.5) + circle(5, 5, 1.3)
                       + circle(8, 8, 1.3) + circle(11, 11, 1.3)),
    # D12: three sliders
    "playground": "".join(rect(1, 2.6 + 5 * i, 14, 1.2, 0.6)
                          + circle(x, 3.2 + 5 * i, 2)
                          for i, x in enumerate((4.5, 11, 7))),
    # D13: the hierarchy of items
    "tree-dataset": net([(8, 2), (4, 8), (12, 8), (2, 14), (6, 14),
                         (10, 14), (14, 14)],
                        [(0, 1), (0, 2), (1, 3), (1, 4), (2, 5), (2, 6)],
                        r=1.6, w=1.1),
    # D14, D15: loss falling in stages
    "dynamics": (polyline([(1.5, 2), (4.5, 2.5), (5.5, 7), (9, 7.5),
                           (10, 11.5), (14.5, 12)], 1.6)
                 + rect(1, 14, 14, 1.2, 0.6)),
    # D15: a diagonal of singular values in a matrix
    "data-svd": (rect(1, 1, 1.5, 14) + rect(1, 1, 3.5, 1.5) + rect(1, 13.5, 3.5, 1.5)
                 + rect(13.5, 1, 1.5, 14) + rect(11, 1, 4, 1.5)
                 + rect(11, 13.5, 4, 1.5)
                 + rect(4, 4, 2.6, 2.6) + rect(6.9, 6.9, 2.2, 2.2)
                 + rect(9.6, 9.6, 1.6, 1.6)),
    # D16: a symmetric similarity matrix
    "rsa": "".join(rect(1 + 3.6 * i, 1 + 3.6 * j, 3.2, 3.2,
                        opacity=[1, 0.35, 0.6, 0.2][abs(i - j)])
                   for i in range(4) for j in range(4)),
    # D17: an eye (what is seen, not what is)
    "illusory": ('<path fill-rule="evenodd" d="M%s Z M%s Z"/>' % (
        " L".join("%s %s" % (fmt(x), fmt(y)) for x, y in
                  ellipse_pts(8, 8, 7.5, 4.8, 40)),
        " L".join("%s %s" % (fmt(x), fmt(y)) for x, y in
                  ellipse_pts(8, 8, 5.9, 3.3, 40)[::-1]))
                 + circle(8, 8, 2.2)),
    # D18: points and a fitted line
    "regression": (line(1, 14, 15, 3, 1.4) + circle(3, 10, 1.3)
                   + circle(6, 13, 1.3) + circle(9, 6.5, 1.3)
                   + circle(12.5, 8, 1.3) + circle(13, 2.5, 1.3)),
    # D19: a lecture screen on its stand
    "bonus-lecture": (frame(1, 1.5, 14, 9.5, 1.4, 1)
                      + poly([(6.5, 4), (10.5, 6.25), (6.5, 8.5)])
                      + line(8, 11, 5, 15, 1.3) + line(8, 11, 11, 15, 1.3)),
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for name, body in ICONS.items():
        path = os.path.join(here, "dln-%s-symbolic.svg" % name)
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<svg xmlns="http://www.w3.org/2000/svg" width="16" '
                    'height="16" viewBox="0 0 16 16">\n'
                    '<g fill="%s">%s</g>\n</svg>\n' % (FG, body))
        os.replace(tmp, path)


if __name__ == "__main__":
    main()
