def dynamics_table(primary, primary_theory=None):
    """dlnlab's CSV: the primary curve, the singular values after each step
    and, with theory, their theory curves."""
    header = ["epoch", "primary"] + (["primary_theory"] if theory else [])
    header += ["sv%d" % (k + 1) for k in range(K)]
    header += ["theory%d" % (k + 1) for k in range(K) if theory]
    rows = [[str(e), primary[e]] + ([primary_theory[e]] if theory else [])
            + list(svs[e]) + (list(theory_u[e + 1]) if theory else [])
            for e in range(epochs)]
    return header, rows


def plot_dynamics(ax, primary, primary_theory, label, ylabel):
    ax.plot(primary, "k", label=label)
    if theory:
        ax.plot(primary_theory, "k--", label=label + " (theory)")
    ax.set(xlabel="Epoch", ylabel=ylabel)
    ax2 = ax.twinx()
    ax2.plot(np.array(svs))
    if theory:
        ax2.set_prop_cycle(None)
        ax2.plot(theory_u[1:], "--")
    ax2.set_ylabel("Singular values (modes)")
    ax.legend(loc="center right")
