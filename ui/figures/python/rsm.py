# --- The hidden layer's representational similarity at the chosen epoch:
# H H^T (dot products, the course) or cosine similarities ---
if epoch >= epochs:
    raise SystemExit("epoch %d is past the last epoch (%d)"
                     % (epoch, epochs - 1))
rsm = rsms[epoch] if epoch < len(rsms) else np.full((n_items, n_items),
                                                    math.nan)
if similarity == "cosine":
    d = np.sqrt(np.maximum(np.diag(rsm), 0))
    norm = np.outer(d, d)
    rsm = np.where(norm > 0, rsm / np.where(norm > 0, norm, 1), 0.0)

# --- Output: the figure's numbers, then the figure ---
if args.csv:
    header, rows = dynamics_table(losses, theory_loss)
    rows.append([])
    rows.append(["item"] + item_names)
    rows += [[name] + list(r) for name, r in zip(item_names, rsm)]
    write_csv(args.csv, header, rows)
if plt:
    fig, (ax, ax_rsm) = plt.subplots(1, 2, figsize=(14, 5))
    plot_dynamics(ax, losses, theory_loss[:epochs], "loss",
                  "Mean Squared Error")
    ax.axvline(epoch, color="grey", alpha=0.5)
    scale = 1.0 if similarity == "cosine" else max(
        np.nanmax(m) for m in rsms)     # the course: max over all epochs
    ax_rsm.imshow(rsm / scale, cmap="Greys", vmin=0, vmax=1)
    ax_rsm.set_xticks(range(n_items), item_names, rotation=90)
    ax_rsm.set_yticks(range(n_items), item_names)
    ax_rsm.set_title("RSM at epoch %d" % epoch)
    plt.show()
