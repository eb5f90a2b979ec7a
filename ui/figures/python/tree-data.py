# --- The data: 8 items (one-hot inputs) and their tree features ---
item_names = ["Goldfish", "Tuna", "Robin", "Canary",
              "Rose", "Daisy", "Pine", "Oak"]
Y = torch.tensor(sample_tree(seed, n_features, levels, branches, p_flip,
                             p_flip_root))
X = torch.eye(Y.shape[0])
