# --- The course's 3 x 3 example: W_true's entries uniform in 0 ... 9, then
# the samples X [3, samples], then the noise, from one generator ---
def below(rng, n):
    """A uniform integer in 0 ... n-1 (the top partial copy rejected)."""
    limit = 2**64 - 1 - (2**64 - 1) % n
    while True:
        r = rng.u64()
        if r < limit:
            return r % n


def regression(X, Y):
    """The closed-form least squares W = Y X^T (X X^T)^-1, samples as
    columns: solves (X X^T) W^T = X Y^T."""
    return np.linalg.solve(X @ X.T, X @ Y.T).T


rng = DlnRng(seed)
W_true = np.array([below(rng, 10) for _ in range(9)], float).reshape(3, 3)
X3 = np.array([rng.uniform() for _ in range(3 * samples)]).reshape(3, -1)
Y3 = np.array([rng.normal(0.0, 0.01) for _ in range(3 * samples)])
Y3 = Y3.reshape(3, -1)
for k in range(3):                  # Y = W_true X + noise
    Y3 += np.outer(W_true[:, k], X3[k])
W_est = regression(X3, Y3)

# --- The tree: the closed-form map W* (X = I, samples as columns), the
# zero-depth net (one bias-free Linear with torch's default U(+-1/sqrt(P))
# weights, drawn in dlnlab's order) and the deep net trained above ---
W_star = regression(np.eye(n_items), Y.numpy().T)
zero = nn.Linear(n_items, n_out, bias=False)
init_rng, bound = DlnRng(seed), 1.0 / math.sqrt(n_items)
with torch.no_grad():
    zero.weight.copy_(torch.tensor(
        [2.0 * bound * init_rng.uniform() - bound
         for _ in range(n_items * n_out)]).reshape(n_out, n_items))
optimizer = torch.optim.SGD(zero.parameters(), lr=zero_lr)
losses_zero = [math.nan] * zero_epochs
for e in range(zero_epochs):
    optimizer.zero_grad()
    loss = loss_fn(zero(X), Y)
    losses_zero[e] = loss.item()
    if not math.isfinite(losses_zero[e]):
        break                                   # diverged
    loss.backward()
    optimizer.step()
W_tot = (model[1].weight @ model[0].weight).detach().numpy()
diff_zero = np.abs(W_star - zero.weight.detach().numpy()).max()
diff_deep = np.abs(W_star - W_tot).max()
all_equal = bool(diff_zero <= tolerance and diff_deep <= tolerance)

# --- Output: the figure's numbers, then the figure ---
if args.csv:
    rows = [[name, str(i), str(j), W[i, j]]
            for name, W in (("true", W_true), ("estimate", W_est))
            for i in range(3) for j in range(3)]
    rows += [[], ["epoch", "zero_depth", "deep"]]
    for e in range(max(zero_epochs, epochs)):
        rows.append([str(e), losses_zero[e] if e < zero_epochs else math.nan,
                     losses[e] if e < epochs else math.nan])
    rows += [[], ["diff_zero", "diff_deep", "tolerance", "all_equal"],
             [diff_zero, diff_deep, tolerance, str(int(all_equal))]]
    write_csv(args.csv, ["matrix", "row", "col", "value"], rows)
if plt:
    fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(14, 4.5))
    for ax, W, title in ((ax1, W_true, "True weights"),
                         (ax2, W_est, "Estimated (closed form)")):
        ax.imshow(W, cmap="cividis", vmin=0, vmax=9)
        for (i, j), v in np.ndenumerate(W):
            ax.text(j, i, "%.1f" % v, ha="center", va="center", color="w")
        ax.set_title(title)
    ax3.semilogy(losses_zero, label="zero depth")
    ax3.semilogy(losses, "--", label="deep (8-%d-%d)" % (hidden, n_out))
    ax3.set(xlabel="Epoch", ylabel="MSE",
            title="Training loss for zero depth LNN")
    ax3.legend()
    fig.suptitle("All approximately equal (every entry within %g): %s"
                 % (tolerance, "yes" if all_equal else "no"))
    plt.show()
