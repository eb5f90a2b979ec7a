#!/usr/bin/python3
"""NumPy/PyTorch baseline for bench-surface: one frame of the D06 loss
landscape as a Python user would compute it. The grid is NumPy, vectorised:
L(w1, w2) = mean((y - w1 w2 x)^2) on 512 x 512 points through the same
sufficient statistics (Sxx, Sxy, Syy), so both sides do the same work;
the six 500-step trajectories are torch.optim (SGD, momentum, Nesterov,
Adagrad, RMSprop, Adam, float64) with autograd gradients, the reference
implementation our optimizers are tested against.

Usage: bench-surface-baseline.py REPEATS
Prints one line per repeat: grid_ms,trajectories_ms; then one line
final,NAME,x,y per optimizer for the C side's sanity check.
Run by bench-surface (the C benchmark) in the same command."""

import sys
import time

import numpy as np
import torch

N = 512
STEPS = 500
LR = 0.15
STARTS = [(0.5, -0.5), (0.55, -0.45), (-1.8, 1.7), (1.0, -1.0),
          (1.5, -1.5), (-0.3, 1.2)]
OPTS = [
    ("sgd", lambda p: torch.optim.SGD(p, lr=LR)),
    ("momentum", lambda p: torch.optim.SGD(p, lr=LR / 10, momentum=0.9)),
    ("nesterov", lambda p: torch.optim.SGD(p, lr=LR / 10, momentum=0.9,
                                           nesterov=True)),
    ("adagrad", lambda p: torch.optim.Adagrad(p, lr=LR)),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=LR / 10)),
    ("adam", lambda p: torch.optim.Adam(p, lr=LR / 10)),
]


def main():
    repeats = int(sys.argv[1])
    torch.set_num_threads(1)
    x = np.linspace(0.0, 1.0, 10)   # gen_samples(10, 1.0, 0): y = x
    y = x.copy()
    sxx, sxy, syy = np.mean(x * x), np.mean(x * y), np.mean(y * y)
    axis = np.linspace(-2.0, 2.0, N)
    finals = {}
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        w1, w2 = np.meshgrid(axis, axis)
        p = w1 * w2
        grid = syy - 2.0 * p * sxy + p * p * sxx
        t1 = time.perf_counter_ns()
        for (name, make), start in zip(OPTS, STARTS):
            w = torch.tensor(start, dtype=torch.float64, requires_grad=True)
            opt = make([w])
            for _ in range(STEPS):
                opt.zero_grad()
                q = w[0] * w[1]
                loss = syy - 2.0 * q * sxy + q * q * sxx
                loss.backward()
                opt.step()
            finals[name] = w.detach().tolist()
        t2 = time.perf_counter_ns()
        assert grid.shape == (N, N)
        print("%.6f,%.6f" % ((t1 - t0) / 1e6, (t2 - t1) / 1e6), flush=True)
    for name, _ in OPTS:
        print("final,%s,%r,%r" % (name, finals[name][0], finals[name][1]))


if __name__ == "__main__":
    main()
