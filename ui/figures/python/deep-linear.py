# --- The network: two bias-free linear layers with the course's
# initialisation, drawn by a generator of their own (same seed) ---
n_items, n_out = Y.shape
model = nn.Sequential(nn.Linear(n_items, hidden, bias=False),
                      nn.Linear(hidden, n_out, bias=False))
init_rng = DlnRng(seed)
with torch.no_grad():
    model[0].weight.copy_(course_init(init_rng, n_items, hidden, gamma))
    model[1].weight.copy_(course_init(init_rng, hidden, n_out, gamma))
W1_init = model[0].weight.detach().numpy().copy()
W2_init = model[1].weight.detach().numpy().copy()

# --- Training: full-batch gradient descent on the mean squared error; the
# loss before each step, the singular values of W_tot = W2 W1 after it ---
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=lr)
K = min(n_items, n_out)
losses, svs = [math.nan] * epochs, [[math.nan] * K] * epochs
rsms, predictions = [], []
for e in range(epochs):
    optimizer.zero_grad()
    H = model[0](X)                             # hidden layer [items, hidden]
    Y_hat = model[1](H)
    loss = loss_fn(Y_hat, Y)
    losses[e] = loss.item()
    rsms.append((H @ H.T).detach().numpy())
    if tracked:
        predictions.append(Y_hat[tracked].item())
    if not math.isfinite(losses[e]):            # diverged: dlnlab keeps no
        svs[e - 1] = [math.nan] * K             # state with a non-finite loss
        break
    loss.backward()
    optimizer.step()
    W_tot = model[1].weight @ model[0].weight
    svs[e] = torch.linalg.svdvals(W_tot.detach()).numpy()
