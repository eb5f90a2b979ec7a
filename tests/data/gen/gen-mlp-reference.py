#!/usr/bin/python3
"""PyTorch float64 reference for the D04 wide tanh net (tests/core/test-mlp.c).

Linear(1, 512) + bias -> tanh -> Linear(512, 1) + bias, nn.MSELoss (mean),
torch.optim.SGD(lr=0.003, momentum=0.9), full batch, 300 steps; records the
loss of the forward pass before each step and some final parameters.

Initial weights and data are closed-form (no random numbers), so the C test
rebuilds them bit for bit with the same libm calls (math.sin here, sin()
there; both glibc), and only the numbers torch produces are stored:
  W1[j] = sin(0.37 j + 0.1)            b1[j] = 0.9 cos(0.53 j + 0.2)
  W2[j] = sin(1.7 j + 0.3) / sqrt(512)  b2 = 0.02
  x_i = -1 + 2 i / 31 (i = 0..31)      y_i = sin(pi x_i) + 0.25 sin(12.9 i + 0.4)

Usage:
  /usr/bin/python3 tests/data/gen/gen-mlp-reference.py > tests/data/mlp-reference.csv
  /usr/bin/python3 tests/data/gen/gen-mlp-reference.py --compare FILE [--out NEW]
"""

import math

import torch

import reference_cli

MAGIC = "# dlnlab-reference mlp-d04 v1"
H = 512
N = 32
STEPS = 300


def init_values():
    w1 = [math.sin(0.37 * j + 0.1) for j in range(H)]
    b1 = [0.9 * math.cos(0.53 * j + 0.2) for j in range(H)]
    w2 = [math.sin(1.7 * j + 0.3) / math.sqrt(512.0) for j in range(H)]
    x = [-1.0 + 2.0 * i / 31.0 for i in range(N)]
    y = [math.sin(math.pi * x[i]) + 0.25 * math.sin(12.9 * i + 0.4)
         for i in range(N)]
    return w1, b1, w2, 0.02, x, y


def generate():
    torch.set_default_dtype(torch.float64)
    w1, b1, w2, b2, x, y = init_values()
    l1 = torch.nn.Linear(1, H)
    l2 = torch.nn.Linear(H, 1)
    with torch.no_grad():
        l1.weight.copy_(torch.tensor(w1).reshape(H, 1))
        l1.bias.copy_(torch.tensor(b1))
        l2.weight.copy_(torch.tensor(w2).reshape(1, H))
        l2.bias.fill_(b2)
    net = torch.nn.Sequential(l1, torch.nn.Tanh(), l2)
    X = torch.tensor(x).reshape(N, 1)
    Y = torch.tensor(y).reshape(N, 1)
    opt = torch.optim.SGD(net.parameters(), lr=0.003, momentum=0.9)
    lossf = torch.nn.MSELoss()
    rows = []
    for k in range(STEPS):
        opt.zero_grad()
        loss = lossf(net(X), Y)
        loss.backward()
        if k == 0:
            for name, t in (("grad_W1", l1.weight.grad.flatten()),
                            ("grad_b1", l1.bias.grad),
                            ("grad_W2", l2.weight.grad.flatten())):
                for j in (0, 1, 255, 511):
                    rows.append((name, j, t[j].item()))
            rows.append(("grad_b2", 0, l2.bias.grad[0].item()))
        opt.step()
        rows.append(("loss", k, loss.item()))
    for name, t in (("W1", l1.weight.flatten()), ("b1", l1.bias),
                    ("W2", l2.weight.flatten())):
        for j in (0, 1, 255, 511):
            rows.append((name, j, t[j].item()))
    rows.append(("b2", 0, l2.bias[0].item()))
    out = reference_cli.header(
        MAGIC, "gen-mlp-reference.py",
        "# seed: none (closed-form weights and data, see the generator)")
    out.append("quantity,index,value")
    out += ["%s,%d,%r" % r for r in rows]
    return "\n".join(out) + "\n"




def main():
    reference_cli.main(__doc__, generate, 2)


if __name__ == "__main__":
    main()
