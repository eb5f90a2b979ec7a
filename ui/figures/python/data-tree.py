# --- The data: the course's tree drawn afresh, one-hot items X and their
# features Y [items, n_features] in +-1 ---
Y = torch.tensor(sample_tree(seed, n_features, levels, branches, p_flip,
                             p_flip_root))
X = torch.eye(Y.shape[0])
tracked = None                   # the prediction D17 tracks: none here
