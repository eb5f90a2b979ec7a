"""The command line the PyTorch reference generators (gen-*.py) share.

A generator prints its CSV, writes it with --out FILE, and with
--compare FILE checks it against the committed one: every number within
COMPARE_TOL of the committed value, relative to max (1, |value|).
"""

import platform
import sys

import numpy
import torch

COMPARE_TOL = 1e-12


def header(magic, script, seed):
    """The CSV's first lines: its kind, the generator, the tools, @seed."""
    return [magic,
            "# generator: tests/data/gen/" + script,
            "# tools: torch %s, numpy %s, python %s; float64 on CPU"
            % (torch.__version__, numpy.__version__,
               platform.python_version()),
            seed]


def data_rows(text):
    """The fields of each line of @text that is not blank or a comment."""
    return [l.split(",") for l in text.splitlines()
            if l and not l.startswith("#")]


def verdict(n_rows, worst):
    """Prints the comparison's summary and returns the exit status."""
    print("%d rows, max relative difference %.3g (tolerance %g)"
          % (n_rows, worst, COMPARE_TOL))
    return 0 if worst <= COMPARE_TOL else 1


def compare(path, text, n_keys):
    """Checks the CSV @text against the committed file @path: the same
    rows, the same first @n_keys fields in each (the header and the case),
    every later number within COMPARE_TOL. Returns the exit status."""
    with open(path) as f:
        old = data_rows(f.read())
    new = data_rows(text)
    if len(old) != len(new):
        print("row count differs: %d committed, %d regenerated"
              % (len(old), len(new)))
        return 1
    worst = 0.0
    for fa, fb in zip(old, new):
        if fa[:n_keys] != fb[:n_keys]:
            print("case columns differ:\n  %s\n  %s"
                  % (",".join(fa), ",".join(fb)))
            return 1
    for fa, fb in zip(old[1:], new[1:]):
        for u, v in zip(fa[n_keys:], fb[n_keys:]):
            u, v = float(u), float(v)
            worst = max(worst, abs(u - v) / max(1.0, abs(v)))
    return verdict(len(new) - 1, worst)


def main(usage, generate, n_keys):
    """Parses [--compare FILE] [--out FILE] and runs the generator; its
    rows begin with @n_keys fields that name the case (see compare)."""
    args = sys.argv[1:]
    compare_with = out = None
    while args:
        if len(args) >= 2 and args[0] == "--compare":
            compare_with, args = args[1], args[2:]
        elif len(args) >= 2 and args[0] == "--out":
            out, args = args[1], args[2:]
        else:
            sys.exit(usage)
    text = generate()
    if out is not None:
        with open(out, "w") as f:
            f.write(text)
    if compare_with is not None:
        sys.exit(compare(compare_with, text, n_keys))
    if out is None:
        sys.stdout.write(text)
