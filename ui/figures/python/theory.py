# --- Theory (Saxe et al.): each mode of Sigma_yx = Y^T X / P grows by the
# exact discrete map a <- a + h a (s / c - a^2) from these weights' start ---
U, s, Vt = np.linalg.svd((Y.T @ X / n_items).numpy(), full_matrices=False)
c = 1.0 / n_items                   # Sigma_x = X^T X / P = c I
h = 2 * lr * c / n_out              # nn.MSELoss averages P n_out terms
theory_u = np.full((epochs + 1, len(s)), math.nan)
basis = []
for k in range(len(s)):            # w_k = W1 v_k + W2^T u_k, orthogonalised
    w = W1_init @ Vt[k] + W2_init.T @ U[:, k]
    for q in basis + basis:         # Gram-Schmidt, twice for accuracy
        w = w - (q @ w) * q
    u0 = (w @ w) / 4.0
    if w @ w > 0:
        basis.append(w / math.sqrt(w @ w))
    if u0 > 0:                      # else a mode theory cannot follow
        a = math.sqrt(u0)
        theory_u[0, k] = u0
        for t in range(1, epochs + 1):
            a = a + h * a * (s[k] / c - a * a)
            theory_u[t, k] = a ** 2
# the loss: a mode the map cannot follow counts as unlearned
tr_sigma_y = float((Y * Y).sum()) / n_items
with np.errstate(all="ignore"):     # (an overflowed mode diverges it too)
    theory_loss = [(tr_sigma_y - 2 * (s @ u) + c * (u @ u)) / n_out
                   for u in np.where(np.isnan(theory_u[0]), 0.0, theory_u)]
