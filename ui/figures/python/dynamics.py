# --- Output: the figure's numbers, then the figure ---
if args.csv:
    write_csv(args.csv, *dynamics_table(losses, theory_loss))
if plt:
    fig, ax = plt.subplots(figsize=(10, 5))
    plot_dynamics(ax, losses, theory_loss[:epochs], "loss",
                  "Mean Squared Error")
    ax.set_title("Learning Dynamics")
    plt.show()
