# --- The data: the course's tree drawn afresh, Y [items, features] in +-1 ---
Y = sample_tree(seed)
X = torch.eye(Y.shape[0])
tracked = None                   # the prediction D17 tracks: none here
