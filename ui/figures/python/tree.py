def sample_tree(seed):
    """The settings' tree, Y [items, features] in +-1: per feature, per node
    breadth first, a sign that flips with probability p, times its parent's."""
    rng = DlnRng(seed)
    n_nodes = sum(branches ** d for d in range(levels + 1))
    n_items = branches ** levels
    Y = np.empty((n_items, n_features))
    value = [0.0] * n_nodes
    for f in range(n_features):
        for k in range(n_nodes):
            p = p_flip_root if k == 0 else p_flip
            s = 1.0 if rng.uniform() > p else -1.0
            value[k] = s if k == 0 else s * value[(k - 1) // branches]
        Y[:, f] = value[n_nodes - n_items:]
    return torch.tensor(Y)


def course_init(rng, n_in, n_out, gamma):
    """N(0, sigma^2), sigma = gamma / sqrt(n_in + n_out), row by row."""
    sd = gamma / math.sqrt(n_in + n_out)
    w = [rng.normal(0.0, sd) for _ in range(n_in * n_out)]
    return torch.tensor(w).reshape(n_out, n_in)
