# --- The surfaces f(w), w = (x, y): dlnlab's built-ins, written as torch
# expressions so autograd gives the gradient ---
xs = torch.arange(10) / 9.0          # shallow net: gen_samples(10, 1, 0),
Sxx = Sxy = Syy = (xs * xs).mean()   # y = x
SURFACES = {  # name: (f(x, y), view box xmin, xmax, ymin, ymax)
    # L = mean((y - w2 w1 x)^2) = Syy - 2 p Sxy + p^2 Sxx, p = w1 w2
    "shallow-net": (lambda x, y: Syy - 2.0 * (x * y) * Sxy
                    + (x * y) * (x * y) * Sxx, (-1.9, 1.9, -1.9, 1.9)),
    "ripple": (lambda x, y: torch.sin(x * x + y * y), (-3, 3, -3, 3)),
    "quadratic": (lambda x, y: 0.5 * (x * x + 10.0 * y * y), (-2, 2, -2, 2)),
    "rosenbrock": (lambda x, y: (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2,
                   (-2, 2, -1, 3)),
    "himmelblau": (lambda x, y: (x * x + y - 11.0) ** 2
                   + (x + y * y - 7.0) ** 2, (-5, 5, -5, 5)),
    "beale": (lambda x, y: (1.5 - x + x * y) ** 2
              + (2.25 - x + x * (y * y)) ** 2
              + (2.625 - x + x * (y * y * y)) ** 2, (-4.5, 4.5, -4.5, 4.5)),
    "saddle": (lambda x, y: x * x - y * y, (-2, 2, -2, 2)),
    "plateau": (lambda x, y: 1.0 - torch.exp(-(x * x + y * y)),
                (-3, 3, -3, 3)),
}
# a typed surface (expr) is h above, on dlnlab's box for typed surfaces
f, (xmin, xmax, ymin, ymax) = ((h, (-3, 3, -3, 3)) if expr
                               else SURFACES[surface])


def make_optimizer(name, params):
    """The landscape page's settings: one slider is the momentum, the
    Nesterov mu and Adam's beta1; everything else torch's defaults."""
    if name == "sgd" or (name == "nesterov" and momentum == 0):
        return torch.optim.SGD(params, lr=lr)
    if name == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=momentum)
    if name == "nesterov":
        return torch.optim.SGD(params, lr=lr, momentum=momentum,
                               nesterov=True)
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr=lr)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr)
    return torch.optim.Adam(params, lr=lr, betas=(momentum, 0.999))


def descend(name, x0, y0):
    """Points of `epochs` steps from (x0, y0); a final NaN point when the
    run diverges (NaN or Inf, or beyond 1e12)."""
    w = torch.tensor([x0, y0], requires_grad=True)
    optimizer = make_optimizer(name, [w])
    path = [(x0, y0)]
    for step in range(epochs):
        optimizer.zero_grad()
        f(w[0], w[1]).backward()
        optimizer.step()
        x, y = w.tolist()
        if not (abs(x) <= 1e12 and abs(y) <= 1e12
                and math.isfinite(f(w[0], w[1]).item())):
            path.append((math.nan, math.nan))
            break
        path.append((x, y))
    return path


ORDER = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
chosen = [o for o in ORDER if o in optimizers.replace(" ", "").split(",")]
points = [tuple(float(v) for v in p.split(",")) for p in starts.split(";")]
paths = [("sgd" if name == "nesterov" and momentum == 0 else name, i,
          descend(name, x0, y0))
         for i, (x0, y0) in enumerate(points) for name in chosen]

# --- The heatmap: log(L + 0.001) on a 161 x 161 grid (shifted by the
# grid's minimum when the surface goes negative) ---
n = 161
gx = xmin + torch.arange(n) * ((xmax - xmin) / (n - 1))
gy = ymin + torch.arange(n) * ((ymax - ymin) / (n - 1))
with torch.no_grad():
    F = torch.broadcast_to(f(gx[None, :], gy[:, None]), (n, n))  # [y, x]
fmin = min(0.0, F[torch.isfinite(F)].min().item())
Z = torch.log(F - fmin + 0.001)
