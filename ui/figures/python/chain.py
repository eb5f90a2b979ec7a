# --- The data (the course's gen_samples (n, a, sigma), dlnlab's draws):
# n uniforms x, then n normals; y = a x + noise ---
rng = DlnRng(seed)
x = [rng.uniform() for _ in range(n_samples)]
y = [slope * xj + rng.normal(0.0, noise) for xj in x]
x, y = torch.tensor(x), torch.tensor(y)


def train_chain(n_weights, init, lr, epochs):
    """The course's deep narrow chain: yhat = (w_1 ... w_n) x, loss
    mean((y - yhat)^2 / 2), full-batch SGD. The gradient is the course's:
    -mean(x E) p / (w_i + 1e-9), E = y - yhat, p = the product of the w
    (the 1e-9 stands in for the product of the others). Returns the loss
    before each update, NaN from the epoch the run diverged."""
    w = torch.full((n_weights,), init)
    optimizer = torch.optim.SGD([w], lr=lr)
    losses = [math.nan] * epochs
    for epoch in range(epochs):
        p = torch.prod(w)
        E = y - p * x
        loss = (E ** 2).mean() / 2
        w.grad = -(x * E).mean() * p / (w + 1e-9)
        if not (torch.isfinite(loss) and torch.isfinite(w.grad).all()):
            break
        optimizer.step()
        losses[epoch] = loss.item()
    return losses
