# --- The game's current run: `depth` weights (the game counts weights),
# each starting at 0.9 ---
losses = train_chain(depth, 0.9, lr, epochs)


def learning_time(losses):
    """The game's rule: the first epoch from which the loss stays below
    1e-2 to the end, or None when it never settles there."""
    first = None
    for e in reversed(range(len(losses))):
        if not losses[e] < 1e-2:              # NaN is not below
            break
        first = e
    return first


# --- The registered points (depth, eta, learning time): the listed
# DEPTH:LR pairs, or ("auto") for each depth 10, 20, ..., 60 the slider's
# eta 0.005, 0.010, ..., 0.105 that learns fastest ---
points = []
if registered == "auto":
    for d in range(10, 70, 10):
        best = None
        for k in range(1, 22):
            t = learning_time(train_chain(d, 0.9, 0.005 * k, epochs))
            if t is not None and (best is None or t <= best[1]):
                best = (0.005 * k, t)
        if best:
            points.append((d, best[0], best[1]))
elif registered != "none":
    for pair in registered.split(","):
        d, eta = int(pair.split(":")[0]), float(pair.split(":")[1])
        points.append((d, eta, learning_time(train_chain(d, 0.9, eta,
                                                         epochs))))

if args.csv:
    rows = [[str(e), loss] for e, loss in enumerate(losses)]
    rows += [[], ["depth", "lr", "time"]]
    rows += [[float(d), eta, float(t)] for d, eta, t in points]
    write_csv(args.csv, ["epoch", "loss"], rows)
if plt:
    fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(15, 4))
    ax1.semilogy(losses, color="m")
    ax1.set(xlabel="epochs", ylabel="loss",
            title="%d weights, $\\eta$=%.3f" % (depth, lr))
    if points:
        ds, etas, ts = zip(*points)
        ax2.plot(ds, ts, "o-")
        ax3.plot(ds, etas, "o-")
    ax2.set(xlabel="depth", ylabel="learning time (epochs)")
    ax3.set(xlabel="depth", ylabel="best $\\eta$")
    plt.show()
