# --- The 3-D view: log(L - fmin + 0.5) on a 48 x 48 grid over the square
# around the view box, and along each path ---
n3, lo, hi = 48, min(xmin, ymin), max(xmax, ymax)
g3 = [lo + (hi - lo) * i / (n3 - 1) for i in range(n3)]


def z3(x, y):
    with torch.no_grad():
        return torch.log(f(torch.tensor(x), torch.tensor(y)) - fmin
                         + 0.5).item()


if args.csv:
    rows = [["path", name, str(i), str(k), x, y, z3(x, y)]
            for name, i, path in paths for k, (x, y) in enumerate(path)]
    rows += [["grid_log_loss", "", "", "", x, y, z3(x, y)]
             for y in g3 for x in g3]
    write_csv(args.csv, ["kind", "optimizer", "start", "step", "x", "y", "z"],
              rows)
if plt:
    X3, Y3 = np.meshgrid(g3, g3)
    ax = plt.figure(figsize=(8, 7)).add_subplot(projection="3d")
    ax.plot_surface(X3, Y3, np.vectorize(z3)(X3, Y3), cmap="viridis",
                    alpha=0.7)
    for name, i, path in paths:
        ax.plot(*zip(*[(x, y, z3(x, y)) for x, y in path]),
                label="%s from start %d" % (name, i))
    ax.view_init(elev=elevation, azim=azimuth)
    ax.set(xlabel="x", ylabel="y", zlabel="log(L + 0.5)")
    ax.legend()
    plt.show()
