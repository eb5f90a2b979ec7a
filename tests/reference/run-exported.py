#!/usr/bin/python3
"""Runs a demo's exported PyTorch script and compares its CSV with dlnlab's.

usage: run-exported.py NAME     (DLNLAB_CLI names the dlnlab-cli to test)

For each setting of NAME below (the defaults and one other), writes
`dlnlab-cli export NAME --out dlnlab.csv OPTIONS` and `... --out run.py
OPTIONS`, runs `/usr/bin/python3 run.py --csv script.csv --no-plot` and
compares the two CSVs with compare-csv.py at the demo's tolerance.
Needs python3-torch (make check-reference installs it).
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# name: (relative tolerance, columns scaled by their largest value, settings);
# a setting given as (options, columns) scales its own columns instead.
# Tolerances: 1e-9 unless a run amplifies rounding, said where so.
CASES = {
    # The Register game: the current run and, at the defaults, the 126
    # runs that choose each depth's fastest slider eta; learning times are
    # whole epochs and must be equal.
    "register": (1e-9, [], [
        [], ["--depth", "30", "--lr", "0.04", "--registered",
             "10:0.1,20:0.07,40:0.03", "--seed", "5"]]),
    # The shallow net's loss vanishes on the hyperbola w1 w2 = 1 and its
    # gradient at the saddle: loss, gradients and z = log(L + 0.5) are
    # compared on their column's scale.
    "loss-landscape": (1e-9, ["loss", "g1", "g2"], [
        [], ["--lr", "0.3", "--epochs", "60", "--starts", "1.5,1.2;-0.2,0.1",
             "--samples", "51"]]),
    "loss-surface-3d": (1e-9, ["z"], [
        [], ["--lr", "0.05", "--epochs", "100", "--starts", "0.3,-1.6",
             "--samples", "31", "--azimuth", "-40"]]),
    # The race's 3-D view: z = log(L - fmin + 0.5) crosses 0 where
    # L - fmin = 0.5, so z is compared on its column's scale.
    "loss-landscape-race-3d": (1e-9, ["z"], [
        [], ["--surface", "himmelblau", "--optimizers", "momentum,rmsprop",
             "--lr", "0.01", "--epochs", "80", "--starts", "0,0;-3,3",
             "--azimuth", "30", "--elevation", "20"]]),
    # The computational graph: values, gradients and local derivatives
    # from torch's autograd; a value near 0 (a cancellation) is compared on
    # its column's scale.
    "graph": (1e-9, ["value", "grad", "local"], [
        [], ["--expr", "a = x*y; b = a + sin(x); c = relu(b - 1) + 2^3; "
             "mse(c, a) + exp(-x)/sqrt(pi)", "--at", "x=0.7,y=-1.3"]]),
    # The typed surface through core's translation (dln-expr-python). A
    # grid value near a zero of z is a difference of O(1) terms: z and
    # the gradient are compared relative to their largest magnitude.
    "gradient-field": (1e-9, ["z", "dzdx", "dzdy"], [
        [], ["--expr", "r = x^2 + y^2; q = exp(-r/4); q*cos(3*x) - relu(y)",
             "--extent", "2", "--samples", "41", "--arrows", "7",
             "--arrow-extent", "1.5"]]),
    # The loss falls from 1 to ~1e-7: compared relative to its start. At
    # the largest lr the run diverges at epoch 13 (loss 2.4e174, then Inf,
    # then NaN): the same epochs, values and theory in both, each value
    # relative to itself (the blow-up would swamp a column's scale).
    "dynamics": (1e-9, ["primary", "primary_theory"],
                 [[], ["--lr", "50", "--gamma", "0.001", "--epochs", "300",
                       "--hidden", "12", "--seed", "7", "--theory", "no"],
                  (["--lr", "10000"], [])]),
    # The narrow chains: the loss at the defaults falls by 1e3 at most.
    "depth-loss": (1e-9, [], [[], ["--depth", "20", "--init", "0.95",
                                   "--epochs", "300", "--seed", "5"]]),
    "lr-loss": (1e-9, [], [[], ["--lr", "0.03", "--depth", "30"]]),
    "playground-loss": (1e-9, [], [[], ["--depth", "10", "--lr", "0.02",
                                        "--init", "1.2"]]),
    "init-loss": (1e-9, [], [[], ["--depth", "8", "--lr", "0.05",
                                  "--epochs", "100"]]),
    "training-loss": (1e-9, ["y"], [[], ["--lr", "20", "--gamma", "0.01",
                                         "--epochs", "120", "--log", "yes"]]),
    "rsm": (1e-9, ["primary", "primary_theory"],
            [[], ["--epoch", "120", "--similarity", "cosine", "--theory",
                  "yes", "--hidden", "16"]]),
    # The prediction starts near 1e-27 and ends near +-1: compared
    # relative to its largest magnitude.
    "illusory": (1e-9, ["primary"], [[], ["--dataset", "tree-parrot",
                                          "--seed", "11"]]),
    # D18: the losses fall towards 0 (compared on their column's scale);
    # the largest differences |W* - W| are differences of O(1) weights,
    # compared on the scale of the bound they are held to (1e-2).
    "map-compare": (1e-9, ["zero_depth", "deep", "diff_zero=tolerance",
                           "diff_deep=tolerance"],
                    [[], ["--lr", "50", "--gamma", "0.001", "--epochs", "150",
                          "--hidden", "12", "--seed", "7", "--zero-lr", "300",
                          "--zero-epochs", "80"]]),
    # abs_diff is the difference of the two gradients: compared on the
    # gradients' scale.
    "neuron-check": (1e-9, ["abs_diff=analytic"],
                     [[], ["--x", "0.3", "--y", "-2", "--w", "1.5",
                           "--b", "-0.25"]]),
    "wide-net-regression": (1e-9, [], [[], ["--epochs", "300", "--lr",
                                            "0.01", "--momentum", "0.5",
                                            "--hidden", "64", "--seed", "3"]]),
    # The six torch.optim optimizers from three starts; z is log(L + 1e-3).
    "loss-landscape-race": (1e-9, [], [
        [], ["--optimizers", "sgd,momentum,nesterov,adagrad,rmsprop,adam"],
        ["--surface", "rosenbrock", "--optimizers",
         "sgd,momentum,nesterov,adagrad,rmsprop,adam", "--lr", "0.001",
         "--momentum", "0.8", "--epochs", "300", "--starts",
         "-1.5,2;0.5,-0.5"],
        ["--expr", "a = x^2 + 3*y^2; a/4 + sin(x)*cos(y)", "--optimizers",
         "sgd,momentum,adam", "--lr", "0.05", "--epochs", "60", "--starts",
         "1,1;-2,0.5"]]),
    "shallow-net": (1e-9, [], [[], ["--w1", "-0.3", "--w2", "0.8", "--lr",
                                    "0.05", "--epochs", "400", "--seed",
                                    "9", "--samples", "20", "--slope",
                                    "-1.5", "--noise", "0.5"]]),
    "tree-data": (1e-9, [], [[], ["--dataset", "tree-shark", "--features",
                                  "12", "--seed", "4"]]),
    # Singular vectors are compared on the scale of their row's largest
    # entry (family u1..uK, f1..fN); the tree's singular values are
    # distinct, so each vector is unique up to the sign rule.
    "data-svd": (1e-9, [], [[], ["--dataset", "tree-parrot", "--features",
                                 "15", "--seed", "8"]]),
}


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("failed (%d): %s\n%s%s" % (r.returncode, " ".join(cmd),
                                            r.stdout, r.stderr))
    return r.stdout


def main():
    name = sys.argv[1]
    cli = os.environ["DLNLAB_CLI"]
    rtol, whole, settings = CASES[name]
    with tempfile.TemporaryDirectory() as tmp:
        for i, opts in enumerate(settings):
            cols = whole
            if isinstance(opts, tuple):   # (options, its own scaled columns)
                opts, cols = opts
            want = os.path.join(tmp, "dlnlab-%d.csv" % i)
            got = os.path.join(tmp, "script-%d.csv" % i)
            script = os.path.join(tmp, "run-%d.py" % i)
            run([cli, "export", name, "--out", want] + opts)
            run([cli, "export", name, "--out", script] + opts)
            run(["/usr/bin/python3", script, "--csv", got, "--no-plot"],
                cwd=tmp)
            print("%s %s:" % (name, " ".join(opts) or "(defaults)"))
            print(run(["/usr/bin/python3", os.path.join(HERE, "compare-csv.py"),
                       want, got, repr(rtol)] + cols), end="")


if __name__ == "__main__":
    main()
