# --- The data: the course's tree drawn afresh, Y [items, features] in +-1 ---
Y = torch.tensor(sample_tree(seed, n_features, levels, branches, p_flip,
                             p_flip_root))
X = torch.eye(Y.shape[0])
tracked = None                   # the prediction D17 tracks: none here
