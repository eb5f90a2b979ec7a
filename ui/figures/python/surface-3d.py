# --- The course's 3-D view: log(L + 0.5) on the grid and along each path ---
with torch.no_grad():
    Z = torch.log(loss(W1, W2) + 0.5)
path_z = [[math.log(loss(w1, w2).item() + 0.5) if math.isfinite(w1)
           else math.nan for w1, w2 in path] for path in paths]

if args.csv:
    rows = [["grid", str(j * samples + i), -1.9 + step * i, -1.9 + step * j,
             Z[j, i].item()] for j in range(samples) for i in range(samples)]
    rows += [["path%d" % k, str(i), w1, w2, z]
             for k, path in enumerate(paths)
             for i, ((w1, w2), z) in enumerate(zip(path, path_z[k]))]
    write_csv(args.csv, ["kind", "index", "w1", "w2", "z"], rows)
if plt:
    ax = plt.figure(figsize=(10, 7)).add_subplot(projection="3d")
    ax.plot_surface(W1, W2, Z, cmap="viridis", alpha=0.5)
    for k, path in enumerate(paths):
        ax.plot(*zip(*path), path_z[k], label="GD from start %d" % k)
    ax.view_init(elev=elevation, azim=azimuth)
    ax.set(xlabel="w1", ylabel="w2", zlabel="log(L + 0.5)")
    ax.legend()
    plt.show()
