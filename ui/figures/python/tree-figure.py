# --- What the figure shows: the one-hot labels and the features, +-1
# (the table's 0 as -1); all of the table's columns, a draw's last ones ---
Y_pm = torch.where(Y == 0, -1.0, Y) if dataset == "tree-table" else Y
shown = min(features, Y.shape[1])
first = 0 if dataset == "tree-table" else Y.shape[1] - shown
shown_Y = Y_pm[:, first:first + shown]
if dataset == "tree-table":
    names = feature_names
else:                            # the draw's columns count from f1 again
    names = ["f%d" % (j + 1) for j in range(shown - 1)] + [feature_names[-1]]

if args.csv:
    write_csv(args.csv, ["item"] + names[:shown],
              [[item_names[i]] + shown_Y[i].tolist()
               for i in range(len(item_names))])
if plt:
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 7))
    ax1.imshow(2 * X - 1, cmap="gray")
    ax1.set_title("Labels (one-hot)")
    ax1.set_yticks(range(len(item_names)), item_names)
    ax2.imshow(shown_Y, cmap="gray", aspect="auto")
    ax2.set_title("Features")
    ax2.set_xticks(range(shown), names[:shown], rotation=90)
    plt.show()
