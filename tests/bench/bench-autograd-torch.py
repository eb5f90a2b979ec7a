#!/usr/bin/python3
"""PyTorch baseline for bench-autograd: forward + backward of the course's
f(x, y, z) = tanh(ln(1 + z*2*x/sin(y))) at (1, 2, 3), float64, CPU.

Usage: bench-autograd-torch.py EVALS
For every line read on stdin, times EVALS evaluations (forward, backward,
and clearing the leaves' gradients, as a training step would) and prints
the nanoseconds per evaluation; exits at end of input. bench-autograd
(the C benchmark) drives it, interleaving its own runs with these so that
both see the same machine load."""

import sys
import time

import torch


def main():
    evals = int(sys.argv[1])
    # One thread: scalar ops gain nothing from more, and the machine is shared.
    torch.set_num_threads(1)
    x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    y = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    z = torch.tensor(3.0, dtype=torch.float64, requires_grad=True)
    # Check the numbers once (docs/theory.md#autograd) so the timing is of real
    # work.
    f = torch.tanh(torch.log(1 + z * 2 * x / torch.sin(y)))
    f.backward()
    assert abs(f.item() - 0.965950038567272) < 1e-14
    assert abs(x.grad.item() - 0.0581308218679247) < 1e-14
    print("ready", flush=True)
    while sys.stdin.readline():
        t0 = time.perf_counter_ns()
        for _ in range(evals):
            x.grad = None
            y.grad = None
            z.grad = None
            f = torch.tanh(torch.log(1 + z * 2 * x / torch.sin(y)))
            f.backward()
        t1 = time.perf_counter_ns()
        print((t1 - t0) / evals, flush=True)


if __name__ == "__main__":
    main()
