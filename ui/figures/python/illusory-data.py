# --- The illusory-correlation preset: one item renamed and one feature
# appended, which the demo tracks (the course's sharks and parrots) ---
if dataset == "tree-shark":
    tracked_item, item_names[0], feature = 0, "Shark", "has_bones"
    column = [-1, 1, 1, 1, -1, -1, -1, -1]
else:
    tracked_item, item_names[3], feature = 3, "Parrot", "cannot_speak"
    column = [1, 1, 1, -1, 1, 1, 1, 1]
Y = torch.cat([Y, torch.tensor(column, dtype=Y.dtype)[:, None]], dim=1)
tracked_feature = Y.shape[1] - 1
