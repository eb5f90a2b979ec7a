# --- The data: items (one-hot inputs X) and their features Y ---
item_names = ["Goldfish", "Tuna", "Robin", "Canary",
              "Rose", "Daisy", "Pine", "Oak"]
if dataset == "tree-table":      # the course's named table (embedded above)
    Y = torch.tensor(table)
    feature_names = table_features
else:                            # a fresh draw of the tree
    Y = sample_tree(seed)
    feature_names = ["f%d" % (j + 1) for j in range(n_features)]
# The illusory-correlation presets: one item renamed and one feature
# appended, which the demo tracks (the course's sharks and parrots).
if dataset == "tree-shark":
    tracked_item, item_names[0], feature = 0, "Shark", "has_bones"
    column = [-1, 1, 1, 1, -1, -1, -1, -1]
elif dataset == "tree-parrot":
    tracked_item, item_names[3], feature = 3, "Parrot", "cannot_speak"
    column = [1, 1, 1, -1, 1, 1, 1, 1]
if dataset in ("tree-shark", "tree-parrot"):
    Y = torch.cat([Y, torch.tensor(column, dtype=Y.dtype)[:, None]], dim=1)
    feature_names.append(feature)
    tracked_feature = Y.shape[1] - 1
X = torch.eye(Y.shape[0])
tracked = ((tracked_item, tracked_feature)
           if dataset in ("tree-shark", "tree-parrot") else None)
