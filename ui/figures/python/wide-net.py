# --- The data: 32 evenly spaced x on [-1, 1], y = sin(pi x) + noise ---
rng = DlnRng(seed)
n_samples = 32
x = [-1.0 + 2.0 * i / (n_samples - 1) for i in range(n_samples)]
y = [math.sin(math.pi * xi) + rng.normal(0.0, 0.25) for xi in x]
X, Y = torch.tensor(x)[:, None], torch.tensor(y)[:, None]

# --- The network: Linear(1, H) -> tanh -> Linear(H, 1), with biases;
# torch's default U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn in dlnlab's
# order (W1, b1, W2, b2) from the generator seeded again ---
model = nn.Sequential(nn.Linear(1, hidden), nn.Tanh(), nn.Linear(hidden, 1))
rng = DlnRng(seed)
with torch.no_grad():
    for p, bound in ((model[0].weight, 1.0), (model[0].bias, 1.0),
                     (model[2].weight, 1 / math.sqrt(hidden)),
                     (model[2].bias, 1 / math.sqrt(hidden))):
        draws = [bound * (2.0 * rng.uniform() - 1.0) for _ in range(p.numel())]
        p.copy_(torch.tensor(draws).reshape(p.shape))

# --- Training: full batch, nn.MSELoss, SGD with momentum ---
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
losses = [math.nan] * epochs
for epoch in range(epochs):
    optimizer.zero_grad()
    loss = loss_fn(model(X), Y)
    losses[epoch] = loss.item()
    if not math.isfinite(loss.item()):
        break
    loss.backward()
    optimizer.step()
with torch.no_grad():
    prediction = model(X)[:, 0].tolist()

if args.csv:
    rows = [["sample", str(i), x[i], y[i], prediction[i], ""]
            for i in range(n_samples)]
    rows += [["epoch", str(e + 1), "", "", "", loss]
             for e, loss in enumerate(losses)]
    write_csv(args.csv, ["kind", "index", "x", "y", "prediction", "loss"],
              rows)
if plt:
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
    ax1.scatter(x, y, label="data")
    ax1.plot(x, prediction, "r", label="network")
    ax1.legend()
    ax2.plot(range(1, epochs + 1), losses)
    ax2.set_xlabel("epoch")
    ax2.set_ylabel("loss")
    plt.show()
