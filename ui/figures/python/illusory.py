# --- Output: the tracked prediction and the singular values; in theory the
# prediction is sum_k a_k U[feature, k] Vt[k, item] ---
prediction = predictions + [math.nan] * (epochs - len(predictions))
prediction_theory = (np.where(np.isnan(theory_u[0]), 0.0, theory_u)
                     @ (U[tracked_feature] * Vt[:, tracked_item]))
if args.csv:
    write_csv(args.csv, *dynamics_table(prediction, prediction_theory))
if plt:
    fig, ax = plt.subplots(figsize=(10, 5))
    plot_dynamics(ax, prediction, prediction_theory[:epochs], "prediction",
                  "Prediction for %s %s" % (item_names[tracked_item], feature))
    ax.set_ylim(-1.05, 1.05)
    ax.set_title("Network training and the Illusory Correlations")
    plt.show()
