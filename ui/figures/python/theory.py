# --- Theory (Saxe et al.): modes of Sigma_yx = Y^T X / P, and each mode's
# strength under the exact discrete map u <- u + h u (s_eff - u), started
# from the effective initial strengths of these very weights ---
Sigma_yx = (Y.T @ X / n_items).numpy()
U, s, Vt = np.linalg.svd(Sigma_yx, full_matrices=False)
c = 1.0 / n_items                   # Sigma_x = X^T X / P = c I
s_eff = s / c
h = 2 * lr * c / n_out              # nn.MSELoss averages P n_out terms
W1, W2 = W1_init, W2_init
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
    if not u0[k] > 0:                # a mode theory cannot follow
        theory_u[:, k] = math.nan
        continue
    a = math.sqrt(u0[k])
    theory_u[0, k] = u0[k]
    for t in range(1, epochs + 1):
        a = a + h * a * (s_eff[k] - a * a)
        theory_u[t, k] = a ** 2
tr_sigma_y = float((Y * Y).sum()) / n_items
theory_loss = [(tr_sigma_y - 2 * (s @ u) + c * (u @ u)) / n_out
               for u in np.nan_to_num(theory_u, nan=0.0)]
