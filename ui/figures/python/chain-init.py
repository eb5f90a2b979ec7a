# --- Eight runs: initial weights 0.70, 0.75, ..., 1.05, depth weights ---
runs = []
for k in range(8):
    init = round(70 + 5 * k) / 100  # the double nearest 0.80, as dlnlab's
    runs.append(("initial weights %.2f" % init,
                 train_chain(depth, init, lr, epochs)))

if args.csv:
    write_csv(args.csv, ["curve", "label", "x", "y"],
              [[str(k), label, e, loss] for k, (label, losses) in
               enumerate(runs) for e, loss in enumerate(losses)])
if plt:
    plt.figure(figsize=(12, 6))
    for label, losses in runs:
        plt.semilogy(losses, linewidth=3, label=label)
    plt.xlabel("epochs")
    plt.ylabel("Log mean squared error")
    plt.title("Training a %d-layer narrow LNN with $\\eta$=%g (%d weights)"
              % (depth, lr, depth))
    plt.legend(loc="lower left", ncol=4)
    plt.show()
