# --- A single neuron y_hat = tanh(w x + b), loss L = (y - y_hat)^2 ---
x = torch.tensor(x)
y = torch.tensor(y)
w = torch.tensor(w, requires_grad=True)      # parameters: gradients wanted
b = torch.tensor(b, requires_grad=True)
y_hat = torch.tanh(w * x + b)
L = (y - y_hat) ** 2
L.backward()                                 # reverse mode: w.grad, b.grad

# --- The same gradients by hand (chain rule) ---
dL_dyhat = -2 * (y - y_hat.item()) * (1 - y_hat.item() ** 2)
analytic = {"w": (x * dL_dyhat).item(), "b": dL_dyhat.item()}
autograd = {"w": w.grad.item(), "b": b.grad.item()}

if args.csv:
    rows = []
    for name in ("w", "b"):
        a, g = analytic[name], autograd[name]
        match = abs(a - g) <= 1e-12 * max(1.0, abs(a), abs(g))
        rows.append(["dL/d" + name, a, g, abs(a - g), str(int(match))])
    for name, v in (("x", x), ("y", y), ("w", w), ("b", b),
                    ("yhat", y_hat), ("loss", L)):
        rows.append([name, v.item(), "", "", ""])
    write_csv(args.csv, ["quantity", "analytic", "autograd", "abs_diff",
                         "match"], rows)
for name in ("w", "b"):
    print("dL/d%s: by hand %.17g, autograd %.17g"
          % (name, analytic[name], autograd[name]))
