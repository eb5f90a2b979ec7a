def write_csv(path, header, rows):
    """The columns of `dlnlab-cli export ... --out FILE.csv`."""
    with open(path, "w") as f:
        for row in [header] + rows:
            f.write(",".join(v if isinstance(v, str) else "%.17g" % v
                             for v in row) + "\n")


def pyplot():
    """matplotlib.pyplot, or None when it is missing or not wanted."""
    if args.no_plot:
        return None
    try:
        import matplotlib.pyplot as plt
        return plt
    except ImportError:
        print("matplotlib is not installed: skipping the figure")
