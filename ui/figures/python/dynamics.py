# --- The data: 8 items (one-hot inputs) and their tree features ---
Y = torch.tensor(sample_tree(seed, n_features, levels, branches, p_flip,
                             p_flip_root))
X = torch.eye(Y.shape[0])
n_items, n_out = Y.shape

# --- The network: two bias-free linear layers, the course's init ---
model = nn.Sequential(nn.Linear(n_items, hidden, bias=False),
                      nn.Linear(hidden, n_out, bias=False))
init_rng = DlnRng(seed)      # weights: their own generator, same seed
with torch.no_grad():
    model[0].weight.copy_(course_init(init_rng, n_items, hidden, gamma))
    model[1].weight.copy_(course_init(init_rng, hidden, n_out, gamma))

# --- Theory (Saxe et al.): modes of Sigma_yx = Y^T X / P, and each mode's
# strength under the exact discrete map u <- u + h u (s_eff - u), started
# from the effective initial strengths of these very weights ---
Sigma_yx = (Y.T @ X / n_items).numpy()
U, s, Vt = np.linalg.svd(Sigma_yx, full_matrices=False)
c = 1.0 / n_items                   # Sigma_x = X^T X / P = c I
s_eff = s / c
h = 2 * lr * c / n_out              # nn.MSELoss averages P n_out terms
W1 = model[0].weight.detach().numpy()
W2 = model[1].weight.detach().numpy()
u0, basis = [], []
for k in range(len(s)):            # w_k = W1 v_k + W2^T u_k, orthogonalised
    w = W1 @ Vt[k] + W2.T @ U[:, k]
    for _ in range(2):
        for q in basis:
            w = w - (q @ w) * q
    u0.append((w @ w) / 4.0)
    if w @ w > 0:
        basis.append(w / math.sqrt(w @ w))
theory_u = np.empty((epochs + 1, len(s)))
for k in range(len(s)):
    a = math.sqrt(u0[k])
    theory_u[0, k] = u0[k]
    for t in range(1, epochs + 1):
        a = a + h * a * (s_eff[k] - a * a)
        theory_u[t, k] = a ** 2
tr_sigma_y = float((Y * Y).sum()) / n_items
theory_loss = [(tr_sigma_y - 2 * (s @ u) + c * (u @ u)) / n_out
               for u in theory_u]

# --- Training: full-batch gradient descent on the mean squared error ---
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=lr)
losses, svs = [], []
for epoch in range(epochs):
    optimizer.zero_grad()
    loss = loss_fn(model(X), Y)
    loss.backward()
    optimizer.step()
    losses.append(loss.item())                       # before the step
    W_tot = model[1].weight @ model[0].weight        # after the step
    svs.append(torch.linalg.svdvals(W_tot.detach()).numpy())

# --- Output: the figure's numbers, then the figure ---
K = len(s)
if args.csv:
    header = ["epoch", "primary"] + (["primary_theory"] if theory else [])
    header += ["sv%d" % (k + 1) for k in range(K)]
    header += ["theory%d" % (k + 1) for k in range(K)] if theory else []
    rows = []
    for e in range(epochs):
        row = [str(e), losses[e]] + ([theory_loss[e]] if theory else [])
        row += list(svs[e]) + (list(theory_u[e + 1]) if theory else [])
        rows.append(row)
    write_csv(args.csv, header, rows)
plt = pyplot()
if plt:
    fig, ax = plt.subplots(figsize=(10, 5))
    ax.plot(losses, "k", label="loss")
    if theory:
        ax.plot(theory_loss[:epochs], "k--", label="loss (theory)")
    ax.set_xlabel("Epoch")
    ax.set_ylabel("Mean Squared Error")
    ax2 = ax.twinx()
    ax2.plot(np.array(svs))
    if theory:
        ax2.set_prop_cycle(None)
        ax2.plot(theory_u[1:], "--")
    ax2.set_ylabel("Singular values (modes)")
    ax.set_title("Learning Dynamics")
    ax.legend(loc="center right")
    plt.show()
