# --- Backward: each intermediate keeps its gradient (retain_grad), then
# one backward() from the output fills .grad down to the inputs ---
if stage == "backward" and output.requires_grad:
    for role, label, v in nodes:
        if v.requires_grad and not v.is_leaf:
            v.retain_grad()
    output.backward()


def local_derivatives(function, inputs):
    """An operation's partial derivatives at its inputs' values, each input
    a leaf of its own: the numbers on the figure's edges."""
    leaves = [torch.tensor(nodes[i][2].item(), requires_grad=True)
              for i in inputs]
    return torch.autograd.grad(function(*leaves), leaves)


def gradient(role, v):
    if stage != "backward" or role == "constant":
        return math.nan
    return 0.0 if v.grad is None else v.grad.item()  # None: no path to f


values = [math.nan if stage == "structure" else v.item()
          for role, label, v in nodes]
rows = [["value", str(i), "", "", role, label, values[i], gradient(role, v),
         ""] for i, (role, label, v) in enumerate(nodes)]
edges = []
for k, (symbol, inputs, out, function) in enumerate(ops):
    op = len(nodes) + k
    rows.append(["op", str(op), "", "", nodes[out][0], symbol, math.nan,
                 math.nan, ""])
    for i, d in zip(inputs, local_derivatives(function, inputs)):
        edges.append([str(i), str(op), d.item()])
    edges.append([str(op), str(out), math.nan])
rows += [["edge", str(j), a, b, "", "", "", "", d]
         for j, (a, b, d) in enumerate(edges)]

# --- Output: the figure's table (the graph itself is drawn by dlnlab) ---
if args.csv:
    write_csv(args.csv, ["kind", "index", "from", "to", "role", "label",
                         "value", "grad", "local"], rows)
print("f = %s" % expr)
for (role, label, v), value in zip(nodes, values):
    print("%-12s %-6s value %-12.6g grad %.6g"
          % (role, label, value, gradient(role, v)))
