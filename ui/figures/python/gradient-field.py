# --- z = h(x, y) on the grid (x across, y up: Z[j, i] = h(x_i, y_j)) ---
step = 2 * extent / (samples - 1)
g = -extent + torch.arange(samples) * step        # as dlnlab: xmin + i dx
X, Y = torch.meshgrid(g, g, indexing="xy")
with torch.no_grad():
    Z = torch.broadcast_to(h(X, Y), X.shape)


# --- The gradient at the arrows, by autograd: x and y are leaves that
# require gradients; backward() fills x.grad and y.grad ---
def gradient(x0, y0):
    x = torch.tensor(x0, requires_grad=True)
    y = torch.tensor(y0, requires_grad=True)
    z = h(x, y)
    if not z.requires_grad:                       # h is a constant
        return 0.0, 0.0
    dzdx, dzdy = torch.autograd.grad(z, (x, y), allow_unused=True)
    return (0.0 if dzdx is None else dzdx.item(),  # h does not use x
            0.0 if dzdy is None else dzdy.item())  # or y


a = [-arrow_extent + 2 * arrow_extent * i / (arrows - 1)
     for i in range(arrows)]
field = [(ax, ay) + gradient(ax, ay) for ay in a for ax in a]

if args.csv:
    rows = [["grid", -extent + 2 * extent * i / (samples - 1),
             -extent + 2 * extent * j / (samples - 1), Z[j, i].item(), "", ""]
            for j in range(samples) for i in range(samples)]
    rows += [["arrow", ax, ay, "", u, v] for ax, ay, u, v in field]
    write_csv(args.csv, ["kind", "x", "y", "z", "dzdx", "dzdy"], rows)
if plt:
    plt.figure(figsize=(8, 7))
    plt.contourf(X, Y, Z, levels=levels, cmap="viridis")
    plt.colorbar(label="z")
    ax, ay, u, v = zip(*field)
    plt.quiver(ax, ay, u, v, color="white", scale=quiver_scale,
               scale_units="width")
    plt.title("Gradient vectors of z = " + expr)
    plt.xlabel("x")
    plt.ylabel("y")
    plt.show()
