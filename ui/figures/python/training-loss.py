# --- Output: the figure's numbers, then the figure ---
if args.csv:
    write_csv(args.csv, ["curve", "label", "x", "y"],
              [["0", "", e, loss] for e, loss in enumerate(losses)])
if plt:
    plt.figure(figsize=(10, 5))
    plt.plot(losses)
    if log:
        plt.yscale("log")
    plt.xlabel("Epoch")
    plt.ylabel("Mean Squared Error")
    plt.title("Training loss")
    plt.show()
