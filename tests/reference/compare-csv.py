#!/usr/bin/python3
"""Compares two CSV files written by dlnlab and by an exported script.

usage: compare-csv.py DLNLAB.csv SCRIPT.csv RTOL [COLUMN ...]

Headers and non-numeric cells must be equal. Numbers agree when
|a - b| <= RTOL * scale, where scale is the larger of |a| and |b| and of
the largest magnitude in the same row among the columns of the same
family (sv1..svK, theory1..theoryK: a name without its trailing digits).
Singular values come from different SVD routines (LAPACK on W_tot, or on
dlnlab's reduced factors): each is accurate relative to the largest one of
its row, not to itself. Each COLUMN named after RTOL is instead scaled
by its largest magnitude over all rows: a loss that converges towards 0 is
a small difference of O(1) terms, accurate relative to its starting value.
A COLUMN=REF argument scales COLUMN by REF's magnitude in the same row (a
difference of two values, on their scale).
NaN must meet NaN and infinities their own sign.
Prints the largest error relative to its scale and exits 1 on a mismatch.
"""
import math
import re
import sys


def read(path):
    with open(path) as f:
        blocks = [b.strip("\n").split("\n") for b in f.read().split("\n\n")]
    return [[line.split(",") for line in block if line] for block in blocks]


def number(cell):
    try:
        return float(cell)
    except ValueError:
        return None


def family(name):
    return re.sub(r"\d+$", "", name)


def main():
    want, got, rtol = read(sys.argv[1]), read(sys.argv[2]), float(sys.argv[3])
    whole = set(a for a in sys.argv[4:] if "=" not in a)
    ref = dict(a.split("=", 1) for a in sys.argv[4:] if "=" in a)
    worst, where, bad = 0.0, "", 0
    if len(want) != len(got):
        sys.exit("%d blocks expected, %d found" % (len(want), len(got)))
    for b, (wb, gb) in enumerate(zip(want, got)):
        if len(wb) != len(gb) or wb[0] != gb[0]:
            sys.exit("block %d: header or row count differs:\n  %s\n  %s"
                     % (b, ",".join(wb[0]), ",".join(gb[0])))
        fam = [n if n in whole else family(n) for n in wb[0]]
        colmax = {}
        for wr in wb[1:]:
            for c, x in enumerate(wr):
                a = number(x)
                if c < len(fam) and fam[c] in whole and a is not None \
                        and math.isfinite(a):
                    colmax[fam[c]] = max(colmax.get(fam[c], 0.0), abs(a))
        for r, (wr, gr) in enumerate(zip(wb[1:], gb[1:]), start=2):
            if len(wr) != len(gr):
                sys.exit("block %d row %d: %d cells expected, %d found"
                         % (b, r, len(wr), len(gr)))
            scale = dict(colmax)
            for c, (x, y) in enumerate(zip(wr, gr)):
                a, z = number(x), number(y)
                if a is not None and z is not None:
                    for v in (a, z):
                        if math.isfinite(v):
                            f = fam[c] if c < len(fam) else ""
                            scale[f] = max(scale.get(f, 0.0), abs(v))
            for c, (x, y) in enumerate(zip(wr, gr)):
                a, z = number(x), number(y)
                col = wb[0][c] if c < len(wb[0]) else str(c)
                if a is None or z is None:
                    if x != y:
                        bad += 1
                        print("block %d row %d %s: '%s' != '%s'"
                              % (b, r, col, x, y))
                    continue
                if not (math.isfinite(a) and math.isfinite(z)):
                    if not (a == z or (math.isnan(a) and math.isnan(z))):
                        bad += 1
                        print("block %d row %d %s: %r != %r" % (b, r, col, a, z))
                    continue
                s = scale.get(fam[c] if c < len(fam) else "", 0.0)
                if col in ref and ref[col] in wb[0]:
                    r_val = number(wr[wb[0].index(ref[col])])
                    s = max(s, abs(r_val)) if r_val is not None else s
                err = abs(a - z) / s if s > 0 else 0.0
                if err > worst:
                    worst, where = err, "block %d row %d %s" % (b, r, col)
                if err > rtol:
                    bad += 1
                    if bad <= 10:
                        print("block %d row %d %s: %.17g != %.17g (%.3g)"
                              % (b, r, col, a, z, err))
    print("largest relative error %.3g (%s), tolerance %g"
          % (worst, where or "none", rtol))
    sys.exit(1 if bad else 0)


main()
