n_items, n_out = Y.shape

# --- The network: two bias-free linear layers, the course's init ---
model = nn.Sequential(nn.Linear(n_items, hidden, bias=False),
                      nn.Linear(hidden, n_out, bias=False))
init_rng = DlnRng(seed)      # weights: their own generator, same seed
with torch.no_grad():
    model[0].weight.copy_(course_init(init_rng, n_items, hidden, gamma))
    model[1].weight.copy_(course_init(init_rng, hidden, n_out, gamma))
W1_init = model[0].weight.detach().numpy().copy()
W2_init = model[1].weight.detach().numpy().copy()

# --- Training: full-batch gradient descent on the mean squared error.
# The course records an epoch's loss (and hidden similarity, predictions)
# before its step and the singular values of W_tot after it ---
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=lr)
K = min(n_items, n_out)
losses, svs = [math.nan] * epochs, [[math.nan] * K] * epochs
rsms, Y_hats = [], []
for e in range(epochs):
    optimizer.zero_grad()
    H = model[0](X)                                  # hidden layer [P, H]
    Y_hat = model[1](H)
    loss = loss_fn(Y_hat, Y)
    losses[e] = loss.item()
    rsms.append((H @ H.T).detach().numpy())
    Y_hats.append(Y_hat.detach().numpy())
    if not math.isfinite(loss.item()):
        break                                        # diverged
    loss.backward()
    optimizer.step()
    W_tot = model[1].weight @ model[0].weight
    svs[e] = torch.linalg.svdvals(W_tot.detach()).numpy()
with torch.no_grad():
    H = model[0](X)
    rsms.append((H @ H.T).numpy())                   # after the last step
