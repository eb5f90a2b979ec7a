#!/usr/bin/python3
"""Reference values for test-cli-grad: value and gradient of dlnlab
expressions computed by PyTorch (float64, CPU autograd).

Reads cases on stdin, one per line: EXPR<TAB>NAME=VALUE<TAB>NAME=VALUE...
and prints per case one line: the value, then the gradient for each NAME in
the order given, as Python floats (nan, inf, -inf included). Exits 77 when
PyTorch is missing, so the test can skip with a message.

dlnlab's grammar matches Python's for these expressions once ^ becomes **
(-x**2 = -(x**2), ** right-associative); functions map to torch's."""

import math
import sys

try:
    import torch
except ImportError:
    sys.exit(77)


def t(a):
    return torch.as_tensor(a, dtype=torch.float64)


NAMESPACE = {
    "exp": lambda a: torch.exp(t(a)),
    "log": lambda a: torch.log(t(a)),
    "ln": lambda a: torch.log(t(a)),
    "sin": lambda a: torch.sin(t(a)),
    "cos": lambda a: torch.cos(t(a)),
    "tanh": lambda a: torch.tanh(t(a)),
    "sigmoid": lambda a: torch.sigmoid(t(a)),
    "relu": lambda a: torch.relu(t(a)),
    "sqrt": lambda a: torch.sqrt(t(a)),
    "abs": lambda a: torch.abs(t(a)),
    "pow": lambda a, b: torch.pow(t(a), t(b)),
    "mse": lambda a, b: torch.nn.functional.mse_loss(t(a), t(b)),
    "pi": math.pi,
    "e": math.e,
}


def main():
    for line in sys.stdin:
        fields = line.rstrip("\n").split("\t")
        expr, assigns = fields[0], fields[1:]
        env = dict(NAMESPACE)
        names = []
        for a in assigns:
            name, value = a.split("=", 1)
            env[name] = torch.tensor(float(value), dtype=torch.float64,
                                     requires_grad=True)
            names.append(name)
        f = t(eval(expr.replace("^", "**"), {"__builtins__": {}}, env))
        f.backward()
        grads = []
        for n in names:
            g = env[n].grad
            grads.append(0.0 if g is None else g.item())
        print(" ".join(repr(v) for v in [f.item()] + grads), flush=True)


if __name__ == "__main__":
    main()
