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


def main(usage, generate, compare):
    """Parses [--compare FILE] [--out FILE] and runs the generator."""
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
        sys.exit(compare(compare_with, text))
    if out is None:
        sys.stdout.write(text)
