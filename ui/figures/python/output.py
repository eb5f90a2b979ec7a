def write_csv(path, header, rows):
    """The columns of `dlnlab-cli export ... --out FILE.csv`."""
    with open(path, "w") as f:
        for row in [header] + rows:
            f.write(",".join(v if isinstance(v, str) else "%.17g" % v
                             for v in row) + "\n")
