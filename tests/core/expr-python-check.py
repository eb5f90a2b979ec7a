#!/usr/bin/python3
"""Runs the translated expressions of test-expr-python against dlnlab.

usage: expr-python-check.py CASES.py (floats | torch)

CASES.py defines functions f0, f1, ... (the translations) and CASES, a
list of (function, number of variables, [(values, dlnlab's value)]).
"torch" calls them with float64 tensors; "floats" (no torch needed) with
Python floats that behave as IEEE doubles do in C, standing in for
tensors. Values must agree to 1e-12 relative (the same operations in the
same order; the elementary functions may differ in the last bit), NaN
with NaN and infinities in sign. Exits 1 on a mismatch.
"""
import math
import sys
import types


class F(float):
    """A double with C's semantics: 1/0 is inf, 0/0 and (-8)**0.5 NaN,
    overflow inf, where Python's float raises."""

    def __add__(a, b): return F(float(a) + float(b))
    def __radd__(a, b): return F(float(b) + float(a))
    def __sub__(a, b): return F(float(a) - float(b))
    def __rsub__(a, b): return F(float(b) - float(a))
    def __mul__(a, b): return F(float(a) * float(b))
    def __rmul__(a, b): return F(float(b) * float(a))
    def __truediv__(a, b): return F(div(float(a), float(b)))
    def __rtruediv__(a, b): return F(div(float(b), float(a)))
    def __pow__(a, b): return F(power(float(a), float(b)))
    def __rpow__(a, b): return F(power(float(b), float(a)))
    def __neg__(a): return F(-float(a))


def div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)


def power(a, b):
    if b == 2.0:
        return a * a          # as dlnlab and torch square
    try:
        return math.pow(a, b)
    except ValueError:
        if a == 0:            # 0 ** negative
            odd = b == math.floor(b) and b % 2 == 1
            return math.copysign(math.inf, a) if odd else math.inf
        return math.nan
    except OverflowError:
        odd = b == math.floor(b) and b % 2 == 1
        return -math.inf if a < 0 and odd else math.inf


def safe(f):
    def call(a):
        try:
            return F(f(float(a)))
        except (ValueError, OverflowError):
            return None
    return call


def log(a):
    return -math.inf if a == 0 else (math.log(a) if a > 0 else math.nan)


def exp(a):
    try:
        return math.exp(a)
    except OverflowError:
        return math.inf


def trig(f):
    return lambda a: math.nan if math.isinf(a) or math.isnan(a) else f(a)


floats = types.SimpleNamespace(
    tensor=F,
    exp=lambda a: F(exp(float(a))),
    log=lambda a: F(log(float(a))),
    sin=lambda a: F(trig(math.sin)(float(a))),
    cos=lambda a: F(trig(math.cos)(float(a))),
    tanh=lambda a: F(math.tanh(float(a))),
    sigmoid=lambda a: F(div(1.0, 1.0 + exp(-float(a)))),
    relu=lambda a: F(a if math.isnan(a) or a > 0 else 0.0),
    sqrt=lambda a: F(math.sqrt(a) if a >= 0 else math.nan),
    abs=lambda a: F(math.fabs(a)),
)


def main():
    mode = sys.argv[2]
    if mode == "torch":
        import torch
        torch.set_default_dtype(torch.float64)
        arg = torch.tensor
        namespace = {"torch": torch}
    else:
        arg = F
        namespace = {"torch": floats}
    namespace["math"] = math
    with open(sys.argv[1]) as f:
        exec(compile(f.read(), sys.argv[1], "exec"), namespace)
    worst, bad, n = 0.0, 0, 0
    for f, n_vars, points in namespace["CASES"]:
        for values, want in points:
            got = float(f(*[arg(float(v)) for v in values]))
            n += 1
            if math.isnan(want) or math.isinf(want):
                ok = (math.isnan(got) if math.isnan(want) else got == want)
                err = 0.0 if ok else math.inf
            else:
                scale = max(abs(want), abs(got), 1e-300)
                err = abs(got - want) / scale if math.isfinite(got) \
                    else math.inf
                ok = err <= 1e-12
            worst = max(worst, err)
            if not ok:
                bad += 1
                print("%s%s: %r, dlnlab %r (%s)" % (
                    f.__name__, tuple(values), got, want,
                    f.__doc__))
    print("%s: %d values of %d expressions, largest relative difference "
          "%.2g, %d mismatches" % (mode, n, len(namespace["CASES"]), worst,
                                   bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
