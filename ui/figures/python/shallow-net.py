# --- The data: the course's gen_samples(samples, slope, noise) from
# dlnlab's generator: the uniforms x, then the normals; y = slope x + noise ---
rng = DlnRng(seed)
x = [rng.uniform() for _ in range(samples)]
y = [slope * xi + rng.normal(0.0, noise) for xi in x]
X, Y = torch.tensor(x), torch.tensor(y)

# --- The shallow narrow net y_hat = w2 w1 x, trained by full-batch SGD on
# the mean squared error (no 1/2) ---
w1 = torch.tensor(w1, requires_grad=True)
w2 = torch.tensor(w2, requires_grad=True)
optimizer = torch.optim.SGD([w1, w2], lr=lr)
losses, w1s, w2s = [math.nan] * epochs, [math.nan] * epochs, [math.nan] * epochs
for epoch in range(epochs):
    optimizer.zero_grad()
    loss = ((Y - w2 * w1 * X) ** 2).mean()
    loss.backward()
    optimizer.step()
    losses[epoch], w1s[epoch], w2s[epoch] = loss.item(), w1.item(), w2.item()
    if not all(map(math.isfinite, (losses[epoch], w1s[epoch], w2s[epoch]))):
        break                                   # diverged

# --- The fitted line at the last finite weights ---
finite = [e for e in range(epochs) if math.isfinite(w1s[e])
          and math.isfinite(w2s[e])]
w_fit = w1s[finite[-1]] * w2s[finite[-1]] if finite else math.nan
ex = [i / 36 for i in range(37)]
ey = [w_fit * xi for xi in ex]

if args.csv:
    rows = [["train", str(i), x[i], y[i], "", "", ""] for i in range(samples)]
    rows += [["eval", str(i), ex[i], ey[i], "", "", ""] for i in range(37)]
    rows += [["epoch", str(e + 1), "", "", losses[e], w1s[e], w2s[e]]
             for e in range(epochs)]
    write_csv(args.csv, ["kind", "index", "x", "y", "loss", "w1", "w2"], rows)
if plt:
    fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(12, 4.2))
    ax1.scatter(x, y, s=8, label="data")
    ax1.plot(ex, ey, "r", label="w2 w1 x")
    ax1.legend()
    ax2.plot(range(1, epochs + 1), losses)
    ax2.set_xlabel("epoch")
    ax2.set_ylabel("loss")
    ax3.plot(range(1, epochs + 1), w1s, label="w1")
    ax3.plot(range(1, epochs + 1), w2s, label="w2")
    ax3.legend()
    plt.show()
