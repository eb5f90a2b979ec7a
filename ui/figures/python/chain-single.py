# --- One run: depth + 1 weights ---
if lr == 0:                      # the course's rule for the depth demo
    lr = 0.02 if depth == 0 else 0.01
losses = train_chain(depth + 1, init, lr, epochs)

if args.csv:
    write_csv(args.csv, ["curve", "label", "x", "y"],
              [["0", "", e, loss] for e, loss in enumerate(losses)])
if plt:
    plt.figure(figsize=(10, 5))
    plt.semilogy(losses, color="m", linewidth=3)
    plt.xlabel("epochs")
    plt.ylabel("Log mean squared error")
    plt.title("Training a %d-layer LNN with $\\eta$=%.3g initialized with "
              "$w_i$=%g (%d weights)" % (depth, lr, init, depth + 1))
    plt.show()
