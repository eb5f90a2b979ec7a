# --- The SVD of the data, as the network sees it: Sigma_yx = Y^T X / P.
# With one-hot items its singular values times P are those of Y; signs
# are fixed so each item mode's largest entry (the first of near-ties) is
# positive ---
if dataset == "tree-table":
    Y = torch.where(Y == 0, -1.0, Y)
n_items = Y.shape[0]
Sigma_yx = (Y.T @ X / n_items).numpy()
U, s, Vt = np.linalg.svd(Sigma_yx, full_matrices=False)
V = Vt.T
for k in range(V.shape[1]):
    big = np.abs(V[:, k]).max()
    pick = np.nonzero(np.abs(V[:, k]) >= big * (1.0 - 1e-9))[0][0]
    if V[pick, k] < 0:
        U[:, k], V[:, k] = -U[:, k], -V[:, k]
c = 1.0 / n_items                    # Sigma_x = X^T X / P = c I
s_eff = s / c
shown = min(features, U.shape[0])
# For the course's tree: the expected singular values sqrt(N lambda) from
# the item correlations' eigenvalues (q = 1 - 2 p_flip)
reference = None
if dataset == "tree" and n_items == 8:
    q2 = (1 - 2 * p_flip) ** 2
    q4 = q2 * q2
    lam = [1 + q2 + 2 * q4 + 4 * q4 * q2, 1 + q2 + 2 * q4 - 4 * q4 * q2,
           1 + q2 - 2 * q4, 1 + q2 - 2 * q4] + [1 - q2] * 4
    reference = [math.sqrt(Y.shape[1] * l) for l in lam]

if args.csv:
    K = len(s)
    rows = [[str(k + 1), s_eff[k]] + ([reference[k]] if reference else [])
            for k in range(K)]
    rows += [[], ["row"] + ["u%d" % (k + 1) for k in range(K)]]
    rows += [[item_names[i]] + list(V[i]) for i in range(n_items)]
    rows += [[], ["mode"] + feature_names[:shown]]
    rows += [[str(k + 1)] + list(U[:shown, k]) for k in range(K)]
    write_csv(args.csv, ["mode", "s"] + (["reference"] if reference else []),
              rows)
if plt:
    fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(12, 5))
    ax1.imshow(V, cmap="RdBu_r", vmin=-1, vmax=1)
    ax1.set_yticks(range(n_items), item_names)
    ax1.set_title("Item modes")
    ax2.plot(range(1, len(s) + 1), s_eff, "o-", label="singular values")
    if reference:
        ax2.plot(range(1, len(s) + 1), reference, "x", label="expected")
    ax2.legend()
    ax3.imshow(U[:shown].T, cmap="RdBu_r", aspect="auto")
    ax3.set_title("Feature modes (first columns)")
    plt.show()
