if args.csv:
    rows = [["path", name, str(i), str(k), x, y, ""]
            for name, i, path in paths for k, (x, y) in enumerate(path)]
    rows += [["grid_log_loss", "", "", "", xmin + (xmax - xmin) * i / (n - 1),
              ymin + (ymax - ymin) * j / (n - 1), Z[j, i].item()]
             for j in range(n) for i in range(n)]
    write_csv(args.csv, ["kind", "optimizer", "start", "step", "x", "y", "z"],
              rows)
if plt:
    plt.figure(figsize=(8, 7))
    plt.imshow(Z, origin="lower", extent=(xmin, xmax, ymin, ymax),
               cmap="viridis", aspect="auto")
    plt.colorbar(label="log(L + 0.001)")
    for name, i, path in paths:
        px, py = zip(*path)
        plt.plot(px, py, ".-", label="%s from start %d" % (name, i))
    plt.xlim(xmin, xmax)
    plt.ylim(ymin, ymax)
    plt.legend()
    plt.show()
