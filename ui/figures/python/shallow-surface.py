# --- The shallow net's loss over its two weights: the course's 10 samples
# y = x at x = 0, 1/9, ..., 1, so L = Syy - 2 w1 w2 Sxy + (w1 w2)^2 Sxx ---
xs = torch.arange(10) / 9.0
Sxx = Sxy = Syy = (xs * xs).mean()


def loss(w1, w2):
    return Syy - 2.0 * (w1 * w2) * Sxy + (w1 * w2) * (w1 * w2) * Sxx


def descend(w1, w2):
    """Plain gradient descent (torch.optim.SGD) from (w1, w2): the weights
    after each of `epochs` updates, NaN from a divergence on."""
    w = torch.tensor([w1, w2], requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    path = []
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss(w[0], w[1]).backward()
        optimizer.step()
        w1, w2 = w.tolist()
        if not (abs(w1) <= 1e12 and abs(w2) <= 1e12
                and math.isfinite(loss(w1, w2).item())):
            break                                   # diverged
        path.append((w1, w2))
    return path + [(math.nan, math.nan)] * (epochs - len(path))


points = [tuple(float(v) for v in p.split(",")) for p in starts.split(";")]
paths = [descend(w1, w2) for w1, w2 in points]
step = 3.8 / (samples - 1)                  # the grid over [-1.9, 1.9]^2
g = -1.9 + torch.arange(samples) * step
W1, W2 = torch.meshgrid(g, g, indexing="xy")
