# --- The loss on the grid, and its gradient (autograd) on the course's
# 20 x 20 arrows, w = -1.9, -1.7, ..., 1.9 ---
with torch.no_grad():
    L = loss(W1, W2)
a = -1.9 + torch.arange(20) * (3.8 / 19)
A1, A2 = torch.meshgrid(a, a, indexing="xy")
A1.requires_grad_(True)
A2.requires_grad_(True)
loss(A1, A2).sum().backward()        # each point's gradient, independently


def cell(v):
    return "" if math.isnan(v) else v  # dlnlab leaves NaN cells empty


if args.csv:
    rows = [["grid", str(j * samples + i), -1.9 + step * i, -1.9 + step * j,
             L[j, i].item(), "", ""]
            for j in range(samples) for i in range(samples)]
    rows += [["arrow", str(k), -1.9 + 0.2 * (k % 20), -1.9 + 0.2 * (k // 20),
              "", A1.grad.flatten()[k].item(), A2.grad.flatten()[k].item()]
             for k in range(400)]
    rows += [["traj%d" % t, str(i), w1, w2, "", "", ""]
             for t, path in enumerate(paths) for i, (w1, w2) in enumerate(path)]
    write_csv(args.csv, ["kind", "index", "w1", "w2", "loss", "g1", "g2"],
              rows)
if plt:
    plt.figure(figsize=(8, 7))
    plt.contourf(W1, W2, torch.log(L), levels=levels, cmap="viridis")
    plt.colorbar(label="log L")
    plt.quiver(A1.detach(), A2.detach(), -A1.grad, -A2.grad, color="white")
    for t, path in enumerate(paths):
        plt.plot(*zip(*path), ".-", label="GD from start %d" % t)
    plt.xlabel("w1")
    plt.ylabel("w2")
    plt.title("Loss of y_hat = w1 w2 x, GD lr = %g, %d epochs" % (lr, epochs))
    plt.legend()
    plt.show()
