#!/usr/bin/python3
"""Reference values for test-cli-grad: value and gradient of dlnlab
expressions computed by PyTorch (float64, CPU autograd).

Reads cases on stdin, one per line: EXPR<TAB>NAME=VALUE<TAB>NAME=VALUE...
and prints per case one line: the value, then the gradient for each NAME in
the order given, as Python floats (nan, inf, -inf included). Exits 77 when
PyTorch is missing, so the test can skip with a message.

dlnlab's grammar matches Python's for these expressions once ^ becomes **
(-x**2 = -(x**2), ** right-associative); functions map to torch's.
Programs ("z = 2*x; y = z*z", statements split by ';' or line breaks
outside parentheses, the last one the output) run statement by statement,
so a named value is one tensor that autograd differentiates through every
use, as in PyTorch itself. Line breaks are written as \n in the case
file."""

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


def statements(text):
    """Splits a program at ';' and line breaks outside parentheses."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch in ";\n":
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [st.strip() for st in out if st.strip()]


def run(text, env):
    """Value of an expression or of a program's last statement."""
    value = None
    for st in statements(text.replace("\\n", "\n").replace("^", "**")):
        name, eq, rhs = st.partition("=")
        if eq and name.strip().isidentifier():
            value = eval(rhs, {"__builtins__": {}}, env)
            env[name.strip()] = value
        else:
            value = eval(st, {"__builtins__": {}}, env)
    return value


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
        f = t(run(expr, env))
        f.backward()
        grads = []
        for n in names:
            g = env[n].grad
            grads.append(0.0 if g is None else g.item())
        print(" ".join(repr(v) for v in [f.item()] + grads), flush=True)


if __name__ == "__main__":
    main()
