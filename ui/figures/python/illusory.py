# --- Output: the tracked prediction and the singular values ---
prediction = predictions + [math.nan] * (epochs - len(predictions))
if args.csv:
    write_csv(args.csv, *dynamics_table(prediction))
if plt:
    fig, ax = plt.subplots(figsize=(10, 5))
    plot_dynamics(ax, prediction, None, "prediction",
                  "Prediction for %s %s" % (item_names[tracked_item], feature))
    ax.set_ylim(-1.05, 1.05)
    ax.set_title("Network training and the Illusory Correlations")
    plt.show()
