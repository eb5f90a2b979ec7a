#!/usr/bin/python3
"""PyTorch float64 values, gradients and Hessians of the built-in surfaces
(tests/core/test-surface.c), as a third check of the hand-derived closed
forms next to finite differences and the expression tape.

Each surface is written here from its formula (docs/demos.md#d01,
docs/demos.md#narrow-nets and the textbook definitions), differentiated by torch.autograd.functional.hessian.
The shallow net uses the per-sample mean over gen_samples(10, 1.0, 0)
(x_i = i/9, y = x), not the sufficient statistics the C code uses.
Deterministic: no random numbers.

Usage:
  /usr/bin/python3 tests/data/gen/gen-surface-reference.py > tests/data/surface-reference.csv
  /usr/bin/python3 tests/data/gen/gen-surface-reference.py --compare FILE [--out NEW]
"""

import math

import torch

import reference_cli

MAGIC = "# dlnlab-reference surface-derivatives v1"
THETA = 0.4    # quadratic: rotation (radians) and condition number
COND = 7.0

XS = torch.tensor([i / 9 for i in range(10)], dtype=torch.float64)


def ripple(x, y):
    return torch.sin(x ** 2 + y ** 2)


def shallow(x, y):
    return torch.mean((XS - x * y * XS) ** 2)


def quadratic(x, y):
    c, s = math.cos(THETA), math.sin(THETA)
    return 0.5 * ((c * x + s * y) ** 2 + COND * (c * y - s * x) ** 2)


def rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


def himmelblau(x, y):
    return (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2


def beale(x, y):
    return ((1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2
            + (2.625 - x + x * y ** 3) ** 2)


def saddle(x, y):
    return x ** 2 - y ** 2


def plateau(x, y):
    return 1 - torch.exp(-(x ** 2 + y ** 2))


SURFACES = [("ripple", ripple), ("shallow-net", shallow),
            ("quadratic", quadratic), ("rosenbrock", rosenbrock),
            ("himmelblau", himmelblau), ("beale", beale),
            ("saddle", saddle), ("plateau", plateau)]
POINTS = [(0.3, -0.7), (-1.2, 1.1), (1.7, 0.4), (-2.5, -1.9), (0.0, 0.0)]


def generate():
    out = reference_cli.header(
        MAGIC, "gen-surface-reference.py",
        "# seed: none (deterministic); quadratic: cond %r, theta %r"
        % (COND, THETA))
    out.append("surface,x,y,value,grad_x,grad_y,h_xx,h_xy,h_yx,h_yy")
    for name, f in SURFACES:
        for x, y in POINTS:
            p = torch.tensor([x, y], dtype=torch.float64, requires_grad=True)
            v = f(p[0], p[1])
            g, = torch.autograd.grad(v, p)
            h = torch.autograd.functional.hessian(lambda q: f(q[0], q[1]),
                                                  p.detach())
            vals = [v.item()] + g.tolist() + h.flatten().tolist()
            out.append(",".join([name, repr(x), repr(y)]
                                + [repr(float(u)) for u in vals]))
    return "\n".join(out) + "\n"




def main():
    torch.set_default_dtype(torch.float64)
    reference_cli.main(__doc__, generate, 3)


if __name__ == "__main__":
    main()
