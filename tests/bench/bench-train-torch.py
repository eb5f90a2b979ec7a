#!/usr/bin/python3
"""PyTorch float64 baseline for bench-train: the course's Tutorial 3 run.

NMA W1D2 Tutorial 3 (docs/demos.md, D14-D17): LNNet(8, 30, 10001) without
biases, weights N(0, (g / sqrt(n_in + n_out))^2) with g = 1e-12, plain SGD
lr 100 on nn.MSELoss (mean), full batch; each epoch: zero_grad, forward
(output and hidden), loss, backward, step, then record the loss, the SVD of
W2 @ W1 (after the step), the hidden RSM h h^T and the tracked prediction
(shark, has_bones), as the course's ex_net_svd / net_rsm / illusory loop
do. The data are the course's tree sampler (10000 +-1 features + the
has_bones column), built outside the timer.

Prints: "<ms for 250 epochs> <description>)". Runs EPOCHS epochs (250 by
default, fewer with an argument; the time is then scaled linearly and the
description says so).
"""
import sys
import time

import numpy as np
import torch

torch.set_default_dtype(torch.float64)


def tree_data(n_features=10000, seed=2021):
    rng = np.random.default_rng(seed)
    parent = [-1, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]
    u = rng.random((n_features, 15))
    p = np.full(15, 0.15)
    p[0] = 0.5
    s = np.where(u > p, 1.0, -1.0)
    y = np.empty((n_features, 8))
    for i, leaf in enumerate(range(7, 15)):
        v = np.ones(n_features)
        node = leaf
        while node >= 0:
            v *= s[:, node]
            node = parent[node]
        y[:, i] = v
    bones = np.array([-1, 1, 1, 1, -1, -1, -1, -1], dtype=float)
    return np.concatenate([y.T, bones[:, None]], axis=1)  # 8 x 10001


class LNNet(torch.nn.Module):
    def __init__(self, n_in, n_hid, n_out):
        super().__init__()
        self.in_hid = torch.nn.Linear(n_in, n_hid, bias=False)
        self.hid_out = torch.nn.Linear(n_hid, n_out, bias=False)

    def forward(self, x):
        h = self.in_hid(x)
        return self.hid_out(h), h


def run(y, epochs, lr=100.0, gamma=1e-12):
    torch.manual_seed(2021)
    x = torch.eye(8)
    yt = torch.tensor(y)
    net = LNNet(8, 30, yt.shape[1])
    for w in net.parameters():
        torch.nn.init.normal_(w, std=gamma / np.sqrt(w.shape[0] + w.shape[1]))
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    crit = torch.nn.MSELoss()
    losses = np.zeros(epochs)
    svs = np.zeros((epochs, 8))
    rsms = np.zeros((epochs, 8, 8))
    preds = np.zeros(epochs)
    for e in range(epochs):
        opt.zero_grad()
        out, h = net(x)
        loss = crit(out, yt)
        loss.backward()
        opt.step()
        losses[e] = loss.item()
        with torch.no_grad():
            w_tot = net.hid_out.weight @ net.in_hid.weight
            svs[e] = torch.svd(w_tot)[1].numpy()
            rsms[e] = (h @ h.T).detach().numpy()
            preds[e] = out[0, -1].item()
    return losses, svs


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 250
    y = tree_data()
    t0 = time.perf_counter()
    run(y, epochs)
    ms = (time.perf_counter() - t0) * 1e3 * 250 / epochs
    note = "" if epochs == 250 else f", {epochs} epochs timed, scaled to 250"
    print(f"{ms:.1f} ms, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads{note})")


if __name__ == "__main__":
    main()
